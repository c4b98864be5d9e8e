"""assistant.engine on questions written by the eighth session's kinds of user (holdout57–68): amounts per
month, day, 股室 or unit; the asker's own figure compared with a document's; what-if questions; rounding
asked; hedged figures and yes/no claims; the units a department lists; rankings without rows of 0; top-N
shares. Every value is a real figure from the sample documents, with its page."""
from decimal import Decimal

from assistant.phrasing import places_asked, rounding_free


def ask(qa, q):
    return qa.ask(q, history={})


def test_rounding_asked_is_read_and_applied_after_the_unit(six_qa):
    assert places_asked("保留两位小数") == 2 and places_asked("取整到万元就行") == 0 and places_asked("四舍五入") is None
    assert rounding_free("一共多少钱？取整到万元就行。") == ("一共多少钱？ 。", "万元")
    a = ask(six_qa, "平鲁工信局2026年一共预算了多少钱？取整到万元就行。")
    assert a.value == Decimal("1301") and a.unit == "万元" and "1301.09" in a.text  # the exact figure stays beside it
    a = ask(six_qa, "万里街道2024年全年预算差不多多少个亿？保留两位小数。")
    assert a.value == Decimal("1.56") and a.unit == "亿元" and a.citations[0].page == 10


def test_an_amount_per_month_day_or_organisational_unit(six_qa):
    a = ask(six_qa, "万里街道2024年公务接待费平均每个月多少元？")
    assert a.value == Decimal("1125.00") and a.unit == "元" and "13500元 ÷ 12个月" in a.text and a.citations[0].page == 30
    a = ask(six_qa, "司法局2026年行政运行经费按365天平均，每天多少元？")
    assert a.value == Decimal("45826.65") and "16726725.44元 ÷ 365天" in a.calculation.expression
    a = ask(six_qa, "平鲁工信局2026年的机关运行经费，平均到每个股室是多少万元？")
    assert a.value == Decimal("3.83") and {c.page for c in a.citations} >= {14, 1}  # 19.16 ÷ 5 个股室 (p1)
    a = ask(six_qa, "万里街道2024年部门预算总额，按本部和下属预算单位平均，每家单位摊多少万元？")
    assert a.value == Decimal("2603.52") and 4 in {c.page for c in a.citations}  # six units listed on p4
    # an average over the rows a question ranks or names
    a = ask(six_qa, "万里街道2025年支出最多的三个项级科目，平均每个多少万元？")
    assert abs(a.value - Decimal("4111.93")) < Decimal("0.01") and "+" in a.calculation.expression
    a = ask(six_qa, "万里街道2024年201类下面所有叫'一般行政管理事务'的项加起来多少？")
    assert a.value == Decimal("2675000.00") and len([c for c in a.citations if c.role == ""]) == 5
    assert ask(six_qa, "万里街道2025年政府性基金预算支出平均每项多少？").value == 0  # nothing to average: 无（0）


def test_the_askers_own_figure_is_compared_never_looked_up(six_qa):
    a = ask(six_qa, "我们局三公经费是20万，上海市财政局2025年的三公经费比我们多多少？")
    assert a.value == Decimal("326.3") and a.unit == "万元" and a.citations[0].page == 20 and "346.3" in a.calculation.expression
    a = ask(six_qa, "我们单位预算3000万，司法局2026年的预算是我们的几倍？")
    assert a.value == Decimal("3.21") and a.unit == "倍"
    a = ask(six_qa, "我们街道人员经费占基本支出80%，万里街道2025年比我们高几个百分点？")
    assert a.value == Decimal("9.32") and a.unit == "%"
    a = ask(six_qa, "我们街道一年水费电费加邮电费是50万，万里街道2025年这三项加起来比我们多多少万？")
    assert a.value == Decimal("28.8") and {c.page for c in a.citations} == {28}


def test_what_if_questions_are_computed_from_cited_figures(six_qa):
    a = ask(six_qa, "万里街道2025年的三公经费要是压减10%，能省下多少万元？")
    assert a.value == Decimal("3.79") and a.citations[0].page == 29 and "假设" in a.text
    a = ask(six_qa, "上海市财政局2025年因公出国（境）费要是砍掉一半，三公经费还剩多少万元？")
    assert a.value == Decimal("201.95")  # 346.30 − 288.70 × 50%
    a = ask(six_qa, "平鲁工信局2026年机关运行经费比2025年涨了一些，如果2027年再按同样的增幅增长，会是多少万元？")
    assert a.value == Decimal("20.65") and "19.16" in a.calculation.expression  # 19.16 grown as it grew (7.76%, p18)
    a = ask(six_qa, "万里街道的机关运行经费2024到2025年涨了，按同样的涨幅推算2026年会是多少万元？")
    assert a.value == Decimal("487.14") and {29, 31} <= {c.page for c in a.citations}  # 464.64 × 464.64 ÷ 443.18
    a = ask(six_qa, "平鲁工信局2026年要是想让基本支出占到总支出的40%，基本支出还得再加多少万元？")
    assert a.value == Decimal("190.79")  # 1301.09 × 40% − 329.65


def test_hedged_figures_and_claimed_amounts_are_answered_with_the_documents(six_qa):
    a = ask(six_qa, "万里街道2025年预算好像只有1.5亿左右？到底多少？")
    assert a.value == Decimal("189767551") and a.citations[0].page == 9
    a = ask(six_qa, "普陀区司法局的人民调解项目是不是安排了1000万？")
    assert a.value == Decimal("795") and a.text.startswith("不是1000万元") and a.citations[0].page == 23
    a = ask(six_qa, "普陀区司法局2026年收入预算是不是过亿了？")
    assert a.text.startswith("否，没有超过1亿元") and a.value == Decimal("96282213.44")
    a = ask(six_qa, "万里街道2025年为什么没有公务接待费？")
    assert a.value == Decimal("1.35") and a.text.startswith("并非没有") and a.citations[0].page == 29
    # a reason asked about a budget left unspent is still a reason, not a premise to correct
    why = ask(six_qa, "普陀区财政局2024年信息化建设为什么没把年初预算花完？")
    assert "产业政策扶持资金管理系统" in why.text


def test_units_listed_rankings_without_zeros_and_top_n_shares(six_qa):
    a = ask(six_qa, "普陀区司法局下面那家预算单位叫什么？")
    assert "普陀区法律援助中心" in a.text and "本部" not in a.text.split("原文")[0] and a.citations[0].page == 6
    assert ask(six_qa, "司法局局长叫什么").answerable is False  # a person's name is not in a budget
    a = ask(six_qa, "万里街道2024年“三公”经费里，不为零的几项中最少的是哪一项？多少万元？")
    assert a.value == Decimal("1.35") and "公务接待费" in a.text
    a = ask(six_qa, "上海市财政局2025年“三公”经费里，除去为零的，最少的是哪一项？多少万元？")
    assert a.value == Decimal("25.40") and a.citations[0].page == 20
    a = ask(six_qa, "万里街道2024年预算中，最大的三个支出功能大类合计占总支出的百分之几？")
    assert a.value == Decimal("94.66") and a.unit == "%" and len(a.calculation.inputs) == 4


def test_questions_about_the_document_itself(six_qa):
    a = ask(six_qa, "平鲁工信局2026年预算公开里，机关运行经费那张表在第几页？")
    assert a.value == Decimal("14") and a.unit == "页" and "机关运行经费预算表" in a.text
    a = ask(six_qa, "普陀区司法局2026年部门预算一共附了几张预算表？")
    assert a.value == Decimal("9") and a.unit == "张"
    a = ask(six_qa, "平鲁工信局2026年那些预算表里，有几张是空的、写着“本表无数据”？")
    assert a.value == Decimal("5") and {c.page for c in a.citations} == {11, 12, 13, 16}
    a = ask(six_qa, "上海市财政局2025年预算的第8张表叫什么名字？")
    assert "一般公共预算基本支出部门预算经济分类预算表" in a.text and a.citations[0].page == 17
    a = ask(six_qa, "普陀区财政局2024年决算中，机关运行经费的增减情况是在哪一部分说明的？")
    assert "其他重要事项" in a.text and a.citations[0].page == 23


def test_one_figure_over_three_named_bodies(six_qa):
    a = ask(six_qa, "万里街道2025年、普陀区司法局2026年、上海市财政局2025年这三家的三公经费预算加起来是多少？")
    assert a.value == Decimal("395.02") and a.unit == "万元" and {c.page for c in a.citations} >= {20, 21}  # 37.91 + 10.81 + 346.30
    a = ask(six_qa, "万里街道2025年、司法局2026年、上海市财政局2025年三家的政府采购预算加起来多少万元？")
    assert a.value == Decimal("8015.65")
    a = ask(six_qa, "万里街道2025年、普陀区司法局2026年、上海市财政局2025年的住房公积金预算加起来多少元？")
    assert a.value == Decimal("15934691.00") and a.unit == "元"


def test_quiz_forms_blanks_choices_and_statements(six_qa):
    a = ask(six_qa, "万里街道2025年部门预算包括的单位中，事业单位有（  ）家。")
    assert a.value == Decimal("4") and a.unit == "家" and a.citations[0].page == 4
    a = ask(six_qa, "单选：司法局2026年下列哪个支出科目金额最大？A.基层司法业务 B.其他司法支出 C.行政运行 D.公共法律服务")
    assert a.text.startswith("选B（其他司法支出）") and a.value == Decimal("38454900.00")
    a = ask(six_qa, "单选：上海市财政局2025年财政事务下哪一项预算最少？A.行政运行 B.一般行政管理事务 C.预算改革业务 D.财政国库业务")
    assert a.text.startswith("选C（预算改革业务）") and a.value == Decimal("370000")
    a = ask(six_qa, "判断：平鲁工信局2026年有“三公”经费预算。（对/错）")
    assert a.text.startswith("错") and a.value == 0


def test_this_year_as_a_share_or_multiple_of_last_year(six_qa):
    a = ask(six_qa, "平鲁工信局2026年的预算盘子只有上年的几成？")
    assert a.value == Decimal("52.22") and a.unit == "%" and {c.page for c in a.citations} >= {17}  # 1301.09 ÷ (1301.09 + 1190.44)
    a = ask(six_qa, "万里街道2025年三公经费是上年的百分之几")
    assert a.value == Decimal("79.13")  # 37.91 ÷ 47.91
    assert ask(six_qa, "平鲁工信局2026年预算总计是上年的百分之几").value != Decimal("100.00")  # never the year over itself


def test_peoples_words_for_where_to_look_and_what_is_asked(six_qa):
    a = ask(six_qa, "依据平鲁区工信和科技局2026年预算说明中披露的增减变动信息，可推算出该局2025年度的部门预算收入总计约为多少万元？")
    assert a.value == Decimal("2491.53") and a.citations[0].page == 17
    a = ask(six_qa, "从机构设置看，平鲁区工信和科技局局机关共设有几个内设股（室）？")
    assert a.value == Decimal("5") and a.citations[0].page == 1
    a = ask(six_qa, "在万里街道2025年城乡社区支出的各“项”级科目中，预算金额最大的是哪一项？金额为多少元？")
    assert a.value == Decimal("53121126") and "其他城乡社区管理事务支出" in a.text
    a = ask(six_qa, "平鲁工信局2026年俩退役军人项目一共管几个人")
    assert a.value == Decimal("19") and {c.page for c in a.citations} == {30, 31}
    a = ask(six_qa, "普陀区财政局2024年“行政运行”实际花的钱是年初预算的百分之几？")
    assert a.value == Decimal("96.91") and a.citations[0].page == 22
    a = ask(six_qa, "普陀区财政局2024年决算里基本支出占比多少？")
    assert a.value == Decimal("79.49")  # 2336.91 ÷ 本年支出合计 2940.05, not over the 收入 total (79.32)
    why = ask(six_qa, "普陀区财政局2024年信息化建设支出决算略低于年初预算，决算说明将其归因于什么？")
    assert "产业政策扶持资金管理系统" in why.text and why.value is None


def test_a_place_or_a_kind_of_disclosure_never_picks_one_body(six_qa):
    # two 2025 documents; '部门预算' is what both are, so neither is chosen for the asker
    a = ask(six_qa, "2025年部门预算里的'三公'经费预算数是多少？")
    assert not a.answerable and len(a.candidates) == 2
    # '上海的单位' keeps the Shanghai documents: never the 平鲁 figure (20 在编人员, a Shanxi body)
    a = ask(six_qa, "上海的单位在编人数是多少")
    assert not a.answerable and all("上海" in c for c in a.candidates)


def test_search_box_keywords_and_bare_years(six_qa):
    a = ask(six_qa, "万里街道2025、普陀区司法局2026、上海市财政局2025三家里，机关运行经费预算最少的是哪家？是多少？")
    assert a.value == Decimal("217.83") and "上海市普陀区司法局" in a.text.split("：")[0] + a.text.split("：")[1]
    why = ask(six_qa, "平鲁工信局 机关运行经费 增加 原因 2026")
    assert "城镇集体工业联合社" in why.text and why.citations[0].page == 18
    a = ask(six_qa, "普陀财政局 2024 绩效自评 平均分")
    assert a.value == Decimal("99.43") and a.unit == "分"
