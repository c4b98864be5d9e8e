"""What the web chat shows, as pure functions over the API: answer markdown with sources, scope
choices, example questions, chart sources, readable errors. app.py wires them to Gradio."""
from __future__ import annotations

import html
import logging
import re

from assistant import Answer, BudgetAssistant, Citation, charts
from assistant.charts import ChartError
from assistant.settings import SettingsError
from assistant.understand import parse
from ingest.errors import IngestError
from vectorstore.embeddings import EmbeddingError
from vectorstore.store import StoreError

log = logging.getLogger("app")

ALL = "__all__"  # scope value meaning "every document"; doc ids are hex digests, so it cannot clash
BODY = "body:"  # scope prefix for every year of one body
NAMED_ERRORS = (IngestError, StoreError, SettingsError, EmbeddingError, ChartError)
_SPENDING_TOTAL = re.compile(r"(总表|支出决算表)$")
_TOTAL_ROW = re.compile(r"合计|总计|小计|其中")
_ENUM = re.compile(r"^[一二三四五六七八九十]+[、.．]\s*")
# a question asking for a picture of spending rather than one number
_CHART_ASK = re.compile(r"结构|构成|图表|[画绘做出给看显示].{0,8}图|[柱条饼]状?图|对比图|分布图")
_CHART_KIND = (("economic", re.compile(r"经济分类|经济科目|人员经费|公用经费|工资福利")),
               ("basic_project", re.compile(r"基本.{0,4}项目|项目.{0,4}基本")),
               ("yoy", re.compile(r"同比|对比|比较|变化|历年|逐年|各年|年度间|两年|增减")),
               ("function", re.compile(r"")))


def error_message(exc: Exception) -> str:
    """A readable one-paragraph message for an exception: its class name and text, never a traceback."""
    if isinstance(exc, NAMED_ERRORS):
        return f"出错了（{type(exc).__name__}）：{exc}"
    return f"内部错误（{type(exc).__name__}）：{exc}。请换个问法再试；详细信息已写入服务器日志。"


def citation_line(c: Citation, titles: dict[str, str]) -> str:
    """One source as a Markdown list item: document, page, table, row, column, quote."""
    doc = f"《{c.source}》"
    title = titles.get(c.doc_id)
    if title and title not in c.source:
        doc += f"（{title}）"
    parts = [f"文档：{doc}", f"第{c.page}页"]
    if c.table_title:
        parts.append(f"表：{c.table_title}")
    if c.row_label:
        parts.append(f"行：{c.row_label}")
    if c.column:
        parts.append(f"列：{c.column}")
    if c.quote:
        parts.append(f"原文：“{c.quote}”")
    # the same amount printed elsewhere in the document: marked, so the first source stays the basis
    return ("- （同一数字也见于）" if c.role else "- ") + " · ".join(parts)


def headline(ans: Answer) -> str:
    """The number and unit in bold ("**971.43 万元**"), or '' when the answer has no single number."""
    if ans.value is None or not ans.answerable:
        return ""
    if ans.unit == "%":
        return f"**{ans.value}%**"
    return f"**{ans.value:,}{' ' + ans.unit if ans.unit else ''}**"


def answer_parts(ans: Answer, titles: dict[str, str] | None = None) -> list[str]:
    """The reply in display order: number, text, formula with inputs, sources (collapsible), candidates."""
    titles = titles or {}
    out = [headline(ans), ans.text.strip()]
    calc = ans.calculation
    if calc is not None:
        lines = [] if f"计算：{calc.expression}" in ans.text else [f"计算：{calc.expression}"]
        lines += [f"- 输入：{c.row_label or c.table_title} · {c.column} = {c.quote}（第{c.page}页）"
                  for c in calc.inputs]
        out.append("\n".join(lines))
    cites = list(ans.citations)
    if calc is not None:
        cites += [c for c in calc.inputs if c not in cites]
    if cites:
        # blank lines around the list: Markdown inside <details> renders only as its own block
        also = sum(1 for c in cites if c.role)
        count = f"{len(cites) - also} 处" + (f"，同一数字另见 {also} 处" if also else "")
        out.append(f"<details><summary>来源（{count}）</summary>\n\n"
                   + "\n".join(citation_line(c, titles) for c in cites) + "\n\n</details>")
    if ans.candidates:
        out.append("**可选的文档**（在问题里写明单位和年度，或在上方“文档范围”中选一份）：\n"
                   + "\n".join(f"- {c}" for c in ans.candidates))
    return [p for p in out if p]


def format_answer(ans: Answer, titles: dict[str, str] | None = None) -> str:
    """The full reply shown in the chat (the `/chat` API returns this text)."""
    return "\n\n".join(answer_parts(ans, titles))


def chart_kind(question: str) -> str | None:
    """Which chart a question asks for (function / basic_project / economic / yoy), or None."""
    if not _CHART_ASK.search(question or ""):
        return None
    return next(kind for kind, pattern in _CHART_KIND if pattern.search(question))


# -- reading the library for the UI ------------------------------------------------------
def _doc_label(d) -> str:
    year = f"{d.year}年" if d.year else "年度未知"
    return f"{d.department or d.title} · {year} · {d.kind}（{d.doc_id[:8]}）"


def doc_choices(qa: BudgetAssistant) -> list[tuple[str, str]]:
    """(label, doc_id) pairs for dropdowns."""
    return [(_doc_label(d), d.doc_id) for d in qa.documents()]


def scope_choices(qa: BudgetAssistant) -> list[tuple[str, str]]:
    """All documents, each body with several years, then each document (body/year)."""
    docs = qa.documents()
    bodies = {}
    for d in docs:
        bodies.setdefault(d.department, []).append(d)
    multi = [(f"{b}（全部 {len(ds)} 份文档）", BODY + b) for b, ds in bodies.items() if b and len(ds) > 1]
    return [("全部文档", ALL)] + multi + doc_choices(qa)


def scope_ids(qa: BudgetAssistant, scope: str | None) -> list[str] | None:
    """The doc ids a scope value stands for (None = all); raises LookupError naming a stale choice."""
    if not scope or scope == ALL:
        return None
    if scope.startswith(BODY):
        ids = [d.doc_id for d in qa.documents() if d.department == scope[len(BODY):]]
        if not ids:
            raise LookupError(f"所选单位“{scope[len(BODY):]}”已不在文档库中，请在“文档范围”里重新选择。")
        return ids
    doc = qa.library.get(scope)
    if doc is None:
        raise LookupError(f"所选文档 {scope} 已不在文档库中，请在“文档范围”里重新选择。")
    return [doc.doc_id]


def doc_rows(qa: BudgetAssistant) -> list[list]:
    """One table row per document: id, body, year, kind, file, pages, tables, warnings."""
    rows = []
    for d in qa.documents():
        tables = len(qa.library.facts(d.doc_id).tables)
        warnings = qa.library.warnings(d.doc_id)
        rows.append([d.doc_id, d.department or d.title, d.year or "", d.kind, d.source, d.pages, tables,
                     "；".join(warnings) if warnings else "无"])
    return rows


def _spending_table(qa: BudgetAssistant, doc):
    df = qa.library.facts(doc.doc_id)
    # the spending summary table (支出总表 / 支出决算表) names the columns people ask about
    table = next((t for t in df.tables if not t.empty and "支出" in t.title and "收" not in t.title
                  and _SPENDING_TOTAL.search(t.title)), None)
    return df, table


def _doc_name(doc) -> str:
    return f"{doc.department}{doc.year}年" if doc.year else doc.department


def _doc_examples(qa: BudgetAssistant, doc) -> list[str]:
    df, table = _spending_table(qa, doc)
    if table is None:
        return []
    cells = [f for f in df.facts if f.table_no == table.table_no and f.value is not None]
    name = _doc_name(doc)
    kinds = [c for c in dict.fromkeys(f.column.split("/")[-1] for f in cells)
             if c.endswith("支出") and not _TOTAL_ROW.search(c)]
    rows = [_ENUM.sub("", f.row_label) for f in cells
            if f.row_label and not _TOTAL_ROW.search(f.row_label) and len(f.row_label) <= 14]
    out = []
    if kinds:
        out.append(f"{name}{kinds[-1]}是多少？")
    if rows:
        out.append(f"{name}{rows[0]}是多少？")
    if kinds:
        out.append(f"{name}{kinds[-1]}占支出合计的比例是多少？")
    return out


def _by_body_latest_first(qa: BudgetAssistant) -> list:
    docs = qa.documents()
    latest = {d.department: d for d in docs}  # documents() sorts by body then year: the last one wins
    return list(latest.values()) + [d for d in docs if d not in latest.values()]


def first_chart_doc(qa: BudgetAssistant):
    """The document the chart panel and the chart example start with: a latest year with a spending table."""
    return next((d for d in _by_body_latest_first(qa) if charts.spending_table(qa.library.facts(d.doc_id).facts)),
                None)


def example_questions(qa: BudgetAssistant, limit: int = 6) -> list[str]:
    """Questions built from what the loaded documents contain; the last asks for a spending chart."""
    docs = qa.documents()
    ordered = _by_body_latest_first(qa)
    per_doc = [_doc_examples(qa, d) for d in ordered[:limit]]
    per_doc = [qs[i % len(qs):] + qs[:i % len(qs)] for i, qs in enumerate(per_doc) if qs]  # vary the kind
    # one question per body first, so every loaded body shows up before any gets a second one
    questions = list(dict.fromkeys(q for turn in range(3) for qs in per_doc for q in qs[turn:turn + 1]))
    chart = first_chart_doc(qa)
    if chart is None:
        return questions[:limit]
    ask = (f"{chart.department}支出年度对比图" if sum(d.department == chart.department for d in docs) > 1
           else f"{_doc_name(chart)}支出结构")
    return questions[:limit - 1] + [ask]


def chart_sources(qa: BudgetAssistant, question: str, ids: list[str] | None):
    """The (Document, facts) pairs a chart question is about: the engine's document choice, then facts."""
    docs, problem = qa.engine.select(parse(question), {}, ids)
    if problem is not None:
        raise ChartError(problem.text)
    return [(d, qa.library.facts(d.doc_id).facts) for d in docs]


def body_sources(qa: BudgetAssistant, doc_id: str, kind: str):
    """The chart panel's documents: the chosen one, or for 'yoy' every year of its body."""
    doc = qa.library.get(doc_id or "")
    if doc is None:
        raise ChartError("请先选择一份文档（或在“文档库”里导入预算 PDF）。")
    docs = [d for d in qa.documents() if d.department == doc.department] if kind == "yoy" else [doc]
    return [(d, qa.library.facts(d.doc_id).facts) for d in docs]


def chart_html(build) -> str:
    """The chart's SVG, or the reason it cannot be drawn as a short note (never a traceback)."""
    try:
        return charts.to_svg(build())
    except ChartError as exc:
        return f'<div class="chart-hint">{html.escape(str(exc))}</div>'
    except Exception as exc:  # noqa: BLE001 - the panel shows a message, the log keeps the traceback
        log.exception("chart failed")
        return f'<div class="chart-hint">{html.escape(error_message(exc))}</div>'
