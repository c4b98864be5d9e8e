"""The no-LLM answerer: question understanding → facts → calculator → Answer."""
from __future__ import annotations

import dataclasses
import logging
import re
from decimal import Decimal

from assistant import calculator as calc
from assistant.absent import Absent
from assistant.answer import Answer, Calculation, Citation, refusal
from assistant.changes import COMPLETION, NarrativeChanges
from assistant.checks import checked, claim_checked, in_asked_unit, per_checked, threshold_checked, unit_checked
from assistant.exclusion import Exclusions
from assistant.claims import Claims
from assistant.finer import finer
from assistant.preamble import preamble_free
from assistant.comparing import BODY_RANK, both_years
from assistant.citing import GOOD, _name, _table_bonus, cite, cite_stated, decimals_asked, fmt_value, specific_cover, strip_body
from assistant.facts import GENERIC_GRAMS, TOTAL_LABELS, Scored, coverage, expand, is_total, local_subject, score_fact, unit_ok
from assistant.library import DocFacts, Library
from assistant.narrative import BUDGET_SIDE, FINAL_SIDE, FUNDS, GAP, Narrative
from assistant.operations import Operations, _before_value
from assistant.averages import AVERAGE
from assistant.glossary import Glossary
from assistant.dialects import dialect_free
from assistant.spoken import spoken_free
from assistant.procurement import procurement_named
from assistant.sangong import sangong_cell
from assistant.phrasing import simplified
from assistant.listed import ListedItems
from assistant.many import ManyBodies
from assistant.own import OwnFigures
from assistant.per import PerUnit
from assistant.presteps import PreSteps
from assistant.quiz import Quiz, blank_free
from assistant.scenarios import Scenarios
from assistant.points import Points
from assistant.respell import Respelling
from assistant.reasons import Reasons
from assistant.routes import Routes, on_page
from assistant.scope import Scope
from assistant.textfacts import TextFacts
from assistant.bodies import body_score, short_name_free
from assistant.understand import Question, asking_clause, asks_change, bigrams, content_words, label_core, method_free, parse
from ingest.model import Document, StatedFact, TableFact

log = logging.getLogger(__name__)
__all__ = ["Engine", "GOOD", "cite", "cite_stated", "fmt_value", "strip_body", "specific_cover"]


# '法律援助中心是什么单位', '减少的原因是什么': no number answers these
QUALITATIVE = re.compile(r"是什么|干什么|做什么|为什么|什么原因|原因是|怎么样|(?<!安排情况)如何|职责|是指")


class Engine(Scope, Narrative, NarrativeChanges, TextFacts, Reasons, Routes, Points, Claims, Glossary, Respelling, Absent,
             Exclusions, PerUnit, OwnFigures, Scenarios, ManyBodies, ListedItems, Quiz, PreSteps, Operations):
    """Deterministic answers from the facts of the documents in a Library."""


    def __init__(self, library: Library):
        self.lib = library

    # -- entry ---------------------------------------------------------------------------
    def answer(self, question: str, context: dict | None = None, scope: list[str] | None = None) -> Answer:
        """Answer one question; context carries the previous turn for follow-ups."""
        question = preamble_free(blank_free(procurement_named(spoken_free(dialect_free(simplified(question))))))  # ('機關運行經費' is 机关运行经费; '是（  ）万元' asks 多少万元)
        first = self.before_lookup(question, context, scope)  # (presteps: forms of question answered as a whole)
        if first is not None:
            return first
        ans = self._guarded(question, context, scope)
        if not ans.answerable and not ans.candidates:
            return self.respelled_answer(question, context, scope) or ans  # ('三工经费' for 三公经费)
        return ans

    def _guarded(self, question: str, context: dict | None, scope: list[str] | None) -> Answer:
        try:
            ans = unit_checked(checked(self._answer(question, context or {}, scope), question), question)
            ans = finer(in_asked_unit(per_checked(threshold_checked(ans, question), question), question), question, self.lib)
            return claim_checked(decimals_asked(ans, question), question)
        except calc.CalculatorError as exc:
            return refusal(f"可计算的结果：{exc}")

    def _answer(self, question: str, context: dict, scope: list[str] | None) -> Answer:
        q = parse(self._follow_up(question, context))
        if q.intent == "personal":
            return self._covered_refusal("这类个人或联系信息（预算公开文件只包含收支数字和说明）")
        docs, problem = self.select(q, context, scope)
        if problem is not None:
            return problem
        said, docs = self._text_asked(q, docs, question)  # why, where, what for, which firms
        if said is not None:
            return said
        docs = both_years(q, docs)  # '这两年加起来', '两年里哪年高': one body's two documents
        if q.intent == "share" and q.times and len(docs) >= 2 and len({d.year for d in docs} & set(q.years)) >= 2:
            q.intent = "compare"  # '2025年三公经费是2024年的多少倍': one figure in two documents
        across = self._across_documents(q, docs)  # one share in two bodies, rows ranked by their change
        if across is not None:
            return across
        if q.intent == "compare":
            have = {d.year for d in docs}
            worked_back = bool(re.search(r"倒推|推算|反推|倒算|倒着算", q.text))  # ('根据2025年说明的增加额倒推2024年…')
            if len(docs) >= 2 and (len(set(q.years) & have) >= 2 or len(set(q.years)) < 2) and self._pair_named(q, docs) \
                    and not worked_back:
                return self._with_ctx(self._with_reason(self.compare(q, docs), q, docs), q, docs)
            q.intent = "change"  # 比2023年… with no 2023 document: the narrative states it
            docs = [d for d in docs if d.year == max(q.years)] or docs if q.years else docs
            if q.years and min(q.years) == max(q.years) - 1 and not asks_change(method_free(q.text)):
                q.last_year = True  # '据2025年预算的说明倒推，2024年的收入预算是多少': the earlier year's level
            top = max((body_score(q.text, d) for d in docs), default=0)
            docs = [d for d in docs if body_score(q.text, d) >= top] or docs
        if len(docs) > 1 and all(self._wider_scope(q, self.lib.facts(d.doc_id)) for d in docs):
            wider = self._wider_scope(q, self.lib.facts(docs[0].doc_id))
            return refusal(f"{wider}的数字：已载入的都是部门的预算公开文件，只列各部门自己的收支，不含{wider}的数字",
                           self._covered_list(docs))
        bodies = {d.department for d in docs}
        if q.intent == "rank_bodies" or BODY_RANK.search(q.text) and (len(bodies) > 1 or len(self.lib.documents()) == 1) \
                and not any(self.lib.body_scores(re.sub(r"上海的?|人民政府|政府", " ", q.text), docs).values()):
            return self._with_ctx(self.rank_bodies(q, docs), q, docs)  # '这些单位里谁的机关运行经费最多'
        if len(docs) > 1:
            docs = self._disambiguate(q, docs)
            if len(docs) > 1:
                names = [_name(d) for d in docs]
                return refusal("唯一对应的文档：多份文档都有这个数字，请指明单位和年度",
                               "、".join(names), candidates=names)
        doc = docs[0]
        q.content = strip_body(short_name_free(q, doc), doc)
        df = self.lib.facts(doc.doc_id)
        if q.page:  # '第15页那张表里…': the tables on that page, its sentences
            df = on_page(df, q.page)
        beside = self.beside(q, df)  # '委托业务费下面那一行是多少'
        if beside is not None:
            return self._with_ctx(beside, q, [doc])
        coded = self.unknown_code(q, df)  # a 科目编码 the document never prints: its row by name, else refused
        if coded is not None:
            return self._with_ctx(coded, q, [doc])
        wider = self._wider_scope(q, df)
        if wider:
            return self._with_ctx(refusal(f"{wider}的数字：{_name(doc)}是一个部门的预算公开文件，只列本部门的收支，"
                                          f"不含{wider}的数字", self._covered_list(self.lib.documents())), q, [doc])
        ranked = self._ranked_in_one(q, df)  # '哪一项增幅最大', '哪一项决算比年初预算少得最多'
        if ranked is not None:
            return self._with_ctx(ranked, q, [doc])
        if doc.kind == "决算" and q.intent in ("lookup", "diff") and BUDGET_SIDE.search(FUNDS.sub("", q.text)) \
                and FINAL_SIDE.search(q.text) and (GAP.search(q.text) or q.intent == "diff"):
            gap = self._pair_gap(q, df)  # '年初预算和实际支出差了多少'
            if gap is not None:
                return self._with_ctx(gap, q, [doc])
        worded = self.defined(q, df) or self.funding_source(q, df) or self.text_fact(q, df)  # '资金来源是哪一级财政', '有没有政府购买服务', '包括几家单位'
        if worded is not None:
            return self._with_ctx(worded, q, [doc])
        unasked = self.not_in_kind(question, q, df)  # a date, a budget's progress, a reserved share none states
        if unasked is not None:
            return self._with_ctx(unasked, q, [doc])
        if doc.kind == "决算" and COMPLETION.search(q.text):
            done = self.completion(q, df)  # '行政运行完成年初预算的百分之几'
            if done is not None:
                return self._with_ctx(done, q, [doc])
        if q.intent == "lookup" and QUALITATIVE.search(q.text) and not re.search(r"多少|几|金额|比例|比重|占|率|数|额", q.text):
            return self._with_ctx(refusal(f"“{question.strip()}”的数字答案：这是在问性质或原因，预算公开文件的表格"
                                          f"只给出数字", self._coverage(doc)), q, [doc])
        unknown = self._unknown_head(q, df) if q.intent == "lookup" else ""
        if unknown:  # '某公司的注册资本是多少': the thing asked is nowhere in the document
            return self._with_ctx(refusal(f"“{unknown}”：{_name(doc)}没有这一项（文档里找不到这个词）",
                                          self._coverage(doc)), q, [doc])
        if q.measure and q.intent in ("lookup", "count", "change") and not AVERAGE.search(q.text):
            measured = self.measured(q, df)
            if measured is not None:
                return self._with_ctx(measured, q, [doc])
        if q.intent == "change" and q.last_year:
            # '…决算说收入支出总计比2023年下降了，那2023年度的收入支出总计是多少': the asking clause names it
            asked = strip_body(short_name_free(q, doc, content_words(asking_clause(q.text))), doc)
            if len(bigrams(asked) - GENERIC_GRAMS) >= 2:
                q.content = asked
        handler = {"diff": self.diff, "share": self.share, "change": self.change, "sum": self.total, "rank": self.rank,
                   "count": self.count, "audit": self.audit}.get(q.intent, self.lookup)
        ans = self.preempt(q, df) or handler(q, df)  # averages, gaps worded without 比
        if ans is None and q.intent == "change" and not q.last_year and doc.year:
            # no change stated, but the body's previous year is loaded: compare the two documents
            prev = [d for d in self.lib.documents() if d.department == doc.department and d.year == doc.year - 1
                    and d.kind == doc.kind]
            if prev:
                q.years = [prev[0].year, doc.year]
                got = self.compare(q, [prev[0], doc])
                ans = got if got.answerable else None
        if ans is None and q.intent not in ("lookup", "change") and not q.last_year:
            # (a figure for a year the store lacks is never answered with this year's figure)
            ans = self.lookup(q, df)
            said = (ans.citations[0].row_label + ans.citations[0].column + ans.text.split("来源")[0]) if ans and ans.citations else ""
            if q.intent == "rank" and re.search(r"合计|总计|共计|涉及|总额|小计", said):
                # ('12个项目里金额最大的是哪个' when only their total is printed): a total is no ranking
                ans = refusal(f"可以排序的逐项数字：{_name(doc)}只给出合计（{ans.value}{ans.unit}），没有逐项列出",
                              self._coverage(doc))
        if ans is None and q.intent == "lookup" and re.search(r"合计|一共|总共|共计|全年|加起来|总额", q.text):
            ans = self.stated_sum(q, df)  # '全年用款计划合计': the quarters one sentence lists
        if ans is None and q.intent == "lookup":
            item = self.purpose_item(q, df)  # '委托中介机构做审计、绩效评价的钱' → 财政委托业务支出
            if item:
                ans = self.lookup(dataclasses.replace(q, content=item + " " + " ".join(
                    w for w in ("决算数", "年初预算", "项目支出", "基本支出") if w[:2] in q.text)), df)
                if ans is not None:
                    ans = dataclasses.replace(ans, text=f"按说明中“主要用于”的描述，这笔钱是“{item}”。" + ans.text)
        if ans is None and q.intent in ("lookup", "sum"):
            ans = self._stated_none(q, df)  # '政府购买服务安排了多少' → 无（0）: '本部门2026年无政府购买服务。'
        if ans is None:
            ans = refusal(f"与“{question.strip()}”对应的数字（{_name(doc)}）",
                          self._coverage(doc))
        if ans.unit in ("名", "位") and re.search(r"(几|多少)个?人", q.text):
            ans = dataclasses.replace(ans, unit="人")  # ('保障的是几个人': 7名 is 7 people)
        return self._with_ctx(self._which_column(self._with_reason(ans, q, [doc]), q, df), q, [doc])

    def _with_ctx(self, ans: Answer, q: Question, docs: list[Document]) -> Answer:
        ans.context.update({"docs": [d.doc_id for d in docs], "question": q.raw, "content": q.content,
                            "intent": q.intent})
        return ans

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
            # '一般公共预算财政拨款基本支出的津贴补贴': words that name a table are not the row asked for
            named = self._table_names_in(df, content)
            if named:
                rest = content
                for core in sorted(named, key=len, reverse=True):
                    rest = rest.replace(core, "|")
                for x in out:
                    lb = label_core(x.fact.row_label)
                    if len(lb) >= 2 and lb in content and lb not in rest and any(lb in c for c in named):
                        x.score -= 3.0
            for x in out:
                code = x.fact.subject_code
                if len(code) >= 5 and names.get((x.fact.table_no, code[:-2]), "") and \
                        len(names[(x.fact.table_no, code[:-2])]) >= 3 and names[(x.fact.table_no, code[:-2])] in content \
                        and label_core(x.fact.row_label) in content.replace(names[(x.fact.table_no, code[:-2])], "|"):
                    x.score += 1.5  # '城乡社区管理事务的行政运行': the 行政运行 under that 款
        out.sort(key=lambda x: (-x.score, x.fact.table_no, x.fact.row_no))
        return out

    @staticmethod
    def _table_names_in(df: DocFacts, content: str) -> list[str]:
        """The tables a question names by their titles ('一般公共预算财政拨款基本支出' of …决算表)."""
        return [core for core in {re.sub(r"^20\d\d年度?|(预算|决算)?表$", "", label_core(t.title)) for t in df.tables}
                if len(core) >= 6 and core in content]

    def _code_names(self, df: DocFacts) -> dict[tuple[int, str], str]:
        cached = getattr(df, "_code_names", None)
        if cached is None:
            cached = {(f.table_no, f.subject_code): label_core(f.row_label) for f in df.facts if f.subject_code}
            try:
                df._code_names = cached
            except AttributeError:
                pass
        return cached

    # -- handlers ------------------------------------------------------------------------
    def lookup(self, q: Question, df: DocFacts) -> Answer | None:
        """A cell by row name, synonym or 科目编码 and column; a repeated label is summed."""
        doc = df.document
        # ('2024年决算中…的年初预算': 决算 there names the document, not the side of the figure)
        if doc.kind == "决算" and BUDGET_SIDE.search(FUNDS.sub("", q.text)) and \
                not FINAL_SIDE.search(re.sub(r"20\d\d年度?(部门)?决算", "", q.text)):
            budgeted = self._budgeted(q, df)
            if budgeted is not None:
                return budgeted
        if q.want_kind == "money" and not q.codes and \
                not bigrams(re.sub(r"部门预算|全年|年度|总额|总数|规模|整个|整体|[能总共全部一年花用钱要可以有]", " ", q.content)) - GENERIC_GRAMS:
            # '今年总共能花多少钱': the body's whole budget
            q.content = "支出总计"
        ranked = self.ranked(q, df)
        top = ranked[0] if ranked else None
        st = self.narrowed(q, self.ranked_stated(q, df, ("amount", "count", "share")))
        if st and st[0].score >= 2.5:
            # a figure stated in the narrative (机关运行经费, 政府采购…) beats a table cell whose
            # label covers fewer of the question's specific words
            s_cov = specific_cover(q, st[0].stated.subject)
            t_cov = specific_cover(q, f"{top.fact.row_label} {top.fact.column}") if top else 0.0
            back = coverage(label_core(local_subject(st[0].stated, self._subjects(df))), bigrams(expand(q.content)))
            named = self._table_names_in(df, label_core(q.content)) if top is not None else []
            rest = label_core(q.content)
            for core in sorted(named, key=len, reverse=True):
                rest = rest.replace(core, "|")
            row_asked = top is not None and len(label_core(top.fact.row_label)) >= 2 and \
                label_core(top.fact.row_label) in rest and label_core(top.fact.row_label) not in label_core(st[0].stated.subject)
            # ('一般公共预算收入…占100%' for a question about 一般公共服务支出: the sentence names another part)
            named = dataclasses.replace(q, content=re.sub(r"占比|所占|占|比重|比例|百分比|百分之", " ", q.content))
            vague_share = q.want_kind == "percent" and s_cov < 0.5 and specific_cover(named, _before_value(st[0].stated)) < 0.6
            if not row_asked and not vague_share and \
                    (top is None or top.score < GOOD or (s_cov >= 0.6 and s_cov >= t_cov + 0.25 and back >= 0.34)):
                if doc.kind == "决算" and FINAL_SIDE.search(re.sub(r"20\d\d年度?(部门)?决算", "", q.text)) \
                        and BUDGET_SIDE.search(st[0].stated.subject) and q.want_kind != "percent":
                    paired = self._paired(q, df, "决算")  # ('实际支出是多少': not the 年初预算 the sentence opens with)
                    if paired is not None:
                        return paired
                empty = self.empty_match(q, df) if (top is None or top.score < GOOD) else None
                if empty is None and not _rounds_to(top, st[0].stated):
                    return self._stated_answer(q, doc, st[0].stated)
                if empty is not None:
                    return empty
                # ('收入预算17192万元' rounds the table's 171,915,169元: the exact cell answers)
        if top is None or top.score < GOOD:
            if doc.kind == "决算" and FINAL_SIDE.search(q.text) and q.want_kind != "percent":
                paired = self._paired(q, df, "决算")  # '三公经费实际花了多少': the narrative's 支出决算为…
                if paired is not None:
                    return paired
            empty = self.empty_match(q, df)
            if empty is not None:
                return empty
            if top is None or top.score < 2.5:
                # '特定目标类项目…共多少钱': an amount named by the words just before it
                near = self._stated_amount(df, q.content) if q.want_kind == "money" else None
                return self._stated_answer(q, doc, near) if near is not None else None
        f = top.fact
        if "绩效" in f.table_title and f.unit in calc.UNITS_IN_YUAN:
            # the same amount in a budget table (the project's row) before a performance form's indicator
            same = [x.fact for x in ranked[1:6] if x.score >= top.score - 0.5 and "绩效" not in x.fact.table_title
                    and x.fact.unit in calc.UNITS_IN_YUAN and x.fact.value is not None
                    and calc.convert(x.fact.value, x.fact.unit, "元") == calc.convert(f.value, f.unit, "元")]
            if same:
                f = same[0]
        f = sangong_cell(df, f) if "三公" in q.text else f  # ('公车运行维护费（三公口径）'): the 三公 table's cell
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
        # the same row in a table printed in 元 ('公务接待费' 0.83万元 in the 三公 table, 8265元 in the 经济分类 table)
        names = {n for n in (name, label_core(f.column.split("/")[-1])) if len(n) >= 3 and not is_total(n)}
        same = [g for g in df.facts if g.unit == "元" and g.value and "绩效目标" not in g.table_title
                and label_core(g.row_label) in names and calc.q2(g.value / 10000) == calc.q2(f.value)]
        return min(same, key=lambda g: (not (g.column.endswith("合计") or "/" not in g.column), g.table_no)) if same else None

    def _finish(self, q: Question, doc: Document, value: Decimal, unit: str, cits: list[Citation],
                calculation: Calculation | None, what: str, kind: str = "lookup") -> Answer:
        shown_v, shown_u = value, unit
        extra = ""
        if q.want_unit and unit in calc.UNITS_IN_YUAN and q.want_unit != unit:
            conv = calc.convert(value, unit, q.want_unit)
            expr = f"{value}{unit} × {calc.UNITS_IN_YUAN[unit]} ÷ {calc.UNITS_IN_YUAN[q.want_unit]} = {conv.normalize():f}{q.want_unit}"
            # (a computed figure keeps its own formula before the conversion)
            calculation = Calculation(f"{calculation.expression}；{expr}" if calculation is not None else expr, conv, q.want_unit, tuple(cits))
            shown_v, shown_u = conv, q.want_unit
            extra = f"（原表为 {value}{unit}）"
        bound = next((c.quote for c in cits[:1] if calculation is None and re.match(r"\s*(≥|≤|>|<|不低于|不少于|不高于|不超过|大于|小于)", c.quote or "")), "")
        if bound:
            bound = re.sub(r"(%|％|人|个|家|万元|亿元|元)\1$", r"\1", bound.strip())  # (the quote is the cell and its unit)
            extra += f"（原文为“{bound}”）"  # a target printed as a bound ('≥96%') is a bound, not a level
        src = "；".join(f"《{c.source}》第{c.page}页" + (f"《{c.table_title}》" if c.table_title else "") for c in cits[:3])
        verb = "" if re.search(r"(?:增加|减少|增长|下降)$", what) else "为"  # ('比上年减少 1190.44万元')
        text = f"{_name(doc)}{what}{verb} {fmt_value(shown_v, shown_u)}{extra}。来源：{src}。"
        if value == 0 and calculation is None:
            text = "无（0）。" + text
        if calculation is not None:
            text += f"计算：{calculation.expression}"
        return Answer(text=text, value=shown_v if shown_u != "%" else calc.q2(shown_v), unit=shown_u,
                      citations=cits, calculation=calculation, kind=kind)


def _rounds_to(top: Scored | None, st: StatedFact) -> bool:
    """The narrative's amount is the table cell's, rounded ('17192万元' for 171,915,169元), and the cell
    is a good match: the cell is the exact figure."""
    if top is None or top.score < GOOD or top.fact.value is None or st.value is None or \
            top.fact.unit not in calc.UNITS_IN_YUAN or st.unit not in calc.UNITS_IN_YUAN:
        return False
    exact = calc.convert(top.fact.value, top.fact.unit, st.unit)
    step = Decimal(1).scaleb(st.value.as_tuple().exponent) / 2
    return exact != st.value and abs(exact - st.value) <= step
