"""`python -m evals.bench_ask --store DIR --corpus DIR`: question latency over an existing store, by kind.

Asks the fixed mix of evals.bench_scale (lookups with known values, shares, refusals) twice —
cold (each document's cells read from the store on first use) and warm — and prints p50/p95/max
per kind and the time spent choosing documents versus answering, to see what grows with N.
"""
from __future__ import annotations

import argparse
import os
import statistics
import time
from collections import defaultdict

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")


def _pct(xs: list[float], p: float) -> float:
    xs = sorted(xs)
    return xs[max(0, int(len(xs) * p) - 1)] if xs else float("nan")


def run(store: str, corpus: str, n: int = 200, seed: int = 0) -> dict:
    """Latencies (ms) by kind, cold and warm; the share of time in Engine.select."""
    from assistant import BudgetAssistant, Settings
    from assistant.engine import Engine
    from evals.bench_scale import question_mix
    from evals.corpus import read_manifest

    qa = BudgetAssistant(store=store, settings=Settings.from_env(embed_on_ingest=False))
    have = {d.source for d in qa.documents()}
    docs = [d for d in read_manifest(corpus) if os.path.basename(d.path) in have]
    mix = question_mix(docs, n, seed)
    spent = {"select": 0.0}
    real_select = Engine.select

    def timed_select(self, *a, **k):
        t = time.perf_counter()
        try:
            return real_select(self, *a, **k)
        finally:
            spent["select"] += time.perf_counter() - t

    Engine.select = timed_select
    out: dict = {"docs": len(have)}
    try:
        for phase in ("cold", "warm"):
            by_kind: dict[str, list[float]] = defaultdict(list)
            spent["select"] = 0.0
            t0 = time.perf_counter()
            for q, _, kind in mix:
                t = time.perf_counter()
                qa.ask(q, history={})
                by_kind[kind].append((time.perf_counter() - t) * 1000)
            total = time.perf_counter() - t0
            every = [x for xs in by_kind.values() for x in xs]
            out[phase] = {"all": (statistics.median(every), _pct(every, 0.95), max(every)),
                          **{k: (statistics.median(v), _pct(v, 0.95), max(v)) for k, v in by_kind.items()},
                          "select_share": spent["select"] / total}
    finally:
        Engine.select = real_select
    return out


def main(argv: list[str] | None = None) -> None:
    """Command line: --store DIR --corpus DIR [--n 200] [--seed 0]."""
    ap = argparse.ArgumentParser(prog="python -m evals.bench_ask", description=__doc__.splitlines()[0])
    ap.add_argument("--store", required=True)
    ap.add_argument("--corpus", required=True, help="the evals.corpus folder the store was built from")
    ap.add_argument("--n", type=int, default=200)
    ap.add_argument("--seed", type=int, default=0)
    args = ap.parse_args(argv)
    r = run(args.store, args.corpus, args.n, args.seed)
    print(f"{r['docs']} documents")
    for phase in ("cold", "warm"):
        print(f"{phase}: Engine.select {r[phase]['select_share']:.0%} of the time")
        for kind, v in r[phase].items():
            if kind != "select_share":
                print(f"  {kind:8s} p50 {v[0]:7.1f} ms  p95 {v[1]:7.1f} ms  max {v[2]:7.1f} ms")


if __name__ == "__main__":
    main()
