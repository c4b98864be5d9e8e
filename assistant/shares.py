"""Shares whose part is several rows: the N largest ('前两大类支出合计占…', '那个最大的项目占…') and the rows
a part lists ('A和B两项加起来占…'), summed first, both steps in the formula."""
from __future__ import annotations

import dataclasses
import re

from assistant import calculator as calc
from assistant.answer import Answer
from assistant.citing import cite
from assistant.facts import is_total
from assistant.library import DocFacts
from assistant.understand import Question, bigrams, label_core
from ingest.model import TableFact


class Shares:
    """Mixed into Operations: share() calls these for a top-N or a listed part."""

    def _top_share(self, q: Question, df: DocFacts, n: str) -> Answer | None:
        """'前两大类支出合计占支出总额的比重': the N largest rows summed (as rank finds them) over their
        column's total, every cell cited."""
        import copy
        from assistant.understand import cn_number
        r = copy.copy(q)
        r.intent, r.descending, r.top_n, r.nth = "rank", True, cn_number(n) or 1, 0
        r.text = re.sub(r"占.*$", "", q.text) + "合计"
        r.content = re.sub(r"占.*$", "", q.content)
        ranked = self.rank(r, df)  # type: ignore[attr-defined]
        one = r.top_n == 1  # '那个最大的项目占全部项目支出的百分之几': the largest row alone
        if ranked is None or ranked.value is None or not ranked.citations or \
                not one and (ranked.calculation is None or len(ranked.calculation.inputs) < 2):
            return None
        first = ranked.citations[0] if one else ranked.calculation.inputs[0]
        named = re.sub(r"^[了的]|的?(?:比重|比例|百分之.*|百分比|多少|几成|%).*$", "", re.split(r"占", q.content, 1)[-1]).strip() \
            if "占" in q.content else ""
        whole = None
        parent = self._parent_loose(r, df, narrow=r"里|中|下")  # type: ignore[attr-defined]
        if parent is not None and named and (re.fullmatch(r"(?:这|该|本|此)一?[类款项](?:支出)?|它|其", named)
                                             or label_core(named) == label_core(parent.row_label)):
            whole = parent  # ('X里最大的一项占这一类支出的百分之多少': X itself)
        elif named and not re.fullmatch(r"(?:总|全部|所有|合计|总计|总额|总数|整体|全)?(?:支出|预算|金额|合计|总计|总额)?", named):
            whole = self._part(q, df, named)  # type: ignore[attr-defined]  # ('…前三个科目合计占商品和服务支出的比重')
            if whole is not None and any(c.row_label == whole.row_label and c.table_title == whole.table_title
                                         for c in (ranked.citations if one else ranked.calculation.inputs)):
                whole = None
        whole = whole or next((f for f in df.facts if f.table_title == first.table_title and f.column == first.column
                               and is_total(label_core(f.row_label)) and f.value), None)
        if whole is None and not label_core(first.row_label):
            # (a one-row table, 三公: the parts are columns, and the whole is their 合计 column)
            head = first.column.split("/")[0]
            whole = next((f for f in df.facts if f.table_title == first.table_title and f.value and not label_core(f.row_label)
                          and f.column.split("/")[0] == head and f.column.split("/")[-1] in ("合计", "小计")
                          and f.column.count("/") == 1), None)
        if whole is None:
            # (a table with no 合计 row: the whole the question names after 占, '全部项目支出')
            whole = self._part(q, df, named) if named else None  # type: ignore[attr-defined]
        if whole is None:
            return None
        doc = df.document
        own = label_core(first.row_label) or next((c for c in reversed(first.column.split("/"))  # (三公: the column names it)
                                                   if not re.search(r"小计|合计|预算数|决算数", c)), "")
        part = calc.Operand(ranked.value, ranked.unit, first if one else None, own if one else f"前{n}项合计")
        c = calc.share(part, calc.Operand(whole.value, whole.unit, cite(doc, whole), label_core(whole.row_label) or "合计"))
        from assistant.exclusion import excluding
        cut = excluding()
        without = f"（不含“{cut}”）" if cut and f"不含“{cut}”" in ranked.text else ""  # (the ranking left it out)
        if one:
            return self._finish(q, doc, c.result, "%", list(c.inputs), c,
                                f"最大的一项{without}（{own}）占{label_core(whole.row_label) or '合计'}的比重", "ratio")
        both = dataclasses.replace(c, expression=f"{ranked.calculation.expression}；{c.expression}",
                                   inputs=tuple(ranked.calculation.inputs) + (cite(doc, whole),))
        names = "、".join(x.row_label for x in ranked.calculation.inputs)
        return self._finish(q, doc, c.result, "%", list(both.inputs), both,
                            f"前{n}项{without}（{names}）合计占{label_core(whole.row_label) or '合计'}的比重", "ratio")

    def _summed_share(self, q: Question, df: DocFacts, part_t: str, whole_t: str) -> Answer | None:
        """'A和B两项加起来占…', '（A加B）占…': the rows the part lists summed as a sum question finds
        them, over the whole the question names (else their column's total); both steps in the formula."""
        import copy
        r = copy.copy(q)
        r.intent = "sum"
        said = re.split(r"占", q.text, 1)[0] if "占" in q.text else ""
        if "项目" in said and "项目" not in part_t:  # ('两个…项目合起来占…': the words content dropped name the rows)
            part_t = re.sub(r"^.*?(?=[两二三四五六七八九十几]个|$)", "", said) or part_t
        r.text = r.raw = re.sub(r"[（(]([^）)]*)[）)]", r"：\1", part_t) + "合计"
        r.content = r.text
        summed = self._table_total(r, df)  # type: ignore[attr-defined]
        if summed is None or summed.calculation is None or len(summed.calculation.inputs) < 2 or summed.value is None:
            return None
        first = summed.calculation.inputs[0]
        whole = self._part(q, df, whole_t) if whole_t and not re.fullmatch(r"总?", whole_t) else None
        if whole is None or any(whole.table_title == x.table_title and whole.row_label == x.row_label
                                for x in summed.calculation.inputs):
            whole = next((f for f in df.facts if f.table_title == first.table_title and f.column == first.column
                          and is_total(label_core(f.row_label)) and f.value), None)
        if whole is None or not whole.value:
            return None
        if is_total(label_core(whole.row_label)) and whole.table_title != first.table_title:
            # ('占支出总额': the same total printed in the parts' own table is the one to cite)
            whole = next((f for f in df.facts if f.table_title == first.table_title and f.column == first.column
                          and is_total(label_core(f.row_label)) and f.value == whole.value), whole)
        doc = df.document
        names = "、".join(label_core(x.row_label) for x in summed.calculation.inputs)
        c = calc.share(calc.Operand(summed.value, summed.unit, None, "合计"),
                       calc.Operand(whole.value, whole.unit, cite(doc, whole), label_core(whole_t) or label_core(whole.row_label)))
        if not 0 <= c.result <= 100:
            return None
        both = dataclasses.replace(c, expression=f"{summed.calculation.expression}；{c.expression}",
                                   inputs=tuple(summed.calculation.inputs) + (cite(doc, whole),))
        return self._finish(q, doc, c.result, "%", list(both.inputs), both,
                            f"{names}合计占{whole_t or label_core(whole.row_label)}的比重", "ratio")


def _column_named(df: DocFacts, whole: TableFact, label: str) -> TableFact | None:
    """The cell of a one-row table (三公) whose column names a row label of another table: its last
    heading is in the label or shortens it ('运行费' under 公务用车购置及运行费 for 公务用车运行维护费);
    the heading path sharing most of the label's words."""
    from assistant.facts import _abbreviates, short_name
    best, best_n = None, 0
    for f in df.facts:
        if f.table_no != whole.table_no or f.row_no != whole.row_no or f.fact_id == whole.fact_id or f.value is None:
            continue
        leaf = label_core(f.column.split("/")[-1])
        if not leaf or leaf in ("合计", "小计") or not (leaf in label or _abbreviates(short_name(leaf), label)):
            continue
        n = len(bigrams(label_core(f.column.replace("/", ""))) & bigrams(label))
        if n > best_n:
            best, best_n = f, n
    return best


def _this_year(df: DocFacts, whole: TableFact, part: TableFact) -> TableFact:
    """A share of this year's spending is over 本年支出合计, not 支出总计, which adds the balance carried
    to next year (a 决算's 年末结转和结余: 基本支出 2336.91 of 2940.05, not of 2995.39)."""
    core = label_core(whole.row_label)
    kind = core[:2] if core in ("支出总计", "收入总计") else \
        next((w for w in ("支出", "收入") if core == "总计" and w in whole.column), "")
    if not kind or re.search(r"结转|结余", part.row_label + part.column):
        return whole
    side = f"本年{kind}合计"
    rows = [f for f in df.facts if f.value and f.unit == whole.unit and (label_core(f.row_label) == side and kind in f.column + side
            or label_core(f.row_label) == "合计" and f.column.split("/")[-1] == side)]
    best = min(rows, key=lambda f: (f.table_no != whole.table_no, f.column != whole.column, f.table_no), default=None)
    return best if best is not None and best.value < whole.value and part.value <= best.value else whole


def _titled_total(df: DocFacts, whole_t: str, row: TableFact) -> TableFact:
    """The total of the table whose title names the whole ('一般公共预算支出' → 一般公共预算财政拨款支出
    决算表's 合计), when the title covers the whole's words clearly better than the row found does."""
    wt = bigrams(label_core(whole_t))
    if len(wt) < 3:
        return row
    row_cov = len(wt & bigrams(label_core(row.row_label))) / len(wt)
    best, best_cov = None, 0.0
    for f in df.facts:
        if f.value is None or not is_total(label_core(f.row_label)):
            continue
        cov = len(wt & bigrams(label_core(re.sub(r"20\d\d年度?|表$", "", f.table_title)))) / len(wt)
        leaf = f.column.split("/")[-1]
        key = (cov, leaf.endswith("合计") or "/" not in f.column, -f.table_no)
        if best is None or key > best[0]:
            best, best_cov = (key, f), cov
    if best is None or best_cov < 0.8 or best_cov < row_cov + 0.2:
        return row
    return best[1]
