"""The only module that imports chromadb: add, delete, get(where), search.

Two collections: ``texts`` holds narrative chunks and table summaries with dense vectors;
``facts`` holds one record per table cell, stated number, table and document with their
metadata (structured records are looked up by filter, not by similarity, so they carry a
1-dimensional placeholder vector instead of a costly embedding).
A document is visible only once its ``doc`` record exists; that record is written last and
deleted first, so an interrupted ingest never shows half a document.
"""
from __future__ import annotations

import logging
import os
from pathlib import Path
from typing import Any, Iterable

os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")
import chromadb  # noqa: E402
from chromadb.config import Settings as ChromaSettings  # noqa: E402

log = logging.getLogger(__name__)
BATCH = 2000


class StoreError(Exception):
    """The Chroma store cannot be opened or written; the message names it."""


class ChromaStore:
    """Embedded (PersistentClient in a folder) or client/server (HttpClient) Chroma."""

    def __init__(self, path: str | Path | None = None, url: str | None = None):
        settings = ChromaSettings(anonymized_telemetry=False, allow_reset=False)
        try:
            if url:
                from urllib.parse import urlparse
                u = urlparse(url if "://" in url else f"http://{url}")
                self.client = chromadb.HttpClient(host=u.hostname or "127.0.0.1", port=u.port or 8000,
                                                  ssl=u.scheme == "https", settings=settings)
                self.client.heartbeat()
                self.where = url
            else:
                Path(path).mkdir(parents=True, exist_ok=True)
                self.client = chromadb.PersistentClient(path=str(path), settings=settings)
                self.where = str(path)
        except Exception as exc:  # noqa: BLE001 - chromadb raises many types for a bad location
            raise StoreError(f"无法打开 Chroma 存储 {url or path}：{type(exc).__name__}: {exc}") from exc
        self.texts = self.client.get_or_create_collection("texts", metadata={"hnsw:space": "cosine"})
        self.facts = self.client.get_or_create_collection("facts")

    # -- writing -------------------------------------------------------------------------
    def add_texts(self, ids: list[str], documents: list[str], metadatas: list[dict],
                  embeddings: list[list[float]]) -> None:
        """Upsert narrative chunks / table summaries with their vectors."""
        for i in range(0, len(ids), BATCH):
            self.texts.upsert(ids=ids[i:i + BATCH], documents=documents[i:i + BATCH],
                              metadatas=metadatas[i:i + BATCH], embeddings=embeddings[i:i + BATCH])

    def add_records(self, ids: list[str], documents: list[str], metadatas: list[dict]) -> None:
        """Upsert structured records (facts, tables, stated numbers, the document)."""
        for i in range(0, len(ids), BATCH):
            n = len(ids[i:i + BATCH])
            self.facts.upsert(ids=ids[i:i + BATCH], documents=documents[i:i + BATCH],
                              metadatas=metadatas[i:i + BATCH], embeddings=[[1.0]] * n)

    def delete_doc(self, doc_id: str) -> None:
        """Remove every record of a document (its doc record first)."""
        self.facts.delete(ids=[f"doc:{doc_id}"])
        self.facts.delete(where={"doc_id": doc_id})
        self.texts.delete(where={"doc_id": doc_id})

    # -- reading -------------------------------------------------------------------------
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

    def doc_ids_partial(self) -> set[str]:
        """Documents with records but no doc record: what an interrupted ingest left behind."""
        complete = {m["doc_id"] for _, _, m in self.records({"kind": "doc"})}
        seen: set[str] = set()
        for coll in (self.facts, self.texts):
            offset = 0
            while True:
                got = coll.get(include=["metadatas"], limit=5000, offset=offset)
                if not got["ids"]:
                    break
                seen.update(m.get("doc_id", "") for m in got["metadatas"])
                offset += len(got["ids"])
        return {d for d in seen - complete if d}

    def counts(self) -> tuple[int, int]:
        """Number of text records and structured records."""
        return self.texts.count(), self.facts.count()


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
