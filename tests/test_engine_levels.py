"""assistant.engine on the level a question means (the 项 under a 类, the 类 by its everyday name), the
whole of a share of this year's spending, and a 决算's budget-versus-actual wording (holdout24, 30, 31):
every value a real figure from the six sample documents."""
from decimal import Decimal


def test_the_rows_under_a_named_row_at_the_level_asked(six_qa):
    item = six_qa.ask("万里街道2025年城乡社区支出里头，哪一项的钱最多？", history={})
    assert item.value == Decimal("53121126") and "其他城乡社区管理事务支出" in item.text  # the 项, not its 款
    assert item.citations[0].page == 17
    kuan = six_qa.ask("万里街道2025年城乡社区支出下面哪一款最多？", history={})
    assert kuan.value == Decimal("94995790") and "城乡社区管理事务" in kuan.text
    deep = six_qa.ask("普陀区司法局2026年公共安全支出下面最大的是哪个，细到项", history={})
    assert deep.value == Decimal("38454900.00") and "其他司法支出" in deep.text
    econ = six_qa.ask("万里街道2024年商品和服务支出各经济科目中，不算办公费，哪一科目最多？", history={})
    assert econ.value == Decimal("1090020") and "物业管理费" in econ.text and econ.citations[0].page == 30
    comma = six_qa.ask("万里街道2024年的商品和服务那块，哪一样最多", history={})
    assert comma.value == Decimal("4755518") and "办公费" in comma.text


def test_the_largest_item_when_only_the_body_is_named(six_qa):
    top = six_qa.ask("司法局2026年钱花得最多的是哪一块", history={})
    assert top.value == Decimal("38454900.00") and "其他司法支出" in top.text and top.citations[0].page == 12
    share = six_qa.ask("司法局2026年钱花得最多的是哪一块，占全部支出多少？", history={})
    assert share.value == Decimal("39.94") and "96282213.44" in share.text
    cls = six_qa.ask("普陀区司法局2026年支出最多的是哪一类？占总支出百分之几？", history={})
    assert cls.value == Decimal("90.64") and "公共安全支出" in cls.text


def test_classes_named_by_their_everyday_words(six_qa):
    three = six_qa.ask("司法局2026年住房、社保和医疗这三大类合计多少元", history={})
    assert three.value == Decimal("9014941.00") and three.calculation is not None
    assert {"社会保障和就业支出", "卫生健康支出", "住房保障支出"} <= {x.row_label for x in three.calculation.inputs}
    two = six_qa.ask("普陀区司法局2026年医疗和住房两大类加起来占总支出的比例", history={})
    assert two.value == Decimal("5.89")  # (1149678 + 4521559) ÷ 96282213.44


def test_a_share_of_this_years_spending_is_over_this_years_total(six_qa):
    # 支出总计 2995.39 adds 年末结转和结余 55.34; the 决算 states 基本支出 占79.49% of 本年支出合计 2940.05
    basic = six_qa.ask("普陀区财政局2024年基本支出占全部支出的比重是多少", history={})
    assert basic.value == Decimal("79.49") and "2940.05" in basic.text and "2995.39" not in basic.text
    proj = six_qa.ask("普陀区财政局2024年项目支出占总支出百分之几", history={})
    assert proj.value == Decimal("20.51")


def test_a_final_accounts_budget_against_actual_in_everyday_words(six_qa):
    less = six_qa.ask("普陀区财政局2024年信息化建设实际花的钱比预算少多少万元", history={})
    assert less.value == Decimal("0.65") and less.citations[0].page == 22  # 135.90 − 135.25
    low = six_qa.ask("普陀区财政局2024年行政运行决算数低于年初预算，两者差额是多少", history={})
    assert low.value == Decimal("48.16")
    rate = six_qa.ask("普陀区财政局2024年一般公共预算财政拨款实际花掉了年初预算的百分之几", history={})
    assert rate.value == Decimal("98.20") and rate.citations[0].page == 21


def test_the_three_parts_of_sangong_ranked(six_qa):
    top = six_qa.ask("上海市财政局2025年三公经费里哪一项占比最高？金额多少？", history={})
    assert top.value == Decimal("288.70") and "因公出国（境）费" in top.text and top.citations[0].page == 20
    least = six_qa.ask("万里街道2024年三公经费哪一项最少", history={})
    assert least.value == 0 and "因公出国" in least.text
    share = six_qa.ask("司法局2026年三公经费里哪一项最多，占三公经费的比重", history={})
    assert share.value == Decimal("92.32") and "公务用车购置及运行费" in share.text  # 9.98 ÷ 10.81
    blank = six_qa.ask("普陀区财政局2024年三公经费里哪一项最多", history={})
    assert blank.value is None or blank.value < 1  # (only 公务接待费's budget is printed: never 行政运行's 1511.89)


def test_parts_checked_against_the_row_they_fall_under(six_qa):
    kuan = six_qa.ask("万里街道2025年城乡社区管理事务（款）下面的项级科目相加，和款级合计一致吗？差多少元？", history={})
    assert kuan.value == Decimal("1.00") and kuan.kind == "diff"  # 94995789 against the printed 94995790
    cls = six_qa.ask("核对万里街道2024年“工资福利支出”下各款相加是否等于该类合计，差额多少元", history={})
    assert cls.value == 0 and "88282511" in cls.text
    basic = six_qa.ask("核对平鲁工信局2026年支出总表：基本支出加项目支出，与表中合计是否一致，差额多少万元", history={})
    assert basic.value == Decimal("0.01")  # 329.65 + 971.43 = 1301.08 against 1301.09


def test_a_body_in_a_named_place_that_is_not_loaded_is_refused(six_qa):
    other = six_qa.ask("朔州市平鲁区财政局2026年部门预算收入总计是多少万元？", history={})
    assert not other.answerable and "平鲁区财政局" in other.text
    own = six_qa.ask("朔州市平鲁区工信局2026年收入总计是多少万元", history={})
    assert own.value == Decimal("1301.09")


def test_an_amount_asked_is_never_answered_with_a_count(six_qa):
    ans = six_qa.ask("万里街道办事处2024年编报绩效目标的项目共涉及多少项目预算资金？", history={})
    assert ans.unit not in ("个", "项")  # (the sentence's 50个 is the projects' number, not their money)


def test_the_funding_source_of_a_project_is_read_from_its_form(six_qa):
    src = six_qa.ask("平鲁工信局2026年“小升规”奖励资金是哪一级财政出的钱？", history={})
    assert src.value is None and "省级财政资金 1080000元" in src.text and src.citations[0].page == 21
    own = six_qa.ask("平鲁工信局2026年城联社工作经费的资金来源", history={})
    assert "市县" in own.text and "50000元" in own.text and own.citations[0].page == 24


def test_an_average_over_what_the_narrative_says_the_body_holds(six_qa):
    car = six_qa.ask("普陀区司法局2026年公务用车运行维护费平均到每辆车是多少万元", history={})
    assert car.value == Decimal("3.33") and car.unit == "万元"  # 99750元 ÷ 3辆 (p22: 共有车辆3辆)
    assert {c.page for c in car.citations} == {20, 22}


def test_which_units_a_budget_covers(six_qa):
    units = six_qa.ask("普陀区司法局2026年部门预算除了局本部，还包括哪家下属单位？", history={})
    assert "法律援助中心" in units.text and units.citations[0].page == 6
    count = six_qa.ask("纳入普陀区财政局2024年度部门决算编制范围的单位一共列了几个？", history={})
    assert count.value == 3 and count.citations[0].page == 5


def test_growth_asked_without_a_unit_is_the_rate(six_qa):
    rate = six_qa.ask("司法局2026年信息化建设预算比2025年执行数增长了多少？", history={})
    assert rate.value == Decimal("277.22") and rate.unit == "%"
    amount = six_qa.ask("司法局2026年信息化建设预算比2025年执行数增加了多少万元？", history={})
    assert amount.value == Decimal("167.47") and amount.unit == "万元"
    # '涨了多少' names neither: the document states only the rate (增加277.22%), so the rate, the amount beside it
    rose = six_qa.ask("司法局2026年信息化建设预算比2025年执行数涨了多少？", history={})
    assert rose.value == Decimal("277.22") and rose.unit == "%" and "167.47" in rose.text and rose.citations[0].page == 8
    # where the amount is stated too ('比上年增加2.55万元'), '涨了多少' is the amount
    stated = six_qa.ask("普陀区财政局2024年机关运行经费比上年涨了多少？", history={})
    assert stated.value == Decimal("2.55") and stated.unit == "万元"
    pays = six_qa.ask("司法局2026给在职的交养老保险交多少", history={})
    assert pays.value == Decimal("1839485.00") and pays.unit == "元"  # (an amount: 交多少 asks money)


def test_percentage_points_between_two_shares(six_qa):
    parts = six_qa.ask("万里街道2024年一般公共预算基本支出中，人员经费占比比公用经费占比高出几个百分点？", history={})
    assert parts.value == Decimal("77.60") and parts.unit == "个百分点"  # 88.80% − 11.20%
    years = six_qa.ask("万里街道城乡社区支出占全部支出的比重，2025年比2024年提高了几个百分点？", history={})
    assert years.value == Decimal("4.92") and {c.page for c in years.citations} >= {9, 10}
    bodies = six_qa.ask("上海市财政局2025年和普陀区财政局2024年决算相比，哪家基本支出里人员经费占比更高？高几个百分点？", history={})
    assert bodies.value == Decimal("11.83") and "92.10% − " in bodies.calculation.expression


def test_ratios_sums_across_years_and_named_wholes(six_qa):
    times = six_qa.ask("万里街道2024年机关运行经费预算是“三公”经费预算的几倍？", history={})
    assert times.value == Decimal("9.25") and times.unit == "倍"  # 443.18 ÷ 47.91
    both = six_qa.ask("万里街道2024年和2025年两年的机关运行经费预算累计是多少？", history={})
    assert both.value == Decimal("907.82")  # 443.18 + 464.64, not their gap
    top3 = six_qa.ask("万里街道2025年商品和服务支出中金额最大的前三个科目，合计占商品和服务支出的比重是多少？", history={})
    assert top3.value == Decimal("58.93")  # over 商品和服务支出, not the 基本支出 total
    abroad = six_qa.ask("上海市财政局2025年三公经费里，出国（境）费占三公合计的比重是多少？", history={})
    assert abroad.value == Decimal("83.37")  # 288.70 ÷ 346.30, not ÷ the budget's total


def test_wholes_rows_and_years_the_question_scopes(six_qa):
    three = six_qa.ask("2025年万里街道“城乡社区管理事务”下面的行政运行、一般行政管理事务、城管执法这三项加起来是多少元？", history={})
    assert three.value == Decimal("41874663.00")  # the three 项 under 21201, not the 款 itself, nor another 行政运行
    small = six_qa.ask("万里街道2024年面向中小企业预留的政府采购预算，占当年政府采购预算总额的百分比是多少？两位小数。", history={})
    assert small.value == Decimal("40.00")  # 664.98 ÷ 1662.44 (both stated on p32), not ÷ 收入总计
    staff = six_qa.ask("普陀区财政局2024年决算中，基本支出里人员经费占比多少？保留两位小数。", history={})
    assert staff.value == Decimal("92.10")
    named = six_qa.ask("去年（2024年）万里街道的预算总收入大约是多少亿元？", history={})
    assert named.value is not None and abs(named.value - Decimal("1.5621")) < Decimal("0.001")
    done = six_qa.ask("普陀区财政局2024年财政委托业务支出的决算数完成了年初预算的百分之几？保留两位小数。", history={})
    assert done.value == Decimal("99.78") and done.unit == "%"


def test_a_rate_or_a_name_asked_is_never_answered_with_an_amount(six_qa):
    firms = six_qa.ask("平鲁工信局2026年的“专精特新”奖励资金具体发给了哪几家企业？", history={})
    assert not firms.answerable
    capital = six_qa.ask("平鲁工信局2026年预算里支持的朔州晋坤双碳产业研究院有限公司，注册资本是多少万元？", history={})
    assert not capital.answerable and capital.value is None  # (not the project's 300 万元)
    own = six_qa.ask("平鲁工信局2026年几个遗属补助项目（本局的、人社局移交的、平安物资贸易公司的）加起来一共多少万元？", history={})
    assert own.value == Decimal("24.73")  # 遗属（工科局）9.96 + 12.66 + 2.11
    each = six_qa.ask("平鲁工信局2026年“小升规”奖励资金，按绩效目标里要奖励的升规企业家数平均分，每家能拿多少万元？", history={})
    assert each.value == Decimal("36.00")  # 108 万元 ÷ 3 家
