"""Zero and absent answers: an empty table or a row printed blank (无（0）, citing where it is
blank), a blank cell of the column asked, and a thing whose words the document never prints."""
from __future__ import annotations

import dataclasses
import re
from decimal import Decimal

from assistant.answer import Answer, Citation, refusal
from assistant.citing import _name
from assistant.facts import GENERIC_GRAMS, TOTAL_LABELS, coverage
from assistant.synonyms import expand, substituted
from assistant.library import DocFacts, clauses, vocabulary
from assistant.textfacts import DATE_ASKED, PROGRESS_ASKED
from assistant.understand import Question, bigrams, label_core
from ingest.model import TableFact

_LABEL_COLUMN = re.compile(r"编码|科目|名称|代码|序号|单位名称|项目名称")


# how to apply for a subsidy: the materials, the steps, whom to apply to
_HOW_TO = re.compile(r"(?:准备|提交|需要|要交|要带)(?:哪些|什么|啥)(?:材料|资料|手续)|(?:怎么|怎样|如何)(?:申请|申报|报名|领取|才能拿到)"
                     r"|(?:申请|申报)(?:条件|流程|程序|手续|材料|渠道|入口)|找谁(?:报|申请|申报|办)|去哪(?:里|儿)?(?:申请|申报|报名)")


# who received the money: the suppliers, the firms rewarded, by name
_WHO_GOT = re.compile(r"哪(?:些|几|家|个)(?:供应商|企业|公司|厂家?|单位中标)|(?:供应商|中标(?:单位|企业|人|方)|受益企业|获奖企业|奖励企业)的?"
                      r"(?:名单|名字|名称|是谁|是哪)|(?:企业|公司|供应商)(?:名单|叫什么)")


class Absent:
    """Mixed into Engine before Operations: the answers that say 无（0） or that the document lacks it."""

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
                named = re.sub(r"[（(](?:不含|不包括|未含)[^）)]*[）)]", "", t.title)  # (not '（不含上年结转）')
                cov = max(cov, 0.9 * len(qspec & bigrams(named)) / len(qspec))
            labels = getattr(t, "labels", ()) or ()
            asked = label_core(expand(q.content if text is None else text))  # (出国 → 因公出国境费)
            asked += label_core(substituted(q.content if text is None else text))  # (公车运行维护费 → 公务用车运行维护费)
            if any(len(label_core(lb)) >= 3 and label_core(lb) in asked for lb in labels):
                cov = max(cov, 0.9)  # the question names a row of the empty table (公务接待费)
            if cov > best:
                best, best_t = cov, t
        doc = df.document
        for s in df.chunks:
            for sent in clauses(s.text, "。；"):
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
        return self._blank_row(q, df, text)

    def _blank_row(self, q: Question, df: DocFacts, text: str | None = None) -> Answer | None:
        """'科学技术支出有没有安排钱': a row the question names that a table prints with every amount
        blank, and no table gives an amount for → 无（0）, citing the table that prints it blank."""
        asked = label_core(expand(q.content if text is None else text))
        valued = {label_core(f.row_label) for f in df.facts if f.value is not None}
        best, hit = 0, None
        for t in df.tables:
            if t.empty or "绩效" in t.title:
                continue
            for lb in getattr(t, "labels", ()) or ():
                core = label_core(lb)
                if len(core) >= 4 and core in asked and core not in valued and len(core) > best \
                        and core not in TOTAL_LABELS and not re.search(r"结转|结余", core):
                    best, hit = len(core), (t, lb)
        if hit is None or best < 0.6 * len(re.sub(r"这一类|这一项|这个|这类|有没有|安排|钱|有无|是否", "", asked)):
            return None
        t, lb = hit
        doc = df.document
        c = Citation(doc.doc_id, doc.source, t.pages[0], t.title, lb, "", "（空白）")
        return Answer(text=f"无（0）。{_name(doc)}《{t.title}》中“{lb}”一行金额为空白，各表均未安排。"
                           f"来源：《{doc.source}》第{t.pages[0]}页。", value=Decimal(0), unit=t.unit or "万元",
                      citations=[c], kind="none")

    def _blank_cell(self, q: Question, df: DocFacts, f: TableFact) -> Answer | None:
        """The column the question names is blank in the matched row: a blank budget cell is 0."""
        from assistant.facts import GENERIC_GRAMS as G
        info = next((t for t in df.tables if t.table_no == f.table_no), None)
        if info is None:
            return None
        qg = bigrams(expand(q.content)) - G

        def fit(path: str) -> float:
            return len(qg & bigrams(label_core(path.replace("/", " ")))) / len(qg) if qg else 0.0

        # a blank 编码/科目/名称 cell is a label the row lacks, never an amount of 0
        filled = {x.column for x in df.facts if x.table_no == f.table_no and x.row_no == f.row_no} | \
            {c for c in info.columns if _LABEL_COLUMN.search(c or "") or (c or "").split("/")[-1] in ("类", "款", "项")}
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

    @staticmethod
    def _unknown_head(q: Question, df: DocFacts) -> str:
        """The thing a question asks the amount of ('…的注册资本是多少'), when not one of its bigrams
        is printed anywhere in the document and no synonym maps it to words that are."""
        from assistant.synonyms import SYNONYMS
        m = re.search(r"(?:的|(?<=公司|企业|集团|协会|中心|究院)[，,]\s*)([\u4e00-\u9fff]{3,8}?)(?:是|有|为)?(?:多少|几)", q.text)
        # ('…研究院有限公司，注册资本是多少': a firm's attribute after the comma)
        if not m:
            return ""
        head = re.sub(r"(是|有|为|一共|总共|共)+$", "", m.group(1))
        if len(head) < 3 or any(k in head for k in SYNONYMS) or \
                re.search(r"钱|经费|资金|金额|预算|支出|收入|费用|总额|合计|数|平均|每|差|比|占|率|增|减|多|少"
                          r"|精确|保留|四舍五入|小数|换算|折合|大约|大概|百分|成", head):
            return ""  # (an operation asked — '差额', '平均每个' — is not a thing to look for)
        grams = bigrams(head)
        return head if len(grams & vocabulary(df)) < len(grams) / 2 else ""

    def not_in_kind(self, question: str, q: Question, df: DocFacts) -> Answer | None:
        """A refusal for what this kind of document never states, before any figure is looked for: a date
        it does not write, how far a budget's money has gone by now, a share reserved for small firms
        it never mentions; None otherwise."""
        doc = df.document
        if doc.kind == "预算" and PROGRESS_ASKED.search(q.text):
            # ('那300万建设资金，到目前实际拨付了多少，执行率多少'): a budget says what is planned, never how far it got
            return refusal(f"“{question.strip()}”问的执行进度（{_name(doc)}是预算，只列安排数，没有拨付或执行到今天的数字）",
                           self._coverage(doc))  # type: ignore[attr-defined]
        unit = re.search(r"([\u4e00-\u9fff]{2,10}(?:中心|所|站|队|馆|院))[^，,。？?]{0,12}?(?:单独|自己|本身|独立)", q.text)
        name = re.sub(r"^.*(?:年|的)", "", unit.group(1)) if unit else ""
        if len(name) >= 4 and name not in doc.department:
            # ('法律援助中心单独的人员经费'): a department's budget lists its units' sum, never one unit's own figure
            return refusal(f"“{name}”单独的数字（{_name(doc)}只列部门汇总数，不分所属单位列示）",
                           self._coverage(doc))  # type: ignore[attr-defined]
        if "预留" in q.text and "预留" not in vocabulary(df):  # ('给中小企业预留了多少采购份额': never the whole 采购预算)
            return refusal(f"“{question.strip()}”所问的预留份额（{_name(doc)}没有写预留给中小企业的金额）",
                           self._coverage(doc))  # type: ignore[attr-defined]
        if _HOW_TO.search(q.text) and not any(re.search(r"申报|申请|报名", c.text) and re.search(r"材料|流程|程序|条件|手续", c.text)
                                              for c in df.chunks):
            # ('小升规奖励我们厂想申请，要准备哪些材料、找谁报'): how to apply, which a budget never says
            return refusal(f"“{question.strip()}”问的申请办法（{_name(doc)}只列预算安排，没有写申报条件、材料或流程）",
                           self._coverage(doc))  # type: ignore[attr-defined]
        if re.search(r"(?:局长|书记|主任|科长|处长|股长|领导|某人|个人)[^，,。？?]{0,8}(?:工资|薪水|薪酬|收入|奖金|年薪|能拿|拿多少)", q.text):
            # ('局长一年工资加奖金能拿多少'): one person's pay, which a budget never lists
            return refusal(f"“{question.strip()}”问的个人收入（{_name(doc)}只列单位的工资福利总额，不列个人）", self._coverage(doc))  # type: ignore[attr-defined]
        level = re.search(r"([省市县])本级", q.text)
        if level and re.search(level.group(1) + r".{1,6}[区县]", doc.department):
            # ('朔州市工信局（市本级）'): the city's own budget, not a district body's under it
            return refusal(f"“{level.group(0)}”的数字（{_name(doc)}是下一级单位的部门预算）", self._coverage(doc))  # type: ignore[attr-defined]
        times = re.search(r"(?:多少|几)(批次|人次|批|架次|场次)", q.text)
        if times and bigrams(times.group(1) if len(times.group(1)) > 1 else times.group(1) + "次") - vocabulary(df):
            # ('公务接待都接待了哪些单位，多少批次'): a count of visits the document never gives
            return refusal(f"“{question.strip()}”问的{times.group(1)}（{_name(doc)}没有写这一数量）", self._coverage(doc))  # type: ignore[attr-defined]
        if _WHO_GOT.search(q.text) and not any(re.search(r"名单|中标单位|供应商名称|受益企业名单", c.text) for c in df.chunks):
            # ('由中小企业中标的那246.47万元，具体是哪些供应商'): who got the money, which a budget never lists
            return refusal(f"“{question.strip()}”问的具体企业或供应商（{_name(doc)}没有列出名单）", self._coverage(doc))  # type: ignore[attr-defined]
        if DATE_ASKED.search(q.text) and not re.search(r"多少|几[个家项人辆]|金额|比例|占", q.text):
            # a date asked and none stated for it: never an amount in its place
            return refusal(f"“{question.strip()}”问的日期（{_name(doc)}没有写明这一时间）", self._coverage(doc))  # type: ignore[attr-defined]
        return None

    def unknown_code(self, q: Question, df: DocFacts) -> Answer | None:
        """A 科目编码 no table or sentence prints: the row the question also names ('经济科目30211差旅费'), else
        a refusal ('2120106科目的项目支出列是多少': never another row's figure); None when every code is printed."""
        unknown = [c for c in q.codes if len(c) in (5, 7) and not any(f.subject_code == c for f in df.facts)
                   and not any(c in ch.text for ch in df.chunks)]
        if not unknown:
            return None
        return self._named_without(q, df, unknown) or refusal(
            f"科目编码 {'、'.join(unknown)}：{_name(df.document)}的表格和说明里都没有这个科目", self._coverage(df.document))  # type: ignore[attr-defined]

    def _named_without(self, q: Question, df: DocFacts, codes: list[str]) -> Answer | None:
        """A code the document never prints, beside the row's name ('经济科目30211差旅费'), when the document
        prints no code of that kind at all (its 经济分类 table names rows without codes): the row found by
        its name, the answer saying the code was not printed. None when the name finds no row."""
        for c in codes:
            if any(f.subject_code[:1] == c[:1] and len(f.subject_code) == len(c) for f in df.facts if f.subject_code):
                return None  # (the document prints codes of this kind: one it lacks is not there)
        bare = dataclasses.replace(q, codes=[], content=re.sub(r"\d{3,7}", " ", q.content))
        if len(bigrams(label_core(bare.content)) - GENERIC_GRAMS) < 1:
            return None
        top = self.ranked(bare, df)[:1]  # type: ignore[attr-defined]
        if not top or top[0].score < 5.0 or label_core(top[0].fact.row_label) not in label_core(q.content):
            return None
        ans = self.lookup(bare, df)  # type: ignore[attr-defined]
        if ans is None or ans.value is None:
            return None
        return dataclasses.replace(ans, text=f"（文档没有印出科目编码{'、'.join(codes)}，按名称“{top[0].fact.row_label}”找到）" + ans.text)
