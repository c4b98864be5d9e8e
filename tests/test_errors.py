"""Every error a user can meet, with the message it shows: it names the file (or setting, or store), says what
is wrong and what to do.

Real files, real pdfplumber, real Chroma, real parse workers, the real CLI and web app. Messages already
checked elsewhere are not repeated (refusals and CLI exit messages: test_errors_answers.py): the scanned and cid-garbage PDFs (test_quirks.py), HTML named .pdf and
the upload size cap (test_app.py), a second ingesting process (test_concurrency.py), an unreachable Chroma
server (test_chroma_server.py), case files (test_evals.py), chart refusals (test_charts.py).
Not produced here: CorruptPDF's "无法读取页面" (pdfminer reads every broken page tree we tried as 0 pages,
an EmptyDocument) and a blob missing from the store (KeyError "数据不完整", a store damaged by hand).
"""
from __future__ import annotations

import io
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from assistant import BudgetAssistant, Settings
from assistant.settings import SettingsError
from conftest import SEED, SIFAJU, minimal_pdf
from ingest import guard, parse_file
from ingest.errors import CorruptPDF, EmptyDocument, EncryptedPDF, IngestError, TooManyPages, UnsupportedFile
from vectorstore.store import StoreBusy, StoreError

FAST = dict(embed_on_ingest=False, llm_model="")


PAGE = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>"]


def _text_pdf(path: Path, pages: int = 1, encrypt=None, text: str = "部门预算说明 第{k}页：本部门无政府性基金预算",
              font: str = "STSong-Light") -> Path:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas
    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    c = canvas.Canvas(str(path), encrypt=encrypt)
    for k in range(pages):
        c.setFont(font, 12)
        c.drawString(72, 720, text.format(k=k + 1))
        c.showPage()
    c.save()
    return path


def _zip() -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("预算.xlsx", b"x" * 100)
    return buf.getvalue()


# name, content (None: no file), error class, what the message must say (the file's name comes first)
FILES = [
    ("不存在.pdf", None, IngestError, ["不存在.pdf: 文件不存在"]),
    ("空文件.pdf", b"", EmptyDocument, ["空文件.pdf: 文件是空的（0 字节）"]),
    ("压缩包.pdf", _zip(), UnsupportedFile, ["压缩包.pdf: 扩展名是 .pdf，但内容不是 PDF（看起来是ZIP）"]),
    ("乱码.pdf", b"\x00\x01garbage" * 50, UnsupportedFile, ["乱码.pdf: 扩展名是 .pdf，但内容不是 PDF（看起来是未知格式）"]),
    ("预算.docx", b"PK\x03\x04docx", UnsupportedFile, ["预算.docx: 只支持 .pdf 和 .txt 文件"]),
    ("gbk.txt", "部门预算 支出合计 100.00万元".encode("gbk"), UnsupportedFile,
     ["gbk.txt: 不是 UTF-8 编码的文本（第 0 字节）", "请另存为 UTF-8"]),
    ("空白.txt", " \n\n\t\n".encode(), EmptyDocument, ["空白.txt: 文本文件没有内容"]),
    ("只有文件头.pdf", b"%PDF-1.4\n%%EOF\n", CorruptPDF,
     ["只有文件头.pdf: 无法解析的 PDF（", "文件可能不完整或已损坏", "请重新下载或从原文件重新导出 PDF"]),
    ("零页.pdf", minimal_pdf([PAGE[0], b"<< /Type /Pages /Kids [] /Count 0 >>"]), EmptyDocument,
     ["零页.pdf: PDF 没有页面（0 页）", "请检查是否下载完整"]),
    # certificate security (/Adobe.PubSec): no password opens it here
    ("证书加密.pdf", minimal_pdf(PAGE + [b"<< /Filter /Adobe.PubSec /V 4 /R 4 /SubFilter /adbe.pkcs7.s5 >>"],
                         b"/Encrypt 4 0 R /ID [<0123456789abcdef0123456789abcdef><0123456789abcdef0123456789abcdef>] "),
     EncryptedPDF, ["证书加密.pdf: PDF 已加密，且加密方式无法解开（Unknown filter）", "另存为”不加密的 PDF"]),
]


@pytest.mark.parametrize("name,data,cls,says", FILES, ids=[f[0] for f in FILES])
def test_a_bad_file_is_a_named_error_that_names_it_and_says_what_to_do(tmp_path, name, data, cls, says):
    path = tmp_path / name
    if data is not None:
        path.write_bytes(data)
    with pytest.raises(IngestError) as err:
        parse_file(path)
    assert type(err.value) is cls
    for s in says:
        assert s in str(err.value), (str(err.value), s)


def test_a_password_protected_pdf_is_encrypted_not_corrupt(tmp_path):
    path = _text_pdf(tmp_path / "有密码.pdf", encrypt="预算2026")
    with pytest.raises(EncryptedPDF) as err:
        parse_file(path)
    assert str(err.value) == ("有密码.pdf: PDF 设置了打开密码（已加密），无法读取其中的文字和表格；请用 PDF 阅读器输入密码"
                              "打开后“另存为”不加密的 PDF（或向发布单位索取未加密的版本），再导入")


def test_a_pdf_encrypted_without_an_open_password_is_read(tmp_path):
    # owner password only (copying or printing restricted): readers open it without asking, and so do we.
    # Helvetica, not STSong-Light: reportlab leaves the CID font's nested CIDSystemInfo strings unencrypted,
    # so pdfminer (rightly) decrypts them into garbage and the page reads as cid codes (GarbledText).
    from reportlab.lib.pdfencrypt import StandardEncryption
    path = _text_pdf(tmp_path / "限制复制.pdf", encrypt=StandardEncryption("", ownerPassword="owner", canCopy=0),
                     text="Budget notes, page {k}: no government fund budget this year.", font="Helvetica")
    assert b"/Encrypt" in path.read_bytes()
    doc = parse_file(path)
    assert "Budget notes, page 1: no government fund budget this year." in doc.chunks[0].text


def test_more_pages_than_any_budget_is_named(tmp_path):
    from ingest.pdf import pdf_pages
    path = _text_pdf(tmp_path / "合订本.pdf", pages=4)
    with pytest.raises(TooManyPages, match=r"^合订本\.pdf: 4 页，超过上限 3 页，不像一份预算文件；请拆分后再导入$"):
        pdf_pages(path, max_pages=3)  # the real limit is 5000 (test_fuzz.py ingests a 6000-page file)


def test_an_error_in_the_worker_reaches_the_caller_whole_and_nothing_is_stored(tmp_path):
    qa = BudgetAssistant(store=tmp_path / "store", settings=Settings.from_env(**FAST))
    path = _text_pdf(tmp_path / "有密码.pdf", encrypt="secret")
    with pytest.raises(EncryptedPDF, match=r"^有密码\.pdf: PDF 设置了打开密码"):
        qa.ingest(path)
    assert qa.documents() == [] and qa.store.pending() == []


# -- the parse workers ------------------------------------------------------------------------
MARKER = "--preload=ingest.errors"  # on the command line of these tests' workers only


def _pool(preload=("ingest.errors",), post: str = "") -> guard.Pool:
    """A pool of its own (the tests' workers are not the library's shared ones)."""
    return guard.Pool(1, list(preload), post)


def test_a_parse_that_takes_too_long_is_stopped_and_named():
    pool = _pool()
    try:
        with pytest.raises(guard.ParseTimeout) as err:
            pool.run(SIFAJU, guard.Limits(seconds=0.3, seconds_per_page=0.0))
    finally:
        pool.close()
    msg = str(err.value)
    assert msg.startswith(f"{SIFAJU.name}: 解析 ") and "秒仍未完成" in msg and "已停止" in msg
    assert "BUDGETQA_PARSE_TIMEOUT" in msg
    assert _worker_pids(MARKER) == []  # "已停止" is true: the worker is gone, not still parsing


def test_a_decompression_bomb_is_out_of_memory_and_named(tmp_path):
    import zlib
    data = zlib.compress(b" " * (64 << 20), 1)  # a page whose content inflates to 64 MB
    path = tmp_path / "炸弹.pdf"
    path.write_bytes(minimal_pdf(PAGE[:2] + [b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>",
                                      b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(data) + data
                                      + b"\nendstream"]))
    pool = _pool()
    try:
        with pytest.raises(guard.ParseOutOfMemory) as err:
            pool.run(path, guard.Limits(seconds=60, memory_mb=32))
    finally:
        pool.close()
    assert str(err.value) == ("炸弹.pdf: 解析需要超过 32 MB 内存，已停止；文件可能是压缩炸弹或异常巨大"
                              "（上限可用 BUDGETQA_PARSE_MEMORY_MB 调整）")


def _worker_pids(marker: str) -> list[int]:
    out = []
    for d in Path("/proc").iterdir():
        try:
            cmd = (d / "cmdline").read_bytes().split(b"\0")
            stat = (d / "stat").read_text()
        except (OSError, ValueError):
            continue
        if b"ingest.worker" in cmd and marker.encode() in cmd and int(stat.rsplit(")", 1)[1].split()[1]) == os.getpid():
            out.append(int(d.name))
    return out


def test_a_worker_that_dies_mid_file_is_named():
    import signal
    pool = _pool()
    killed = []

    def kill_on_first_page(i: int, n: int) -> None:
        if not killed:  # a real SIGKILL to the real worker, as the OOM killer or an operator would send
            killed.extend(_worker_pids(MARKER))
            for pid in killed:
                os.kill(pid, signal.SIGKILL)

    try:
        with pytest.raises(guard.ParserCrashed) as err:
            pool.run(SIFAJU, guard.Limits(seconds=60), progress=kill_on_first_page)
    finally:
        pool.close()
    assert len(killed) == 1
    assert str(err.value) == (f"{SIFAJU.name}: 解析进程意外退出（信号 SIGKILL），文件可能已损坏或结构异常，"
                              "请检查文件后重试")


def test_a_worker_that_cannot_start_is_named_with_the_file():
    pool = _pool(preload=["budgetqa_no_such_module"])  # a broken installation: the worker dies on import
    try:
        with pytest.raises(guard.ParserCrashed) as err:
            pool.run(SEED)
    finally:
        pool.close()
    msg = str(err.value)
    assert msg.startswith(f"{SEED.name}: 解析进程没有启动（") and "退出码 1" in msg
    assert "请检查 Python 环境和依赖是否完整" in msg


def test_an_unexpected_parser_error_is_named():
    # No file we know of makes the parser raise an unexpected error (they become CorruptPDF and the
    # like); a post-parse step that raises takes the same path through the worker: ParseFailed.
    pool = _pool(post="builtins:len")
    try:
        with pytest.raises(guard.ParseFailed) as err:
            pool.run(SEED)
    finally:
        pool.close()
    assert str(err.value) == (f"{SEED.name}: 解析时出错（TypeError: object of type 'ParsedDocument' has no len()），"
                              "文件格式不规范，请检查文件或另存为 PDF 后重试")


# -- store, settings, embedding model -------------------------------------------------------------
def test_a_store_path_that_is_a_file_is_named(tmp_path):
    path = tmp_path / "store.txt"
    path.write_text("not a folder")
    with pytest.raises(StoreError, match=rf"^无法打开 Chroma 存储 {path}：FileExistsError.*请用 --store 或 BUDGETQA_STORE 指定一个可写的目录$"):
        BudgetAssistant(store=path, settings=Settings.from_env(**FAST))


def _hold_writer_lock(store: Path) -> subprocess.Popen:
    """Another process holding the store's writer lock, the way a running `budgetqa ingest` does."""
    code = ("import fcntl, os, sys; f = open(sys.argv[1], 'a+'); fcntl.flock(f, fcntl.LOCK_EX); f.seek(0); "
            "f.truncate(); f.write(str(os.getpid())); f.flush(); print('held', flush=True); sys.stdin.read()")
    p = subprocess.Popen([sys.executable, "-c", code, str(store / ".writer.lock")], stdin=subprocess.PIPE,
                         stdout=subprocess.PIPE, text=True)
    assert p.stdout.readline().strip() == "held"
    return p


def test_a_store_another_process_writes_is_named_with_its_pid(tmp_path):
    qa = BudgetAssistant(store=tmp_path / "store", settings=Settings.from_env(**FAST))
    other = _hold_writer_lock(tmp_path / "store")
    try:
        with pytest.raises(StoreBusy) as err:
            qa.ingest(SEED)
    finally:
        other.communicate("")
    msg = str(err.value)
    assert f"存储 {tmp_path / 'store'} 正被另一个进程（pid {other.pid}）写入" in msg
    assert "请等它结束后再试" in msg and "--chroma-url" in msg and "chroma run" in msg
    assert qa.ingest(SEED).pages == 39  # the lock gone, the same call works


def test_settings_errors_name_the_variable(monkeypatch):
    monkeypatch.setenv("BUDGETQA_TOP_K", "five")
    with pytest.raises(SettingsError, match=r"^BUDGETQA_TOP_K='five' 不是整数$"):
        Settings.from_env()
    monkeypatch.delenv("BUDGETQA_TOP_K")
    with pytest.raises(SettingsError, match=r"^未知设置：colour$"):
        Settings.from_env(colour="red")


def test_a_missing_embedding_model_names_the_setting(tmp_path):
    from vectorstore.embeddings import EmbeddingError
    missing = tmp_path / "no-model-here"
    qa = BudgetAssistant(store=tmp_path / "store",
                         settings=Settings.from_env(embed_on_ingest=True, embedding_model=str(missing), llm_model=""))
    with pytest.raises(EmbeddingError) as err:
        qa.ingest(SEED)
    assert str(err.value).startswith(f"无法加载嵌入模型 {missing}（")
    assert "请把 BUDGETQA_EMBEDDING_MODEL 设为本机上的模型目录" in str(err.value)
    assert qa.documents() == []


# -- the web app's uploads ------------------------------------------------------------------------
def _call(url: str, api: str, data: list) -> tuple[str, object]:
    """One event through Gradio's REST API: ('complete', outputs) or ('error', message)."""
    import json

    import httpx
    r = httpx.post(f"{url}gradio_api/call/{api}", json={"data": data}, timeout=60)
    r.raise_for_status()
    event = ""
    with httpx.stream("GET", f"{url}gradio_api/call/{api}/{r.json()['event_id']}", timeout=300) as s:
        for line in s.iter_lines():
            if line.startswith("event:"):
                event = line[6:].strip()
            elif line.startswith("data:") and event in ("complete", "error"):
                return event, json.loads(line[5:])
    return event, None


def test_web_uploads_name_each_rejected_file_and_never_leave_the_upload_folder(tmp_path):
    import httpx
    from gradio_client import Client, handle_file

    import app
    qa = BudgetAssistant(store=tmp_path / "store", settings=Settings.from_env(**FAST))
    demo = app.build_app(qa)
    demo.launch(prevent_thread_lock=True, quiet=True)
    try:
        c = Client(demo.local_url, download_files=False, verbose=False)

        def upload(path: Path) -> str:
            return c.predict(files=[handle_file(str(path))], api_name="/upload")[0]

        other = _hold_writer_lock(tmp_path / "store")
        try:
            busy = upload(SEED)
        finally:
            other.communicate("")
        assert busy.startswith(f"- ✗ {SEED.name}：出错了（StoreBusy）：存储 ") and f"pid {other.pid}" in busy
        assert "--chroma-url" in busy and qa.documents() == []

        (tmp_path / "预算.docx").write_bytes(b"PK\x03\x04")
        assert upload(tmp_path / "预算.docx") == "- ✗ 预算.docx：出错了（UnsupportedFile）：预算.docx: 只支持 .pdf 和 .txt 文件"
        locked = upload(_text_pdf(tmp_path / "有密码.pdf", encrypt="secret"))
        assert locked.startswith("- ✗ 有密码.pdf：出错了（EncryptedPDF）：有密码.pdf: PDF 设置了打开密码")

        # a file name that tries to climb out of the upload folder is cut to its last part
        r = httpx.post(f"{demo.local_url}gradio_api/upload", timeout=60,
                       files=[("files", ("../../../逃逸.txt", SEED.read_bytes(), "text/plain"))])
        (stored,) = r.json()
        assert Path(stored).name == "逃逸.txt" and ".." not in Path(stored).parts
        assert Path(stored).resolve().is_relative_to(Path(demo.GRADIO_CACHE).resolve())
        event, out = _call(demo.local_url, "upload", [[{"path": stored, "meta": {"_type": "gradio.FileData"}}], app.ALL])
        assert event == "complete" and out[0].startswith("- ✓ 逃逸.txt：已导入")
        # a path outside the upload folder is refused by the server before the app sees it
        event, out = _call(demo.local_url, "upload", [[{"path": str(SIFAJU), "meta": {"_type": "gradio.FileData"}}],
                                                      app.ALL])
        assert event == "error" and [d.source for d in qa.documents()] == ["逃逸.txt"]
    finally:
        demo.close()
