"""The engine's operations on matched facts: shares, differences, sums, changes,
comparisons across documents, and audit findings as answers (ranks and counts: ranking.py)."""
from __future__ import annotations

import re
from dataclasses import replace
from decimal import Decimal

from assistant import calculator as calc
from assistant.answer import Answer
from assistant.citing import _name, _table_bonus, cite, cite_stated, fmt_value, strip_body
from assistant.facts import GENERIC_GRAMS, TOTAL_LABELS, Scored, expand, is_total, local_subject, unit_ok
from assistant.library import DocFacts
from assistant.averages import Averages
from assistant.comparing import Comparing
from assistant.ranking import RankCount
from assistant.rowsets import RowSets, amount_test, column_condition, label_run, subject_level
from assistant.understand import Question, bigrams, label_core, asks_change, method_free
from ingest.model import TableFact


class Operations(RankCount, RowSets, Averages, Comparing):
    """Mixed into Engine: each method answers one kind of question from a document's facts."""

    def share(self, q: Question, df: DocFacts) -> Answer | None:
        """part ÷ whole × 100%, both sides cited; the whole defaults to the matching total."""
        doc = df.document
        t = q.content
        t = re.sub(r"这个(款|类|项|科目)|这一(类|款|项|列)|的?\s*(share|percentage|percent|比例|比重)", " ", t, flags=re.I)
        m = re.search(r"(.+?)(?:在|于)(.+?)(?:里|中|当中|之中|里面)\s*(?:所)?(?:占|的|$|\s)", t)
        eq = None if "占" in t else re.search(r"^(.+?)(?:相当于|是|为)(.+?)\s*(?:百分之|几成|百分比|%|$)", t)
        if eq:  # '基本支出相当于项目支出的百分之多少'
            part_t, whole_t = eq.group(1), eq.group(2)
        elif m:  # '公用经费在基本支出里占几成'
            part_t, whole_t = m.group(1), m.group(2)
        else:
            m = re.search(r"(.*?)(?:所)?占(.*)", t)
            part_t, whole_t = (m.group(1), m.group(2)) if m else (t, "")
            inner = re.search(r"^(.+?)(?:当中|之中|中|里面|里)\s*[，,]?\s*(.+)$", part_t)
            if inner and not re.sub(r"比重|比例|百分比|几成|%|多大|多少|是|\s", "", whole_t):
                whole_t, part_t = inner.group(1), inner.group(2)  # '工资福利支出当中，基本工资占多大比重'
        part_t = re.sub(r"比重|比例|占比|百分比|几成", "", part_t).strip()
        whole_t = re.sub(r"比重|比例|百分比|百分之|几成|几倍|多少倍|%|多大|多少|是|几$|倍$", "", whole_t).strip()
        part = self._part(q, df, part_t)
        if part is None:
            return self._stated_share(q, df) or self._share_of_stated(q, df, part_t, whole_t)
        whole = self._part(q, df, whole_t) if whole_t and not re.fullmatch(r"总?", whole_t) else None
        if whole is not None and whole.table_no == part.table_no and whole.row_no == part.row_no \
                and whole.column == part.column:
            whole = None
        if whole is not None and (whole.table_no == part.table_no and whole.row_no == part.row_no
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
        colw = next((w for w in ("基本支出", "项目支出", "人员经费", "公用经费") if whole_t.endswith(w) and w != whole_t), None)
        if whole is not None and colw and colw not in whole.column and colw not in label_core(whole.row_label):
            # '占一般公共预算财政拨款基本支出': the 基本支出 column's total in the table the rest names
            rest = bigrams(label_core(whole_t[:-len(colw)]))
            alt = [f for f in df.facts if f.value and colw in f.column.split("/")[-1] and is_total(label_core(f.row_label))]
            if alt:
                whole = max(alt, key=lambda f: (len(rest & bigrams(label_core(f.table_title + f.column))), -f.table_no))
        if whole is None:
            whole = self._whole_of(df, part)
        if whole is None or whole.value in (None, 0):
            return None
        if label_core(part.row_label) in TOTAL_LABELS:
            pass  # a column total over a column total (人员经费 / 基本支出): keep both as found
        elif label_core(whole.row_label) in TOTAL_LABELS and whole.table_no != part.table_no or \
                (label_core(whole.row_label) in TOTAL_LABELS and whole.column != part.column
                 and whole.column.split("/")[-1] not in ("合计", "小计")):
            # '住房公积金在基本支出里': the part's cell in the whole's column and table
            same = next((f for f in df.facts if f.table_no == whole.table_no and f.column == whole.column
                         and label_core(f.row_label) == label_core(part.row_label) and f.value is not None), None)
            if same is not None:
                part = same
        def name(f: TableFact) -> str:  # the row, unless the row is a total and the column tells
            core = label_core(f.row_label)
            return core if core and (f.column.endswith("合计") or not is_total(core)) else f.column.split("/")[-1]
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
                            f"{part_t or part.row_label}占{whole_t or '合计'}的比重", "ratio")

    def _share_of_stated(self, q: Question, df: DocFacts, part_t: str, whole_t: str) -> Answer | None:
        """A part only the narrative states ('特定目标类项目…涉及金额460.00万元') over a cell or a
        stated whole."""
        part = self._stated_amount(df, part_t)
        whole_f = self._part(q, df, whole_t) if whole_t else None
        whole = calc.Operand(whole_f.value, whole_f.unit, cite(df.document, whole_f), label_core(whole_t)) \
            if whole_f is not None else None
        if whole is None and whole_t:
            w = self._stated_amount(df, whole_t)
            whole = calc.Operand(w.value, w.unit, cite_stated(df.document, w), label_core(whole_t)) if w else None
        if part is None or whole is None or not whole.value:
            return None
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

    def _stated_share(self, q: Question, df: DocFacts) -> Answer | None:
        """A share the narrative states ('占部门项目支出总额的100%')."""
        st = [x for x in self.ranked_stated(q, df, ("share",)) if self._relevance(q, df, x.stated) >= 0.6]
        return self._stated_answer(q, df.document, st[0].stated, "ratio") if st else None

    def diff(self, q: Question, df: DocFacts) -> Answer | None:
        """'项目支出比基本支出多出多少': A − B, both cited, in one document."""
        m = re.search(r"(.{2,})比(.{2,}?)(多出来|多出|多|少|高出来|高出|高|低|差)", q.content)
        if not m:
            return None
        a, b = self._aligned(df, [m.group(1).strip(), m.group(2).strip()], q.want_kind) or [None, None]
        if a is not None and b is not None and (a.fact_id == b.fact_id or a.row_no == b.row_no and a.table_no == b.table_no):
            # '人员经费比工资福利支出多多少': a column's total (人员经费) against a row of the same table
            a, b = self._column_total(df, m.group(1), a) or a, self._column_total(df, m.group(2), b) or b
        if a is None or b is None or a.fact_id == b.fact_id:
            return None
        c = calc.difference(calc.Operand(a.value, a.unit, cite(df.document, a), label_core(m.group(1))),
                            calc.Operand(b.value, b.unit, cite(df.document, b), label_core(m.group(2))))
        value = abs(c.result)
        if c.unit not in calc.UNITS_IN_YUAN and value == value.to_integral_value():
            value = value.quantize(Decimal(1))  # 12 人, not 12.00 人
        return self._finish(q, df.document, value, c.unit, list(c.inputs), c,
                            f"{m.group(1).strip()}与{m.group(2).strip()}之差", "diff")

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
        import dataclasses
        return dataclasses.replace(ans, text=ans.text.replace("实际在职人员与核定编制之差", "编外人数（实际在职人员 − 核定编制）"))

    def _whole_of(self, df: DocFacts, part: TableFact) -> TableFact | None:
        same_table = [f for f in df.facts if f.table_no == part.table_no and f.value is not None]
        leaf = part.column.split("/")[-1]
        if leaf not in ("合计", "小计") and label_core(part.row_label) in TOTAL_LABELS | {""}:
            row = [f for f in same_table if f.row_no == part.row_no and f.column.split("/")[-1] in ("合计",)]
            if row:
                return row[0]
        for f in same_table:
            if f.column == part.column and label_core(f.row_label) in TOTAL_LABELS and f.row_no != part.row_no:
                return f
        return None

    def _pieces(self, q: Question, df: DocFacts) -> list[TableFact] | None:
        """The rows a sum names: split at 、/以及/加上/与/及, and at 和 only where a piece is no label."""
        from assistant.understand import content_words
        pieces = []
        text = strip_body(q.text, df.document)
        # '给职工交的社保——基本养老保险、职业年金、职工医保这三块——合计': the list between dashes or
        # after a colon names the rows; the words around it frame the question
        segs = [x for x in re.split(r"—+|[:：，,]", text) if x.strip()]
        listed = max(segs, key=lambda x: len(re.findall(r"[、+]", x)))
        if len(segs) > 1 and len(re.findall(r"[、+]", listed)) >= 1:
            text = listed  # ('…决算中，A、B、C这三项合计': the clause before the list only frames it)
        for raw in re.split(r"[、，,+]|以及|加上|与|及|跟", text):
            p = re.sub(r"合计|总和|之和|加起来|加在一起|合起来|[两二三四五六七八九十几]+(?:项|个|类|块|款|行)|这|那",
                       " ", content_words(raw))
            if p.strip():
                pieces.append(re.sub(r"\s+", "", p))
        names: list[str] = []
        for p in pieces:
            p = re.sub(r"(类|款|项)$", "", p).strip()
            run = label_run(df, p)
            if len(run) >= 2:  # '差旅费会议费培训费': names written one after another
                names.extend(run)
                continue
            if "和" in p:
                labelled = self._label_run(df, p)
                if labelled:  # '社会保障和就业支出和卫生健康支出': labels that themselves hold 和
                    names.extend(labelled)
                    continue
                subs = [x.strip() for x in p.split("和") if x.strip()]
                found = [self._part(q, df, x) for x in subs]
                whole = self._part(q, df, p)
                if len(subs) > 1 and all(found) and len({f.fact_id for f in found}) == len(found) \
                        and (all(self._strength(q, df, x) >= 5.0 for x in subs)
                             or whole is None or "和" not in whole.row_label):
                    names.extend(subs)
                    continue
            if self._part(q, df, p) is None:
                if len(p) <= 4 or not (bigrams(p) - GENERIC_GRAMS):
                    continue  # a connector or a shared word ('奖励资金', '支出') names no row
                return None
            names.append(p)
        if len(names) < 2:
            return None
        return self._aligned(df, names)

    @staticmethod
    def _label_run(df: DocFacts, text: str) -> list[str]:
        """text read as row labels joined by 和/与/及 (longest labels first), or [] when some of it
        is neither a label nor a connector."""
        cores = sorted({label_core(f.row_label) for f in df.facts if f.value is not None
                        and len(label_core(f.row_label)) >= 3 and label_core(f.row_label) in text}, key=len, reverse=True)
        taken, rest = [], text
        for c in cores:
            if c in rest:
                taken.append(c)
                rest = rest.replace(c, "|", 1)
        if len(taken) < 2 or re.sub(r"[|和与及的中里]|三公经费|经费|支出|预算|一共|合计|总共", "", rest):
            return []
        return sorted(taken, key=text.find)

    def _aligned(self, df: DocFacts, names: list[str], kind: str = "money") -> list[TableFact] | None:
        """One cell per name, all from the same table and column where the table has them all."""
        ranked = []
        for name in names:
            sub = Question(raw=name, text=name, want_kind=kind if kind in ("money", "count") else "money", content=name)
            r = [x for x in self.ranked(sub, df, name) if x.score >= 2.5]
            if not r:
                return None
            ranked.append(r)
        # cells line up down one column (rows 基本工资, 津贴补贴) or across one row (the 合计
        # row's 基本支出 and 项目支出 columns)
        ways = (lambda f: (f.table_no, "c", f.column), lambda f: (f.table_no, "r", f.row_no))
        best_key, best_total, best_way = None, (-1.0, 0, 0.0), ways[0]
        for way in ways:
            for key in dict.fromkeys(way(x.fact) for x in ranked[0]):  # (best first: ties never hang on hash order)
                tot, facts = 0.0, []
                for r in ranked:
                    hit = next((x for x in r if way(x.fact) == key), None)
                    if hit is None:
                        break
                    tot += hit.score
                    facts.append(hit.fact)
                else:
                    # equal matches: the expenditure table before a 收支总表 that prints the rows again
                    # (a 科目 table, its codes printed, before a 总表 that lists the 类 by name)
                    rank = (round(tot, 6), sum(bool(f.subject_code) for f in facts), _table_bonus(facts[0].table_title))
                    if rank > best_total and len({f.fact_id for f in facts}) == len(facts):
                        best_key, best_total, best_way = key, rank, way
        if best_key is None:
            return [r[0].fact for r in ranked]
        return [next(x.fact for x in r if best_way(x.fact) == best_key) for r in ranked]

    def _strength(self, q: Question, df: DocFacts, text: str) -> float:
        sub = Question(raw=text, text=text, want_kind="money", content=text)
        r = self.ranked(sub, df, text)
        return r[0].score if r else 0.0

    def total(self, q: Question, df: DocFacts) -> Answer | None:
        """Sum of named rows, or of every row a phrase names (两个…项目); else of the amounts one
        sentence lists under a shared name ('第一季度用款计划…，第二季度用款计划…')."""
        return self._table_total(q, df) or self.stated_sum(q, df)

    def stated_sum(self, q: Question, df: DocFacts) -> Answer | None:
        """The amounts of one sentence whose subjects share a name the question gives, summed, when the
        question's other words name the passage (its page's text) and its stated count agrees."""
        qg = bigrams(expand(q.content)) - GENERIC_GRAMS
        if not qg:
            return None
        subjects = self._subjects(df)
        groups: dict[str, list] = {}
        for x in df.stated:
            if x.kind == "amount" and x.unit in calc.UNITS_IN_YUAN:
                groups.setdefault(x.sentence, []).append(x)
        n = _stated_count(q.text)
        best, best_cov = None, 0.0
        for sent, items in groups.items():
            if len(items) < 2 or (n and len(items) != n):
                continue
            subs = [label_core(local_subject(x, subjects) or x.subject) for x in items]
            shared = _shared_run(subs)
            if len(shared) < 2 or not (bigrams(shared) - GENERIC_GRAMS) & qg:
                continue
            page_text = " ".join(c.section + c.text for c in df.chunks if c.page == items[0].page)
            cov = len(qg & bigrams(label_core(page_text))) / len(qg)
            if cov > best_cov:
                best, best_cov = (items, shared), cov
        if best is None or best_cov < 0.6:
            return None
        items, shared = best
        doc = df.document
        ops = [calc.Operand(x.value, x.unit, cite_stated(doc, x), label_core(local_subject(x, subjects) or x.subject)[:12])
               for x in items]
        c = calc.total(ops)
        return self._finish(q, doc, c.result, c.unit, list(c.inputs), c, f"{shared}（{len(items)}笔）合计", "sum")

    def _table_total(self, q: Question, df: DocFacts) -> Answer | None:
        doc = df.document
        if re.search(r"有关|相关|所有|全部|名称|名字|带有|含有|包含", q.text):
            named = self.named_sum(q, df)  # '跟某公司有关的项目加起来'
            if named is not None:
                return named
        if "科目" in q.text and (column_condition(q.text) or amount_test(q.text)):
            rows = self.count_subjects(q, df, subject_level(q.text) or 7, summed=True)
            if rows is not None:
                return rows
        cells = self._pieces(q, df) or []
        if not cells:
            rows = self.children_sum(q, df) or self.named_sum(q, df)
            if rows is not None:
                return rows
        if cells:
            # a label printed on two rows of the table (住房公积金 under two 政府经济分类) counts in full
            named = {f.fact_id for f in cells}
            cells = cells + [g for f in cells for g in df.facts
                             if g.table_no == f.table_no and g.column == f.column and g.row_no != f.row_no
                             and g.value is not None and g.fact_id not in named
                             and label_core(g.row_label) == label_core(f.row_label) and not f.subject_code]
        if not cells:
            phrase = label_core(re.sub(r"合计|总和|之和|加起来|加在一起|一共|共计|总共|[两二三四五六七八九十几]+[个项]|项目|的", "", q.content))
            if len(phrase) < 2:
                return None
            hits = [f for f in df.facts if f.value is not None and phrase in label_core(f.row_label)
                    and f.unit in ("元", "万元", "亿元") and "绩效" not in f.table_title]
            if len(hits) < 2:
                # '两行办公费合计': a label the question names that stands on several rows of a table
                content = label_core(q.content)
                groups: dict[tuple, list[TableFact]] = {}
                for f in df.facts:
                    core = label_core(f.row_label)
                    if f.value is not None and len(core) >= 2 and core in content and "绩效" not in f.table_title:
                        groups.setdefault((f.table_no, f.column, core), []).append(f)
                multi = [g for g in groups.values() if len({f.row_no for f in g}) >= 2]
                if not multi:
                    return None
                hits = max(multi, key=lambda g: (len(label_core(g[0].row_label)), g[0].column.endswith("合计"),
                                                  _table_bonus(g[0].table_title)))
            # the label printed in full on several rows (机关事业单位基本养老保险缴费 twice) before a longer
            # label holding it once; an expenditure table before a revenue table that prints the same rows
            exact: dict[int, set[int]] = {}
            for f in hits:
                if label_core(f.row_label) == phrase:
                    exact.setdefault(f.table_no, set()).add(f.row_no)
            if any(len(rows) >= 2 for rows in exact.values()):
                hits = [f for f in hits if len(exact.get(f.table_no, ())) >= 2 and label_core(f.row_label) == phrase]
            first = max(hits, key=lambda f: (_table_bonus(f.table_title), -f.table_no, -f.row_no))
            t0, col = first.table_no, next(f.column for f in hits if f.table_no == first.table_no)
            cells = [f for f in hits if f.table_no == t0 and f.column == col]
        if not cells:
            return None
        cells = _to_stated_count(q, df, cells)
        c = calc.total([calc.Operand(f.value, f.unit, cite(doc, f), label_core(f.row_label)) for f in cells])
        names = list(dict.fromkeys(f.row_label for f in cells))
        what = f"{names[0]}（{len(cells)}行）合计" if len(names) == 1 and len(cells) > 1 else f"{'、'.join(names[:6])}合计"
        return self._finish(q, doc, c.result, c.unit, list(c.inputs), c, what, "sum")

    def change(self, q: Question, df: DocFacts) -> Answer | None:
        """A change stated in the narrative; last year's figure derived from it when asked."""
        doc = df.document
        target = re.sub(r"比上年|比去年|较上年|较去年|同比|上年|去年|上一年|增减|变动|变化|增加了|减少了|增长了|下降了|"
                        r"增加|减少|增长|下降|增幅|降幅|增长率|幅度|情况|百分之|多了|少了|多出|亿元|万元|元", "", q.content)
        target = re.sub(r"比|较|相比", " ", target)  # ('收入预算比2025年增加' leaves 比 behind)
        # a character left alone ('跟去年比' → 跟; '工信局' without the body's name → 局) names nothing
        target = re.sub(r"(?<![\u4e00-\u9fff])[\u4e00-\u9fff](?![\u4e00-\u9fff])", " ", target)
        if not bigrams(re.sub(r"[多少能]", " ", target)) - GENERIC_GRAMS:
            target = ""  # '今年比去年少了多少预算': no subject beyond the budget itself
        sub = Question(raw=q.raw, text=q.text, want_kind="percent" if q.wants_percent_change else "money",
                       content=target)
        st = self._changes(sub, df, target)
        if not st and sub.want_kind == "money":
            # only the % is stated ('2023年执行数为A万元，2024年预算安排B万元，比…减少P%'): B − A
            sub.want_kind = "percent"
            for x in self._changes(sub, df, target)[:1]:
                return self._change_from_levels(q, df, x.stated)
        if not st:
            return self._flat(q, df, target)
        s = st[0].stated
        asks_level = q.last_year or (re.search(r"上年|去年|上一年", q.text)
                                     and not asks_change(q.text))
        if asks_level:
            same = [x for x in df.stated if x.sentence == s.sentence and x.kind == "amount" and x.unit in calc.UNITS_IN_YUAN]
            amount = [x for x in df.stated if x.sentence == s.sentence and x.kind == "change" and x.unit in calc.UNITS_IN_YUAN]
            if same and amount:
                ch = amount[0]
                # the figure the change belongs to: the amount before it that the question names best
                # ('本年部门预算支出总计…，其中：本年预算安排…，上年结转0万元，比上年减少…' → the 总计)
                before = [x for x in same if df.stated.index(x) < df.stated.index(ch)] or same[:1]
                tg = bigrams(target)
                cur = max(before, key=lambda x: (round(len(tg & bigrams(label_core(local_subject(x, self._subjects(df)))))
                                                       / max(1, len(tg)), 2), -df.stated.index(x)))
                a = calc.Operand(cur.value, cur.unit, cite_stated(doc, cur), "本年")
                b = calc.Operand(ch.value, ch.unit, cite_stated(doc, ch), "变动")
                c = calc.difference(a, b) if ch.direction == "增加" else calc.total([a, b])
                return self.last_level(q, doc, a, c, f"{re.sub(r'^本年度?', '', local_subject(cur, self._subjects(df)) or '')}")
        word = s.direction or "变动"
        cit = cite_stated(doc, s)
        subject = self._changed_subject(df, s)
        if s.unit in calc.UNITS_IN_YUAN:
            return self._finish(q, doc, s.value, s.unit, [cit], None, f"{subject}比上年{word}", "change")
        text = f"{_name(doc)}{subject}比上年{word} {fmt_value(s.value, s.unit)}。来源：《{doc.source}》第{s.page}页：{s.sentence}"
        return Answer(text=text, value=calc.q2(s.value), unit=s.unit, citations=[cit], kind="change")

    def last_level(self, q: Question, doc, now: calc.Operand, level: calc.Calculation, name: str) -> Answer:
        """Last year's figure worked back from this year's and the stated change — or, asked '相当于上年的
        百分之多少', this year's figure as a share of it, both steps in the formula."""
        cits = list(level.inputs)
        name = re.sub(r"20\d\d年度?|^本年度?", "", name.replace(doc.department, ""))
        if not q.versus_last:
            return self._finish(q, doc, level.result, level.unit, cits, level, f"上年{name}（由本年数和变动额推算）", "change")
        last = calc.Operand(level.result, level.unit, None, "上年")
        share = calc.share(now, last)
        both = replace(share, expression=f"上年 = {level.expression}；{share.expression}", inputs=tuple(cits))
        return self._finish(q, doc, share.result, "%", cits, both, f"本年{name}相当于上年的比例", "share")

    def _changed_subject(self, df: DocFacts, s) -> str:
        """What a stated change is of: its own subject, or when that is only the change's words
        ('比上年减少') the amount the sentence opens with ('预算收入总计')."""
        subject = local_subject(s, self._subjects(df)) or ""
        if re.fullmatch(r"[，,]?(比|较|与)?(上年|去年|上一年|20\d\d年度?)?(预算|预算数|执行数)?(相比)?[，,]?(增加|减少|增长|下降)?", label_core(subject)):
            head = next((x for x in df.stated if x.sentence == s.sentence and x.kind == "amount"), None)
            subject = re.sub(r"^20\d\d年度?", "", label_core(local_subject(head, self._subjects(df)) or "")) if head else ""
            subject = subject.replace(df.document.department, "")
        return subject or "支出"

    def _changes(self, sub: Question, df: DocFacts, target: str) -> list[Scored]:
        """Stated changes whose subject the question names, best first."""
        if not target.strip():
            # no subject named: the document's first stated change (its overall totals)
            firsts = [x for x in df.stated if x.kind == "change" and unit_ok(x.unit, sub)]
            return [Scored(1.0, stated=firsts[0])] if firsts else []
        rel = [(self._relevance(sub, df, x.stated, window=True), x) for x in self.ranked_stated(sub, df, ("change",), target)]
        # numbered items word their changes alike: the item naming the subject best comes first
        words = [w for w in re.findall(r"[\u4e00-\u9fff]{4,}", target) if w not in ("执行数", "预算执行数")]
        items = self._items(df)

        def whole(x) -> float:  # the item names the subject as the question writes it
            text = label_core(items.get(x.stated.fact_id, "") + x.stated.sentence)
            return 2.0 if any(w in text for w in words) else 0.0
        return [x for r, x in sorted(rel, key=lambda p: -(p[1].score + 3.0 * p[0] + whole(p[1]))) if r >= 0.5]

    def _flat(self, q: Question, df: DocFacts, target: str) -> Answer | None:
        """'三公经费预算数为346.30万元，与2024年预算持平': no change, 0, with the sentence cited."""
        sub = Question(raw=q.raw, text=q.text, want_kind="money", content=target)
        for x in self.ranked_stated(sub, df, ("amount",), target)[:5]:
            st = x.stated
            after = st.sentence[st.sentence.find(str(st.value)) + len(str(st.value)):]
            after = after[len(st.unit):] if after.startswith(st.unit) else after
            if re.match(r"[^，,；;。]{0,3}[，,]?\s*(与|比|较)[^，,；;。]{0,12}持平", after) and \
                    self._relevance(sub, df, st, window=True) >= 0.5:
                doc = df.document
                what = re.sub(r"(为|是)$", "", local_subject(st, self._subjects(df)))
                return Answer(text=f"无变化（0）。{_name(doc)}{what}{st.value}{st.unit}，{after.strip('，, 。')[:30]}。"
                                   f"来源：《{doc.source}》第{st.page}页：{st.sentence}",
                              value=Decimal(0), unit=st.unit, citations=[cite_stated(doc, st)], kind="change")
        return None

    def _change_from_levels(self, q: Question, df: DocFacts, pct) -> Answer | None:
        """The amount of a change stated only in %: this year's figure minus the earlier one, both
        stated in the same sentence."""
        doc = df.document
        levels = [x for x in df.stated if x.sentence == pct.sentence and x.kind == "amount" and x.unit in calc.UNITS_IN_YUAN]
        if len(levels) != 2:
            return None
        subjects = self._subjects(df)
        old_first = not re.search(r"执行|上年|去年", local_subject(levels[1], subjects)) or \
            bool(re.search(r"执行|上年|去年", local_subject(levels[0], subjects)))
        old, new = levels if old_first else levels[::-1]
        c = calc.difference(calc.Operand(new.value, new.unit, cite_stated(doc, new), "本年"),
                            calc.Operand(old.value, old.unit, cite_stated(doc, old), label_core(local_subject(old, subjects))[:12] or "上年"))
        word = "增加" if c.result >= 0 else "减少"

        def name(x) -> str:
            return re.sub(r"(为|是)$", "", label_core(local_subject(x, subjects)))
        return self._finish(q, doc, abs(c.result), c.unit, list(c.inputs), c, f"{name(new)}比{name(old)}{word}", "change")

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


def _stated_count(text: str) -> int | None:
    """'四个项目合计', '这三块': how many rows the question says it sums."""
    from assistant.understand import cn_number
    m = re.search(r"([两二三四五六七八九十]+|\d+)\s*(?:个|项|块|笔|行|类)", text)
    return cn_number(m.group(1)) if m else None


def _main_label(label: str) -> str:
    """A row label without its trailing qualifier in brackets: '退休人员取暖补贴（人社局移交工科局）' → '退休人员取暖补贴'."""
    return label_core(re.sub(r"[（(][^（()）]*[）)]\s*$", "", label.strip()))


def _to_stated_count(q: Question, df: DocFacts, cells: list[TableFact]) -> list[TableFact]:
    """The rows a sum found, widened to the count the question states when the rows it named each
    stand several times in the table under one name with different qualifiers ('人社局移交的退休人员
    取暖补贴和基础绩效奖，四个项目' → both 取暖补贴 rows and both 基础绩效奖 rows)."""
    n = _stated_count(q.text)
    every = bool(re.search(r"全部|所有|全都|统统", q.text))  # '…全部加起来': every row of those names
    if not every and (not n or len(cells) >= n):
        return cells
    have = {f.fact_id for f in cells}
    mains = {(f.table_no, f.column, _main_label(f.row_label)) for f in cells}
    more = [g for g in df.facts if g.fact_id not in have and g.value is not None
            and (g.table_no, g.column, _main_label(g.row_label)) in mains and len(_main_label(g.row_label)) >= 2]
    wider = cells + more
    return sorted(wider, key=lambda f: (f.table_no, f.row_no)) if len(wider) == n or every and not n else cells


def _shared_run(labels: list[str]) -> str:
    """The longest run of characters every label holds ('用款计划' of '第一季度用款计划', '第二季度用款计划')."""
    first = min(labels, key=len)
    for n in range(len(first), 1, -1):
        for i in range(len(first) - n + 1):
            run = first[i:i + n]
            if all(run in lb for lb in labels):
                return run
    return ""

