"""The no-LLM answerer: question understanding → facts → calculator → Answer."""
from __future__ import annotations

import logging
import re
from decimal import Decimal

from assistant import calculator as calc
from assistant.answer import Answer, Calculation, Citation, refusal
from assistant.facts import (GENERIC_GRAMS, TOTAL_LABELS, local_subject, Scored, coverage, expand, score_fact, score_stated,
                             unit_ok)
from assistant.library import DocFacts, Library
from assistant.understand import Question, bigrams, body_score, label_core, parse
from ingest.model import Document, StatedFact, TableFact

log = logging.getLogger(__name__)
GOOD = 4.0  # a score at which a row label clearly matches


def cite(doc: Document, f: TableFact) -> Citation:
    """The citation of a table cell."""
    return Citation(doc.doc_id, doc.source, f.page, f.table_title, f.row_label, f.column,
                    f"{f.raw or f.value}{f.unit}")


def cite_stated(doc: Document, s: StatedFact) -> Citation:
    """The citation of a sentence."""
    return Citation(doc.doc_id, doc.source, s.page, s.section, s.subject, "", s.sentence)


def fmt_value(v: Decimal, unit: str) -> str:
    """A value as people read it, keeping the printed precision."""
    if unit == "%":
        return f"{calc.q2(v)}%"
    return f"{v}{unit}"


def _name(doc: Document) -> str:
    return f"{doc.department}{doc.year or ''}年{doc.kind}"


def _table_bonus(title: str) -> float:
    if re.search(r"支出(预算|决算)?总表|支出决算表$|支出预算表$", title):
        return 0.3
    if "收支总表" in title or "收入支出决算总表" in title:
        return 0.2
    return 0.0


def specific_cover(q: Question, text: str) -> float:
    """Share of the question's specific bigrams (not 支出/预算/…) that a text contains."""
    from assistant.facts import GENERIC_GRAMS
    qg = bigrams(expand(q.content)) - GENERIC_GRAMS
    if len(qg) < 2:
        return 0.0  # too few specific words to prefer a sentence over a table
    return len(qg & bigrams(label_core(text))) / len(qg)


def strip_body(content: str, doc: Document) -> str:
    """The question's words without the body's name ('司法局' must not match the row 司法)."""
    from assistant.understand import longest_common
    out = content
    for _ in range(2):
        n = longest_common(out, doc.department)
        if n < 2:
            break
        for i in range(len(out) - n + 1):
            if out[i:i + n] in doc.department:
                # two characters are a body's name only when its kind follows ('司法局', not '其他司法支出')
                if n >= 3 or re.match(r"[局委街办镇中院所处]", out[i + n:i + n + 1] or ""):
                    out = (out[:i] + " " + out[i + n:]).strip()
                    break
        else:
            break
    return out


class Engine:
    """Deterministic answers from the facts of the documents in a Library."""

    def __init__(self, library: Library):
        self.lib = library

    # -- entry ---------------------------------------------------------------------------
    def answer(self, question: str, context: dict | None = None, scope: list[str] | None = None) -> Answer:
        """Answer one question; context carries the previous turn for follow-ups."""
        try:
            return self._answer(question, context or {}, scope)
        except calc.CalculatorError as exc:
            return refusal(f"可计算的结果：{exc}")

    def _answer(self, question: str, context: dict, scope: list[str] | None) -> Answer:
        q = parse(self._follow_up(question, context))
        if q.intent == "personal":
            return self._covered_refusal("这类个人或联系信息（预算公开文件只包含收支数字和说明）")
        docs, problem = self.select(q, context, scope)
        if problem is not None:
            return problem
        if q.intent == "compare":
            have = {d.year for d in docs}
            if len(docs) >= 2 and (len(set(q.years) & have) >= 2 or len(set(q.years)) < 2):
                return self._with_ctx(self.compare(q, docs), q, docs)
            q.intent = "change"  # 比2023年… with no 2023 document: the narrative states it
            docs = [d for d in docs if d.year == max(q.years)] or docs if q.years else docs
            top = max((body_score(q.text, d) for d in docs), default=0)
            docs = [d for d in docs if body_score(q.text, d) >= top] or docs
        if len(docs) > 1:
            docs = self._disambiguate(q, docs)
            if len(docs) > 1:
                names = [_name(d) for d in docs]
                return refusal("唯一对应的文档：多份文档都有这个数字，请指明单位和年度",
                               "、".join(names), candidates=names)
        doc = docs[0]
        q.content = strip_body(q.content, doc)
        df = self.lib.facts(doc.doc_id)
        handler = {"diff": self.diff, "share": self.share, "change": self.change, "sum": self.total, "rank": self.rank,
                   "count": self.count, "audit": self.audit}.get(q.intent, self.lookup)
        ans = handler(q, df)
        if ans is None and q.intent not in ("lookup", "change") and not q.last_year:
            # (a figure for a year the store lacks is never answered with this year's figure)
            ans = self.lookup(q, df)
        if ans is None:
            ans = refusal(f"与“{question.strip()}”对应的数字（{_name(doc)}）",
                          self._coverage(doc))
        return self._with_ctx(ans, q, [doc])

    def _with_ctx(self, ans: Answer, q: Question, docs: list[Document]) -> Answer:
        ans.context.update({"docs": [d.doc_id for d in docs], "question": q.raw, "content": q.content,
                            "intent": q.intent})
        return ans

    def _follow_up(self, question: str, context: dict) -> str:
        """'那项目支出呢？' / '上年呢？' → the previous question with the new words put in."""
        t = question.strip()
        prev = context.get("question")
        if not prev:
            return t
        m = re.match(r"^(那|那么)?(.{1,20}?)(呢|怎么样|多少)[?？]?$", t)
        if m and len(t) <= 14:
            new = m.group(2).strip()
            if re.fullmatch(r"(上年|去年|上一年)", new):
                return prev.rstrip("？?") + "比上年变化多少？"
            pq = parse(prev)
            old = pq.content.split()[0] if pq.content else ""
            if old and old in prev:
                return prev.replace(old, new, 1)
            return new + "是多少？"
        return t

    # -- scope ---------------------------------------------------------------------------
    def select(self, q: Question, context: dict, scope: list[str] | None) -> tuple[list[Document], Answer | None]:
        """The documents a question is about, or a refusal saying why none fits."""
        docs = self.lib.documents()
        if scope:
            docs = [d for d in docs if d.doc_id in scope]
            if not docs:
                return [], refusal(f"所选范围内的文档（{', '.join(scope)} 已不在存储中）",
                                   self._covered_list(self.lib.documents()))
        if not docs:
            return [], refusal("任何文档：还没有载入文档，请先导入预算 PDF")
        covered = self._covered_list(docs)
        # a place counts only inside a named body ('长宁区司法局'), not in '城乡社区支出'
        places = set()
        for o in q.orgs:
            o = re.sub(r"^[和与比及跟同较的在对]+", "", o)
            while (m := re.match(r"([\u4e00-\u9fff]{2}(?:区|县|市))", o)) and len(o) > len(m.group(1)) + 1:
                places.add(m.group(1))
                o = o[len(m.group(1)):]
        places = {p for p in places if not p.endswith(("全区", "全市", "本区", "本市", "辖区", "城区", "社区", "街区"))}
        if places and not any(p in d.department or p.rstrip("区县市省") in d.department
                              for p in places for d in docs):
            return [], refusal(f"“{'、'.join(sorted(places))}”的文档", covered)
        scores = self.lib.body_scores(q.text, docs)  # each body scored once, through a name index
        named = [d for d in docs if scores.get(d.doc_id)]
        if named:
            best = max(scores[d.doc_id] for d in named)
            docs_b = [d for d in named if scores[d.doc_id] >= best - (0 if q.intent != "compare" else 99)]
        else:
            unknown = [o for o in q.orgs if not self.lib.body_scores(o, docs)
                       and not self._mentioned(o, docs)]
            if unknown:
                return [], refusal(f"“{unknown[0]}”的文档", covered)
            docs_b = docs
        if places:
            docs_b = [d for d in docs_b if any(p in d.department or p.rstrip("区县市省") in d.department
                                               for p in places)] or docs_b
        if q.years:
            yd = [d for d in docs_b if d.year in q.years]
            if not yd:
                if any(d.year == y + 1 for y in q.years for d in docs_b):
                    # '2025年…是多少' with only the 2026 budget: its narrative states the change
                    yd = [d for d in docs_b if d.year in [y + 1 for y in q.years]]
                    if q.intent != "change":
                        q.intent = "change"
                    q.last_year = not re.search(r"比|较|增|减|变|差|幅|率", q.text)
                else:
                    return [], refusal(f"{'、'.join(str(y) for y in sorted(set(q.years)))}年的文档", covered)
            docs_b = yd
        if q.asks_final:
            fd = [d for d in docs_b if d.kind == "决算"]
            if fd:
                docs_b = fd
        if len(docs_b) > 1 and not named and not q.years and context.get("docs"):
            prev = [d for d in docs_b if d.doc_id in context["docs"]]
            if prev:
                docs_b = prev
        return docs_b, None

    def _mentioned(self, org: str, docs: list[Document]) -> bool:
        """An organisation the documents themselves name (a project's 人社局, a 企业技术中心)."""
        keys = {org, org[-6:], org[-4:]} if len(org) > 6 else {org}
        return any(self.lib.mentioned(k, docs) for k in keys)

    def _disambiguate(self, q: Question, docs: list[Document]) -> list[Document]:
        """Several documents in scope: keep the ones where the question clearly matches something."""
        qtext = expand(q.content)
        qgrams = bigrams(qtext)
        scores = []
        for d in docs:
            df = self.lib.facts(d.doc_id)
            best = max((score_fact(f, q, qgrams, qtext) for f in df.facts if f.value is not None), default=0)
            scores.append((best, d))
        strong = [d for s, d in scores if s >= GOOD]
        if len(strong) == 1:
            return strong
        if strong:
            return strong
        top = max(s for s, _ in scores)
        keep = [d for s, d in scores if s >= top - 0.5 and s > 0]
        return keep or docs

    def _covered_list(self, docs: list[Document]) -> str:
        return "、".join(_name(d) for d in docs)

    def _coverage(self, doc: Document) -> str:
        df = self.lib.facts(doc.doc_id)
        titles = [t.title for t in df.tables if not t.title.startswith(("项目支出绩效目标表：",))][:12]
        return f"{_name(doc)}（{'、'.join(titles)}等）"

    def _covered_refusal(self, what: str) -> Answer:
        return refusal(what, self._covered_list(self.lib.documents()))

    # -- matching ------------------------------------------------------------------------
    def ranked(self, q: Question, df: DocFacts, text: str | None = None) -> list[Scored]:
        """Table cells ranked by how well they match the question (best first)."""
        qtext = expand(text if text is not None else q.content)
        qgrams = bigrams(qtext)
        out = []
        for f in df.facts:
            if f.value is None or not unit_ok(f.unit, q):
                continue
            s = score_fact(f, q, qgrams, qtext)
            if s > 0:
                out.append(Scored(s + _table_bonus(f.table_title), fact=f))
        if out:
            names = self._code_names(df)
            content = label_core(q.content if text is None else text)
            for x in out:
                code = x.fact.subject_code
                if len(code) >= 5 and names.get((x.fact.table_no, code[:-2]), "") and \
                        len(names[(x.fact.table_no, code[:-2])]) >= 3 and names[(x.fact.table_no, code[:-2])] in content:
                    x.score += 1.5  # '城乡社区管理事务的行政运行': the 行政运行 under that 款
        out.sort(key=lambda x: (-x.score, x.fact.table_no, x.fact.row_no))
        return out

    def _code_names(self, df: DocFacts) -> dict[tuple[int, str], str]:
        cached = getattr(df, "_code_names", None)
        if cached is None:
            cached = {(f.table_no, f.subject_code): label_core(f.row_label) for f in df.facts if f.subject_code}
            try:
                df._code_names = cached
            except AttributeError:
                pass
        return cached

    def ranked_stated(self, q: Question, df: DocFacts, kinds: tuple[str, ...], text: str | None = None) -> list[Scored]:
        """Narrative numbers ranked by how well their subject matches."""
        qgrams = bigrams(expand(text if text is not None else q.content))
        subjects = self._subjects(df)
        out = []
        for s in df.stated:
            if s.kind not in kinds or not unit_ok(s.unit, q) and q.want_kind != "any":
                continue
            sc = score_stated(s, q, qgrams, subjects.get(s.fact_id), df.document.department)
            if sc > 0:
                out.append(Scored(sc, stated=s))
        out.sort(key=lambda x: -x.score)
        return out

    def _relevance(self, q: Question, df: DocFacts, st: StatedFact, window: bool = False) -> float:
        """Share of the question's specific words found around a stated number (its sentence,
        or for a change the words before it)."""
        from assistant.facts import GENERIC_GRAMS as G, _window, local_subject as ls
        qg = bigrams(expand(q.content)) - G
        if not qg:
            return 1.0
        subject = ls(st, self._subjects(df))
        text = (_window(st, subject) + subject) if window else st.sentence
        text = self._items(df).get(st.fact_id, "") + text
        return len(qg & bigrams(label_core(text))) / len(qg)

    def _items(self, df: DocFacts) -> dict[str, str]:
        """For a number in a numbered item's later sentences ('2025年执行数为…，增加P%'), the item's
        opening sentence ('4、公共安全支出（204类）…信息化建设（07项）227.88万元。')."""
        cached = getattr(df, "_item_ctx", None)
        if cached is None:
            cached, current, age = {}, "", 0
            last_sentence = None
            for st in df.stated:
                if st.sentence != last_sentence:
                    last_sentence = st.sentence
                    if re.match(r"^\s*(\d+[、.．]|（\d+）|\(\d+\))", st.sentence):
                        current, age = st.sentence[:60], 0
                    else:
                        age += 1
                if current and age <= 3 and st.sentence[:60] != current:
                    cached[st.fact_id] = current
            try:
                df._item_ctx = cached
            except AttributeError:
                pass
        return cached

    def _subjects(self, df: DocFacts) -> dict[str, str]:
        """Stated numbers' subjects, computed once per document."""
        cached = getattr(df, "_subjects", None)
        if cached is None:
            from assistant.facts import sentence_subjects
            cached = sentence_subjects(df.stated)
            try:
                df._subjects = cached
            except AttributeError:
                pass
        return cached

    def empty_match(self, q: Question, df: DocFacts, text: str | None = None) -> Answer | None:
        """'无（0）' when the question names an empty table or a sentence saying there is none."""
        qgrams = bigrams(expand(text if text is not None else q.content))
        best, best_t = 0.0, None
        for t in df.tables:
            if not t.empty:
                continue
            core = re.sub(r"20\d\d年度?|（[^）]*）|\([^)]*\)|预算表|决算表|表$|财政拨款|安排|收支|支出|收入", "", t.title)
            grams = bigrams(core) - GENERIC_GRAMS
            cov = len(grams & qgrams) / len(grams) if grams else 0.0
            qspec = qgrams - GENERIC_GRAMS
            if len(qspec) >= 3:  # the question names the table, which says more ('…功能分类预算表')
                cov = max(cov, 0.9 * len(qspec & bigrams(t.title)) / len(qspec))
            labels = getattr(t, "labels", ()) or ()
            if any(len(label_core(lb)) >= 3 and label_core(lb) in label_core(q.content) for lb in labels):
                cov = max(cov, 0.9)  # the question names a row of the empty table (公务接待费)
            if cov > best:
                best, best_t = cov, t
        doc = df.document
        for s in df.chunks:
            for sent in re.split(r"(?<=[。；])", s.text):
                if re.search(r"(无|没有)[^。；，]{0,12}(经费|预算|收入|支出|资金|项目)|为0|为零", sent):
                    core = re.sub(r"本部门|本单位|无|没有|预算|经费|。", "", sent)
                    cov = coverage(core, qgrams)
                    if cov >= 0.6 and cov > best:
                        c = Citation(doc.doc_id, doc.source, s.page, s.section, "", "", sent.strip())
                        return Answer(text=f"无（0）。{_name(doc)}：{sent.strip()}", value=Decimal(0),
                                      unit="万元", citations=[c], kind="none")
        if best_t is not None and best >= 0.6:
            c = Citation(doc.doc_id, doc.source, best_t.pages[0], best_t.title, "", "",
                         best_t.note or "本表无数据")
            return Answer(text=f"无（0）。{_name(doc)}《{best_t.title}》为空表：{best_t.note or '本表无数据'}",
                          value=Decimal(0), unit=best_t.unit or "万元", citations=[c], kind="none")
        return None

    # -- handlers ------------------------------------------------------------------------
    def lookup(self, q: Question, df: DocFacts) -> Answer | None:
        """A cell by row name, synonym or 科目编码 and column; a repeated label is summed."""
        doc = df.document
        ranked = self.ranked(q, df)
        top = ranked[0] if ranked else None
        st = self.ranked_stated(q, df, ("amount", "count", "share"))
        if st and st[0].score >= 2.5:
            # a figure stated in the narrative (机关运行经费, 政府采购…) beats a table cell whose
            # label covers fewer of the question's specific words
            s_cov = specific_cover(q, st[0].stated.subject)
            t_cov = specific_cover(q, f"{top.fact.row_label} {top.fact.column}") if top else 0.0
            back = coverage(label_core(local_subject(st[0].stated, self._subjects(df))), bigrams(expand(q.content)))
            if top is None or top.score < GOOD or (s_cov >= 0.6 and s_cov >= t_cov + 0.25 and back >= 0.34):
                empty = self.empty_match(q, df) if (top is None or top.score < GOOD) else None
                return empty or self._stated_answer(q, doc, st[0].stated)
        if top is None or top.score < GOOD:
            empty = self.empty_match(q, df)
            if empty is not None:
                return empty
            if top is None or top.score < 2.5:
                return None
        f = top.fact
        if q.want_unit == "元" and f.unit == "万元":
            exact = self._exact_yuan(df, f)
            if exact is not None:
                f = exact
        blank = self._blank_cell(q, df, f)
        if blank is not None:
            return blank
        twins = [x.fact for x in ranked if x.fact.table_no == f.table_no and x.fact.column == f.column
                 and label_core(x.fact.row_label) == label_core(f.row_label) and x.fact.row_no != f.row_no
                 and x.fact.value != f.value and x.score >= top.score - 0.01]
        if twins and label_core(f.row_label) not in TOTAL_LABELS:
            cells = [f] + twins
            c = calc.total([calc.Operand(x.value, x.unit, cite(doc, x), "") for x in cells])
            return self._finish(q, doc, c.result, c.unit, [cite(doc, x) for x in cells], c,
                                f"{f.row_label}（{f.column}）出现在{len(cells)}行，合计")
        return self._finish(q, doc, f.value, f.unit, [cite(doc, f)], None,
                            f"{f.row_label}（{f.column}）")

    @staticmethod
    def _exact_yuan(df: DocFacts, f: TableFact) -> TableFact | None:
        """A project's amount in 元 from its 绩效目标表 when it rounds to the 万元 cell asked for."""
        name = label_core(f.row_label)
        for g in df.facts:
            if "绩效目标" in g.table_title and g.unit == "元" and g.value and "年度资金总额" in g.row_label \
                    and name and (name in label_core(g.table_title) or label_core(g.table_title.split("：")[-1]) in name) \
                    and calc.q2(g.value / 10000) == calc.q2(f.value):
                return g
        return None

    def _blank_cell(self, q: Question, df: DocFacts, f: TableFact) -> Answer | None:
        """The column the question names is blank in the matched row: a blank budget cell is 0."""
        from assistant.facts import GENERIC_GRAMS as G
        info = next((t for t in df.tables if t.table_no == f.table_no), None)
        if info is None:
            return None
        qg = bigrams(expand(q.content)) - G

        def fit(path: str) -> float:
            return len(qg & bigrams(label_core(path.replace("/", " ")))) / len(qg) if qg else 0.0

        filled = {x.column for x in df.facts if x.table_no == f.table_no and x.row_no == f.row_no}
        from assistant.facts import column_hint
        hints = [h for h in column_hint(q) if h not in ("预算数", "决算数", "财政拨款")]
        if hints and not any(h in f.column for h in hints):
            for col in info.columns:
                if col and col not in filled and any(h in col.split("/")[-1] for h in hints):
                    doc = df.document
                    c = Citation(doc.doc_id, doc.source, f.page, f.table_title, f.row_label, col, "（空白）")
                    return Answer(text=f"无（0）。{_name(doc)}《{f.table_title}》{f.row_label}“{col}”一栏为空白，即没有安排。"
                                       f"来源：《{doc.source}》第{f.page}页。", value=Decimal(0), unit=f.unit,
                                  citations=[c], kind="none")
        mine = fit(f.column)
        for col in info.columns:
            leaf = label_core(col.split("/")[-1])
            if col and col not in filled and leaf and leaf in label_core(expand(q.content)) and fit(col) > mine:
                doc = df.document
                c = Citation(doc.doc_id, doc.source, f.page, f.table_title, f.row_label, col, "（空白）")
                return Answer(text=f"无（0）。{_name(doc)}《{f.table_title}》{f.row_label or ''}“{col}”一栏为空白，即没有安排。"
                                   f"来源：《{doc.source}》第{f.page}页。", value=Decimal(0), unit=f.unit,
                              citations=[c], kind="none")
        return None

    def _finish(self, q: Question, doc: Document, value: Decimal, unit: str, cits: list[Citation],
                calculation: Calculation | None, what: str, kind: str = "lookup") -> Answer:
        shown_v, shown_u = value, unit
        extra = ""
        if q.want_unit and unit in calc.UNITS_IN_YUAN and q.want_unit != unit:
            conv = calc.convert(value, unit, q.want_unit)
            expr = f"{value}{unit} × {calc.UNITS_IN_YUAN[unit]} ÷ {calc.UNITS_IN_YUAN[q.want_unit]} = {conv.normalize():f}{q.want_unit}"
            calculation = Calculation(expr, conv, q.want_unit, tuple(cits))
            shown_v, shown_u = conv, q.want_unit
            extra = f"（原表为 {value}{unit}）"
        src = "；".join(f"《{c.source}》第{c.page}页" + (f"《{c.table_title}》" if c.table_title else "") for c in cits[:3])
        text = f"{_name(doc)}{what}为 {fmt_value(shown_v, shown_u)}{extra}。来源：{src}。"
        if value == 0 and calculation is None:
            text = "无（0）。" + text
        if calculation is not None:
            text += f"计算：{calculation.expression}"
        return Answer(text=text, value=shown_v if shown_u != "%" else calc.q2(shown_v), unit=shown_u,
                      citations=cits, calculation=calculation, kind=kind)

    def _stated_answer(self, q: Question, doc: Document, s: StatedFact, kind: str = "text") -> Answer:
        from assistant.facts import local_subject as ls
        df = self.lib.facts(doc.doc_id)
        what = ls(s, self._subjects(df)).replace(doc.department, "")
        return self._finish(q, doc, s.value, s.unit, [cite_stated(doc, s)], None, what, kind)

    def _part(self, q: Question, df: DocFacts, text: str) -> TableFact | None:
        codes = [c for c in q.codes if c in re.sub(r"\s", "", text)]
        sub = Question(raw=text, text=text, codes=codes, want_kind="money", content=text)
        r = self.ranked(sub, df, text)
        return r[0].fact if r and r[0].score >= 2.5 else None

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
        return Engine._subset_info(q, pool)[0]

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
