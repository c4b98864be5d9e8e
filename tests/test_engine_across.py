"""assistant.engine on an analyst's English budget terms and on rankings of the loaded bodies
(holdout23): every value a real figure from the six sample documents."""
from decimal import Decimal


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


def test_english_changes_reasons_units_and_worked_back_totals(six_qa):
    yoy = six_qa.ask("万里街道 公益性岗位补贴 2025 vs 2024 的 YoY change 是多少 %？", history={})
    assert yoy.value == Decimal("-86.16") and yoy.unit == "%"  # (a change asked without a direction keeps its sign)
    gap = six_qa.ask("司法局2026年和市财政局2025年的公务接待费相差多少？", history={})
    assert gap.value == Decimal("24.57")  # ('相差': the size of the gap)
    why = six_qa.ask("上海市财政局2025 budget 比2024年少了990万元，主要 reason 是啥？", history={})
    assert why.value is None and "注册会计师" in why.text and why.citations[0].page == 6
    yi = six_qa.ask("万里街道2025年 total 支出预算 换算成亿元是多少？（保留两位小数）", history={})
    assert yi.value == Decimal("1.90") and yi.unit == "亿元" and "189767551" in yi.text
    back = six_qa.ask("平鲁工信局 2025年的 budget 总额大概是多少万元？（根据2026年文件里说的 YoY 变化倒推）", history={})
    assert back.value == Decimal("2491.53") and back.citations[0].page == 17


def test_text_answers_forms_justify_lists_of_units_places_and_stated_shares(six_qa):
    reason = six_qa.ask("平鲁工信局2026年给城镇集体工业联合社那5万块工作经费，为啥要给这个钱？", history={})
    assert reason.value is None and "新招录" in reason.text and reason.citations[0].page == 24
    audit = six_qa.ask("平鲁工信局2026年那笔补发一次性抚恤金项目，是因为什么事补发的？", history={})
    assert "监察建议" in audit.text and audit.citations[0].page == 36
    cars = six_qa.ask("平鲁工信局2026年预算公开里，截至2025年底实有公务用车几辆？", history={})
    assert cars.value == 0 and cars.citations[0].page == 37  # (截至2025年底 is a date, not the document's year)
    place = six_qa.ask("万里街道那个新建的社区公共服务中心建在哪儿啊？", history={})
    assert "真金路" in place.text and place.citations[0].source.startswith("上海市普陀区万里街道办事处2025")
    units = six_qa.ask("普陀区司法局2026年部门预算里包括哪些单位？", history={})
    assert "法律援助中心" in units.text and units.citations[0].page == 6
    works = six_qa.ask("万里街道2024年政府采购预算里工程类占了多大比例？", history={})
    assert works.value == Decimal("49.08") and "815.87" in works.calculation.expression
    services = six_qa.ask("普陀区司法局2026年政府采购预算中服务类占比多少？", history={})
    assert services.value == Decimal("97.30") and services.citations[0].page == 22


def test_a_negated_column_condition_and_a_finals_budgeted_sum(six_qa):
    none = six_qa.ask("万里街道办事处2025年一般公共预算支出中，有几个类级科目完全没有基本支出、全部是项目支出？", history={})
    assert none.value == 5 and "为零" in none.text
    some = six_qa.ask("万里街道办事处2025年有基本支出的类级科目有几个", history={})
    assert some.value == 4
    budgeted = six_qa.ask("上海市普陀区财政局2024年财政事务（款）下行政运行、一般行政管理事务、信息化建设、财政委托业务支出"
                          "四项的年初预算合计是多少？", history={})
    assert budgeted.value == Decimal("2156.47") and {c.page for c in budgeted.calculation.inputs} == {22}
    spent = six_qa.ask("上海市普陀区财政局2024年行政运行和信息化建设的决算合计", history={})
    assert spent.value == Decimal("1647.14")
    basic = six_qa.ask("万里街道2025年基本支出占全部支出预算的比重是多少？", history={})
    assert basic.value == Decimal("53.40")


def test_news_words_the_largest_rows_share_and_ambiguous_years(six_qa):
    biggest = six_qa.ask("平鲁区工信和科技局2026年最烧钱的单个项目是哪个？花多少钱？", history={})
    assert biggest.value == Decimal("300.00") and biggest.citations[0].page == 15
    share = six_qa.ask("平鲁工信局2026年那个最大的项目，一个项目就占了全部项目支出的百分之几？", history={})
    assert share.value == Decimal("30.88") and "971.43" in share.calculation.expression
    yi = six_qa.ask("平鲁工信局2026年整个部门预算折合多少亿元？过亿了吗？", history={})
    assert yi.value == Decimal("0.130109") and yi.unit == "亿元"
    # two 2026 budgets state a 机关运行经费 (平鲁 in words, 司法局 in a table): ask which, never pick one
    which = six_qa.ask("2026年部门预算里机关运行经费安排了多少万元？", history={})
    assert not which.answerable and which.value is None and len(which.candidates) == 2
    named = six_qa.ask("平鲁工信局2026年项目支出预算表（本年预算）里，名字带“遗属”的几个项目加起来一共多少？", history={})
    assert named.value == Decimal("24.73") and named.unit == "万元"
    staff = six_qa.ask("万里街道2024年给职工交的基本养老、职业年金、医保和住房公积金，四项加起来多少元？", history={})
    assert staff.value == Decimal("13438486.00") and staff.calculation.expression.count("+") == 3


def test_rows_ranked_by_their_change_between_two_years(six_qa):
    fastest = six_qa.ask("万里街道2025年对比2024年，哪一类功能支出增长最快？增幅多少？", history={})
    assert fastest.value == Decimal("76.24") and "公共安全支出" in fastest.text
    assert "1633000" in fastest.calculation.expression and "2878025" in fastest.calculation.expression
    most = six_qa.ask("万里街道2025年和2024年相比，哪个项级科目增加的金额最多？多了多少万元？", history={})
    assert abs(most.value - Decimal("4312.87")) < Decimal("0.01") and "其他城乡社区支出" in most.text
    econ = six_qa.ask("万里街道公用经费里，2025年比2024年增幅最大的是哪个经济科目？涨了多少百分比？", history={})
    assert econ.value == Decimal("30.81") and "其他商品和服务支出" in econ.text and econ.citations[0].page == 28


def test_a_target_printed_as_a_bound_is_shown_as_printed(seed_qa):
    bound = seed_qa.ask("平鲁工信局2026年 朔州晋坤双碳产业研究院建设资金 项目的受益人员满意度指标值定的是多少？", history={})
    assert bound.value == 96 and "≥96%" in bound.text and bound.citations[0].page == 35


def test_shares_compared_across_bodies_and_changes_ranked_in_one_document(six_qa):
    higher = six_qa.ask("上海市财政局2025年和普陀区司法局2026年相比，哪家项目支出占总支出的比重更高？比重是多少？", history={})
    assert higher.value == Decimal("73.26") and higher.text.startswith("更高的是上海市普陀区司法局2026年预算")
    assert "25.75%" in higher.text  # (the other body's share shown beside it, with its formula)
    gap = six_qa.ask("普陀区财政局2024年决算里，哪一项决算比年初预算少得最多？少了多少万元？", history={})
    assert gap.value == Decimal("48.16") and "行政运行" in gap.text and gap.citations[0].page == 22
    rate = six_qa.ask("司法局2026年各科目对比2025年执行数，哪一项增幅最大？增了多少？", history={})
    assert rate.value == Decimal("277.22") and "信息化建设" in rate.text and rate.citations[0].page == 8
    exact = six_qa.ask("普陀区司法局2026年公务接待费预算具体是多少元？", history={})
    assert exact.value == Decimal("8265.00") and exact.citations[0].page == 20  # (not 0.83万元 × 10000)


def test_english_body_names_come_from_the_loaded_bodies(six_qa):
    # the English name of a loaded body is read from its place (pinyin) and duty words, not from a list
    total = six_qa.ask("What was the Putuo District Finance Bureau's total final-accounts expenditure in 2024, in 10k yuan?", history={})
    assert total.value == Decimal("2995.39") and total.citations[0].source.startswith("上海市普陀区财政局") and total.citations[0].page == 7
    car = six_qa.ask("How much did the Pinglu Industry and Information Technology Bureau budget for official reception in 2026?",
                     history={})
    assert car.value == Decimal("0") or "无" in car.text
    from assistant.english import _KNOWN, bodies_free
    _KNOWN.add("上海市杨浦区教育局")  # a body a user loads: its English name is derived, never listed
    try:
        assert "上海市杨浦区教育局" in bodies_free("Yangpu District Education Bureau 2025 budget")
        assert "上海市财政局" in bodies_free("Shanghai Municipal Finance Bureau") and "普陀区财政局" not in bodies_free(
            "Shanghai Municipal Finance Bureau")
    finally:
        _KNOWN.discard("上海市杨浦区教育局")
    # a body that is not loaded is named in Chinese and refused, not taken for a loaded one
    other = six_qa.ask("What is the Putuo District Education Bureau's 2026 budget total?", history={})
    assert other.value is None and "教育局" in other.text
