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
    # ('八、社会保障和就业支出' on a 收支总表 is the 社会保障和就业支出 row of the 支出总表)
    return _PUNCT.sub("", re.sub(r"^\s*[一二三四五六七八九十]+[、.．]", "", label or ""))


def _leaf(column: str) -> str:
    return (column or "").split("/")[-1]


def _yuan(v: Decimal | None, unit: str) -> Decimal | None:
    return None if v is None or unit not in _MONEY else v * _MONEY[unit]


def _bigrams(s: str) -> set[str]:
    return {s[i:i + 2] for i in range(len(s) - 1)}


def _same_row(f, f0) -> bool:
    if ("绩效" in f.table_title or "绩效" in f0.table_title) and f.table_title != f0.table_title:
        return False  # a performance form's rows (保障人员数量) belong to its own project
    if f0.subject_code and f.subject_code:
        return f.subject_code == f0.subject_code
    label = _norm(f0.row_label)
    side = next((w for w in ("支出", "收入") if w in label), "")
    if side and _TOTAL.search(label) and _TOTAL.search(_norm(f.row_label)) and side in f.table_title \
            and ("收支" in f.table_title or ("收入" if side == "支出" else "支出") not in f.table_title) \
            and re.fullmatch(r"合计|总计|(?:本年)?" + side + r"(?:合计|总计)", _leaf(f.column) or "合计"):
        return True  # ('支出总计' of the 收支总表 is the 支出总表's 合计 row, in its 合计 column)
    if not label or _norm(f.row_label) != label:
        return False
    return not _TOTAL.search(label) or _leaf(f.column) == _leaf(f0.column)


def corroborate(ans: Answer, library, limit: int = LIMIT) -> Answer:
    """The answer with up to `limit` more citations of the same amount for the same row elsewhere;
    a computed answer with the sentence that states its result and the other places of its inputs."""
    if not ans.answerable or ans.value is None or ans.value == 0:
        return ans
    if ans.calculation is not None:
        return _computed(ans, library)
    if len(ans.citations) != 1:
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
        st = _sentence_for(df, f0)
        if st is not None:
            extra.append(replace(cite_stated(doc, st), role=ROLE))
        return replace(ans, citations=[c, *extra]) if extra else ans
    else:  # a sentence: the cell with the same amount under a row its subject names
        st = next((s for s in df.stated if s.page == c.page and s.sentence == c.quote and s.value is not None
                   and _yuan(s.value, s.unit) == _yuan(ans.value, ans.unit or "")), None)
        if st is None or st.kind != "amount":
            return ans
        found = _cells_for(df, st)
    extra = [replace(cite(doc, f), role=ROLE) for f in sorted(found, key=lambda f: (f.page, f.table_no))[:limit]]
    return replace(ans, citations=[c, *extra]) if extra else ans


def _cells_for(df, st) -> list:
    """Table cells (one per table) holding a sentence's amount under a row or column its subject names."""
    want, subject = _yuan(st.value, st.unit), _bigrams(_norm(st.subject))
    found, tables = [], set()
    for f in df.facts:
        if f.table_no in tables or _yuan(f.value, f.unit) != want:
            continue
        if len(subject & _bigrams(_norm(f.row_label) + _norm(_leaf(f.column)))) < 2:
            continue
        found.append(f)
        tables.add(f.table_no)
    return found


def _sentence_for(df, f0):
    """The sentence that states a cell's amount for what the cell is (机关运行经费 in its table and in
    the text): named by the row, else the column, else the table when those are totals or blank."""
    name = next((_norm(x) for x in (f0.row_label, _leaf(f0.column), f0.table_title)
                 if _norm(x) and not _TOTAL.fullmatch(_norm(x).removeprefix("部门").removeprefix("本年"))), "")
    want, grams = _yuan(f0.value, f0.unit), _bigrams(name)
    best = max(((len(grams & _bigrams(_norm(st.subject))), st) for st in df.stated
                if st.kind == "amount" and _yuan(st.value, st.unit) == want), default=(0, None), key=lambda x: x[0])
    return best[1] if best[0] >= 3 else None


def _computed(ans: Answer, library) -> Answer:
    """A share, sum, difference or conversion: the sentence of one of its documents that states the
    same result for what its inputs name ('项目支出971.43万元，占74.66%'), and for each input cell
    (up to three) one other table that prints it."""
    inputs = [c for c in ans.calculation.inputs if c is not None]
    if not inputs:
        return ans
    extra: list[Citation] = []
    names = set().union(*(_bigrams(_norm(c.row_label)) | _bigrams(_norm(c.column)) for c in inputs))
    for doc_id in dict.fromkeys(c.doc_id for c in inputs):
        try:
            df = library.facts(doc_id)
        except KeyError:
            continue
        st = _stating(df, ans, names)
        if st is not None and not any(c.page == st.page and c.quote == st.sentence for c in ans.citations):
            extra.append(replace(cite_stated(df.document, st), role=ROLE))
            break
    if len(inputs) <= 3:
        seen = {(c.page, c.table_title) for c in ans.citations}
        for c in inputs:
            try:
                df = library.facts(c.doc_id)
            except KeyError:
                continue
            if not c.column:  # a sentence: the table cell that prints its amount
                st = next((x for x in df.stated if x.page == c.page and x.sentence == c.quote and x.kind == "amount"
                           and _norm(x.subject).endswith(_norm(c.row_label)[-4:])), None)
                cells = sorted(_cells_for(df, st), key=lambda f: (f.page, f.table_no)) if st is not None else []
                if cells and (cells[0].page, cells[0].table_title) not in seen:
                    extra.append(replace(cite(df.document, cells[0]), role=ROLE))
                    seen.add((cells[0].page, cells[0].table_title))
                continue
            f0 = next((f for f in df.facts if f.page == c.page and f.table_title == c.table_title
                       and f.row_label == c.row_label and f.column == c.column and f.value is not None), None)
            if f0 is None:
                continue
            other = sorted((f for f in df.facts if f.table_no != f0.table_no and f.value == f0.value
                            and f.unit == f0.unit and _same_row(f, f0) and (f.page, f.table_title) not in seen),
                           key=lambda f: (f.page, f.table_no))
            said = _sentence_for(df, f0)
            if said is not None and not any(x.page == said.page and x.quote == said.sentence for x in ans.citations + extra):
                extra.append(replace(cite_stated(df.document, said), role=ROLE))
            tables: set[int] = set()
            for f in other:
                if f.table_no in tables or (f.page, f.table_title) in seen:
                    continue
                if len(tables) >= (LIMIT if len(inputs) <= 2 else 1):
                    break
                extra.append(replace(cite(df.document, f), role=ROLE))
                seen.add((f.page, f.table_title))
                tables.add(f.table_no)
    return replace(ans, citations=[*ans.citations, *extra]) if extra else ans


def _stating(df, ans: Answer, names: set[str]):
    """A sentence that states the answer's own result for what its inputs name: the words just
    before the number ('项目支出971.43万元，占' → 项目支出) mostly among the inputs' row and column names."""
    unit = ans.unit or ""
    dept = df.document.department
    for st in df.stated:
        if unit == "%":
            if st.kind not in ("share", "percent") or st.unit != "%" or abs(st.value - ans.value) > Decimal("0.01"):
                continue
        elif unit in _MONEY:
            if st.unit not in _MONEY or _yuan(abs(st.value), st.unit) != _yuan(abs(ans.value), unit):
                continue
        else:
            continue
        at = _number_at(st)
        if at < 0:
            continue
        clause = re.split(r"[；;。：:]", st.sentence[:at])[-1]
        core = re.sub(r"20\d\d年度?|[\d.,，,%]+|万元|亿元|元|占|为|是|的|其中|本年|当年|全年|年度|部门|单位|预算|"
                      r"[比较与同]|上年|去年|增加|减少|增长|下降|持平|执行数|安排|主要原因", "", clause.replace(dept, ""))
        words = _bigrams(_norm(core))
        if len(words & names) >= 2 and len(words & names) >= 0.6 * len(words):
            return st
    return None


def _number_at(st) -> int:
    """Where a statement's number stands in its sentence (printed with or without thousands commas)."""
    v = f"{st.value:f}"
    for form in (v, f"{st.value:,f}", v.rstrip("0").rstrip(".") if "." in v else v):
        i = st.sentence.find(form)
        if i >= 0:
            return i
    return -1


def corroborations(ans: Answer) -> list[Citation]:
    """The citations that only corroborate (the same amount elsewhere)."""
    return [c for c in ans.citations if c.role == ROLE]
