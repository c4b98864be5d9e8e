"""The web app in headless Chromium: load, upload a PDF, ask, open a source, see a chart; nothing leaves 127.0.0.1."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from decimal import Decimal
from pathlib import Path
from urllib.parse import urlparse

import pytest

os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")
os.environ.setdefault("HF_HUB_OFFLINE", "1")

import app  # noqa: E402
from assistant import BudgetAssistant, Settings  # noqa: E402
from conftest import ROOT, SEED, SIFAJU  # noqa: E402

CHROMIUM = Path("/usr/bin/chromium")
# the closed network refuses Chromium's own background calls; these flags stop it making them
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]
ARTIFACTS = ROOT / "tests" / "artifacts"
SCREENSHOTS = ROOT / "docs" / "screenshots"  # refreshed when BUDGETQA_UPDATE_SCREENSHOTS=1
LOCAL = {"127.0.0.1", "localhost"}
WAIT = 30_000  # ms; the longest step is ingesting the 23-page PDF (~10 s)
SERVER_CONNECTS: list | None = None  # while a list, every connect and name lookup of this process is recorded


def _record_connects(event: str, args: tuple) -> None:
    if SERVER_CONNECTS is not None and event in ("socket.connect", "socket.getaddrinfo"):
        SERVER_CONNECTS.append(args[1] if event == "socket.connect" else (args[0], args[1]))


sys.addaudithook(_record_connects)  # audit hooks cannot be removed: this one is idle outside the test


def _ensure_chromium() -> None:
    """Install Debian's chromium when missing; skip only when that is impossible here."""
    if CHROMIUM.exists():
        return
    if shutil.which("apt-get") is None or os.geteuid() != 0:
        pytest.skip("/usr/bin/chromium is missing and cannot be installed here (needs root and apt-get): "
                    "run `apt-get install -y chromium`")
    done = subprocess.run("apt-get update -qq && apt-get install -y -qq chromium", shell=True,
                          capture_output=True, text=True, timeout=900)
    if done.returncode != 0 or not CHROMIUM.exists():
        pytest.skip(f"/usr/bin/chromium is missing and `apt-get install chromium` failed: {done.stderr[-300:]}")


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    """The app over a store holding the seed text, served on a free local port (its connects recorded)."""
    global SERVER_CONNECTS
    SERVER_CONNECTS = []
    qa = BudgetAssistant(store=tmp_path_factory.mktemp("browser-store"),
                         settings=Settings.from_env(embed_on_ingest=False, llm_model=""))
    qa.ingest(SEED)
    demo = app.build_app(qa)
    app.serve(demo, prevent_thread_lock=True, server_name="127.0.0.1", server_port=None, quiet=True)
    yield qa, demo.local_url
    demo.close()
    SERVER_CONNECTS = None


@pytest.fixture(scope="module")
def browser_page(server):
    """One headless Chromium page; every request URL it makes is recorded in page.requests."""
    _ensure_chromium()
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:  # pragma: no cover - the test extra installs it
        pytest.fail("playwright is not installed: `pip install -e '.[test]'` (never `playwright install`)")
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        page = browser.new_page(viewport={"width": 1400, "height": 1000}, locale="zh-CN")
        page.requests = []
        page.on("request", lambda r: page.requests.append(r.url))
        page.on("websocket", lambda ws: page.requests.append(ws.url))
        page.set_default_timeout(WAIT)
        yield page
        browser.close()


def shot(page, name: str) -> None:
    """A screenshot into tests/artifacts/ (and docs/screenshots/ when asked to refresh them)."""
    path = ARTIFACTS / f"{name}.png"
    page.screenshot(path=str(path))
    if os.environ.get("BUDGETQA_UPDATE_SCREENSHOTS") == "1":
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(path, SCREENSHOTS / path.name)


def ask(page, question: str, done: str) -> None:
    """Type a question, send it, wait until the last bot message contains `done`."""
    page.fill("#question textarea", question)
    page.keyboard.press("Enter")
    page.locator("#chat .bot").last.filter(has_text=done).wait_for()


def test_page_upload_answer_source_and_chart(server, browser_page):
    qa, url = server
    page = browser_page
    started = time.monotonic()

    # first load: the chat, the chart panel and example questions built from the seed document
    page.goto(url)
    page.wait_for_selector("#question textarea")
    examples = page.get_by_text("朔州市平鲁区工信和科技局2026年", exact=False)
    assert examples.count() >= 2
    # the chart panel opens on the loaded document's spending structure
    page.wait_for_selector('#chart svg.budget-chart[data-kind="function"] rect[data-label="资源勘探工业信息等支出"]')
    shot(page, "01-start")

    # library: upload the 司法局 PDF and see it in the documents table
    page.get_by_role("tab", name="文档库").click()
    page.set_input_files("#upload-files input[type=file]", str(SIFAJU))
    # (the file's upload to the server shows its name; on a loaded 2-core machine at the end of the
    # suite this took over 30 s once, so these waits allow 120 s)
    page.locator("#upload-files").get_by_text(SIFAJU.name).first.wait_for(timeout=120_000)
    page.click("#upload-button")
    page.locator("#upload-status").get_by_text("已导入").wait_for(timeout=120_000)
    page.locator("#doc-table").get_by_text("上海市普陀区司法局").first.wait_for()
    assert page.locator("#upload-status").get_by_text("23 页").count() == 1
    shot(page, "02-library")

    # a question: the number and unit in bold first, a collapsible source with its page
    page.get_by_role("tab", name="问答").click()
    ask(page, "司法局2026年项目支出是多少？", "来源")
    reply = page.locator("#chat .bot").last
    assert reply.locator("strong").first.inner_text().strip() == "70,540,547.00 元"
    details = reply.locator("details")
    assert not details.get_attribute("open")
    details.locator("summary").click()
    source = details.locator("li").first
    source.wait_for(state="visible")
    assert "第13页" in source.inner_text() and "2026年部门支出预算总表" in source.inner_text()
    shot(page, "03-answer-with-source")

    # a structure question: the chart panel draws the 功能分类 类 bars with the table's numbers
    ask(page, "司法局支出结构", "图表")
    page.wait_for_selector('#chart svg.budget-chart[data-kind="function"] rect[data-label="公共安全支出"]')
    assert "上海市普陀区司法局" in page.locator("#chart-doc input").input_value()
    bars = {b.get_attribute("data-label"): Decimal(b.get_attribute("data-value"))
            for b in page.locator("#chart rect.bar").all()}
    doc = next(d for d in qa.documents() if d.source == SIFAJU.name)
    table = {f.row_label: f.value for f in qa.library.facts(doc.doc_id).facts
             if f.table_title == "2026年部门支出预算总表" and len(f.subject_code) == 3
             and f.column == "支出预算/合计"}
    assert bars == table == {"公共安全支出": Decimal("87267272.44"), "社会保障和就业支出": Decimal("3343704.00"),
                             "卫生健康支出": Decimal("1149678.00"), "住房保障支出": Decimal("4521559.00")}
    assert "87,267,272.44（90.64%）" in page.locator("#chart").inner_text()
    shot(page, "04-structure-chart")

    # the panel's own controls: 基本/项目 for the same document
    page.locator("#chart-kind").get_by_text("基本支出与项目支出").click()
    page.wait_for_selector('#chart svg.budget-chart[data-kind="basic_project"]')
    assert "70,540,547.00（73.26%）" in page.locator("#chart").inner_text()

    # nothing but the local server was asked for anything (no fonts, scripts or analytics)
    hosts = {urlparse(u).hostname for u in page.requests if urlparse(u).scheme not in ("data", "blob", "about")}
    assert page.requests and hosts <= LOCAL, sorted(u for u in page.requests if urlparse(u).hostname not in LOCAL)
    # ... and the server (this process) looked up and connected to nothing but itself, from launch on
    connects = list(SERVER_CONNECTS)
    assert connects and all(isinstance(a, tuple) and a[0] in ("127.0.0.1", "::1", "localhost", b"127.0.0.1", b"localhost")
               for a in connects), connects
    assert time.monotonic() - started < 90
