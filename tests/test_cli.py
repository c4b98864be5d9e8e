"""The budgetqa CLI: ingest, ask --json, docs; every command is documented in the README."""
import json
import subprocess
import sys

from conftest import ROOT, SIFAJU


def run(*args, store):
    return subprocess.run([sys.executable, "-m", "assistant.cli", *args, "--store", str(store)],
                          capture_output=True, text=True, cwd=ROOT, timeout=300)


def test_ingest_real_pdf_and_ask_json(tmp_path):
    store = tmp_path / "store"
    r = run("ingest", str(SIFAJU), "--no-embed", store=store)
    assert r.returncode == 0, r.stderr
    assert "23 页" in r.stdout
    r = run("ask", "司法局公务接待费是多少？", "--json", store=store)
    out = json.loads(r.stdout)
    assert set(out) >= {"text", "value", "unit", "citations", "calculation", "answerable"}
    assert out["answerable"] and out["citations"][0]["page"] == 21
    r = run("docs", store=store)
    assert "上海市普陀区司法局" in r.stdout and "2026" in r.stdout


def test_bad_file_gets_a_readable_error(tmp_path):
    bad = tmp_path / "fake.pdf"
    bad.write_bytes(b"<html><body>not a pdf</body></html>")
    r = run("ingest", str(bad), store=tmp_path / "store")
    assert r.returncode == 1 and "不是 PDF" in r.stdout and "Traceback" not in r.stderr


def test_every_command_is_in_the_readme():
    from assistant.cli import build_parser
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    sub = next(a for a in build_parser()._actions if a.dest == "command")
    for name in sub.choices:
        assert f"budgetqa {name}" in readme, name
