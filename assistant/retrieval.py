"""Hybrid retrieval: BM25 over jieba tokens first; dense vectors fused only when enabled."""
from __future__ import annotations

from dataclasses import dataclass

from vectorstore import lexical


@dataclass(frozen=True)
class Hit:
    """One retrieved text chunk or table row."""

    item_id: str
    doc_id: str
    page: int
    text: str
    score: float


def retrieve(qa, question: str, k: int = 5, doc_ids: list[str] | None = None) -> list[Hit]:
    """Top-k hits: the BM25 ranking, with dense neighbours fused in below lexical hits."""
    lib = qa.library
    lib.ensure_index()
    docs = set(doc_ids) if doc_ids else None
    lex = lib.index.search(lexical.tokenize(question), k=max(k * 4, 20), docs=docs)
    ranking = [i for i, _ in lex]
    if qa.settings.dense:
        from vectorstore.embeddings import embed
        where = {"doc_id": {"$in": list(docs)}} if docs else None
        dense = [i for i, _ in qa.store.search(embed([question], qa.settings.embedding_model or None)[0],
                                                k=max(k * 4, 20), where=where)]
        # the lexical ranking leads; dense only breaks in below it (it must not drag it down)
        ranking = ranking[:k] + [i for i in lexical.rrf([ranking, dense], [1.0, 0.3]) if i not in ranking[:k]]
    scores = dict(lex)
    out = []
    for i in ranking[:k]:
        out.append(Hit(i, i.split(":", 1)[0], lib.page(i), lib.text(i), scores.get(i, 0.0)))
    return out
