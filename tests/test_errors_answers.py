"""Errors a user meets when asking and on the command line: refusals that say what is missing and what the
documents cover, and CLI exits that are one readable line (no traceback) with an exit code.
Files, workers, the store and web uploads: test_errors.py."""
from __future__ import annotations

import os
import subprocess
import sys

import pytest

from assistant import REFUSAL, BudgetAssistant, Settings
from conftest import ROOT, SEED

FAST = dict(embed_on_ingest=False, llm_model="")


# -- refusals -------------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def seed_only(tmp_path_factory):
    qa = BudgetAssistant(store=tmp_path_factory.mktemp("errors-seed"), settings=Settings.from_env(**FAST))
    qa.ingest(SEED)
    return qa


COVERED = "已载入的文档覆盖：朔州市平鲁区工信和科技局2026年预算。"


@pytest.mark.parametrize("question,says", [
    ("平鲁区工信和科技局2031年的预算是多少？", f"{REFUSAL}2031年的文档。{COVERED}"),
    ("火星区气象局的三公经费是多少？", f"{REFUSAL}“火星区”的文档。{COVERED}"),
    ("平鲁区工信和科技局局长的电话是多少？", f"{REFUSAL}这类个人或联系信息（预算公开文件只包含收支数字和说明）。{COVERED}"),
    ("平鲁区工信和科技局的航天发射经费是多少？", f"{REFUSAL}与“平鲁区工信和科技局的航天发射经费是多少？”对应的数字（朔州市平鲁区工信和科技局2026年预算）。"),
])
def test_a_refusal_says_what_is_missing_and_what_the_documents_cover(seed_only, question, says):
    ans = seed_only.ask(question, history={})
    assert not ans.answerable and ans.value is None and ans.citations == []
    assert ans.text.startswith(says), ans.text


def test_refusals_with_no_documents_and_a_stale_scope(seed_only, tmp_path):
    empty = BudgetAssistant(store=tmp_path / "empty", settings=Settings.from_env(**FAST))
    assert empty.ask("项目支出是多少？", history={}).text == f"{REFUSAL}任何文档：还没有载入文档，请先导入预算 PDF。"
    stale = seed_only.ask("项目支出是多少？", history={}, scope=["0123456789abcdef"]).text
    assert stale == f"{REFUSAL}所选范围内的文档（0123456789abcdef 已不在存储中）。{COVERED}"


# -- the CLI --------------------------------------------------------------------------------------
def _run_cli(*args, env=None):
    return subprocess.run([sys.executable, "-m", "assistant.cli", *args], capture_output=True, text=True, cwd=ROOT,
                          timeout=300, env={**os.environ, "PYTHONPATH": str(ROOT), **(env or {})})


def test_cli_errors_are_one_readable_line_and_an_exit_code(tmp_path):
    store = str(tmp_path / "store")
    runs = []

    def _cli(*args, env=None):
        runs.append(_run_cli(*args, env=env))
        return runs[-1]

    (tmp_path / "预算.docx").write_bytes(b"PK\x03\x04")
    r = _cli("ingest", str(tmp_path / "预算.docx"), "--no-embed", "--store", store)
    assert r.returncode == 1 and "✗ 预算.docx: 只支持 .pdf 和 .txt 文件" in r.stdout
    r = _cli("remove", "0123456789abcdef", "--store", store)
    assert r.returncode == 1 and r.stdout.strip() == "没有文档 0123456789abcdef"
    r = _cli("check", "0123456789abcdef", "--store", store)
    assert r.returncode == 1 and r.stderr.strip() == "没有文档 0123456789abcdef"
    r = _cli("ask", "项目支出是多少？", "--store", store)
    assert r.returncode == 2 and r.stdout.strip() == f"{REFUSAL}任何文档：还没有载入文档，请先导入预算 PDF。"
    r = _cli("docs", "--store", store, env={"BUDGETQA_TOP_K": "five"})
    assert r.returncode == 1 and r.stderr.strip() == "错误：BUDGETQA_TOP_K='five' 不是整数"
    cases = tmp_path / "cases.jsonl"
    cases.write_text('{"id": "a", "q": "项目支出是多少？", "value": 1}\n{"id": "a", "q": "基本支出是多少？", "value": 2}\n',
                     encoding="utf-8")
    r = _cli("eval", "--cases", str(cases), "--store", store)
    assert r.returncode == 2 and r.stderr.strip() == f"{cases}:2: 重复的用例 id 'a'"
    (tmp_path / "file").write_text("x")
    r = _cli("docs", "--store", str(tmp_path / "file"))
    assert r.returncode == 1 and r.stderr.startswith(f"错误：无法打开 Chroma 存储 {tmp_path / 'file'}：")
    assert r.stderr.strip().endswith("请用 --store 或 BUDGETQA_STORE 指定一个可写的目录")
    r = _cli("ingest", str(SEED), "--store", store, env={"BUDGETQA_EMBEDDING_MODEL": str(tmp_path / "no-model")})
    assert r.returncode == 1 and r.stderr.strip().startswith(f"错误：无法加载嵌入模型 {tmp_path / 'no-model'}（")
    assert "请把 BUDGETQA_EMBEDDING_MODEL 设为本机上的模型目录" in r.stderr
    assert not [r.args for r in runs if "Traceback" in r.stdout + r.stderr]
