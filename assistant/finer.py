"""'精确到元', '精确到分': a figure a 万元 table prints to hundreds of 元 ('退役军人（平安物资贸易有限公司）97.73万元'),
read where the same document prints the same item in 元 (its performance form: 年度资金总额 977328.96元). The
finer figure must round to the coarse one and stand in a table or row that names the item; a sum adds the
finer figures of every part, or keeps the coarse answer when one part has none."""
from __future__ import annotations

import dataclasses
import re
from decimal import Decimal

from assistant.answer import Answer, Calculation, Citation
from assistant.understand import bigrams, label_core

_FINE = re.compile(r"精确到(?:元|分|角)|具体到(?:元|分)|(?:到|精确到)小数点后两位的?元|精确(?:的|到个位)|精确数|精确(?:是|为)?多少|精确的?值|按元(?:填报|填列|列示|填)")


def _coarse(c: Citation) -> Decimal | None:
    """The cited amount in 元 when the cell was printed in 万元 to at most two decimals, else None."""
    m = re.fullmatch(r"\s*(-?\d[\d,]*(?:\.\d{1,2})?)\s*万元\s*", c.quote or "")
    return Decimal(m.group(1).replace(",", "")) * 10000 if m else None


def _finer_cell(lib, c: Citation, coarse: Decimal):
    """The cell of the same document, in 元, that rounds to the coarse amount and names the cited item."""
    item = bigrams(label_core(re.sub(r"[（）()]", "", c.row_label)))
    if len(item) < 2:
        return None
    best, best_cov = None, (0.0, False)
    for f in lib.facts(c.doc_id).facts:
        if f.unit != "元" or f.value is None or f.value == coarse or abs(f.value - coarse) > 50:
            continue
        where = bigrams(label_core(re.sub(r"[（）()]", "", f.table_title + f.row_label)))
        cov = (len(item & where) / len(item), "年度" in f.row_label)  # (a budget's 年度资金 before the 实施期's)
        if cov[0] >= 0.8 and cov > best_cov:
            best, best_cov = f, cov
    return best


def finer(ans: Answer, question: str, lib) -> Answer:
    """The answer in 元 to the 分 where the question asks that precision and the document prints it."""
    if not _FINE.search(question) or ans.value is None or ans.unit != "元" or not ans.answerable:
        return ans
    main = [c for c in ans.citations if not c.role]
    if not main or len(main) > 1 and not (ans.calculation is not None and set(re.findall(r"[+−×÷]", ans.calculation.expression.split("；")[0])) == {"+"}):
        return ans  # (a single cell, or a plain sum of cells; no share or difference)
    found = []
    for c in main:
        coarse = _coarse(c)
        f = _finer_cell(lib, c, coarse) if coarse is not None else None
        if f is None:
            if coarse is None:
                return ans
            return dataclasses.replace(ans, text=ans.text + "（表中按万元保留两位小数列示，文件没有给出精确到元的数字）")
        found.append((c, f))
    value = sum((f.value for _, f in found), Decimal(0))
    cits = [Citation(c.doc_id, c.source, f.page, f.table_title, f.row_label, f.column, f"{f.raw or f.value}元") for c, f in found]
    expr = " + ".join(f"{label_core(c.row_label)[:14]}{f.value}" for c, f in found) + f" = {value}元"
    where = "；".join(f"{label_core(c.row_label)[:20]} 第{f.page}页《{f.table_title[:30]}》{f.row_label} {f.value}元" for c, f in found)
    text = f"精确数：{value}元（{where}）；预算表按万元保留两位小数列示：" + ans.text
    return dataclasses.replace(ans, value=value, text=text, citations=cits + list(ans.citations),
                               calculation=Calculation(expr, value, "元", tuple(cits)) if len(found) > 1 else None)
