"""Pure: a ParsedDocument → what the store keeps of it; runs in the parse workers, next to the parser.

A document is kept as three things, so that neither ingest nor a question touches thousands of
small records:
- a compressed JSON *blob* of its tables, cells, stated numbers and chunks — read back whole, in
  one lookup, the first time a question needs the document;
- its *lexical items* (narrative chunks and one line per table row) with their jieba tokens — the
  BM25 index adds and drops a document's items without rebuilding;
- its narrative *chunks* as text records for dense search (vectors are added by the main process;
  table rows are found lexically, and embedding every row was most of the ingest time).
"""
from __future__ import annotations

import base64
import json
import zlib
from dataclasses import dataclass, fields
from decimal import Decimal

from ingest.model import Document, ParsedDocument, StatedFact, TableFact, TableInfo, TextChunk
from vectorstore import lexical

LAYOUT = "2"  # how a document is laid out in the store (1: one record per cell, before blobs)
KINDS = {"tables": TableInfo, "facts": TableFact, "stated": StatedFact, "chunks": TextChunk}


@dataclass(frozen=True)
class Prepared:
    """Everything the main process writes for one parsed document."""

    document: Document
    warnings: tuple[str, ...]
    counts: dict  # tables, facts, stated, chunks → int
    blob: str  # encode() of the structured content
    lexical: str  # encode() of {"ids", "pages", "texts", "tokens"}: the lexical items
    chunks: tuple[tuple[str, str, dict], ...]  # (id, text, metadata) for dense search


def encode(obj) -> str:
    """JSON → zlib → base64 text (Chroma metadata holds only str/int/float/bool)."""
    raw = json.dumps(obj, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    return base64.b64encode(zlib.compress(raw, 6)).decode("ascii")


def decode(text: str):
    """The inverse of encode()."""
    return json.loads(zlib.decompress(base64.b64decode(text)).decode("utf-8"))


def _plain(v):
    if isinstance(v, Decimal):
        return str(v)
    if isinstance(v, tuple):
        return list(v)
    return v


def structured(p: ParsedDocument) -> dict:
    """Tables, cells, stated numbers and chunks as column-named rows (the doc_id is implied)."""
    out: dict = {"schema": {}}
    for key, cls in KINDS.items():
        names = [f.name for f in fields(cls) if f.name != "doc_id"]
        out["schema"][key] = names
        out[key] = [[_plain(getattr(x, n)) for n in names] for x in getattr(p, key)]
    return out


def _dec(v) -> Decimal | None:
    return None if v is None or v == "" else Decimal(v)


def unpack(doc_id: str, data: dict) -> dict[str, list]:
    """structured() read back: {'tables': [TableInfo], 'facts': [TableFact], ...}."""
    out: dict[str, list] = {}
    for key, cls in KINDS.items():
        names = data.get("schema", {}).get(key, [])
        flds = {f.name: f for f in fields(cls)}
        conv = []
        for k, n in enumerate(names):
            f = flds.get(n)
            if f is None:
                continue
            t = str(f.type)
            if "Decimal" in t:
                conv.append((k, _dec))
            elif t.startswith("tuple"):
                conv.append((k, tuple))
        order = [f.name for f in fields(cls)]
        if names == [n for n in order if n != "doc_id"]:
            at = order.index("doc_id")  # the schema is today's: rows are positional arguments
            rows = []
            for row in data.get(key, []):
                for k, fn in conv:
                    row[k] = fn(row[k])
                row.insert(at, doc_id)
                rows.append(cls(*row))
        else:  # written by another version: by name, unknown columns dropped, new ones defaulted
            rows = []
            for row in data.get(key, []):
                for k, fn in conv:
                    row[k] = fn(row[k])
                rows.append(cls(doc_id=doc_id, **{n: v for n, v in zip(names, row) if n in flds}))
        out[key] = rows
    return out


def row_line(cells: list[TableFact]) -> str:
    """One table row as a line of text: title, code, label, then column and printed value pairs."""
    f0 = cells[0]
    return f"{f0.table_title} {f0.subject_code} {f0.row_label}：" + "；".join(f"{c.column} {c.raw}" for c in cells)


def lexical_items(p: ParsedDocument) -> dict:
    """Narrative chunks, table rows and empty-table notes with their pages, texts and tokens."""
    doc_id = p.document.doc_id
    ids, pages, texts = [], [], []
    for c in p.chunks:
        ids.append(c.chunk_id)
        pages.append(c.page)
        texts.append(c.text)
    rows: dict[tuple[int, int], list[TableFact]] = {}
    for f in p.facts:
        rows.setdefault((f.table_no, f.row_no), []).append(f)
    for (t, r), cells in rows.items():
        ids.append(f"{doc_id}:row:t{t}:r{r}")
        pages.append(cells[0].page)
        texts.append(row_line(cells))
    for tinfo in p.tables:
        if tinfo.empty:
            ids.append(f"{doc_id}:empty:t{tinfo.table_no}")
            pages.append(tinfo.pages[0] if tinfo.pages else 0)
            texts.append(f"{tinfo.title} {tinfo.note or '本表无数据'}")
    tokens = [" ".join(lexical.tokenize(t)) for t in texts]
    return {"ids": ids, "pages": pages, "texts": texts, "tokens": tokens}


def prepare(p: ParsedDocument) -> Prepared:
    """A parsed document → its blob, lexical items and dense-search chunks (pure, CPU-heavy part)."""
    doc = p.document
    chunks = tuple((c.chunk_id, c.text, {"doc_id": doc.doc_id, "source": doc.source, "kind": "chunk",
                                         "page": c.page, "section": c.section}) for c in p.chunks)
    counts = {"tables": len(p.tables), "facts": len(p.facts), "stated": len(p.stated), "chunks": len(p.chunks)}
    return Prepared(doc, tuple(p.warnings), counts, encode(structured(p)), encode(lexical_items(p)), chunks)
