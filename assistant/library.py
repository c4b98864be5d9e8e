"""The document library: ingest into the store, list, remove, and load facts back per document."""
from __future__ import annotations

import logging
import threading
from dataclasses import asdict, dataclass, field
from decimal import Decimal
from pathlib import Path

from ingest import PARSER_VERSION, ParsedDocument, parse_file
from ingest.model import Document, StatedFact, TableFact, TableInfo, TextChunk
from vectorstore import lexical
from vectorstore.store import ChromaStore

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class IngestReport:
    """What one ingest did: counts as ints, warnings as str."""

    doc_id: str
    source: str
    pages: int
    text_chunks: int
    table_facts: int
    warnings: list[str] = field(default_factory=list)
    tables: int = 0
    stated_facts: int = 0
    skipped: bool = False  # already in the store (same content hash)


@dataclass
class DocFacts:
    """One document's structured content, loaded back from the store."""

    document: Document
    tables: list[TableInfo]
    facts: list[TableFact]
    stated: list[StatedFact]
    chunks: list[TextChunk]


def _meta(obj) -> dict:
    out = {}
    for k, v in asdict(obj).items():
        if isinstance(v, Decimal):
            out[k] = str(v)
        elif isinstance(v, tuple):
            out[k] = "|".join(str(x) for x in v)
        elif v is None:
            out[k] = ""
        else:
            out[k] = v
    return out


def _dec(s: str) -> Decimal | None:
    return Decimal(s) if s not in ("", None) else None


def fact_text(f: TableFact) -> str:
    """A cell as a line of text (for search and for quoting)."""
    code = f" {f.subject_code}" if f.subject_code else ""
    return f"{f.table_title}｜{f.row_label}{code}｜{f.column}｜{f.raw or f.value}{f.unit if f.value is not None else ''}"


class Library:
    """Documents in a Chroma store plus the lexical index over their text and table rows."""

    def __init__(self, store: ChromaStore, settings):
        self.store = store
        self.settings = settings
        self.index = lexical.BM25Index()
        self._docs: dict[str, Document] = {}
        self._facts: dict[str, DocFacts] = {}
        self._texts: dict[str, str] = {}
        self._pages: dict[str, int] = {}
        self._lock = threading.RLock()
        self._indexed = False
        self.reload()

    # -- reading -------------------------------------------------------------------------
    def reload(self) -> None:
        """Read the list of complete documents from the store."""
        with self._lock:
            docs = {}
            self._versions = {}
            for _, _, m in self.store.records({"kind": "doc"}):
                self._versions[m["doc_id"]] = m.get("parser", "")
                d = Document(doc_id=m["doc_id"], title=m["title"], department=m["department"],
                             year=int(m["year"]) if m.get("year") not in ("", None) else None,
                             kind=m["kind_doc"], source=m["source"], pages=int(m["pages"]),
                             sha256=m["sha256"], scope=m.get("scope", "部门"), date=m.get("date", ""))
                docs[d.doc_id] = d
            self._docs = docs
            for gone in set(self._facts) - set(docs):
                del self._facts[gone]
            self._indexed = False

    def documents(self) -> list[Document]:
        """Complete documents, by body then year."""
        return sorted(self._docs.values(), key=lambda d: (d.department, d.year or 0, d.source))

    def get(self, doc_id: str) -> Document | None:
        """A document by id (or unique id prefix)."""
        if doc_id in self._docs:
            return self._docs[doc_id]
        hits = [d for k, d in self._docs.items() if k.startswith(doc_id)]
        return hits[0] if len(hits) == 1 else None

    def facts(self, doc_id: str) -> DocFacts:
        """A document's tables, cells, stated numbers and chunks (cached after first use)."""
        with self._lock:
            if doc_id in self._facts:
                return self._facts[doc_id]
            doc = self._docs[doc_id]
            tables, facts, stated = [], [], []
            for _, _, m in self.store.records({"doc_id": doc_id}):
                k = m.get("kind")
                if k == "fact":
                    facts.append(TableFact(m["fact_id"], doc_id, int(m["page"]), int(m["table_no"]),
                                           m["table_title"], m["unit"], m["row_label"], m["subject_code"],
                                           m["column"], _dec(m["value"]), int(m["row_no"]), m["raw"]))
                elif k == "table":
                    tables.append(TableInfo(m["table_id"], doc_id, int(m["table_no"]), m["title"], m["unit"],
                                            tuple(int(x) for x in str(m["pages"]).split("|") if x),
                                            tuple(str(m["columns"]).split("|")), int(m["rows"]),
                                            bool(m["empty"]), m["note"]))
                elif k == "stated":
                    stated.append(StatedFact(m["fact_id"], doc_id, int(m["page"]), m["section"], m["sentence"],
                                             m["subject"], m["kind_stated"], Decimal(m["value"]), m["unit"],
                                             m["direction"]))
            chunks = [TextChunk(i, doc_id, int(m["page"]), m["section"], t)
                      for i, t, m in self.store.texts_of({"$and": [{"doc_id": doc_id}, {"kind": "chunk"}]})]
            facts.sort(key=lambda f: (f.table_no, f.row_no, f.fact_id))
            tables.sort(key=lambda t: t.table_no)
            stated.sort(key=lambda s: (s.page, int(s.fact_id.rsplit(":s", 1)[-1])))
            chunks.sort(key=lambda c: (c.page, int(c.chunk_id.rsplit(":x", 1)[-1])))
            df = DocFacts(doc, tables, facts, stated, chunks)
            self._facts[doc_id] = df
            return df

    def ensure_index(self) -> None:
        """Build the lexical index from stored tokens (once per process, then incremental)."""
        with self._lock:
            if self._indexed:
                return
            self.index = lexical.BM25Index()
            for doc_id in self._docs:
                self._index_doc(doc_id)
            self._indexed = True

    def _index_doc(self, doc_id: str) -> None:
        items = []
        for i, t, m in self.store.texts_of({"doc_id": doc_id}):
            items.append((i, str(m.get("tok", "")).split()))
            self._texts[i] = t
            self._pages[i] = int(m.get("page", 0) or 0)
        self.index.add(doc_id, items)

    def text(self, item_id: str) -> str:
        """The stored text of an indexed item."""
        return self._texts.get(item_id, "")

    def page(self, item_id: str) -> int:
        """The page of an indexed item."""
        return self._pages.get(item_id, 0)

    # -- writing -------------------------------------------------------------------------
    def ingest(self, path: str | Path, progress=None) -> IngestReport:
        """Parse a file and store it; the same content again changes nothing."""
        import hashlib
        path = Path(path)
        data = path.read_bytes() if path.is_file() else b""
        doc_id = hashlib.sha256(data).hexdigest()[:16] if data else ""
        with self._lock:
            if doc_id and doc_id in self._docs and self._versions.get(doc_id) == PARSER_VERSION:
                d = self._docs[doc_id]
                df = self.facts(doc_id)
                return IngestReport(doc_id, d.source, d.pages, len(df.chunks), len(df.facts), [],
                                    len(df.tables), len(df.stated), skipped=True)
        parsed = parse_file(path, progress=progress)
        with self._lock:
            self._write(parsed)
            self._docs[parsed.document.doc_id] = parsed.document
            self._versions[parsed.document.doc_id] = PARSER_VERSION
            self.index.remove(parsed.document.doc_id)
            self._facts.pop(parsed.document.doc_id, None)
            if self._indexed:
                self._index_doc(parsed.document.doc_id)
        d = parsed.document
        return IngestReport(d.doc_id, d.source, d.pages, len(parsed.chunks), len(parsed.facts),
                            list(parsed.warnings), len(parsed.tables), len(parsed.stated))

    def _write(self, p: ParsedDocument) -> None:
        doc = p.document
        self.store.delete_doc(doc.doc_id)  # a half-written earlier attempt goes first
        base = {"doc_id": doc.doc_id, "source": doc.source}
        # narrative chunks and table rows: text records with tokens and (optionally) vectors
        ids, texts, metas = [], [], []
        for c in p.chunks:
            ids.append(c.chunk_id)
            texts.append(c.text)
            metas.append({**base, "kind": "chunk", "page": c.page, "section": c.section})
        rows: dict[tuple[int, int], list[TableFact]] = {}
        for f in p.facts:
            rows.setdefault((f.table_no, f.row_no), []).append(f)
        for (t, r), cells in rows.items():
            f0 = cells[0]
            line = f"{f0.table_title} {f0.subject_code} {f0.row_label}：" + "；".join(
                f"{c.column} {c.raw}" for c in cells)
            ids.append(f"{doc.doc_id}:row:t{t}:r{r}")
            texts.append(line)
            metas.append({**base, "kind": "row", "page": f0.page, "table_no": t, "row_no": r,
                          "table_title": f0.table_title})
        for tinfo in p.tables:
            if tinfo.empty:
                ids.append(f"{doc.doc_id}:empty:t{tinfo.table_no}")
                texts.append(f"{tinfo.title} {tinfo.note or '本表无数据'}")
                metas.append({**base, "kind": "row", "page": tinfo.pages[0], "table_no": tinfo.table_no,
                              "row_no": -1, "table_title": tinfo.title})
        for m, t in zip(metas, texts):
            m["tok"] = " ".join(lexical.tokenize(t))
        vectors = self._embed(texts) if texts else []
        self.store.add_texts(ids, texts, metas, vectors)
        recs_ids, recs_docs, recs_meta = [], [], []
        for tinfo in p.tables:
            recs_ids.append(tinfo.table_id)
            recs_docs.append(tinfo.title)
            recs_meta.append({**_meta(tinfo), "kind": "table", "source": doc.source})
        for f in p.facts:
            recs_ids.append(f.fact_id)
            recs_docs.append(fact_text(f))
            recs_meta.append({**_meta(f), "kind": "fact", "source": doc.source})
        for s in p.stated:
            m = _meta(s)
            m["kind_stated"] = m.pop("kind")
            recs_ids.append(s.fact_id)
            recs_docs.append(s.sentence)
            recs_meta.append({**m, "kind": "stated", "source": doc.source})
        self.store.add_records(recs_ids, recs_docs, recs_meta)
        dm = _meta(doc)
        dm["kind_doc"] = dm.pop("kind")
        dm["warnings"] = "\n".join(p.warnings)
        dm["parser"] = PARSER_VERSION
        # the doc record last: until it exists the document is invisible (crash safety)
        self.store.add_records([f"doc:{doc.doc_id}"], [doc.title], [{**dm, "kind": "doc"}])

    def _embed(self, texts: list[str]) -> list[list[float]]:
        if not self.settings.embed_on_ingest:
            return [[0.0] * 384 for _ in texts]
        from vectorstore.embeddings import embed
        return embed(texts, self.settings.embedding_model or None)

    def warnings(self, doc_id: str) -> list[str]:
        """The warnings recorded when a document was ingested."""
        recs = self.store.records({"$and": [{"doc_id": doc_id}, {"kind": "doc"}]})
        return [w for w in (recs[0][2].get("warnings", "") if recs else "").split("\n") if w]

    def remove(self, doc_id: str) -> bool:
        """Delete a document and every trace of it; False when it was not there."""
        with self._lock:
            d = self.get(doc_id)
            if d is None:
                return False
            self.store.delete_doc(d.doc_id)
            self._docs.pop(d.doc_id, None)
            self._facts.pop(d.doc_id, None)
            self.index.remove(d.doc_id)
            return True

    def purge_partial(self) -> list[str]:
        """Delete what interrupted ingests left behind; returns their ids."""
        gone = sorted(self.store.doc_ids_partial())
        for doc_id in gone:
            self.store.delete_doc(doc_id)
        return gone
