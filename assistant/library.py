"""The document library: list documents and load them back (ingest and removal: assistant.writing).

What a question costs must not grow with the number of documents: the list of documents and an
index of body names live in memory; a document's tables and cells are read back whole (one blob)
only when a question is about it, and kept in a bounded cache; the lexical index is built on the
first search from per-document token files and then updated one document at a time.
"""
from __future__ import annotations

import logging
import re
import threading
from collections import OrderedDict
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache
from typing import Iterable

from assistant.writing import POST, PRELOAD, IngestReport, Writing, file_id
from ingest.model import Document, StatedFact, TableFact, TableInfo, TextChunk
from vectorstore import lexical, records
from vectorstore.store import ChromaStore

__all__ = ["Library", "DocFacts", "IngestReport", "file_id", "fact_text", "POST", "PRELOAD"]

log = logging.getLogger(__name__)
FACTS_CACHE = 64  # documents whose cells stay in memory (a 25-page document: ~1 MB)
TEXTS_CACHE = 32  # documents whose lexical texts stay in memory (for search hits)


@dataclass
class DocFacts:
    """One document's structured content, loaded back from the store."""

    document: Document
    tables: list[TableInfo]
    facts: list[TableFact]
    stated: list[StatedFact]
    chunks: list[TextChunk]


def _dec(s: str) -> Decimal | None:
    return Decimal(s) if s not in ("", None) else None


def fact_text(f: TableFact) -> str:
    """A cell as a line of text (for search and for quoting)."""
    code = f" {f.subject_code}" if f.subject_code else ""
    return f"{f.table_title}｜{f.row_label}{code}｜{f.column}｜{f.raw or f.value}{f.unit if f.value is not None else ''}"


def vocabulary(df: DocFacts) -> frozenset[str]:
    """Every bigram the document prints (text, titles, labels, text cells), cached on its facts."""
    v = getattr(df, "_vocab", None)
    if v is None:
        from assistant.understand import bigrams, label_core
        parts = [c.text for c in df.chunks] + [t.title for t in df.tables]
        parts += list({f"{f.row_label} {f.column} {f.raw if f.value is None else ''}" for f in df.facts})
        v = frozenset().union(*(bigrams(label_core(p)) for p in parts))
        try:
            df._vocab = v  # type: ignore[attr-defined]
        except AttributeError:
            pass
    return v


@lru_cache(maxsize=1 << 14)
def clauses(text: str, ends: str = "。；;") -> tuple[str, ...]:
    """A text split after each of `ends` (the ends kept), cached: every finder reads the same
    narrative sentences."""
    return tuple(re.split(f"(?<=[{ends}])", text))


def sentences(df: DocFacts, ends: str = "。；;"):
    """(chunk, sentence) for every narrative sentence of a document, split after any of `ends`."""
    for c in df.chunks:
        for sent in clauses(c.text, ends):
            yield c, sent


def _doc_from(m: dict) -> Document:
    return Document(doc_id=m["doc_id"], title=m["title"], department=m["department"],
                    year=int(m["year"]) if m.get("year") not in ("", None) else None,
                    kind=m["kind_doc"], source=m["source"], pages=int(m["pages"]),
                    sha256=m["sha256"], scope=m.get("scope", "部门"), date=m.get("date", ""))


def _bigrams(s: str) -> set[str]:
    return {s[i:i + 2] for i in range(len(s) - 1)}


class Library(Writing):
    """Documents in a Chroma store, their lexical index, and the parse workers that ingest them (Writing)."""

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
        from assistant.bodies import register_places
        from assistant.english import register_bodies
        register_places({d.department for d in self._docs.values()})
        register_bodies({d.department for d in self._docs.values()})

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
        from assistant.bodies import GENERIC_PLACES, body_aliases, body_score
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
                        # (pairs in order, not only side by side: '工科局' shortens 工信和科技局)
                        for g in {alias[i] + alias[j] for i in range(len(alias)) for j in range(i + 1, len(alias))}:
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

    def close(self) -> None:
        """Release the store's writer lock."""
        self.store.close()
