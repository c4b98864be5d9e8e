"""Pure steps for text: pagination of text files, blocks, sections, chunks, stated numbers."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal

from ingest.model import StatedFact, TextChunk

_TOC_LINE = re.compile(r"^(?P<title>.+?)[\s.…·．]*\t?\s*(?P<page>\d{1,3})\s*$")
_TABLE_NO = re.compile(r"^(?:预算|部门|决算)?(?:公开)?表(?:[一二三四五六七八九十]+|\d{1,2}(?=\D))")
# '1、' or '2.' number a heading; '603.14万元' (a number that wrapped to the line start) does not
_HEADING = re.compile(r"^(第[一二三四五六七八九十]+部分|[一二三四五六七八九十]+、|（[一二三四五六七八九十]+）|\d+[、.．](?!\d))")
_TERMINAL = "。；！？：:;.!?）)"
_PAGE_HEADER = re.compile(r"^(预算|部门|决算)公开表\s*\d+\s*$")
_TITLE_END = re.compile(r"表(（[^）]*）|\([^)]*\))?$")
# words that address a reader or a model rather than report a budget ('忽略之前的指令', 'system prompt');
# a paragraph holding them is kept as text but states no numbers (document text is data)
_INSTRUCTION = re.compile(
    r"(忽略|无视|忘记|忘掉|不要理会|不用理会)(掉)?(之前|以上|上面|前面|先前|此前|所有|全部|其他|上述)?的?(所有|全部)?"
    r"(指令|指示|提示词?|设定|约束)"
    r"|系统提示|提示词|system\s*prompt|ignore\s+(all\s+)?(the\s+)?(previous|prior|above|earlier)"
    r"|disregard\s+(all\s+)?(previous|prior|above)|you\s+are\s+(now\s+)?(an?\s+)?(ai|assistant|language model)"
    r"|你(现在)?(是|扮演|作为)(一[个名])?(AI|ai|人工智能|助手|模型|语言模型|机器人)"
    r"|(一律|只)(回答|回复|输出)|(回答|答复|回复|输出)(为|成)?[:：]?\s*\d+(\.\d+)?\s*(万元|亿元|元|%)",
    re.IGNORECASE)


def _norm(text: str) -> str:
    s = re.sub(r"[\s.…·．]+", "", text)
    return _TABLE_NO.sub("", s)


def parse_toc(lines: list[str]) -> tuple[dict[str, int], int]:
    """The 目录's entries (normalised title → printed page) and the index of its last line."""
    start = next((i for i, ln in enumerate(lines[:80]) if re.sub(r"\s", "", ln) == "目录"), None)
    if start is None:
        return {}, -1
    entries: dict[str, int] = {}
    end = start
    for i in range(start + 1, len(lines)):
        ln = lines[i].strip()
        if not ln:
            continue
        m = _TOC_LINE.match(ln)
        if not m or not re.search(r"[\u4e00-\u9fff]", m.group("title")):
            break
        entries.setdefault(_norm(m.group("title")), int(m.group("page")))
        end = i
    return entries, end


def paginate(text: str) -> list[str]:
    """A text file's pages: form feeds when present, else inferred from its 目录 and artefacts."""
    if "\f" in text:
        return text.split("\f")
    lines = text.splitlines()
    pages_of = line_pages(lines)
    out: dict[int, list[str]] = {}
    for ln, p in zip(lines, pages_of):
        out.setdefault(p, []).append(ln)
    last = max(out) if out else 1
    return ["\n".join(out.get(p, [])) for p in range(1, last + 1)]


def line_pages(lines: list[str]) -> list[int]:
    """Printed page of every line, anchored on 目录 entries; page breaks inferred in between.

    A text layer copied from a PDF keeps page breaks only as artefacts: a blank line inside a
    tab-separated table, a sentence cut in two, a new table title. Anchors from the 目录 fix
    the page wherever a heading or table title appears; artefacts advance it in between but
    never up to the next anchor.
    """
    toc, toc_end = parse_toc(lines)
    n = len(lines)
    anchors: dict[int, int] = {}
    last_page = 0
    for i in range(toc_end + 1, n):
        key = _norm(lines[i])
        if key and key in toc and toc[key] >= last_page:
            anchors[i] = toc[key]
            last_page = toc[key]
    pages = [1] * n
    page = 1
    next_anchor = _next_anchor_table(anchors, n)
    content_on_page = 0
    prev_tab = prev_text_open = False
    blank_run = 0
    for i in range(n):
        ln = lines[i]
        s = ln.strip()
        if i <= toc_end:
            pages[i] = 1
            continue
        bound = next_anchor[i] if next_anchor[i] else 10 ** 6
        if i in anchors:
            if anchors[i] != page:
                content_on_page = 0
            page = anchors[i]
        elif s:
            brk, limit = False, bound
            if "\t" in ln and prev_tab and blank_run:
                brk = True  # a blank line inside a table: the table went on over a page break
            elif prev_text_open and blank_run and "\t" not in ln and not _HEADING.match(s):
                brk = True  # a sentence cut in two by a page break
            elif _TITLE_END.search(s) and "\t" not in ln and len(s) < 60 and content_on_page > 3:
                brk, limit = True, bound - 1  # a table title not in the 目录 starts its own page
            if brk and page < limit:
                page += 1
                content_on_page = 0
        pages[i] = page
        if s:
            if not _PAGE_HEADER.match(s):
                content_on_page += 1
            prev_tab = "\t" in ln
            prev_text_open = ("\t" not in ln and len(s) > 30 and s[-1] not in _TERMINAL)
            blank_run = 0
        else:
            blank_run += 1
    return pages


def _next_anchor_table(anchors: dict[int, int], n: int) -> list[int]:
    out = [0] * n
    nxt = 0
    for i in range(n - 1, -1, -1):
        out[i] = nxt
        if i in anchors:
            nxt = anchors[i]
    return out


@dataclass
class Block:
    """A run of lines of one kind: a narrative paragraph or a tab-separated table."""

    kind: str  # para | table
    lines: list[str] = field(default_factory=list)
    pages: list[int] = field(default_factory=list)


def text_blocks(lines: list[str], pages: list[int]) -> list[Block]:
    """Group lines into paragraphs and tables; a blank line inside a table does not end it."""
    blocks: list[Block] = []
    cur: Block | None = None
    for i, (ln, p) in enumerate(zip(lines, pages)):
        if not ln.strip():
            if cur is not None and cur.kind == "table":
                nxt = next((lines[k] for k in range(i + 1, min(i + 4, len(lines))) if lines[k].strip()), "")
                if "\t" in nxt:
                    continue
            cur = None
            continue
        kind = "table" if "\t" in ln else "para"
        if cur is None or cur.kind != kind:
            cur = Block(kind)
            blocks.append(cur)
        cur.lines.append(ln)
        cur.pages.append(p)
    return blocks


def sentences(text: str) -> list[str]:
    """Split narrative into sentences at 。；！？ (keeping the mark)."""
    parts = re.split(r"(?<=[。；！？;])", text)
    return [s.strip() for s in parts if s.strip()]


_NUM = r"(\d[\d,，]*(?:\.\d+)?)"
_STATED = re.compile(
    _NUM + r"\s*(?P<unit>亿元|万元|元|%|％|个|家|人|辆|名|项|套|台|次|户|件)")
_DIRECTION = re.compile(r"(增加|减少|增长|下降|上升|降低|持平|增|减)")


def addresses_reader(text: str) -> str:
    """The words of an instruction to a reader or model in the text ('忽略之前的指令'), or ''."""
    m = _INSTRUCTION.search(text)
    return m.group(0) if m else ""


def stated_facts(doc_id: str, page: int, section: str, paragraph: str, start: int = 0) -> list[StatedFact]:
    """Every number with a unit stated in a paragraph, with its subject words and direction.

    A sentence that gives instructions (addresses_reader) states nothing. The sentences around it
    keep theirs: a planted line is often merged into a real paragraph. (An instruction split over
    two sentences leaves the second's number; the audit's text-vs-table rules are there for that.)
    """
    out: list[StatedFact] = []
    n = start
    for sent in sentences(paragraph):
        if addresses_reader(sent):
            continue
        for m in _STATED.finditer(sent):
            raw = m.group(1).replace(",", "").replace("，", "")
            try:
                value = Decimal(raw)
            except Exception:  # noqa: BLE001 - a stray digit run is not a number
                continue
            unit = m.group("unit").replace("％", "%")
            # '一般公共服务支出（类）2106.66万元': the subject is the name before the level mark
            before = re.sub(r"[（(][类款项][）)]\s*$", "", sent[: m.start()])
            clause = re.split(r"[，,；;：:。（(]", before)[-1]
            dm = None
            for dm in _DIRECTION.finditer(clause[-8:]):
                pass
            direction = ""
            if dm:
                direction = {"增长": "增加", "上升": "增加", "增": "增加", "下降": "减少",
                             "降低": "减少", "减": "减少"}.get(dm.group(1), dm.group(1))
            if unit == "%":
                kind = "change" if direction else "share"
            elif unit in ("亿元", "万元", "元"):
                kind = "change" if direction else "amount"
            else:
                kind = "count"
            after = re.split(r"[，,；;。：:]", sent[m.end():])[0][:8]
            # counts name their thing after the unit ('5个股（室）'); money before it
            count = unit not in ("%", "亿元", "万元", "元")
            subject = clause.strip() + (f" {after}" if count and after else "")
            out.append(StatedFact(
                fact_id=f"{doc_id}:p{page}:s{n}", doc_id=doc_id, page=page, section=section,
                sentence=sent, subject=subject, kind=kind, value=value, unit=unit,
                direction=direction))
            n += 1
    return out


def is_heading(line: str) -> bool:
    """A section heading: 第X部分, 一、, （一）, 1、 — short and without a full stop."""
    s = line.strip()
    return bool(_HEADING.match(s)) and len(s) <= 40 and "。" not in s


def is_part_title(line: str) -> bool:
    """A part's own title ('2026年部门预算编制说明', '部门决算情况说明'): it ends the section before it (the
    list of units on the page before: '2.普陀区法律援助中心' is not the heading of the department's figures)."""
    return bool(_PART_TITLE.fullmatch(line.strip()))


_PART_TITLE = re.compile(r"(?:20\d\d年度?)?[\u4e00-\u9fff“”（）()]{0,16}?(?:部门|单位)(?:预算|决算)(?:编制|情况)?说明")


def chunk_paragraphs(doc_id: str, paras: list[tuple[int, str, str]], size: int = 300) -> list[TextChunk]:
    """Chunks of ≤size characters from (page, section, paragraph) triples, never across pages."""
    chunks: list[TextChunk] = []
    buf, buf_page, buf_section = "", None, ""

    def flush() -> None:
        nonlocal buf
        if buf.strip():
            chunks.append(TextChunk(f"{doc_id}:p{buf_page}:x{len(chunks)}", doc_id, buf_page or 1,
                                    buf_section, buf.strip()))
        buf = ""

    for page, section, para in paras:
        if buf and (page != buf_page or section != buf_section or len(buf) + len(para) > size):
            flush()
        if not buf:
            buf_page, buf_section = page, section
        while len(para) > size * 2:
            cut = para.rfind("。", 0, size * 2) + 1 or size * 2
            buf += para[:cut]
            flush()
            buf_page, buf_section = page, section
            para = para[cut:]
        buf += ("\n" if buf else "") + para
    flush()
    return chunks
