"""Score the consistency audit against a human checklist: recall of expected findings, precision of errors.

python -m evals.audit_eval --cases evals/cases/audit-sifaju-2026.jsonl \
    --docs data/sample/上海市普陀区司法局2026年度部门预算.pdf [--json OUT]
"""
from __future__ import annotations

import argparse
import json
import logging
import sys
import tempfile
from decimal import Decimal, InvalidOperation
from pathlib import Path

log = logging.getLogger(__name__)

# the checklist's wording of a defect → the audit rule that reports it
CHECKLIST_RULES = {
    "目录后多余空白页": "空白页",
    "同比比较年份错误（与本年度比较）": "比较年份错误",
    "句末缺少句号": "句末缺少句号",
    "连续重复标点（。。）": "连续重复标点",
    "增减百分比与所列金额不符（方向词错误）": "增减百分比与所列金额不符",
    "功能分类科目名称文字与表格不一致": "科目名称文字与表格不一致",
    "同一项目金额在说明中前后不一致（与表格不符）": "同一项目金额前后不一致",
    "引号不成对（多一个右引号）": "引号不成对",
}
# a checklist category → the audit rules of that family (used when a checklist wording is not mapped above)
FAMILIES = {
    "form": {"空白页", "比较年份错误", "句末缺少句号", "连续重复标点", "引号不成对", "占位符未替换", "句子未完成"},
    "text_table": {"增减百分比与所列金额不符", "科目名称文字与表格不一致", "同一项目金额前后不一致",
                   "文字金额与表格不一致", "占比与金额不符"},
    "within_table": {"合计≠各类之和", "类≠各款之和", "合计≠基本支出+项目支出", "合计≠人员经费+公用经费",
                     "合计列≠各列之和", "三公经费合计≠分项之和", "公务用车小计≠购置费+运行费"},
    "cross_table": {"收入总计≠支出总计", "支出总表与一般公共预算支出表不一致", "经济分类合计≠基本支出",
                    "项目支出表合计≠各项目之和", "项目金额≠绩效目标表年度资金总额",
                    "整体绩效目标资金总额≠支出总表合计"},
}


def load_expected(path: str | Path) -> list[dict]:
    """Expected findings from a JSONL checklist (one per line; blank and # lines skipped)."""
    out = []
    for n, line in enumerate(Path(path).read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        try:
            case = json.loads(line)
        except json.JSONDecodeError as exc:
            raise ValueError(f"{path}:{n}: 无效的核查用例：{exc}") from exc
        missing = {"id", "doc", "pages", "rule"} - set(case)
        if missing:
            raise ValueError(f"{path}:{n}: 核查用例缺少字段 {sorted(missing)}")
        out.append(case)
    return out


def _as_dict(f) -> dict:
    return f if isinstance(f, dict) else f.to_dict()


def _family(case: dict) -> set[str]:
    rule = case.get("audit_rule") or CHECKLIST_RULES.get(case["rule"])
    return {rule} if rule else FAMILIES.get(case.get("category", ""), set())


def _same_difference(want, got: str) -> bool:
    if want is None:
        return True
    try:
        return Decimal(str(want)) == Decimal(got)
    except (InvalidOperation, TypeError):
        return False


def matches(case: dict, finding) -> bool:
    """Same document, overlapping pages, same rule family, and the same difference when the case gives one."""
    f = _as_dict(finding)
    if f.get("doc") and case.get("doc") and Path(f["doc"]).name != Path(case["doc"]).name:
        return False
    if not set(f["pages"]) & set(case["pages"]) or f["rule"] not in _family(case):
        return False
    return _same_difference(case.get("expected_difference"), f.get("difference", ""))


def score_audit(expected: list[dict], findings) -> dict:
    """Recall over scorable expected items, precision over error-severity findings, and what was missed."""
    found = [_as_dict(f) for f in findings]
    cases = [c for c in expected if c.get("scorable", True)]
    hit = {c["id"]: [f for f in found if matches(c, f)] for c in cases}
    errors = [f for f in found if f["severity"] == "error"]
    good = [f for f in errors if any(matches(c, f) for c in cases)]
    return {
        "expected": len(cases),
        "found": sum(bool(v) for v in hit.values()),
        "recall": round(sum(bool(v) for v in hit.values()) / len(cases), 4) if cases else None,
        "errors": len(errors),
        "errors_expected": len(good),
        "precision": round(len(good) / len(errors), 4) if errors else None,
        "matched": {cid: [f"{f['rule']} p{','.join(map(str, f['pages']))}" for f in fs] for cid, fs in hit.items() if fs},
        "missed": [{k: c.get(k) for k in ("id", "doc", "pages", "category", "rule", "expected_difference",
                                          "checklist_text")} for c in cases if not hit[c["id"]]],
        "unexpected_errors": [{k: f[k] for k in ("doc", "pages", "rule", "message")} for f in errors
                              if f not in good],
    }


def audit_docs(paths: list[str | Path], store: str | Path | None = None) -> list:
    """Ingest each document (no vectors) into a store (temporary by default) and return all findings."""
    from assistant import BudgetAssistant, Settings
    from assistant.audit import check_doc
    store = store or tempfile.mkdtemp(prefix="budgetqa-audit-eval-")
    qa = BudgetAssistant(store=store, settings=Settings.from_env(embed_on_ingest=False))
    out = []
    try:
        for p in paths:
            r = qa.ingest(p)
            out += check_doc(qa.library.facts(r.doc_id), qa.library.warnings(r.doc_id))
    finally:
        qa.close()
    return out


def format_report(rep: dict) -> str:
    """The score as text: recall, precision, then each missed item and each unexpected error."""
    pct = lambda x: "—" if x is None else f"{x * 100:.1f}%"  # noqa: E731
    lines = [f"recall      {rep['found']}/{rep['expected']} = {pct(rep['recall'])}",
             f"precision   {rep['errors_expected']}/{rep['errors']} error findings expected = {pct(rep['precision'])}"]
    if rep["missed"]:
        lines += ["", f"missed ({len(rep['missed'])}):"]
        lines += [f"- {c['id']} p{c['pages']} {c['rule']}（{c.get('checklist_text') or ''}）" for c in rep["missed"]]
    if rep["unexpected_errors"]:
        lines += ["", f"errors not in the checklist ({len(rep['unexpected_errors'])}):"]
        lines += [f"- p{f['pages']} {f['rule']}：{f['message']}" for f in rep["unexpected_errors"]]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    """Command line: ingest, audit, score, print (and optionally write JSON)."""
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    p = argparse.ArgumentParser(prog="python -m evals.audit_eval", description="核查结果与人工检查表对比评分")
    p.add_argument("--cases", required=True, help="核查用例 JSONL（每行一个预期问题）")
    p.add_argument("--docs", nargs="+", required=True, help="要核查的 PDF/TXT 文件")
    p.add_argument("--json", default="", help="把评分报告写入这个 JSON 文件")
    args = p.parse_args(argv)
    from ingest.errors import IngestError
    try:
        expected = load_expected(args.cases)
        findings = audit_docs(args.docs)
    except (ValueError, FileNotFoundError, IngestError) as exc:
        print(f"错误：{exc}", file=sys.stderr)
        return 1
    rep = score_audit(expected, findings)
    if args.json:
        Path(args.json).parent.mkdir(parents=True, exist_ok=True)
        Path(args.json).write_text(json.dumps(rep, ensure_ascii=False, indent=1), encoding="utf-8")
    print(format_report(rep))
    return 0


if __name__ == "__main__":
    sys.exit(main())
