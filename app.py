"""Gradio wiring only: a streaming chat with a chart panel, a scope selector and a document library."""
from __future__ import annotations

import importlib.util
import logging
import os
import sys
from pathlib import Path

# Gradio reads these at import time; without them it phones home and the client resolves hub hosts.
os.environ["GRADIO_ANALYTICS_ENABLED"] = "False"
os.environ["HF_HUB_OFFLINE"] = "1"

# Gradio tries `import matplotlib` twice per event; without it installed, each failed import scans sys.path on
# the event loop (12% of the server's time at 16 users). Charts here are our own SVG: fail those imports at once.
if importlib.util.find_spec("matplotlib") is None:
    sys.modules.setdefault("matplotlib", None)

import gradio as gr  # noqa: E402

from assistant import Answer, BudgetAssistant, Settings, charts, present  # noqa: E402
from assistant.settings import SettingsError  # noqa: E402
from assistant.charts import ChartError  # noqa: E402
from assistant.webview import (ALL, BODY, NAMED_ERRORS, answer_parts, body_sources,  # noqa: E402,F401
                               chart_html, chart_kind, chart_sources, doc_choices, doc_rows, error_message,
                               example_questions, first_chart_doc, format_answer, scope_choices, scope_ids)

log = logging.getLogger(__name__)

# chats answered at once: Gradio's default is one, so 16 users queue behind each other; questions are
# answered in tens of ms from locked in-memory caches, and each session passes its own history
CHAT_CONCURRENCY = 8
DOC_HEADERS = ["doc_id", "单位", "年度", "类型", "文件", "页数", "表格", "警告"]
CHART_HINT = ('<div class="chart-hint">在对话里问“支出结构”“画一下基本支出和项目支出”“经济分类结构”'
              "或“支出年度对比”，或在上面选择文档和图表类型。</div>")
WELCOME = ("**问预算文件里的数字**\n\n每个数字都附文档、页码、表格、行和列；算出来的数附公式。"
           "问“支出结构”“基本支出和项目支出”“经济分类结构”或“支出年度对比”，右侧会画图。")
CHECK_EMPTY = "文档库还是空的：先在“文档库”里导入预算 PDF，再选择文档进行核查。"
CHECK_HINT = "选择一份文档，点击“开始核查”：列出表内合计、跨表、文字与表格不一致等问题，错误排在最前。"
EMPTY_HINT = '<div class="chart-hint">文档库还是空的：先在“文档库”里导入预算 PDF，这里就会画出它的支出结构。</div>'
# system fonts only: the stock theme's web fonts would be one more request, and CJK needs system fonts anyway
THEME = gr.themes.Default(font=["system-ui", "sans-serif"], font_mono=["monospace"])
CSS = """
#chart-panel .budget-chart { width: 100%; height: auto; }
.chart-hint { color: var(--body-text-color-subdued); padding: 1em 0; }
"""


# -- the app -------------------------------------------------------------------------------
def build_app(qa: BudgetAssistant) -> gr.Blocks:
    """The web app: chat tab with chart panel (API `/chat`), document library tab (`/upload`, `/delete`)."""
    max_mb = qa.settings.max_upload_mb

    def titles() -> dict[str, str]:
        return {d.doc_id: d.title for d in qa.documents()}

    def stream(ans: Answer):
        """The reply in growing steps: the number first, then text, formula and sources."""
        parts = answer_parts(ans, titles())
        for i in range(1, len(parts) + 1):
            yield "\n\n".join(parts[:i])

    def chat(message: str, history: list, scope: str, context: dict, chart_req: dict):
        """Answer one question (streamed); a structure question also points the chart panel at its chart."""
        question = (message or "").strip()
        # a new (or cleared) conversation never follows up on an older one
        context = dict(context or {}) if history else {}
        chart_req = dict(chart_req or {})
        if not question:
            yield "请输入一个问题，例如：某单位某年的项目支出是多少？", context, chart_req
            return
        yield "正在查找文档中的表格和说明……", context, chart_req
        try:
            ids = scope_ids(qa, scope)
        except LookupError as exc:
            yield str(exc), context, chart_req
            return
        try:
            kind = chart_kind(question)
            if kind is not None:
                yield from chart_reply(question, kind, ids, context, chart_req)
                return
            ans = qa.ask(question, history=context, scope=ids)
            # a refusal carries no context: keep the last answered turn so "那基本支出呢？" still works
            new_context = dict(ans.context) or context
            for text in stream(ans):
                yield text, new_context, chart_req
        except Exception as exc:  # noqa: BLE001 - the chat must answer with a message, never a traceback
            if not isinstance(exc, NAMED_ERRORS):
                log.exception("chat failed for %r", question)
            yield error_message(exc), context, chart_req

    def chart_reply(question: str, kind: str, ids: list[str] | None, context: dict, chart_req: dict):
        """The chart's numbers as a cited reply; the last step hands the chart to the panel."""
        try:
            chart = charts.build(kind, chart_sources(qa, question, ids))
        except ChartError as exc:
            yield f"无法画图：{exc}", context, chart_req
            return
        text = ""
        for text in stream(charts.chart_answer(chart)):
            yield text, context, chart_req
        req = {"kind": kind, "docs": [d.doc_id for d in chart.docs], "n": chart_req.get("n", 0) + 1}
        yield text + "\n\n（右侧“图表”已更新。）", context, req

    def show_requested_chart(req: dict):
        """Point the chart panel at what the chat asked for: document, kind and the chart itself."""
        if not req or not req.get("docs"):
            return gr.skip(), gr.skip(), gr.skip()
        doc_id = req["docs"][-1]
        svg = chart_html(lambda: charts.build(req["kind"], [(d, qa.library.facts(d.doc_id).facts)
                                                            for d in map(qa.library.get, req["docs"]) if d]))
        return gr.Dropdown(value=doc_id), gr.Radio(value=req["kind"]), svg

    def first_chart():
        """On page load: the structure of the first document, so the panel is never empty when it need not be."""
        doc = first_chart_doc(qa)
        if doc is None:
            empty = not qa.documents()
            return gr.Dropdown(value=None), EMPTY_HINT if empty else CHART_HINT
        return gr.Dropdown(value=doc.doc_id), show_chart(doc.doc_id, "function")

    def show_chart(doc_id: str | None, kind: str):
        """The chart panel for a chosen document and kind."""
        if not doc_id:
            return CHART_HINT
        return chart_html(lambda: charts.build(kind, body_sources(qa, doc_id, kind)))

    def library_updates(scope: str | None = ALL):
        """Fresh values for the documents table, the dropdowns and the example questions."""
        choices = doc_choices(qa)
        scopes = scope_choices(qa)
        samples = [[q] for q in example_questions(qa)]
        return (doc_rows(qa),
                gr.Dropdown(choices=scopes, value=scope if scope in {v for _, v in scopes} else ALL),
                gr.Dropdown(choices=choices, value=None),
                gr.Dataset(samples=samples, visible=bool(samples)),
                gr.Dropdown(choices=choices),  # the chart keeps its document; a deleted one is named there
                gr.Dropdown(choices=choices),
                CHECK_HINT if choices else CHECK_EMPTY)

    def upload(files, scope, progress=gr.Progress()):
        """Ingest each uploaded file with its own progress; a bad file does not stop the others."""
        lines = []
        paths = [Path(f) for f in (files or [])]
        for k, path in enumerate(paths, 1):
            name = path.name
            label = f"第 {k}/{len(paths)} 个文件 {name}"
            try:
                size_mb = path.stat().st_size / 1024 / 1024
                if size_mb > max_mb:
                    lines.append(f"- ✗ {name}：文件 {size_mb:.1f} MB，超过上限 {max_mb} MB"
                                 "（可用 BUDGETQA_MAX_UPLOAD_MB 调整）")
                    continue
                progress(0, desc=f"{label}：读取")
                r = qa.ingest(path, progress=lambda i, n, label=label: progress((i, n), desc=label, unit="页"))
            except Exception as exc:  # noqa: BLE001 - one bad file must not stop the others
                if not isinstance(exc, NAMED_ERRORS):
                    log.exception("ingest failed for %s", name)
                lines.append(f"- ✗ {name}：{error_message(exc)}")
                continue
            if r.skipped:
                lines.append(f"- ✓ {name}：已在文档库中（doc_id {r.doc_id}），未重复导入")
                continue
            line = (f"- ✓ {name}：已导入（doc_id {r.doc_id}），{r.pages} 页，{r.tables} 张表，"
                    f"{r.table_facts} 个表格数字，{r.text_chunks} 段文字")
            if r.warnings:
                line += "\n" + "\n".join(f"  - ⚠ {w}" for w in r.warnings)
            lines.append(line)
        status = "\n".join(lines) if lines else "请先选择要上传的 PDF 或 TXT 文件。"
        return (status, None, *library_updates(scope))

    def delete(doc_id, scope):
        """Remove one document by doc_id (a unique prefix is enough)."""
        doc_id = (doc_id or "").strip()
        try:
            if not doc_id:
                status = "请选择或输入要删除的 doc_id。"
            else:
                doc = qa.library.get(doc_id)
                label = f"{doc.title or doc.source}（{doc.doc_id}）" if doc else doc_id
                status = f"已删除 {label}" if qa.remove(doc_id) else f"文档库中没有 doc_id 为 {doc_id} 的文档"
        except Exception as exc:  # noqa: BLE001
            if not isinstance(exc, NAMED_ERRORS):
                log.exception("delete failed for %s", doc_id)
            status = error_message(exc)
        return (status, *library_updates(scope))

    def run_check(doc_id: str | None):
        """Audit one document: a summary line, the findings table (errors first) and each finding's details."""
        if not qa.documents():
            return CHECK_EMPTY, [], [], ""
        doc = qa.library.get(doc_id or "")
        if doc is None:
            msg = "请先选择要核查的文档。" if not doc_id else f"所选文档 {doc_id} 已不在文档库中，请重新选择。"
            return msg, [], [], ""
        try:
            found = present.ordered(qa.check(doc.doc_id))
            df = qa.library.facts(doc.doc_id)
        except Exception as exc:  # noqa: BLE001 - the tab shows a message, the log keeps the traceback
            if not isinstance(exc, NAMED_ERRORS):
                log.exception("check failed for %s", doc.doc_id)
            return error_message(exc), [], [], ""
        return (present.check_summary(doc.source, found), present.finding_rows(found),
                [present.finding_detail(f, df) for f in found], "")

    def show_finding(details: list, evt: gr.SelectData):
        """The selected finding in full, with the cited cells and what each of its pages holds."""
        row = evt.index[0] if isinstance(evt.index, (list, tuple)) else evt.index
        return details[row] if details and row is not None and 0 <= row < len(details) else ""

    choices = doc_choices(qa)
    samples = [[q] for q in example_questions(qa)]
    with gr.Blocks(title="预算问答 BudgetQA") as demo:
        gr.Markdown("# 预算问答 BudgetQA\n用中文提问部门预算、决算里的数字；每个数字都附出处，计算结果附公式。")
        context = gr.State({})
        chart_req = gr.State({})
        with gr.Tab("问答"):
            with gr.Row(equal_height=False):
                with gr.Column(scale=3, min_width=420):
                    # custom values reach chat(), which names a stale doc_id instead of failing validation
                    scope = gr.Dropdown(choices=scope_choices(qa), value=ALL, label="文档范围",
                                        info="在全部文档中查找，或只在一个单位、一个年度中查找",
                                        allow_custom_value=True)
                    chat_ui = gr.ChatInterface(
                        chat, additional_inputs=[scope, context, chart_req],
                        additional_outputs=[context, chart_req], api_name="chat",
                        concurrency_limit=CHAT_CONCURRENCY,
                        chatbot=gr.Chatbot(label="对话", height=520, elem_id="chat", placeholder=WELCOME),
                        textbox=gr.Textbox(placeholder="输入关于已载入预算文档的问题，按回车发送", submit_btn=True,
                                           show_label=False, elem_id="question"),
                        fill_height=False)
                    examples = gr.Dataset(components=[gr.Textbox(visible=False)], samples=samples,
                                          label="示例问题（来自已载入的文档，点击填入输入框）",
                                          visible=bool(samples))
                with gr.Column(scale=2, min_width=320, elem_id="chart-panel"):
                    gr.Markdown("### 图表")
                    chart_doc = gr.Dropdown(choices=choices, value=None, label="文档", elem_id="chart-doc")
                    kind = gr.Radio(choices=[(v, k) for k, v in charts.KINDS.items()], value="function",
                                    label="图表", elem_id="chart-kind")
                    chart = gr.HTML(CHART_HINT, elem_id="chart", js_on_load=None)
        with gr.Tab("文档库"):
            files = gr.File(label=f"上传预算文件（PDF 或 UTF-8 文本，可多选或拖放，每个不超过 {max_mb} MB）",
                            file_count="multiple", type="filepath", elem_id="upload-files")
            upload_btn = gr.Button("导入文档", variant="primary", elem_id="upload-button")
            upload_status = gr.Markdown(elem_id="upload-status")
            table = gr.Dataframe(value=doc_rows(qa), headers=DOC_HEADERS, interactive=False, wrap=True,
                                 label="已载入的文档", elem_id="doc-table")
            with gr.Row():
                to_delete = gr.Dropdown(choices=choices, value=None, allow_custom_value=True,
                                        label="要删除的文档（选择或输入 doc_id）")
                delete_btn = gr.Button("删除文档", variant="stop")
            delete_status = gr.Markdown()
        with gr.Tab("核查"):
            with gr.Row():
                check_doc = gr.Dropdown(choices=choices, value=None, label="要核查的文档", elem_id="check-doc",
                                        allow_custom_value=True, scale=4)
                check_btn = gr.Button("开始核查", variant="primary", elem_id="check-button", scale=1)
            check_status = gr.Markdown(CHECK_HINT if choices else CHECK_EMPTY, elem_id="check-status")
            check_table = gr.Dataframe(value=[], headers=present.FINDING_HEADERS, interactive=False, wrap=True,
                                       label="核查结果（点击一行查看页面）", elem_id="check-table")
            check_detail = gr.Markdown(elem_id="check-detail")
            shown = gr.State([])

        refreshed = [table, scope, to_delete, examples, chart_doc, check_doc, check_status]
        chat_ui.chatbot.clear(lambda: {}, None, context, api_visibility="undocumented")
        examples.click(lambda sample: sample[0] if sample else "", examples, chat_ui.textbox,
                       api_visibility="undocumented")
        chart_req.change(show_requested_chart, chart_req, [chart_doc, kind, chart], api_visibility="undocumented")
        gr.on([chart_doc.input, kind.input], show_chart, [chart_doc, kind], chart, api_visibility="undocumented")
        upload_btn.click(upload, [files, scope], [upload_status, files, *refreshed], api_name="upload",
                         show_progress_on=[files])
        delete_btn.click(delete, [to_delete, scope], [delete_status, *refreshed], api_name="delete")
        check_btn.click(run_check, check_doc, [check_status, check_table, shown, check_detail], api_name="check")
        check_table.select(show_finding, shown, check_detail, api_visibility="undocumented")
        demo.load(first_chart, None, [chart_doc, chart], api_visibility="undocumented")
        demo.load(library_updates, [scope], refreshed, api_name="refresh", api_visibility="undocumented")
    return demo


def serve(demo: gr.Blocks, **launch) -> None:
    """Launch with the local-fonts theme: the page then loads nothing from outside hosts."""
    demo.launch(theme=THEME, css=CSS, **launch)


def main(host: str = "127.0.0.1", port: int = 7860, store: str | None = None) -> None:
    """Start the web app (used by `budgetqa serve`); optional basic auth from BUDGETQA_AUTH."""
    settings = Settings.from_env()
    auth = None
    if settings.auth:
        user, sep, password = settings.auth.partition(":")
        if not sep or not user or not password:
            raise SettingsError("BUDGETQA_AUTH 应写成 用户名:密码（例如 admin:s3cret）")
        auth = (user, password)
    qa = BudgetAssistant(store=store, settings=settings)
    demo = build_app(qa)
    serve(demo, server_name=host, server_port=port, auth=auth, max_file_size=f"{settings.max_upload_mb}mb")


if __name__ == "__main__":
    main()
