"""Why and where questions: the reason the narrative gives for a change ('机关运行经费今年为什么增加了' →
'原因是本年度增加了城镇集体工业联合社的运行经费预算安排') and the place a project stands ('…新建工程建在哪儿' →
'位于普陀区真金路与交通路路口'), quoted from their sentence and cited."""
from __future__ import annotations

import dataclasses
import re

from assistant.answer import Answer, Citation, refusal
from assistant.citing import _name, strip_body
from assistant.facts import GENERIC_GRAMS
from assistant.synonyms import expand, substituted
from assistant.library import DocFacts, clauses
from ingest.model import Document
from assistant.understand import REASON_WORDS, Question, bigrams, label_core

REASON_ASKED = re.compile(REASON_WORDS)
# what a project's money is for, who does it, why it was set up
DESCRIBE_ASKED = re.compile(r"干什么|做什么|干啥|什么用|用途|用在哪|用于什么|拿去|怎么花|花在哪|交给谁|谁来做|谁来干|谁承担|哪个机构"
                            r"|哪家机构|向谁|向哪|理由|依据|必要性|为什么要设立|为何设立|为什么设立|目的是|是做什么的"
                            r"|买谁|找谁|找的谁|找哪家|请谁|请哪|哪个组织|哪家组织|什么组织|委托谁|委托给谁|谁的服务|用于哪些|用于什么|用在什么|主要用于|花在什么|什么方式|何种方式|哪种方式|怎么保障|如何保障"
                            r"|干嘛|给谁|哪一机构|哪一家机构|承接|组织实施|怎么实施|如何实施|怎么组织|如何组织|怎么落实|如何落实"
                            r"|怎么用|如何使用|如何用|怎么使用|工作方式|工作模式|运作方式|什么模式|哪种模式")
_HEADING = re.compile(r"\s*(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[）)]|\d+[、.．])")
_FORM_TEXT = re.compile(r"项目概况|立项依据|项目设立必要性|设立依据|总体目标|年度目标|实施方案|资金用途|主要内容")
WHERE_ASKED = re.compile(r"哪条街|哪一条街|哪个街|什么街|哪条马路|门牌|地址在|地址是|办公地点|[建盖修造]在哪|在哪儿|在哪里|在哪个|在哪(?=[？?。！!]|$)|位于哪|位于什么|位于何处|何处|什么位置|什么地方|什么地点|哪个路口|哪[两几]?条路|哪个位置"
                         r"|地点在|选址在")
_PLACE = re.compile(r"(?:位于|坐落于|坐落在|地处|选址于|选址在|建于|地址为|地址是)\s*([^，,。；;]{2,40})")
# '财政委托业务支出（项）。主要用于：委托中介机构开展各类审计及绩效评价工作。', '基层司法业务（04项）2170.39万元。主要用于：…'
_PURPOSE = re.compile(r"([\u4e00-\u9fff]{2,20})[（(]\d{0,2}项[）)][”\"]?[^。；]{0,30}?[。，,]?\s*主要用于[:：]?\s*([^。；]{4,80})")
# the clause that gives a reason, and the words that open it
_BECAUSE = re.compile(r"(?:主要)?原因(?:是|为|在于)?[：:]|(?:主要)?原因(?:是|为|在于)|主要是由于|主要是因为|这是由于|是由于|由于|因为")
_UP = re.compile(r"增加|增长|上升|提高|多了|多出|涨|增多|新增|比[^，,。？?少低降减]{0,12}?(?:多|高)(?=[？?。，,吗呢]|$)")  # (not '比上年少这么多')
_DOWN = re.compile(r"减少|下降|降低|少了|缩减|压减|腰斩|砍|减|降|少")
_ASK_WORDS = re.compile(r"(?:是)?因为(?:什么|啥)|" + REASON_ASKED.pattern + r"|比上年|比去年|上一年度?|前一年|上年|去年|今年|本年|20\d\d年度?|增加|增长|减少|下降|少了|多了"
                        r"|(?:将近|接近|差不多|几乎|大约|近|约|快)?(?:一半|一倍|[一二三四五六七八九]成|[一二两三四五六七八九十]+倍)|腰斩|砍了?|(?:是)?怎么解释的?|如何解释|(?:文件|文档|材料)(?:里|中|上)?|给的|官方|(?:说|讲|写|提)的是|讲的?|一下子?|(?<![\u4e00-\u9fff])[说讲写](?![\u4e00-\u9fff])"
                        r"|(?:部门)?(?:预算)?(?:编制)?说明(?:里|中)?(?:给的?|给出的?|提到的?|写的?|说的?)?|给出的?|提到的?"
                        r"|(?:主要)?(?:原因|理由)|一点|一些|不少|很多|这么多|那么多|(?<![\u4e00-\u9fff])(?:里|中|上)(?:的|给出的?|写的|说的|提到的)"
                        r"|没把|没有|没能|未能|花完|用完|花光|执行完|降|涨|升|跌|缩|了|呢|吗|[?？，,。]|\d+(?:\.\d+)?(?:万元|元|万|%)?|[比较少多会要]")


class Reasons:
    """Mixed into Engine: reason(q, df) answers a why question from the sentence that states it."""

    def reason(self, q: Question, df: DocFacts) -> Answer | None:
        """The reason clause whose sentence (or the item it closes) names what the question names
        and moves in the direction it asks about; None when no sentence gives one."""
        doc = df.document
        asked = _ASK_WORDS.sub(" ", strip_body(q.content, doc))
        # (each word on its own: joined variants would make pairs across words, '费买')
        words = [label_core(asked)] + [label_core(w) for v in (expand(asked), substituted(asked)) for w in v.split()]
        text = " ".join(words)
        qg = set().union(*(bigrams(w) for w in words)) - GENERIC_GRAMS
        whole = re.sub(r"部门预算|单位预算|总盘子|盘子|总预算|预算总数|总数|预算总额|预算总计|收支总额|总额|全部|整体|总体|预算|钱", " ", asked)
        rest = bigrams(label_core("".join(w for w in whole.split() if len(w) >= 2))) - GENERIC_GRAMS - {"总计", "合计"}
        if len(rest) < 2 and re.search(r"预算|收入|支出|盘子|总额|钱", asked) \
                or not asked.strip():
            # '今年的预算为什么比上一年降了将近一半': the document's total is what changed
            qg = bigrams("预算收入总计 预算支出总计") - GENERIC_GRAMS
            alts = [bigrams("财政拨款收入支出") - GENERIC_GRAMS]  # (the 上海 documents' wording of the total)
        else:
            alts = []
        if len(qg) < 2:
            return None
        up, down = bool(_UP.search(q.text)), bool(_DOWN.search(re.sub(_UP, "", q.text)))
        best, second, hit = 0.0, 0.0, None
        for c in df.chunks:
            before = ""  # the item's sentences since the last reason ('1. “…专项普查活动（项）”25.77万元…')
            for clause in clauses(c.text):
                m = _BECAUSE.search(clause)
                if not m:
                    before += clause
                    continue
                # the item's sentences before the reason ('3、…信息化建设（项）。主要用于：…。决算数小于预算数的
                # 主要原因：…'), or the clause's own words when it names the item itself
                subject = clause[:m.start()]
                if len(label_core(subject)) < 4 or len(qg & bigrams(label_core(subject))) < len(qg & bigrams(label_core(before + subject))):
                    subject = before + subject
                why = clause[m.end():].strip(" ，,。；;")
                before = ""
                if len(why) < 2:
                    continue
                sg = bigrams(label_core(subject + " " + c.section))
                cov = max([len(qg & sg) / len(qg)] + [len(a & sg) / len(a) for a in alts])
                named = [w for w in re.findall(r"[\u4e00-\u9fff]{3,}", text) if w in label_core(subject)]
                cov += 0.05 * max((len(w) for w in named), default=0)
                # the direction the item itself moved: its own sentence ('（一）因公出国（境）费0万元，比2024年
                # 预算持平。'), not the total sentence before it
                own = clause[:m.start()] if len(label_core(clause[:m.start()])) >= 4 else \
                    ([x for x in re.split(r"(?<=[。；;])", subject) if x.strip()] or [""])[-1]
                moves_up = bool(re.search(r"增加|增长|上升|提高|新增", own))
                moves_down = bool(re.search(r"减少|下降|降低|缩减|压减|小于|少于|低于", own))
                if (up or down) and re.search(r"持平|不变|相同|一致", own) and not (moves_up or moves_down):
                    cov -= 0.5  # the question asks why it moved; this item stayed level
                if (up and moves_down and not moves_up) or (down and not up and moves_up and not moves_down):
                    cov -= 0.5  # the question asks why it fell; this sentence explains a rise
                if cov <= best:
                    second = max(second, cov)
                if cov > best:
                    second = best
                    # the quote shows what the reason is for: the item's last sentence when the
                    # clause itself names nothing ('主要原因是：项目调整。')
                    said = [x for x in re.split(r"(?<=[。；;])", subject.strip()) if x.strip()]
                    key = max(said, key=lambda x: len(qg & bigrams(label_core(x)))) if said else ""
                    shown = clause.strip() if subject == clause[:m.start()] else \
                        "".join(dict.fromkeys([key] + said[-1:])) + clause[m.start():].strip()
                    best, hit = cov, (c, shown[-220:], why)
        if hit is None or best < 0.6 and not (best >= 0.5 and best - second >= 0.25):
            return None  # (a clear winner at half the words: '…为什么没把年初预算花完' says more than it names)
        c, sent, why = hit
        cit = Citation(doc.doc_id, doc.source, c.page, c.section, "", "", sent)
        where = f"《{doc.source}》第{c.page}页" + (f"《{c.section}》" if c.section else "")
        return Answer(text=f"{_name(doc)}的说明：{why}。原文：“{sent}”来源：{where}。",
                      value=None, unit="", citations=[cit], kind="text")

    def located(self, q: Question, df: DocFacts) -> Answer | None:
        """Where a project or building stands: the sentence that names the thing asked and says
        位于/坐落/地处…, its place quoted."""
        doc = df.document
        asked = re.sub(WHERE_ASKED.pattern + r"|(?:预算)?(?:编制)?说明的?|预算里|预算中|说明里|说明中|提到的?|那个|这个|项目经费|建在|在哪"
                       r"|哪|[两几]条路|路口|位置|地点|位于|什么|的", " ", strip_body(q.content, doc))
        qg = bigrams(label_core(asked)) - GENERIC_GRAMS
        if len(qg) < 2:
            return None
        best, hit = 0.0, None
        for c in df.chunks:
            for sent in clauses(c.text):
                m = _PLACE.search(sent)
                if not m:
                    continue
                cov = len(qg & bigrams(label_core(sent[:m.start()] + " " + c.section))) / len(qg)
                if cov > best:
                    best, hit = cov, (c, sent.strip(), m.group(1).strip())
        if hit is None or best < 0.6:
            return None
        c, sent, place = hit
        cit = Citation(doc.doc_id, doc.source, c.page, c.section, "", "", sent)
        where = f"《{doc.source}》第{c.page}页" + (f"《{c.section}》" if c.section else "")
        return Answer(text=f"{place}。{_name(doc)}：“{sent}”来源：{where}。", value=None, unit="", citations=[cit], kind="text")

    def purpose_item(self, q: Question, df: DocFacts) -> str:
        """The item a question names by what its money is for ('委托中介机构做审计、绩效评价的钱' →
        财政委托业务支出): the 项 whose '主要用于：…' says what the question says, or ''."""
        qg = bigrams(label_core(re.sub(r"的钱|这笔钱|花了|实际|最后|多少|决算|预算|做|搞|用来|用于", " ",
                                       strip_body(q.content, df.document)))) - GENERIC_GRAMS
        if len(qg) < 3:
            return ""
        best, item = 0.0, ""
        for c in df.chunks:
            for m in _PURPOSE.finditer(c.text):
                cov = len(qg & bigrams(label_core(m.group(2)))) / len(qg)
                if cov > best:
                    best, item = cov, m.group(1)
        return item if best >= 0.6 else ""

    def described(self, q: Question, df: DocFacts) -> Answer | None:
        """What the narrative or a project's form says about a named item: what the money is for
        (主要用于…, 项目概况), who does it (向…购买服务, 委托…), why it was set up (立项依据, 项目设立必要性)."""
        doc = df.document
        asked = re.sub(DESCRIBE_ASKED.pattern + r"|(?:建成|完工|竣工|投入使用)(?:后|以后)|出钱|花钱|拿来|这笔钱|那笔钱|这个|那个|项目|主要|今年的钱|钱|是|的|了|呢|吗|怎么|什么|给了"
                       r"|哪个|哪家|机构|单位|向|谁|买|服务|哪些|工作|用于|经费|(?:来|去|进行)?(?:运作|实施|开展|运行|落实)|采取|采用|用"
                       r"|\d+(?:\.\d+)?\s*(?:万元|元|万块|万|块)?", " ", strip_body(q.content, doc))
        words = [label_core(w) for v in (asked, expand(asked), substituted(asked)) for w in v.split()]
        qg = set().union(*(bigrams(w) for w in words)) - GENERIC_GRAMS
        if len(qg) < 2:
            return None
        who = bool(re.search(r"谁|哪个机构|哪家机构|向哪", q.text))
        why = bool(re.search(r"理由|依据|必要性|设立", q.text))
        how = bool(re.search(r"方式|模式|形式|途径|如何|怎样|怎么(?:实施|保障|落实|花|干|做|开展)", q.text))
        built = bool(re.search(r"(?:建成|完工|竣工|投入使用|建好|盖好)(?:后|以后|了)", q.text))  # ('用什么方式来运作': 通过…购买服务工作模式)
        best, hit = 0.0, None

        def consider(cov: float, text: str, page: int, where: str, label: str = "") -> None:
            nonlocal best, hit
            if who and re.search(r"购买|委托|承接|协会|公司|机构|中心|实施", text):
                cov += 0.2
            if why and re.search(r"依据|必要|为了|根据", label + text):
                cov += 0.2
            if how and re.search(r"方式|模式|通过|购买|委托", text):
                cov += 0.2
            if not who and not why and not how and re.search(r"用于|概况|内容|目标|(?:建成|完工|竣工|投入使用)(?:后|以后)作为", label + text):
                cov += 0.1
            if built and re.search(r"(?:建成|完工|竣工|投入使用)(?:后|以后)", text):
                cov += 0.2
            if cov > best:
                best, hit = cov, (text, page, where)
        # ('建成后作为万里街道社区事物受理、社区管理、社区文化艺术活动场所': what a building is for)
        marker = re.compile(r"用于|向.{0,16}购买|委托.{0,12}(?:开展|实施|机构|单位|公司)|承接|立项|依据|必要|目的|尾款|支付"
                            r"|(?:建成|完工|竣工|投入使用)(?:后|以后)")
        for c in df.chunks:
            prev, para = "", ""
            for sent in clauses(c.text):
                if _HEADING.match(sent):
                    para = ""
                if marker.search(c.section + sent) and len(sent.strip()) >= 8:
                    # ('主要用于：委托中介机构…' names its item in the sentence before it; '建成后作为…场所'
                    # names it at the head of its paragraph, a little less surely)
                    cov = max(len(qg & bigrams(label_core(prev + sent + " " + c.section))) / len(qg),
                              0.9 * len(qg & bigrams(label_core(para[:400] + sent))) / len(qg))
                    consider(cov, (prev.strip() + sent.strip()) if len(label_core(prev)) < 60 else sent.strip(),
                             c.page, c.section, c.section)
                prev = sent
                para += sent
        for f in df.facts:
            if f.value is None and f.raw and len(f.raw) >= 6 and _FORM_TEXT.search(f.row_label):
                cov = len(qg & bigrams(label_core(f.table_title + " " + f.raw))) / len(qg)
                consider(cov, f"{f.row_label}：{f.raw}", f.page, f.table_title, f.row_label)
        if hit is None or best < 0.7:
            return None
        text, page, where = hit
        cit = Citation(doc.doc_id, doc.source, page, where, "", "", text)
        src = f"《{doc.source}》第{page}页" + (f"《{where}》" if where else "")
        return Answer(text=f"{_name(doc)}：{text}（来源：{src}）", value=None, unit="", citations=[cit], kind="text")

    def _with_reason(self, ans: Answer, q: Question, docs: list[Document]) -> Answer:
        """'…比去年多了多少？为啥涨？': a figure asked with its reason gets the reason the later
        document states after it, quoted and cited."""
        if not ans.answerable or ans.value is None or not REASON_ASKED.search(q.text):
            return ans
        doc = max(docs, key=lambda d: d.year or 0)
        why = self.reason(q, self.lib.facts(doc.doc_id))
        if why is None:
            return dataclasses.replace(ans, text=ans.text + f"（{_name(doc)}没有写明这一变化的原因。）")
        said = re.search(r"的说明：(.*?)。原文", why.text)
        return dataclasses.replace(ans, text=ans.text + f"\n原因：{said.group(1) if said else why.text}（见{why.citations[0].source}"
                                                        f"第{why.citations[0].page}页：“{why.citations[0].quote}”）",
                                   citations=list(ans.citations) + [dataclasses.replace(why.citations[0], role="原因")])

    def _why(self, q: Question, docs: list[Document], question: str) -> Answer:
        """A why question: the reason the document states, from the latest year's document when
        the question names two years ('2025年…为什么比2024年少了'); never a number in its place."""
        if len(docs) > 1:
            latest = max(d.year or 0 for d in docs)
            docs = [d for d in docs if (d.year or 0) == latest]
            docs = self._disambiguate(q, docs) if len(docs) > 1 else docs
        if len(docs) > 1:
            names = [_name(d) for d in docs]
            return refusal("唯一对应的文档：多份文档都可能有这个说明，请指明单位和年度", "、".join(names), candidates=names)
        doc = docs[0]
        why = self.reason(q, self.lib.facts(doc.doc_id))
        if why is None and DESCRIBE_ASKED.search(q.text):
            why = self.described(q, self.lib.facts(doc.doc_id))  # '…项目为什么要设立': its 立项依据
        if why is None and not re.search(r"比|增|减|涨|降|多了|少了|变|持平", q.text):
            # '为啥要给这个钱', '是因为什么事补发的': not a change but the item itself, which its form justifies
            import copy
            asked = copy.copy(q)
            asked.text = q.text + "（立项依据）"
            why = self.described(asked, self.lib.facts(doc.doc_id))
        if why is None:
            why = refusal(f"“{question.strip()}”的原因说明（{_name(doc)}没有写明这一变化的原因）", self._coverage(doc))
        return self._with_ctx(why, q, [doc])
