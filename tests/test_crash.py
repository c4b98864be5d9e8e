"""Crash safety: an ingest process killed with SIGKILL at 20 random points never leaves half a document.

The killed process writes documents already parsed (the parse workers are tested elsewhere): half
the kills come at a random write call (marker, old records out, blobs, token file, doc record,
marker out — in ingest and in removal), half at a random moment. After each, a fresh process
opens the store (which purges leftovers) and every document is either whole — doc record, blobs,
token file, catalog entry, index entries — or absent everywhere. Re-running the real `budgetqa ingest` completes it.
"""
from __future__ import annotations

import os
import pickle
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from assistant import BudgetAssistant, Settings
from assistant.library import POST, PRELOAD
from conftest import ROOT, SEED
from evals.corpus import write_corpus
from ingest import guard
from vectorstore import records

KILLS = 20
DRIVER = r"""
import os, pickle, random, signal, sys
from assistant import BudgetAssistant, Settings
from vectorstore.store import ChromaStore
store, batch, kill_at, seed = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
calls = [0]
def counted(fn):
    def wrap(*a, **k):
        calls[0] += 1
        if calls[0] == kill_at:
            os.kill(os.getpid(), signal.SIGKILL)
        return fn(*a, **k)
    return wrap
for name in ("mark_pending", "delete_doc", "add_texts", "put_blob", "write_local", "put_doc", "clear_pending"):
    setattr(ChromaStore, name, counted(getattr(ChromaStore, name)))
qa = BudgetAssistant(store=store, settings=Settings.from_env(embed_on_ingest=False))
prepared = pickle.load(open(batch, "rb"))
rng = random.Random(seed)
print("open", flush=True)
for p in rng.sample(prepared, len(prepared)):
    if p.document.doc_id in {d.doc_id for d in qa.documents()} and rng.random() < 0.5:
        qa.remove(p.document.doc_id)
    else:
        qa.library._versions.pop(p.document.doc_id, None)  # write it again, as a re-parse would
        qa.library.write(p)
print("done", calls[0], flush=True)
"""


@pytest.fixture(scope="module")
def batch(tmp_path_factory):
    """Four documents parsed once (the seed and three generated PDFs) and pickled for the driver."""
    folder = tmp_path_factory.mktemp("crash")
    docs = write_corpus(folder / "pdf", 3, seed=21)
    paths = [SEED] + [Path(d.path) for d in docs]
    pool = guard.pool(2, PRELOAD, POST)
    prepared = [r for _, r in pool.map(paths, guard.Limits(), 2)]
    assert all(isinstance(p, records.Prepared) for p in prepared)
    out = folder / "batch.pkl"
    out.write_bytes(pickle.dumps(prepared))
    return out, paths, prepared


def check(store: Path, prepared, when: str = "") -> set[str]:
    """Open the store as a new process would; assert each document whole or absent; the complete ids."""
    qa = BudgetAssistant(store=store, settings=Settings.from_env(embed_on_ingest=False))
    lib, st = qa.library, qa.store
    complete = {d.doc_id for d in qa.documents()}
    assert st.pending() == [] and st.doc_ids_partial() == set()
    # the catalog (what a question reads instead of Chroma) names exactly Chroma's complete documents
    assert {m["doc_id"] for m in st.catalog()} == {m["doc_id"] for m in st.doc_records()} == complete
    files = st.local_files()
    assert set(files) == complete, (set(files), complete)
    by_id = {p.document.doc_id: p for p in prepared}
    for doc_id in complete:
        m = lib._meta[doc_id]
        assert {f.name for f in files[doc_id]} == {f"{doc_id}-{m['lex_tag']}.lex",
                                                   f"{doc_id}-{m['struct_tag']}.struct"}, when
        df = lib.facts(doc_id)
        n = by_id[doc_id].counts
        assert (len(df.tables), len(df.facts), len(df.stated), len(df.chunks)) == \
            (n["tables"], n["facts"], n["stated"], n["chunks"])
    for doc_id in set(by_id) - complete:
        assert st.ids_of(doc_id) == []
    qa.search("项目支出", k=3)
    assert lib.index.documents() == complete
    items = sum(len(records.decode(by_id[d].lexical)["ids"]) for d in complete)
    assert len(lib.index) == items
    qa.close()
    return complete


def test_twenty_sigkills_leave_every_document_whole_or_absent(batch, tmp_path, capsys):
    pkl, paths, prepared = batch
    store = tmp_path / "store"
    rng = random.Random(9)
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    seen: list[tuple[str, int]] = []
    for k in range(KILLS):
        by_call = k % 2 == 0
        kill_at = rng.randint(1, 28) if by_call else 0
        proc = subprocess.Popen([sys.executable, "-c", DRIVER, str(store), str(pkl), str(kill_at), str(k)],
                                stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, env=env, cwd=ROOT)
        if not by_call:
            assert proc.stdout.readline().strip() == "open"
            time.sleep(rng.uniform(0.0, 1.2))
            proc.send_signal(signal.SIGKILL)
        out, _ = proc.communicate(timeout=120)
        killed = proc.returncode == -signal.SIGKILL
        how = "call %d" % kill_at if by_call else "time"
        seen.append((how, len(check(store, prepared, f"kill {k} at {how}: {out!r}"))))
        assert killed or "done" in out, (k, proc.returncode, out)
    with capsys.disabled():  # the figures belong in every test run's output, not only a failing one's
        print(f"\ncrash: {KILLS} SIGKILLs (call index or moment), store consistent after each; complete documents: "
              + ", ".join(f"{how}:{n}" for how, n in seen))
    # the real command finishes the job
    r = subprocess.run([sys.executable, "-m", "assistant.cli", "ingest", *map(str, paths), "--no-embed",
                        "--store", str(store), "--workers", "2"], capture_output=True, text=True, cwd=ROOT,
                       env=env, timeout=300)
    assert r.returncode == 0, r.stdout + r.stderr
    assert check(store, prepared) == {p.document.doc_id for p in prepared}


def test_remove_deletes_every_trace(batch, tmp_path):
    _, _, prepared = batch
    qa = BudgetAssistant(store=tmp_path / "s", settings=Settings.from_env(embed_on_ingest=False))
    for p in prepared[:2]:
        qa.library.write(p)
    qa.search("项目支出", k=3)
    gone = prepared[0].document.doc_id
    before = len(qa.library.index)
    assert qa.remove(gone)
    assert qa.store.ids_of(gone) == [] and gone not in qa.store.local_files()
    assert gone not in qa.library.index.documents() and len(qa.library.index) < before
    assert all(h.doc_id != gone for h in qa.search("项目支出", k=50))
    assert qa.library.get(gone) is None and gone not in qa.library._facts
