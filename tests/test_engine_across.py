"""assistant.engine on an analyst's English budget terms and on rankings of the loaded bodies
(holdout23): every value a real figure from the six sample documents."""
from decimal import Decimal

import pytest


@pytest.fixture(scope="module")
def six_qa(tmp_path_factory):
    """Every sample document: five bodies, 万里街道 in two years."""
    from assistant import BudgetAssistant, Settings
    from conftest import SAMPLE
    qa = BudgetAssistant(store=tmp_path_factory.mktemp("six"), settings=Settings.from_env(embed_on_ingest=False))
    for f in sorted(SAMPLE.iterdir()):
        if f.suffix in (".pdf", ".txt"):
            qa.ingest(f)
    return qa


def test_english_budget_terms_read_as_the_documents_words(six_qa):
    share = six_qa.ask("万里街道2025年 share of 项目支出 in total 支出预算 是多少？", history={})
    assert share.value == Decimal("46.60") and share.unit == "%"
    largest = six_qa.ask("平鲁工信局 2026 项目支出 里 the single largest project 是哪个？金额多少万元？", history={})
    assert largest.value == Decimal("300.00") and "双碳" in largest.text and largest.citations[0].page == 15
    people = six_qa.ask("平鲁工信局2026 基本支出里 personnel cost（人员经费）是多少万元？", history={})
    assert people.value == Decimal("310.49") and people.citations[0].page == 10
    second = six_qa.ask("普陀司法局2026 司法（款）下面，second largest 的 项 是哪个？多少元？", history={})
    assert second.value == Decimal("21703947.00") and "基层司法业务" in second.text
    why = six_qa.ask("平鲁工信局2026 机关运行经费 比2025年多了，why？", history={})
    assert why.value is None and "城镇集体工业联合社" in why.text and why.citations[0].page == 18
    gap = six_qa.ask("普陀区财政局2024决算：行政运行（2010601）年初预算 vs actual 差了多少万元？", history={})
    assert gap.value == Decimal("48.16") and gap.citations[0].page == 22


def test_the_loaded_bodies_ranked_by_one_figure(six_qa):
    top = six_qa.ask("在 loaded 的这些部门里，which body has the largest 机关运行经费？金额多少万元？", history={})
    assert top.value == Decimal("2517.78") and "上海市财政局" in top.text and top.citations[0].page == 20
    assert "19.16万元" in top.text and "464.64万元" in top.text  # every body listed, 万里街道 once (its 2025 budget)
    second = six_qa.ask("rank the bodies by 基本支出 —— 排第二的是谁？基本支出多少元？", history={})
    assert second.value == Decimal("101341746") and "万里街道" in second.text.split("。")[0]
    least = six_qa.ask("哪个单位的三公经费最少", history={})
    assert least.value == 0 and "平鲁" in least.text.split("。")[0]
