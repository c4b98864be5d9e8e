"""Figures the asker quotes beside what they name ('三公37.91万，公务用车购置及运行费36.56万，车的钱占三公多少比例'):
each quoted figure picks the cell that prints it, so a share is computed from the cells the asker means, not
from cells found by the loose words of the asking clause ('车的钱'). A quoted figure no cell prints leaves the
question to the usual path (the asker's number is never an operand)."""
from __future__ import annotations

import re
from decimal import Decimal

from assistant import calculator as calc
from assistant.answer import Answer
from assistant.citing import cite, strip_body
from assistant.library import DocFacts, TableFact
from assistant.understand import Question, bigrams, label_core

# '公务用车购置及运行费36.56万', '三公是37.91万元': a name, then the figure and its unit
_QUOTE = re.compile(r"([\u4e00-\u9fff“”（）()]{2,24}?)(?:是|为|有|共|写的?是?|写着)?\s*(\d[\d,]*(?:\.\d+)?)\s*(万元|亿元|元|万|亿)"
                    r"(?!\s*(?:以上|以下|以内|及以上|多|余|来|左右|出头))")  # (a rough figure, '一万多', quotes no cell)


def in_yuan(number: str, unit: str) -> Decimal:
    """A figure as written ('97.73', '万') in 元."""
    return calc.convert(Decimal(number.replace(",", "").replace("，", "")), unit if unit.endswith("元") else unit + "元", "元")


def quotes(text: str) -> list[tuple[str, Decimal]]:
    """(the name, the amount in 元) of each figure the question quotes."""
    return [(re.sub(r"^(?:20\d\d年度?|年度?|的|和|与|跟|而|但|其中|那|这)+", "", m.group(1)), in_yuan(m.group(2), m.group(3)))
            for m in _QUOTE.finditer(text)]


def quoted_cell(df: DocFacts, name: str, yuan: Decimal) -> TableFact | None:
    """The cell that prints the quoted amount and shares the most of the quoted name, else None; with no name
    ('1301.09万元是多少块钱'), the first total row that prints it."""
    hits = [f for f in df.facts if f.value is not None and f.unit in calc.UNITS_IN_YUAN and "绩效" not in f.table_title
            and calc.convert(f.value, f.unit, "元") == yuan]
    if not name:
        return min(hits, key=lambda f: (not re.search(r"合计|总计", f.row_label), f.table_no, f.row_no)) if hits else None
    core = label_core(strip_body(name, df.document))
    scored = [(len(bigrams(core) & bigrams(label_core(f.row_label or f.column))), -f.table_no, f) for f in hits]
    scored = [s for s in scored if s[0] > 0]
    return max(scored, key=lambda s: s[:2])[2] if scored else None


def _nearest(words: str, names: list[str]) -> int:
    """The quoted name that shares the most characters with the words the asking clause uses."""
    chars = set(re.findall(r"[\u4e00-\u9fff]", re.sub(r"的|钱|费|用|经|支出|金额", "", words)))
    return max(range(len(names)), key=lambda i: (len(chars & set(names[i])), -i))


def quoted_share(engine, q: Question, df: DocFacts) -> Answer | None:
    """'A是X万，B是Y万，B占A多少比例': the share of the two quoted cells, the asking clause saying which is
    the part (the words before 占) and which the whole (after it)."""
    found = quotes(q.text)
    if len(found) != 2:
        return None
    ask = re.split(r"[，,。；;]", re.sub(r"[？?]\s*$", "", q.text))[-1]
    m = re.search(r"(.+?)(?:在|于)?(?:所)?占(?:了)?(.+?)(?:的)?(?:多少|几|百分|比例|比重|%)", ask)
    if not m or _QUOTE.search(ask):
        return None
    names = [n for n, _ in found]
    pi, wi = _nearest(m.group(1), names), _nearest(m.group(2), names)
    if pi == wi:
        return None
    part, whole = (quoted_cell(df, *found[pi]), quoted_cell(df, *found[wi]))
    if part is None or whole is None or part.fact_id == whole.fact_id:
        return None
    doc = df.document
    c = calc.share(calc.Operand(part.value, part.unit, cite(doc, part), label_core(part.row_label or part.column)),
                   calc.Operand(whole.value, whole.unit, cite(doc, whole), label_core(whole.row_label or whole.column)))
    what = f"{names[pi]}占{names[wi]}的比重（按问题中引用的 {part.value}{part.unit}、{whole.value}{whole.unit}）"
    return engine._finish(q, doc, c.result, "%", list(c.inputs), c, what, "share")


def quoted_lookup(q: Question, df: DocFacts) -> TableFact | None:
    """'平安物资贸易公司那批退役军人的工资福利，表上写97.73万，精确到元是多少': one quoted figure, the rest of the
    question asking it in another unit or precision: the cell that prints it (named by the words before it)."""
    asks = r"精确到|具体到|换成|换算成?|折合|折成|合多少|是多少(?:元|万元|亿元|块钱?)|多少块钱?"
    bare = re.match(r"\s*(\d[\d,]*(?:\.\d+)?)\s*(万元|亿元|元|万|亿)", q.text)
    if bare and not _QUOTE.search(q.text) and re.search(asks, q.text[bare.end():]):
        return quoted_cell(df, "", in_yuan(bare.group(1), bare.group(2)))  # ('1301.09万元到底是多少块钱？换成元写给我')
    m = _QUOTE.search(q.text)
    if m is None or len(quotes(q.text)) != 1 or not re.search(asks, q.text[m.end():]):
        return None
    return quoted_cell(df, q.text[:m.end(1)], in_yuan(m.group(2), m.group(3)))
