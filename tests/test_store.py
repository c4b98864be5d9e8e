"""vectorstore: real Chroma, real sentence-transformers, BM25 over jieba; crash-safe doc record."""
from vectorstore import lexical


def test_bm25_finds_the_expenditure_table_row(seed_qa):
    hits = seed_qa.search("行政单位医疗安排了多少", k=5)
    assert hits and any(h.page in (4, 6, 9) and "行政单位医疗" in h.text for h in hits)


def test_index_add_and_remove_are_incremental():
    idx = lexical.BM25Index()
    idx.add("a", [("a:1", lexical.tokenize("三公经费预算"))])
    idx.add("b", [("b:1", lexical.tokenize("机关运行经费"))])
    assert idx.search(lexical.tokenize("三公经费"))[0][0] == "a:1"
    idx.remove("a")
    assert all(i != "a:1" for i, _ in idx.search(lexical.tokenize("三公经费")))


def test_dense_vectors_are_stored_from_the_bundled_model(seed_qa):
    got = seed_qa.store.texts.get(limit=1, include=["embeddings"])
    assert len(got["embeddings"][0]) == 384 and abs(sum(x * x for x in got["embeddings"][0]) - 1) < 1e-3


def test_half_written_document_is_invisible_and_purged(seed_qa, tmp_path):
    from assistant import BudgetAssistant, Settings
    from conftest import SEED
    qa = BudgetAssistant(store=tmp_path / "s", settings=Settings.from_env(embed_on_ingest=False))
    r = qa.ingest(SEED)
    qa.store.facts.delete(ids=[f"doc:{r.doc_id}"])  # as if the process died before the last write
    qa.library.reload()
    assert qa.documents() == []
    assert qa.library.purge_partial() == [r.doc_id]
    assert qa.store.counts() == (0, 0)


def test_remove_deletes_every_record(tmp_path):
    from assistant import BudgetAssistant, Settings
    from conftest import SEED
    qa = BudgetAssistant(store=tmp_path / "s", settings=Settings.from_env(embed_on_ingest=False))
    r = qa.ingest(SEED)
    assert qa.remove(r.doc_id)
    assert qa.store.counts() == (0, 0) and qa.documents() == []
