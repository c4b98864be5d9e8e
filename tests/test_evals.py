"""evals.cases, evals.runner and `budgetqa eval`: loading, value scoring, regressions, the LLM path, the JSON report."""
from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest
from langchain_core.language_models.fake_chat_models import GenericFakeChatModel
from langchain_core.messages import AIMessage
from langchain_core.outputs import ChatGeneration, ChatResult
from pydantic import Field

from assistant import REFUSAL, Answer, BudgetAssistant, Settings
from evals.cases import Case, CaseError, load_cases
from evals.runner import compare, report, run, score, summarize

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "data" / "sample" / "pinglu-gongxin-keji-2026-budget.txt"
SEED_CASES = ROOT / "evals" / "cases" / "seed.jsonl"
WAN = "万元"


def seed_cases(*ids: str) -> list[Case]:
    """Cases from the project's seed development set, by id."""
    by_id = {c.id: c for c in load_cases(SEED_CASES)}
    return [by_id[i] for i in ids]


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    """A store holding the seed (lexical only: no embedding model needed)."""
    path = tmp_path_factory.mktemp("evals-store")
    qa = BudgetAssistant(store=path, settings=Settings.from_env(embed_on_ingest=False, llm_model=""))
    qa.ingest(SEED)
    qa.close()
    return path


@pytest.fixture(scope="module")
def qa(store):
    """The deterministic assistant over the seed."""
    return BudgetAssistant(store=store, settings=Settings.from_env(embed_on_ingest=False, llm_model=""))


# -- loading cases -------------------------------------------------------------------------------
def write(tmp_path: Path, *lines: str) -> Path:
    f = tmp_path / "cases.jsonl"
    f.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return f


GOOD = '{"id": "p01", "q": "项目支出是多少？", "value": 971.43, "unit": "万元", "page": 6}'


def test_loader_skips_blank_and_comment_lines_and_defaults_the_kind(tmp_path):
    cases = load_cases(write(tmp_path, "# seed", "", GOOD))
    assert [(c.id, c.kind, c.value, c.page) for c in cases] == [("p01", "lookup", 971.43, 6)]


def test_loader_names_the_line_of_a_case_without_an_expectation(tmp_path):
    f = write(tmp_path, GOOD, "", '{"id": "p02", "q": "国有资本经营预算收入有多少？"}')
    with pytest.raises(CaseError, match=rf"{re.escape(str(f))}:3: 无效的用例"):
        load_cases(f)


def test_loader_names_the_line_of_a_wrong_type_and_of_broken_json(tmp_path):
    with pytest.raises(CaseError, match=r"cases.jsonl:2: 无效的用例.*validation error"):
        load_cases(write(tmp_path, GOOD, '{"id": "p02", "q": "x", "value": 1, "page": "第六页"}'))
    with pytest.raises(CaseError, match=r"cases.jsonl:1: 无效的用例"):
        load_cases(write(tmp_path, '{"id": "p01", "q": '))


def test_loader_names_a_duplicate_id_and_its_line(tmp_path):
    with pytest.raises(CaseError, match=r"cases.jsonl:2: 重复的用例 id 'p01'"):
        load_cases(write(tmp_path, GOOD, GOOD))


def test_loader_reads_a_folder_and_leaves_the_audit_checklist_out():
    cases = load_cases(ROOT / "evals" / "cases")
    assert len(cases) >= 150 and not any(c.id.startswith("a0") for c in cases)
    assert len({c.id for c in cases}) == len(cases)


# -- scoring by value ---------------------------------------------------------------------------
def case(**kw) -> Case:
    return Case.model_validate({"id": "t", "q": "q"} | kw)


def ans(value=None, unit=None, text="", answerable=True) -> Answer:
    return Answer(text=text, value=None if value is None else Decimal(value), unit=unit, answerable=answerable)


def test_a_real_answer_in_wan_yuan_scores_against_yuan_and_yi_yuan(qa):
    a = qa.ask("项目支出是多少？", history={})
    assert (a.value, a.unit) == (Decimal("971.43"), WAN)
    assert score(case(value=971.43, unit=WAN), a)
    assert score(case(value=9714300, unit="元"), a)
    assert score(case(value=0.0971, unit="亿元"), a)  # 0.3% covers the rounding of a converted figure
    assert not score(case(value=9800000, unit="元"), a)  # 0.9% off
    assert not score(case(value=971.45, unit=WAN), a)  # same unit: within 0.01 only


def test_unit_conversion_allows_three_per_mille_not_more():
    assert score(case(value=1000, unit=WAN), ans("10020000", "元"))  # 0.2%
    assert not score(case(value=1000, unit=WAN), ans("10040000", "元"))  # 0.4%
    assert score(case(value=74.66, unit="%"), ans("74.66", "%"))
    assert not score(case(value=74.66, unit="%"), ans("74.66", WAN))  # a share is not an amount


def test_zero_or_none_accepts_zero_or_an_explicit_none(qa):
    real = qa.ask("国有资本经营预算支出有多少？", history={})
    assert real.value == 0 and real.text.startswith("无")
    assert score(case(zero_or_none=True), real)
    assert score(case(zero_or_none=True), ans("0", WAN, "为 0万元。"))
    assert score(case(zero_or_none=True), ans(None, None, "无。本表为空表。"))
    assert not score(case(zero_or_none=True), ans("12.5", WAN, "无关的 12.5万元"))
    assert not score(case(zero_or_none=True), ans(None, None, "没有找到", answerable=False))


def test_unanswerable_needs_a_refusal_without_a_number(qa):
    real = qa.ask("2031年的预算是多少？", history={})
    assert score(case(unanswerable=True), real)
    assert not score(case(unanswerable=True), qa.ask("项目支出是多少？", history={}))
    assert not score(case(unanswerable=True), ans("1", WAN, "文档中没有找到", answerable=False))


def test_text_any_must_appear_in_the_answer(qa):
    real = qa.ask("金额最小的项目是哪个？", history={})
    assert score(case(value=1.86, unit=WAN, text_any=["抚恤金"]), real)
    assert not score(case(value=1.86, unit=WAN, text_any=["取暖补贴"]), real)
    assert score(case(text_any=["抚恤金", "取暖"]), real)  # text alone is an expectation
    assert not score(case(value=1.86, unit=WAN), ans(None, None, "文档中没有找到", answerable=False))


# -- comparing with a baseline ----------------------------------------------------------------------
def rep(accuracy: float, **correct: bool) -> dict:
    return {"summary": {"accuracy": accuracy},
            "cases": [{"id": i, "q": f"问题{i}", "correct": c} for i, c in correct.items()]}


def test_compare_names_a_case_that_turned_wrong_and_the_accuracy_drop():
    problems = compare(rep(0.5, p01=True, p02=False), rep(1.0, p01=True, p02=True))
    assert problems == ["accuracy fell from 1.0 to 0.5",
                        "case p02 (问题p02) was correct in the baseline and is wrong now"]


def test_compare_accepts_improvements_and_new_cases():
    assert compare(rep(1.0, p01=True, p02=True, p03=False), rep(0.5, p01=True, p02=False)) == []
    # a swap at equal accuracy is still a regression: the case that turned wrong is named
    assert compare(rep(0.5, p01=False, p02=True), rep(0.5, p01=True, p02=False)) == [
        "case p01 (问题p01) was correct in the baseline and is wrong now"]


# -- the LLM path, with a fake chat model ----------------------------------------------------------
class ByQuestion(GenericFakeChatModel):
    """A fake chat model that answers from a script keyed by words of the question; it remembers each call."""

    messages: object = iter(())
    replies: dict = Field(default_factory=dict)
    seen: list = Field(default_factory=list)

    def _generate(self, messages, stop=None, run_manager=None, **kwargs):
        self.seen.append(list(messages))
        asked = "".join(str(m.content) for m in messages)
        question = re.search(r"<问题>(.*?)</问题>", asked, re.S).group(1)
        reply = next(r for key, r in self.replies.items() if key in question)
        return ChatResult(generations=[ChatGeneration(message=AIMessage(reply))])


def test_runner_scores_the_llm_path_over_seed_cases(store):
    cases = seed_cases("s001", "s005", "s110", "s121") + [
        # the document says 971.43: a wrong expectation is scored wrong, whatever the model says
        case(id="x01", q="项目支出是多少？", value=999, unit=WAN, kind="lookup")]
    llm = ByQuestion(replies={
        "住房公积金": "住房公积金安排了23.42万元。",  # grounded: accepted as the LLM's answer
        "事业运行": "事业运行预算为999万元。",  # invented twice: the deterministic answer stands
        "国有资本": "国有资本经营预算支出为0万元，本表为空表。",
        "2031": f"{REFUSAL}2031年的预算。",
        "项目支出": "项目支出为971.43万元。"})
    qa = BudgetAssistant(store=store, llm=llm, settings=Settings.from_env(embed_on_ingest=False))
    results = run(qa, cases)
    assert {r.case.id: r.correct for r in results} == {"s001": True, "s005": True, "s110": True, "s121": True,
                                                       "x01": False}
    kinds = {r.case.id: r.got["kind"] for r in results}
    assert kinds["s001"] == kinds["x01"] == "llm"
    assert kinds["s005"] == "lookup"  # the model's 999 was rejected
    assert "999" not in results[1].got["text"]
    assert len(llm.seen) >= len(cases) + 1  # every case went to the model, 事业运行 twice

    s = summarize(results)
    assert (s["total"], s["correct"], s["accuracy"]) == (5, 4, 0.8)
    assert s["by_kind"]["lookup"] == {"total": 3, "correct": 2, "accuracy": 0.6667}
    assert s["by_kind"]["unanswerable"] == {"total": 1, "correct": 1, "accuracy": 1.0}
    assert s["refusal_precision"] == 1.0 and s["refusal_recall"] == 1.0
    assert s["citation_accuracy"] == 1.0  # s001, s005 and x01 cite page 6
    assert set(s["latency_ms"]) == {"p50", "p95"}
    assert [c["id"] for c in report(results)["cases"] if not c["correct"]] == ["x01"]


# -- `budgetqa eval --json` ----------------------------------------------------------------------------
def test_budgetqa_eval_writes_the_documented_json_report(tmp_path):
    cases = tmp_path / "three.jsonl"
    cases.write_text("".join(c.model_dump_json(exclude_none=True) + "\n"
                             for c in seed_cases("s001", "s110", "s121")), encoding="utf-8")
    out = tmp_path / "out" / "report.json"
    env = os.environ | {"PYTHONPATH": str(ROOT), "BUDGETQA_LLM_MODEL": "", "HF_HUB_OFFLINE": "1"}
    script = Path(sys.executable).parent / "budgetqa"  # the installed console script
    cmd = [str(script)] if script.exists() else [sys.executable, "-m", "assistant.cli"]
    proc = subprocess.run([*cmd, "eval", "--cases", str(cases), "--docs", str(SEED),
                           "--json", str(out), "--no-embed", "--quiet"],
                          cwd=tmp_path, env=env, capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr
    assert "accuracy            3/3 = 100.0%" in proc.stdout
    rep = json.loads(out.read_text(encoding="utf-8"))
    assert set(rep) == {"summary", "cases"}
    s = rep["summary"]
    assert {"total", "correct", "accuracy", "by_kind", "citation_accuracy", "refusal_precision", "refusal_recall",
            "hit_at_5", "latency_ms"} <= set(s)
    assert (s["total"], s["correct"], s["accuracy"]) == (3, 3, 1.0)
    assert set(s["by_kind"]) == {"lookup", "none", "unanswerable"} and set(s["latency_ms"]) == {"p50", "p95"}
    assert [c["id"] for c in rep["cases"]] == ["s001", "s110", "s121"]
    for c in rep["cases"]:
        assert {"id", "q", "expected", "got", "correct"} <= set(c) and c["correct"] is True
    assert rep["cases"][0]["expected"]["value"] == 23.42 and rep["cases"][0]["got"]["value"] == "23.42"
    assert rep["cases"][2]["got"]["answerable"] is False
