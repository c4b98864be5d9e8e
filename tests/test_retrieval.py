"""assistant.retrieval: BM25-first ranking with filters by body, year, kind and table; `budgetqa search`."""
from __future__ import annotations

import json

import pytest

from conftest import SEED, SIFAJU


@pytest.fixture(scope="module")
def two(tmp_path_factory):
    """The seed (平鲁 2026 预算, text) and 普陀区司法局 2026 预算 (PDF) in one store, no vectors."""
    from assistant import BudgetAssistant, Settings
    store = tmp_path_factory.mktemp("two")
    qa = BudgetAssistant(store=store, settings=Settings.from_env(embed_on_ingest=False))
    ids = {p: qa.ingest(p).doc_id for p in (SEED, SIFAJU)}
    return qa, ids[SEED], ids[SIFAJU], store


def test_table_filter_keeps_rows_of_matching_tables(two):
    qa, _, sifaju, _ = two
    hits = qa.search("公务用车运行维护费", k=5, table="三公")
    assert hits and all("三公" in h.table for h in hits)
    top = [h for h in hits if h.doc_id == sifaju][0]
    assert top.page == 21 and "9.98" in top.text  # 公务用车购置及运行费 小计 9.98万元 on p21
    # without the filter the 经济分类 row (30231, 99,750元 on p20) is found too
    assert any(h.page == 20 and "30231" in h.text for h in qa.search("公务用车运行维护费", k=10, doc_ids=[sifaju]))


def test_body_year_and_kind_filters_choose_documents(two):
    qa, seed, sifaju, _ = two
    assert {h.doc_id for h in qa.search("项目支出", k=8, body="司法局")} == {sifaju}
    assert {h.doc_id for h in qa.search("项目支出", k=8, body="平鲁区工信和科技局")} == {seed}
    assert {h.doc_id for h in qa.search("项目支出", k=300, year=2026)} == {seed, sifaju}
    assert qa.search("项目支出", year=2025) == [] and qa.search("项目支出", kind="决算") == []
    assert {h.doc_id for h in qa.search("项目支出", k=8, kind="预算", body="司法局")} == {sifaju}


def test_search_command_prints_sources_and_json(two, capsys):
    from assistant.cli import main
    _, _, _, store = two
    assert main(["search", "三公经费", "--store", str(store), "--body", "司法局", "--table", "三公", "-k", "2"]) == 0
    out = capsys.readouterr().out
    assert "《上海市普陀区司法局2026年度部门预算.pdf》第21页《2026年部门“三公”经费和机关运行经费预算表》" in out
    assert main(["search", "项目支出", "--store", str(store), "--year", "2026", "--json"]) == 0
    hits = json.loads(capsys.readouterr().out)
    assert len(hits) == 5 and {"doc", "page", "table", "text", "score"} <= set(hits[0])
    assert main(["search", "项目支出", "--store", str(store), "--year", "2019"]) == 2
    assert "没有找到" in capsys.readouterr().out
