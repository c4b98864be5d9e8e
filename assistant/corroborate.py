"""Where else a document prints the number an answer gives: the same row's cell in its other tables.

Budget disclosures repeat their figures: the 2080501 row's 55.40万元 is on the 收支总表, the 支出总表
and the 一般公共预算支出表; 机关运行经费 is in its table and in the narrative. An answer cites the
cell the engine chose and, after it, up to two places that print the same amount for the same
row (same 科目编码, or the same row label; a total row only in the same column), or — for a
sentence — the table cell that holds the same amount under a row its subject names. A reader
(or an auditor) sees at once that the figure agrees wherever it appears; nothing is recomputed.
"""
from __future__ import annotations

import re
from dataclasses import replace
from decimal import Decimal

from assistant.answer import Answer, Citation
from assistant.citing import cite, cite_stated

ROLE = "同见"  # Citation.role of a corroborating citation
LIMIT = 2  # other table cells; a stating sentence may come on top
_TOTAL = re.compile(r"合计|总计|小计|^其中")
_MONEY = {"元": Decimal(1), "万元": Decimal(10000), "亿元": Decimal(100000000)}
_PUNCT = re.compile(r"[\s　:：、，,（）()“”\"'·.．\d]+")


def _norm(label: str) -> str:
    return _PUNCT.sub("", label or "")


def _leaf(column: str) -> str:
    return (column or "").split("/")[-1]


def _yuan(v: Decimal | None, unit: str) -> Decimal | None:
    return None if v is None or unit not in _MONEY else v * _MONEY[unit]


def _bigrams(s: str) -> set[str]:
    return {s[i:i + 2] for i in range(len(s) - 1)}


def _same_row(f, f0) -> bool:
    if f0.subject_code and f.subject_code:
        return f.subject_code == f0.subject_code
    label = _norm(f0.row_label)
    if not label or _norm(f.row_label) != label:
        return False
    return not _TOTAL.search(label) or _leaf(f.column) == _leaf(f0.column)


def corroborate(ans: Answer, library, limit: int = LIMIT) -> Answer:
    """The answer with up to `limit` more citations of the same amount for the same row elsewhere."""
    if not ans.answerable or ans.value is None or ans.value == 0 or ans.calculation is not None \
            or len(ans.citations) != 1:
        return ans
    c = ans.citations[0]
    try:
        df = library.facts(c.doc_id)
    except KeyError:
        return ans
    doc = df.document
    if c.column:  # a table cell
        f0 = next((f for f in df.facts if f.page == c.page and f.table_title == c.table_title
                   and f.row_label == c.row_label and f.column == c.column and f.value is not None), None)
        if f0 is None:
            return ans
        found, tables = [], {f0.table_no}
        for f in df.facts:
            if f.table_no in tables or f.value != f0.value or f.unit != f0.unit or not _same_row(f, f0):
                continue
            found.append(f)
            tables.add(f.table_no)
        extra = [replace(cite(doc, f), role=ROLE) for f in sorted(found, key=lambda f: (f.page, f.table_no))[:limit]]
        # and the sentence that states the same amount for what the cell is (机关运行经费 in its table and
        # in the text): named by the row, else the column, else the table when those are totals or blank
        name = next((_norm(x) for x in (f0.row_label, _leaf(f0.column), f0.table_title)
                     if _norm(x) and not _TOTAL.fullmatch(_norm(x).removeprefix("部门").removeprefix("本年"))), "")
        want, grams = _yuan(f0.value, f0.unit), _bigrams(name)
        best = max(((len(grams & _bigrams(_norm(st.subject))), st) for st in df.stated
                    if st.kind == "amount" and _yuan(st.value, st.unit) == want), default=(0, None), key=lambda x: x[0])
        if best[0] >= 3:
            extra.append(replace(cite_stated(doc, best[1]), role=ROLE))
        return replace(ans, citations=[c, *extra]) if extra else ans
    else:  # a sentence: the cell with the same amount under a row its subject names
        st = next((s for s in df.stated if s.page == c.page and s.sentence == c.quote and s.value is not None
                   and _yuan(s.value, s.unit) == _yuan(ans.value, ans.unit or "")), None)
        if st is None or st.kind != "amount":
            return ans
        want, subject = _yuan(st.value, st.unit), _bigrams(_norm(st.subject))
        found, tables = [], set()
        for f in df.facts:
            if f.table_no in tables or _yuan(f.value, f.unit) != want:
                continue
            if len(subject & _bigrams(_norm(f.row_label) + _norm(_leaf(f.column)))) < 2:
                continue
            found.append(f)
            tables.add(f.table_no)
    extra = [replace(cite(doc, f), role=ROLE) for f in sorted(found, key=lambda f: (f.page, f.table_no))[:limit]]
    return replace(ans, citations=[c, *extra]) if extra else ans


def corroborations(ans: Answer) -> list[Citation]:
    """The citations that only corroborate (the same amount elsewhere)."""
    return [c for c in ans.citations if c.role == ROLE]
