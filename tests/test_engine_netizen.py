"""Forum posts and short names (holdout115–118): the asker's outburst around the question, a body written as
place and duty ('普陀司法'), a bare amount to convert, one person's pay refused, a project's outcome refused in
a budget, a column left out by name. Every value a real figure from the sample documents."""
from decimal import Decimal


def test_an_outburst_around_the_question_is_not_the_question(seed_qa):
    total = seed_qa.ask("朔州平鲁那个工信和科技局，2026年预算一共多少钱？小小一个局也得上千万吧？", history={})
    assert total.value == Decimal("1301.09") and total.citations[0].page == 3
    back = seed_qa.ask("今年少了一千一百多万，那倒推回去，上一年的预算原来是多少万？", history={})
    assert back.value == Decimal("2491.53")
    up = seed_qa.ask("机关运行经费是不是又涨了？比2025年多了多少万？", history={})
    assert up.value == Decimal("1.38")
    share = seed_qa.ask("都说大头是项目，这个局的项目支出在总支出里占几成？", history={})
    assert share.value == Decimal("74.66")
    why = seed_qa.ask("机关运行经费凭啥涨了？多出来的钱给了谁？", history={})
    assert "城镇集体工业联合社" in why.text
    units = seed_qa.ask("这局下面到底设了几个股室？", history={})
    assert units.value == Decimal("5")
    yuan = seed_qa.ask("1301.09万元到底是多少块钱？换成元写给我，零太多数不过来", history={})
    assert yuan.value == Decimal("13010900") and yuan.unit == "元"


def test_what_a_budget_never_says_is_refused(seed_qa):
    pay = seed_qa.ask("平鲁工信局局长一年工资加奖金能拿多少？", history={})
    assert not pay.answerable and pay.value is None
    done = seed_qa.ask("“小升规”奖励资金最后实际奖励了几家企业？目标完成率多少？", history={})
    assert not done.answerable and done.value is None


def test_short_names_restated_figures_and_a_column_left_out(seed_qa, six_qa):
    sangong = six_qa.ask("普陀司法2026年三公经费多少？", history={})
    assert sangong.value == Decimal("10.81") and sangong.citations[0].page == 21
    empty_note = six_qa.ask("万里街道2024年那张三公经费表底下写着“本表为空表”，可表里又有数字，2024年三公到底安排了多少？", history={})
    assert empty_note.value == Decimal("47.91")
    share = seed_qa.ask("产业研究院那300万占全部项目支出的百分之几？", history={})
    assert share.value == Decimal("30.88")
    project = seed_qa.ask("21505款里面项目支出是多少，基本支出不算", history={})
    assert project.value == Decimal("513.89") and "项目支出" in project.citations[0].column
    heat = seed_qa.ask("退休人员取暖补贴，工科局和平安物资贸易公司两块加总是多少", history={})
    assert heat.value == Decimal("220.36")


def test_narrative_amounts_compared_across_two_years(six_qa):
    plan = six_qa.ask("万里街道社区公共服务中心新建工程2025年全年用款计划比2024年少了多少？", history={})
    assert plan.value == Decimal("572.20") and {c.page for c in plan.citations} >= {31, 33}
    funds = six_qa.ask("万里街道编报绩效目标的项目资金，2025年比2024年多了多少万元？", history={})
    assert funds.value == Decimal("3191.17") and {c.page for c in funds.citations} == {30, 32}
    count = six_qa.ask("万里街道编报绩效目标的项目数，2025年比2024年少了几个？", history={})
    assert count.value == Decimal("1") and "减少 1个" in count.text


def test_the_kind_of_unit_is_the_sentence_that_says_it(seed_qa, six_qa):
    kind = seed_qa.ask("这个局是什么性质的单位，全额拨款还是差额拨款？", history={})
    assert "全额财政拨款行政单位" in kind.text and kind.value is None and kind.citations[0].page == 1
    units = six_qa.ask("普陀区司法局2026年是什么性质的单位？", history={})
    assert "行政单位1家" in units.text and units.citations[0].page == 6
