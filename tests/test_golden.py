"""Cell fidelity against hand-checked golden files (the seed and four real PDFs)."""
from pathlib import Path

import pytest

from evals.fidelity import fidelity
from ingest import parse_file

from conftest import ROOT, SAMPLE

GOLDEN = sorted((ROOT / "tests" / "golden").glob("*.jsonl"))


def _source(golden: Path) -> Path:
    return next(p for p in SAMPLE.iterdir() if p.stem == golden.stem)


@pytest.mark.parametrize("golden", GOLDEN, ids=[g.stem for g in GOLDEN])
def test_cell_fidelity_at_least_99_5_percent(golden, capsys):
    fid = fidelity(parse_file(_source(golden)), golden)
    with capsys.disabled():
        print(f"\ncell fidelity {fid.matched}/{fid.total} = {fid.ratio:.2%}  {fid.source}")
    assert fid.total >= 100
    assert fid.ratio >= 0.995, fid.misses[:5]


def test_goldens_cover_the_seed_and_four_real_pdfs():
    names = {g.stem for g in GOLDEN}
    assert "pinglu-gongxin-keji-2026-budget" in names and len(names) >= 5
