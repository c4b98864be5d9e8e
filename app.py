"""Gradio wiring only: a chat over the budget documents, a scope selector and a document library."""
from __future__ import annotations

import logging
import os
import re
from pathlib import Path

# Gradio reads these at import time; without them it phones home and the client resolves hub hosts.
os.environ["GRADIO_ANALYTICS_ENABLED"] = "False"
os.environ["HF_HUB_OFFLINE"] = "1"

import gradio as gr  # noqa: E402

from assistant import Answer, BudgetAssistant, Citation, Settings  # noqa: E402
from assistant.settings import SettingsError  # noqa: E402
from ingest.errors import IngestError  # noqa: E402
from vectorstore.store import StoreError  # noqa: E402

log = logging.getLogger(__name__)

ALL = "__all__"  # scope value meaning "every document"; doc ids are hex digests, so it cannot clash
DOC_HEADERS = ["doc_id", "单位", "年度", "类型", "文件", "页数", "表格", "警告"]
NAMED_ERRORS = (IngestError, StoreError, SettingsError)
_SPENDING_TOTAL = re.compile(r"(总表|支出决算表)$")
_TOTAL_ROW = re.compile(r"合计|总计|小计|其中")
_ENUM = re.compile(r"^[一二三四五六七八九十]+[、.．]\s*")


# -- presentation (pure) -----------------------------------------------------------------
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
    return "- " + " · ".join(parts)


def format_answer(ans: Answer, titles: dict[str, str] | None = None) -> str:
    """The reply shown in the chat: answer text, formula, numbered sources, candidate documents."""
    titles = titles or {}
    out = [ans.text.strip()]
    if ans.calculation is not None and ans.calculation.expression not in ans.text:
        out.append(f"计算：{ans.calculation.expression}")
    cites = list(ans.citations)
    if ans.calculation is not None:
        cites += [c for c in ans.calculation.inputs if c not in cites]
    if cites:
        out.append("**来源**\n" + "\n".join(citation_line(c, titles) for c in cites))
    if ans.candidates:
        out.append("**可选的文档**（在问题里写明单位和年度，或在上方“文档范围”中选一份）：\n"
                   + "\n".join(f"- {c}" for c in ans.candidates))
    return "\n\n".join(out)


# -- reading the library for the UI ------------------------------------------------------
def doc_choices(qa: BudgetAssistant) -> list[tuple[str, str]]:
    """(label, doc_id) pairs for dropdowns."""
    return [(f"{d.title or d.source}（{d.doc_id[:8]}）", d.doc_id) for d in qa.documents()]


def doc_rows(qa: BudgetAssistant) -> list[list]:
    """One table row per document: id, body, year, kind, file, pages, tables, warnings."""
    rows = []
    for d in qa.documents():
        tables = len(qa.library.facts(d.doc_id).tables)
        warnings = qa.library.warnings(d.doc_id)
        rows.append([d.doc_id, d.department or d.title, d.year or "", d.kind, d.source, d.pages, tables,
                     "；".join(warnings) if warnings else "无"])
    return rows


def _doc_examples(qa: BudgetAssistant, doc) -> list[str]:
    df = qa.library.facts(doc.doc_id)
    # the spending summary table (支出总表 / 支出决算表) names the columns people ask about
    table = next((t for t in df.tables if not t.empty and "支出" in t.title and "收" not in t.title
                  and _SPENDING_TOTAL.search(t.title)), None)
    if table is None:
        return []
    cells = [f for f in df.facts if f.table_no == table.table_no and f.value is not None]
    name = f"{doc.department}{doc.year}年" if doc.year else doc.department
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


def example_questions(qa: BudgetAssistant, limit: int = 6) -> list[str]:
    """Questions built from what the loaded documents contain: body, year, spending columns, row labels."""
    docs = qa.documents()
    latest = {d.department: d for d in docs}  # documents() sorts by body then year: the last one wins
    ordered = list(latest.values()) + [d for d in docs if d not in latest.values()]
    per_doc = [_doc_examples(qa, d) for d in ordered[:limit]]
    per_doc = [qs[i % len(qs):] + qs[:i % len(qs)] for i, qs in enumerate(per_doc) if qs]  # vary the kind
    # one question per body first, so every loaded body shows up before any gets a second one
    questions = [q for turn in range(3) for qs in per_doc for q in qs[turn:turn + 1]]
    return list(dict.fromkeys(questions))[:limit]


# -- the app -------------------------------------------------------------------------------
def build_app(qa: BudgetAssistant) -> gr.Blocks:
    """The web app: chat tab (API `/chat`), document library tab (`/upload`, `/delete`)."""
    max_mb = qa.settings.max_upload_mb

    def titles() -> dict[str, str]:
        return {d.doc_id: d.title for d in qa.documents()}

    def chat(message: str, history: list, scope: str, context: dict):
        """Answer one question; yields a progress line, then the answer, then the answer with sources."""
        question = (message or "").strip()
        # a new (or cleared) conversation never follows up on an older one
        context = dict(context or {}) if history else {}
        if not question:
            yield "请输入一个问题，例如：某单位某年的项目支出是多少？", context
            return
        yield "正在查找文档中的表格和说明……", context
        try:
            ids = None
            if scope and scope != ALL:
                doc = qa.library.get(scope)
                if doc is None:
                    yield f"所选文档 {scope} 已不在文档库中，请在“文档范围”里重新选择。", context
                    return
                ids = [doc.doc_id]
            ans = qa.ask(question, history=context, scope=ids)
            # a refusal carries no context: keep the last answered turn so "那基本支出呢？" still works
            new_context = dict(ans.context) or context
            yield ans.text, new_context
            yield format_answer(ans, titles()), new_context
        except Exception as exc:  # noqa: BLE001 - the chat must answer with a message, never a traceback
            if not isinstance(exc, NAMED_ERRORS):
                log.exception("chat failed for %r", question)
            yield error_message(exc), context

    def library_updates(scope: str | None = ALL):
        """Fresh values for the documents table, both dropdowns and the example questions."""
        choices = doc_choices(qa)
        ids = {v for _, v in choices}
        samples = [[q] for q in example_questions(qa)]
        return (doc_rows(qa),
                gr.Dropdown(choices=[("全部文档", ALL)] + choices, value=scope if scope in ids else ALL),
                gr.Dropdown(choices=choices, value=None),
                gr.Dataset(samples=samples, visible=bool(samples)))

    def upload(files, scope, progress=gr.Progress()):
        """Ingest each uploaded file; one status line per file, a bad file does not stop the others."""
        lines = []
        for path in [Path(f) for f in (files or [])]:
            name = path.name
            try:
                size_mb = path.stat().st_size / 1024 / 1024
                if size_mb > max_mb:
                    lines.append(f"- ✗ {name}：文件 {size_mb:.1f} MB，超过上限 {max_mb} MB"
                                 "（可用 BUDGETQA_MAX_UPLOAD_MB 调整）")
                    continue
                progress(0, desc=f"导入 {name}")
                r = qa.ingest(path, progress=lambda i, n, name=name: progress((i, n), desc=f"导入 {name}",
                                                                               unit="页"))
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

    choices = doc_choices(qa)
    samples = [[q] for q in example_questions(qa)]
    with gr.Blocks(title="预算问答 BudgetQA") as demo:
        gr.Markdown("# 预算问答 BudgetQA\n用中文提问部门预算、决算里的数字；每个数字都附出处，计算结果附公式。")
        context = gr.State({})
        with gr.Tab("问答"):
            # custom values reach chat(), which names a stale doc_id instead of failing validation
            scope = gr.Dropdown(choices=[("全部文档", ALL)] + choices, value=ALL, label="文档范围",
                                info="在全部文档中查找，或只在一份文档中查找", allow_custom_value=True)
            chat_ui = gr.ChatInterface(chat, additional_inputs=[scope, context], additional_outputs=[context],
                                       api_name="chat", chatbot=gr.Chatbot(label="对话", height=480),
                                       textbox=gr.Textbox(placeholder="输入关于已载入预算文档的问题，按回车发送", submit_btn=True,
                                                          show_label=False),
                                       fill_height=False)
            examples = gr.Dataset(components=[gr.Textbox(visible=False)], samples=samples,
                                  label="示例问题（来自已载入的文档，点击填入输入框）", visible=bool(samples))
        with gr.Tab("文档库"):
            files = gr.File(label=f"上传预算文件（PDF 或 UTF-8 文本，每个不超过 {max_mb} MB）",
                            file_count="multiple", type="filepath")
            upload_btn = gr.Button("导入文档", variant="primary")
            upload_status = gr.Markdown()
            table = gr.Dataframe(value=doc_rows(qa), headers=DOC_HEADERS, interactive=False, wrap=True,
                                 label="已载入的文档")
            with gr.Row():
                to_delete = gr.Dropdown(choices=choices, value=None, allow_custom_value=True,
                                        label="要删除的文档（选择或输入 doc_id）")
                delete_btn = gr.Button("删除文档", variant="stop")
            delete_status = gr.Markdown()

        refreshed = [table, scope, to_delete, examples]
        chat_ui.chatbot.clear(lambda: {}, None, context, api_visibility="undocumented")
        examples.click(lambda sample: sample[0] if sample else "", examples, chat_ui.textbox,
                       api_visibility="undocumented")
        upload_btn.click(upload, [files, scope], [upload_status, files, *refreshed], api_name="upload")
        delete_btn.click(delete, [to_delete, scope], [delete_status, *refreshed], api_name="delete")
        demo.load(library_updates, [scope], refreshed, api_name="refresh", api_visibility="undocumented")
    return demo


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
    demo.launch(server_name=host, server_port=port, auth=auth, max_file_size=f"{settings.max_upload_mb}mb")


if __name__ == "__main__":
    main()
