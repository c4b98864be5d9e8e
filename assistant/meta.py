"""Questions about a document itself rather than its figures: which page a table is on ('机关运行经费那张表在第几
页'), how many tables it attaches ('一共附了几张预算表'), what its N-th table is called, how many of them are
empty ('有几张写着“本表无数据”'), in which part a matter is explained ('机关运行经费的增减在哪一部分说明').

Tables are the document's titled tables in their printed order (the 绩效目标 forms are forms, not budget
tables); a part is the numbered heading ('十一、其他重要事项的情况说明') above the passage that best
matches the question.
"""
from __future__ import annotations

import re
from decimal import Decimal

from assistant.answer import Answer, Citation
from assistant.citing import _name, strip_body
from assistant.library import DocFacts
from assistant.understand import bigrams, cn_number, label_core

_PAGE = re.compile(r"(?P<t>[^，,。？?]{2,40}?)(?:那张|这张|的)?(?:预算|决算)?表(?:格)?(?:是)?(?:在|印在|放在|位于|出现在)?(?:文件的?)?(?:第几页|哪一页|哪页|第多少页)")
_COUNT = re.compile(r"(?:附|列|公开|包括|包含|有|共)了?(?:几|多少)张(?:预算|决算)?(?:报)?表|(?:预算|决算)?(?:报)?表(?:一共|总共|共)?有(?:几|多少)张")
_NTH = re.compile(r"第\s*([一二三四五六七八九十\d]{1,3})\s*张(?:预算|决算)?表(?:叫|是|的(?:名称|名字|标题)|标题)")
_EMPTY = re.compile(r"(?:几|多少)张(?:是)?(?:空的|空表|无数据|没有数据)|空表(?:有|一共有|共有)?(?:几|多少)张|(?:本表无数据|空表)[”\"]?(?:的)?(?:表)?(?:有)?(?:几|多少)张")
_PART = re.compile(r"(?:在|是在)?哪(?:一|个)?(?:部分|节|章|个标题|个栏目)(?:里|中)?(?:说明|介绍|披露|写|讲|交代|解释)?的?|在哪里说明")
META_ASKED = re.compile("|".join(p.pattern for p in (_PAGE, _COUNT, _NTH, _EMPTY, _PART)))


def _budget_tables(df: DocFacts) -> list:
    """The titled tables in printed order, the performance forms left out."""
    return [t for t in sorted(df.tables, key=lambda t: t.table_no) if t.title and "绩效目标" not in t.title]


def _cite(df: DocFacts, page: int, title: str = "", quote: str = "") -> Citation:
    d = df.document
    return Citation(doc_id=d.doc_id, source=d.source, page=page, table_title=title, quote=quote)


def about_document(text: str, df: DocFacts) -> Answer | None:
    """The answer to a question about the document's tables or parts, or None when it asks none."""
    doc = df.document
    tables = _budget_tables(df)
    m = _NTH.search(text)
    if m and tables:
        n = cn_number(m.group(1)) or (int(m.group(1)) if m.group(1).isdigit() else 0)
        if not 1 <= n <= len(tables):
            return None
        t = tables[n - 1]
        return Answer(text=f"{_name(doc)}的第{n}张表是《{t.title}》（第{t.pages[0]}页）。来源：《{doc.source}》第{t.pages[0]}页。",
                      value=None, unit="", citations=[_cite(df, t.pages[0], t.title)], kind="text")
    if _EMPTY.search(text) and tables:
        empty = [t for t in tables if t.empty or re.search(r"无数据|空表", t.note or "")]
        listing = "、".join(f"《{t.title}》（第{t.pages[0]}页）" for t in empty)
        return Answer(text=f"{_name(doc)}的{len(tables)}张表中，注明无数据（空表）的有 {len(empty)} 张：{listing or '无'}。"
                           f"来源：《{doc.source}》。", value=Decimal(len(empty)), unit="张",
                      citations=[_cite(df, t.pages[0], t.title, t.note) for t in empty], kind="count")
    if _COUNT.search(text) and tables:
        listing = "；".join(f"{i}. {t.title}（第{t.pages[0]}页）" for i, t in enumerate(tables, 1))
        return Answer(text=f"{_name(doc)}附有 {len(tables)} 张{doc.kind or '预算'}表：{listing}。来源：《{doc.source}》。",
                      value=Decimal(len(tables)), unit="张", citations=[_cite(df, tables[0].pages[0], tables[0].title)], kind="count")
    m = _PAGE.search(text)
    if m and tables:
        asked = bigrams(label_core(strip_body(re.sub(r"20\d\d年度?|那张|这张|里|中|公开|预算|决算", "", m.group("t")), doc)))
        if not asked:
            return None
        best = max(tables, key=lambda t: (len(asked & bigrams(label_core(t.title))) / len(asked), -t.table_no))
        if len(asked & bigrams(label_core(best.title))) / len(asked) < 0.5:
            return None
        p = best.pages[0]
        return Answer(text=f"《{best.title}》在{_name(doc)}第{p}页" + (f"（共{len(best.pages)}页：第{best.pages[0]}—{best.pages[-1]}页）"
                                                                   if len(best.pages) > 1 else "") + f"。来源：《{doc.source}》第{p}页。",
                      value=Decimal(p), unit="页", citations=[_cite(df, p, best.title)], kind="lookup")
    if _PART.search(text):
        return _part(text, df)
    return None


def _part(text: str, df: DocFacts) -> Answer | None:
    """The numbered part whose passage best matches what the question names."""
    doc = df.document
    words = re.sub(_PART.pattern + r"|20\d\d年度?|的|情况|是|在", " ", strip_body(text, doc))
    asked = bigrams(label_core(words))
    if len(asked) < 2:
        return None
    best, score, heading = None, 0.0, ""
    current = ""
    for c in df.chunks:
        if re.match(r"^[一二三四五六七八九十]+、|^第[一二三四五六七八九十]+部分", c.section):
            current = c.section
        if c.page <= 3 and re.match(r"^[一二三四五六七八九十]+、", c.section) and c.section == c.text.strip():
            continue  # (the table of contents)
        s = len(asked & bigrams(label_core(c.section + c.text[:200]))) / len(asked)
        if s > score:
            best, score, heading = c, s, current
    if best is None or score < 0.5:
        return None
    own = best.section if best.section != heading else ""
    where = heading + (f"中的“{own}”" if own else "")
    return Answer(text=f"{_name(doc)}在“{where}”部分说明（第{best.page}页）。原文：“{best.text[:80]}”。来源：《{doc.source}》第{best.page}页。",
                  value=None, unit="", citations=[_cite(df, best.page, "", best.text[:80])], kind="text")
