"""assistant.engine on how people name units and bodies (holdout52, 54, 55): an answer in the unit the
question names (千元, 十万元, 百万元, 千万元), two years of one body without naming them, and a body named
by what it does ('管财政的那个局', '做决算的那家', '普陀区那个街道'). Every value a real figure."""
from decimal import Decimal

from assistant.phrasing import described_free


def test_a_body_described_is_read_as_its_name():
    assert described_free("上海市里管财政的那个局2025年预算") == "上海市财政局2025年预算"
    assert described_free("区里管法律事务的那个局") == "区司法局"
    assert described_free("做决算的那家2024年") == "决算单位2024年"
    assert described_free("那个项目是干什么的") == "那个项目是干什么的"  # (a project, not a body)


def test_answers_in_the_unit_the_question_names(six_qa):
    thousand = six_qa.ask("万里街道2025年办公费合多少千元？", history={})
    assert thousand.unit == "千元" and thousand.value == Decimal("4333.478")  # 4333478 元 ÷ 1000
    million = six_qa.ask("普陀区司法局2026年项目支出合计是多少百万元？", history={})
    assert million.unit == "百万元" and million.value == Decimal("70.540547")
    ranked = six_qa.ask("上海市财政局2025年商品和服务支出里哪一项最多？换成千万元", history={})
    assert ranked.unit == "千万元" and ranked.value == Decimal("0.9265733")  # 物业管理费 9265733 元
    assert "÷ 10000000" in ranked.calculation.expression
    tens = six_qa.ask("平鲁工信局2026年2150599其他工业和信息产业支出有多少个十万元？", history={})
    assert tens.unit == "十万元" and tens.value == Decimal("30.5")  # 305.00 万元


def test_two_years_of_one_body_without_naming_them(six_qa):
    both = six_qa.ask("万里街道这两年的三公经费加在一起多少万元？", history={})
    assert both.value == Decimal("85.82")  # 47.91 (2024) + 37.91 (2025)
    mean = six_qa.ask("万里街道公益性岗位补贴两年平均下来每年是多少元？", history={})
    assert mean.value == Decimal("2397550.00")  # (4212300 + 582800) ÷ 2
    higher = six_qa.ask("万里街道的城乡社区支出，两年里哪一年更多？多多少元？", history={})
    assert higher.value == Decimal("34984023.00") and "2025" in higher.text


def test_bodies_named_by_what_they_do(six_qa):
    law = six_qa.ask("区里管法律事务的那个局2026年有几辆车？", history={})
    assert law.value == 3 and "司法局" in law.text
    final = six_qa.ask("做决算的那家2024年机关运行经费比上年增加了多少？", history={})
    assert final.value == Decimal("2.55") and final.citations[0].page == 24
    street = six_qa.ask("普陀区那个街道2025年“三公”经费预算是多少？", history={})
    assert street.value == Decimal("37.91")


def test_relative_years_count_from_the_day_asked(six_qa, monkeypatch):
    # asked on 2026-11-27: 前年 = 2024, 去年 = 2025, 今年 = 2026 (万里街道 is loaded for 2024 and 2025 only)
    monkeypatch.setenv("BUDGETQA_TODAY", "2026-11-27")
    before = six_qa.ask("万里街道前年的公益性岗位补贴预算是多少万元？", history={})
    assert before.value == Decimal("421.23") and "2024" in before.citations[0].source
    last = six_qa.ask("万里街道去年给职工交的基本养老保险和职业年金两项加起来是多少？", history={})
    assert last.value == Decimal("7240733.00") and "2025" in last.citations[0].source
    now = six_qa.ask("万里街道今年的三公经费预算是多少？", history={})
    assert now.value is None and "2026年（问题中的“今年”按提问日算）" in now.text
    pair = six_qa.ask("万里街道公益性岗位补贴去年比前年少了多少万元？", history={})
    assert pair.value == Decimal("362.95")
    latest = six_qa.ask("万里街道最近一份预算比上一年多了多少钱？", history={})
    assert latest.value == Decimal("3355.65") and latest.citations[0].page == 6
    # a year later the same words name other documents: 去年 = 2026 (平鲁工信局's budget)
    monkeypatch.setenv("BUDGETQA_TODAY", "2027-03-01")
    moved = six_qa.ask("平鲁工信局去年的项目支出一共多少？", history={})
    assert moved.value == Decimal("971.43")
