"""Client/server mode: a real `chroma run` on 127.0.0.1; ingest and ask give the embedded store's answers."""
from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from assistant import BudgetAssistant, Settings
from conftest import ROOT, SEED
from evals.corpus import write_corpus
from vectorstore.store import StoreError

QUESTIONS = ["项目支出是多少？", "2080501对应多少钱", "项目支出占总支出的比例是多少？", "2031年的预算是多少？"]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    """`chroma run --path TMP --port P --host 127.0.0.1`, stopped after the module."""
    port = _free_port()
    chroma = Path(sys.executable).parent / "chroma"
    log = open(tmp_path_factory.mktemp("chroma-log") / "server.log", "w")
    proc = subprocess.Popen([str(chroma), "run", "--path", str(tmp_path_factory.mktemp("chroma-data")),
                             "--port", str(port), "--host", "127.0.0.1"], stdout=log, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    deadline = time.time() + 60
    while time.time() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                break
        except OSError:
            if proc.poll() is not None:
                pytest.fail(f"chroma run exited: {proc.returncode}")
            time.sleep(0.3)
    yield url
    proc.terminate()
    try:
        proc.wait(timeout=15)
    except subprocess.TimeoutExpired:
        proc.kill()
    log.close()


@pytest.fixture(scope="module")
def generated(tmp_path_factory):
    """Two generated PDFs (one body, two years)."""
    return write_corpus(tmp_path_factory.mktemp("corpus"), 2, seed=11)


def _answers(qa, questions):
    return [(a.text, a.value, a.unit, [c.page for c in a.citations]) for a in (qa.ask(q, history={}) for q in questions)]


def test_ingest_and_ask_against_the_server_match_the_embedded_store(server, generated, tmp_path):
    settings = Settings.from_env(embed_on_ingest=False)
    remote = BudgetAssistant(chroma_url=server, settings=settings)
    local = BudgetAssistant(store=tmp_path / "embedded", settings=settings)
    for qa in (remote, local):
        results = qa.ingest_many([SEED, *[g.path for g in generated]], workers=2)
        assert all(not isinstance(r, Exception) for _, r in results), results
    questions = [f"平鲁区工信和科技局{q}" if "2031" not in q else q for q in QUESTIONS]
    questions += [e.question for g in generated for e in g.expects]
    assert _answers(remote, questions) == _answers(local, questions)
    assert remote.ask(generated[0].expects[0].question, history={}).value == \
        __import__("decimal").Decimal(generated[0].expects[0].value)
    assert [h.item_id for h in remote.search("公务接待费", k=5)] == [h.item_id for h in local.search("公务接待费", k=5)]
    # a second client sees what the first stored
    other = BudgetAssistant(chroma_url=server, settings=settings)
    assert {d.doc_id for d in other.documents()} == {d.doc_id for d in local.documents()}


def test_cli_and_environment_variable_reach_the_server(server, generated, tmp_path):
    env = {**os.environ, "BUDGETQA_CHROMA_URL": server, "PYTHONPATH": str(ROOT)}
    r = subprocess.run([sys.executable, "-m", "assistant.cli", "ingest", generated[1].path, "--no-embed",
                        "--chroma-url", server], capture_output=True, text=True, cwd=ROOT, env=env, timeout=300)
    assert r.returncode == 0, r.stderr
    r = subprocess.run([sys.executable, "-m", "assistant.cli", "ask", generated[1].expects[3].question, "--json"],
                       capture_output=True, text=True, cwd=tmp_path, env=env, timeout=300)
    out = json.loads(r.stdout)
    assert out["value"] == generated[1].expects[3].value and out["unit"] == "万元"
    assert not (tmp_path / "data").exists()  # nothing went to a local store folder


def test_remove_on_the_server_leaves_no_trace(server, tmp_path):
    qa = BudgetAssistant(chroma_url=server, settings=Settings.from_env(embed_on_ingest=False))
    r = qa.ingest(SEED)
    assert qa.remove(r.doc_id)
    assert qa.store.ids_of(r.doc_id) == [] and r.doc_id not in qa.store.local_files()
    assert qa.ingest(SEED).doc_id == r.doc_id and len([d for d in qa.documents() if d.doc_id == r.doc_id]) == 1


def test_an_unreachable_server_is_a_named_error():
    with pytest.raises(StoreError) as err:
        BudgetAssistant(chroma_url=f"http://127.0.0.1:{_free_port()}", settings=Settings.from_env())
    assert "127.0.0.1" in str(err.value) and "chroma run" in str(err.value)
