"""Text files (a PDF's text layer, tables tab-separated) → pages of lines and raw tables."""
from __future__ import annotations

from ingest.document import PageContent, empty_note, find_title_unit
from ingest.tables import RawTable
from ingest.text import line_pages, parse_toc, text_blocks


def text_pages(text: str) -> list[PageContent]:
    """Pages of a text layer: narrative lines per page, tab tables titled from the lines above."""
    if "\f" in text:
        lines: list[str] = []
        pages_of: list[int] = []
        for no, page in enumerate(text.split("\f"), start=1):
            for ln in page.splitlines():
                lines.append(ln)
                pages_of.append(no)
    else:
        lines = text.splitlines()
        pages_of = line_pages(lines)
    _, toc_end = parse_toc(lines)
    lines = [ln.replace("\t", " ") if i <= toc_end else ln for i, ln in enumerate(lines)]
    last = max(pages_of, default=1)
    pages = [PageContent(p) for p in range(1, last + 1)]
    for ln, p in zip(lines, pages_of):
        pages[p - 1].text += ln + "\n"
    blocks = text_blocks(lines, pages_of)
    above: list[str] = []
    for i, b in enumerate(blocks):
        if b.kind == "para":
            for ln, p in zip(b.lines, b.pages):
                pages[p - 1].lines.append(ln)
            pages[b.pages[-1] - 1].lines.append("")
            above.extend(b.lines)
            continue
        title, unit = find_title_unit(above)
        below = blocks[i + 1].lines if i + 1 < len(blocks) and blocks[i + 1].kind == "para" else []
        rows = [ln.split("\t") for ln in b.lines]
        raw = RawTable(title=title, unit=unit, rows=rows, row_pages=list(b.pages),
                       note=empty_note(below))
        pages[b.pages[0] - 1].tables.append(raw)
        above = []
    return pages
