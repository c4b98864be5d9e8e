"""Questions answered before any cell is looked up: text questions (why, where, what for, which
firms), one figure across documents (a share in two bodies, rows ranked by their change between
two years) and rankings one document states (its items' changes, its 决算's budget gaps); and an
answer read in both columns when the question asks which one it belongs to."""
from __future__ import annotations

import dataclasses
import re

from assistant.answer import Answer, refusal
from assistant.citing import _name, cite, fmt_value
from assistant.comparing import CHANGE_RANK, COUNTED_CHANGE
from assistant.library import DocFacts
from assistant.members import MEMBERS_ASKED, members
from assistant.meta import META_ASKED, about_document
from assistant.narrative import BUDGET_SIDE, FINAL_SIDE, FUNDS
from assistant.reasons import DESCRIBE_ASKED, REASON_ASKED, WHERE_ASKED
from assistant.understand import Question, asking_clause
from ingest.model import Document

# '奖励给了哪三家企业', '企业名单': names of the firms or people a figure goes to
NAMES_ASKED = re.compile(r"哪(?:[几两三四五六七八九十\d]+)?家(?:企业|公司)|哪些(?:企业|公司)|(?:企业|公司)的?(?:具体)?(?:名单|名称|名字)|名单"
                         r"|(?:企业|公司)[^，,。？?]{0,8}?(?:分别|具体|都)?(?:是|有|为)哪(?:[几两三四五六七八九十\d]+|些)家?"
                         r"|(?:企业|公司)[^，,。？?]{0,8}?(?:分别|都)?叫什么")
# a premise that an item has no money ('为什么没有公务接待费', '怎么没给合同工安排经费'); group x: the item
_NO_PREMISE = re.compile(r"(?:为什么|为何|怎么|咋)(?:会)?(?:没有|没|不|未)(?:有|再)?(?:安排|列|编|给|做)?(?!把|花|用|完|达|到|执行|增|减|变|写|说|公开|编制)"
                         r"(?P<x>[^，,。？?]{0,20}?(?:费|经费|资金|钱|支出|补贴|补助|奖|奖补|奖励|项目|收入|采购|基金))(?:[呢吗啊了]|[？?。]|$)")
_HOW_MUCH = r"多少|几[个项家人辆]|百分之|比例|比重"
# '拿得最多的那家企业拿了多少钱', '某家企业获得多少奖励': one firm's money, which no budget table lists
ONE_FIRM = re.compile(r"(?:那|这|哪|某|其中一|单)(?:一)?(?:家|个)(?:企业|公司)[^，,。？?]{0,10}?(?:拿|得|获|分|领|奖|补)[^，,。？?]{0,6}?(?:多少|几)")


class Routes:
    def beside(self, q: Question, df: DocFacts) -> Answer | None:
        """The row printed just above or below a row the question names, in the column it names (else
        the named row's own column), cited."""
        m = BESIDE.search(q.text)
        if m is None:
            return None
        anchor = self._part(q, df, m.group(1))  # type: ignore[attr-defined]
        if anchor is None:
            return None
        from assistant.facts import column_hint
        hints = column_hint(q)
        row = [f for f in df.facts if f.table_no == anchor.table_no and f.value is not None]
        step = -1 if m.group(2) in ("上面", "上边", "上方", "前面", "上") else 1
        nos = sorted({f.row_no for f in row if (f.row_no - anchor.row_no) * step > 0}, key=lambda n: n * step)
        for n in nos:
            cells = [f for f in row if f.row_no == n]
            cell = next((f for f in cells if hints and any(h in f.column for h in hints)), None) or \
                next((f for f in cells if f.column == anchor.column), None)
            if cell is not None:
                doc = df.document
                where = "下一行" if step > 0 else "上一行"
                return self._finish(q, doc, cell.value, cell.unit, [cite(doc, cell), cite(doc, anchor)], None,  # type: ignore[attr-defined]
                                    f"{cell.row_label}（“{anchor.row_label}”的{where}，{cell.column}）")
        return None

    """Mixed into Engine: the questions its lookup would answer wrongly or not at all."""

    def _text_asked(self, q: Question, docs: list[Document], question: str) -> tuple[Answer | None, list[Document]]:
        """Why, what for, which firms, where: a quoted sentence or a refusal, never a number in its
        place; (None, docs) when the question asks none of these (docs narrowed to one body's
        latest document when it asks what for or where of a body loaded in two years)."""
        if (REASON_ASKED.search(q.text) or _NO_PREMISE.search(question)) and not re.search(_HOW_MUCH, asking_clause(q.text)):
            present = self._not_absent(question)
            if present is not None:
                return present, docs
        if REASON_ASKED.search(q.text) and not re.search(_HOW_MUCH, asking_clause(q.text)):
            return self._why(q, docs, question), docs  # type: ignore[attr-defined]
        if (WHERE_ASKED.search(q.text) or DESCRIBE_ASKED.search(q.text)) and len(docs) > 1 and not q.years \
                and len({d.department for d in docs}) == 1:
            docs = [max(docs, key=lambda d: d.year or 0)]  # '万里街道那个新建工程建在哪儿': one body, its latest document
        if len(docs) != 1:
            return None, docs
        df = self.lib.facts(docs[0].doc_id)  # type: ignore[attr-defined]
        if DESCRIBE_ASKED.search(q.text) and not re.search(_HOW_MUCH, q.text):
            said = self.described(q, df)  # type: ignore[attr-defined]  # '…那笔财政委托业务支出是干什么用的'
            if said is not None:
                return self._with_ctx(said, q, docs), docs  # type: ignore[attr-defined]
        if META_ASKED.search(q.text):
            meta = about_document(q.text, df)  # '机关运行经费那张表在第几页', '一共附了几张预算表'
            if meta is not None:
                return self._with_ctx(meta, q, docs), docs  # type: ignore[attr-defined]
        if MEMBERS_ASKED.search(q.text) and not re.search(_HOW_MUCH, q.text):
            listed = members(q.text, df)  # '司法局下面那家预算单位叫什么'
            if listed is not None:
                return self._with_ctx(listed, q, docs), docs  # type: ignore[attr-defined]
        if ONE_FIRM.search(q.text) and not re.search(r"平均|人均|户均|均摊", q.text):
            return refusal(f"“{question.strip()}”所问的单个企业的金额（{_name(docs[0])}只列出项目的合计金额和企业数量，"
                           "没有按企业列出金额）", self._coverage(docs[0])), docs  # type: ignore[attr-defined]
        if NAMES_ASKED.search(q.text) and not re.search(_HOW_MUCH, NAMES_ASKED.sub(" ", q.text)):  # ('哪几家公司')
            # '奖励给了哪三家企业': names, which a budget lists only for whom it buys services from
            said = self.described(q, df)  # type: ignore[attr-defined]
            if said is not None and not re.search(r"[\u4e00-\u9fff]{2,}(?:有限公司|公司|集团|协会|中心|厂)", said.text.split("（来源")[0]):
                said = None  # (a passage that names no firm does not answer which firms)
            return (self._with_ctx(said, q, docs) if said is not None else refusal(  # type: ignore[attr-defined]
                f"“{question.strip()}”所问的名称（{_name(docs[0])}没有列出这些名称，只给出数量和金额）",
                self._coverage(docs[0]))), docs  # type: ignore[attr-defined]
        if WHERE_ASKED.search(q.text):
            place = self.located(q, df)  # type: ignore[attr-defined]  # '…新建工程建在哪儿'
            if place is not None:
                return self._with_ctx(place, q, docs), docs  # type: ignore[attr-defined]
            if PLACE_ONLY.search(q.text) and not re.search(r"多少|几|金额|比例|比重|占", q.text):
                # ('办公楼在哪条街'): never a figure in its place
                return refusal(f"“{question.strip()}”所问的地点（{_name(docs[0])}没有写明）",
                               self._coverage(docs[0])), docs  # type: ignore[attr-defined]
        return None, docs

    def _not_absent(self, question: str) -> Answer | None:
        """'为什么没有公务接待费？', '怎么没给合同工安排经费？': when the documents do list the item, with an
        amount, the premise is wrong and the answer is that amount; None when it is 0 or not found."""
        m = _NO_PREMISE.search(question)
        if m is None:
            return None
        item = re.sub(r"^(?:给|为|对)?([^，,。？?]{2,20}?)(?:安排|列支|预算|拨)?(?:的)?(?:经费|资金|钱)?$", r"\1", m.group("x"))
        asked = question[:m.start()] + " " + item + ("经费" if m.group("x").endswith(("经费", "资金", "钱")) and not item.endswith("费") else "") + "是多少"
        found = self._guarded(asked, None, None)  # type: ignore[attr-defined]
        if not found.answerable or not found.value or found.unit not in ("元", "万元", "亿元") or not found.citations:
            return None
        return dataclasses.replace(found, text=f"并非没有：{found.text}")

    def _across_documents(self, q: Question, docs: list[Document]) -> Answer | None:
        """'A和B哪家项目支出占比更高': the share in each body; '2025年比2024年哪一类增长最快': every row's
        change between the two years, ranked."""
        if q.intent == "share_compare":
            return self._with_ctx(self.compare_shares(q, docs), q, docs)  # type: ignore[attr-defined]
        counted = COUNTED_CHANGE.search(q.text) and re.search(r"增加|增长|上升|减少|下降|持平|不变|没变|多了|少了", q.text) \
            and not re.search(r"项目数|个数|数量|人数|家数|单位数", q.text)  # ('编报绩效目标的项目数，…少了几个': one count's change)
        if (CHANGE_RANK.search(q.text) or counted) and len(set(q.years)) >= 2 and len({d.department for d in docs}) == 1 \
                and len({d.year for d in docs} & set(q.years)) >= 2:
            ranked = self.rank_changes(q, [d for d in docs if d.year in q.years])  # type: ignore[attr-defined]
            if ranked is not None:
                return self._with_ctx(ranked, q, docs)  # type: ignore[attr-defined]
        return None

    def _ranked_in_one(self, q: Question, df: DocFacts) -> Answer | None:
        """'各科目对比2025年执行数，哪一项增幅最大' (a budget's stated changes); '哪一项决算比年初预算少得
        最多' (a 决算's stated pairs)."""
        doc = df.document
        if doc.kind != "决算" and CHANGE_RANK.search(q.text) and re.search(r"哪(?:一|个)?(?:项|个|科目|笔)|各(?:科目|项)", q.text):
            return self.ranked_changes(q, df)  # type: ignore[attr-defined]
        if doc.kind != "决算" and re.search(r"哪(?:几|些)|有几(?:个|项)|多少(?:个|项)", q.text) \
                and re.search(r"(?:增长|增加|上升|下降|减少|降)[^，,。？?]{0,4}(?:超过|高于|大于|多于|不少于|低于|不到|不足|少于)?\s*\d+(?:\.\d+)?\s*[%％]", q.text):
            over = self.changes_over(q, df)  # type: ignore[attr-defined]
            if over is not None:
                return over
        if doc.kind == "决算" and re.search(r"哪(?:一|个)?(?:项|个|笔)", q.text) and re.search(r"最(?:多|大)", q.text) \
                and BUDGET_SIDE.search(FUNDS.sub("", q.text)) and FINAL_SIDE.search(q.text):
            return self._pair_gaps_ranked(q, df)  # type: ignore[attr-defined]
        if doc.kind == "决算" and q.intent == "count" and (BUDGET_SIDE.search(FUNDS.sub("", q.text)) and FINAL_SIDE.search(q.text)
                                                         or re.search(r"超(?:出|过)?(?:年初)?预算|超支", q.text)):
            return self._pair_gaps_counted(q, df)  # type: ignore[attr-defined]
        return None

    @staticmethod
    def _which_column(ans: Answer, q: Question, df: DocFacts) -> Answer:
        """'…属于基本支出还是项目支出': the answer's row read in both columns, cited."""
        from assistant.facts import WHICH_COLUMN
        m = WHICH_COLUMN.search(q.text)
        if not m or not ans.answerable or not ans.citations or not ans.citations[0].row_label:
            return ans
        c0 = ans.citations[0]
        row = next((f for f in df.facts if f.page == c0.page and f.table_title == c0.table_title
                    and f.row_label == c0.row_label and f.column == c0.column), None)
        if row is None:
            return ans
        bits, cits = [], list(ans.citations)
        for word in (m.group(1), m.group(2)):
            cell = next((f for f in df.facts if f.table_no == row.table_no and f.row_no == row.row_no
                         and f.column.split("/")[-1] == word), None)
            if cell is not None:
                bits.append(f"{word} {fmt_value(cell.value, cell.unit) if cell.value is not None else '空白（0）'}")
                cits.append(dataclasses.replace(cite(df.document, cell), role="同行"))
        if not bits:
            return ans
        has = [b.split(" ")[0] for b in bits if not b.endswith("（0）") and not re.search(r" 0(\.0+)?[万亿]?元$", b)]
        verdict = f"属于{'、'.join(has)}" if has else "两栏都为空"
        return dataclasses.replace(ans, text=ans.text + f"（{verdict}：{'；'.join(bits)}）", citations=cits)


# a place and nothing else ('办公楼在哪条街', '地址是什么'), not where money goes ('主要花在哪个科目')
PLACE_ONLY = re.compile(r"哪条街|哪条路|哪一条路|什么路|哪一条街|哪个街|什么街|哪条马路|门牌|地址|办公地点|坐落|位于哪")
# '城管执法下面那一行', '公务用车运行维护费上面那一行的基本支出': a row by where it stands beside another
BESIDE = re.compile(r"[“\"]?([\u4e00-\u9fff（）()]{2,24}?)[”\"]?(?:那一?行|这一?行)?的?(上面|下面|上边|下边|上方|下方|前面|后面|上|下)(?:的)?(?:那|这)?一行")


def on_page(df: DocFacts, page: int) -> DocFacts:
    """The document seen from one page (-1: its last): the tables printed on it, whole, and its
    sentences; the whole document when nothing stands on that page."""
    last = max([c.page for c in df.chunks] + [f.page for f in df.facts], default=0)
    page = last if page < 0 else page
    tables = [t for t in df.tables if page in t.pages]
    numbers = {t.table_no for t in tables}
    facts = [f for f in df.facts if f.table_no in numbers]
    chunks = [c for c in df.chunks if c.page == page]
    if not facts and not chunks:
        return df
    return DocFacts(df.document, tables, facts, [x for x in df.stated if x.page == page], chunks)
