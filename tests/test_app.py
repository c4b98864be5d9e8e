"""The Gradio app over a real store: /chat answers with sources, refuses, follows up; the library tab."""
from __future__ import annotations

import os
import re
import shutil

import pytest

os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")
os.environ.setdefault("HF_HUB_OFFLINE", "1")

import gradio as gr  # noqa: E402
from gradio_client import Client, handle_file  # noqa: E402

import app  # noqa: E402
from assistant import BudgetAssistant, Settings, charts  # noqa: E402
from assistant.settings import SettingsError  # noqa: E402
from conftest import SEED  # noqa: E402


@pytest.fixture(scope="module")
def qa(tmp_path_factory):
    """The seed document ingested once into a temporary store (no embeddings, no LLM)."""
    qa = BudgetAssistant(store=tmp_path_factory.mktemp("app-store"),
                         settings=Settings.from_env(embed_on_ingest=False, llm_model=""))
    qa.ingest(SEED)
    return qa


@pytest.fixture(scope="module")
def demo(qa):
    """The app, served on a free local port for the module."""
    demo = app.build_app(qa)
    demo.launch(prevent_thread_lock=True, server_port=None, quiet=True)
    yield demo
    demo.close()


@pytest.fixture
def client(demo):
    """A fresh client: a new session with empty chat history and follow-up context."""
    return Client(demo.local_url, download_files=False, verbose=False)


def test_chat_answers_with_number_unit_and_sources(client):
    reply = client.predict(message="项目支出是多少？", api_name="/chat")
    assert reply.startswith("**971.43 万元**\n\n")  # the number and unit first, in bold
    assert "971.43万元" in reply
    assert re.search(r"<details><summary>来源（1 处，同一数字另见 [12] 处）</summary>", reply)
    assert reply.rstrip().endswith("</details>")
    for part in ("pinglu-gongxin-keji-2026-budget.txt", "第6页", "表：2026年预算支出总表", "行：合计",
                 "列：2026年预算数/项目支出", "原文：“971.43万元”"):
        assert part in reply
    # the narrative states the same amount on p17: listed after the table cell, marked
    assert "- （同一数字也见于）文档：《pinglu-gongxin-keji-2026-budget.txt》" in reply and "第17页" in reply


def test_chat_refuses_what_the_documents_do_not_hold(client):
    reply = client.predict(message="2030年的预算是多少？", api_name="/chat")
    assert "文档中没有找到" in reply
    assert "Traceback" not in reply


def test_computed_answer_shows_formula(client):
    reply = client.predict(message="项目支出占支出合计的比例是多少？", api_name="/chat")
    assert "74.66%" in reply
    assert reply.startswith("**74.66%**")
    assert re.search(r"计算：项目支出971\.43 ÷ \S*合计1301\.09 × 100% = 74\.66%", reply)
    assert reply.count("计算：") == 1
    # the formula's inputs, each with its page, and cited in the sources too
    assert "- 输入：合计 · 2026年预算数/项目支出 = 971.43万元（第6页）" in reply
    assert re.search(r"- 输入：\S*合计 · \S+ = 1301\.09万元（第\d+页）", reply)
    assert reply.count("原文：“1301.09万元”") == 1


def test_chat_streams_the_number_before_the_sources(client):
    job = client.submit(message="项目支出是多少？", api_name="/chat")
    final = job.result()
    steps = [o for o in job.outputs() if o]
    assert steps[0].startswith("正在查找")
    assert any(o.startswith("**971.43 万元**") and "来源" not in o for o in steps)
    assert steps[-1] == final and "来源" in final


def test_structure_question_answers_with_the_chart_numbers(client):
    reply = client.predict(message="支出结构", api_name="/chat")
    assert reply.startswith("**1,301.09 万元**")
    assert "支出结构（按功能分类 类）" in reply
    assert "- 资源勘探工业信息等支出：884.99万元，占 68.02%" in reply
    assert "计算：资源勘探工业信息等支出884.99 ÷ 合计1301.09 × 100% = 68.02%" in reply
    assert "<details><summary>来源（5 处）</summary>" in reply and "图表”已更新" in reply
    reply = client.predict(message="画一下基本支出和项目支出的图", api_name="/chat")
    assert "- 项目支出：971.43万元，占 74.66%" in reply
    reply = client.predict(message="支出年度对比图", api_name="/chat")
    assert reply.startswith("无法画图：") and "两个年度" in reply


@pytest.mark.parametrize("question, kind", [
    ("支出结构", "function"), ("画一下支出结构图", "function"), ("按功能分类的支出构成", "function"),
    ("基本支出和项目支出的结构", "basic_project"), ("经济分类结构", "economic"),
    ("画个人员经费和公用经费的柱状图", "economic"), ("支出年度对比图", "yoy"), ("两年支出结构变化", "yoy"),
    ("项目支出是多少？", None), ("项目支出占支出合计的比例是多少？", None), ("比上年增长多少？", None)])
def test_chart_kind_from_keywords(question, kind):
    assert app.chart_kind(question) == kind


def test_follow_up_uses_the_previous_answer(client, demo):
    client.predict(message="项目支出占支出合计的比例是多少？", api_name="/chat")
    reply = client.predict(message="那基本支出呢？", api_name="/chat")
    assert "25.34%" in reply and "÷" in reply
    # another session has no previous answer: the same words are a plain lookup
    fresh = Client(demo.local_url, download_files=False, verbose=False)
    alone = fresh.predict(message="那基本支出呢？", api_name="/chat")
    assert alone.startswith("**329.65 万元**") and "÷" not in alone  # a lookup, not the share


def test_follow_up_survives_a_refusal(client):
    client.predict(message="项目支出占支出合计的比例是多少？", api_name="/chat")
    client.predict(message="2030年的预算是多少？", api_name="/chat")
    assert "25.34%" in client.predict(message="那基本支出呢？", api_name="/chat")


def test_chat_error_is_a_named_message(client, qa, monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("存储暂时不可用")

    monkeypatch.setattr(qa, "ask", broken)
    reply = client.predict(message="项目支出是多少？", api_name="/chat")
    assert reply.startswith("内部错误（RuntimeError）：存储暂时不可用")
    assert "Traceback" not in reply


def test_scope_to_a_missing_document_is_named(client):
    reply = client.predict(message="项目支出是多少？", scope="0123456789abcdef", api_name="/chat")
    assert "0123456789abcdef 已不在文档库中" in reply


def test_empty_message_asks_for_a_question(client):
    assert "请输入" in client.predict(message="  ", api_name="/chat")


def test_example_questions_come_from_the_documents(qa):
    questions = app.example_questions(qa)
    assert len(questions) >= 2
    for q in questions:
        assert q.startswith("朔州市平鲁区工信和科技局2026年")
    *asked, chart = questions
    for q in asked:
        assert app.chart_kind(q) is None and qa.ask(q, history={}).answerable, q
    # the last one shows a chart
    assert chart == "朔州市平鲁区工信和科技局2026年支出结构" and app.chart_kind(chart) == "function"
    assert charts.build("function", app.chart_sources(qa, chart, None)).bars


def test_upload_reports_each_file_scope_and_delete(client, qa, tmp_path):
    bad = tmp_path / "不是PDF.pdf"
    bad.write_text("<html><body>404</body></html>", encoding="utf-8")
    copy = tmp_path / "平鲁工信局-副本.txt"
    shutil.copyfile(SEED, copy)
    with copy.open("a", encoding="utf-8") as f:
        f.write("\n（副本）\n")  # different bytes → a new doc_id with the same tables
    try:
        status, _, table, *_ = client.predict(files=[handle_file(str(bad)), handle_file(str(SEED)),
                                                    handle_file(str(copy))], api_name="/upload")
        lines = status.splitlines()
        assert "✗ 不是PDF.pdf" in lines[0] and "内容不是 PDF" in lines[0] and "UnsupportedFile" in lines[0]
        assert "已在文档库中" in lines[1]
        assert "✓ 平鲁工信局-副本.txt：已导入" in status
        assert len(table["data"]) == 2
        new_id = next(d.doc_id for d in qa.documents() if d.source == copy.name)
        # the body now has two documents: the scope selector offers the body as a whole too
        scopes = dict((v, k) for k, v in app.scope_choices(qa))
        assert scopes[app.ALL] == "全部文档" and new_id in scopes
        assert scopes[app.BODY + "朔州市平鲁区工信和科技局"] == "朔州市平鲁区工信和科技局（全部 2 份文档）"

        # two documents hold the number: unscoped it is ambiguous, scoped to one it is answered
        both = client.predict(message="项目支出是多少？", api_name="/chat")
        assert "文档中没有找到" in both and "可选的文档" in both
        scoped = client.predict(message="项目支出是多少？", scope=new_id, api_name="/chat")
        assert "971.43万元" in scoped and copy.name in scoped
        body = client.predict(message="项目支出是多少？", scope=app.BODY + "朔州市平鲁区工信和科技局",
                              api_name="/chat")
        assert "971.43万元" in body  # the follow-up context picks the copy asked about just before
        gone = client.predict(message="项目支出是多少？", scope=app.BODY + "某某局", api_name="/chat")
        assert "所选单位“某某局”已不在文档库中" in gone

        status, table, *_ = client.predict(doc_id=new_id, api_name="/delete")
        assert status.startswith("已删除") and new_id in status
        assert [row[0] for row in table["data"]] == [qa.documents()[0].doc_id]
        status, *_ = client.predict(doc_id=new_id, api_name="/delete")
        assert "没有" in status
    finally:
        for d in qa.documents():
            if d.source == copy.name:
                qa.remove(d.doc_id)


def test_oversize_upload_and_empty_library(tmp_path):
    qa = BudgetAssistant(store=tmp_path / "store",
                         settings=Settings.from_env(embed_on_ingest=False, llm_model="", max_upload_mb=0))
    demo = app.build_app(qa)
    demo.launch(prevent_thread_lock=True, server_port=None, quiet=True)
    try:
        c = Client(demo.local_url, download_files=False, verbose=False)
        status, _, table, *_ = c.predict(files=[handle_file(str(SEED))], api_name="/upload")
        assert "超过上限 0 MB" in status
        assert qa.documents() == [] and app.example_questions(qa) == []
        assert "文档中没有找到" in c.predict(message="项目支出是多少？", api_name="/chat")
    finally:
        demo.close()


def test_main_passes_auth_and_upload_cap(tmp_path, monkeypatch):
    seen = {}
    monkeypatch.setattr(gr.Blocks, "launch", lambda self, **kw: seen.update(kw))
    monkeypatch.setenv("BUDGETQA_AUTH", "admin:s3cret")
    monkeypatch.setenv("BUDGETQA_MAX_UPLOAD_MB", "7")
    app.main(host="0.0.0.0", port=7999, store=str(tmp_path / "store"))
    assert seen == {"server_name": "0.0.0.0", "server_port": 7999, "auth": ("admin", "s3cret"),
                    "max_file_size": "7mb", "theme": app.THEME, "css": app.CSS}
    # the page's fonts are the system's: no web font to fetch from any host
    assert "system-ui" in app.THEME.font and "googleapis" not in str(app.THEME._stylesheets)
    monkeypatch.setenv("BUDGETQA_AUTH", "admin")
    with pytest.raises(SettingsError, match="BUDGETQA_AUTH"):
        app.main(store=str(tmp_path / "store"))


# -- the 核查 tab ------------------------------------------------------------------------------
def test_check_tab_lists_the_seed_findings_errors_first_with_page_labels(client, qa):
    doc_id = qa.documents()[0].doc_id
    status, table, detail = client.predict(doc_id=doc_id, api_name="/check")
    assert status.startswith("《pinglu-gongxin-keji-2026-budget.txt》共 ") and "错误 2 条" in status
    assert table["headers"] == ["级别", "规则", "页码", "说明", "数值"]
    rows = table["data"]
    assert [r[0] for r in rows[:2]] == ["错误", "错误"] and "错误" not in [r[0] for r in rows[2:]]
    by_rule = {r[1]: r for r in rows}
    whole = by_rule["整体绩效目标资金总额≠支出总表合计"]
    assert whole[2] == "第6页、第20页" and "38071.58" in whole[3] and "1301.09" in whole[4]
    assert by_rule["类≠各款之和"][2] == "第10页" and "255.09" in by_rule["类≠各款之和"][3]
    assert len(rows) == len(qa.check(doc_id)) and detail == ""


def test_check_tab_names_a_missing_choice_and_an_empty_library(client, tmp_path):
    status, table, _ = client.predict(doc_id=None, api_name="/check")
    assert status == "请先选择要核查的文档。" and table["data"] in ([], [["", "", "", "", ""]])
    status, *_ = client.predict(doc_id="ffffffff", api_name="/check")
    assert "已不在文档库中" in status
    empty = BudgetAssistant(store=tmp_path / "empty", settings=Settings.from_env(embed_on_ingest=False, llm_model=""))
    demo = app.build_app(empty)
    demo.launch(prevent_thread_lock=True, server_port=None, quiet=True)
    try:
        c = Client(demo.local_url, download_files=False, verbose=False)
        status, *_ = c.predict(doc_id=None, api_name="/check")
        assert status == app.CHECK_EMPTY and "Traceback" not in status
    finally:
        demo.close()


def test_check_error_is_a_named_message(client, qa, monkeypatch):
    from vectorstore.store import StoreError
    def broken(doc_id):
        raise StoreError("存储目录 /nowhere 无法读取")
    monkeypatch.setattr(qa, "check", broken)
    status, *_ = client.predict(doc_id=qa.documents()[0].doc_id, api_name="/check")
    assert status == "出错了（StoreError）：存储目录 /nowhere 无法读取"


def test_finding_detail_shows_cited_cells_and_each_page(qa):
    from assistant import present
    doc_id = qa.documents()[0].doc_id
    f = next(f for f in qa.check(doc_id) if f.rule == "整体绩效目标资金总额≠支出总表合计")
    text = present.finding_detail(f, qa.library.facts(doc_id))
    assert text.startswith("**错误 · 整体绩效目标资金总额≠支出总表合计 · 第6页、第20页**")
    assert "应为：1301.09　差额：36770.49" in text
    assert "- 第20页" in text and "原文：“38071.58”" in text
    assert "#### 第6页" in text and "#### 第20页" in text and "支出总表" in text


def test_finding_rows_put_errors_first_and_label_pages():
    from assistant import present
    from assistant.audit import Finding
    found = [Finding("note", "合计≠各类之和", (3,), "n", {"a": "1"}), Finding("warning", "空白页", (2,), "w"),
             Finding("error", "类≠各款之和", (9, 10), "e", {"合计": "5", "各款之和": "6"})]
    rows = present.finding_rows(found)
    assert [r[0] for r in rows] == ["错误", "警告", "提示"]
    assert rows[0][2] == "第9页、第10页" and rows[0][4] == "合计 = 5\n各款之和 = 6"
    assert present.check_summary("x.pdf", []) == "《x.pdf》未发现数字或文字不一致的地方。"
    assert "错误 1 条，警告 1 条，提示 1 条" in present.check_summary("x.pdf", found)
