"""The units a department's budget covers, as its 机构设置 / 单位构成 section lists them ('具体包括：1. …（本部）。
2. …中心。'): '司法局下面那家预算单位叫什么', '万里街道下属有哪些单位'. The names are quoted from the text, the
page cited; a question about the units under the department leaves out its own 本部 / 本级."""
from __future__ import annotations

import re

from assistant.answer import Answer, Citation
from assistant.citing import _name
from assistant.library import DocFacts

# the names of the units asked ('下属单位叫什么', '包括哪些单位', '下面那家预算单位是哪个', '由哪几家单位组成')
MEMBERS_ASKED = re.compile(r"(?:下属|所属|下面|下辖|包括|包含|构成|组成|有)[^，,。？?]{0,8}?(?:预算)?单位[^，,。？?]{0,6}?"
                           r"(?:是|有|叫|为)?(?:哪|什么|名称|名字|全称)|哪(?:些|几家|个|家)(?:预算)?单位|(?:预算)?单位(?:构成|组成)(?:是|有|为)?(?:哪|什么)")
_ANCHOR = re.compile(r"具体包括[:：]?|(?:编制范围的|预算)单位包括[:：]?")
_ITEM = re.compile(r"(?:^|(?<=[。；;：:\s]))\s*(\d{1,2})\s*[.．、]\s*([^\d。；;]{3,40}?)(?=\s*[。；;]|\s*\d{1,2}\s*[.．、]|\s*$)")
_OWN = re.compile(r"本部|本级|机关(?![\u4e00-\u9fff]*中心)")


def listed_units(df: DocFacts) -> tuple[list[str], int] | None:
    """The numbered units after '具体包括' (the list may run on into the next passages), and its page."""
    chunks = df.chunks
    for i, c in enumerate(chunks):
        m = _ANCHOR.search(c.text)
        if m is None:
            continue
        tail = c.text[m.end():]
        for nxt in chunks[i + 1:i + 4]:  # (a list item read as a heading starts its own passage)
            if nxt.page != c.page or re.search(r"名词解释|^[一二三四五六七八九十]+、", nxt.text):
                break
            tail += "。" + nxt.text
        names, expect = [], 1
        for item in _ITEM.finditer(tail):
            if int(item.group(1)) != expect:
                break
            names.append(item.group(2).strip())
            expect += 1
        if names:
            return names, c.page
    return None


def members(q_text: str, df: DocFacts) -> Answer | None:
    """The units listed, those under the department when the question asks what is below it."""
    found = listed_units(df)
    if found is None:
        return None
    names, page = found
    doc = df.document
    below = bool(re.search(r"下属|所属|下面|下辖|管着|底下|除了?[^，,。？?]{0,8}(?:本部|本级|机关)", q_text))
    shown = [n for n in names if not _OWN.search(n)] if below else names
    if not shown:
        return None
    quote = "；".join(f"{i}. {n}" for i, n in enumerate(names, 1))
    what = "下属预算单位" if below else "部门预算包括的单位"
    text = (f"{_name(doc)}的{what}（{len(shown)}家）：{'、'.join(shown)}。原文：“{quote}”。"
            f"来源：《{doc.source}》第{page}页。")
    cite = Citation(doc_id=doc.doc_id, source=doc.source, page=page, table_title="", row_label="", column="", quote=quote)
    return Answer(text=text, value=None, unit="", citations=[cite], kind="text")
