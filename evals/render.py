"""Budget documents rendered to PDFs with a real text layer (reportlab, STSong-Light): test fixtures."""
from __future__ import annotations

import argparse
import re
from dataclasses import dataclass, field
from pathlib import Path
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_LEFT, TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.pagesizes import landscape as _landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.platypus import PageBreak, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

FONT = "STSong-Light"  # a built-in CID font: extracts correctly and needs no font package
MARGIN = 36.0
_NUMBER = re.compile(r"^[-−]?[\d,，]+(?:\.\d+)?%?$")
pdfmetrics.registerFont(UnicodeCIDFont(FONT))


@dataclass
class TableSpec:
    """A ruled table with its title, unit and note; None header cells are merged into a neighbour."""

    title: str
    unit: str
    header_rows: list[list[str | None]]
    rows: list[list[str]]
    note: str = ""
    repeat_header: bool = True
    col_widths: list[float] | None = None
    lines_above: list[str] = field(default_factory=list)  # between title and unit ('部门名称：…')
    lines_below: list[str] = field(default_factory=list)  # after the note ('预算公开表10')


@dataclass
class PageSpec:
    """One page as written: text lines first, then tables (a long table runs on to the next page)."""

    lines: list[str] = field(default_factory=list)
    tables: list[TableSpec] = field(default_factory=list)


def _style(name: str, size: float, align=TA_LEFT) -> ParagraphStyle:
    # CJK wrapping lets closing punctuation hang past the right edge: keep one character spare so
    # a '。' stays inside its table cell
    return ParagraphStyle(name, fontName=FONT, fontSize=size, leading=size * 1.3, alignment=align,
                          wordWrap="CJK", rightIndent=size)


def _para(text: str, size: float, align=TA_LEFT) -> Paragraph:
    return Paragraph(escape(text), _style(f"s{size}{align}", size, align))


def _spans(header: list[list[str | None]], ncols: int) -> tuple[list[list[str]], list[tuple]]:
    """Header cells as text plus SPAN commands: None continues the cell on its left, else above."""
    grid = [[c for c in list(r) + [""] * (ncols - len(r))][:ncols] for r in header]
    owner: dict[tuple[int, int], tuple[int, int]] = {}
    horizontal: set[tuple[int, int]] = set()
    for r, row in enumerate(grid):
        for j, c in enumerate(row):
            if c is not None:
                continue
            if j > 0 and (row[j - 1] is not None or (r, j - 1) in horizontal):
                owner[(r, j)] = owner.get((r, j - 1), (r, j - 1))
                horizontal.add((r, j))
            elif r > 0:
                owner[(r, j)] = owner.get((r - 1, j), (r - 1, j))
    extent: dict[tuple[int, int], list[int]] = {}
    for (r, j), (r0, j0) in owner.items():
        e = extent.setdefault((r0, j0), [r0, j0])
        e[0], e[1] = max(e[0], r), max(e[1], j)
    cmds = [("SPAN", (j0, r0), (j1, r1)) for (r0, j0), (r1, j1) in extent.items()]
    text = [["" if c is None else c for c in row] for row in grid]
    return text, cmds


def _widths(cells: list[list[str]], ncols: int, size: float, total: float) -> list[float]:
    """Column widths from content: numbers keep their width, text columns share the rest."""
    # empty columns (ragged rows of a form) stay narrow so the text columns get the room
    natural = [24.0 if any(r[j] for r in cells if j < len(r)) else 8.0 for j in range(ncols)]
    for row in cells:
        for j, c in enumerate(row[:ncols]):
            w = max((pdfmetrics.stringWidth(part, FONT, size) for part in c.split("\n")), default=0)
            natural[j] = max(natural[j], min(w + 8, total * 0.6))
    if sum(natural) <= total:
        return [w * total / sum(natural) for w in natural]
    fixed = [j for j in range(ncols) if all(_NUMBER.match(r[j] or "0") for r in cells if j < len(r))]
    rest = total - sum(natural[j] for j in fixed)
    flex = sum(natural[j] for j in range(ncols) if j not in fixed) or 1
    if rest < total * 0.3:
        return [w * total / sum(natural) for w in natural]
    return [natural[j] if j in fixed else natural[j] * rest / flex for j in range(ncols)]


def table_flowable(spec: TableSpec, width: float, size: float = 9.0) -> Table:
    """A reportlab Table: grid lines, merged header cells, long text wrapped inside its cell."""
    ncols = max((len(r) for r in spec.header_rows + spec.rows), default=1)
    head, span_cmds = _spans(spec.header_rows, ncols)
    body = [[("" if c is None else str(c)) for c in list(r) + [""] * (ncols - len(r))][:ncols] for r in spec.rows]
    cells = head + body
    if spec.col_widths:
        f = width / sum(spec.col_widths) if sum(spec.col_widths) <= 1.01 else 1.0
        widths = [w * f for w in spec.col_widths]
    else:
        widths = _widths(cells, ncols, size, width)
    span_w = {(r0, j0): sum(widths[j0:j1 + 1]) for _, (j0, r0), (j1, r1) in span_cmds}
    data = []
    for r, row in enumerate(cells):
        out = []
        for j, c in enumerate(row):
            fits = pdfmetrics.stringWidth(c, FONT, size) <= span_w.get((r, j), widths[j]) - 6
            if c and not fits and "\n" not in c:
                out.append(_para(c, size, TA_RIGHT if _NUMBER.match(c) else TA_LEFT))
            else:
                out.append(c)
        data.append(out)
    style = [("FONT", (0, 0), (-1, -1), FONT, size), ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
             ("VALIGN", (0, 0), (-1, -1), "MIDDLE"), ("TOPPADDING", (0, 0), (-1, -1), 2),
             ("BOTTOMPADDING", (0, 0), (-1, -1), 2), ("LEFTPADDING", (0, 0), (-1, -1), 3),
             ("RIGHTPADDING", (0, 0), (-1, -1), 3)]
    if head:
        style.append(("ALIGN", (0, 0), (-1, len(head) - 1), "CENTER"))
    for r, row in enumerate(body, start=len(head)):
        for j, c in enumerate(row):
            if c and _NUMBER.match(c):
                style.append(("ALIGN", (j, r), (j, r), "RIGHT"))
    t = Table(data, colWidths=widths, repeatRows=len(head) if spec.repeat_header else 0)
    t.setStyle(TableStyle(style + span_cmds))
    return t


def _line(text: str, size: float, kind: str = "text") -> Paragraph:
    if kind == "title":
        return _para(text, size + 5, TA_CENTER)
    if kind == "unit":
        return _para(text, size, TA_RIGHT)
    return _para(text, size + 1)


def _table_items(spec: TableSpec) -> list[tuple[str, object]]:
    items: list[tuple[str, object]] = []
    if spec.title:
        items.append(("title", spec.title))
    items += [("text", ln) for ln in spec.lines_above]
    if spec.unit:
        items.append(("unit", spec.unit if spec.unit.startswith("单位") else f"单位：{spec.unit}"))
    items.append(("table", spec))
    if spec.note:
        items.append(("text", spec.note))
    items += [("text", ln) for ln in spec.lines_below]
    return items


def _flowables(items: list[tuple[str, object]], width: float, size: float) -> list:
    out: list = []
    for kind, x in items:
        if kind == "table":
            out += [Spacer(1, 2), table_flowable(x, width, size), Spacer(1, 4)]
        elif kind == "gap":
            out.append(Spacer(1, float(x)))
        else:
            out.append(_line(str(x), size, kind))
    return out


def _height(flows: list, width: float, height: float) -> float:
    return sum(f.wrap(width, height)[1] + f.getSpaceBefore() + f.getSpaceAfter() for f in flows)


def _doc(path: Path, landscape: bool) -> SimpleDocTemplate:
    size = _landscape(A4) if landscape else A4
    return SimpleDocTemplate(str(path), pagesize=size, leftMargin=MARGIN, rightMargin=MARGIN,
                             topMargin=MARGIN, bottomMargin=MARGIN, title=Path(path).stem,
                             invariant=True)  # byte-identical reruns: committed fixtures do not churn


def render_items(path: str | Path, pages: list[list[tuple[str, object]]], landscape: bool = False,
                 fit: bool = False) -> None:
    """Pages of ordered items (text/title/unit/gap/table) → PDF; fit=True shrinks each page to one sheet."""
    doc = _doc(Path(path), landscape)
    story: list = []
    for i, items in enumerate(pages):
        size = 9.0
        flows = _flowables(items, doc.width, size)
        while fit and size > 4.5 and _height(flows, doc.width, doc.height) > doc.height - 12:
            size -= 0.5  # a page of the source must stay one page, or every later page number shifts
            flows = _flowables(items, doc.width, size)
        if fit and _height(flows, doc.width, doc.height) > doc.height - 12:
            raise ValueError(f"{path}: 第{i + 1}页的内容放不进一页")
        story += flows or [Spacer(1, 1)]
        if i < len(pages) - 1:
            story.append(PageBreak())
    doc.build(story)


def render_pdf(path: str | Path, pages: list[PageSpec], landscape: bool = False) -> None:
    """Render pages of lines and ruled tables to a PDF with a real (STSong-Light) text layer."""
    items = []
    for p in pages:
        page_items: list[tuple[str, object]] = [("text", ln) for ln in p.lines]
        for t in p.tables:
            page_items += _table_items(t)
        items.append(page_items)
    render_items(path, items, landscape=landscape)


def text_items(text: str) -> list[list[tuple[str, object]]]:
    """A text layer (tab tables, pages from its 目录) → items per page, tables split at page breaks."""
    from ingest.tables import split_header
    from ingest.text import line_pages, parse_toc, text_blocks

    lines = text.splitlines()
    pages_of = line_pages(lines)
    _, toc_end = parse_toc(lines)
    lines = [ln.replace("\t", "  ") if i <= toc_end else ln for i, ln in enumerate(lines)]
    out: list[list[tuple[str, object]]] = [[] for _ in range(max(pages_of, default=1))]
    for b in text_blocks(lines, pages_of):
        if b.kind == "para":
            for ln, p in zip(b.lines, b.pages):
                out[p - 1].append(("text", ln.strip()))
            continue
        rows = [ln.split("\t") for ln in b.lines]
        _, nhead = split_header(rows)
        for page in sorted(set(b.pages)):
            idx = [k for k, p in enumerate(b.pages) if p == page]
            part = [rows[k] for k in idx]
            head = [r for k, r in zip(idx, part) if k < nhead]
            body = [r for k, r in zip(idx, part) if k >= nhead]
            out[page - 1].append(("table", TableSpec("", "", _merge_blanks(head), body)))
    return out


def _merge_blanks(header: list[list[str]]) -> list[list[str | None]]:
    """Blank header cells as merged cells, the way ingest.tables.column_paths reads them back."""
    from ingest.tables import is_numbering_row

    ncols = max((len(r) for r in header), default=0)
    grid: list[list[str | None]] = [list(r) + [""] * (ncols - len(r)) for r in header]
    real = [r for r in range(len(grid)) if not is_numbering_row([c or "" for c in grid[r]])]
    last = real[-1] if real else -1
    for r in real:
        for j in range(1, ncols):
            if grid[r][j] or r == last:
                continue
            prev = real[real.index(r) - 1] if real.index(r) else None
            same_parent = prev is None or _text_at(grid, prev, j) == _text_at(grid, prev, j - 1)
            if same_parent and (grid[r][j - 1] or grid[r][j - 1] is None):
                grid[r][j] = None
    return grid


def _text_at(grid: list[list[str | None]], r: int, j: int) -> str:
    while j > 0 and grid[r][j] is None:
        j -= 1
    return grid[r][j] or ""


def render_text_file(src_txt: str | Path, out_pdf: str | Path) -> None:
    """The seed text rendered to a PDF whose pages and table cells match the text ingest's."""
    render_items(out_pdf, text_items(Path(src_txt).read_text(encoding="utf-8-sig")), fit=True)


def main(argv: list[str] | None = None) -> None:
    """`python -m evals.render --quirks DIR` or `python -m evals.render SRC.txt OUT.pdf`."""
    ap = argparse.ArgumentParser(prog="python -m evals.render", description=main.__doc__)
    ap.add_argument("--quirks", metavar="DIR", help="write one PDF per ingestion quirk into DIR")
    ap.add_argument("src", nargs="?")
    ap.add_argument("out", nargs="?")
    args = ap.parse_args(argv)
    if args.quirks:
        from evals.quirks import write_quirks
        for p in write_quirks(Path(args.quirks)):
            print(p)
    if args.src and args.out:
        render_text_file(args.src, args.out)
        print(args.out)


if __name__ == "__main__":
    main()
