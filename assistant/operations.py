"""The engine's operations on matched facts: shares, differences, sums, changes, ranks, counts,
comparisons across documents, and audit findings as answers."""
from __future__ import annotations

import re
from decimal import Decimal

from assistant import calculator as calc
from assistant.answer import Answer, refusal
from assistant.citing import GOOD, _name, _table_bonus, cite, cite_stated, fmt_value, strip_body
from assistant.facts import GENERIC_GRAMS, TOTAL_LABELS, Scored, local_subject, unit_ok
from assistant.library import DocFacts
from assistant.understand import Question, bigrams, body_score, label_core, parse
from ingest.model import Document, TableFact


class Operations:
    """Mixed into Engine: each method answers one kind of question from a document's facts."""

    def share(self, q: Question, df: DocFacts) -> Answer | None:
        """part ÷ whole × 100%, both sides cited; the whole defaults to the matching total."""
        doc = df.document
        t = q.content
        t = re.sub(r"这个(款|类|项|科目)|这一(类|款|项|列)|的?\s*(share|percentage|percent|比例|比重)", " ", t, flags=re.I)
        m = re.search(r"(.+?)(?:在|于)(.+?)(?:里|中|当中|之中|里面)\s*(?:所)?(?:占|的|$|\s)", t)
        if m:  # '公用经费在基本支出里占几成'
            part_t, whole_t = m.group(1), m.group(2)
        else:
            m = re.search(r"(.*?)(?:所)?占(.*)", t)
            part_t, whole_t = (m.group(1), m.group(2)) if m else (t, "")
            inner = re.search(r"^(.+?)(?:当中|之中|中|里面|里)\s*[，,]?\s*(.+)$", part_t)
            if inner and not re.sub(r"比重|比例|百分比|几成|%|多大|多少|是|\s", "", whole_t):
                whole_t, part_t = inner.group(1), inner.group(2)  # '工资福利支出当中，基本工资占多大比重'
        part_t = re.sub(r"比重|比例|占比|百分比|几成", "", part_t).strip()
        whole_t = re.sub(r"比重|比例|百分比|几成|%|多大|多少|是", "", whole_t).strip()
        part = self._part(q, df, part_t)
        if part is None:
            return self._stated_share(q, df)
        whole = self._part(q, df, whole_t) if whole_t and not re.fullmatch(r"总?", whole_t) else None
        if whole is not None and whole.table_no == part.table_no and whole.row_no == part.row_no \
                and whole.column == part.column:
            whole = None
        if whole is not None and (whole.table_no == part.table_no and whole.row_no == part.row_no
                                  or label_core(whole.row_label) == label_core(part.row_label)):
            # '一般公共服务支出占一般公共预算财政拨款支出': the whole is that column's total row
            whole = next((f for f in df.facts if f.table_no == whole.table_no and f.column == whole.column
                          and label_core(f.row_label) in TOTAL_LABELS and f.value), None)
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
        c = calc.share(calc.Operand(part.value, part.unit, cite(doc, part), label_core(part.row_label) if part.column.endswith("合计") else part.column.split("/")[-1]),
                       calc.Operand(whole.value, whole.unit, cite(doc, whole), label_core(whole.row_label) if whole.column.endswith("合计") else whole.column.split("/")[-1]))
        if c.result > 100 or c.result < 0:
            # a part larger than its whole: the cells matched are not part and whole
            return self._stated_share(q, df)
        return self._finish(q, doc, c.result, "%", list(c.inputs), c,
                            f"{part_t or part.row_label}占{whole_t or '合计'}的比重", "ratio")

    def _stated_share(self, q: Question, df: DocFacts) -> Answer | None:
        """A share the narrative states ('占部门项目支出总额的100%')."""
        st = [x for x in self.ranked_stated(q, df, ("share",)) if self._relevance(q, df, x.stated) >= 0.6]
        return self._stated_answer(q, df.document, st[0].stated, "ratio") if st else None

    def diff(self, q: Question, df: DocFacts) -> Answer | None:
        """'项目支出比基本支出多出多少': A − B, both cited, in one document."""
        m = re.search(r"(.{2,})比(.{2,}?)(多出|多|少|高出|高|低|差)", q.content)
        if not m:
            return None
        a, b = self._aligned(df, [m.group(1).strip(), m.group(2).strip()]) or [None, None]
        if a is None or b is None or a.fact_id == b.fact_id:
            return None
        c = calc.difference(calc.Operand(a.value, a.unit, cite(df.document, a), label_core(m.group(1))),
                            calc.Operand(b.value, b.unit, cite(df.document, b), label_core(m.group(2))))
        ans = self._finish(q, df.document, abs(c.result), c.unit, list(c.inputs), c,
                           f"{m.group(1).strip()}与{m.group(2).strip()}之差", "diff")
        return ans

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
        for raw in re.split(r"[、，,+]|以及|加上|与|及|跟", strip_body(q.text, df.document)):
            p = re.sub(r"合计|总和|之和|加起来|加在一起|合起来|[两二三四五六七八九十几]+(?:项|个|类|块|款|行)|这|那",
                       " ", content_words(raw))
            if p.strip():
                pieces.append(re.sub(r"\s+", "", p))
        names: list[str] = []
        for p in pieces:
            p = re.sub(r"(类|款|项)$", "", p).strip()
            if "和" in p:
                subs = [x.strip() for x in p.split("和") if x.strip()]
                found = [self._part(q, df, x) for x in subs]
                if len(subs) > 1 and all(found) and len({f.fact_id for f in found}) == len(found) \
                        and all(self._strength(q, df, x) >= 5.0 for x in subs):
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

    def _aligned(self, df: DocFacts, names: list[str]) -> list[TableFact] | None:
        """One cell per name, all from the same table and column where the table has them all."""
        ranked = []
        for name in names:
            sub = Question(raw=name, text=name, want_kind="money", content=name)
            r = [x for x in self.ranked(sub, df, name) if x.score >= 2.5]
            if not r:
                return None
            ranked.append(r)
        best_key, best_total = None, -1.0
        keys = {(x.fact.table_no, x.fact.column) for x in ranked[0]}
        for key in keys:
            tot = 0.0
            for r in ranked:
                hit = next((x.score for x in r if (x.fact.table_no, x.fact.column) == key), None)
                if hit is None:
                    break
                tot += hit
            else:
                if tot > best_total:
                    best_key, best_total = key, tot
        if best_key is None:
            return [r[0].fact for r in ranked]
        return [next(x.fact for x in r if (x.fact.table_no, x.fact.column) == best_key) for r in ranked]

    def _strength(self, q: Question, df: DocFacts, text: str) -> float:
        sub = Question(raw=text, text=text, want_kind="money", content=text)
        r = self.ranked(sub, df, text)
        return r[0].score if r else 0.0

    def total(self, q: Question, df: DocFacts) -> Answer | None:
        """Sum of named rows, or of every row a phrase names (两个…项目)."""
        doc = df.document
        cells = self._pieces(q, df) or []
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
                hits = max(multi, key=lambda g: (len(label_core(g[0].row_label)), g[0].column.endswith("合计")))
            t0 = hits[0].table_no
            col = hits[0].column
            cells = [f for f in hits if f.table_no == t0 and f.column == col]
        if not cells:
            return None
        c = calc.total([calc.Operand(f.value, f.unit, cite(doc, f), label_core(f.row_label)) for f in cells])
        return self._finish(q, doc, c.result, c.unit, list(c.inputs), c, "合计", "sum")

    def change(self, q: Question, df: DocFacts) -> Answer | None:
        """A change stated in the narrative; last year's figure derived from it when asked."""
        doc = df.document
        target = re.sub(r"比上年|比去年|较上年|较去年|同比|上年|去年|上一年|增减|变动|变化|增加了|减少了|增长了|下降了|"
                        r"增加|减少|增长|下降|增幅|降幅|增长率|幅度|情况|百分之|多了|少了|多出|亿元|万元|元", "", q.content)
        sub = Question(raw=q.raw, text=q.text, want_kind="percent" if q.wants_percent_change else "money",
                       content=target)
        kinds = ("change",)
        if not target.strip():
            # no subject named: the document's first stated change (its overall totals)
            firsts = [x for x in df.stated if x.kind == "change" and unit_ok(x.unit, sub)]
            st = [Scored(1.0, stated=firsts[0])] if firsts else []
        else:
            st = [x for x in self.ranked_stated(sub, df, kinds, target)
                  if self._relevance(sub, df, x.stated, window=True) >= 0.5]
        if not st:
            return None
        s = st[0].stated
        asks_level = q.last_year or (re.search(r"上年|去年|上一年", q.text) and not re.search(r"比|较|增|减|变|差|幅|率", q.text))
        if asks_level:
            same = [x for x in df.stated if x.sentence == s.sentence and x.kind == "amount" and x.unit in calc.UNITS_IN_YUAN]
            amount = [x for x in df.stated if x.sentence == s.sentence and x.kind == "change" and x.unit in calc.UNITS_IN_YUAN]
            if same and amount:
                ch = amount[0]
                cur = max((x for x in same if df.stated.index(x) < df.stated.index(ch)),
                          key=lambda x: df.stated.index(x), default=same[0])
                a = calc.Operand(cur.value, cur.unit, cite_stated(doc, cur), "本年")
                b = calc.Operand(ch.value, ch.unit, cite_stated(doc, ch), "变动")
                c = calc.difference(a, b) if ch.direction == "增加" else calc.total([a, b])
                return self._finish(q, doc, c.result, c.unit, [cite_stated(doc, cur), cite_stated(doc, ch)], c,
                                    f"上年{local_subject(cur, self._subjects(df)) or ''}（由本年数和变动额推算）", "change")
        word = s.direction or "变动"
        cit = cite_stated(doc, s)
        if s.unit in calc.UNITS_IN_YUAN:
            return self._finish(q, doc, s.value, s.unit, [cit], None,
                                f"{local_subject(s, self._subjects(df)) or '支出'}比上年{word}", "change")
        text = f"{_name(doc)}{local_subject(s, self._subjects(df))}比上年{word} {fmt_value(s.value, s.unit)}。来源：《{doc.source}》第{s.page}页：{s.sentence}"
        return Answer(text=text, value=calc.q2(s.value), unit=s.unit, citations=[cit], kind="change")

    @staticmethod
    def _subset(q: Question, pool: list[TableFact]) -> list[TableFact]:
        return Operations._subset_info(q, pool)[0]

    @staticmethod
    def _subset_info(q: Question, pool: list[TableFact]) -> tuple[list[TableFact], bool]:
        """Rows the question narrows to: a phrase some labels share ('遗属'), a threshold (超过100万元)."""
        text = re.sub(r"[一二两三四五六七八九十几\d]+(?:个|项|类)|项目|哪个|哪一|金额|最大|最小|最多|最少|更多|更少|"
                      r"排第|相关|有关|有几|多少|超过|大于|高于|以上|以下|低于|小于", " ", q.content)
        labels = {label_core(f.row_label) for f in pool}
        best = ""
        from assistant.facts import COLUMN_WORDS
        struct = ("支出", "科目", "项级", "款级", "类级", "功能分类", "经济分类", "预算", "决算", "资金", "经费",
                  "花钱", "拿到", "哪一", "一个", "金额", "安排", "合计", "收入", "钱", "只看", "一列", "这一",
                  "这个", "两个", "top") + tuple(COLUMN_WORDS)
        for run in re.findall(r"[\u4e00-\u9fff]{2,}", text):
            for n in range(len(run), 1, -1):
                for i in range(len(run) - n + 1):
                    sub = run[i:i + n]
                    if any(w in sub or sub in w for w in struct):
                        continue
                    hits = sum(1 for lb in labels if sub in lb)
                    if 1 <= hits < len(labels) and len(sub) > len(best):
                        best = sub
                if best and len(best) >= n:
                    break
        applied = bool(best)
        if best:
            pool = [f for f in pool if best in label_core(f.row_label)]
        m = re.search(r"(超过|大于|高于|多于|以上|不少于|低于|小于|少于|不足|不到|未达|以下)\s*(\d+(?:\.\d+)?)\s*(亿元|万元|元)|"
                      r"(\d+(?:\.\d+)?)\s*(亿元|万元|元)\s*(以上|以下)", q.text)
        if m:
            word = m.group(1) or m.group(6)
            num, unit = (m.group(2), m.group(3)) if m.group(2) else (m.group(4), m.group(5))
            limit = Decimal(num)
            above = word in ("超过", "大于", "高于", "多于", "以上", "不少于")
            pool = [f for f in pool if f.unit in calc.UNITS_IN_YUAN and
                    ((calc.convert(f.value, f.unit, unit) > limit) if above else (calc.convert(f.value, f.unit, unit) < limit))]
            applied = True
        return pool, applied

    def rank(self, q: Question, df: DocFacts) -> Answer | None:
        """Largest / smallest rows of the table the question is about."""
        doc = df.document
        t = q.content
        level = 7 if re.search(r"项级|哪.?项科目|项一级", q.text) else 5 if re.search(r"款级|哪.?款", q.text) else 3
        parent = next((f for f in sorted(df.facts, key=lambda f: -len(f.row_label))
                       if f.subject_code and len(label_core(f.row_label)) >= 3
                       and re.search(re.escape(label_core(f.row_label)) + r"(?:里|中|下|当中|里面|下面)", label_core(q.content))), None)
        if parent is not None:
            pool = [f for f in df.facts if f.table_no == parent.table_no and f.value is not None
                    and f.subject_code.startswith(parent.subject_code)
                    and len(f.subject_code) == len(parent.subject_code) + 2]
        elif re.search(r"功能分类|类级|款级|项级|哪.?类|支出科目|功能科目|科目", t):
            pool = [f for f in df.facts if len(f.subject_code) == level and f.value is not None]
            tables = sorted({f.table_no for f in pool}, key=lambda n: -_table_bonus(
                next(x.table_title for x in pool if x.table_no == n)))
            pool = [f for f in pool if tables and f.table_no == tables[0]]
        elif "经济分类" in t or "经济科目" in t:
            pool = [f for f in df.facts if "经济" in f.table_title and f.value is not None]
        elif "项目" in q.text:
            pool = [f for f in df.facts if "项目" in f.table_title and "绩效" not in f.table_title
                    and f.value is not None and f.unit in calc.UNITS_IN_YUAN]
        else:
            r = self.ranked(q, df)
            if not r:
                return None
            t0 = r[0].fact.table_no
            pool = [f for f in df.facts if f.table_no == t0 and f.value is not None]
        pool = [f for f in pool if label_core(f.row_label) not in TOTAL_LABELS
                and label_core(f.row_label) != label_core(doc.department) and not f.row_label.endswith("合计")]
        pool = self._subset(q, pool)
        if not pool:
            return None
        from assistant.facts import column_hint
        hints = column_hint(q)
        first_col = {}
        for f in pool:
            if hints and not any(h in f.column for h in hints):
                continue
            first_col.setdefault(f.table_no, f.column)
        if not first_col:  # no column carries the named word (项目支出 in the 项目 table): ignore it
            for f in pool:
                first_col.setdefault(f.table_no, f.column)
        pool = [f for f in pool if f.column == first_col.get(f.table_no)]
        seen, rows = set(), []
        for f in sorted(pool, key=lambda f: f.value, reverse=q.descending):
            key = label_core(f.row_label)
            if key in seen:
                continue
            seen.add(key)
            rows.append(f)
        if q.nth:
            rows = rows[q.nth - 1: q.nth]
            if not rows:
                return None
        else:
            rows = rows[: max(1, q.top_n)]
        if len(rows) > 1 and re.search(r"合计|一共|加起来|总共|之和|加一起", q.text):
            c = calc.total([calc.Operand(f.value, f.unit, cite(doc, f), label_core(f.row_label)) for f in rows])
            return self._finish(q, doc, c.result, c.unit, list(c.inputs), c,
                                f"金额{'最大' if q.descending else '最小'}的{len(rows)}项合计", "rank")
        word = "最大" if q.descending else "最小"
        listing = "；".join(f"{i + 1}. {f.row_label} {f.value}{f.unit}" for i, f in enumerate(rows))
        src = f"《{doc.source}》第{rows[0].page}页《{rows[0].table_title}》"
        text = f"{_name(doc)}金额{word}的{'前' + str(len(rows)) + '项' if len(rows) > 1 else '一项'}：{listing}。来源：{src}。"
        return Answer(text=text, value=rows[0].value, unit=rows[0].unit,
                      citations=[cite(doc, f) for f in rows], kind="rank")

    def count(self, q: Question, df: DocFacts) -> Answer | None:
        """A count stated in the narrative or a form, else the number of rows of a table."""
        doc = df.document
        if "项目" in q.text and q.count_unit in ("个", "项", "") and (self._has_filter(q) or not re.search(r"人|名|家|辆|台", q.text)):
            counted = self._count_projects(q, df)
            if counted is not None:
                return counted
        st = self.ranked_stated(q, df, ("count",))
        ranked = self.ranked(q, df)
        best_t = ranked[0] if ranked else None
        best_s = st[0] if st else None
        if best_t and best_t.score >= GOOD and (best_s is None or best_t.score >= best_s.score + 1):
            f = best_t.fact
            return self._finish(q, doc, f.value, f.unit, [cite(doc, f)], None, f"{f.row_label}", "count")
        if best_s and self._relevance(q, df, best_s.stated) >= 0.5:
            return self._stated_answer(q, doc, best_s.stated, "count")
        if q.count_unit == "辆":
            # '有几辆车': the sentence's total ('共有车辆3辆'), not its breakdown ('…用车0辆')
            subjects = self._subjects(df)
            totals = [x for x in df.stated if x.unit == "辆"
                      and re.search(r"共有|总数|合计|共计|实有|拥有", subjects.get(x.fact_id, ""))]
            if totals:
                return self._stated_answer(q, doc, totals[0], "count")
        level = 7 if "项级" in q.text else 5 if "款级" in q.text else 3 if re.search(r"类级|功能分类", q.text) else 0
        if level:
            pool = [f for f in df.facts if len(f.subject_code) == level and f.value]
            tables = sorted({f.table_no for f in pool}, key=lambda n: -_table_bonus(
                next(x.table_title for x in pool if x.table_no == n)))
            if tables:
                pool = [f for f in pool if f.table_no == tables[0]]
                parent = re.search(r"([\u4e00-\u9fff]{2,}支出)(?:下面|下|中|里)", q.content)
                if parent:
                    par = [f for f in df.facts if f.table_no == tables[0] and label_core(parent.group(1)) == label_core(f.row_label)]
                    if par:
                        pool = [f for f in pool if f.subject_code.startswith(par[0].subject_code)]
                codes = {}
                for f in pool:
                    codes.setdefault(f.subject_code, f)
                n = Decimal(len(codes))
                first = next(iter(codes.values()), None)
                if first is not None:
                    names = "、".join(f.row_label for f in codes.values())
                    return Answer(text=f"{_name(doc)}《{first.table_title}》中有金额的{'项' if level == 7 else '款' if level == 5 else '类'}级科目共 {n} 个：{names}。来源：《{doc.source}》第{first.page}页。",
                                  value=n, unit="个", citations=[cite(doc, f) for f in codes.values()], kind="count")
        return self._count_projects(q, df)

    @staticmethod
    def _has_filter(q: Question) -> bool:
        return bool(re.search(r"超过|大于|高于|多于|以上|不少于|低于|小于|少于|不足|不到|以下|相关|有关|类", q.text))

    def _count_projects(self, q: Question, df: DocFacts) -> Answer | None:
        """The number of project rows (optionally narrowed to a phrase or a threshold)."""
        doc = df.document
        rows: dict[str, TableFact] = {}
        pool = [f for f in df.facts if "项目" in f.table_title and "绩效" not in f.table_title
                and f.value is not None and label_core(f.row_label) not in TOTAL_LABELS
                and label_core(f.row_label) != label_core(doc.department)]
        first_col = pool[0].column if pool else ""
        chosen, applied = self._subset_info(q, [f for f in pool if f.column == first_col])
        rest = re.sub(r"今年|一共|总共|安排|列了|列出|有", "", label_core(q.content))
        if not applied and len(re.findall(r"[\u4e00-\u9fff]", rest)) >= 3:
            return None  # the question narrows to something no project name carries ('特定目标类')
        for f in chosen:
            rows.setdefault(label_core(f.row_label), f)
        if not rows:
            return None
        first = next(iter(rows.values()))
        n = Decimal(len(rows))
        names = "、".join(f.row_label for f in list(rows.values())[:20])
        return Answer(text=f"{_name(doc)}《{first.table_title}》中符合条件的项目共 {n} 个：{names}。来源：《{doc.source}》第{first.page}页。",
                      value=n, unit="个", citations=[cite(doc, f) for f in rows.values()], kind="count")

    def compare(self, q: Question, docs: list[Document]) -> Answer:
        """The same figure in two documents (years or bodies): difference or change in %."""
        years = sorted(set(q.years))
        pair: list[Document] = []
        if len(years) >= 2:
            for y in years[:2]:
                ds = sorted((d for d in docs if d.year == y), key=lambda d: -body_score(q.text, d))
                if ds:
                    pair.append(ds[0])
        if len(pair) < 2:
            pair = sorted(docs, key=lambda d: d.year or 0)[:2]
        old, new = pair[0], pair[1]
        text = re.sub(r"相比|比较|对比|增加了|减少了|增长了|下降了|增加|减少|增长|下降|变化|多了|少了|多出|高出|更高|更多|"
                      r"谁的|谁|多少|差|与|和|跟|比|预算数|执行数|百分之|幅度", " ", q.content)
        for d in pair:
            text = strip_body(text, d)
        sub = parse(text + "是多少")
        sub.content = text
        sub.want_unit = ""
        got = []
        for d in (new, old):
            ans = self.lookup(sub, self.lib.facts(d.doc_id))
            if ans is None or ans.value is None:
                return refusal(f"{_name(d)}中可比较的“{text.strip()}”", self._covered_list(docs))
            got.append(ans)
        an, ao = got
        A = calc.Operand(an.value, an.unit or "", an.citations[0] if an.citations else None, f"{new.year}年")
        B = calc.Operand(ao.value, ao.unit or "", ao.citations[0] if ao.citations else None, f"{old.year}年")
        c = calc.pct_change(A, B) if re.search(r"%|百分|幅|率", q.text) else calc.difference(A, B)
        word = "增加" if c.result >= 0 else "减少"
        value = abs(c.result) if re.search(r"增|减|多|少|高|低|下降|上升", q.text) else c.result
        text_out = (f"{text.strip()}：{_name(new)} {fmt_value(an.value, an.unit or '')}，{_name(old)} "
                    f"{fmt_value(ao.value, ao.unit or '')}，{word} {abs(c.result)}{c.unit}。计算：{c.expression}")
        return Answer(text=text_out, value=value, unit=c.unit, citations=an.citations + ao.citations,
                      calculation=c, kind="compare")

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
