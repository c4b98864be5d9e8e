"""Cell fidelity: how many hand-checked golden cells the parser reproduces exactly."""
from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from ingest.model import ParsedDocument, TableFact, TableInfo


@dataclass
class Fidelity:
    """Matched / total golden facts for one document, with the misses."""

    source: str
    matched: int = 0
    total: int = 0
    misses: list[dict] = field(default_factory=list)

    @property
    def ratio(self) -> float:
        """Share of golden facts reproduced."""
        return self.matched / self.total if self.total else 1.0


def _norm(s: str | None) -> str:
    return re.sub(r"[\s\"“”（）()：:、，,.．]", "", s or "")


def _column_ok(fact_col: str, gold_col: str) -> bool:
    f, g = _norm(fact_col).split("/") if False else fact_col.replace(" ", ""), gold_col.replace(" ", "")
    fp, gp = [_norm(x) for x in f.split("/") if x], [_norm(x) for x in g.split("/") if x]
    # the golden path leaves out headers that span every number column: compare from the inside
    return len(gp) <= len(fp) and fp[len(fp) - len(gp):] == gp or gp == fp


def _matches(f: TableFact, g: dict) -> bool:
    if f.page != g["page"] or f.value is None or f.value != Decimal(str(g["value"])):
        return False
    if g.get("code"):
        if f.subject_code != g["code"]:
            return False
    elif g.get("row") and _norm(f.row_label) != _norm(g["row"]):
        return False
    return _column_ok(f.column, g["column"])


def fidelity(doc: ParsedDocument, golden: Path) -> Fidelity:
    """Compare a parsed document with its golden JSONL file."""
    fid = Fidelity(doc.document.source)
    by_page: dict[int, list[TableFact]] = {}
    for f in doc.facts:
        by_page.setdefault(f.page, []).append(f)
    for line in golden.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        g = json.loads(line)
        fid.total += 1
        if g.get("empty_table"):
            ok = any(t.empty and g.get("table", "") in t.title for t in doc.tables)
        else:
            ok = any(_matches(f, g) for f in by_page.get(g["page"], []))
        if ok:
            fid.matched += 1
        else:
            fid.misses.append(g)
    return fid


def empty_tables(tables: tuple[TableInfo, ...]) -> list[str]:
    """Titles of tables recorded as empty."""
    return [t.title for t in tables if t.empty]
