"""Scale: the generated corpus, parallel ingest with errors collected, an index that grows by one document."""
from __future__ import annotations

from decimal import Decimal

import pytest

from assistant import BudgetAssistant, Settings
from evals.corpus import make_book, plan_corpus, write_corpus
from ingest.errors import IngestError
from vectorstore import lexical


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    """Six generated budget PDFs: one body over six years (预算 and 决算, 元 or 万元)."""
    return write_corpus(tmp_path_factory.mktemp("corpus"), 6, seed=3, workers=2)


@pytest.fixture(scope="module")
def qa(corpus, tmp_path_factory):
    """The corpus plus one bad file, ingested with two parse workers."""
    bad = tmp_path_factory.mktemp("bad") / "not-a-pdf.pdf"
    bad.write_bytes(b"PK\x03\x04 a zip archive")
    qa = BudgetAssistant(store=tmp_path_factory.mktemp("scale-store"), settings=Settings.from_env(embed_on_ingest=False))
    seen = []
    qa.results = qa.ingest_many([corpus[0].path, bad, *[d.path for d in corpus[1:]]], workers=2,
                                on_file=lambda p, r: seen.append(p))
    qa.seen = seen
    return qa


def test_corpus_is_deterministic_and_adds_up():
    a, b = plan_corpus(40, seed=7), plan_corpus(40, seed=7)
    assert a == b and plan_corpus(40, seed=8) != a
    assert len({(p.body, p.year) for p in a}) == 40  # one document per body and year
    assert {p.unit for p in a} == {"元", "万元"} and {p.kind for p in a} == {"预算", "决算"}
    book = make_book(a[0])
    classes = [f for f in book.functions if len(f[0]) == 3]
    for c, _, basic, project in classes:
        items = [f for f in book.functions if len(f[0]) == 7 and f[0].startswith(c)]
        assert sum(f[2] for f in items) == basic and sum(f[3] for f in items) == project
    assert sum(a for _, a in book.projects) == book.project
    assert sum(a for c, _, a in book.economic if len(c) == 3) == book.basic


def test_batch_reports_a_bad_file_and_still_ingests_the_rest(qa, corpus):
    errors = [(p, r) for p, r in qa.results if isinstance(r, IngestError)]
    assert len(errors) == 1 and "not-a-pdf.pdf" in str(errors[0][1]) and "ZIP" in str(errors[0][1])
    assert len(qa.documents()) == len(corpus) and len(qa.seen) == len(corpus) + 1


def test_generated_documents_parse_into_their_known_answers(qa, corpus):
    for d in corpus:
        doc = next(x for x in qa.documents() if x.source == d.path.rsplit("/", 1)[-1])
        assert (doc.department, doc.year, doc.kind, doc.pages) == (d.body, d.year, d.kind, d.pages)
        for e in d.expects:
            ans = qa.ask(e.question, history={})
            assert ans.value == Decimal(e.value) and ans.unit == e.unit, (e.question, ans.text)
            assert ans.citations[0].table_title == e.table


def test_adding_a_document_indexes_only_that_document(qa, corpus, tmp_path, monkeypatch):
    qa.search("三公经费", k=3)  # builds the index from the stored tokens
    indexed = len(qa.library.index)
    loads = []
    real = qa.library._lexical
    monkeypatch.setattr(qa.library, "_lexical", lambda doc_id: loads.append(doc_id) or real(doc_id))
    extra = write_corpus(tmp_path / "more", 7, seed=3)[6]  # a seventh document of the same plan
    r = qa.ingest(extra.path)
    qa.search("三公经费", k=3)
    assert loads == [] and len(qa.library.index) > indexed  # nothing re-read, the new items added
    hits = qa.search(extra.expects[0].question, k=20)
    assert any(h.doc_id == r.doc_id for h in hits)
    assert qa.remove(r.doc_id) and len(qa.library.index) == indexed


def test_a_new_process_loads_the_index_from_token_files(qa):
    again = BudgetAssistant(store=qa.settings.store, settings=qa.settings)
    files = again.store.local_files()
    assert set(files) == {d.doc_id for d in again.documents()}
    hits = again.search("公务接待费", k=5)
    assert hits and all("公务接待费" in h.text for h in hits[:3]) and all(h.page > 0 for h in hits)


def test_mentioned_finds_a_phrase_through_the_index(qa):
    assert qa.library.mentioned("公务接待费") and not qa.library.mentioned("火星区气象局")
    one = qa.documents()[:1]
    assert qa.library.mentioned("机关运行经费", one)


def test_body_index_agrees_with_body_score(qa):
    from assistant.bodies import body_score
    docs = qa.documents()
    for text in [docs[0].department + "2020年项目支出", "项目支出是多少", "静安区司法局的三公经费", "普陀区",
                 docs[-1].department[-5:] + "和" + docs[0].department[3:7]]:
        want = {d.doc_id: body_score(text, d) for d in docs if body_score(text, d)}
        assert qa.library.body_scores(text) == want, text


def test_bm25_index_removal_and_compaction_keep_scores():
    idx = lexical.BM25Index()
    for k in range(30):
        idx.add(f"d{k}", [(f"d{k}:1", lexical.tokenize(f"第{k}项 三公经费 预算")), (f"d{k}:2", lexical.tokenize("机关运行经费"))])
    fresh = lexical.BM25Index()
    for k in range(20, 30):
        fresh.add(f"d{k}", [(f"d{k}:1", lexical.tokenize(f"第{k}项 三公经费 预算")), (f"d{k}:2", lexical.tokenize("机关运行经费"))])
    for k in range(20):
        idx.remove(f"d{k}")  # past a third dead: compacted on the way
    q = lexical.tokenize("三公经费")
    assert idx.search(q, k=5) == fresh.search(q, k=5) and len(idx) == len(fresh) == 20
    assert idx.search(q, k=5, docs={"d25"})[0][0] == "d25:1"
