"""Shared fixtures: real sample documents ingested once per session into temporary stores."""
from __future__ import annotations

import os
from pathlib import Path

import pytest

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("BUDGETQA_TODAY", "2026-11-27")  # (the day the tests' '今年/去年' were written: 今年 is 2026)
os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")
os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "data" / "sample"
SEED = SAMPLE / "pinglu-gongxin-keji-2026-budget.txt"
SIFAJU = SAMPLE / "上海市普陀区司法局2026年度部门预算.pdf"


def minimal_pdf(objects: list[bytes], trailer: bytes = b"") -> bytes:
    """A minimal PDF from numbered object bodies (1 0 obj … endobj), a correct xref and extra trailer entries."""
    import io
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for i, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % i + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for off in offsets:
        out.write(b"%010d 00000 n \n" % off)
    out.write(b"trailer\n<< /Size %d /Root 1 0 R %s>>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, trailer, xref))
    return out.getvalue()


@pytest.fixture(scope="session")
def seed_qa(tmp_path_factory):
    """An assistant whose store holds the seed document (dense vectors from the real model)."""
    from assistant import BudgetAssistant, Settings
    qa = BudgetAssistant(store=tmp_path_factory.mktemp("seed-store"), settings=Settings.from_env())
    qa.ingest(SEED)
    return qa


@pytest.fixture(scope="session")
def seed_doc(seed_qa):
    """The seed's stored facts."""
    return seed_qa.library.facts(seed_qa.documents()[0].doc_id)


@pytest.fixture(scope="session")
def caizheng_qa(tmp_path_factory):
    """上海市普陀区财政局 2024 决算 and 上海市财政局 2025 预算 (two bodies named 财政局)."""
    from assistant import BudgetAssistant, Settings
    from conftest import SAMPLE
    qa = BudgetAssistant(store=tmp_path_factory.mktemp("caizheng"), settings=Settings.from_env(embed_on_ingest=False))
    qa.ingest(SAMPLE / "上海市普陀区财政局2024年度部门决算.pdf")
    qa.ingest(SAMPLE / "上海市财政局2025年度部门预算.pdf")
    return qa


@pytest.fixture(scope="session")
def mixed_qa(tmp_path_factory):
    """The seed with 万里街道 2024 and 2025 and 司法局 2026: several bodies, one body in two years."""
    from assistant import BudgetAssistant, Settings
    from conftest import SAMPLE
    qa = BudgetAssistant(store=tmp_path_factory.mktemp("mixed"), settings=Settings.from_env(embed_on_ingest=False))
    for name in ("pinglu-gongxin-keji-2026-budget.txt", "上海市普陀区万里街道办事处2024年度部门预算.pdf",
                 "上海市普陀区万里街道办事处2025年度部门预算.pdf", "上海市普陀区司法局2026年度部门预算.pdf"):
        qa.ingest(SAMPLE / name)
    return qa


@pytest.fixture(scope="session")
def six_qa(tmp_path_factory):
    """Every sample document: five bodies, 万里街道 in two years."""
    from assistant import BudgetAssistant, Settings
    from conftest import SAMPLE
    qa = BudgetAssistant(store=tmp_path_factory.mktemp("six"), settings=Settings.from_env(embed_on_ingest=False))
    for f in sorted(SAMPLE.iterdir()):
        if f.suffix in (".pdf", ".txt"):
            qa.ingest(f)
    return qa
