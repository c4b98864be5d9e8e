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


def test_an_officials_formal_requests(seed_qa, mixed_qa, caizheng_qa, six_qa):
    drop = seed_qa.ask("经查，朔州市平鲁区工信和科技局2026年度部门预算收入总计较上年明显下降。请说明其下降幅度（百分比）。", history={})
    assert drop.value == Decimal("47.78") and drop.citations[0].page == 17
    back = seed_qa.ask("平鲁区工信和科技局在预算说明中披露了2026年机关运行经费财政拨款预算及其较2025年预算的增加额。"
                       "请据此倒推核实2025年机关运行经费预算数为多少万元。", history={})
    assert back.value == Decimal("17.78")
    done = caizheng_qa.ask("根据上海市普陀区财政局2024年度部门决算，请核实一般公共预算财政拨款支出决算数占年初预算的完成比例（百分比）。",
                           history={})
    assert done.value == Decimal("98.20") and done.citations[0].page == 21
    abroad = caizheng_qa.ask("请测算上海市财政局2025年因公出国（境）费占“三公”经费预算总额的比重（百分比，保留两位小数）。", history={})
    assert abroad.value == Decimal("83.37")  # ('“三公”经费预算总额' is the 三公 合计, not the body's 支出总计)
    gap = six_qa.ask("请比较上海市财政局2025年与普陀区司法局2026年的“三公”经费预算总额，指出哪一单位更高，并核实两者相差多少万元。",
                     history={})
    assert gap.value == Decimal("335.49")
    staff = seed_qa.ask("根据平鲁区工信和科技局2026年度部门整体支出绩效目标申报表，该局实际在职人员总数较核定人员编制数多出多少人？",
                        history={})
    assert staff.value == 12
    vets = seed_qa.ask("经查平鲁区工信和科技局2026年项目支出中分别安排了工科局本级和平安物资贸易有限公司的退役军人工资福利项目，"
                       "请汇总两项绩效目标所保障的退役军人人数。", history={})
    assert vets.value == 19 and {c.page for c in vets.citations} == {30, 31}
    codes = mixed_qa.ask("请汇总核实万里街道2025年机关事业单位基本养老保险缴费支出与职业年金缴费支出两个科目（2080505、2080506）的预算合计（元）。",
                         history={})
    assert codes.value == Decimal("7240733.00")  # (each row once, though named by name and by code)
    firms = seed_qa.ask("平鲁区工信和科技局2026年“小升规”奖励资金拟奖励3家升规企业，请列明获奖企业的具体名称及各自奖励金额。", history={})
    assert not firms.answerable and firms.value is None


def test_a_students_words_and_lay_questions(seed_qa, mixed_qa):
    daily = seed_qa.ask("平鲁工信局2026年的日常开支占全部预算的百分之多少？", history={})
    assert daily.value == Decimal("25.34")  # (日常开支 is 基本支出)
    projects = mixed_qa.ask("万里街道2024年的项目费占全部支出的百分之多少？", history={})
    assert projects.value == Decimal("36.17")
    staff = seed_qa.ask("平鲁工信和科技局实际上班的人一共有多少个？", history={})
    assert staff.value == 32 and staff.unit == "人"
    rooms = seed_qa.ask("平鲁工信局里面分了几个股室？", history={})
    assert rooms.value == 5
    what = mixed_qa.ask("司法局2026年的人民调解项目是干嘛的？钱是给谁的？", history={})
    assert what.value is None and "人民调解协会" in what.text
    firms = seed_qa.ask("平鲁工信局2026年给那3家“小升规”的企业分别是哪几家公司？", history={})
    assert not firms.answerable and firms.value is None


def test_a_subject_code_no_table_holds_is_refused(mixed_qa, seed_qa):
    absent = mixed_qa.ask("万里街道2025年 2120106 科目的项目支出列是多少？", history={})
    assert not absent.answerable and absent.value is None and "2120106" in absent.text  # (was the 项目支出 total)
    present = mixed_qa.ask("万里街道2025年 2120101 科目的项目支出列是多少？", history={})
    assert present.value == Decimal("150000")
    dashed = seed_qa.ask("平鲁工信局2026年215-05-01对应多少钱", history={})
    assert dashed.value == Decimal("82.91")


def test_a_listed_sum_or_a_check_is_never_answered_by_one_cell(caizheng_qa, mixed_qa):
    # the three columns asked are not a row's cells in any one table: refused, never 支出总计 × 3 or one column
    lone = caizheng_qa.ask("核对上海市财政局2025年一般公共服务支出：人员经费、公用经费、项目支出三块加起来是多少元？", history={})
    assert not lone.answerable and lone.value is None
    # '核对' in the asker's framing does not make a one-figure question a check
    framed = mixed_qa.ask("我想核对一下：万里街道2024年给在职人员交基本养老保险，预算里放了多少钱？", history={})
    assert framed.answerable and abs(framed.value - Decimal("460.85")) < Decimal("0.01")
