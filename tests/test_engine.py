"""assistant.engine on the real seed: lookups, shares, sums, changes, zero and absent, follow-ups."""
from decimal import Decimal

from assistant.answer import REFUSAL


def test_project_spending_is_971_43_from_the_expenditure_table(seed_qa):
    ans = seed_qa.ask("项目支出是多少？", history={})
    assert ans.answerable and ans.value == Decimal("971.43") and ans.unit == "万元"
    assert any(c.page == 6 and "支出总表" in c.table_title for c in ans.citations)


def test_subject_code_lookup_2080501_is_55_40(seed_qa):
    ans = seed_qa.ask("2080501对应多少钱", history={})
    assert ans.value == Decimal("55.40") and ans.unit == "万元"
    assert ans.citations[0].row_label == "行政单位离退休"


def test_label_in_two_rows_is_summed_with_both_cited(seed_qa):
    ans = seed_qa.ask("机关事业单位基本养老保险缴费是多少", history={})
    assert ans.value == Decimal("28.26") and len(ans.citations) == 2
    assert ans.calculation is not None and "9.94" in ans.calculation.expression


def test_share_shows_formula(seed_qa):
    ans = seed_qa.ask("项目支出占总支出的比例是多少？", history={})
    assert ans.value == Decimal("74.66") and ans.unit == "%"
    assert "971.43" in ans.calculation.expression and "1301.09" in ans.calculation.expression


def test_unit_conversion_on_request(seed_qa):
    ans = seed_qa.ask("项目支出是多少元？", history={})
    assert ans.unit == "元" and ans.value == Decimal("9714300")


def test_stated_change_and_derived_last_year(seed_qa):
    ans = seed_qa.ask("预算收入总计比上年减少了多少？", history={})
    assert ans.value == Decimal("1190.44") and "减少" in ans.text and ans.citations[0].page == 17


def test_empty_table_answers_none_with_its_citation(seed_qa):
    ans = seed_qa.ask("国有资本经营预算支出多少？", history={})
    assert ans.answerable and ans.value == 0 and ans.text.startswith("无")
    assert ans.citations and ans.citations[0].page == 13


def test_year_not_in_store_is_not_answerable(seed_qa):
    ans = seed_qa.ask("2030年的预算是多少？", history={})
    assert not ans.answerable and ans.value is None and ans.text.startswith(REFUSAL)
    assert "2026" in ans.text  # says what the documents do cover


def test_personal_facts_are_not_invented(seed_qa):
    ans = seed_qa.ask("工信和科技局的联系电话是多少？", history={})
    assert not ans.answerable and ans.value is None


def test_performance_target_from_form(seed_qa):
    ans = seed_qa.ask("专精特新奖补几家企业？", history={})
    assert ans.value == Decimal(4) and ans.unit == "家" and ans.citations[0].page == 22


def test_follow_up_resolves_against_previous_turn(seed_qa):
    first = seed_qa.ask("基本支出是多少？", history={})
    assert first.value == Decimal("329.65")
    ans = seed_qa.ask("那项目支出呢？", history=first.context)
    assert ans.value == Decimal("971.43")


def test_smallest_project(seed_qa):
    ans = seed_qa.ask("金额最小的项目是哪个？", history={})
    assert ans.value == Decimal("1.86") and "抚恤金" in ans.text


def test_reingest_is_idempotent(seed_qa):
    from conftest import SEED
    before = seed_qa.store.counts()
    r = seed_qa.ingest(SEED)
    assert r.skipped and seed_qa.store.counts() == before and len(seed_qa.documents()) == 1
