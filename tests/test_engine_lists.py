"""assistant.engine on the question forms met in the blind holdout sets 18–20 (terse mobile users,
table reviewers, a teacher and her students): lists summed inside a share, lists a space or 加
apart, several names × qualifiers, guesses to confirm, stated counts, a heading named whole, a
决算's actual spending, names the documents do not give; every value a real figure."""
from decimal import Decimal


def test_a_share_whose_part_lists_several_rows_sums_them_first(seed_qa):
    both = seed_qa.ask("平鲁工信局2026年行政单位离退休和事业单位离退休两项加起来，占部门预算支出总额的百分之多少？", history={})
    assert both.value == Decimal("27.13") and both.unit == "%"
    assert both.calculation.expression.startswith("行政单位离退休55.40 + 事业单位离退休297.55 = 352.95万元；")
    assert "1301.09" in both.calculation.expression and {c.page for c in both.calculation.inputs} == {6}
    rewards = seed_qa.ask("工信科技局今年给企业的奖励（专精特新加小升规）占项目支出的比例是多少", history={})
    assert rewards.value == Decimal("16.47") and "52.00 + " in rewards.calculation.expression
    one = seed_qa.ask("行政单位离退休占支出总额的比重", history={})
    assert one.value == Decimal("4.26")  # (one row: no sum)


def test_lists_split_at_jia_at_spaces_before_a_count_and_cut_at_the_count(mixed_qa, seed_qa):
    pension = mixed_qa.ask("普陀司法局26 养老保险加职业年金 一共多少钱", history={})
    assert pension.value == Decimal("2759224.00") and pension.calculation.expression.count("+") == 1
    three = mixed_qa.ask("万里街道2024 组织 宣传 统战 这三块一共多少", history={})
    assert three.value == Decimal("2113800.00") and three.calculation.expression.count("+") == 2
    five = mixed_qa.ask("普陀区司法局2026年基本支出里，基本养老保险缴费、职业年金、职工基本医疗保险、其他社会保障缴费和住房公积金"
                        "这几项社保和公积金缴费合计是多少元？", history={})
    assert five.value == Decimal("6026742.00") and five.calculation.expression.count("+") == 4
    four = seed_qa.ask("平鲁工信局2026年给退休人员发的取暖补贴和基础绩效奖（工科局本身和平安物资贸易有限公司两部分都算上）"
                       "一共安排了多少万元？", history={})
    assert four.value == Decimal("297.55") and four.calculation.expression.count("+") == 3
    assert "退役军人" not in four.calculation.expression


def test_a_guess_to_confirm_is_not_what_is_asked(seed_qa, caizheng_qa):
    less = seed_qa.ask("平鲁工信局2026比去年少了多少钱 是不是一千多万", history={})
    assert less.value == Decimal("1190.44") and less.citations[0].page == 17
    rooms = seed_qa.ask("平鲁工信局2026 有6个股室吧", history={})
    assert rooms.value == 5 and rooms.citations[0].page == 1
    yi = seed_qa.ask("平鲁工信局 2026总预算 多少个亿", history={})
    assert yi.value == Decimal("0.130109") and yi.unit == "亿元"
    treasury = caizheng_qa.ask("上海市财政局25年 国库那块业务 是不是1.4千万出头 具体多少", history={})
    assert treasury.value == Decimal("14111000") and treasury.unit == "元"
    area = seed_qa.ask("平鲁工信局 办公用房多大 平米", history={})
    assert area.value == 470 and area.unit == "平方米" and area.citations[0].page == 37


def test_a_stated_count_whose_subject_the_question_spells_out(seed_qa):
    total = seed_qa.ask("平鲁区工信和科技局2026年纳入项目支出绩效目标管理的二级项目一共有多少个？", history={})
    assert total.value == 16 and total.citations[0].page == 19
    part = seed_qa.ask("平鲁区工信和科技局2026年纳入绩效目标管理的二级项目中，其他运转类项目有几个？", history={})
    assert part.value == 13 and part.citations[0].page == 19


def test_a_heading_named_whole_gives_its_subtotal_and_a_finals_actual_spending(mixed_qa, caizheng_qa):
    cars = mixed_qa.ask("万里街道2024年“三公”经费预算中，公务用车购置及运行费是多少？", history={})
    assert cars.value == Decimal("46.56") and cars.citations[0].page == 31
    running = mixed_qa.ask("万里街道2024年公务用车运行费是多少？", history={})
    assert running.value == Decimal("21.56")
    spent = caizheng_qa.ask("上海市普陀区财政局2024年度“三公”经费财政拨款实际支出是多少？", history={})
    assert spent.value == 0 and spent.citations[0].page == 23  # (not the 年初预算 0.95 the sentence opens with)
    largest = mixed_qa.ask("普陀区司法局2026年司法（20406款）下各项中，预算最大的是哪一项？金额多少？", history={})
    assert largest.value == Decimal("38454900.00") and "其他司法支出" in largest.text


def test_names_not_given_remarks_exclusions_and_decimals(seed_qa, mixed_qa, caizheng_qa):
    firms = seed_qa.ask("平鲁工信局2026年的“小升规”奖励资金具体奖励给了哪三家企业？", history={})
    assert not firms.answerable and firms.value is None
    remark = seed_qa.ask("平鲁工信局2026年一般公共预算基本支出中，人员经费占了多大比例？公用经费很少吗？", history={})
    assert remark.value == Decimal("94.19")
    yuan = seed_qa.ask("平鲁工信局2026年一般公共预算安排的基本支出是多少？请帮我换算成以“元”为单位的数字。", history={})
    assert yuan.value == Decimal("3296500.00") and yuan.unit == "元"
    other = mixed_qa.ask("万里街道办事处2025年的收入预算里，除了财政拨款以外，有没有事业收入、其他收入这类非财政拨款收入？", history={})
    assert other.value == 0
    rounded = caizheng_qa.ask("上海市财政局2025年收入预算总额按万元计、保留两位小数是多少？", history={})
    assert rounded.value == Decimal("17191.52") and "17191.5169" in rounded.text and rounded.citations[0].page == 7


def test_offices_by_any_name_and_people_summed_over_the_forms_named(seed_qa, caizheng_qa):
    offices = caizheng_qa.ask("上海市财政局25 有多少个处室", history={})
    assert offices.value == 22 and offices.citations[0].page == 4
    people = seed_qa.ask("平鲁工信局26 退役军人 工科局加平安物资那边 一共保障几个人", history={})
    assert people.value == 19 and people.unit == "人" and {c.page for c in people.citations} == {30, 31}
    one = seed_qa.ask("平鲁工信局退役军人（平安物资贸易有限公司）保障几个人", history={})
    assert one.value == 12 and one.citations[0].page == 31


def test_a_share_never_borrows_a_part_the_question_does_not_name(seed_qa, caizheng_qa):
    # the seed has no 一般公共服务支出: not 商品和服务支出 (…服务支出), not the stated '一般公共预算…占100%'
    absent = seed_qa.ask("平鲁工信局2026年一般公共服务支出占一般公共预算支出的比重", history={})
    assert not absent.answerable and absent.value is None
    stated = seed_qa.ask("公开的项目绩效目标占部门项目支出总额的比例是多少？", history={})
    assert stated.value == 100 and stated.citations[0].page == 19
    # '一般公共预算支出' is the 一般公共预算财政拨款支出决算表's total, not the row 一般公共服务支出
    housing = caizheng_qa.ask("普陀区财政局2024年决算 住房保障占一般公共预算支出的百分比", history={})
    assert housing.value == Decimal("15.16") and "2940.05" in housing.calculation.expression


def test_everyday_words_for_lists_averages_and_a_finals_figures(seed_qa, mixed_qa, caizheng_qa):
    batches = seed_qa.ask("听说平鲁工信局2026年要给人社局移交过来的退休人员发取暖补贴，工科局那批和平安物资贸易公司那批加起来一共多少钱嘞？",
                          history={})
    assert batches.value == Decimal("220.36") and batches.calculation.expression.count("+") == 1
    counted = seed_qa.ask("平鲁工信局2026年给退休人员发的取暖补贴和基础绩效奖（人社局移交工科局、移交平安物资贸易有限公司的都算）一共多少万元？",
                          history={})
    assert counted.value == Decimal("297.55") and "遗属" not in counted.calculation.expression
    retired = mixed_qa.ask("万里街道2024年给退休老人的钱，行政单位离退休加事业单位离退休一共多少？", history={})
    assert retired.value == Decimal("319740.00") and retired.calculation.expression.count("+") == 1
    each = seed_qa.ask("平鲁工信局2026年给人社局移交那440个退休的发取暖补贴，平均下来一个人多少钱嘞？", history={})
    assert each.value == Decimal("4779.09") and each.unit == "元" and each.citations[0].page == 28
    done = caizheng_qa.ask("普陀区财政局2024年一般公共预算的钱，实际花的占年初预算的百分之多少？", history={})
    assert done.value == Decimal("98.20") and done.citations[0].page == 21
    left = caizheng_qa.ask("普陀区财政局2024年到年底还剩下多少钱没花（结转结余）？", history={})
    assert left.value == Decimal("55.34") and "年末" in left.citations[0].row_label  # (not 年初's 49.14)


def test_colloquial_time_people_and_purpose_words(seed_qa, mixed_qa):
    wrong_premise = seed_qa.ask("俺听人说平鲁工信局2026年的预算比上一年涨了不少，到底涨了多少万？", history={})
    assert wrong_premise.value == Decimal("1190.44") and "减少" in wrong_premise.text
    staff = seed_qa.ask("平鲁工信局实际在岗上班的人一共多少个？", history={})
    assert staff.value == 32 and staff.unit == "人" and staff.citations[0].page == 20
    rooms = seed_qa.ask("平鲁工信局2026年局里下面分了几个股室？", history={})
    assert rooms.value == 5
    units = mixed_qa.ask("万里街道2025年的预算，除了街道本部，下面还管着几家单位？", history={})
    assert units.value == 5 and units.citations[0].page == 4
    cars = mixed_qa.ask("万里街道2025年三公经费比前一年少了多少？", history={})
    assert cars.value == 10 and cars.citations[0].page == 30
    it = mixed_qa.ask("司法局2026年信息化建设的钱比2025年实际花的涨了百分之多少？", history={})
    assert it.value == Decimal("277.22") and it.citations[0].page == 8  # (the 2025 执行数 60.41万元)
    purpose = mixed_qa.ask("普陀区司法局今年搞人民调解、社区矫正这些基层工作的钱有多少万？", history={})
    assert purpose.value == Decimal("2170.3947") and "基层司法业务" in purpose.text


def test_fixes_that_kept_earlier_forms_working(seed_qa, caizheng_qa, mixed_qa):
    # a scope words before the list ('项目支出表中…') do not stop a row's name from matching
    four = seed_qa.ask("项目支出表中四个“退休人员”项目（两个取暖补贴、两个基础绩效奖）合计是多少？", history={})
    assert four.value == Decimal("297.55")
    # a stated share under a bare '占' when the question names nothing more specific
    basic = caizheng_qa.ask("普陀区财政局24年决算 基本支出占比多少 是不是八成", history={})
    # (the narrative's stated 79.49% on p21, or the same share computed from the 支出决算表 cells on p10, formula shown)
    assert basic.value == Decimal("79.49") and basic.citations[0].page in (10, 21)
    # one form named ('（工科局）' and 取暖补贴) is not every form whose name shares '人社局移交'
    one = seed_qa.ask("给人社局移交过来的退休人员（工科局）发取暖补贴，一共涉及多少名退休人员？", history={})
    assert one.value == 440 and one.citations[0].page == 28
    fell = mixed_qa.ask("万里街道 公益性岗位补贴 25年比24年 掉了百分之多少", history={})
    assert fell.value == Decimal("86.16")  # ('掉了' says the direction: the size of the fall)


def test_items_counted_by_their_final_against_their_budget(caizheng_qa):
    # the 决算's eleven numbered items (p21–22) each state 年初预算 and 决算数; a count compares each pair
    below = caizheng_qa.ask("普陀区财政局2024年决算说明里逐项列出的支出科目中，有几项的决算数低于年初预算？", history={})
    assert below.value == 8 and below.unit == "项" and "1511.89" in below.text and {c.page for c in below.citations} <= {21, 22}
    level = caizheng_qa.ask("普陀区财政局2024年决算，有几项决算和年初预算持平？", history={})
    assert level.value == 3 and "购房补贴" in level.text and "行政运行" not in level.text
    over = caizheng_qa.ask("普陀区财政局2024年决算有几项超预算？", history={})
    assert over.value == 0 and over.answerable


def test_a_named_parent_is_ranked_by_its_children_and_a_rows_two_columns_compared(six_qa, seed_qa):
    # '司法类支出中' names the 款 司法 loosely: the 项 under it, never 司法 itself
    top = six_qa.ask("普陀区司法局2026年司法类支出中，哪一项预算金额最大？多少元？", history={})
    assert top.value == Decimal("38454900.00") and "其他司法支出" in top.text
    item = six_qa.ask("万里街道2025年城乡社区支出下面，什么“项”钱最多？多少钱？", history={})
    assert item.value == 53121126 and "其他城乡社区管理事务支出" in item.text  # (a 项, not the 款 城乡社区管理事务)
    three = six_qa.ask("普陀区财政局2024年商品和服务支出排前三的是哪些？", history={})
    assert three.value == Decimal("48.49") and "福利费" in three.text and "1. 商品和服务支出" not in three.text
    # one row's two columns ('社会保障和就业支出里，项目支出比基本支出多出多少'), not the 基本支出 column's total
    gap = seed_qa.ask("平鲁工信和科技局2026年社会保障和就业支出里，项目支出比基本支出多出多少？", history={})
    assert gap.value == Decimal("213.89") and "297.55" in gap.calculation.expression and "83.66" in gap.calculation.expression
    # a name's qualifiers listed after a comma ('取暖补贴，工科局和平安物资贸易有限公司两部分'): that name's rows only
    heat = seed_qa.ask("平鲁工信局2026年给人社局移交过来的退休人员发取暖补贴，工科局和平安物资贸易有限公司两部分加起来一共多少万元？",
                       history={})
    assert heat.value == Decimal("220.36") and "遗属" not in heat.calculation.expression


def test_items_listed_inside_a_named_part_each_asked_and_cited(six_qa):
    # 政府采购 is a paragraph of the narrative (p30), no table: each item asked on its own, then ranked or added
    top = six_qa.ask("万里街道2025年政府采购预算里，货物、工程、服务哪一块最多？多少万元？", history={})
    assert top.value == Decimal("3780.72") and top.unit == "万元" and "57.43" in top.text and "983.05" in top.text
    assert {c.page for c in top.citations} == {30}
    two = six_qa.ask("万里街道2024年政府采购里工程加服务两类一共多少万元？", history={})
    assert two.value == Decimal("1568.46") and two.calculation.expression == "工程815.87 + 服务752.59 = 1568.46万元"
    pair = six_qa.ask("万里街道2025年三公经费里，公务接待费和公务用车购置费哪个多？", history={})
    assert pair.value == Decimal("15") and "1.35" in pair.text and pair.citations[0].page == 29
    # '基本支出里的水费、电费…', '这三项加起来一共': the words around the items are no part of them
    three = six_qa.ask("后勤想算算水电通讯的开销，万里街道2025年基本支出里水费、电费、邮电费这三项加起来一共多少元？", history={})
    assert three.value == Decimal("788000.00") and three.calculation.expression.count("+") == 2
    fees = six_qa.ask("上海市财政局2025年基本支出里的水费、电费和物业管理费三项合计是多少万元？", history={})
    assert fees.value == Decimal("1046.5733") and fees.unit == "万元"
    # an item the document never prints: refused, never the other item alone
    missing = six_qa.ask("万里街道2025年基本支出里，办公费和印刷费一共多少？", history={})
    assert missing.value is None and "印刷费" in missing.text


def test_rows_counted_against_each_other_and_the_average_and_a_rankings_two_ends(seed_qa, six_qa):
    # each 项's 基本支出 against its 项目支出 (a blank read as 0), on the 支出总表 (p6)
    more = seed_qa.ask("平鲁工信局2026年支出表的项级科目里，基本支出比项目支出多的有几行？", history={})
    assert more.value == 7 and "事业运行（128.19）" in more.text and "退役" not in more.text
    wanli = six_qa.ask("万里街道2024年支出预算的项级科目里，基本支出多于项目支出的有几项？", history={})
    assert wanli.value == 13
    # the average of the rows counted, shown: 971.43 ÷ 16 = 60.71万元
    above = seed_qa.ask("平鲁工信局2026年的项目，按平均每个项目的金额算，有几个项目高于平均数？", history={})
    assert above.value == 5 and "60.71" in above.text
    classes = six_qa.ask("万里街道2025年的9个支出功能类里，高于各类平均数的有几类？", history={})
    assert classes.value == 1 and "城乡社区支出" in classes.text and "21085283.44" in classes.text
    # the largest and the smallest of the same rows: 300.00 − 1.86, 300.00 ÷ 1.86
    gap = seed_qa.ask("平鲁工信局2026年项目支出里最大的项目和最小的项目差了多少万元？", history={})
    assert gap.value == Decimal("298.14") and [c.page for c in gap.citations] == [15, 15]
    times = seed_qa.ask("平鲁工信局2026年项目支出里最多的项目是最少的项目的几倍？", history={})
    assert times.value == Decimal("161.29") and times.unit == "倍"


def test_rows_listed_by_a_column_and_the_zero_part_of_sangong(six_qa):
    # '项目支出都花在哪几个科目上': the 项 whose 项目支出 cell is not 0, named (司法局 p12)
    spent = six_qa.ask("普陀区司法局2026年项目支出都花在哪几个科目上？", history={})
    assert spent.value == 5 and "基层司法业务" in spent.text and "普法宣传" in spent.text and "行政运行" not in spent.text
    which = six_qa.ask("普陀区司法局2026年有项目支出的项级科目有哪些？", history={})
    assert which.value == 5 and "其他司法支出" in which.text
    zero = six_qa.ask("万里街道2025年三公经费里哪一块是零？", history={})
    assert zero.value == 0 and "为零的是：因公出国（境）费" in zero.text and zero.citations[0].page == 29


def test_lists_and_counts_in_words_the_people_use(six_qa, seed_qa):
    # '有几类比2024年增加了': each 类 of both years' 支出预算总表, compared, counted and named
    rose = six_qa.ask("万里街道2025年的9个支出大类里，有几类比2024年增加了？", history={})
    assert rose.value == 4 and "公共安全支出（1633000元 → 2878025元）" in rose.text
    fell = six_qa.ask("万里街道2025年比2024年减少的类级科目有几个？", history={})
    assert fell.value == 2 and "卫生健康支出" in fell.text
    # '都有哪些股室？列一下': the count and the sentence that names them
    rooms = seed_qa.ask("平鲁工信局局机关里都有哪些股室？列一下", history={})
    assert rooms.value == 5 and "企业国资股" in rooms.text and rooms.citations[0].page == 1
    # three forms' 保障人员数量 added (12 + 17 + 3)
    heirs = seed_qa.ask("平鲁工信局2026年三个遗属项目一共保障多少名遗属？", history={})
    assert heirs.value == 32 and [c.page for c in heirs.citations] == [32, 33, 34]
    # '为什么比2023年多': the reason of the part that rose, not the part that stayed level
    why = six_qa.ask("万里街道2024年三公经费为什么比2023年多？", history={})
    assert "购置公务用车" in why.text and "保持不变" not in why.text.split("原文")[0]
    way = six_qa.ask("司法局2026年人民调解项目采用什么工作方式？", history={})
    assert "购买服务" in way.text and way.citations[0].page == 23


def test_items_whose_stated_rate_passes_a_threshold(six_qa):
    # 万里 2024's numbered items state each change against 2023年执行数: three fell by more than 40%
    fell = six_qa.ask("万里街道2024年哪几个科目比2023年执行数下降超过40%？", history={})
    assert fell.value == 3 and "专项普查活动（项）（减少57.14%，第6页）" in fell.text and "其他城乡社区支出" in fell.text
