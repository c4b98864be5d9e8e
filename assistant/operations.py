"""The engine's operations on matched facts: shares, differences and audit findings as answers
(sums: sums.py; stated changes: stated_changes.py; ranks and counts: ranking.py; averages, comparisons)."""
from __future__ import annotations

import dataclasses
import re

from decimal import Decimal

from assistant import calculator as calc
from assistant.quoted import quoted_share
from assistant.answer import Answer
from assistant.citing import GOOD, _name, cite, cite_stated, fmt_value, strip_body
from assistant.facts import GENERIC_GRAMS, TOTAL_LABELS, expand, is_total
from assistant.library import DocFacts
from assistant.averages import Averages
from assistant.checks import Checks
from assistant.sangong import sangong_total
from assistant.shares import Shares, _column_named, _this_year, _titled_total
from assistant.comparing import Comparing
from assistant.ranking import RankCount
from assistant.stated_changes import StatedChanges
from assistant.sums import Sums
from assistant.rowsets import RowSets
from assistant.understand import ROUNDING, Question, bigrams, label_core
from ingest.model import TableFact


# a part that lists several rows ('A和B两项加起来', 'A加B', 'A、B'): summed before the share
_LISTED = re.compile(r"[、+＋]|加上?|以及|[与及跟]|和.{2,}?(?:两|二|三|四|几)(?:项|个|块|笔)|加起来|合起来|合计|之和|总和")


class Operations(StatedChanges, Sums, RankCount, RowSets, Checks, Shares, Averages, Comparing):
    """Mixed into Engine: each method answers one kind of question from a document's facts."""

    def _part(self, q: Question, df: DocFacts, text: str, kind: str = "money") -> TableFact | None:
        codes = [c for c in q.codes if re.search(rf"(?<!\d){c}(?!\d)", re.sub(r"\s", "", text))]  # (204 is not in 2040699)
        sub = Question(raw=text, text=text, codes=codes, want_kind=kind, content=text)
        r = self.ranked(sub, df, text)
        if not r or r[0].score < 2.5:
            return None
        if r[0].score < GOOD:
            # a weak match must share most of the words that set the name apart ('一般公共服务支出' is not
            # 商品和服务支出 because both end in 服务支出)
            spec = bigrams(expand(label_core(text))) - GENERIC_GRAMS
            f = r[0].fact
            said = bigrams(label_core(f"{f.row_label} {f.column}"))
            own = bigrams(label_core(re.sub(r"[（(][^（()）]*[）)]", "", f.row_label))) - GENERIC_GRAMS
            named = len(own & bigrams(expand(label_core(text)))) / len(own) if own else 1.0  # ('…表中退休人员取暖补贴')
            if len(spec) >= 3 and len(spec & said) / len(spec) < 0.4 and named < 0.8 and not is_total(label_core(f.row_label)):
                return None
        return r[0].fact

    def share(self, q: Question, df: DocFacts) -> Answer | None:
        """part ÷ whole × 100%, both sides cited; the whole defaults to the matching total."""
        doc = df.document
        if (quoted := quoted_share(self, q, df)) is not None:
            return quoted  # ('三公37.91万，公务用车购置及运行费36.56万，车的钱占三公多少比例': the cells quoted)
        top = re.search(r"前([两二三四五六七八九十\d])(?:大|个|项|名|位|的)|(?:最大|最多|最高|最烧钱)的?([两二三四五六七八九十\d])(?:大|个|项|类|款)", q.text)
        if top:
            return self._top_share(q, df, top.group(1) or top.group(2))
        if re.search(r"(?:最大|最多|最高|最烧钱)的?(?:是哪|是)?(?:单个|一个)?(?:项目|一项|一类|一块|一个|科目|类|款|项)[^占]{0,12}占"
                     r"|哪.?(?:项|类|块|个|款)(?:金额)?(?:最多|最大|最高)[^占]{0,6}占", q.text):
            return self._top_share(q, df, "1")  # '那个最大的项目，一个项目就占了…
        t = q.content
        t = re.sub(r"这个(款|类|项|科目)|这一(类|款|项|列)|的?\s*(share|percentage|percent|比例|比重)", " ", t, flags=re.I)
        m = re.search(r"(.+?)(?:在|于)(.+?)(?:里|中|当中|之中|里面)\s*(?:所)?(?:占|的|$|\s)", t)
        eq = None if "占" in t else re.search(r"^(.+?)(?:相当于|是|为)(.+?)\s*(?:百分之|几成|百分比|%|$)", t)
        if eq is None and q.times:  # ('A预算是B预算的几倍': the content dropped its 是)
            eq = re.search(r"^[\s，,]*(.+?)(?:相当于|是|为)(.+?)的?\s*(?:几倍|多少倍)",
                           strip_body(re.sub(r"20\d\d\s*年度?|[“”\"]", "", q.text), doc))
        if eq:  # '基本支出相当于项目支出的百分之多少'
            part_t, whole_t = eq.group(1), eq.group(2)
        elif m:  # '公用经费在基本支出里占几成'
            part_t, whole_t = m.group(1), m.group(2)
        else:
            m = re.search(r"(.*?)(?:所)?占(.*)", t)
            part_t, whole_t = (m.group(1), m.group(2)) if m else (t, "")
            # (the last place marker: '决算中，基本支出里人员经费' — the 基本支出, not the 决算, holds the part)
            inner = re.search(r"^(.+)(?:当中|之中|中|里面|里)\s*[，,]?\s*(.+)$", part_t)
            if inner and not re.sub(r"^比|比重|比例|百分比|百分之|几成|%|多大|多少|是|了|几|\s", "", whole_t):
                whole_t, part_t = inner.group(1), inner.group(2)  # '工资福利支出当中，基本工资占多大比重'
        whole_t = re.sub(ROUNDING + r"|四舍五入.*$|精确到.*$", " ", whole_t)  # (how to round is no part of it)
        part_t = re.sub(r"比重|比例|占比|百分比|几成", "", part_t).strip()
        if re.fullmatch(r"(?:部门)?(?:预算|决算)(?:表|数|报告|公开|里|中)?|全年|今年|本年", whole_t.strip()):
            whole_t = ""  # ('决算里基本支出占比多少': the document named, not a whole; the part's own total divides)
        whole_t = re.sub(r"^比(?=\s|多|$)|比重|比例|百分比|百分之|几成|几倍|多少倍|%|多大|多少|是|几$|倍$", "", whole_t).strip()
        if _LISTED.search(part_t):
            summed = self._summed_share(q, df, part_t, whole_t)
            if summed is not None:
                return summed
        kind = "money"
        if re.search(r"人员|人数|编制|在编|在职", part_t + whole_t) and not re.search(r"经费|支出|费|资金|补贴|补助|工资|\d{3}", part_t + whole_t):
            kind = "count"  # ('实际在职人员中在编人员占比': people over people)
        part = self._part(q, df, part_t, kind)
        if part is None:
            return self._stated_share(q, df, part_t) or self._share_of_stated(q, df, part_t, whole_t)
        whole = self._part(q, df, whole_t, kind) if whole_t and not re.fullmatch(r"总?", whole_t) else None
        if whole is not None and whole.table_no == part.table_no and whole.row_no == part.row_no \
                and whole.column == part.column:
            whole = None
        if whole is not None and label_core(whole.row_label) and (whole.table_no == part.table_no and whole.row_no == part.row_no
                                                                  or label_core(whole.row_label) == label_core(part.row_label)):
            # '一般公共服务支出占一般公共预算财政拨款支出': the whole is that column's total row
            whole = next((f for f in df.facts if f.table_no == whole.table_no and f.column == whole.column
                          and label_core(f.row_label) in TOTAL_LABELS and f.value), None)
        if whole is not None and not is_total(label_core(whole.row_label)):
            leaf = label_core(whole.column.split("/")[-1])
            if len(leaf) >= 4 and leaf in label_core(whole_t) and label_core(whole.row_label) not in label_core(whole_t):
                # '占一般公共预算财政拨款支出': the question names the column, so the whole is its total
                whole = next((f for f in df.facts if f.table_no == whole.table_no and f.column == whole.column
                              and is_total(label_core(f.row_label)) and f.value), whole)
        if whole is not None and not is_total(label_core(whole.row_label)) and whole_t \
                and label_core(whole.row_label) not in label_core(whole_t):
            whole = _titled_total(df, whole_t, whole)  # '占一般公共预算支出': that table's total, not 一般公共服务支出
        colw = next((w for w in ("基本支出", "项目支出", "人员经费", "公用经费") if whole_t.endswith(w) and w != whole_t), None)
        if whole is not None and colw and colw not in whole.column and colw not in label_core(whole.row_label):
            # '占一般公共预算财政拨款基本支出': the 基本支出 column's total in the table the rest names
            rest = bigrams(label_core(whole_t[:-len(colw)]))
            alt = [f for f in df.facts if f.value and colw in f.column.split("/")[-1] and is_total(label_core(f.row_label))]
            if alt:
                whole = max(alt, key=lambda f: (len(rest & bigrams(label_core(f.table_title + f.column))), -f.table_no))
        if whole is None:
            whole = self._whole_of(df, part)
        if whole is None and is_total(label_core(part.row_label)):
            # ('基本支出占比': the 经济分类 table's 合计 is all 基本支出; the share the narrative states, else the share of
            # the column named in the 支出总表)
            if any(x.score >= 4.0 for x in self.ranked_stated(q, df, ("share",))[:3]):
                return None  # (the narrative states it: answered from there, as before)
            alt = next((f for f in df.facts if f.value and is_total(label_core(f.row_label)) and f.column.split("/")[-1] == part_t
                        and self._whole_of(df, f) is not None), None)
            part, whole = (alt, self._whole_of(df, alt)) if alt is not None else (part, None)
        if whole is None and re.search(r"人员经费|公用经费", label_core(part.row_label) + label_core(part.column) + part_t):
            whole = self._part(q, df, "基本支出")  # (人员经费 and 公用经费 make up 基本支出, by definition)
        if whole is None or whole.value in (None, 0):
            return None
        whole = _this_year(df, whole, part)
        if "三公" in whole_t and "三公" not in whole.table_title:
            whole = sangong_total(df) or whole  # ('占三公合计': the 三公 table's total, never the budget's)
        if label_core(part.row_label) in TOTAL_LABELS:
            pass  # a column total over a column total (人员经费 / 基本支出): keep both as found
        elif (label_core(whole.row_label) in TOTAL_LABELS or not label_core(whole.row_label)) and whole.table_no != part.table_no or \
                (label_core(whole.row_label) in TOTAL_LABELS and whole.column != part.column
                 and whole.column.split("/")[-1] not in ("合计", "小计")):
            # '住房公积金在基本支出里': the part's cell in the whole's column and table
            same = next((f for f in df.facts if f.table_no == whole.table_no and f.column == whole.column
                         and label_core(f.row_label) == label_core(part.row_label) and f.value is not None), None)
            if same is None:
                # the whole's table names the part its own way ('公车运维费' → 公务用车运行费 in the 三公 table,
                # 公务用车运行维护费 in the 经济分类 table): the best match among that table's rows
                sub = Question(raw=part_t, text=part_t, want_kind="money", content=part_t)
                blank = not label_core(whole.row_label)  # (a one-row table, 三公: its columns are the parts)
                same = next((x.fact for x in self.ranked(sub, df, part_t) if x.score >= 2.5
                             and x.fact.table_no == whole.table_no and x.fact.fact_id != whole.fact_id
                             and (x.fact.row_no == whole.row_no if blank else x.fact.column == whole.column)
                             and not is_total(label_core(x.fact.row_label))), None)
                if same is None and blank:
                    same = _column_named(df, whole, label_core(part.row_label))
                elif same is not None and sum(1 for f in df.facts if f.table_no == same.table_no and f.column == same.column
                                              and label_core(f.row_label) == label_core(same.row_label)) > 1:
                    same = None  # (a label on two rows of that table, 养老保险缴费: one of them is not the part)
            if same is not None:
                part = same
        def name(f: TableFact) -> str:  # the row, unless the row is a total and the column tells
            core = label_core(f.row_label)
            if core.endswith("合计") and core not in TOTAL_LABELS and len(core) > 3:
                return core[:-2]  # '人员经费合计' → 人员经费
            return core if core and (f.column.endswith("合计") or not is_total(core) or core not in ("合计", "总计", "部门合计")) \
                else f.column.split("/")[-1]
        a = calc.Operand(part.value, part.unit, cite(doc, part), name(part))
        b = calc.Operand(whole.value, whole.unit, cite(doc, whole), name(whole))
        if q.times:  # '项目支出是基本支出的几倍'
            c = calc.ratio(a, b)
            return self._finish(q, doc, calc.q2(c.result), "倍", list(c.inputs), c, f"{part_t}是{whole_t}的倍数", "ratio")
        c = calc.share(a, b)
        if c.result > 100 or c.result < 0:
            # a part larger than its whole: the cells matched are not part and whole
            return self._stated_share(q, df)
        return self._finish(q, doc, c.result, "%", list(c.inputs), c,
                            f"{part_t or part.row_label}占{whole_t or name(whole)}的比重", "ratio")

    def _share_of_stated(self, q: Question, df: DocFacts, part_t: str, whole_t: str) -> Answer | None:
        """A part only the narrative states ('特定目标类项目…涉及金额460.00万元') over a cell or a
        stated whole."""
        part = self._stated_amount(df, part_t)
        if whole_t and (part is None or bigrams(label_core(whole_t)) - bigrams(label_core(part.subject))):
            # '政府采购预算里工程类占…': the part is named within the whole ('政府采购工程预算')
            word = label_core(re.sub(r"类$|占.*$", "", part_t.strip()))
            wg = bigrams(label_core(whole_t))
            subjects = self._subjects(df)  # type: ignore[attr-defined]
            inner = [(len(wg & bigrams(label_core(subjects.get(x.fact_id, "") or x.subject))), x) for x in df.stated
                     if x.kind == "amount" and len(word) >= 2 and word in (subjects.get(x.fact_id, "") or x.subject)]
            inner = [(n, x) for n, x in inner if wg and n >= len(wg) / 2]
            part = max(inner, key=lambda p: p[0])[1] if inner else part
        whole_f = self._part(q, df, whole_t) if whole_t else None
        if whole_f is not None:
            # ('占当年政府采购预算总额': the sentence that states that total, not the budget's 支出总计 the words map to)
            spec = bigrams(label_core(whole_t)) - GENERIC_GRAMS - {"当年", "本年", "总额", "算总"}
            said = self._stated_amount(df, re.sub(r"^(?:当年|本年|今年|全年)的?", "", whole_t.strip()))
            here = len(spec & bigrams(label_core(f"{whole_f.row_label} {whole_f.column} {whole_f.table_title}")))
            if said is not None and len(spec & bigrams(label_core(said.subject))) > here:
                whole_f = None
        whole = calc.Operand(whole_f.value, whole_f.unit, cite(df.document, whole_f), label_core(whole_t)) \
            if whole_f is not None else None
        if whole is None and whole_t:
            w = self._stated_amount(df, re.sub(r"^(?:当年|本年|今年|全年)的?", "", whole_t.strip()))
            whole = calc.Operand(w.value, w.unit, cite_stated(df.document, w), label_core(whole_t)) if w else None
        if whole is None and not whole_t and part is not None and "其中" in part.sentence:
            # ('政府采购服务预算占比多少'): the amount its sentence opens with, before 其中, is the whole
            head = part.sentence.split("其中")[0]
            w = next((x for x in df.stated if x.sentence == part.sentence and x.kind == "amount" and x.fact_id != part.fact_id
                      and x.unit == part.unit and f"{x.value}" in head.replace(",", "")), None)
            whole_t = label_core(w.subject) if w is not None else ""
            whole = calc.Operand(w.value, w.unit, cite_stated(df.document, w), whole_t) if w is not None else None
        if part is None or whole is None or not whole.value or (part.value == whole.value and part.unit == whole.unit
                                                                and (whole.citation is None or whole.citation.quote == part.sentence)):
            return None  # (one amount found twice is no share; two sentences may state the same amount: 100%)
        c = calc.share(calc.Operand(part.value, part.unit, cite_stated(df.document, part), label_core(part_t)), whole)
        if not 0 <= c.result <= 100:
            return None
        return self._finish(q, df.document, c.result, "%", list(c.inputs), c, f"{part_t}占{whole_t}的比重", "ratio")

    def _stated_amount(self, df: DocFacts, text: str):
        """The narrative amount whose words (or the words just before it) name text."""
        sub = Question(raw=text, text=text, want_kind="money", content=text)
        st = [x for x in self.ranked_stated(sub, df, ("amount",), text)
              if self._relevance(sub, df, x.stated, window=True) >= 0.6]
        return st[0].stated if st else None

    def _stated_share(self, q: Question, df: DocFacts, part_t: str = "") -> Answer | None:
        """A share the narrative states ('占部门项目支出总额的100%'); its subject names the part asked."""
        spec = bigrams(expand(label_core(part_t))) - GENERIC_GRAMS
        st = [x for x in self.ranked_stated(q, df, ("share",)) if self._relevance(q, df, x.stated) >= 0.6
              and (len(spec) < 2 or len(spec & bigrams(label_core(_before_value(x.stated)))) / len(spec) >= 0.6)]
        return self._stated_answer(q, df.document, st[0].stated, "ratio") if st else None

    def diff(self, q: Question, df: DocFacts) -> Answer | None:
        """'项目支出比基本支出多出多少': A − B, both cited, in one document."""
        m = re.search(r"(.{2,})比(.{2,}?)(多出来|多出|多|少|高出来|高出|高|低|差)", q.content)
        if not m:
            return None
        a, b = self._aligned(df, [m.group(1).strip(), m.group(2).strip()], q.want_kind) or [None, None]
        one_row = self._one_rows_columns(q, df, m.group(1), m.group(2))
        if one_row:
            a, b = one_row
        elif a is not None and b is not None and (a.fact_id == b.fact_id or a.row_no == b.row_no and a.table_no == b.table_no):
            # '人员经费比工资福利支出多多少': a column's total (人员经费) against a row of the same table
            a, b = self._column_total(df, m.group(1), a) or a, self._column_total(df, m.group(2), b) or b
        if a is None or b is None or a.fact_id == b.fact_id:
            return None
        na, nb = self._side_name(m.group(1), a), self._side_name(m.group(2), b)
        if one_row:
            na, nb = (f"{f.row_label}（{f.column.split('/')[-1]}）" for f in (a, b))
        c = calc.difference(calc.Operand(a.value, a.unit, cite(df.document, a), na),
                            calc.Operand(b.value, b.unit, cite(df.document, b), nb))
        value = abs(c.result)
        if c.unit not in calc.UNITS_IN_YUAN and value == value.to_integral_value():
            value = value.quantize(Decimal(1))  # 12 人, not 12.00 人
        ans = self._finish(q, df.document, value, c.unit, list(c.inputs), c, f"{na}与{nb}之差", "diff")
        return self._made_of(df, a, b, ans) or self._made_of(df, b, a, ans) or ans

    def _one_rows_columns(self, q: Question, df: DocFacts, left: str, right: str) -> tuple[TableFact, TableFact] | None:
        """'社会保障和就业支出里，项目支出比基本支出多出多少': one row's two columns, not the columns' totals."""
        cols = "基本支出|项目支出|人员经费|公用经费"
        row = re.match(rf"^(.{{2,}}?)(?:里面|当中|里|中|的|[，,\s])[，,\s]*({cols})$", left.strip())
        if not row or not re.fullmatch(rf"\s*({cols})\s*", right):
            return None
        a, b = self._part(q, df, row.group(1) + row.group(2)), self._part(q, df, row.group(1) + right.strip())
        if a is None or b is None or a.fact_id == b.fact_id or (a.table_no, a.row_no) != (b.table_no, b.row_no):
            return None
        return a, b

    def _made_of(self, df: DocFacts, whole: TableFact, part: TableFact, ans: Answer) -> Answer | None:
        """A column's total less one of its rows ('人员经费比工资福利支出多出来的是什么钱'): the answer also
        lists the column's other rows at the part's level (对个人和家庭的补助 55.40, of which 退休费 55.40)."""
        if not is_total(label_core(whole.row_label)) or (whole.table_no, whole.column) != (part.table_no, part.column):
            return None
        from assistant.audit import ECON_CLASSES
        same = [f for f in df.facts if f.table_no == whole.table_no and f.column == whole.column and f.value
                and f.row_no != part.row_no and not is_total(label_core(f.row_label))
                and (len(f.subject_code) == len(part.subject_code) if part.subject_code
                     else label_core(f.row_label) in ECON_CLASSES and label_core(part.row_label) in ECON_CLASSES)]
        if not same:
            return None
        bits, cits = [], list(ans.citations)
        for f in same:
            kids = [k for k in self._children(df, f) if k.value and k.column == f.column]  # type: ignore[attr-defined]
            inner = "，其中" + "、".join(f"{k.row_label}{fmt_value(k.value, k.unit)}" for k in kids[:6]) if kids else ""
            bits.append(f"{f.row_label}{fmt_value(f.value, f.unit)}{inner}")
            cits += [dataclasses.replace(cite(df.document, x), role="构成") for x in [f] + kids[:6]]
        return dataclasses.replace(ans, text=ans.text + f"（差额由本列其他部分构成：{'；'.join(bits)}）", citations=cits)

    @staticmethod
    def _side_name(name: str, cell: TableFact) -> str:
        """What a side of a difference is called in the formula: the row (or, for a total row, the
        column) the question's words name, never the framing around them ('审核口径问题…基本支出里')."""
        said = label_core(name)
        core, leaf = label_core(cell.row_label), label_core(cell.column.split("/")[-1])
        if core in TOTAL_LABELS and leaf and not re.fullmatch(r"合计|小计|金额|预算数|决算数", leaf):
            return leaf  # (a total row's cell is its column: '人头经费' → 人员经费)
        if core and core in said:
            return core
        return label_core(re.split(r"里的?|中的?|当中", name)[-1]) or said

    @staticmethod
    def _column_total(df: DocFacts, name: str, cell: TableFact) -> TableFact | None:
        """The total row's cell of the column a name is (人员经费, 公用经费, 基本支出…) in cell's table;
        None when the name is the cell's row."""
        core = label_core(name)
        leaf = label_core(cell.column.split("/")[-1])
        if core != leaf or core == label_core(cell.row_label):
            return None
        return next((f for f in df.facts if f.table_no == cell.table_no and f.column == cell.column
                     and label_core(f.row_label) in TOTAL_LABELS and f.value is not None), None)

    def joined_fees(self, q: Question, df: DocFacts) -> Answer | None:
        """'水电费' where the table prints 水费 and 电费 (no 水电费 row): the rows the word joins, summed."""
        doc = df.document
        labels = {label_core(f.row_label) for f in df.facts if f.value is not None}
        content = label_core(q.content)
        words = [content[i - n:i + 1] for i, ch in enumerate(content) if ch == "费" for n in (2, 3) if i - n >= 0]
        for word in words:
            if any(word in lb for lb in labels):
                continue
            parts = [ch + "费" for ch in word[:-1]]
            if not all(p in labels for p in parts):
                continue
            cells = self._aligned(df, parts)
            if not cells or len({f.fact_id for f in cells}) != len(parts) or \
                    any(label_core(f.row_label) != p for f, p in zip(cells, parts)):
                continue
            c = calc.total([calc.Operand(f.value, f.unit, cite(doc, f), label_core(f.row_label)) for f in cells])
            return self._finish(q, doc, c.result, c.unit, list(c.inputs), c, f"{word}（{'+'.join(parts)}）", "sum")
        return None

    def beyond_posts(self, q: Question, df: DocFacts) -> Answer | None:
        """'编外的有几个': the staff in post beyond the approved posts (实际在职人员 − 核定编制), both cited."""
        import copy
        q2 = copy.copy(q)
        q2.content = "实际在职人员比核定编制多"
        q2.want_kind = "count"
        ans = self.diff(q2, df)
        if ans is None or not ans.answerable:
            return None
        return dataclasses.replace(ans, text=ans.text.replace("实际在职人员与核定编制之差", "编外人数（实际在职人员 − 核定编制）"))

    def _whole_of(self, df: DocFacts, part: TableFact) -> TableFact | None:
        same_table = [f for f in df.facts if f.table_no == part.table_no and f.value is not None]
        leaf = part.column.split("/")[-1]
        if leaf not in ("合计", "小计") and label_core(part.row_label) in TOTAL_LABELS | {""}:
            row = [f for f in same_table if f.row_no == part.row_no and f.column.split("/")[-1].endswith("合计")]
            if row:
                return row[0]
        for f in same_table:
            if f.column == part.column and label_core(f.row_label) in TOTAL_LABELS and f.row_no != part.row_no:
                return f
        return None

    def audit(self, q: Question, df: DocFacts) -> Answer | None:
        """Consistency findings as an answer (when the audit module is available)."""
        try:
            from assistant.audit import check_doc
        except ImportError:
            return None
        findings = check_doc(df, warnings=self.lib.warnings(df.document.doc_id))
        doc = df.document
        errs = [f for f in findings if f.severity == "error"]
        if not findings:
            return Answer(text=f"{_name(doc)}：按已实现的核查规则没有发现数字对不上的地方。", kind="audit")
        lines = [f"{i + 1}. [{f.severity}] 第{','.join(map(str, f.pages))}页 {f.message}" for i, f in enumerate(findings[:12])]
        cits = [c for f in findings[:12] for c in f.citations][:20]
        return Answer(text=f"{_name(doc)}发现 {len(errs)} 处错误、{len(findings) - len(errs)} 处提示：\n" + "\n".join(lines),
                      value=Decimal(len(errs)), unit="处", citations=cits, kind="audit")


def _before_value(st) -> str:
    """A stated figure's sentence up to the figure ('公开项目绩效目标16个，…占部门（单位）项目支出总额的')."""
    if st.value is None:
        return st.sentence
    at = st.sentence.find(f"{st.value.normalize():f}")
    return st.sentence[:at] if at >= 0 else st.sentence
