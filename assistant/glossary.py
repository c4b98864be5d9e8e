"""What a budget term means, in the document's own words: the items of its 名词解释 ('（八）机关运行经费：指
行政单位和参照公务员法管理的事业单位…', '十、“三公”经费：指…'). A question that asks a term's meaning
('项目支出到底是指什么钱', '“三公”经费包括哪几样', '名词解释里说机关运行经费是什么？') is answered with the
item, cited to its page; asked together with a figure ('…是什么？平鲁工信局2026年有多少？') the figure is
the answer and the item follows it."""
from __future__ import annotations

import dataclasses
import re

from assistant.answer import Answer, Citation
from assistant.citing import _name, strip_body
from assistant.library import DocFacts
from assistant.understand import Question

DEFINE_ASKED = re.compile(r"是什么意思|什么意思|是指什么|指的是什么|到底(?:是)?指什么|是什么钱|怎么理解|如何理解|怎么定义|如何定义"
                          r"|是怎么定义的|定义是什么|的定义|名词解释|[\"”]\s*(?:到底)?是什么[？?]?$")  # ('“事业收入”是什么？')
# what the item lists or what it is for ('包括哪几样', '主要用在什么地方'), asked of a glossary term
_WHAT_OF = re.compile(r"包括哪|包含哪|由哪(?:几|些)部分|主要用(?:在|来|于)(?:什么|哪)|用来干什么|用于什么")
_ITEM = r"(?:（[一二三四五六七八九十]+）|[一二三四五六七八九十]+、|\d{1,2}[.、．])"
_NEXT_ITEM = re.compile(r"(?:（[一二三四五六七八九十]+）|(?<![\u4e00-\u9fff])[一二三四五六七八九十]+、)")


def term_asked(text: str) -> str:
    """The term a question asks the meaning of: the quoted word, else the words before 是指/是什么/怎么理解."""
    # ('“三公”经费包括哪几样': the quoted word with the word it opens)
    quoted = [a + b for a, b in re.findall(r"[\"“]([^\"”]{2,20})[\"”]([\u4e00-\u9fff]{0,4}?)(?=包括|包含|是|的|指|这|怎么|如何|主要|到底"
                                            r"|[，,？?。]|$)", text)]
    if quoted:
        return max(quoted, key=len).strip()
    m = re.search(r"([\u4e00-\u9fff（）()]{2,16}?)(?:这个词|这个概念|这一项)?(?:到底)?(?:是指|是什么|指的是|怎么理解|如何理解|怎么定义|是怎么定义"
                  r"|的定义|包括哪|包含哪|由哪|主要用)", text)
    if not m:
        return ""
    term = re.sub(r"^.*?(?:名词解释(?:里|中)?(?:说的?|讲的?|提到的?)?|里(?:说|讲|提到)的?|中的?|里的?|讲的|说的|的)", "", m.group(1))
    return term or m.group(1)


class Glossary:
    """Mixed into Engine: defined(), figure_and_meaning()."""

    def figure_and_meaning(self, question: str, context: dict | None, scope: list[str] | None) -> Answer | None:
        """'名词解释里说机关运行经费是什么？平鲁工信局2026年有多少？': the figure, then the term's explanation."""
        figure = figure_part(question)
        if figure is None:
            return None
        got = self._guarded(figure, context, scope)  # type: ignore[attr-defined]
        if not got.answerable:
            return None
        meaning = self._guarded(question.split("？")[0].split("?")[0] + "？", context, scope)  # type: ignore[attr-defined]
        if meaning.answerable and meaning.value is None and meaning.kind == "text":
            got = dataclasses.replace(got, text=got.text + "\n" + meaning.text,
                                      citations=list(got.citations) + list(meaning.citations))
        return got

    def defined(self, q: Question, df: DocFacts) -> Answer | None:
        """The document's own explanation of the term the question asks about, or None."""
        asked = q.raw.strip()  # (the quotes parse() drops around a short term: '“事业收入”是什么')
        if not (DEFINE_ASKED.search(asked) or DEFINE_ASKED.search(q.text) or _WHAT_OF.search(q.text)) \
                or re.search(r"多少|几[个项家人]", q.text):
            return None
        term = strip_body(term_asked(asked), df.document).strip(" 的")
        if len(term) < 2:
            return None
        bare = re.sub(r"[\"“”]", "", term)
        name = r"[\"“]?" + re.escape(bare).replace("三公", "三公[\"”]?") + r"[\"”]?"
        # an item ('（八）机关运行经费：指…') or a part of one ('其中：…；公务接待费主要安排…')
        pattern = re.compile(_ITEM + r"\s*" + name + r"\s*[:：]|(?:其中[:：，,]?|[；;])\s*" + name + r"\s*(?:主要安排|主要用于|反映|是指)")
        best = None
        for c in df.chunks:
            text = c.text.replace("\n", "")
            for m in pattern.finditer(text):
                rest = text[m.start():]
                nxt = _NEXT_ITEM.search(rest, m.end() - m.start())
                said = rest[:nxt.start()] if nxt else rest
                said = re.sub(r"^(?:其中[:：，,]?|[；;])\s*", "", said)
                said = re.split(r"[。；;]", said)[0] + "。" if re.search(r"[。；;]", said) else said
                if best is None or len(said) > len(best[0]):
                    best = (said.strip(), c)
        if best is None:
            return None
        said, c = best
        doc = df.document
        cit = Citation(doc.doc_id, doc.source, c.page, c.section or "名词解释", "", "", said)
        return Answer(text=f"{_name(doc)}的名词解释：{said}（来源：《{doc.source}》第{c.page}页）", value=None, unit="",
                      citations=[cit], kind="text")


def figure_part(question: str) -> str | None:
    """The figure a two-part question asks beside a term's meaning ('名词解释里说机关运行经费是什么？平鲁工信局2026年
    有多少？' → '机关运行经费 平鲁工信局2026年有多少？'), or None when it asks no figure."""
    parts = [p for p in re.split(r"(?<=[？?。；;])", question) if p.strip()]
    if len(parts) < 2 or not any(DEFINE_ASKED.search(p) for p in parts[:-1]) \
            or not re.search(r"多少|几[个项家人]|百分之|占比|比例", parts[-1]):
        return None
    term = term_asked("".join(parts[:-1]))
    return (term + " " if term and term not in parts[-1] else "") + parts[-1]
