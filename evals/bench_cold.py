"""`python -m evals.bench_cold`: question latency with every sample document loaded, and `budgetqa ask` cold start.

Ingests the sample documents (default data/sample/, no vectors) into a temporary store, then
1. asks every development question (evals/cases/seed.jsonl and real.jsonl) in this process and
   prints p50/p95/max — the warm latency a web-chat user sees;
2. runs `budgetqa ask QUESTION --store S` as a new process several times and prints the median
   wall time — the cold start of the command line, which must not open Chroma on the no-LLM path;
   in the same run it times a bare interpreter and `import chromadb` alone, the baselines the
   cold start is compared with.
"""
from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")

ROOT = Path(__file__).resolve().parents[1]
COLD_QUESTIONS = ["平鲁区工信和科技局项目支出是多少？", "平鲁区工信和科技局人员经费占基本支出的比重是多少？", "上海市普陀区司法局2026年三公经费预算是多少？",
                  "万里街道2025年公务用车运行维护费安排了多少？", "长宁区教育局2026年的预算是多少？"]


def _pct(xs: list[float], p: float) -> float:
    xs = sorted(xs)
    return xs[max(0, int(len(xs) * p) - 1)] if xs else float("nan")


def _wall(cmd: list[str], repeat: int) -> float:
    """Median wall seconds of a command run `repeat` times (exit 0, or 2: `budgetqa ask` refused)."""
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        r = subprocess.run(cmd, capture_output=True, cwd=ROOT, timeout=300)
        times.append(time.perf_counter() - t)
        if r.returncode not in (0, 2):
            raise RuntimeError(f"{' '.join(cmd)} failed ({r.returncode}): {r.stderr.decode()[-500:]}")
    return statistics.median(times)


def run(docs: list[Path], repeat: int = 3) -> dict:
    """Warm latencies (ms) over the development questions; cold start seconds and its baselines."""
    from assistant import BudgetAssistant, Settings
    from evals.cases import load_cases

    store = tempfile.mkdtemp(prefix="budgetqa-cold-")
    qa = BudgetAssistant(store=store, settings=Settings.from_env(embed_on_ingest=False))
    qa.ingest_many(docs, workers=2)
    questions = [c.q for f in ("seed.jsonl", "real.jsonl") for c in load_cases(ROOT / "evals" / "cases" / f)]
    ms = []
    for q in questions:
        t = time.perf_counter()
        qa.ask(q, history={})
        ms.append((time.perf_counter() - t) * 1000)
    qa.close()
    py = sys.executable
    bare = _wall([py, "-c", "pass"], repeat)
    chroma = _wall([py, "-c", "import chromadb"], repeat)
    cold = [_wall([py, "-m", "assistant.cli", "ask", q, "--store", store], repeat) for q in COLD_QUESTIONS]
    return {"documents": len(qa.documents()), "questions": len(questions),
            "ask_ms": {"p50": statistics.median(ms), "p95": _pct(ms, 0.95), "max": max(ms)},
            "cold_s": {"median": statistics.median(cold), "max": max(cold), "each": cold},
            "bare_python_s": bare, "import_chromadb_s": chroma, "store": store}


def main(argv: list[str] | None = None) -> None:
    """Command line: [--docs FILE…] [--repeat 3]."""
    ap = argparse.ArgumentParser(prog="python -m evals.bench_cold", description=__doc__.splitlines()[0])
    ap.add_argument("--docs", nargs="*", default=None, help="documents to load (default: data/sample/*)")
    ap.add_argument("--repeat", type=int, default=3, help="runs of each cold command (the median counts)")
    args = ap.parse_args(argv)
    docs = [Path(p) for p in args.docs] if args.docs else sorted((ROOT / "data" / "sample").iterdir())
    r = run(docs, args.repeat)
    a, c = r["ask_ms"], r["cold_s"]
    print("| measure | value |\n|---|---|")
    print(f"| documents loaded · development questions asked | {r['documents']} · {r['questions']} |")
    print(f"| ask in process: p50 / p95 / max | {a['p50']:.1f} / {a['p95']:.1f} / {a['max']:.1f} ms |")
    print(f"| `budgetqa ask` cold start: median / worst question | {c['median']:.2f} / {c['max']:.2f} s |")
    print(f"| baseline: bare interpreter · `import chromadb` alone | {r['bare_python_s']:.2f} · {r['import_chromadb_s']:.2f} s |")
    print(f"| cold start ÷ `import chromadb` alone | {c['median'] / r['import_chromadb_s']:.2f} |")
    print(f"| load average after | {os.getloadavg()[0]:.1f} |")


if __name__ == "__main__":
    main()
