"""`python -m ingest.bench FILES…`: our ingest vs raw pdfplumber extract_text + extract_tables, pages/s."""
from __future__ import annotations

import argparse
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import pdfplumber

from ingest import parse_file


@dataclass
class Timing:
    """Wall time of both pipelines on one file."""

    name: str
    pages: int
    ours: float
    raw: float
    ours_cpu: float = 0.0  # CPU seconds: steadier than wall time on a busy machine
    raw_cpu: float = 0.0


def raw_pdfplumber(path: Path) -> tuple[int, float, float]:
    """Pages, wall and CPU seconds for pdfplumber's own extract_text + extract_tables on every page."""
    t0, c0 = time.perf_counter(), time.process_time()
    with pdfplumber.open(path) as pdf:
        n = len(pdf.pages)
        for page in pdf.pages:
            page.extract_text()
            page.extract_tables()
            page.close()
    return n, time.perf_counter() - t0, time.process_time() - c0


def ours(path: Path) -> tuple[int, float, float]:
    """Pages, wall and CPU seconds for parse_file (tables, narrative, metadata; no embedding, no store)."""
    t0, c0 = time.perf_counter(), time.process_time()
    doc = parse_file(path)
    return doc.document.pages, time.perf_counter() - t0, time.process_time() - c0


def bench(paths: list[Path], repeat: int = 1) -> list[Timing]:
    """Time both pipelines on each PDF, alternating which runs first; the best of `repeat` runs."""
    out = []
    for path in paths:
        best = {ours: (float("inf"), float("inf")), raw_pdfplumber: (float("inf"), float("inf"))}
        pages = 0
        for r in range(repeat):
            for fn in (ours, raw_pdfplumber) if r % 2 == 0 else (raw_pdfplumber, ours):
                pages, wall, cpu = fn(path)
                best[fn] = (min(best[fn][0], wall), min(best[fn][1], cpu))
        (o, oc), (w, wc) = best[ours], best[raw_pdfplumber]
        out.append(Timing(path.name, pages, o, w, oc, wc))
    return out


def report(timings: list[Timing]) -> str:
    """A table of pages/s per file and in total, with the ratio ours / raw (wall and CPU time)."""
    lines = [f"{'file':<40} {'pages':>5} {'ours p/s':>9} {'raw p/s':>9} {'ratio':>6} {'cpu ratio':>9}"]
    for t in timings:
        lines.append(f"{t.name[:40]:<40} {t.pages:>5} {t.pages / t.ours:>9.1f} {t.pages / t.raw:>9.1f} "
                     f"{t.ours / t.raw:>6.2f} {t.ours_cpu / max(t.raw_cpu, 1e-9):>9.2f}")
    pages = sum(t.pages for t in timings)
    o, r = sum(t.ours for t in timings), sum(t.raw for t in timings)
    oc, rc = sum(t.ours_cpu for t in timings), sum(t.raw_cpu for t in timings)
    if pages:
        lines.append(f"{'total':<40} {pages:>5} {pages / o:>9.1f} {pages / r:>9.1f} {o / r:>6.2f} "
                     f"{oc / max(rc, 1e-9):>9.2f}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    """Benchmark the PDFs given on the command line; exit 1 when the total ratio exceeds --max-ratio."""
    ap = argparse.ArgumentParser(prog="python -m ingest.bench", description=__doc__)
    ap.add_argument("files", nargs="+", type=Path)
    ap.add_argument("--repeat", type=int, default=1, help="runs per file; the fastest counts")
    ap.add_argument("--max-ratio", type=float, default=None, help="fail when ours/raw is above this")
    args = ap.parse_args(argv)
    pdfs = [p for p in args.files if p.suffix.lower() == ".pdf"]
    skipped = [p.name for p in args.files if p not in pdfs]
    timings = bench(pdfs, args.repeat)
    sys.stdout.write(report(timings) + "\n")
    if skipped:
        sys.stdout.write(f"skipped (not PDF): {', '.join(skipped)}\n")
    ratio = sum(t.ours for t in timings) / max(sum(t.raw for t in timings), 1e-9)
    return 1 if args.max_ratio is not None and ratio > args.max_ratio else 0


if __name__ == "__main__":
    sys.exit(main())
