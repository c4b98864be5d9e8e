"""The document library: ingest into the store (in parse workers), list, remove, and load documents back.

What a question costs must not grow with the number of documents: the list of documents and an
index of body names live in memory; a document's tables and cells are read back whole (one blob)
only when a question is about it, and kept in a bounded cache; the lexical index is built on the
first search from per-document token files and then updated one document at a time.
"""
from __future__ import annotations

import hashlib
import logging
import os
import threading
from collections import OrderedDict
from dataclasses import asdict, dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Callable, Iterable

from ingest import PARSER_VERSION, guard
from ingest.errors import IngestError
from ingest.model import Document, StatedFact, TableFact, TableInfo, TextChunk
from vectorstore import lexical, records
from vectorstore.store import ChromaStore

log = logging.getLogger(__name__)
FACTS_CACHE = 64  # documents whose cells stay in memory (a 25-page document: ~1 MB)
TEXTS_CACHE = 32  # documents whose lexical texts stay in memory (for search hits)
PRELOAD = ["vectorstore.records", "vectorstore.lexical"]  # what parse workers import (jieba warmed once)
POST = "vectorstore.records:prepare"  # what they run on each parsed document


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


def file_id(path: Path) -> str:
    """The doc_id a file will get (its content hash), '' when it cannot be read."""
    try:
        h = hashlib.sha256()
        with open(path, "rb") as fh:
            for block in iter(lambda: fh.read(1 << 20), b""):
                h.update(block)
        return h.hexdigest()[:16] if path.stat().st_size else ""
    except OSError:
        return ""


def _doc_from(m: dict) -> Document:
    return Document(doc_id=m["doc_id"], title=m["title"], department=m["department"],
                    year=int(m["year"]) if m.get("year") not in ("", None) else None,
                    kind=m["kind_doc"], source=m["source"], pages=int(m["pages"]),
                    sha256=m["sha256"], scope=m.get("scope", "部门"), date=m.get("date", ""))


def _bigrams(s: str) -> set[str]:
    return {s[i:i + 2] for i in range(len(s) - 1)}


class Library:
    """Documents in a Chroma store, their lexical index, and the parse workers that ingest them."""

    def __init__(self, store: ChromaStore, settings):
        self.store = store
        self.settings = settings
        self.index = lexical.BM25Index()
        self._docs: dict[str, Document] = {}
        self._meta: dict[str, dict] = {}
        self._sorted: list[Document] | None = None
        self._bodies: dict[str, Document] | None = None  # department → one of its documents
        self._body_grams: dict[str, set[str]] = {}  # bigram → departments whose names contain it
        self._facts: OrderedDict[str, DocFacts] = OrderedDict()
        self._texts: OrderedDict[str, dict[str, str]] = OrderedDict()
        self._lock = threading.RLock()  # in-memory state
        self._write_lock = threading.Lock()  # one writer at a time in this process
        self._indexed = False
        self._stamp: tuple | None = None
        self.purged: list[str] | None = None  # None: not purged yet (another process was writing)
        if store.can_write():  # purge what an interrupted ingest left, unless another process writes now
            try:
                # a trusted catalog (no marker left) means the last writer finished: Chroma stays
                # closed. Otherwise a full scan: records a killed writer left without its marker
                # in Chroma are found too (the marker file is made first).
                self.purged = [] if store.catalog() is not None else self.purge_partial(full=True)
            finally:
                store.close()
        self.reload()

    def _writer(self) -> None:
        """Take the store's writer lock (StoreBusy if another process has it); purge once if not yet done.

        On taking the lock afresh the list of documents is read again: another process may have
        written since this one last read it, and the catalog this process writes must name its documents.
        """
        fresh = not self.store.holding
        self.store.acquire_writer()
        if self.store.path is not None and fresh:
            if self.store.catalog() is None:
                self.purged = self.purge_partial(full=True)
            self.reload()
        elif self.purged is None:
            self.purged = self.purge_partial(full=False)

    # -- limits ----------------------------------------------------------------------------
    def limits(self) -> guard.Limits:
        """Per-file parse limits (settings parse_timeout / parse_memory_mb, env BUDGETQA_PARSE_*)."""
        def get(name: str, env: str, default: float) -> float:
            v = getattr(self.settings, name, None) or os.environ.get(env)
            return float(v) if v not in (None, "") else default
        return guard.Limits(seconds=get("parse_timeout", "BUDGETQA_PARSE_TIMEOUT", 120.0),
                            memory_mb=int(get("parse_memory_mb", "BUDGETQA_PARSE_MEMORY_MB", 2048)))

    # -- reading -------------------------------------------------------------------------
    def reload(self) -> None:
        """Read the list of complete documents (the catalog file, else the store)."""
        stamp = self.store.files.stamp()
        metas = self.store.catalog()
        if metas is None:
            metas = self.store.doc_records()
        with self._lock:
            self._stamp = stamp
            self._meta = {m["doc_id"]: m for m in metas}
            self._docs = {d: _doc_from(m) for d, m in self._meta.items()}
            self._versions = {d: m.get("parser", "") for d, m in self._meta.items()}
            self._changed()
            for gone in set(self._facts) - set(self._docs):
                del self._facts[gone]
            for gone in self.index.documents() - set(self._docs):
                self.index.remove(gone)
            if self._indexed:  # documents another process added since the index was built
                for doc_id in set(self._docs) - self.index.documents():
                    self._index_items(doc_id, self._lexical(doc_id))

    def refresh(self) -> None:
        """Read the list of documents again if another process changed the catalog (a stat when not)."""
        if self.store.path is not None and not self.store.holding and self.store.files.stamp() != self._stamp:
            self.reload()

    def _changed(self) -> None:
        self._sorted = None
        self._bodies = None

    def documents(self) -> list[Document]:
        """Complete documents, by body then year."""
        with self._lock:
            if self._sorted is None:
                self._sorted = sorted(self._docs.values(), key=lambda d: (d.department, d.year or 0, d.source))
            return list(self._sorted)

    def get(self, doc_id: str) -> Document | None:
        """A document by id (or unique id prefix)."""
        if doc_id in self._docs:
            return self._docs[doc_id]
        if not doc_id:
            return None
        hits = [d for k, d in list(self._docs.items()) if k.startswith(doc_id)]
        return hits[0] if len(hits) == 1 else None

    def stats(self, doc_id: str) -> dict[str, int]:
        """Counts recorded at ingest (tables, facts, stated, chunks) without loading the document."""
        m = self._meta.get(doc_id, {})
        return {k: int(m.get(f"n_{k}", 0) or 0) for k in ("tables", "facts", "stated", "chunks")}

    def warnings(self, doc_id: str) -> list[str]:
        """The warnings recorded when a document was ingested."""
        return [w for w in str(self._meta.get(doc_id, {}).get("warnings", "")).split("\n") if w]

    def body_scores(self, text: str, docs: Iterable[Document] | None = None) -> dict[str, int]:
        """understand.body_score for every document that text names (doc_id → score; others absent).

        body_score depends on the body's name only, and a score ≥2 needs a shared pair of characters:
        an index of name bigrams narrows the bodies to score, and each body is scored once.
        """
        from assistant.understand import GENERIC_PLACES, body_aliases, body_score
        with self._lock:
            if self._bodies is None:
                self._bodies, self._body_grams = {}, {}
                for d in self._docs.values():
                    if d.department in self._bodies:
                        continue
                    self._bodies[d.department] = d
                    for alias in body_aliases(d):
                        for p in GENERIC_PLACES:
                            alias = alias.replace(p, "")
                        for g in _bigrams(alias):
                            self._body_grams.setdefault(g, set()).add(d.department)
            bodies, grams = self._bodies, self._body_grams
        q = text
        for p in GENERIC_PLACES:
            q = q.replace(p, "")
        names = set().union(*(grams.get(g, set()) for g in _bigrams(q))) if q else set()
        # '市财政局' also names 上海市财政局 through body_score's bonus; its alias shares 财政 anyway
        scores = {name: body_score(text, bodies[name]) for name in names}
        scores = {n: s for n, s in scores.items() if s}
        pool = docs if docs is not None else self._docs.values()
        return {d.doc_id: scores[d.department] for d in pool if d.department in scores}

    def facts(self, doc_id: str) -> DocFacts:
        """A document's tables, cells, stated numbers and chunks (a bounded cache keeps recent ones)."""
        with self._lock:
            df = self._facts.get(doc_id)
            if df is not None:
                self._facts.move_to_end(doc_id)
                return df
            doc = self._docs[doc_id]
            meta = self._meta.get(doc_id, {})
        if str(meta.get("layout", "1")) == records.LAYOUT:
            tag = str(meta.get("struct_tag", ""))
            text = self.store.read_local(doc_id, tag, "struct")
            if text is None:
                text = self.store.blob(doc_id, "struct", int(meta.get("parts_struct", 1)))
                if text is None:
                    raise KeyError(f"文档 {doc_id} 的数据不完整，请重新导入 {doc.source}")
                if tag:
                    try:
                        self.store.write_local(doc_id, tag, text, "struct")
                    except OSError:
                        pass
            got = records.unpack(doc_id, records.decode(text))
            tables, facts, stated, chunks = got["tables"], got["facts"], got["stated"], got["chunks"]
        else:
            tables, facts, stated, chunks = self._facts_v1(doc_id)
        facts.sort(key=lambda f: (f.table_no, f.row_no, f.fact_id))
        tables.sort(key=lambda t: t.table_no)
        stated.sort(key=lambda s: (s.page, int(s.fact_id.rsplit(":s", 1)[-1])))
        chunks.sort(key=lambda c: (c.page, int(c.chunk_id.rsplit(":x", 1)[-1])))
        df = DocFacts(doc, tables, facts, stated, chunks)
        with self._lock:
            if doc_id in self._docs:
                self._facts[doc_id] = df
                while len(self._facts) > FACTS_CACHE:
                    self._facts.popitem(last=False)
        return df

    def _facts_v1(self, doc_id: str):
        """A document stored one record per cell (stores written before blobs)."""
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
        return tables, facts, stated, chunks

    # -- the lexical index -----------------------------------------------------------------
    def _lexical(self, doc_id: str) -> dict | None:
        """A document's lexical items {ids, pages, texts, tokens}: the local file, else the store."""
        m = self._meta.get(doc_id, {})
        if str(m.get("layout", "1")) != records.LAYOUT:
            items = self.store.texts_of({"doc_id": doc_id})
            return {"ids": [i for i, _, _ in items], "texts": [t for _, t, _ in items],
                    "pages": [int(x.get("page", 0) or 0) for _, _, x in items],
                    "tokens": [str(x.get("tok", "")) for _, _, x in items]}
        tag = str(m.get("lex_tag", ""))
        text = self.store.read_local(doc_id, tag)
        if text is None:
            text = self.store.blob(doc_id, "lex", int(m.get("parts_lex", 1)))
            if text is None:
                log.warning("lexical items of %s missing; it is left out of search", doc_id)
                return None
            try:
                self.store.write_local(doc_id, tag, text)
            except OSError:
                pass
        return records.decode(text)

    def ensure_index(self) -> None:
        """Build the lexical index from stored tokens (once per process, then incremental)."""
        with self._lock:
            if self._indexed:
                return
            have = self.index.documents()
            for doc_id in list(self._docs):
                if doc_id not in have:
                    self._index_items(doc_id, self._lexical(doc_id))
            self._indexed = True

    def _index_items(self, doc_id: str, items: dict | None) -> None:
        if not items:
            return
        self.index.add(doc_id, list(zip(items["ids"], (t.split() for t in items["tokens"]))), items["pages"])

    def mentioned(self, phrase: str, docs: Iterable[Document] | None = None) -> bool:
        """Does any document's text or table row contain the phrase? (the index narrows, the text decides)"""
        self.ensure_index()
        ids = {d.doc_id for d in docs} if docs is not None else None
        for item, _ in self.index.search(lexical.tokenize(phrase), k=20, docs=ids):
            if phrase in self.text(item):
                return True
        return False

    def text(self, item_id: str) -> str:
        """The stored text of an indexed item."""
        doc_id = item_id.split(":", 1)[0]
        with self._lock:
            texts = self._texts.get(doc_id)
            if texts is not None:
                self._texts.move_to_end(doc_id)
                return texts.get(item_id, "")
        items = self._lexical(doc_id) if doc_id in self._docs else None
        texts = dict(zip(items["ids"], items["texts"])) if items else {}
        with self._lock:
            self._texts[doc_id] = texts
            while len(self._texts) > TEXTS_CACHE:
                self._texts.popitem(last=False)
        return texts.get(item_id, "")

    def page(self, item_id: str) -> int:
        """The page of an indexed item."""
        return self.index.page(item_id)

    # -- writing -------------------------------------------------------------------------
    def _skip_report(self, doc_id: str) -> IngestReport | None:
        with self._lock:
            if doc_id and doc_id in self._docs and self._versions.get(doc_id) == PARSER_VERSION:
                d, n = self._docs[doc_id], self.stats(doc_id)
                return IngestReport(doc_id, d.source, d.pages, n["chunks"], n["facts"], self.warnings(doc_id),
                                    n["tables"], n["stated"], skipped=True)
        return None

    def ingest(self, path: str | Path, progress=None) -> IngestReport:
        """Parse a file (in a worker, within limits) and store it; the same content again changes nothing."""
        path = Path(path)
        skipped = self._skip_report(file_id(path))
        if skipped is not None:
            return skipped
        self._writer()  # refuse before parsing when another process writes this store
        prepared = guard.pool(None, PRELOAD, POST).run(path, self.limits(), progress)
        return self.write(prepared)

    def ingest_many(self, paths: Iterable[str | Path], workers: int | None = None,
                    on_file: Callable[[Path, IngestReport | IngestError], None] | None = None,
                    on_page: Callable[[Path, int, int], None] | None = None) -> list[tuple[Path, IngestReport | IngestError]]:
        """Parse files in `workers` processes, store each as it arrives; a bad file is reported, not fatal."""
        paths = [Path(p) for p in paths]
        out: list[tuple[Path, IngestReport | IngestError]] = []

        def done(p: Path, r) -> None:
            out.append((p, r))
            if on_file:
                on_file(p, r)

        todo = []
        for p in paths:
            skipped = self._skip_report(file_id(p))
            if skipped is not None:
                done(p, skipped)
            else:
                todo.append(p)
        if not todo:
            return out
        self._writer()
        workers = workers or os.cpu_count() or 1
        pool = guard.pool(workers, PRELOAD, POST)
        for p, res in pool.map(todo, self.limits(), workers, progress=on_page):
            if isinstance(res, IngestError):
                done(p, res)
                continue
            try:
                done(p, self.write(res))
            except IngestError as exc:
                done(p, exc)
        return out

    def write(self, p: records.Prepared) -> IngestReport:
        """Store a prepared document: marker, old records out, chunks, blobs, local file, doc record, marker out."""
        doc = p.document
        vectors = self._embed([t for _, t, _ in p.chunks]) if p.chunks and self.settings.embed_on_ingest else None
        lex_tag = hashlib.sha1(p.lexical.encode("ascii")).hexdigest()[:10]
        struct_tag = hashlib.sha1(p.blob.encode("ascii")).hexdigest()[:10]
        with self._write_lock:
            self._writer()
            skipped = self._skip_report(doc.doc_id)  # another thread stored the same file meanwhile
            if skipped is not None:
                return skipped
            self.store.mark_pending(doc.doc_id)
            self.store.delete_doc(doc.doc_id)  # an older version (another parser) goes first
            if vectors is not None:
                self.store.add_texts([i for i, _, _ in p.chunks], [t for _, t, _ in p.chunks],
                                     [m for _, _, m in p.chunks], vectors)
            parts_struct = self.store.put_blob(doc.doc_id, "struct", p.blob)
            parts_lex = self.store.put_blob(doc.doc_id, "lex", p.lexical)
            self.store.write_local(doc.doc_id, lex_tag, p.lexical)
            self.store.write_local(doc.doc_id, struct_tag, p.blob, "struct")
            dm = _meta(doc)
            dm["kind_doc"] = dm.pop("kind")
            dm.update({"warnings": "\n".join(p.warnings), "parser": PARSER_VERSION, "layout": records.LAYOUT,
                       "parts_struct": parts_struct, "parts_lex": parts_lex, "lex_tag": lex_tag,
                       "struct_tag": struct_tag,
                       "vectors": vectors is not None, **{f"n_{k}": v for k, v in p.counts.items()}})
            # the doc record last: until it exists the document is invisible (crash safety)
            self.store.put_doc(doc.doc_id, doc.title, dm)
            meta = {**dm, "doc_id": doc.doc_id, "kind": "doc"}
            self.store.commit(doc.doc_id, self._catalog(doc.doc_id, meta))
            with self._lock:
                self._docs[doc.doc_id] = doc
                self._meta[doc.doc_id] = meta
                self._versions[doc.doc_id] = PARSER_VERSION
                self._changed()
                self._facts.pop(doc.doc_id, None)
                self._texts.pop(doc.doc_id, None)
                self.index.remove(doc.doc_id)
                if self._indexed:
                    self._index_items(doc.doc_id, records.decode(p.lexical))
        n = p.counts
        return IngestReport(doc.doc_id, doc.source, doc.pages, n["chunks"], n["facts"], list(p.warnings),
                            n["tables"], n["stated"])

    def _embed(self, texts: list[str]) -> list[list[float]]:
        from vectorstore.embeddings import embed
        return embed(texts, self.settings.embedding_model or None)

    def _catalog(self, doc_id: str, meta: dict | None) -> list[dict]:
        """The complete documents' metadata once doc_id is written (meta) or removed (None)."""
        with self._lock:
            out = [m for d, m in self._meta.items() if d != doc_id]
        return out + ([meta] if meta is not None else [])

    def remove(self, doc_id: str) -> bool:
        """Delete a document and every trace of it; False when it was not there."""
        d = self.get(doc_id)
        if d is None:
            return False
        with self._write_lock:
            self._writer()
            self.store.mark_pending(d.doc_id)
            self.store.delete_doc(d.doc_id)
            self.store.commit(d.doc_id, self._catalog(d.doc_id, None))
            with self._lock:
                self._docs.pop(d.doc_id, None)
                self._meta.pop(d.doc_id, None)
                self._changed()
                self._facts.pop(d.doc_id, None)
                self._texts.pop(d.doc_id, None)
                self.index.remove(d.doc_id)
        return True

    def purge_partial(self, full: bool = True) -> list[str]:
        """Delete what interrupted ingests (or removals) left behind; returns their ids.

        A pending marker names each unfinished write: its document is kept when its doc record and
        every blob part exist (the crash came after the last write), else all of it is deleted.
        full=True also scans every record for documents without a doc record (older stores).
        """
        self.store.acquire_writer()
        gone: set[str] = set()
        complete = {m["doc_id"]: m for m in self.store.doc_records()}
        for doc_id in self.store.pending():
            m = complete.get(doc_id)
            if m is not None and self._whole(doc_id, m):
                self.store.clear_pending(doc_id)
                continue
            self.store.delete_doc(doc_id)
            self.store.clear_pending(doc_id)
            complete.pop(doc_id, None)
            gone.add(doc_id)
        if full:
            for doc_id in self.store.doc_ids_partial():
                self.store.delete_doc(doc_id)
                gone.add(doc_id)
        if self.store.path is not None:  # local files of documents that are not (or no longer) complete
            for doc_id, files in self.store.local_files().items():
                m = complete.get(doc_id)
                keep = {f"{doc_id}-{m.get('lex_tag', '')}.lex", f"{doc_id}-{m.get('struct_tag', '')}.struct"} if m else set()
                for f in files:
                    if f.name not in keep:
                        f.unlink(missing_ok=True)
            self.store.save_catalog(list(complete.values()))
            for doc_id in self.store.files.marked():
                self.store.files.unmark(doc_id)
        if gone:
            log.info("purged %d partly written documents: %s", len(gone), ", ".join(sorted(gone)))
            self.reload()
        return sorted(gone)

    def _whole(self, doc_id: str, m: dict) -> bool:
        if str(m.get("layout", "1")) != records.LAYOUT:
            return True
        ok = all(self.store.blob(doc_id, w, int(m.get(f"parts_{w}", 1))) is not None for w in ("struct", "lex"))
        if ok and m.get("vectors") and int(m.get("n_chunks", 0) or 0):
            ok = len(self.store.texts.get(where={"doc_id": doc_id}, include=[])["ids"]) == int(m["n_chunks"])
        return ok

    def close(self) -> None:
        """Release the store's writer lock."""
        self.store.close()
