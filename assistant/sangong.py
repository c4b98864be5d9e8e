"""The three parts of the 三公 经费 (因公出国（境）费, 公务用车购置及运行费, 公务接待费) as a 三公 table prints
them — one row, its columns the parts — ranked, and the table's 合计 as the whole of '占三公经费'."""
from __future__ import annotations

import re
from decimal import Decimal

from assistant import calculator as calc
from assistant.answer import Answer
from assistant.citing import _name, cite
from assistant.conditions import nonzero_asked
from assistant.library import DocFacts
from assistant.understand import Question, label_core
from ingest.model import TableFact

_PARTS = (("因公出国（境）费", r"出国"), ("公务用车购置及运行费", r"公务用车|车辆"), ("公务接待费", r"接待"))


def sangong_parts(df: DocFacts, final: bool) -> dict[str, TableFact]:
    """The three parts of the 三公 table (因公出国（境）费, 公务用车购置及运行费 as its 小计, 公务接待费),
    each its first cell in the table; in a 决算 the 决算数 side unless the budget is asked."""
    cells = [f for f in df.facts if "三公" in f.table_title and f.value is not None and f.unit in calc.UNITS_IN_YUAN]
    out: dict[str, TableFact] = {}
    for name, pat in _PARTS:
        mine = [f for f in cells if re.search(pat, f.column + f.row_label) and not re.search(r"购置费|运行费$|运行维护费$", (
            f.column.split("/")[-1] if not re.search(r"预算数|决算数", f.column.split("/")[-1]) else f.column.split("/")[-2]))]
        if mine:
            sided = [f for f in mine if ("决算" if final else "预算") in f.column.split("/")[-1]] or mine
            out[name] = min(sided, key=lambda f: (f.table_no, f.row_no))
    return out


def sangong_total(df: DocFacts) -> TableFact | None:
    """The 合计 of the 三公 table ('“三公”经费预算数/合计'), the whole that '占三公经费' names."""
    return next((f for f in df.facts if "三公" in f.table_title and f.value and f.column.split("/")[-1] == "合计"
                 and "三公" in f.column.split("/")[0] and (f.column.count("/") == 1 or not label_core(f.row_label))), None)


def rank_sangong(q: Question, df: DocFacts, places: dict[int, str]) -> Answer | None:
    """'三公经费里哪一项最多': the parts ranked, all listed, the one asked cited first; None when fewer than
    two parts are printed (never another table's rows in their place)."""
    doc = df.document
    parts = sangong_parts(df, final=doc.kind == "决算" and not re.search(r"预算数|年初预算", q.text))
    if len(parts) < 2:
        return None
    rows = sorted(parts.items(), key=lambda x: x[1].value, reverse=q.descending)
    if re.search(r"哪.{0,3}(?:是|为|等于)(?:零|0)|哪.{0,3}没(?:有)?(?:安排|钱|预算)", q.text):
        # ('三公经费里哪一块是零'): the parts of 0, all three listed
        zero = [(n, f) for n, f in parts.items() if not f.value]
        listing = "；".join(f"{n} {f.value}{f.unit}" for n, f in parts.items())
        if not zero:
            return Answer(text=f"{_name(doc)}“三公”经费三项都不为零（{listing}）。来源：《{doc.source}》第{rows[0][1].page}页。",
                          value=None, unit=None, citations=[cite(doc, f) for _, f in parts.items()], kind="rank")
        return Answer(text=f"{_name(doc)}“三公”经费中为零的是：{'、'.join(n for n, _ in zero)}（三项依次为：{listing}）。"
                           f"来源：《{doc.source}》第{zero[0][1].page}页《{zero[0][1].table_title}》。",
                      value=Decimal(0), unit=zero[0][1].unit, citations=[cite(doc, f) for _, f in zero] +
                      [cite(doc, f) for _, f in parts.items() if f.value], kind="rank")
    if nonzero_asked(q.text):  # ('不为零的几项中最少的'): a part of 0 is not ranked, still listed
        listed, rows = rows, [r for r in rows if r[1].value]
        if not rows:
            return None
    else:
        listed = rows
    pick = rows[q.nth - 1: q.nth] if q.nth else rows[:1]
    if not pick:
        return None
    name, top = pick[0]
    listing = "；".join(f"{n} {f.value}{f.unit}" for n, f in listed)
    word = f"排第{places.get(q.nth, str(q.nth))}" if q.nth > 1 else "最大" if q.descending else "最小"
    return Answer(text=f"{_name(doc)}“三公”经费中金额{word}的一项{'（不计为零的）' if len(listed) != len(rows) else ''}：{name} {top.value}{top.unit}（三项依次为：{listing}）。"
                       f"来源：《{doc.source}》第{top.page}页《{top.table_title}》。",
                  value=top.value, unit=top.unit, citations=[cite(doc, top)] + [cite(doc, f) for _, f in listed if f is not top],
                  kind="rank")


_SANGONG_PARTS = (("运行", "公务用车"), ("购置", "公务用车"), ("接待", "公务接待"), ("出国", "出国"))


def sangong_cell(df: DocFacts, f: TableFact) -> TableFact:
    """The 三公 table's cell for the part an economic-classification row names (公务用车运行维护费 →
    公务用车购置及运行费/运行费) when it prints the same amount to its own rounding; else f itself."""
    part = next((p for p in _SANGONG_PARTS if p[0] in f.row_label and p[1][:2] in f.row_label), None)
    if "三公" in f.table_title or part is None or f.value is None or f.unit not in calc.UNITS_IN_YUAN:
        return f
    amount = calc.convert(f.value, f.unit, "元")
    for g in df.facts:
        leaf = g.column.split("/")[-1]
        if "三公" in g.table_title and g.value is not None and g.unit in calc.UNITS_IN_YUAN and part[0] in leaf \
                and part[1] in g.column and abs(calc.convert(g.value, g.unit, "元") - amount) <= calc.convert(
                    Decimal("0.005"), g.unit, "元") + Decimal("0.5"):
            return g
    return f
