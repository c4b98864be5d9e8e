"""Pure steps from raw table rows to titled, unit-aware, code-aware TableFacts (Decimal)."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from ingest.model import TableFact, TableInfo

_AMOUNT = re.compile(r"^[-−]?\(?[-−]?\d{1,3}(?:[,，]\d{3})*(?:\.\d+)?\)?$|^[-−]?\d+(?:\.\d+)?$")
_CODE_SPLIT = re.compile(r"^(\d{3})(?:\s*(\d{2}))?(?:\s*(\d{2}))?$")
_EMPTY_MARKS = {"", "-", "—", "--", "－", "/", "——", "…"}
_ORDINAL_ROW = re.compile(r"^([一二三四五六七八九十]+、|\d+[.、．]|（[一二三四五六七八九十]+）|合计|总计|小计)")
EMPTY_NOTE = re.compile(r"本表无数据|本表为空|无数据|本(?:部门|单位)(?:\S{0,12})?无\S{0,30}(?:预算|决算|经费|收支|支出|收入)")
_CJK_GAP = re.compile(r"(?<=[\u4e00-\u9fff（）()])\s+(?=[\u4e00-\u9fff（）()])")
_CODE_LINE = re.compile(r"^(\d{3}(?:\s?\d{2}){0,2})(?:\s+(.*)|$)")
UNIT_RE = re.compile(r"单位[:：]\s*(亿元|万元|元)")


@dataclass
class RawTable:
    """Rows as extracted (cells str or None), with the page of each row and the text around it."""

    title: str
    unit: str
    rows: list[list[str | None]]
    row_pages: list[int]
    note: str = ""
    context: list[str] = field(default_factory=list)


def clean_cell(cell: str | None) -> str:
    """Join wrapped lines of a cell and trim it (wrapped cells contain '\\n')."""
    if cell is None:
        return ""
    s = re.sub(r"\s*\n\s*", "", str(cell)).strip()
    # wrapped or spaced CJK text ('政府性 基金预 算'): spaces between CJK characters are layout
    return _CJK_GAP.sub("", s)


def parse_amount(text: str | None) -> Decimal | None:
    """A printed amount as Decimal ('1,301.09' → 1301.09); blank, '-' or text → None."""
    if text is None:
        return None
    s = str(text).strip().replace(" ", "").replace("\u3000", "")
    if s in _EMPTY_MARKS or not _AMOUNT.match(s):
        return None
    neg = s.startswith(("-", "−")) or (s.startswith("(") and s.endswith(")"))
    s = s.strip("()-−").replace(",", "").replace("，", "")
    try:
        value = Decimal(s)
    except InvalidOperation:
        return None
    return -value if neg else value


def is_amount(text: str | None) -> bool:
    """True when the cell holds a printed number."""
    return parse_amount(text) is not None


def normalize_code(text: str | None) -> str:
    """科目编码 as digits ('201 06 08' → '2010608'); '' when the cell is not a code."""
    s = clean_cell(text).replace("\u3000", " ")
    m = _CODE_SPLIT.match(s)
    if not m:
        return ""
    return "".join(g for g in m.groups() if g)


def split_code_label(text: str) -> tuple[str, str]:
    """A cell like '2080501 行政单位离退休' or '201\\n06 08' → (code, label)."""
    s = (text or "").strip()
    if re.fullmatch(r"[\d,，.]+", s) and not normalize_code(s):
        return "", s  # an amount ('189,767,551'), not a code
    m = re.match(r"^(\d{3}(?:\s?\d{2}){0,2})(?=\s|[^\d\s,，.]|$)\s*(.*)$", s, re.S)
    if m and normalize_code(m.group(1)):
        return normalize_code(m.group(1)), clean_cell(m.group(2))
    # a code printed on the middle line of a wrapped subject name, alone or before a fragment
    # of the name ('机关事业单位职业年金\n2080506 缴费\n支出')
    lines = [ln.strip() for ln in s.split("\n")]
    for i, ln in enumerate(lines):
        m = _CODE_LINE.match(ln)
        code = normalize_code(m.group(1)) if m and len(lines) > 1 else ""
        if code:
            return code, clean_cell("\n".join(lines[:i] + [m.group(2) or ""] + lines[i + 1:]))
    return "", clean_cell(s)


def is_numbering_row(cells: list[str]) -> bool:
    """A header row that only numbers the columns ('1 2 3 4…' or '栏次')."""
    vals = [c for c in cells if c]
    if len(vals) < 2:
        return False
    if all(re.fullmatch(r"\d{1,2}", v) for v in vals):
        nums = [int(v) for v in vals]
        return nums == sorted(nums) and len(set(nums)) == len(nums) and nums[0] <= 2
    return vals[0] in {"栏次", "行次"}


def _is_data_row(cells: list[str]) -> bool:
    if is_numbering_row(cells):
        return False
    if any(is_amount(c) for c in cells[1:]) and not _looks_like_code(cells, _first_index(cells)):
        return True
    if any(is_amount(c) for c in cells[1:]) and len([c for c in cells if is_amount(c)]) > 1:
        return True
    first = _first_index(cells)
    if first is None:
        return False
    if _looks_like_code(cells, first):
        return True
    texts = [c for c in cells if c]
    # label-only data rows ('二、政府性基金预算', '合计' of an empty table); a header row of
    # column names ('合计 一般公共预算 …') has other words beside them
    return all(_ORDINAL_ROW.match(c) for c in texts) and first <= 1


def _first_index(cells: list[str]) -> int | None:
    return next((j for j, c in enumerate(cells) if c), None)


def _looks_like_code(cells: list[str], j: int | None) -> bool:
    """A 科目编码 cell: the row's first cell, 3/5/7 digits (maybe printed '201 06 08')."""
    if j is None or j > 1:
        return False
    c = cells[j]
    return bool(normalize_code(c)) and "." not in c and "," not in c


def split_header(rows: list[list[str | None]]) -> tuple[list[list[str | None]], int]:
    """Leading header rows and the index where data starts (numbering rows count as header)."""
    for i, row in enumerate(rows):
        cells = [clean_cell(c) for c in row]
        if _is_data_row(cells):
            return rows[:i], i
        # a row label alone in an otherwise empty row (an empty table's rows) is data
        if i > 0 and len(cells) > 2 and cells[0] and not any(cells[1:]):
            return rows[:i], i
    return rows, len(rows)


def column_paths(header: list[list[str | None]], ncols: int) -> list[str]:
    """Per column the header path outer→inner ('本年收入/一般公共预算'), merged cells spread."""
    rows = [[clean_cell(c) for c in list(row) + [None] * (ncols - len(row))][:ncols] for row in header]
    rows = [r for r in rows if not is_numbering_row(r)]
    grid: list[list[str]] = []
    for r, cells in enumerate(rows):
        filled: list[str] = []
        for j, c in enumerate(cells):
            # a column span: the merged text sits in its left-most column; it spreads right only
            # under one parent (a row span from above leaves the cell empty too)
            if not c and j > 0 and r < len(rows) - 1 and (r == 0 or grid[r - 1][j] == grid[r - 1][j - 1]):
                c = filled[j - 1]
            filled.append(c)
        grid.append(filled)
    paths = []
    for j in range(ncols):
        parts: list[str] = []
        for row in grid:
            c = row[j]
            if c and c not in parts:
                parts.append(c)
        paths.append("/".join(parts))
    return paths


def table_facts(raw: RawTable, doc_id: str, table_no: int) -> tuple[TableInfo, list[TableFact]]:
    """One raw table → its TableInfo and one TableFact per numeric cell."""
    ncols = max((len(r) for r in raw.rows), default=0)
    header, start = split_header(raw.rows)
    paths = column_paths(header, ncols)
    facts: list[TableFact] = []
    labels: list[str] = []
    code_cols = {j for j, p in enumerate(paths) if "编码" in p}
    pages = sorted(set(raw.row_pages)) or [0]
    for r in range(start, len(raw.rows)):
        row = list(raw.rows[r]) + [None] * (ncols - len(raw.rows[r]))
        page = raw.row_pages[r] if r < len(raw.row_pages) else pages[0]
        seg_code, seg_labels = "", []
        cleaned = [clean_cell(c) for c in row]
        first = _first_index(cleaned)
        gap = False  # an empty cell after a label: the next label starts a new segment
        for j, cell in enumerate(row):
            text = "" if cell is None else str(cell)
            c = cleaned[j]
            code_col = (j == first and _looks_like_code(cleaned, j)) or j in code_cols
            if seg_code and len(seg_code) in (3, 5) and not seg_labels and re.fullmatch(r"\d{2}", c):
                seg_code += c  # 类 / 款 / 项 printed in separate columns ('204' '06' '01')
                continue
            value = None if code_col else parse_amount(c)
            if value is None:
                if not c:
                    gap = gap or bool(seg_labels)
                    continue
                if c in ("类", "款", "项"):
                    continue
                code, label = split_code_label(text)
                if gap:
                    seg_code, seg_labels, gap = "", [], False
                if code and not seg_code and not label:
                    seg_code = code
                elif code and not seg_code:
                    seg_code, seg_labels = code, seg_labels + [label]
                    _add_label(labels, seg_labels)
                elif label and not (re.fullmatch(r"\d{1,2}", label) and not seg_labels):
                    seg_labels.append(label)
                    _add_label(labels, seg_labels)
                continue
            gap = False
            if not seg_labels and not seg_code:
                # a number with no label in its row segment: inherit the segment on its left
                seg_labels = _left_labels(facts, r)
            column = paths[j] if j < len(paths) else f"第{j + 1}列"
            row_label = seg_labels[0] if seg_labels else seg_code
            facts.append(TableFact(
                fact_id=f"{doc_id}:p{page}:t{table_no}:r{r}:c{j}", doc_id=doc_id, page=page,
                table_no=table_no, table_title=raw.title, unit=raw.unit, row_label=row_label,
                subject_code=seg_code, column=column, value=value, row_no=r,
                raw=clean_cell(text)))
            # the next number in the row belongs to the same segment until new text appears, or a
            # code column: two-column 经济分类 tables start their right half with a code ('302')
            nxt = cleaned[j + 1] if j + 1 < ncols else ""
            if nxt and (not is_amount(nxt) or j + 1 in code_cols):
                seg_code, seg_labels = "", []
    data_rows = len(raw.rows) - start
    empty = not facts
    info = TableInfo(
        table_id=f"{doc_id}:t{table_no}", doc_id=doc_id, table_no=table_no, title=raw.title,
        unit=raw.unit, pages=tuple(pages), columns=tuple(paths), rows=data_rows, empty=empty,
        note=raw.note, labels=tuple(labels))
    return info, facts


def _add_label(labels: list[str], seg_labels: list[str]) -> None:
    """Record a row segment's label once, when its first label appears."""
    if len(seg_labels) == 1 and seg_labels[0] and seg_labels[0] not in labels:
        labels.append(seg_labels[0])


def _left_labels(facts: list[TableFact], row_no: int) -> list[str]:
    same = [f for f in facts if f.row_no == row_no]
    return [same[-1].row_label] if same else []


def merge_continuations(tables: list[RawTable]) -> list[RawTable]:
    """Join a table that continues on the next page (no title of its own) to the one before."""
    merged: list[RawTable] = []
    for t in tables:
        prev = merged[-1] if merged else None
        if prev is not None and not t.title and prev.row_pages and t.row_pages \
                and t.row_pages[0] == prev.row_pages[-1] + 1:
            rows, pages = t.rows, t.row_pages
            header, start = split_header(prev.rows)
            n = len(header)
            if n and [clean_cell(c) for c in rows[0]] == [clean_cell(c) for c in prev.rows[0]]:
                rows, pages = rows[n:], pages[n:]  # repeated header on the new page
            width = max(len(r) for r in prev.rows)
            # a lone row whose label cell spans the label columns: numbers stay right-aligned
            rows = [list(r[:1]) + [None] * (width - len(r)) + list(r[1:]) if 0 < len(r) < width else r
                    for r in rows]
            prev.rows.extend(rows)
            prev.row_pages.extend(pages)
            if t.note and not prev.note:
                prev.note = t.note
            continue
        merged.append(t)
    return merged
