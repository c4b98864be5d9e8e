"""Terse messages and the asker's own figures (holdout119–122): a street's bare name ('万里24年三公'), a district
that tells two 财政局 apart ('普陀财政局'), cars counted across two years, the asker's own body and figure
before the question, a check worded '比差了多少', a remark that the asker will compare later. Every value a
real figure from the sample documents."""
from decimal import Decimal


def test_terse_messages_name_body_year_and_row(six_qa):
    sangong = six_qa.ask("万里24年三公", history={})
    assert sangong.value == Decimal("47.91") and sangong.citations[0].page == 31
    fell = six_qa.ask("万里三公25年比24年少多少", history={})
    assert fell.value == Decimal("10.00")
    budget = six_qa.ask("万里25年比24年预算多了多少元", history={})
    assert budget.value == Decimal("33556428.00")
    post = six_qa.ask("万里公益岗补贴25年少了多少", history={})
    assert post.value == Decimal("3629500.00")
    district = six_qa.ask("普陀财政局基本支出占比", history={})
    assert district.value == Decimal("79.49") and "普陀区财政局" in district.text
    cars = six_qa.ask("万里25年公车比24年多几辆", history={})
    assert cars.value == Decimal("1") and {c.page for c in cars.citations} == {30, 32}
    owned = six_qa.ask("万里街道2025年公车有几辆", history={})
    assert owned.value == Decimal("8")  # (its fleet, not the one car the budget buys)


def test_the_askers_own_figure_before_the_question_and_checks_worded_loosely(seed_qa):
    run = seed_qa.ask("我们县工信局一年的公用经费也就十二三万，平鲁工信和科技局2026年机关运行经费安排了多少？", history={})
    assert run.value == Decimal("19.16") and run.citations[0].page == 14
    rooms = seed_qa.ask("我们局设了7个股室，平鲁工信和科技局局机关内设几个？", history={})
    assert rooms.value == Decimal("5")
    gap = seed_qa.ask("支出总表里基本支出加项目支出，跟合计1301.09比差了多少？", history={})
    assert gap.value == Decimal("0.01") and gap.citations[0].page == 6
    two = seed_qa.ask("2080501行政单位离退休和2080505养老保险缴费两行加起来多少？我要跟20805的基本支出对一下。", history={})
    assert two.value == Decimal("83.65")
    fine = seed_qa.ask("残疾人就业保障金表里是2.88万元，换成元精确是多少？", history={})
    assert fine.value == Decimal("28794.24")
    kin = seed_qa.ask("遗属补助加起来多少", history={})
    assert kin.value == Decimal("24.73")
    area = seed_qa.ask("办公用房多大", history={})
    assert area.value == Decimal("470") and area.unit == "平方米"


def test_items_listed_before_the_words_that_count_them_are_ranked_among_themselves(seed_qa):
    least = seed_qa.ask("社会保障和就业、卫生健康、资源勘探工业信息、住房保障这四类里，最少的那一类是多少万元？", history={})
    assert least.value == Decimal("11.48") and "卫生健康" in least.text and len(least.citations) >= 4
    why = seed_qa.ask("别的都在压，他们机关运行经费反倒涨了，为啥？", history={})
    assert "城镇集体工业联合社" in why.text
