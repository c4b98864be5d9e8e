"""Ask every case, score by value (never by an LLM), and report accuracy, citations, refusals."""
from __future__ import annotations

import json
import re
import statistics
import time
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from evals.cases import Case

MONEY = {"元": Decimal(1), "万元": Decimal(10000), "亿元": Decimal(100000000), "千元": Decimal(1000),
         "十万元": Decimal(100000), "百万元": Decimal(1000000), "千万元": Decimal(10000000)}


@dataclass
class Result:
    """One case's outcome."""

    case: Case
    got: dict
    correct: bool
    cited_ok: bool | None
    hit5: bool | None
    ms: float


def score(case: Case, ans) -> bool:
    """Is an answer right for a case? Value within 0.01 (0.3% after a unit conversion)."""
    text = ans.text or ""
    if case.unanswerable:
        return (not ans.answerable) and ans.value is None
    if case.zero_or_none:
        return ans.answerable and (ans.value == 0 or "无" in text[:12]) if ans.value in (None, 0) else False
    if not ans.answerable:
        return False
    if case.text_any and not any(t in text for t in case.text_any):
        return False
    if case.value is None:
        return True
    if ans.value is None:
        return False
    want = Decimal(str(case.value))
    got = Decimal(ans.value)
    unit = case.unit or ans.unit
    if unit in MONEY and ans.unit in MONEY and ans.unit != unit:
        got = got * MONEY[ans.unit] / MONEY[unit]
        return abs(got - want) <= abs(want) * Decimal("0.003") + Decimal("0.01")
    def base(u: str) -> str:  # '台（套）' is counted as 台; a set writes percentage points with %
        return "%" if u in ("个百分点", "百分点") else re.split(r"[（(]", u)[0]

    if case.unit and ans.unit and base(case.unit) != base(ans.unit) \
            and not (case.unit in _ITEMS and ans.unit in _ITEMS) \
            and not (case.unit in ("人", "名", "位") and ans.unit in ("人", "名", "位")):  # (people: 人 = 名 = 位)
        return False
    return abs(got - want) <= Decimal("0.01")


_ITEMS = ("个", "项", "家", "条", "笔")  # (things counted: 个 = 项 = 家, and rows counted as 条 or 笔)


def run(qa, cases: list[Case], progress=None) -> list[Result]:
    """Ask each case with a fresh conversation; time it; check its citation page and retrieval."""
    out = []
    for i, case in enumerate(cases):
        t0 = time.perf_counter()
        ans = qa.ask(case.q, history={})
        ms = (time.perf_counter() - t0) * 1000
        ok = score(case, ans)
        cited = None
        if case.page is not None and ans.value is not None and not case.unanswerable and not case.zero_or_none:
            cited = any(c.page == case.page for c in ans.citations)
        hit = None
        if case.page is not None and case.doc:
            hits = qa.search(case.q, k=5)
            docs = {d.doc_id: d.source for d in qa.documents()}
            hit = any(h.page == case.page and docs.get(h.doc_id) == case.doc for h in hits)
        out.append(Result(case, ans.to_dict(), ok, cited, hit, ms))
        if progress:
            progress(i + 1, len(cases))
    return out


def summarize(results: list[Result]) -> dict:
    """The report's summary block."""
    n = len(results)
    correct = sum(r.correct for r in results)
    by_kind: dict[str, dict] = {}
    for r in results:
        k = by_kind.setdefault(r.case.kind, {"total": 0, "correct": 0})
        k["total"] += 1
        k["correct"] += int(r.correct)
    for k in by_kind.values():
        k["accuracy"] = round(k["correct"] / k["total"], 4)
    cited = [r.cited_ok for r in results if r.cited_ok is not None]
    hits = [r.hit5 for r in results if r.hit5 is not None]
    refused = [r for r in results if not r.got["answerable"]]
    should = [r for r in results if r.case.unanswerable]
    tp = sum(1 for r in refused if r.case.unanswerable)
    ms = sorted(r.ms for r in results) or [0.0]
    return {
        "total": n, "correct": correct, "accuracy": round(correct / n, 4) if n else 0.0,
        "by_kind": dict(sorted(by_kind.items())),
        "citation_accuracy": round(sum(cited) / len(cited), 4) if cited else None,
        "refusal_precision": round(tp / len(refused), 4) if refused else None,
        "refusal_recall": round(tp / len(should), 4) if should else None,
        "hit_at_5": round(sum(hits) / len(hits), 4) if hits else None,
        "latency_ms": {"p50": round(statistics.median(ms), 1),
                       "p95": round(ms[min(len(ms) - 1, int(len(ms) * 0.95))], 1)},
    }


def report(results: list[Result]) -> dict:
    """The machine-readable report."""
    return {"summary": summarize(results),
            "cases": [{"id": r.case.id, "q": r.case.q, "kind": r.case.kind,
                       "expected": r.case.model_dump(exclude_none=True, exclude={"id", "q"}),
                       "got": {"value": r.got["value"], "unit": r.got["unit"], "answerable": r.got["answerable"],
                               "text": r.got["text"][:300],
                               "pages": sorted({c["page"] for c in r.got["citations"]})},
                       "correct": r.correct} for r in results]}


def format_table(rep: dict) -> str:
    """The report as text: summary, per-kind table, then each miss."""
    s = rep["summary"]
    pct = lambda x: "—" if x is None else f"{x * 100:.1f}%"  # noqa: E731
    lines = [f"accuracy            {s['correct']}/{s['total']} = {pct(s['accuracy'])}",
             f"citation accuracy   {pct(s['citation_accuracy'])}",
             f"refusal precision   {pct(s['refusal_precision'])}   recall {pct(s['refusal_recall'])}",
             f"retrieval hit@5     {pct(s['hit_at_5'])}",
             f"latency ms          p50 {s['latency_ms']['p50']}   p95 {s['latency_ms']['p95']}",
             "", f"{'kind':<14}{'correct':>8}{'total':>7}{'accuracy':>10}"]
    for k, v in s["by_kind"].items():
        lines.append(f"{k:<14}{v['correct']:>8}{v['total']:>7}{pct(v['accuracy']):>10}")
    misses = [c for c in rep["cases"] if not c["correct"]]
    if misses:
        lines += ["", f"misses ({len(misses)}):"]
        for c in misses:
            e = c["expected"]
            want = e.get("value", "无" if e.get("zero_or_none") else "不可回答" if e.get("unanswerable") else e.get("text_any"))
            lines.append(f"- {c['id']} {c['q']}\n    expected {want} {e.get('unit') or ''} p{e.get('page')}"
                         f"\n    got      {c['got']['value']} {c['got']['unit'] or ''} p{c['got']['pages']} {c['got']['text'][:120]}")
    return "\n".join(lines)


def compare(rep: dict, baseline: dict) -> list[str]:
    """Regressions against a baseline report: accuracy drop or a case that turned wrong."""
    problems = []
    if rep["summary"]["accuracy"] + 1e-9 < baseline["summary"]["accuracy"]:
        problems.append(f"accuracy fell from {baseline['summary']['accuracy']} to {rep['summary']['accuracy']}")
    now = {c["id"]: c["correct"] for c in rep["cases"]}
    for c in baseline["cases"]:
        if c["correct"] and now.get(c["id"]) is False:
            problems.append(f"case {c['id']} ({c['q']}) was correct in the baseline and is wrong now")
    return problems


def load_report(path: str | Path) -> dict:
    """A saved JSON report."""
    return json.loads(Path(path).read_text(encoding="utf-8"))
