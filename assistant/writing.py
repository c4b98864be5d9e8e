"""Writing to the library: parse files in worker processes (within limits), store them, remove them,
and purge what an interrupted write left behind.

A document is written in an order that makes a crash harmless: marker file, Chroma marker, old
records out, vectors, blobs, cached files, doc record, then catalog and markers out. Whatever a
SIGKILL leaves is found through the markers on the next open and purged (or kept, when whole).
"""
from __future__ import annotations

import hashlib
import logging
import os
from dataclasses import asdict, dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Callable, Iterable

from ingest import PARSER_VERSION, guard
from ingest.errors import IngestError
from vectorstore import records

log = logging.getLogger("assistant.library")
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


class Writing:
    """Ingest, write, remove and purge; mixed into Library, whose state (store, _docs, _meta…) it updates."""

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

    def limits(self) -> guard.Limits:
        """Per-file parse limits (settings parse_timeout / parse_memory_mb, env BUDGETQA_PARSE_*)."""
        def get(name: str, env: str, default: float) -> float:
            v = getattr(self.settings, name, None) or os.environ.get(env)
            return float(v) if v not in (None, "") else default
        return guard.Limits(seconds=get("parse_timeout", "BUDGETQA_PARSE_TIMEOUT", 120.0),
                            memory_mb=int(get("parse_memory_mb", "BUDGETQA_PARSE_MEMORY_MB", 2048)))

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
