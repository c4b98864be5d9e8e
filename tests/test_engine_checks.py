"""assistant.engine on consistency checks (holdout29's internal auditor) and on the dictated,
benchmarking questions of holdout27–28: the gap between two figures or an honest refusal, never
one figure alone; every value a real figure from the sample documents."""
from decimal import Decimal


def test_parts_against_their_total_and_a_quoted_figure_against_the_table(seed_qa, mixed_qa, caizheng_qa):
    kuan = seed_qa.ask("平鲁工信局2026年215资源勘探工业信息等支出，21505和21508两个款加起来是否等于类合计？差多少？", history={})
    assert kuan.value == 0 and kuan.kind == "diff" and "884.99" in kuan.calculation.expression
    both = caizheng_qa.ask("上海市财政局2025年基本支出加项目支出，是否等于支出合计？差多少", history={})
    assert both.value == 0 and both.citations[0].page == 11
    fund = mixed_qa.ask("万里街道2024年预算说明里住房公积金写的“2024年预算安排352.67万元”，和表里的住房公积金对得上吗？差多少万元？",
                        history={})
    assert abs(fund.value - Decimal("2.32")) < Decimal("0.01") and "不一致" in fund.text  # (3503499元 in the table)
    judicial = mixed_qa.ask("普陀区司法局2026年说明里住房公积金写的“2026年预算安排201.50万元”，和表里的住房公积金差多少万元？",
                            history={})
    assert abs(judicial.value - Decimal("7.2959")) < Decimal("0.01")


def test_one_row_in_two_tables_and_a_check_never_answered_by_one_figure(caizheng_qa, seed_qa):
    two = caizheng_qa.ask("普陀区财政局2024年决算的社会保障和就业支出，收入支出决算总表上的数和支出决算表上的数差多少？", history={})
    assert two.value == Decimal("0.01") and {c.page for c in two.calculation.inputs} == {6, 10}
    # a check the engine cannot pair up is refused, not answered with one of its figures
    lone = seed_qa.ask("平鲁工信局2026年残疾人就业保障金，项目支出表（万元）和绩效目标表（元）上的金额核对一下，差了多少元？",
                       history={})
    assert lone.value is None or lone.kind == "diff"


def test_dictated_questions_three_bodies_and_the_askers_own_body(seed_qa, mixed_qa, six_qa):
    spoken = seed_qa.ask("平鲁区工信和科技局二零二六年就是项目支出占整个支出预算的百分之多少", history={})
    assert spoken.value == Decimal("74.66")
    fees = mixed_qa.ask("呃万里街道2025年水费电费还有邮电费加在一起是多少", history={})
    assert fees.value == Decimal("788000.00") and fees.calculation.expression.count("+") == 2
    heirs = seed_qa.ask("平鲁工信局2026年那几个遗属的项目 工科局的 人社局移交的 还有平安物资的 加起来一共多少钱", history={})
    assert heirs.value == Decimal("24.73") and heirs.calculation.expression.count("+") == 2
    people = seed_qa.ask("平鲁工信局2026年退休人员取暖补贴人社局移交工科局那个项目 是给多少个退休人员发的", history={})
    assert people.value == 440 and people.unit == "人"
    three = six_qa.ask("普陀区司法局2026年、上海市财政局2025年、万里街道2025年这三家，三公经费预算谁最少？是多少？", history={})
    assert three.value == Decimal("10.81") and "普陀区财政局" not in three.text  # (only the three bodies named)
    ours = mixed_qa.ask("我们街道2025年的公益性岗位补贴比万里街道多还是少，差多少？", history={})
    assert not ours.answerable and ours.value is None and "我们街道" in ours.text
