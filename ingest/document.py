"""Pure: pages of lines and raw tables → a ParsedDocument (the same path for text and PDF)."""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from ingest import meta
from ingest.forms import form_facts, is_form_title
from ingest.model import Document, ParsedDocument, StatedFact, TableFact, TableInfo, TextChunk
from ingest.tables import EMPTY_NOTE, RawTable, clean_cell, merge_continuations, table_facts
from ingest.text import addresses_reader, chunk_paragraphs, is_heading, is_part_title, stated_facts


@dataclass
class PageContent:
    """What one page holds outside its tables (text lines) and its raw tables in order."""

    page: int
    lines: list[str] = field(default_factory=list)
    tables: list[RawTable] = field(default_factory=list)
    text: str = ""


def assemble(doc_id: str, source: str, sha256: str, pages: list[PageContent],
             warnings: list[str]) -> ParsedDocument:
    """Tables → facts, narrative → sections, chunks and stated numbers; metadata detected."""
    info = meta.detect([p.text for p in pages], source)
    document = Document(doc_id=doc_id, title=info["title"], department=info["department"],
                        year=info["year"], kind=info["kind"], source=source, pages=len(pages),
                        sha256=sha256, scope=info["scope"], date=info["date"])
    raw_tables = merge_continuations([t for p in pages for t in p.tables])
    tables: list[TableInfo] = []
    facts: list[TableFact] = []
    titles: dict[int, str] = {}  # a form's title with its project ('项目支出绩效目标表：遗属（工科局）')
    for no, raw in enumerate(raw_tables, start=1):
        if is_form_title(raw.title):
            title, unit, ff = form_facts(raw, doc_id, no)
            titles[id(raw)] = title
            tinfo = TableInfo(f"{doc_id}:t{no}", doc_id, no, title, unit,
                              tuple(sorted(set(raw.row_pages))), ("指标值",), len(raw.rows),
                              not ff, raw.note, labels=tuple(dict.fromkeys(f.row_label for f in ff)))
        else:
            tinfo, ff = table_facts(raw, doc_id, no)
            if tinfo.empty and not raw.note and raw.rows:
                warnings.append(f"第{tinfo.pages[0]}页《{raw.title or '无标题表'}》没有数字，也没有空表说明")
        tables.append(tinfo)
        facts.extend(ff)
    paras: list[tuple[int, str, str]] = []
    section = ""
    for p in pages:
        for para in _paragraphs(p.lines):
            first = para.splitlines()[0]
            if is_heading(first):
                section = first.strip()
            elif is_part_title(first):
                section = ""  # (a part's title: what follows belongs to no unit listed before it)
            paras.append((p.page, section, para.replace("\n", "")))
    paras.extend(_text_cells(raw_tables, paras, titles))
    chunks: list[TextChunk] = chunk_paragraphs(doc_id, paras)
    stated: list[StatedFact] = []
    for page, sec, para in paras:
        if (said := addresses_reader(para)):
            warnings.append(f"第{page}页有像是写给 AI 或读者的指令（“{said}”）：保留为文字，这句话里的数字不作为答案来源")
        stated.extend(stated_facts(doc_id, page, sec, para, start=len(stated)))
    return ParsedDocument(document, tuple(chunks), tuple(tables), tuple(facts), tuple(stated),
                          tuple(warnings))


def _text_cells(raw_tables, paras: list[tuple[int, str, str]], titles: dict[int, str]) -> list[tuple[int, str, str]]:
    """Sentences written inside table cells ('年度绩效目标 | 1、规模以上工业增加值增长5%左右。2、新增省级
    企业技术中心1家…', a project's 立项依据) as paragraphs of their table and row, unless the page's
    text already holds them."""
    seen = {(page, para[:16]) for page, _, para in paras}
    out: list[tuple[int, str, str]] = []
    for raw in raw_tables:
        for r, row in enumerate(raw.rows):
            page = raw.row_pages[r] if r < len(raw.row_pages) else (raw.row_pages[0] if raw.row_pages else 1)
            label = next((clean_cell(c) for c in row if c and not re.search(r"\d", clean_cell(c))), "")
            for cell in row:
                text = clean_cell(cell)
                if len(text) < 20 or not re.search(r"\d", text) or not re.search(r"[\u4e00-\u9fff]{4}", text) \
                        or (page, text[:16]) in seen or any(text[:16] in para for pg, _, para in paras if pg == page):
                    continue
                seen.add((page, text[:16]))
                title = titles.get(id(raw), raw.title)
                out.append((page, f"{title}：{label}" if label and label != text else title, text))
    return out


def _paragraphs(lines: list[str]) -> list[str]:
    """Lines → paragraphs: a heading stands alone; lines that break mid-sentence are joined."""
    out: list[str] = []
    buf: list[str] = []
    for ln in lines:
        s = ln.strip()
        if not s:
            if buf:
                out.append("\n".join(buf))
                buf = []
            continue
        if is_heading(s) and buf:
            out.append("\n".join(buf))
            buf = []
        buf.append(s)
        if is_heading(s) or s.endswith(("。", "：", ":")) and len(s) < 20:
            out.append("\n".join(buf))
            buf = []
    if buf:
        out.append("\n".join(buf))
    return out


def find_title_unit(lines: list[str]) -> tuple[str, str]:
    """From the lines just above a table: its title (a line naming a 表) and its unit."""
    from ingest.tables import UNIT_RE
    title, unit = "", ""
    for ln in reversed(lines[-8:]):
        s = ln.strip()
        m = UNIT_RE.search(s)
        if m and not unit:
            unit = m.group(1)
        if not title and re.search(r"表(?:（[^）]*）|\([^)]*\))?\s*$|表\s*(?:（[^）]*）)?\s*(?:单位|金额单位)", s) \
                and len(s) < 80 and not re.fullmatch(r"(预算|部门|决算)?公开表\s*\d+", s):
            title = re.split(r"\s+(?:编制|单位|金额单位)", s)[0].strip()
    return title, unit


def empty_note(lines: list[str]) -> str:
    """The 空表说明 below a table ('注：本表无数据'), if any."""
    for ln in lines[:4]:
        if EMPTY_NOTE.search(ln):
            return ln.strip()
    return ""
