"""Consistency audit of one document: Finding, the table view, within- and across-table arithmetic."""
from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field, replace
from decimal import Decimal

from assistant.answer import Citation
from ingest.model import UNITS_IN_YUAN, TableFact, TableInfo

log = logging.getLogger(__name__)

TOL = Decimal("0.01")  # in the table's unit: a gap this small is a rounding 尾差 (a note), not an error
TOTAL_WORDS = ("合计", "小计")
# 经济分类的类名: in a table without 科目编码 these rows head the 款 rows below them
ECON_CLASSES = set("工资福利支出 商品和服务支出 对个人和家庭的补助 债务利息及费用支出 资本性支出 资本性支出（基本建设） "
                   "对企业补助 对企业补助（基本建设） 对社会保障基金补助 其他支出 机关工资福利支出 机关商品和服务支出 "
                   "机关资本性支出（一） 机关资本性支出（二） 对事业单位经常性补助 对事业单位资本性补助 对企业资本性支出".split())


@dataclass(frozen=True, slots=True)
class Finding:
    """One audit result: what disagrees, where, by how much, and the cells or sentences cited."""

    severity: str  # error | warning | note
    rule: str
    pages: tuple[int, ...]
    message: str
    values: dict[str, str] = field(default_factory=dict)
    expected: str = ""
    difference: str = ""
    citations: tuple[Citation, ...] = ()
    doc: str = ""  # the document's file name

    def to_dict(self) -> dict:
        """JSON-ready form: doc, pages, rule, severity, message, values, expected, difference."""
        return {"doc": self.doc, "pages": list(self.pages), "rule": self.rule, "severity": self.severity,
                "message": self.message, "values": dict(self.values), "expected": self.expected,
                "difference": self.difference}


# -- numbers ---------------------------------------------------------------------------------
def fmt(d: Decimal) -> str:
    """A Decimal as plain digits (never 1E+2)."""
    return f"{d:f}"


def convert(v: Decimal, unit: str, to: str) -> Decimal:
    """An amount from one money unit to another (元/万元/亿元); unknown units pass unchanged."""
    if unit == to or unit not in UNITS_IN_YUAN or to not in UNITS_IN_YUAN:
        return v
    return v * UNITS_IN_YUAN[unit] / UNITS_IN_YUAN[to]


def half_ulp(raw: str) -> Decimal:
    """Half a unit in the last printed place: '208.8' → 0.05, '686' → 0.5 (the rounding slack)."""
    s = raw.replace(",", "").strip()
    return Decimal(5) / (Decimal(10) ** ((len(s.split(".")[1]) if "." in s else 0) + 1))


def tol_of(*raws: str) -> Decimal:
    """0.01 — or 1 when every cell is printed in whole 元 (a bare '0' in a 2-decimal table does not count)."""
    return max(TOL, min([(2 * half_ulp(r)).normalize() for r in raws if r] or [TOL]))


def severity_of(diff: Decimal, tol: Decimal, slack: Decimal = Decimal(0)) -> str | None:
    """None when the gap is only rounding slack, 'note' within tolerance, else 'error'."""
    a = abs(diff)
    return None if a <= slack else "note" if a <= slack + tol else "error"


def verdict(sev: str, diff: Decimal, unit: str, tol: Decimal) -> str:
    """The closing clause of a message: the gap and what the tolerance makes of it."""
    tail = " 以内，属四舍五入尾差。" if sev == "note" else "。"
    return f"相差 {fmt(diff)}{unit}，{'在' if sev == 'note' else '超出'}容差 ±{fmt(tol)}{unit}{tail}"


# -- the table view --------------------------------------------------------------------------
@dataclass
class Row:
    """One table row: label, 科目编码, page and its numeric cells by column path."""

    no: int
    label: str
    code: str
    page: int
    cells: dict[str, TableFact] = field(default_factory=dict)

    def val(self, col: str) -> Decimal | None:
        """The cell's value, None when blank."""
        f = self.cells.get(col)
        return f.value if f else None

    def name(self) -> str:
        """'208 社会保障和就业支出' or just the label."""
        return f"{self.code} {self.label}" if self.code and self.code != self.label else self.label


@dataclass
class Table:
    """A table's info, rows in order and its money columns."""

    info: TableInfo
    rows: list[Row]
    money: list[str]  # columns holding numbers
    header: list[str] = field(default_factory=list)  # every non-label column, blank ones too

    def __post_init__(self):
        self.title, self.unit = self.info.title, self.info.unit or "元"

    def col(self, *lasts: str) -> str | None:
        """The first money column whose last header segment is one of `lasts`."""
        return next((c for c in self.money if c.split("/")[-1] in lasts), None)

    def total_row(self) -> Row | None:
        """The 合计/总计 row."""
        return next((r for r in self.rows if is_total(r)), None)


@dataclass
class Ctx:
    """What every rule needs: the document, its file name and its table view."""

    df: object
    tables: list[Table]
    doc: str = ""


def total_label(r: Row) -> bool:
    """A 合计 label (决算 tables lose it to the 类 header above, so a lone 类 counts too)."""
    return re.sub(r"\s", "", r.label) in ("合计", "总计", "类", "部门合计")


def is_total(r: Row) -> bool:
    """A usable 合计 row: a coded one is a misread (the total's leading digits taken for a code)."""
    return total_label(r) and not r.code


def build_tables(df) -> list[Table]:
    """Non-empty column tables (not 绩效 forms) with their rows and money columns."""
    by_table: dict[int, dict[int, Row]] = {}
    for f in df.facts:
        rows = by_table.setdefault(f.table_no, {})
        r = rows.setdefault(f.row_no, Row(f.row_no, f.row_label, f.subject_code, f.page))
        if f.value is not None:
            r.cells.setdefault(f.column, f)
    out = []
    for t in df.tables:
        if t.empty or "绩效目标" in t.title or t.columns == ("指标值",) or t.table_no not in by_table:
            continue
        rows = sorted(by_table[t.table_no].values(), key=lambda r: r.no)
        used = {c for r in rows for c in r.cells}
        header = [c for c in t.columns if not re.search(r"(^|/)(项目|类|款|项|序号)$|编码|名称|分类$", c)]
        out.append(Table(t, rows, [c for c in header if c in used], header))
    return out


def cite(ctx: Ctx, t: Table, r: Row, col: str) -> Citation:
    """The Citation of one cell."""
    f = r.cells[col]
    return Citation(ctx.df.document.doc_id, ctx.doc, f.page, t.title, r.name(), col, f.raw)


def key(t: Table, r: Row, col: str) -> str:
    """A readable key for a cell in Finding.values."""
    return f"《{t.title}》第{r.page}页 {r.name()}·{col.split('/')[-1]}"


def cell_values(t: Table, cells: list[tuple[Row, str]]) -> dict[str, str]:
    """Finding.values for cells of one table; a label that repeats (two 住房公积金 rows) gets #2, #3."""
    out: dict[str, str] = {}
    for r, c in cells:
        k, n = key(t, r, c), 2
        while k in out:
            k, n = f"{key(t, r, c)}#{n}", n + 1
        out[k] = fmt(r.val(c))
    return out


def sum_check(ctx: Ctx, rule: str, t: Table, target: Row, col: str, parts: list[Row], what: str) -> Finding | None:
    """target[col] against the sum of parts[col] in one table (blank parts count as 0)."""
    v, got = target.val(col), [r for r in parts if r.val(col) is not None]
    if v is None or not got:
        return None
    total = sum((r.val(col) for r in got), Decimal(0))
    tol = tol_of(target.cells[col].raw, *(r.cells[col].raw for r in got))
    if (sev := severity_of(v - total, tol)) is None:
        return None
    names = "、".join(f"{r.name()} {fmt(r.val(col))}" for r in got[:8]) + ("等" if len(got) > 8 else "")
    msg = (f"《{t.title}》第{target.page}页「{target.name()}」行「{col}」为 {fmt(v)}{t.unit}，"
           f"而{what}（{names}）之和为 {fmt(total)}{t.unit}，{verdict(sev, v - total, t.unit, tol)}")
    values = cell_values(t, [(r, col) for r in [target, *got]])
    return Finding(sev, rule, tuple(sorted({target.page, *(r.page for r in got)})), msg, values, fmt(total),
                   fmt(v - total), tuple(cite(ctx, t, r, col) for r in [target, *got]), ctx.doc)


def pair_check(ctx: Ctx, rule: str, a: tuple[Table, Row, str], b: tuple[Table, Row, str],
               tol: Decimal | None = None, slack: Decimal = Decimal(0)) -> Finding | None:
    """One cell against another (maybe another table or unit); b is the expected side."""
    (ta, ra, ca), (tb, rb, cb) = a, b
    va, vb = ra.val(ca), rb.val(cb)
    if va is None or vb is None:
        return None
    ua, ub = ra.cells[ca].unit or ta.unit, rb.cells[cb].unit or tb.unit
    expected, tol = convert(vb, ub, ua), tol or tol_of(ra.cells[ca].raw)
    if (sev := severity_of(va - expected, tol, slack)) is None:
        return None
    shown = f"{rb.cells[cb].raw}{ub}" + (f"（折合 {fmt(expected.normalize())}{ua}）" if ub != ua else "")
    msg = (f"《{ta.title}》第{ra.page}页「{ra.name()}」行「{ca}」为 {fmt(va)}{ua}，《{tb.title}》第{rb.page}页"
           f"「{rb.name()}」行「{cb}」为 {shown}，{verdict(sev, va - expected, ua, tol)}")
    values = {key(ta, ra, ca): fmt(va) + ua, key(tb, rb, cb): rb.cells[cb].raw + ub}
    return Finding(sev, rule, tuple(sorted({ra.page, rb.page})), msg, values, fmt(expected), fmt(va - expected),
                   (cite(ctx, ta, ra, ca), cite(ctx, tb, rb, cb)), ctx.doc)


def merge(found: list[Finding]) -> Finding:
    """Several columns of one row failing the same rule, as one finding (worst severity first)."""
    found = sorted(found, key=lambda f: _ORDER[f.severity])
    head, rest = found[0], found[1:]
    if not rest:
        return head
    more = "；".join(f"「{f.citations[0].column}」列相差 {f.difference}" for f in rest)
    return replace(head, message=f"{head.message}同一行另有：{more}。",
                   values={k: v for f in found for k, v in f.values.items()},
                   citations=tuple(dict.fromkeys(c for f in found for c in f.citations)))


# -- within one table ------------------------------------------------------------------------
def is_econ(t: Table) -> bool:
    """An 经济分类 table (two levels: 类 and 款)."""
    return "经济分类" in t.title or "经济科目" in t.title


def code_groups(t: Table) -> tuple[list[Row], list[tuple[Row, list[Row]]]]:
    """The top-level rows (类) and the (parent, children) pairs the table's codes or names imply."""
    body = [r for r in t.rows if not total_label(r)]
    codes = [r.code[:3] for r in body if r.code]
    if codes != sorted(codes):
        return [], []  # 类 out of order: two record blocks side by side were read as one row
    groups: list[list[Row]] = []  # one per 类: its row, then every row coded under it
    for r in (r for r in body if r.code):
        if groups and r.code[:3] == groups[-1][0].code[:3]:
            groups[-1].append(r)
        else:
            groups.append([r])
    if not groups and is_econ(t):
        for r in body:
            if r.label in ECON_CLASSES and not (groups and groups[-1][0].label == r.label and len(groups[-1]) == 1):
                groups.append([r])
            elif groups:
                groups[-1].append(r)
    pairs = []
    for head, *rest in groups:
        if is_econ(t):
            pairs.append((head, rest))  # two levels: whatever sits under a 类 is one of its 款
        elif all(len(r.code) in (5, 7) for r in rest):
            # a row that kept only its 类 code (split 类/款/项 columns misread) could be a 款 or a 项
            kuan = [r for r in rest if len(r.code) == 5]
            pairs += [(head, kuan)] + [(k, [r for r in rest if len(r.code) == 7 and r.code[:5] == k.code])
                                       for k in kuan]
    tops = [g[0] for g in groups] if all(len(g[0].code) in (0, 3) for g in groups) else []
    return tops, [(p, kids) for p, kids in pairs if kids]


def check_hierarchy(ctx: Ctx, t: Table) -> list[Finding]:
    """合计 = Σ 类; 类 = Σ 款; 款 = Σ 项 — per money column, one finding per row."""
    tops, pairs = code_groups(t)
    jobs = [(t.total_row(), tops, "合计≠各类之和", "各类")] if tops and t.total_row() else []
    for parent, kids in pairs:
        lvl = "款" if len(parent.code) in (0, 3) else "项"
        jobs.append((parent, kids, f"{'类' if lvl == '款' else '款'}≠各{lvl}之和", f"其下各{lvl}"))
    out = []
    for target, parts, rule, what in jobs:
        found = [f for c in t.money if (f := sum_check(ctx, rule, t, target, c, parts, what))]
        out += [merge(found)] if found else []
    return out


def column_groups(t: Table) -> list[tuple[str, list[str]]]:
    """(total column, component columns) the header tree implies: 合计 ← 基本支出 + 项目支出, 小计 ← …"""
    out = []
    for c in t.money:
        segs = c.split("/")
        if not segs[-1].endswith(TOTAL_WORDS):
            continue
        prefix = "/".join(segs[:-1])
        groups: dict[str, list[str]] = {}
        for s in t.header:
            if s != c and (not prefix or s.startswith(prefix + "/")):
                groups.setdefault(s[len(prefix) + 1 if prefix else 0:].split("/")[0], []).append(s)
        parts = []
        for head, cols in groups.items():
            lead = [s for s in cols if s.split("/")[-1] == head or s.split("/")[-1].endswith(TOTAL_WORDS)]
            parts += lead[:1] or cols
        if len(parts) >= 2:
            out.append((c, parts))
    return out


def _column_rule(t: Table, total: str, parts: list[str]) -> str:
    words = {w for p in parts for w in p.split("/")}
    if "三公" in t.title or "公务用车" in total:
        return "公务用车小计≠购置费+运行费" if "公务用车" in total else "三公经费合计≠分项之和"
    if words & {"人员经费", "公用经费"}:
        return "合计≠人员经费+公用经费"
    return "合计≠基本支出+项目支出" if {"基本支出", "项目支出"} <= words else "合计列≠各列之和"


def check_columns(ctx: Ctx, t: Table) -> list[Finding]:
    """Per row: a 合计/小计 column equals the sum of the columns under the same header."""
    out = []
    for total, parts in column_groups(t):
        for r in t.rows:
            v, got = r.val(total), [p for p in parts if r.val(p) is not None]
            if v is None or not got:
                continue
            s = sum((r.val(p) for p in got), Decimal(0))
            tol = tol_of(*(r.cells[c].raw for c in [total, *got]))
            if (sev := severity_of(v - s, tol)) is None:
                continue
            names = " + ".join(f"{p.split('/')[-1]} {fmt(r.val(p))}" for p in got)
            msg = (f"《{t.title}》第{r.page}页「{r.name() or '数据'}」行：{total.split('/')[-1]} {fmt(v)}{t.unit}，"
                   f"而 {names} = {fmt(s)}{t.unit}，{verdict(sev, v - s, t.unit, tol)}")
            out.append(Finding(sev, _column_rule(t, total, parts), (r.page,), msg,
                               cell_values(t, [(r, c) for c in [total, *got]]), fmt(s), fmt(v - s),
                               tuple(cite(ctx, t, r, c) for c in [total, *got]), ctx.doc))
    return out


def check_sangong_rows(ctx: Ctx, t: Table) -> list[Finding]:
    """三公 tables laid out by rows: 合计 = 出国 + 接待 + 公务用车; 公务用车 = 购置 + 运行."""
    found: dict[str, Row] = {}
    for r in t.rows if "三公" in t.title else []:
        k = ("合计" if is_total(r) else "出国" if "出国" in r.label else "接待" if "接待" in r.label
             else "车" if "购置及运行" in r.label else "购置" if "购置" in r.label else "运行" if "运行" in r.label else "")
        found.setdefault(k, r)
    jobs = [("合计", ("出国", "接待", "车"), "三公经费合计≠分项之和", "三项经费"),
            ("车", ("购置", "运行"), "公务用车小计≠购置费+运行费", "购置费与运行费")]
    out = [sum_check(ctx, rule, t, found[top], c, [found[k] for k in ks if k in found], what)
           for top, ks, rule, what in jobs if top in found for c in t.money]
    return [f for f in out if f]


# -- the tables every cross-check starts from -------------------------------------------------
def spend_table(ctx: Ctx) -> Table | None:
    """The 支出总表 (all funds, with 基本支出 and 项目支出 columns)."""
    bad = ("收支", "收入", "一般公共预算", "政府性基金", "国有资本", "财政拨款", "三公", "经济", "项目支出")
    return next((t for t in ctx.tables if "支出" in t.title and not any(b in t.title for b in bad)
                 and t.col("基本支出") and t.col("项目支出")), None)


def gpb_table(ctx: Ctx) -> Table | None:
    """The 一般公共预算支出 (功能分类) table."""
    return next((t for t in ctx.tables if "一般公共预算" in t.title and "支出" in t.title and "经济" not in t.title
                 and "基本支出" not in t.title and t.col("基本支出") and t.col("项目支出")), None)


def balance_sides(t: Table) -> tuple[str, str] | None:
    """(income column, spending column) of a 收支总表, None for other tables."""
    inc = [c for c in t.money if "收入" in c.split("/")[0]]
    exp = [c for c in t.money if "支出" in c.split("/")[0]]
    return (inc[0], exp[0]) if inc and exp else None


def grand_row(t: Table) -> Row | None:
    """The 收入总计/总计 row of a 收支总表."""
    return next((r for r in t.rows if re.sub(r"\s", "", r.label) in ("收入总计", "总计")), None)


def all_gpb(ctx: Ctx) -> bool:
    """True when a 收支总表 shows all income is 一般公共预算 (then its tables must agree with the totals)."""
    for t in ctx.tables:
        sides, grand = balance_sides(t), grand_row(t)
        if sides and grand is not None and grand.val(sides[0]) is not None:
            gpb = next((r for r in t.rows if "一般公共预算" in r.label and r.val(sides[0]) is not None), None)
            if gpb is not None:
                return abs(gpb.val(sides[0]) - grand.val(sides[0])) <= TOL
    return False


# -- the whole document ----------------------------------------------------------------------
_ORDER = {"error": 0, "warning": 1, "note": 2}


def check_doc(df, warnings: list[str] | None = None) -> list[Finding]:
    """All findings for one document (DocFacts), errors first; `warnings` are its ingest warnings."""
    from assistant import audit_rules  # the cross-table, form and narrative rules build on this module

    ctx = Ctx(df, build_tables(df), df.document.source)
    out: list[Finding] = []
    for t in ctx.tables:
        out += check_hierarchy(ctx, t) + check_columns(ctx, t) + check_sangong_rows(ctx, t)
    out += audit_rules.check_across(ctx) + audit_rules.check_forms(ctx) + audit_rules.check_text(ctx, warnings)
    unique = list({(f.rule, f.pages, f.message): f for f in out}.values())
    log.info("audit %s: %d findings", df.document.source, len(unique))
    return sorted(unique, key=lambda f: (_ORDER.get(f.severity, 3), f.pages, f.rule))
