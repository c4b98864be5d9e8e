"""evals.audit_eval: the 司法局 checklist scored against the real audit, and the matching rules on their own."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from evals.audit_eval import load_expected, main, matches, score_audit

ROOT = Path(__file__).resolve().parents[1]
CASES = ROOT / "evals" / "cases" / "audit-sifaju-2026.jsonl"
SIFAJU = ROOT / "data" / "sample" / "上海市普陀区司法局2026年度部门预算.pdf"
DOC = SIFAJU.name


@pytest.fixture(scope="module")
def run(tmp_path_factory):
    """The command run once on the real PDF: (exit code, JSON report)."""
    out = tmp_path_factory.mktemp("audit-eval") / "report.json"
    code = main(["--cases", str(CASES), "--docs", str(SIFAJU), "--json", str(out)])
    return code, json.loads(out.read_text(encoding="utf-8"))


def test_checklist_recall_on_the_real_pdf_is_at_least_90_percent(run):
    code, rep = run
    assert code == 0
    assert rep["expected"] == 8  # a02 (text clipped by the page's clip path) is not scorable from text
    assert rep["recall"] >= 0.9, rep["missed"]
    assert rep["found"] == 8 and rep["missed"] == []


def test_precision_counts_only_error_findings(run):
    _, rep = run
    assert rep["errors"] >= rep["errors_expected"] >= 2
    assert rep["precision"] == round(rep["errors_expected"] / rep["errors"], 4)
    # ≤1 error-severity false alarm per document (issue 7)
    assert len(rep["unexpected_errors"]) <= 1


def finding(rule="增减百分比与所列金额不符", pages=(9,), severity="error", difference="108.73", doc=DOC):
    return {"doc": doc, "pages": list(pages), "rule": rule, "severity": severity, "message": "m",
            "values": {}, "expected": "", "difference": difference}


def case(**kw):
    base = {"id": "x1", "doc": DOC, "pages": [9], "category": "text_table",
            "rule": "增减百分比与所列金额不符（方向词错误）", "expected_difference": "108.73", "scorable": True}
    return base | kw


def test_match_needs_same_doc_overlapping_pages_rule_family_and_difference():
    assert matches(case(), finding())
    assert matches(case(pages=[8, 9, 10]), finding(pages=(9, 20)))
    assert not matches(case(), finding(doc="other.pdf"))
    assert not matches(case(), finding(pages=(10,)))
    assert not matches(case(), finding(rule="同一项目金额前后不一致"))
    assert not matches(case(), finding(difference="108.72"))
    assert matches(case(expected_difference=None), finding(difference="1"))
    assert matches(case(expected_difference="7.3"), finding(difference="7.30"))  # compared as numbers


def test_unmapped_checklist_wording_falls_back_to_its_category_family():
    c = case(rule="表内合计与各项之和不符", category="within_table", expected_difference=None)
    assert matches(c, finding(rule="类≠各款之和"))
    assert not matches(c, finding(rule="空白页"))


def test_score_reports_recall_precision_and_each_miss():
    expected = [case(), case(id="x2", pages=[23], rule="引号不成对（多一个右引号）", expected_difference=None,
                             category="form"),
                case(id="x3", scorable=False)]
    rep = score_audit(expected, [finding(), finding(rule="类≠各款之和", pages=(12,), difference="5")])
    assert rep["expected"] == 2 and rep["found"] == 1 and rep["recall"] == 0.5
    assert [m["id"] for m in rep["missed"]] == ["x2"]
    assert rep["errors"] == 2 and rep["errors_expected"] == 1 and rep["precision"] == 0.5
    assert [f["rule"] for f in rep["unexpected_errors"]] == ["类≠各款之和"]


def test_warnings_do_not_count_against_precision():
    rep = score_audit([case()], [finding(), finding(rule="句末缺少句号", severity="warning", pages=(8,))])
    assert rep["precision"] == 1.0 and rep["recall"] == 1.0


def test_malformed_checklist_line_is_named(tmp_path):
    f = tmp_path / "bad.jsonl"
    f.write_text(json.dumps(case()) + "\n{\"id\": \"x2\"}\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"bad.jsonl:2: .*缺少字段"):
        load_expected(f)
