"""Hybrid retrieval: BM25 over jieba tokens first; dense vectors fused only when enabled.

Filters narrow the candidates before ranking: documents by body, year and kind (预算/决算) or by
id, and table rows by their table's title. The same ranking feeds the LLM path, the web app's
sources and `budgetqa search`.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from vectorstore import lexical

_TABLE_ITEM = re.compile(r":(?:row|empty):t(\d+)")


@dataclass(frozen=True)
class Hit:
    """One retrieved text chunk or table row (table: its table's title; '' for narrative)."""

    item_id: str
    doc_id: str
    page: int
    text: str
    score: float
    table: str = ""


def scope_docs(lib, doc_ids: list[str] | None = None, body: str | None = None, year: int | None = None,
               kind: str | None = None) -> set[str] | None:
    """The documents the filters allow (None: all of them)."""
    if not (doc_ids or body or year or kind):
        return None
    docs = lib.documents()
    if doc_ids:
        docs = [d for d in docs if d.doc_id in set(doc_ids)]
    if year:
        docs = [d for d in docs if d.year == int(year)]
    if kind:
        docs = [d for d in docs if d.kind == kind]
    if body:
        named = lib.body_scores(body, docs)
        docs = [d for d in docs if body in d.department or body in d.title or named.get(d.doc_id)]
    return {d.doc_id for d in docs}


def _table_no(item_id: str) -> int | None:
    m = _TABLE_ITEM.search(item_id)
    return int(m.group(1)) if m else None


def _titles(lib, doc_id: str) -> dict[int, str]:
    return {t.table_no: t.title for t in lib.facts(doc_id).tables}


def retrieve(qa, question: str, k: int = 5, doc_ids: list[str] | None = None, *, body: str | None = None,
             year: int | None = None, kind: str | None = None, table: str | None = None) -> list[Hit]:
    """Top-k hits: the BM25 ranking, with dense neighbours fused in below lexical hits; filters first."""
    lib = qa.library
    lib.ensure_index()
    docs = scope_docs(lib, doc_ids, body, year, kind)
    if docs is not None and not docs:
        return []
    titles: dict[str, dict[int, str]] = {}

    def title(item_id: str) -> str:
        no = _table_no(item_id)
        if no is None:
            return ""
        doc_id = item_id.split(":", 1)[0]
        if doc_id not in titles:
            titles[doc_id] = _titles(lib, doc_id)
        return titles[doc_id].get(no, "")

    want = max(k * 4, 20) if not table else max(k * 50, 500)
    lex = lib.index.search(lexical.tokenize(question), k=want, docs=docs)
    if table:  # rows of tables whose title holds the words asked for (narrative has no table)
        lex = [(i, s) for i, s in lex if table in title(i)]
    ranking = [i for i, _ in lex]
    if qa.settings.dense and not table:
        from vectorstore.embeddings import embed
        where = {"doc_id": {"$in": sorted(docs)}} if docs else None
        dense = [i for i, _ in qa.store.search(embed([question], qa.settings.embedding_model or None)[0],
                                                k=max(k * 4, 20), where=where)]
        # the lexical ranking leads; dense only breaks in below it (it must not drag it down)
        ranking = ranking[:k] + [i for i in lexical.rrf([ranking, dense], [1.0, 0.3]) if i not in ranking[:k]]
    scores = dict(lex)
    return [Hit(i, i.split(":", 1)[0], lib.page(i), lib.text(i), scores.get(i, 0.0), title(i)) for i in ranking[:k]]
