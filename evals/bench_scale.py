"""`python -m evals.bench_scale --docs N`: generate N budget PDFs, ingest them in parallel, ask a fixed mix.

Ingests the first N/10 documents, asks the mix, ingests the rest, asks it again — so one run
shows how ingest throughput and question latency grow with the number of documents. Prints
pages/s, documents/s, peak RSS (this process plus its parse workers), store size on disk, ask
p50/p95 and the share of answers equal to the generated value, at N/10 and at N.
A benchmark, not a test: N=1000 takes most of an hour on two cores.
"""
from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import sys
import tempfile
import threading
import time
from decimal import Decimal
from pathlib import Path

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")


def _rss_kb(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/status") as fh:
            for line in fh:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


def _children(pid: int) -> list[int]:
    out = []
    for d in os.listdir("/proc"):
        if d.isdigit():
            try:
                with open(f"/proc/{d}/stat") as fh:
                    if int(fh.read().rsplit(")", 1)[1].split()[1]) == pid:
                        out.append(int(d))
            except (OSError, ValueError, IndexError):
                pass
    return out


class PeakRSS:
    """Samples this process's RSS plus its children's every half second; keeps the peak (MB)."""

    def __init__(self):
        self.peak_total = self.peak_main = 0.0
        self._stop = threading.Event()
        self._t = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        me = os.getpid()
        while not self._stop.is_set():
            main = _rss_kb(me) / 1024
            total = main + sum(_rss_kb(c) for c in _children(me)) / 1024
            self.peak_main = max(self.peak_main, main)
            self.peak_total = max(self.peak_total, total)
            self._stop.wait(0.5)

    def __enter__(self):
        self._t.start()
        return self

    def __exit__(self, *exc):
        self._stop.set()
        self._t.join()


def question_mix(docs, n: int, seed: int) -> list[tuple[str, str | None, str]]:
    """A fixed mix: lookups with known values (80%), a share, refusals (unknown body, absent year)."""
    rng = random.Random(f"mix:{seed}")
    out: list[tuple[str, str | None, str]] = []
    while len(out) < n:
        d = rng.choice(docs)
        r = rng.random()
        if r < 0.8:
            e = rng.choice(d.expects)
            out.append((e.question, e.value, "lookup"))
        elif r < 0.9:
            pfx = d.expects[0].question.split("项目支出")[0]
            out.append((f"{pfx}项目支出占支出合计的比例是多少？", None, "share"))
        elif r < 0.95:
            out.append((f"上海市火星区气象局{d.year}年项目支出是多少？", None, "refusal"))
        else:
            pfx = d.expects[0].question.split("20")[0]
            out.append((f"{pfx}2031年三公经费是多少？", None, "refusal"))
    return out


def ask_mix(qa, mix) -> dict:
    """Latencies (ms) and correctness of each question, asked once, cold caches as in use."""
    times, right, known = [], 0, 0
    for q, value, _ in mix:
        t = time.perf_counter()
        ans = qa.ask(q, history={})
        times.append((time.perf_counter() - t) * 1000)
        if value is not None:
            known += 1
            right += ans.value is not None and Decimal(str(ans.value)) == Decimal(value)
    times.sort()
    return {"questions": len(times), "p50_ms": round(statistics.median(times), 1),
            "p95_ms": round(times[int(len(times) * 0.95) - 1], 1), "max_ms": round(times[-1], 1),
            "correct": f"{right}/{known}"}


def ingest(qa, paths, workers: int) -> dict:
    """Ingest paths with the CLI's parallel path; seconds, pages, errors."""
    from ingest.errors import IngestError
    t = time.perf_counter()
    results = qa.ingest_many(paths, workers=workers)
    secs = time.perf_counter() - t
    errors = [(p.name, str(r)) for p, r in results if isinstance(r, IngestError)]
    pages = sum(r.pages for _, r in results if not isinstance(r, IngestError))
    return {"docs": len(results) - len(errors), "pages": pages, "seconds": round(secs, 1),
            "errors": errors[:5], "n_errors": len(errors)}


def run(n: int, seed: int = 0, workers: int = 2, questions: int = 200, corpus: str | None = None,
        store: str | None = None, embed: bool | None = None) -> dict:
    """The whole benchmark; returns the figures (also printed by main)."""
    from assistant import BudgetAssistant, Settings
    from evals.corpus import write_corpus

    folder = Path(corpus or Path(tempfile.gettempdir()) / f"budgetqa-corpus-{n}-s{seed}")
    t = time.perf_counter()
    docs = write_corpus(folder, n, seed, workers=workers)
    gen_s = time.perf_counter() - t
    store_dir = Path(store) if store else Path(tempfile.mkdtemp(prefix="budgetqa-bench-"))
    settings = Settings.from_env() if embed is None else Settings.from_env(embed_on_ingest=embed)
    out: dict = {"docs": n, "seed": seed, "workers": workers, "embed": settings.embed_on_ingest,
                 "corpus_seconds": round(gen_s, 1), "levels": [], "load_before": os.getloadavg()[0]}
    with PeakRSS() as rss:
        qa = BudgetAssistant(store=store_dir, settings=settings)
        small = max(1, n // 10)
        done = 0
        for level in (small, n):
            part = ingest(qa, [d.path for d in docs[done:level]], workers)
            done = level
            asked = ask_mix(qa, question_mix(docs[:level], questions, seed))
            t = time.perf_counter()
            qa.search("行政运行是多少", k=5)
            first_search = (time.perf_counter() - t) * 1000
            t = time.perf_counter()
            qa.search("三公经费", k=5)
            search_ms = (time.perf_counter() - t) * 1000
            out["levels"].append({"n": level, "ingest": part, "ask": asked,
                                  "first_search_ms": round(first_search, 1), "search_ms": round(search_ms, 1),
                                  "store_mb": round(qa.store.size_on_disk() / 2**20, 1)})
            print(json.dumps(out["levels"][-1], ensure_ascii=False), file=sys.stderr, flush=True)  # partial figures
        qa.close()
    total_s = sum(lv["ingest"]["seconds"] for lv in out["levels"])
    total_p = sum(lv["ingest"]["pages"] for lv in out["levels"])
    out.update({"ingest_seconds": round(total_s, 1), "pages": total_p,
                "pages_per_s": round(total_p / total_s, 2) if total_s else 0,
                "docs_per_s": round(n / total_s, 3) if total_s else 0,
                "peak_rss_mb": round(rss.peak_total), "peak_rss_main_mb": round(rss.peak_main),
                "store_mb": out["levels"][-1]["store_mb"], "store": str(store_dir),
                "load_after": os.getloadavg()[0]})
    return out


def table(r: dict) -> str:
    """The figures as the README's Markdown table."""
    small, big = r["levels"][0], r["levels"][-1]
    rows = [
        ("documents / pages", f"{r['docs']} / {r['pages']}"),
        ("ingest wall time (workers=%d, vectors %s)" % (r["workers"], "on" if r["embed"] else "off"),
         f"{r['ingest_seconds']} s ({r['ingest_seconds'] / 60:.1f} min)"),
        ("pages/s · documents/s", f"{r['pages_per_s']} · {r['docs_per_s']}"),
        ("peak RSS (main + workers) · main only", f"{r['peak_rss_mb']} MB · {r['peak_rss_main_mb']} MB"),
        ("store size on disk", f"{r['store_mb']} MB"),
        (f"ask p50 / p95 at N/10 = {small['n']}", f"{small['ask']['p50_ms']} / {small['ask']['p95_ms']} ms"),
        (f"ask p50 / p95 at N = {big['n']}", f"{big['ask']['p50_ms']} / {big['ask']['p95_ms']} ms"),
        ("p50(N) ÷ p50(N/10)", f"{big['ask']['p50_ms'] / max(small['ask']['p50_ms'], 0.1):.2f}"),
        ("answers equal to the generated value (N/10 · N)", f"{small['ask']['correct']} · {big['ask']['correct']}"),
        ("search: first (builds index) · next, at N", f"{big['first_search_ms']} · {big['search_ms']} ms"),
        ("load average before · after", f"{r['load_before']:.1f} · {r['load_after']:.1f}"),
    ]
    return "| measure | value |\n|---|---|\n" + "\n".join(f"| {a} | {b} |" for a, b in rows)


def main(argv: list[str] | None = None) -> None:
    """Command line: --docs N [--seed S] [--workers W] [--questions Q] [--no-embed] [--json OUT]."""
    ap = argparse.ArgumentParser(prog="python -m evals.bench_scale", description=__doc__.splitlines()[0])
    ap.add_argument("--docs", type=int, default=100)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--questions", type=int, default=200, help="questions per level")
    ap.add_argument("--corpus", default=None, help="where the generated PDFs go (reused when it matches)")
    ap.add_argument("--store", default=None, help="store folder (default: a new temporary folder)")
    ap.add_argument("--embed", dest="embed", action="store_true", default=None, help="compute dense vectors")
    ap.add_argument("--no-embed", dest="embed", action="store_false", help="no dense vectors (lexical only)")
    ap.add_argument("--json", default="", help="also write the figures to this JSON file")
    args = ap.parse_args(argv)
    r = run(args.docs, args.seed, args.workers, args.questions, args.corpus, args.store, args.embed)
    if args.json:
        Path(args.json).write_text(json.dumps(r, ensure_ascii=False, indent=1), encoding="utf-8")
    print(table(r))
    for lv in r["levels"]:
        if lv["ingest"]["n_errors"]:
            print(f"errors at {lv['n']}: {lv['ingest']['errors']}", file=sys.stderr)


if __name__ == "__main__":
    main()
