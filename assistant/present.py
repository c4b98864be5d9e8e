"""Pure formatting of audit findings for the web app's 核查 tab: table rows, summary, page view."""
from __future__ import annotations

FINDING_HEADERS = ["级别", "规则", "页码", "说明", "数值"]
SEVERITY = {"error": "错误", "warning": "警告", "note": "提示"}
_ORDER = {"error": 0, "warning": 1, "note": 2}


def page_labels(pages) -> str:
    """'第9页、第10页' for the pages a finding involves."""
    return "、".join(f"第{p}页" for p in pages)


def values_text(values: dict) -> str:
    """A finding's cited values as 'name = value' pairs, one per line."""
    return "\n".join(f"{k} = {v}" for k, v in values.items())


def ordered(findings) -> list:
    """Findings errors first, then warnings, then notes (stable within a severity)."""
    return sorted(findings, key=lambda f: _ORDER.get(f.severity, 3))


def finding_rows(findings) -> list[list[str]]:
    """One table row per finding: severity, rule, pages, message, values; errors first."""
    return [[SEVERITY.get(f.severity, f.severity), f.rule, page_labels(f.pages), f.message, values_text(f.values)]
            for f in ordered(findings)]


def check_summary(name: str, findings) -> str:
    """One line above the table: how many findings of each severity, or that none were found."""
    if not findings:
        return f"《{name}》未发现数字或文字不一致的地方。"
    counts = {s: sum(f.severity == s for f in findings) for s in _ORDER}
    parts = "，".join(f"{SEVERITY[s]} {n} 条" for s, n in counts.items() if n)
    return (f"《{name}》共 {len(findings)} 条核查结果：{parts}。点击一行查看所涉页面的单元格和原文。"
            "（容差：表内 ±0.01 表格单位，跨单位 ±0.05 万元；容差以内的差额列为提示。）")


def page_excerpt(df, page: int, limit: int = 600) -> str:
    """What a page holds, from the stored document: its table titles and the start of its text."""
    titles = list(dict.fromkeys(t.title for t in df.tables if page in t.pages and t.title))
    text = "\n".join(c.text for c in df.chunks if c.page == page).strip()
    lines = [f"#### 第{page}页"]
    if titles:
        lines.append("表：" + "；".join(f"《{t}》" for t in titles))
    if text:
        cut = text[:limit] + ("……" if len(text) > limit else "")
        lines.append("> " + cut.replace("\n", "\n> "))
    if len(lines) == 1:
        lines.append("（这一页没有文字或表格内容。）")
    return "\n\n".join(lines)


def finding_detail(f, df=None) -> str:
    """One finding in full: message, expectation and difference, each cited cell, then each page it names."""
    head = f"**{SEVERITY.get(f.severity, f.severity)} · {f.rule} · {page_labels(f.pages)}**"
    out = [head, f.message]
    if f.expected or f.difference:
        out.append(f"应为：{f.expected or '—'}　差额：{f.difference or '—'}")
    if f.citations:
        out.append("\n".join(
            "- " + " · ".join(p for p in (f"第{c.page}页", c.table_title and f"表：{c.table_title}",
                                          c.row_label and f"行：{c.row_label}", c.column and f"列：{c.column}",
                                          c.quote and f"原文：“{c.quote}”") if p)
            for c in f.citations))
    if df is not None:
        out += [page_excerpt(df, p) for p in f.pages]
    return "\n\n".join(out)
