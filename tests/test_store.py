"""vectorstore: real Chroma, real sentence-transformers, BM25 over jieba; crash-safe doc record."""
from decimal import Decimal

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


def test_half_written_document_is_invisible_and_purged(tmp_path):
    from assistant import BudgetAssistant, Settings
    from conftest import SEED
    qa = BudgetAssistant(store=tmp_path / "s", settings=Settings.from_env(embed_on_ingest=False))
    r = qa.ingest(SEED)
    qa.store.mark_pending(r.doc_id)  # a rewrite began (marker file, then Chroma marker) ...
    qa.store.facts.delete(ids=[f"doc:{r.doc_id}"])  # ... and the process died before the last write
    qa.close()
    again = BudgetAssistant(store=tmp_path / "s", settings=Settings.from_env(embed_on_ingest=False))
    assert again.library.purged == [r.doc_id] and again.documents() == []
    assert again.store.counts() == (0, 0) and again.store.local_files() == {}
    assert again.store.catalog() == [] and again.store.pending() == []


def test_a_writer_that_ended_without_closing_has_its_catalog_checked_against_chroma(tmp_path):
    """A writer names itself in writing.pid until it closes the store. When another process finds the
    file (its writer was killed at any moment, even after its last marker went), the catalog is read
    again from Chroma's doc records: a document the catalog names and Chroma lacks is never listed."""
    from assistant import BudgetAssistant, Settings
    from conftest import SEED
    qa = BudgetAssistant(store=tmp_path / "s", settings=Settings.from_env(embed_on_ingest=False))
    r = qa.ingest(SEED)
    assert (tmp_path / "s" / "writing.pid").read_text() == str(__import__("os").getpid())
    qa.store.facts.delete(ids=[f"doc:{r.doc_id}"])  # Chroma lost the doc record; no marker names it
    (tmp_path / "s" / "writing.pid").write_text("999999999")  # ... and its writer (another process) never closed
    assert [m["doc_id"] for m in qa.store.files.catalog()] == [r.doc_id]
    again = BudgetAssistant(store=tmp_path / "s", settings=Settings.from_env(embed_on_ingest=False))
    assert again.documents() == [] and again.store.catalog() == []
    assert r.doc_id in again.library.purged and not (tmp_path / "s" / "writing.pid").exists()
    # a clean close leaves no file: the next process trusts the catalog without opening Chroma
    again.ingest(SEED)
    again.close()
    qa.close()
    assert not (tmp_path / "s" / "writing.pid").exists()


def test_a_question_on_a_clean_store_reads_files_only_not_chroma(tmp_path):
    """The no-LLM ask path: the catalog and cached blobs answer; chromadb, torch and gradio are not even imported."""
    import json
    import subprocess
    import sys

    from assistant import BudgetAssistant, Settings
    from conftest import ROOT, SEED
    qa = BudgetAssistant(store=tmp_path / "s", settings=Settings.from_env(embed_on_ingest=False))
    doc_id = qa.ingest(SEED).doc_id
    qa.close()
    probe = ("import json, sys; from assistant import BudgetAssistant; "
             f"qa = BudgetAssistant(store={str(tmp_path / 's')!r}); a = qa.ask('项目支出是多少？'); "
             "heavy = any(m in sys.modules for m in ('chromadb', 'torch', 'sentence_transformers', 'gradio')); "
             "print(json.dumps([str(a.value), a.unit, a.citations[0].page, heavy, qa.store.opened]))")
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert out.returncode == 0, out.stderr
    value, unit, page, imported, opened = json.loads(out.stdout.strip().splitlines()[-1])
    assert (value, unit, page) == ("971.43", "万元", 6)
    assert not imported and not opened
    # without the cached blob the same question still works: the blob is read from Chroma and cached again
    for f in (tmp_path / "s" / "lexical").glob(f"{doc_id}-*.struct"):
        f.unlink()
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, cwd=ROOT, timeout=120)
    value, unit, page, imported, opened = json.loads(out.stdout.strip().splitlines()[-1])
    assert (value, unit, page, opened) == ("971.43", "万元", 6, True)
    assert list((tmp_path / "s" / "lexical").glob(f"{doc_id}-*.struct"))


def test_remove_deletes_every_record(tmp_path):
    from assistant import BudgetAssistant, Settings
    from conftest import SEED
    qa = BudgetAssistant(store=tmp_path / "s", settings=Settings.from_env(embed_on_ingest=False))
    r = qa.ingest(SEED)
    assert qa.remove(r.doc_id)
    assert qa.store.counts() == (0, 0) and qa.documents() == []


def test_a_store_open_in_one_process_sees_and_keeps_what_another_process_ingests(tmp_path):
    """The catalog is re-read when another process changed it; a later write keeps that process's documents."""
    import subprocess
    import sys

    from assistant import BudgetAssistant, Settings
    from conftest import ROOT, SEED
    data = ROOT / "tests" / "data"
    store = tmp_path / "s"
    qa = BudgetAssistant(store=store, settings=Settings.from_env(embed_on_ingest=False))
    mine = qa.ingest(data / "unit-yuan-and-wanyuan.pdf").doc_id
    qa.close()  # the writer lock is free for the other process
    r = subprocess.run([sys.executable, "-m", "assistant.cli", "ingest", str(SEED), "--no-embed", "--store", str(store)],
                       capture_output=True, text=True, cwd=ROOT, timeout=300)
    assert r.returncode == 0, r.stdout + r.stderr
    theirs = {d.doc_id for d in qa.documents()} - {mine}
    assert len(theirs) == 1
    assert qa.ask("项目支出是多少？", scope=list(theirs)).value == Decimal("971.43")
    third = qa.ingest(data / "merged-header-cells.pdf").doc_id  # takes the lock again: reads the catalog first
    qa.close()
    fresh = BudgetAssistant(store=store, settings=Settings.from_env(embed_on_ingest=False))
    assert {d.doc_id for d in fresh.documents()} == {mine, third} | theirs
    assert {m["doc_id"] for m in fresh.store.catalog()} == {m["doc_id"] for m in fresh.store.doc_records()}
