"""Why questions: the reason the narrative gives for a change ('机关运行经费今年为什么增加了' →
'原因是本年度增加了城镇集体工业联合社的运行经费预算安排'), quoted from its sentence and cited."""
from __future__ import annotations

import re

from assistant.answer import Answer, Citation
from assistant.citing import _name, strip_body
from assistant.facts import GENERIC_GRAMS, expand, substituted
from assistant.library import DocFacts
from assistant.understand import Question, bigrams, label_core

REASON_ASKED = re.compile(r"为什么|为何|什么原因|原因是什么|原因是啥|啥原因|原因何在|什么缘故|怎么(会|回事)|何故|的原因")
# the clause that gives a reason, and the words that open it
_BECAUSE = re.compile(r"(?:主要)?原因(?:是|为|在于)[：:]?|主要是由于|主要是因为|这是由于|是由于|由于|因为")
_UP = re.compile(r"增加|增长|上升|提高|多了|多出|涨|增多|新增")
_DOWN = re.compile(r"减少|下降|降低|少了|缩减|压减|减|降|少")
_ASK_WORDS = re.compile(REASON_ASKED.pattern + r"|比上年|比去年|上年|去年|今年|本年|20\d\d年度?|增加|增长|减少|下降|少了|多了"
                        r"|了|呢|吗|[?？，,。]|\d+(?:\.\d+)?(?:万元|元|万|%)?|[比较少多会要]")


class Reasons:
    """Mixed into Engine: reason(q, df) answers a why question from the sentence that states it."""

    def reason(self, q: Question, df: DocFacts) -> Answer | None:
        """The reason clause whose sentence (or the item it closes) names what the question names
        and moves in the direction it asks about; None when no sentence gives one."""
        doc = df.document
        asked = _ASK_WORDS.sub(" ", strip_body(q.content, doc))
        variants = [label_core(v) for v in (asked, expand(asked), substituted(asked))]
        text = " ".join(variants)
        qg = set().union(*(bigrams(v) for v in variants)) - GENERIC_GRAMS
        if len(qg) < 2:
            return None
        up, down = bool(_UP.search(q.text)), bool(_DOWN.search(re.sub(_UP, "", q.text)))
        best, hit = 0.0, None
        for c in df.chunks:
            before = ""  # the item's sentences since the last reason ('1. “…专项普查活动（项）”25.77万元…')
            for clause in re.split(r"(?<=[。；;])", c.text):
                m = _BECAUSE.search(clause)
                if not m:
                    before += clause
                    continue
                subject = clause[:m.start()]
                if len(label_core(subject)) < 4:  # '主要原因是：项目调整。' closes the item before it
                    subject = before + subject
                why = clause[m.end():].strip(" ，,。；;")
                before = ""
                if len(why) < 2:
                    continue
                sg = bigrams(label_core(subject + " " + c.section))
                cov = len(qg & sg) / len(qg)
                named = [w for w in re.findall(r"[\u4e00-\u9fff]{3,}", text) if w in label_core(subject)]
                cov += 0.05 * max((len(w) for w in named), default=0)
                moves_up, moves_down = bool(_UP.search(subject)), bool(re.search(r"减少|下降|降低|缩减|压减", subject))
                if (up and moves_down and not moves_up) or (down and not up and moves_up and not moves_down):
                    cov -= 0.5  # the question asks why it fell; this sentence explains a rise
                if cov > best:
                    # the quote shows what the reason is for: the item's last sentence when the
                    # clause itself names nothing ('主要原因是：项目调整。')
                    said = [x for x in re.split(r"(?<=[。；;])", subject.strip()) if x.strip()]
                    key = max(said, key=lambda x: len(qg & bigrams(label_core(x)))) if said else ""
                    shown = clause.strip() if len(label_core(clause[:m.start()])) >= 4 else \
                        "".join(dict.fromkeys([key] + said[-1:])) + clause[m.start():].strip()
                    best, hit = cov, (c, shown[-220:], why)
        if hit is None or best < 0.6:
            return None
        c, sent, why = hit
        cit = Citation(doc.doc_id, doc.source, c.page, c.section, "", "", sent)
        where = f"《{doc.source}》第{c.page}页" + (f"《{c.section}》" if c.section else "")
        return Answer(text=f"{_name(doc)}的说明：{why}。原文：“{sent}”来源：{where}。",
                      value=None, unit="", citations=[cit], kind="text")
