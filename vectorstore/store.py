"""The only module that imports chromadb: documents in, documents out, and the folder they live in.

Two collections: ``texts`` holds narrative chunks with dense vectors (similarity search);
``facts`` holds, per document, its compressed blobs (structure and lexical items, see
vectorstore.records), a ``pending`` marker while it is being written, and its ``doc`` record.
A document is visible only once its doc record exists: the marker is written first, the doc
record last, the marker removed after it; removal deletes the doc record first. Whatever an
interrupted write leaves behind is found through its marker and purged.

Embedded stores also keep files beside Chroma (vectorstore.local: a catalog of documents, cached
blobs, pending markers), and Chroma itself is opened only when something needs it: answering a
question from a clean store reads files only (chromadb takes seconds to import).

Embedded stores (a folder, PersistentClient) take a writer lock (flock on ``.writer.lock``): one
writing process per folder, because each process keeps its own copy of Chroma's vector index.
A Chroma server (``url``) is shared by many processes and hosts; there a lock across hosts is not
possible, so writers should not ingest the same file at the same moment.
"""
from __future__ import annotations

import hashlib
import logging
import os
import threading
import time
from pathlib import Path
from typing import Any, Iterable

from vectorstore.local import LocalFolder
from vectorstore.writer_lock import StoreBusy, StoreError, WriterLock

os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")

log = logging.getLogger(__name__)
__all__ = ["ChromaStore", "StoreBusy", "StoreError"]
BATCH = 2000
PART = 1_000_000  # characters per blob record
STALE_PENDING_S = 3600  # on a shared server, a marker this old is an interrupted writer's


class ChromaStore(WriterLock):
    """Embedded (PersistentClient in a folder) or client/server (HttpClient) Chroma."""

    def __init__(self, path: str | Path | None = None, url: str | None = None):
        self.url = url or ""
        self.path = Path(path) if path is not None and not url else None
        self._holding = False
        self._writing = False  # this process has begun writing (files.begin_writing) since it took the lock
        self._client = None
        self._open_lock = threading.Lock()
        if url:
            cache = Path(os.environ.get("BUDGETQA_CACHE", Path.home() / ".cache" / "budgetqa"))
            self.where = url
            self.local = cache / "servers" / hashlib.sha1(url.encode()).hexdigest()[:12]
            self._open()  # a server that does not answer is reported now, not at the first question
        else:
            try:
                Path(path).mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise StoreError(f"无法打开 Chroma 存储 {path}：{type(exc).__name__}: {exc}；请用 --store 或 "
                                 "BUDGETQA_STORE 指定一个可写的目录") from exc
            self.where = str(path)
            self.local = Path(path)
        self.files = LocalFolder(self.local)

    def _open(self) -> None:
        """Connect to Chroma (embedded folder or server) and open both collections, once."""
        with self._open_lock:
            if self._client is not None:
                return
            try:
                import chromadb
                from chromadb.config import Settings as ChromaSettings
                settings = ChromaSettings(anonymized_telemetry=False, allow_reset=False)
                if self.url:
                    from urllib.parse import urlparse
                    u = urlparse(self.url if "://" in self.url else f"http://{self.url}")
                    client = chromadb.HttpClient(host=u.hostname or "127.0.0.1", port=u.port or 8000,
                                                 ssl=u.scheme == "https", settings=settings)
                    client.heartbeat()
                else:
                    client = chromadb.PersistentClient(path=str(self.path), settings=settings)
                self._texts = client.get_or_create_collection("texts", metadata={"hnsw:space": "cosine"})
                self._facts = client.get_or_create_collection("facts")
            except Exception as exc:  # noqa: BLE001 - chromadb raises many types for a bad location
                if self.path is not None and "locked" in str(exc) and not self._holding and not self._lock_free():
                    # another process writes this folder (its first documents: no catalog to read yet)
                    raise self._busy() from None
                hint = ("；请先启动服务器：chroma run --path DIR --port 8000" if self.url else
                        "；这个目录可能不是 Chroma 存储或已损坏：请用 --store 或 BUDGETQA_STORE 换一个目录")
                raise StoreError(f"无法打开 Chroma 存储 {self.url or self.path}：{type(exc).__name__}: {exc}{hint}") from exc
            self._client = client

    @property
    def client(self):
        """The Chroma client (opened on first use)."""
        self._open()
        return self._client

    @property
    def texts(self):
        """Narrative chunks with dense vectors."""
        self._open()
        return self._texts

    @property
    def facts(self):
        """Blobs, pending markers and doc records."""
        self._open()
        return self._facts

    @property
    def opened(self) -> bool:
        """Whether Chroma has been opened in this process (tests of the file-only path)."""
        return self._client is not None


    # -- writing -------------------------------------------------------------------------
    def mark_pending(self, doc_id: str) -> None:
        """The first write of a document (or of its removal): a marker naming it (a file, then in Chroma)."""
        if self.path is not None:
            if not self._writing:
                self.files.begin_writing()
                self._writing = True
            self.files.mark(doc_id)
        self.facts.upsert(ids=[f"pending:{doc_id}"], embeddings=[[1.0]],
                          metadatas=[{"kind": "pending", "pending_doc": doc_id, "since": time.time()}])

    def clear_pending(self, doc_id: str) -> None:
        """The document is complete (or completely gone) in Chroma: its Chroma marker goes."""
        self.facts.delete(ids=[f"pending:{doc_id}"])

    def commit(self, doc_id: str, metas: list[dict]) -> None:
        """The last steps of a write: Chroma marker out, catalog of complete documents saved, file marker out."""
        self.clear_pending(doc_id)
        if self.path is not None:
            self.files.save_catalog(metas)
            self.files.unmark(doc_id)

    def catalog(self) -> list[dict] | None:
        """The catalog of complete documents when it can be trusted without Chroma, else None.

        Embedded stores only (a server is written by other hosts), and only while no write is
        pending — or while another process holds the writer lock (its catalog is then the last
        consistent state; markers are its writes in progress).
        """
        if self.path is None:
            return None
        if (self.files.marked() or self.files.unclosed()) and (self._holding or self._lock_free()):
            return None  # (a write left unfinished, or a writer that ended without closing: Chroma decides)
        return self.files.catalog()

    def save_catalog(self, metas: list[dict]) -> None:
        """Rewrite the catalog (embedded stores; the writer after a purge, which read it from Chroma:
        an earlier writer's unclosed session is then checked)."""
        if self.path is not None:
            self.files.save_catalog(metas)
            if not self._writing:
                self.files.end_writing()

    def add_texts(self, ids: list[str], documents: list[str], metadatas: list[dict],
                  embeddings: list[list[float]]) -> None:
        """Upsert narrative chunks with their vectors."""
        for i in range(0, len(ids), BATCH):
            self.texts.upsert(ids=ids[i:i + BATCH], documents=documents[i:i + BATCH],
                              metadatas=metadatas[i:i + BATCH], embeddings=embeddings[i:i + BATCH])

    def put_blob(self, doc_id: str, what: str, text: str) -> int:
        """Store a document's blob in parts; returns the number of parts."""
        parts = [text[i:i + PART] for i in range(0, len(text), PART)] or [""]
        self.facts.upsert(ids=[f"{what}:{doc_id}:{k}" for k in range(len(parts))],
                          embeddings=[[1.0]] * len(parts),
                          metadatas=[{"doc_id": doc_id, "kind": "blob", "what": what, "part": k, "data": p}
                                     for k, p in enumerate(parts)])
        return len(parts)

    def put_doc(self, doc_id: str, title: str, meta: dict) -> None:
        """The document record: written last, it makes the document visible."""
        self.facts.upsert(ids=[f"doc:{doc_id}"], documents=[title], embeddings=[[1.0]],
                          metadatas=[{**meta, "doc_id": doc_id, "kind": "doc"}])

    def add_records(self, ids: list[str], documents: list[str], metadatas: list[dict]) -> None:
        """Upsert structured records (the layout before blobs; kept for tests of old stores)."""
        for i in range(0, len(ids), BATCH):
            n = len(ids[i:i + BATCH])
            self.facts.upsert(ids=ids[i:i + BATCH], documents=documents[i:i + BATCH],
                              metadatas=metadatas[i:i + BATCH], embeddings=[[1.0]] * n)

    def delete_doc(self, doc_id: str) -> None:
        """Remove every record of a document (its doc record first) and its local files."""
        self.facts.delete(ids=[f"doc:{doc_id}"])
        self.facts.delete(where={"doc_id": doc_id})
        self.texts.delete(where={"doc_id": doc_id})
        self.drop_local(doc_id)

    # -- reading -------------------------------------------------------------------------
    def doc_records(self) -> list[dict]:
        """The metadata of every complete document."""
        return [m for _, _, m in self.records({"kind": "doc"})]

    def blob(self, doc_id: str, what: str, parts: int) -> str | None:
        """A document's blob joined from its parts, or None when a part is missing."""
        ids = [f"{what}:{doc_id}:{k}" for k in range(parts)]
        got = self.facts.get(ids=ids, include=["metadatas"])
        by_id = dict(zip(got["ids"], got["metadatas"]))
        if any(i not in by_id for i in ids):
            return None
        return "".join(str(by_id[i].get("data", "")) for i in ids)

    def records(self, where: dict[str, Any]) -> list[tuple[str, str, dict]]:
        """All structured records matching a filter, as (id, document, metadata)."""
        got = self.facts.get(where=where, include=["documents", "metadatas"])
        return list(zip(got["ids"], got["documents"], got["metadatas"]))

    def texts_of(self, where: dict[str, Any]) -> list[tuple[str, str, dict]]:
        """All text records matching a filter."""
        got = self.texts.get(where=where, include=["documents", "metadatas"])
        return list(zip(got["ids"], got["documents"], got["metadatas"]))

    def search(self, embedding: list[float], k: int, where: dict | None = None) -> list[tuple[str, float]]:
        """Dense nearest neighbours among text records: (id, distance)."""
        if self.texts.count() == 0:
            return []
        res = self.texts.query(query_embeddings=[embedding], n_results=k, where=where or None,
                               include=["distances"])
        return list(zip(res["ids"][0], res["distances"][0]))

    def pending(self) -> list[str]:
        """Documents whose write (or removal) began and did not finish (marker files and Chroma markers).

        On a shared server a fresh marker may belong to a writer that is still busy: only markers
        older than an hour count there.
        """
        out = self.files.marked() if self.path is not None else []
        for _, _, m in self.records({"kind": "pending"}):
            if self.url and time.time() - float(m.get("since", 0) or 0) < STALE_PENDING_S:
                continue
            out.append(str(m["pending_doc"]))
        return sorted(set(out))

    def doc_ids_partial(self) -> set[str]:
        """Documents with records but no doc record (a scan of every id; pending() is the quick way)."""
        complete = {m["doc_id"] for m in self.doc_records()}
        seen: set[str] = set()
        for coll in (self.facts, self.texts):
            offset = 0
            while True:
                got = coll.get(include=[], limit=10000, offset=offset)
                if not got["ids"]:
                    break
                seen.update(map(owner_of, got["ids"]))
                offset += len(got["ids"])
        return {d for d in seen - complete if d}

    def ids_of(self, doc_id: str) -> list[str]:
        """Every record id that belongs to a document, in both collections (for checks)."""
        out: list[str] = []
        for coll in (self.facts, self.texts):
            out += coll.get(where={"doc_id": doc_id}, include=[])["ids"]
        out += self.facts.get(ids=[f"doc:{doc_id}", f"pending:{doc_id}"], include=[])["ids"]
        return out

    def counts(self) -> tuple[int, int]:
        """Number of text records and structured records."""
        return self.texts.count(), self.facts.count()

    # -- the local folder: blobs cached next to the store ------------------------------------
    def write_local(self, doc_id: str, tag: str, text: str, ext: str = "lex") -> None:
        """Cache a document's blob in a file (temp file, fsync, rename: never half a file)."""
        self.files.write(doc_id, tag, text, ext)

    def read_local(self, doc_id: str, tag: str, ext: str = "lex") -> str | None:
        """A cached blob, or None."""
        return self.files.read(doc_id, tag, ext)

    def drop_local(self, doc_id: str) -> None:
        """Delete a document's cached files."""
        self.files.drop(doc_id)

    def local_files(self) -> dict[str, list[Path]]:
        """Cached files by doc_id (temp files included, under their doc_id)."""
        return self.files.files()

    def size_on_disk(self) -> int:
        """Bytes used by the store folder (0 for a server)."""
        if self.path is None:
            return 0
        return sum(f.stat().st_size for f in self.path.rglob("*") if f.is_file())


def owner_of(record_id: str) -> str:
    """The doc_id in a record id: 'struct:D:0', 'doc:D', 'pending:D' or 'D:p3:x1', 'D:row:t2:r5'."""
    head, _, rest = record_id.partition(":")
    if head in ("struct", "lex", "doc", "pending"):
        return rest.split(":", 1)[0]
    return head


def batched(items: Iterable, n: int):
    """Yield lists of n items."""
    buf = []
    for x in items:
        buf.append(x)
        if len(buf) == n:
            yield buf
            buf = []
    if buf:
        yield buf
