"""Facts the narrative states in words rather than figures: '无' for a thing, the units a list names,
a date asked for, and which noun a count in a sentence belongs to."""
from __future__ import annotations

import re
from decimal import Decimal

from assistant.answer import Answer, Citation
from assistant.citing import _name
from assistant.facts import GENERIC_GRAMS
from assistant.library import DocFacts, sentences, vocabulary
from assistant.understand import Question, bigrams, label_core

YES_NO = re.compile(r"有没有|有无|是否(有|安排|涉及)|有.{1,16}吗")
# '本部门2026年无政府购买服务。', '本单位没有国有资本经营预算拨款'
_NONE = re.compile(r"(?<![\u4e00-\u9fff]{3}[有])(?:无|没有|未安排|不涉及)(?!法|关|论|需|误|异)([^。；;，,\n]{2,24})")
UNITS_LISTED = re.compile(r"(包括|包含|涵盖|纳入|编制范围|构成).{0,12}(几|多少)(家|个)(预算)?单位|(几|多少)(家|个)单位.{0,6}(纳入|编制范围)"
                          r"|(包括|包含|涵盖|有)哪(?:些|一家|几家|一个|家|个)(下属)?(预算)?(单位|机构)|由哪些(单位|机构)|下属(单位|机构)?(有)?哪些|哪些下属(单位|机构)"
                          r"|(纳入|编制范围|包括|包含)[^，,。？?]{0,12}单位[^，,。？?]{0,6}(几|多少)(家|个)")
# '这个局是什么性质的单位', '算行政单位还是事业单位', '全额拨款吗', '拨款方式呢': the kind of unit and its funding
_NATURE_ASKED = re.compile(r"(?:什么|啥)性质|单位性质|行政单位还是事业单位|事业单位还是行政单位|全额拨款|差额拨款|拨款方式|经费形式|什么类型的单位")
DATE_ASKED = re.compile(r"什么时候|何时|哪天|哪一天|几月几[日号]|什么日期|哪个日期|什么时间|哪个时间|截止时间|时限|期限|哪段时间|实施周期|起止时间|截至.{0,3}(哪|什么)|截止.{0,3}(哪|什么)")
_DATE = re.compile(r"(?:20\d\d\s*年\s*)?\d{1,2}\s*月\s*(?:\d{1,2}\s*[日号]|底|末|份)(?:前|之前|以前|起|止)?|20\d\d\s*年\s*(?:底|末|年底)(?:前|之前)?")
_LIST_START = re.compile(r"(单位包括|具体包括|单位有)[:：]")


def _same_side(asked: str, stated: str) -> bool:
    """A 收入 asked is not answered by a 支出 stated, nor the other way round."""
    for a, b in (("收入", "支出"), ("支出", "收入")):
        if a in asked and b not in asked and b in re.split(r"[，,；;：:]", stated)[-1] and a not in stated:
            return False
    return True


def _at(st) -> int:
    """Where a stated number stands in its sentence (its first occurrence with the unit)."""
    m = re.search(re.escape(f"{st.value}") + r"\s*" + re.escape(st.unit), st.sentence)
    return m.start() if m else len(st.sentence)


def counted_noun(text: str) -> str:
    """The noun a count question counts ('…的预算单位有几个' → 预算单位, '有几家事业单位' → 事业单位)."""
    m = re.search(r"(?:几|多少)(?:个|家|名|项|所|位|台|辆|套|户|次)([\u4e00-\u9fff]{2,4})", text)
    if m and not re.match(r"(呢|吗|啊)", m.group(1)):
        return m.group(1).split("的")[0] if len(m.group(1).split("的")[0]) >= 2 else m.group(1)
    m = re.search(r"([\u4e00-\u9fff]{2,})(?:几|多少)(?:个|家|名|项|所|位|台|辆|套|户|次)", text)
    if not m:
        return ""
    return re.sub(r"(一共|总共|共)?(有|是|为)?$", "", m.group(1)).split("的")[-1][-4:]


def noun_near(sentence: str, value: Decimal, unit: str) -> str:
    """The words just after a count ('3个预算单位开展了…') and just before it ('项目49个')."""
    for m in re.finditer(r"(\d+)\s*" + re.escape(unit), sentence):
        if Decimal(m.group(1)) == value:
            before = re.split(r"[，,；;：:。、（）()]", sentence[:m.start()])[-1][-6:]
            after = re.split(r"[，,；;：:。、（）()]", sentence[m.end():])[0][:6]
            return after + "|" + before
    return ""


class TextFacts:
    """Mixed into Engine: answers a question from a fact written in words."""

    def text_fact(self, q: Question, df: DocFacts) -> Answer | None:
        """'有没有X' → 无（0） from the sentence saying there is none; '编制范围包括几家单位' → the
        units listed; '截至什么时候' → the date of the sentence the question names."""
        if _NATURE_ASKED.search(q.text):
            nature = self._nature(df)
            if nature is not None:
                return nature
        if DATE_ASKED.search(q.text):
            return self._date(q, df)
        if UNITS_LISTED.search(q.text):
            listed = self._units_listed(df, under=bool(re.search(r"下属|下面|底下", q.text)))
            if listed is not None:
                return listed
        if YES_NO.search(q.text):
            return self._stated_none(q, df)
        return None

    def _specific(self, q: Question, drop: str = "") -> set[str]:
        return bigrams(label_core(re.sub(drop, " ", q.content) if drop else q.content)) - GENERIC_GRAMS

    def _stated_none(self, q: Question, df: DocFacts) -> Answer | None:
        qg = (self._specific(q) - {"本部", "部门", "单位"}) & vocabulary(df)  # ('局里': no word of the document)
        if not qg:
            return None
        doc = df.document
        best, hit = 0.0, None
        for c, sent in sentences(df, "。；;\n"):
            for m in _NONE.finditer(sent):
                thing = label_core(m.group(1))
                cov = len(qg & bigrams(thing)) / len(qg)
                back = len(bigrams(thing) & qg) / max(1, len(bigrams(thing) - GENERIC_GRAMS))
                if cov >= 0.75 and back >= 0.5 and cov > best and _same_side(q.content, thing):
                    best, hit = cov, (c, sent.strip())
        if hit is None:
            # '有没有购置车辆的预算': a thing stated as 0 ('安排购置车辆0辆')
            for st in df.stated:
                if st.value == 0 and st.kind in ("amount", "count"):
                    words = bigrams(label_core(re.split(r"[，,；;：:。]", st.sentence[:_at(st)])[-1])) - GENERIC_GRAMS
                    cov = len(qg & words) / len(qg)
                    if cov >= 0.75 and cov > best and _same_side(q.content, st.sentence[:_at(st)]):
                        best, hit = cov, (next((c for c in df.chunks if c.page == st.page), None), st.sentence.strip())
            if hit is None or hit[0] is None:
                return None
        c, sent = hit
        cit = Citation(doc.doc_id, doc.source, c.page, c.section, "", "", sent)
        return Answer(text=f"无（0）。{_name(doc)}：{sent}来源：《{doc.source}》第{c.page}页。", value=Decimal(0),
                      unit="", citations=[cit], kind="none")

    def _nature(self, df: DocFacts) -> Answer | None:
        """'是什么性质的单位，全额拨款吗': the sentence that says what kind of unit the body is and how it is
        funded ('是全额财政拨款行政单位'), else the one that counts its units by kind ('行政单位1家，参公单位1家')."""
        doc = df.document
        for pattern in (r"[^。；]*是(?:全额|差额|定额)?(?:财政)?(?:拨款|补助|自收自支)?的?(?:行政|事业|参公|参照公务员法管理的事业)单位[^。；]*",
                        r"[^。；]*行政单位\s*\d+\s*家[^。；]*"):
            for c in df.chunks:
                m = re.search(pattern, c.text)
                if m and not re.search(r"指行政单位|是指|用于", m.group(0)):
                    sent = re.split(r"[，,]?\s*具体包括", m.group(0).strip().split("\n")[-1])[0]
                    cit = Citation(doc.doc_id, doc.source, c.page, c.section, "", "", sent)
                    return Answer(text=f"{_name(doc)}：{sent}。来源：《{doc.source}》第{c.page}页。", value=None, unit="",
                                  citations=[cit], kind="text")
        return None

    def _units_listed(self, df: DocFacts, under: bool = False) -> Answer | None:
        """The units a '…单位包括：' list names, in the text or in the table under it; under: the units
        below the body asked ('下属几家'), without the one marked （本部）."""
        doc = df.document
        for c in df.chunks:
            m = _LIST_START.search(c.text)
            if not m:
                continue
            rest = c.text[m.end():]
            items = re.findall(r"(?:^|\s|。)\s*(\d{1,2})\s*[.、．]\s*([\u4e00-\u9fff（）()]{3,})", rest)
            names = [n for _, n in items]
            # a list item that looks like a heading ('2.普陀区法律援助中心') opens the next chunk
            i = df.chunks.index(c) + 1
            while names and i < len(df.chunks) and df.chunks[i].page in (c.page, c.page + 1):
                nxt = re.match(rf"\s*{len(names) + 1}\s*[.、．]\s*([\u4e00-\u9fff（）()]{{3,}})",
                               df.chunks[i].section or df.chunks[i].text)
                if not nxt:
                    break
                names.append(nxt.group(1))
                i += 1
            if len(names) < 1:
                for t in df.tables:
                    if c.page in t.pages or c.page + 1 in t.pages[:1]:
                        col = next((x for x in t.columns if re.match(r"(单位名称|单位)/", x)), None)
                        if col:
                            names = col.split("/")[1:]
                            break
            own = [x for x in names if re.search(r"[（(]本部[）)]", x)] if under else []
            if own and len(names) > 1:
                names = [x for x in names if x not in own]  # ('下属几家': 本部 is the body itself)
            if names:
                n = Decimal(len(names))
                cit = Citation(doc.doc_id, doc.source, c.page, c.section, "", "", c.text[m.start():m.start() + 160])
                head = f"除本部（{own[0]}）外，下属单位共 {n} 家" if own else f"列出的单位共 {n} 家"
                return Answer(text=f"{_name(doc)}{head}：{'、'.join(names)}。来源：《{doc.source}》第{c.page}页。",
                              value=n, unit="家", citations=[cit], kind="count")
        return None

    def _date(self, q: Question, df: DocFacts) -> Answer | None:
        """The date stated in the sentence the question names ('截至2025年12月31日，…通用设备0台')."""
        qg = self._specific(q, r"什么时候|何时|哪一?天|几月几[日号]|什么日期|哪个日期|截至|截止|之前|以前|统计|情况|数据|信息|时间|"
                               r"日期|时候|是|的|哪|什么")
        qg &= vocabulary(df)  # words the document never uses ('最晚', '到位') name nothing in it
        if not qg:
            return None
        doc = df.document
        best, hit = 0.0, None
        for c, sent in sentences(df, "。；;"):
            d = _DATE.search(sent)
            if not d:
                continue
            cov = len(qg & bigrams(label_core(sent))) / len(qg)
            if cov > best:
                best, hit = cov, (c, sent.strip(), re.sub(r"\s", "", d.group(0)))
        cell = None
        for f in df.facts:
            # a date in a table cell ('拨付时间 | 2026年6月30日前' in a project's 绩效目标表)
            d = _DATE.search(f.raw or "") if f.value is None else None
            if not d:
                continue
            cov = len(qg & bigrams(label_core(f"{f.table_title}{f.row_label}{f.column}"))) / len(qg)
            if cov > best:
                best, cell = cov, (f, re.sub(r"\s", "", d.group(0)))
        if cell is not None and best >= 0.6:
            f, date = cell
            from assistant.citing import cite
            where = f"《{doc.source}》第{f.page}页《{f.table_title}》{f.row_label}"
            return Answer(text=f"{date}。{_name(doc)}《{f.table_title}》{f.row_label}：{f.raw}。来源：{where}。",
                          value=None, unit="", citations=[cite(doc, f)], kind="text")
        if hit is None or best < 0.6:
            return None
        c, sent, date = hit
        cit = Citation(doc.doc_id, doc.source, c.page, c.section, "", "", sent)
        return Answer(text=f"{date}。{_name(doc)}：{sent}来源：《{doc.source}》第{c.page}页。", value=None, unit="",
                      citations=[cit], kind="text")


# how far the money has gone by now: '到目前实际拨付了多少', '至今执行了多少', '已经拨付' (never '2025年预算执行数')
PROGRESS_ASKED = re.compile(r"(?:到目前|目前为止|到现在|现在为止|至今|截至目前|截止目前|眼下)[^，,。？?]{0,12}(?:拨付|执行|到位|花了|用了|支出了|支付)"
                            r"|(?:已经|已)(?:拨付|到位|支付)|实际拨付|拨付了多少|拨付进度|执行进度|到位了多少"
                            r"|(?:最后|最终)实际|实际(?:奖励|奖补|补助|发放|兑现)了|目标完成率|完成得怎么样")
