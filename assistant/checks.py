"""Checks of one figure against another in one document: parts against their total ('基本支出加项目支出，
是否等于支出合计？差多少', '21505和21508两个款加起来是否等于类合计'), a figure the question quotes from the
narrative against the table ('说明里写的352.67万元和表里的住房公积金对得上吗'), and one row in two tables
('收入支出决算总表上的数和支出决算表上的数差多少'). The answer is the gap (0 when they agree), both sides cited."""
from __future__ import annotations

import dataclasses
import re
from decimal import Decimal

from assistant import calculator as calc
from assistant.answer import Answer, Calculation, refusal
from assistant.citing import GOOD, cite, cite_stated, fmt_value, strip_body
from assistant.library import DocFacts
from assistant.spoken import spoken_free
from assistant.conditions import amount_test
from assistant.understand import Question, asking_clause, bigrams, label_core, normalize, parse

CHECK = re.compile(r"^(.+?(?:加上|加|\+).+?)\s*(?:是否|是不是|能否|等不等于|有没有|能不能)?\s*(?:等于|等同于|对得上)(.+)$")
# '…对得上吗', '核对一下…差多少': a check, when the question also names two sources or quotes a figure
# 'A加B，与表中的合计数是否一致': the whole named before the verb
CHECK_WITH = re.compile(r"^(.+?(?:加上|加|\+).+?)[，,\s]*(?:与|和|跟|同)(.+?)(?:是否|是不是|能否|能不能)?(?:一致|相等|相符|吻合|对得上|对应|比?差(?:了)?(?:多少)?|相差)")
CHECKING = re.compile(r"是否|是不是|等不等于|能否|能不能|对不对|对得上|对不上|一致|吗|核对")
_QUOTED = re.compile(r"(\d[\d,，]*(?:\.\d+)?)\s*(万元|元|亿元)")


_STATED = re.compile(r"^(.*?[\u4e00-\u9fff）)”\"])\s*(\d[\d,，]*(?:\.\d+)?)\s*(?:万元|元|亿元)?$")


def _quoted_cells(df: DocFacts, question: str, named: list[tuple[str, str | None]]) -> list | None:
    """One table's cells for labels the question names with the figures it quotes ('基本支出329.65'): each
    cell's row or column holds the label and, where a figure is quoted, prints that figure; of several
    tables that print them all, the one whose title the question names, else the first."""
    want = [(label_core(x), Decimal(v.replace(",", "").replace("，", "")) if v else None) for x, v in named]
    by_table: dict[int, list] = {}
    for f in df.facts:
        if f.value is not None:
            by_table.setdefault(f.table_no, []).append(f)
    best, best_score = None, -1
    for no, facts in by_table.items():
        picked = []
        for label, value in want:
            hits = [f for f in facts if (label in label_core(f.row_label) or label in f.column if label else value is not None)
                    and (value is None or f.value == value)]
            if not hits:
                break
            picked.append(min(hits, key=lambda f: (len(label_core(f.row_label)), f.row_no)))
        if len(picked) < len(want) or len({f.fact_id for f in picked}) < len(picked):
            continue
        score = len(bigrams(re.sub(r"\d|20\d\d年", "", picked[0].table_title)) & bigrams(question))
        if score > best_score:
            best, best_score = picked, score
    return best


class Checks:
    """Mixed into Operations (through RowSets.preempt): check()."""

    def check(self, q: Question, df: DocFacts) -> Answer | None:
        """The check the question words, or None when it asks none."""
        if not CHECKING.search(q.text) and not re.search(r"差(?:了)?多少|相差", q.text):
            return None
        if (CHECK.search(q.content) or CHECK_WITH.search(q.content)) and (CHECKING.search(q.text) or re.search(r"差(?:了)?多少|相差", q.text)):
            summed = self.check_sum(q, df)
            if summed is not None or not re.search(r"下[^，,。？?]{0,12}(?:相加|加起来)", q.text):
                return summed
        if re.search(r"(?:下面|下属|之下|下的?各|下)[^，,。？?]{0,12}(?:加起来|相加|之和|合计)", q.text):
            # ('下面四个项级科目相加，和款级合计对得上吗？差多少': the children against their parent)
            return self.children_check(q, df) if re.search(r"差|一致|等于|对得上|对不上|相符", q.text) \
                else self.children_sum(q, df)  # type: ignore[attr-defined]
        if re.search(r"差|对得上|对不上|一致|核对", q.text):
            return self._two_tables(q, df) or self._quoted_vs_table(q, df)
        return None

    def check_sum(self, q: Question, df: DocFacts) -> Answer | None:
        """'基本支出加项目支出，是否等于支出合计？差多少': the parts summed, the whole looked up, and the
        gap between them (0 when they agree), every cell cited."""
        m = CHECK.search(q.content)
        if m is None or not re.sub(r"差|多少|是|吗|呢|\s", "", m.group(2)):
            m = CHECK_WITH.search(q.content) or m  # ('A加B，跟合计对得上吗？差多少': the whole before the verb)
        head = re.sub(r"^\s*(?:核对|核实|检查|核查|请|帮我|看看|确认)*(?:一下)?\s*(?:(?:部门|单位)?(?:决算|预算)\s)?\s*", "",
                      strip_body(m.group(1), df.document))
        head = re.sub(r"合计\s*$", "", re.sub(r"加起来|加在一起|合起来|之和", " ", head)).strip()  # (not 本年收入合计's own)
        last = head.split()[-1] if head.split() else head
        if len(head.split()) > 1 and re.search(r"加上|加|\+|、|和|与|及", last):
            head = last  # ('215资源勘探工业信息等支出，21505和21508两个款加起来': the list after the scope)
        head = re.sub(r"^\S*?表(?:里面|当中|里|中|上|内)的?", "", head)  # ('支出总表里基本支出…加…': the table, then the rows)
        parts = [x.strip() for x in re.split(r"加上|加|\+|、", head) if x.strip()]
        if len(parts) < 2:  # ('21505和21508两个款加起来')
            parts = [x.strip() for x in re.split(r"和|与|及", re.sub(r"[两二三四五六七八九十几]+(?:个|项)?(?:类|款|项)?$", "", head)) if x.strip()]
        whole_t = re.sub(r"\d[\d,，]*(?:\.\d+)?\s*(?:万元|元|亿元)?|是多少|多少|差|吗|呢", " ", m.group(2)).strip()
        whole_t = " ".join(dict.fromkeys(whole_t.split()))
        whole_m = _STATED.match("的" + re.sub(r"是多少|多少|差|吗|呢|\s", "", m.group(2)))
        if len(parts) < 2 or not whole_t and not whole_m:
            return None
        stated, unlike = [_STATED.match(x) for x in parts], []
        if any(stated):
            # ('基本支出329.65加项目支出971.43，跟合计1301.09对得上吗'): the figures the asker quotes say which cells
            parts = [x.group(1) if x else p for x, p in zip(stated, parts)]
            quoted = [(p, x.group(2) if x else None) for x, p in zip(stated, parts)] + [(whole_t, whole_m.group(2) if whole_m else None)]
            found = _quoted_cells(df, q.text, quoted) or _quoted_cells(df, q.text, [(p, None) for p, _ in quoted])
            if found is None:
                return None
            cells, whole = found[:-1], found[-1]
            whole_t = whole_t or label_core(whole.row_label)
            # (a quoted figure the cell does not print is said, beside the document's)
            unlike = [f"问题中的{p}{v}与文件的{fmt_value(f.value, f.unit)}不同" for (p, v), f in zip(quoted, found)
                      if v and f.value != Decimal(v.replace(",", "").replace("，", ""))]
        else:
            cells = self._aligned(df, parts)  # type: ignore[attr-defined]
            whole = _parent_of(df, cells, whole_t) or self._part(q, df, whole_t)  # type: ignore[attr-defined]
        if not cells or whole is None or len({f.fact_id for f in cells}) < len(cells) or whole.fact_id in {f.fact_id for f in cells}:
            return None
        doc = df.document
        total = calc.total([calc.Operand(f.value, f.unit, cite(doc, f), label_core(p)) for f, p in zip(cells, parts)])
        w = calc.Operand(whole.value, whole.unit, cite(doc, whole), label_core(whole_t))
        gap = calc.difference(calc.Operand(total.result, total.unit, None, "合计"), w)
        same = gap.result == 0
        c = calc.Calculation(f"{total.expression}；{gap.expression}", abs(gap.result), gap.unit, tuple(total.inputs) + (w.citation,))
        what = ("（" + "；".join(unlike) + "）" if unlike else "") + \
            f"{'+'.join(parts)}（{fmt_value(total.result, total.unit)}）与{whole_t}（{fmt_value(whole.value, whole.unit)}）" + \
            ("相等，差额" if same else "不相等，差额")
        if not re.search(r"差多少|差额|差了?多少|相差|差几", q.text) and re.search(r"是多少|多少", asking_clause(q.text)):
            # '…是否等于总计？总计是多少': the total, with the check beside it
            ans = self._finish(q, doc, whole.value, whole.unit, [w.citation] + list(total.inputs), c,  # type: ignore[attr-defined]
                               whole_t, "lookup")
            return dataclasses.replace(ans, text=ans.text + f"（核对：{what} {fmt_value(abs(gap.result), gap.unit)}）")
        return self._finish(q, doc, abs(gap.result), gap.unit, list(c.inputs), c, what, "diff")  # type: ignore[attr-defined]

    def children_check(self, q: Question, df: DocFacts) -> Answer | None:
        """'“工资福利支出”下各款相加是否等于该类合计，差额多少': the rows under a row summed against the row
        itself (the same column), the gap the answer (0 when they agree), every cell cited."""
        summed = self.children_sum(q, df)  # type: ignore[attr-defined]
        if summed is None or summed.calculation is None or summed.value is None:
            return None
        parent = self._parent_loose(q, df, narrow=r"下")  # type: ignore[attr-defined]
        first = summed.calculation.inputs[0]
        own = next((f for f in df.facts if parent is not None and f.table_no == parent.table_no and f.row_no == parent.row_no
                    and f.column == first.column and f.value is not None), None)
        if own is None:
            return None
        doc = df.document
        w = calc.Operand(own.value, own.unit, cite(doc, own), label_core(own.row_label))
        gap = calc.difference(calc.Operand(summed.value, summed.unit, None, "各项之和"), w)
        c = calc.Calculation(f"{summed.calculation.expression}；{gap.expression}", abs(gap.result), gap.unit,
                             tuple(summed.calculation.inputs) + (w.citation,))
        n = len(summed.calculation.inputs)
        what = (f"“{own.row_label}”下{n}项之和（{fmt_value(summed.value, summed.unit)}）与其本行（{fmt_value(own.value, own.unit)}）"
                + ("相等，差额" if gap.result == 0 else "不相等，差额"))
        return self._finish(q, doc, abs(gap.result), gap.unit, list(c.inputs), c, what, "diff")  # type: ignore[attr-defined]

    def _quoted_vs_table(self, q: Question, df: DocFacts) -> Answer | None:
        """'说明里住房公积金写的“…352.67万元”，和表里的住房公积金对得上吗？差多少': the quoted figure against
        the table cell of the row the question names."""
        m = _QUOTED.search(q.text)
        if m is None:
            return None
        said = calc.Operand(Decimal(m.group(1).replace(",", "").replace("，", "")), m.group(2), None, "说明所写")
        text = re.sub(r"[“\"][^”\"]*[”\"]|" + _QUOTED.pattern + r"|说明里?|表里?|写的|对得上吗?|对不上|差多少|差了多少|多少|核对一下|和|与|跟",
                      " ", strip_body(q.content, df.document))
        sub = Question(raw=text, text=text, want_kind="money", content=text)
        cells = [x for x in self.ranked(sub, df, text) if x.fact.unit in calc.UNITS_IN_YUAN and x.score >= GOOD  # type: ignore[attr-defined]
                 and "绩效" not in x.fact.table_title]
        if not cells:
            return None
        f = cells[0].fact
        doc = df.document
        stated = next((x for x in df.stated if x.unit == said.unit and x.value == said.value), None)
        said = dataclasses.replace(said, citation=cite_stated(doc, stated)) if stated is not None else said
        t = calc.Operand(f.value, f.unit, cite(doc, f), f"表中{label_core(f.row_label)}")
        gap = calc.difference(t, said)
        what = f"说明所写 {fmt_value(said.value, said.unit)} 与表中{label_core(f.row_label)} {fmt_value(f.value, f.unit)}" + \
            ("一致，差额" if gap.result == 0 else "不一致，差额")
        c = dataclasses.replace(gap, result=abs(gap.result))
        cits = [x for x in (t.citation, said.citation) if x is not None]
        return self._finish(q, doc, abs(gap.result), gap.unit, cits, c, what, "diff")  # type: ignore[attr-defined]

    def _two_tables(self, q: Question, df: DocFacts) -> Answer | None:
        """'收入支出决算总表上的数和支出决算表上的数差多少': the row the question names, read in each of
        the two tables it names."""
        titles = {}
        for t in df.tables:
            core = label_core(re.sub(r"20\d\d年度?|（[^）]*）|\([^)]*\)", "", t.title))
            at = q.text.find(core) if len(core) >= 4 else -1
            if at >= 0 and not any(core != o and core in o and q.text.find(o) >= 0 for o in titles.values()):
                titles[t.table_no] = core
        # ('支出决算表' inside '收入支出决算总表' is named only where the longer title is not)
        named = [(n, c) for n, c in titles.items() if not any(c != o and c in o and
                 all(m.start() in range(q.text.find(o), q.text.find(o) + len(o)) for m in re.finditer(re.escape(c), q.text))
                 for o in titles.values())]
        if len(named) != 2:
            return None
        text = strip_body(q.content, df.document)
        for _, c in named:
            text = text.replace(c, " ")
        text = re.sub(r"上的数|上的|里的|的数|差多少|差了多少|多少|对得上吗?|核对一下|和|与|跟", " ", text)
        sub = Question(raw=text, text=text, want_kind="money", content=text)
        ranked = self.ranked(sub, df, text)  # type: ignore[attr-defined]
        got = [next((x.fact for x in ranked if x.fact.table_no == n and x.score >= GOOD), None) for n, _ in named]
        if any(f is None for f in got):
            return None
        a, b = got
        doc = df.document
        gap = calc.difference(calc.Operand(a.value, a.unit, cite(doc, a), f"《{a.table_title}》"),
                              calc.Operand(b.value, b.unit, cite(doc, b), f"《{b.table_title}》"))
        what = f"{label_core(a.row_label)}在《{a.table_title}》为 {fmt_value(a.value, a.unit)}，在《{b.table_title}》为 " \
               f"{fmt_value(b.value, b.unit)}，" + ("一致，差额" if gap.result == 0 else "差额")
        return self._finish(q, doc, abs(gap.result), gap.unit, list(gap.inputs), dataclasses.replace(gap, result=abs(gap.result)),  # type: ignore[attr-defined]
                            what, "diff")


def _parent_of(df: DocFacts, cells, whole_t: str):
    """'…是否等于类合计': the 类 (or 款) the parts' 科目编码 share, in their table and column."""
    m = re.fullmatch(r"\s*(?:该|这个|本|所属)?(类|款)(?:的)?(?:合计|总数|金额|总额)?\s*", whole_t)
    if not m or not cells or not all(f.subject_code for f in cells):
        return None
    n = 3 if m.group(1) == "类" else 5
    codes = {f.subject_code[:n] for f in cells}
    if len(codes) != 1:
        return None
    first, code = cells[0], codes.pop()
    return next((f for f in df.facts if f.table_no == first.table_no and f.column == first.column
                 and f.subject_code == code and f.value is not None), None)


# '…是否等于类合计？差多少', '说明里写的…和表里的对得上吗': a check of two figures against each other
_CHECKING = re.compile(r"对得上|对不上|是否等于|等不等于|是否一致|一致吗|是否相等|相等吗")  # ('我想核对一下：…多少' checks one figure)
_TWO_SOURCES = re.compile(r"(?:表|说明|写的|上的)[^？?]*(?:和|与|跟|同)[^？?]*(?:表|说明|上的)[^？?]*(?:差|相差)|说明里[^？?]*写的")


def checked(ans: Answer, question: str) -> Answer:
    """A question that checks two figures against each other is answered by their gap or not at all:
    one figure alone would read as the check's result. Likewise a sum of listed items ('A、B、C三块加起来')
    is never one table cell."""
    counted = re.search(r"[两二三四五六七八九十]+\s*(?:项|个|块|笔|类|大类)的?\s*(?:合计|加起来|一共|总共|之和|加一起|加在一起)", question)
    if (counted or re.search(r"加起来|加在一起|合起来|之和", question) and re.search(r"[、+＋]|[^起]和|与|加(?!起|在)", question)) \
            and ans.answerable and ans.kind == "lookup" and ans.calculation is None:
        return refusal(f"“{question.strip()}”所要的合计：没能找到要相加的各项（只找到一个数：{ans.text.split('。')[0]}），"
                       "请分别写明要相加的项目")
    checking = _CHECKING.search(question) or _TWO_SOURCES.search(question)
    first = re.match(r"[^？?]*多少[^？?]*[？?]", question)
    if first and not (_CHECKING.search(first.group(0)) or _TWO_SOURCES.search(first.group(0))) \
            and re.match(r"\s*(?:怎么|为什么|为啥|我看着?|感觉|好像)", question[first.end():]):
        checking = None  # ('…合计是多少？怎么跟总表对不上？': the amount asked, the mismatch a remark)
    if not checking or not ans.answerable or ans.value is None or ans.kind in ("diff", "audit") or "核对" in ans.text \
            or ans.calculation is not None:  # ('…加起来是多少，和款级合计一致吗': the sum asked, computed)
        return ans
    return refusal(f"“{question.strip()}”所要的核对结果：没能确定要相互核对的两个数（只找到一个数：{ans.text.split('。')[0]}），"
                   "请分别写明两边的项目或表名")


_MONEY_ASKED = re.compile(r"多少(?:万|亿)?元|多少钱|钱[^，,。？?]{0,6}多少|几(?:万|亿)?元|金额(?:是|为|有)?多少|资金(?:是|为|有)?多少|预算资金|(?:万元|亿元)[?？]?\s*$")
_COUNT_ASKED = re.compile(r"几个|多少个|多少人(?!均)|几人|几名|多少名|几家|多少家|几项(?!目)|多少项(?!目)|几辆|几台|几次"
                          r"|(?:人数|个数|户数|数量)(?:是|为|有)?(?:多少|几)")
_COUNTS = {"个", "家", "人", "名", "项", "辆", "台", "套", "户", "件", "次", "所", "股", "处"}


def unit_checked(ans: Answer, question: str) -> Answer:
    """An amount asked ('多少元', '涉及多少项目预算资金') is never answered with a count of people or
    projects, nor a rate asked ('完成了年初预算的百分之几') with an amount: what was found is named, and
    what was asked said to be missing."""
    if ans.answerable and ans.value is not None and ans.unit in _COUNTS and _MONEY_ASKED.search(question) \
            and not _COUNT_ASKED.search(question):
        return refusal(f"“{question.strip()}”所问的金额：找到的只是一个数量（{ans.text.split('。')[0]}{_where(ans)}），不是金额；"
                       "请写明要的是哪一项的金额")
    if ans.answerable and ans.value is not None and re.search(r"多少岁|几岁|年龄|岁数", question) and ans.unit != "岁":
        return refusal(f"“{question.strip()}”所问的年龄：找到的只是{ans.text.split('。')[0]}{_where(ans)}，文件没有写明年龄")
    if ans.answerable and ans.value is not None and ans.unit in calc.UNITS_IN_YUAN and _RATE_ASKED.search(question) \
            and not _MONEY_ASKED.search(question) and not re.search(r"多少钱|金额|数额|差额|是多少万|是多少元", question):
        return refusal(f"“{question.strip()}”所问的比例：找到的只是一个金额（{ans.text.split('。')[0]}{_where(ans)}），不是比例；"
                       "请写明比例的分子和分母（如“A占B的比重”）")
    return ans


def threshold_checked(ans: Answer, question: str) -> Answer:
    """An amount condition the question states ('超过100万元的项目', '不到1万元的科目') is never dropped:
    an answer whose text does not apply it (every answer that filters says '金额超过100万元') is
    replaced by a refusal naming the figure found."""
    text = spoken_free(normalize(question))
    test = amount_test(text)
    if test is None or not ans.answerable or ans.value is None or test[1] in ans.text:
        return ans
    if not re.match(r"\s*(?:的|[\u4e00-\u9fff]{0,4}(?:项目|科目|明细|单位|部门|支出|款|项|个|条|笔|行|类))", text[text.find(test[1]) + len(test[1]):]):
        # ('有没有超过1.5亿元？具体是多少': the amount compared with one figure, not a filter of rows)
        if ans.unit not in calc.UNITS_IN_YUAN or not re.search(r"有没有|是不是|是否|吗|有无", text):
            return ans
        met = test[0](Decimal(ans.value), ans.unit)
        return dataclasses.replace(ans, text=f"{'是，' if met else '否，'}{'' if met else '没有'}{test[1]}：{ans.text}")
    num = re.search(r"\d+(?:\.\d+)?\s*(?:万|亿)?", test[1])
    said = ans.text + "".join(c.quote or "" for c in ans.citations)
    if num and re.search(re.escape(num.group(0).replace(" ", "")) + r"(?:万|亿)?元", re.sub(r"\s", "", said)):
        return ans  # a category the document itself states ('单价100万元以上设备2台')
    return refusal(f"“{question.strip()}”中的条件“{test[1]}”：没能按这一金额条件筛选（找到的只是"
                   f"{ans.text.split('。')[0]}{_where(ans)}），请写明要筛选的是哪张表、哪一类下的科目或项目")


# '人均', '每个人合多少', '按核定编制数平均，一个编制合多少': an amount per person or per post asked
_PER_ASKED = re.compile(r"人均|平均每(?!年|一年|个?季度|个?月)|每(?:一)?(?:个|位|名)?人|一个人(?:合|摊|分|平均)|(?:每|一)个编制|按[^，,。？?]{0,12}(?:人数|编制)[^，,。？?]{0,3}(?:摊|平均|均摊|分摊)")


def per_checked(ans: Answer, question: str) -> Answer:
    """An amount per person (or per post) asked is never answered with the whole amount: an answer
    that divides nothing, and cites no per-person figure the document states, is refused."""
    if not ans.answerable or ans.value is None or ans.unit not in calc.UNITS_IN_YUAN or not _PER_ASKED.search(question):
        return ans
    if ans.kind == "average" or ans.calculation is not None and "÷" in ans.calculation.expression:
        return ans
    if any(re.search(r"人均|每人|元/人(?![员])|每名|每位", (c.quote or "") + c.row_label + c.column) for c in ans.citations):
        return ans  # (a per-person figure the document states)
    return refusal(f"“{question.strip()}”所问的人均数：没能找到用来平均的人数（找到的只是总额"
                   f"{ans.text.split('。')[0]}{_where(ans)}），请写明按哪一个人数（如实际在职人数、核定编制数）平均")


def in_asked_unit(ans: Answer, question: str) -> Answer:
    """An amount in the unit the question asks for ('多少千元', '按百万元算', '换成亿元'), whatever step
    computed it: the value converted exactly, the conversion added to the formula."""
    want = parse(question).want_unit
    if not want or not ans.answerable or ans.value is None or ans.unit == want \
            or ans.unit not in calc.UNITS_IN_YUAN or want not in calc.UNITS_IN_YUAN:
        return ans
    if ans.calculation is not None and "÷" in ans.calculation.expression and calc.UNITS_IN_YUAN[want] < calc.UNITS_IN_YUAN[ans.unit]:
        return ans  # (a rounded quotient in a smaller unit would show digits it does not have: 8.24万元 is not 82400元)
    value = Decimal(ans.value)
    conv = calc.convert(value, ans.unit, want)
    conv = conv.quantize(Decimal(1)) if conv == conv.to_integral_value() else conv.normalize()
    step = f"{value}{ans.unit} × {calc.UNITS_IN_YUAN[ans.unit]} ÷ {calc.UNITS_IN_YUAN[want]} = {conv:f}{want}"
    expr = f"{ans.calculation.expression}；{step}" if ans.calculation is not None else step
    return dataclasses.replace(ans, value=conv, unit=want, text=f"{ans.text}（折合 {conv:f}{want}；换算：{step}）",
                               calculation=Calculation(expr, conv, want, tuple(ans.citations)))


def _where(ans: Answer) -> str:
    """Where the figure found stands ('，见《…》第12页')."""
    c = ans.citations[0] if ans.citations else None
    return f"，见《{c.source}》第{c.page}页" if c is not None else ""


_RATE_ASKED = re.compile(r"百分之(?:几|多少)|百分比|占比|比重|比例是|[(（]%[)）]|完成率|执行率|增长率|增幅|降幅")


def claim_checked(ans: Answer, question: str) -> Answer:
    """'是不是安排了1000万？': the amount found, and whether it is the asker's figure (after unit conversion)."""
    from assistant.phrasing import CLAIMED_AMOUNT
    m = re.search(CLAIMED_AMOUNT, normalize(question))
    if m is None or not ans.answerable or ans.value is None or ans.unit not in calc.UNITS_IN_YUAN:
        return ans
    unit = {"万": "万元", "亿": "亿元", "块": "元"}.get(m.group(3), m.group(3))
    said = calc.convert(Decimal(m.group(2)), unit, ans.unit)
    verdict = "是" if said == Decimal(ans.value) else "不是"
    return dataclasses.replace(ans, text=f"{verdict}{m.group(2)}{unit}：{ans.text}")

