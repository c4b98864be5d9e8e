"""Charts from cited table cells: spending by 功能分类 类, 基本/项目, 经济分类 类, and year over year; as SVG."""
from __future__ import annotations

import html
import re
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from assistant import calculator as calc
from assistant.answer import Answer, Calculation, Citation
from ingest.model import Document, TableFact

KINDS = {"function": "按功能分类（类）", "basic_project": "基本支出与项目支出",
         "economic": "按经济分类（类）", "yoy": "年度对比"}
_SPENDING = re.compile(r"支出(预算|决算)?总表|支出决算表")
_ECONOMIC = re.compile(r"经济(分类|科目)")
_TOTAL_ROW = re.compile(r"^(合计|总计|支出合计|本年支出合计|支出总计)$")
_ENUM = re.compile(r"^[一二三四五六七八九十]+[、.．]\s*")
# 部门预算支出经济分类 类 by name: some tables print names only (the 平鲁 text has no 科目编码)
ECONOMIC_CLASSES = {"工资福利支出": "301", "商品和服务支出": "302", "对个人和家庭的补助": "303",
                    "债务利息及费用支出": "307", "资本性支出(基本建设)": "309", "资本性支出": "310",
                    "对企业补助(基本建设)": "311", "对企业补助": "312", "对社会保障基金补助": "313",
                    "其他支出": "399"}
COLORS = ("#2563eb", "#f97316", "#10b981", "#a855f7", "#e11d48")


class ChartError(Exception):
    """A chart that cannot be drawn from the documents; the message says why and what to do."""


@dataclass(frozen=True, slots=True)
class Bar:
    """One category: its label and, per series, the cited cell and the value drawn."""

    label: str
    cells: tuple[TableFact | None, ...]
    values: tuple[Decimal | None, ...]


@dataclass(frozen=True, slots=True)
class Chart:
    """A bar chart whose every value is a table cell (converted only when years differ in unit)."""

    kind: str  # function | basic_project | economic | yoy
    title: str
    unit: str
    series: tuple[str, ...]
    bars: tuple[Bar, ...]
    total: Bar | None
    docs: tuple[Document, ...]
    note: str = ""


# -- picking tables and cells (pure) --------------------------------------------------------
def _clean(label: str) -> str:
    return _ENUM.sub("", re.sub(r"\s+", "", label or "")).replace("（", "(").replace("）", ")")


def _leaf(column: str) -> str:
    return column.rsplit("/", 1)[-1].strip()


def _name(doc: Document) -> str:
    return f"{doc.department}{doc.year or ''}年{doc.kind if doc.kind != '未知' else ''}"


def spending_table(facts: Sequence[TableFact]) -> int | None:
    """The table_no of the spending summary (…支出总表 / 支出决算表), not a 收支 table."""
    titles = {f.table_no: f.table_title for f in facts if f.value is not None}
    found = [n for n, t in titles.items() if _SPENDING.search(t) and "收" not in t]
    return min(found, key=lambda n: ("总表" not in titles[n], n), default=None)


def total_column(cells: Sequence[TableFact]) -> str | None:
    """The column holding each row's total: leaf 合计, else a leaf ending in 合计, else the only column."""
    cols = list(dict.fromkeys(f.column for f in cells))
    for ok in (lambda c: _leaf(c) == "合计", lambda c: _leaf(c).endswith("合计")):
        hit = next((c for c in cols if ok(c)), None)
        if hit:
            return hit
    return cols[0] if len(cols) == 1 else None


def _total_row(cells: Sequence[TableFact], column: str) -> TableFact | None:
    return next((f for f in cells if f.column == column and not f.subject_code
                 and _TOTAL_ROW.match(_clean(f.row_label))), None)


def _first_per_key(cells: Sequence[TableFact], key) -> list[TableFact]:
    # a 类 code appears once per table; a repeat is a mis-split 款 row (e.g. 津贴补贴 read as 301)
    seen, out = set(), []
    for f in cells:
        k = key(f)
        if k not in seen:
            seen.add(k)
            out.append(f)
    return out


def _single(label: str, f: TableFact) -> Bar:
    return Bar(label, (f,), (f.value,))


def _sum_note(bars: Sequence[Bar], total: Bar | None, what: str) -> str:
    if total is None or total.values[0] is None:
        return ""
    s = sum((b.values[0] for b in bars if b.values[0] is not None), Decimal(0))
    if s == total.values[0]:
        return ""
    return f"注意：{what}之和 {s} 与表中合计 {total.values[0]} 相差 {s - total.values[0]}，以表中数字为准。"


def _spending_cells(doc: Document, facts: Sequence[TableFact]) -> tuple[list[TableFact], str]:
    t = spending_table(facts)
    if t is None:
        raise ChartError(f"《{doc.source}》里没有找到支出总表（…支出总表 或 支出决算表），画不出支出结构。")
    cells = [f for f in facts if f.table_no == t and f.value is not None]
    col = total_column(cells)
    if col is None:
        raise ChartError(f"《{doc.source}》的《{cells[0].table_title}》没有“合计”列，画不出支出结构。")
    return cells, col


def by_function(doc: Document, facts: Sequence[TableFact]) -> Chart:
    """Spending by 功能分类 类: the 3-digit-code rows of the spending summary, column 合计."""
    cells, col = _spending_cells(doc, facts)
    classes = _first_per_key([f for f in cells if f.column == col and len(f.subject_code) == 3],
                             lambda f: f.subject_code)
    if not classes:
        raise ChartError(f"《{doc.source}》的《{cells[0].table_title}》没有功能分类“类”级科目（三位编码）。")
    classes.sort(key=lambda f: -f.value)
    bars = tuple(_single(_clean(f.row_label), f) for f in classes)
    row = _total_row(cells, col)
    total = _single("合计", row) if row else None
    return Chart("function", f"{_name(doc)}支出结构（按功能分类 类）", classes[0].unit, ("金额",), bars, total,
                 (doc,), _sum_note(bars, total, "各类"))


def by_basic_project(doc: Document, facts: Sequence[TableFact]) -> Chart:
    """基本支出 vs 项目支出: the spending summary's 合计 row, columns 基本支出 and 项目支出."""
    cells, col = _spending_cells(doc, facts)
    row = _total_row(cells, col)
    if row is None:
        raise ChartError(f"《{doc.source}》的《{cells[0].table_title}》没有合计行，画不出基本支出与项目支出。")
    same_row = [f for f in cells if f.row_no == row.row_no and f.page == row.page]
    parts = [next((f for f in same_row if _leaf(f.column) == leaf), None) for leaf in ("基本支出", "项目支出")]
    if any(p is None for p in parts):
        raise ChartError(f"《{doc.source}》的《{row.table_title}》合计行没有“基本支出”和“项目支出”两列。")
    bars = tuple(_single(_leaf(p.column), p) for p in parts)
    total = _single("合计", row)
    return Chart("basic_project", f"{_name(doc)}基本支出与项目支出", row.unit, ("金额",), bars, total, (doc,),
                 _sum_note(bars, total, "基本支出与项目支出"))


def _econ_key(f: TableFact) -> str | None:
    if len(f.subject_code) == 3:
        return f.subject_code
    return ECONOMIC_CLASSES.get(_clean(f.row_label)) if not f.subject_code else None


def by_economic(doc: Document, facts: Sequence[TableFact]) -> Chart:
    """Spending by 经济分类 类: the economic table's 3-digit-code rows (or 类 names), column 合计."""
    # by title (…经济分类…表 / …经济科目表), else any table whose 类 codes are 3xx (功能分类 类 codes are 2xx)
    tables = sorted({f.table_no for f in facts if f.value is not None and (
        _ECONOMIC.search(f.table_title) or (len(f.subject_code) == 3 and f.subject_code.startswith("3")))})
    for t in tables:
        cells = [f for f in facts if f.table_no == t and f.value is not None]
        col = total_column(cells)
        if col is None:
            continue
        classes = _first_per_key([f for f in cells if f.column == col and _econ_key(f)], _econ_key)
        if not classes:
            continue
        classes.sort(key=lambda f: -f.value)
        bars = tuple(_single(_clean(f.row_label), f) for f in classes)
        row = _total_row(cells, col)
        total = _single("合计", row) if row else None
        note = _sum_note(bars, total, "各类") or ("" if total else "表中没有合计行：占比以各类之和为分母。")
        return Chart("economic", f"{_name(doc)}基本支出结构（按经济分类 类）", classes[0].unit, ("金额",), bars,
                     total, (doc,), note)
    raise ChartError(f"《{doc.source}》里没有找到带“类”级科目的经济分类表，画不出经济分类结构。")


def year_over_year(docs: Sequence[tuple[Document, Sequence[TableFact]]]) -> Chart:
    """One body's spending across years: 合计, 基本支出, 项目支出 and each 功能分类 类, one series per year."""
    docs = sorted(docs, key=lambda d: d[0].year or 0)
    bodies = {d.department for d, _ in docs}
    years = [d.year for d, _ in docs]
    if len(bodies) != 1 or len(set(years)) != len(years) or len(docs) < 2:
        raise ChartError("年度对比需要同一单位两个或更多不同年度的文档。")
    per_year = []
    for d, facts in docs:
        func = by_function(d, facts)
        try:
            bp = by_basic_project(d, facts)
            rows = {"合计": bp.total.cells[0], "基本支出": bp.bars[0].cells[0], "项目支出": bp.bars[1].cells[0]}
        except ChartError:
            rows = {"合计": func.total.cells[0]} if func.total else {}
        for b in func.bars:
            rows[b.cells[0].subject_code] = b.cells[0]
        per_year.append(rows)
    units = {f.unit for rows in per_year for f in rows.values()}
    unit = next(iter(units)) if len(units) == 1 else "万元"
    latest = per_year[-1]
    keys = [k for k in ("合计", "基本支出", "项目支出") if any(k in r for r in per_year)]
    codes = list(dict.fromkeys(k for r in per_year for k in r if k not in keys))
    codes.sort(key=lambda k: -(latest[k].value if k in latest else Decimal(-1)))
    bars = []
    for k in keys + codes:
        cells = tuple(r.get(k) for r in per_year)
        label = k if k in keys else _clean(next(c for c in reversed(cells) if c).row_label)
        values = tuple(None if c is None else calc.convert(c.value, c.unit, unit) for c in cells)
        bars.append(Bar(label, cells, values))
    note = f"各年度单位不同，已统一换算为{unit}。" if len(units) > 1 else ""
    body = docs[0][0].department
    return Chart("yoy", f"{body}支出年度对比（{years[0]}–{years[-1]}年）", unit,
                 tuple(f"{y}年" for y in years), tuple(bars), None, tuple(d for d, _ in docs), note)


def build(kind: str, docs: Sequence[tuple[Document, Sequence[TableFact]]]) -> Chart:
    """The chart of a kind for the documents in scope: one document, or one body's years for 'yoy'."""
    if kind not in KINDS:
        raise ChartError(f"不认识的图表类型 {kind}；可选：{'、'.join(KINDS)}")
    if not docs:
        raise ChartError("还没有载入文档：请先在“文档库”里导入预算 PDF。")
    bodies: dict[str, list] = {}
    for d, facts in docs:
        bodies.setdefault(d.department, []).append((d, facts))
    if kind == "yoy":
        multi = {b: ds for b, ds in bodies.items() if len({d.year for d, _ in ds}) >= 2}
        if len(multi) != 1:
            have = "、".join(_name(d) for d, _ in docs)
            why = "范围内有多个单位都有多年文档，请指明单位" if multi else "年度对比需要同一单位至少两个年度的文档"
            raise ChartError(f"{why}。已载入：{have}。")
        return year_over_year(next(iter(multi.values())))
    if len(bodies) > 1:
        raise ChartError("范围内有多个单位的文档，请在问题里写明单位，或在“文档范围”里选一份："
                         + "、".join(_name(d) for d, _ in docs) + "。")
    doc, facts = max(next(iter(bodies.values())), key=lambda x: x[0].year or 0)  # latest year of the body
    return {"function": by_function, "basic_project": by_basic_project, "economic": by_economic}[kind](doc, facts)


# -- the chart as an answer (text with citations) --------------------------------------------
def cite(doc: Document, f: TableFact) -> Citation:
    """The citation of a charted cell (same shape as the engine's)."""
    return Citation(doc.doc_id, doc.source, f.page, f.table_title, f.row_label, f.column,
                    f"{f.raw or f.value}{f.unit}")


def money(v: Decimal | None) -> str:
    """A table value with thousands separators, digits unchanged."""
    return "—" if v is None else f"{v:,}"


def shares(chart: Chart) -> list[Calculation]:
    """Each bar's share of the table's 合计 (or, with no 合计 row, of the bars' sum), with formula."""
    doc = chart.docs[0]
    if chart.total is not None:
        whole = calc.Operand(chart.total.values[0], chart.unit, cite(doc, chart.total.cells[0]), "合计")
    else:
        s = sum((b.values[0] for b in chart.bars if b.values[0] is not None), Decimal(0))
        whole = calc.Operand(s, chart.unit, None, "各类之和")
    if not whole.value:
        return []
    return [calc.share(calc.Operand(b.values[0], chart.unit, cite(doc, b.cells[0]), b.label), whole)
            for b in chart.bars]


def chart_answer(chart: Chart) -> Answer:
    """The chat reply for a chart: total first, one line per bar, formulas, every cell cited."""
    if chart.kind == "yoy":
        return _yoy_answer(chart)
    doc = chart.docs[0]
    calcs = shares(chart)
    lines = []
    total = chart.total.values[0] if chart.total else None
    where = f"《{doc.source}》第{chart.bars[0].cells[0].page}页《{chart.bars[0].cells[0].table_title}》"
    head = f"{chart.title}，数据取自{where}"
    lines.append(head + (f"，合计 {money(total)}{chart.unit}：" if total is not None else "："))
    for b, c in zip(chart.bars, calcs or [None] * len(chart.bars)):
        share = f"，占 {c.result}%" if c else ""
        lines.append(f"- {b.label}：{money(b.values[0])}{chart.unit}{share}")
    tail = [f"占比 = 该项 ÷ {'合计' if chart.total else '各类之和'} × 100%（算式见下方“计算”）。"] if calcs else []
    lines.append("\n" + "\n".join(tail + ([chart.note] if chart.note else [])))
    cells = ([chart.total.cells[0]] if chart.total else []) + [b.cells[0] for b in chart.bars]
    value = total if total is not None else None
    return Answer("\n".join(lines), value, chart.unit if value is not None else None,
                  [cite(doc, f) for f in cells], calcs[0] if calcs else None, kind="chart")


def _yoy_answer(chart: Chart) -> Answer:
    first, last = chart.series[0], chart.series[-1]
    lines = [f"{chart.title}（单位：{chart.unit}，{first} → {last}）："]
    main = None
    for b in chart.bars:
        old, new = b.values[0], b.values[-1]
        change = ""
        if old is not None and new is not None and old != 0:
            c = calc.pct_change(calc.Operand(new, chart.unit, _cite_cell(chart, b, -1), f"{last}{b.label}"),
                                calc.Operand(old, chart.unit, _cite_cell(chart, b, 0), f"{first}{b.label}"))
            change = "，持平" if c.result == 0 else f"，{'增长' if c.result > 0 else '下降'} {abs(c.result)}%"
            main = main or c
        lines.append(f"- {b.label}：{money(old)} → {money(new)}{change}")
    lines.append("\n增长率 = (本年 − 上年) ÷ 上年 × 100%" + ("（算式见下方“计算”）。" if main else "。")
                 + (f"\n{chart.note}" if chart.note else ""))
    cits = [_cite_cell(chart, b, i) for b in chart.bars for i in range(len(chart.series))]
    total = chart.bars[0].values[-1] if chart.bars and chart.bars[0].label == "合计" else None
    return Answer("\n".join(lines), total, chart.unit if total is not None else None,
                  [c for c in cits if c is not None], main, kind="chart")


def _cite_cell(chart: Chart, bar: Bar, i: int) -> Citation | None:
    f = bar.cells[i]
    return None if f is None else cite(chart.docs[i], f)


# -- the chart as SVG (no script, no outside resource) ----------------------------------------
def _trim(label: str, n: int = 9) -> str:
    return label if len(label) <= n else label[: n - 1] + "…"


def _text_w(text: str, size: float = 12) -> float:
    """Rough rendered width: CJK and full-width characters are one em, the rest about 0.6 em."""
    return sum(size if ord(ch) >= 0x2E80 else size * 0.6 for ch in text)


def _fit(text: str, size: float, width: int) -> float:
    """A font size at which a line fits the chart's width."""
    return round(min(size, size * width / max(_text_w(text, size), 1)), 1)


def to_svg(chart: Chart, width: int = 520) -> str:
    """A horizontal bar chart: label, bar, exact value (and share) per category; hover shows the source."""
    e = html.escape
    n = len(chart.series)
    bar_h = 18 if n == 1 else 13
    group_h = bar_h * n + 10
    calcs = shares(chart) if n == 1 else []
    texts = [[money(v) + (f"（{calcs[bi].result}%）" if calcs else "") for v in b.values]
             for bi, b in enumerate(chart.bars)]
    left = 12 + max((_text_w(_trim(b.label)) for b in chart.bars), default=0)
    plot_w = width - left - 8 - max((_text_w(t) for ts in texts for t in ts), default=0)
    top = 44 + (18 if n > 1 else 0)
    vals = [v for b in chart.bars for v in b.values if v is not None]
    vmax = max([v for v in vals if v > 0], default=Decimal(1))
    foot = _sources(chart) + ([chart.note] if chart.note else [])
    height = top + group_h * len(chart.bars) + 14 + 16 * len(foot)
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" class="budget-chart" data-kind="{chart.kind}" '
           f'viewBox="0 0 {width} {height}" width="100%" role="img" aria-label="{e(chart.title)}" '
           f'style="max-width:{width}px;font-family:system-ui,sans-serif;font-size:12px">',
           f'<text x="0" y="18" font-size="{_fit(chart.title, 15, width)}" font-weight="600" '
           f'fill="currentColor">{e(chart.title)}</text>',
           f'<text x="0" y="36" fill="currentColor" opacity="0.7">单位：{e(chart.unit)}</text>']
    if n > 1:
        x = left
        for i, s in enumerate(chart.series):
            out.append(f'<rect x="{x:.1f}" y="44" width="12" height="12" fill="{COLORS[i % len(COLORS)]}"/>'
                       f'<text x="{x + 16:.1f}" y="54" fill="currentColor">{e(s)}</text>')
            x += 24 + _text_w(s)
    y = top
    for bi, b in enumerate(chart.bars):
        out.append(f'<g class="bar-group"><text x="{left - 8:.1f}" y="{y + group_h / 2 + 1:.1f}" '
                   f'text-anchor="end" dominant-baseline="middle" fill="currentColor"><title>{e(b.label)}</title>'
                   f'{e(_trim(b.label))}</text>')
        for i, (v, f) in enumerate(zip(b.values, b.cells)):
            by = y + 5 + i * bar_h
            w = 0 if v is None or v <= 0 else max(1.0, float(v / vmax) * plot_w)
            tip = f"{b.label} {chart.series[i]}：{money(v)}{chart.unit}"
            if f is not None:
                tip += f" — 《{chart.docs[i].source}》第{f.page}页《{f.table_title}》{f.row_label} · {f.column}"
            out.append(f'<rect class="bar" x="{left:.1f}" y="{by}" width="{w:.1f}" height="{bar_h - 3}" rx="2" '
                       f'fill="{COLORS[i % len(COLORS)]}" data-label="{e(b.label)}" data-series="{e(chart.series[i])}" '
                       f'data-value="{"" if v is None else v}" data-page="{"" if f is None else f.page}">'
                       f'<title>{e(tip)}</title></rect>'
                       f'<text x="{left + w + 6:.1f}" y="{by + bar_h / 2:.1f}" dominant-baseline="middle" '
                       f'fill="currentColor">{e(texts[bi][i])}</text>')
        out.append("</g>")
        y += group_h
    y += 14
    for line in foot:
        out.append(f'<text x="0" y="{y}" font-size="{_fit(line, 11, width)}" fill="currentColor" '
                   f'opacity="0.7">{e(line)}</text>')
        y += 16
    out.append("</svg>")
    return "".join(out)


def _sources(chart: Chart) -> list[str]:
    out = []
    for i, d in enumerate(chart.docs):
        pages = sorted({b.cells[i].page for b in chart.bars if b.cells[i] is not None}
                       | ({chart.total.cells[0].page} if chart.total and i == 0 else set()))
        title = next((b.cells[i].table_title for b in chart.bars if b.cells[i] is not None), "")
        out.append(f"来源：《{d.source}》第{'、'.join(map(str, pages))}页《{title}》")
    return out
