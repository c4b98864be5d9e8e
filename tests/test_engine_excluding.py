"""assistant.engine on questions that leave something out or filter by an amount (holdout45, 47):
'剔除…以后还有多少', '除了…以外…占比', '…之外哪一项最大', '超过一百万的项目有几个', '公用经费里不到
一万块的科目'. Every value is a real figure from the sample documents; a part or a condition the
engine cannot apply is refused, never dropped."""
from decimal import Decimal

from assistant.exclusion import split_excluded
from assistant.spoken import cn_amount, spoken_free


def test_the_part_left_out_is_read_from_the_ways_people_write_it():
    assert split_excluded("除了人员经费以外的基本支出是多少") == ("人员经费", "基本支出是多少")
    assert split_excluded("把最大的那个产业研究院建设资金去掉，其余项目加起来是多少")[0] == "产业研究院建设资金"
    assert split_excluded("剔除2150501行政运行以后还有多少万元")[0] == "2150501行政运行"
    assert split_excluded("三公经费（不含公务接待费）是多少") == ("公务接待费", "三公经费 是多少")
    assert split_excluded("商品和服务支出里，办公费之外哪一项最大")[0] == "办公费"
    # a table's own title, and ordinary words, leave nothing out
    assert split_excluded("基本支出分经济科目表（不含上年结转）里办公费多少") is None
    assert split_excluded("其他商品和服务支出是多少") is None
    assert split_excluded("2025年本年收入以外还有上年结转吗") is None


def test_amounts_said_in_words_are_read_as_numbers():
    assert cn_amount("三百五十") == 350 and cn_amount("两千") == 2000 and cn_amount("一百零五") == 105
    assert spoken_free("超过一百万的项目") == "超过100万元的项目"
    assert spoken_free("不到五万块的") == "不到5万元的"
    assert spoken_free("五万人") == "五万人" and spoken_free("三公经费") == "三公经费"


def test_the_whole_less_the_part(six_qa):
    rest = six_qa.ask("平鲁工信局2026年资源勘探工业信息等支出（215类）扣掉行政运行（2150501）后是多少万元？", history={})
    assert rest.value == Decimal("802.08")  # 884.99 − 82.91, both on page 6
    assert "884.99" in rest.calculation.expression and "82.91" in rest.calculation.expression
    projects = six_qa.ask("平鲁工信局2026年项目支出中，不算晋坤双碳产业研究院建设资金，其余项目合计多少万元？", history={})
    assert projects.value == Decimal("671.43")  # 971.43 − 300.00
    sangong = six_qa.ask("上海市财政局2025年“三公”经费里，除去因公出国（境）费，剩下的是多少万元？", history={})
    assert sangong.value == Decimal("57.60") and sangong.citations[0].page == 20  # 346.30 − 288.70
    empty = six_qa.ask("上海市财政局2025年国有资本经营预算支出里扣除基本支出后还剩多少？", history={})
    assert empty.value == 0 and "无" in empty.text[:6]  # (the table is empty: nothing to take from)


def test_a_share_of_what_is_left_is_the_complement_over_the_same_whole(six_qa):
    rest = six_qa.ask("普陀区财政局2024年本年收入当中，财政拨款以外的收入占比是多少？", history={})
    assert rest.value == Decimal("0.21")  # (2946.25 − 2940.05) ÷ 2946.25, not the 财政拨款's 99.79
    pinglu = six_qa.ask("平鲁工信局2026年除了社会保障和就业支出以外，其余支出占支出总计的比重？", history={})
    assert pinglu.value == Decimal("70.70")


def test_a_count_and_a_ranking_without_the_part(six_qa):
    count = six_qa.ask("平鲁工信局2026年纳入绩效目标管理的二级项目，去掉特定目标类的还有几个？", history={})
    assert count.value == 13  # 16 − 3, both stated on page 19
    top = six_qa.ask("司法局2026年公用经费中，除了其他商品和服务支出之外，哪项最多？", history={})
    assert top.value == Decimal("495280.00") and "其他交通费用" in top.text
    second = six_qa.ask("万里街道2025年商品和服务支出里，办公费以外的哪一项金额最大？", history={})
    assert second.value == Decimal("1143816") and "物业管理费" in second.text


def test_rows_filtered_by_an_amount(six_qa):
    over = six_qa.ask("平鲁工信局2026年的项目，一百万以上的有几个？", history={})
    assert over.value == 3
    under = six_qa.ask("平鲁工信局2026年哪些项目不到五万块？一共几个？", history={})
    assert under.value == 4  # (the 5.00万 project is not under 5万)
    column = six_qa.ask("司法局2026年公用经费中低于1万元的经济科目有几个？", history={})
    assert column.value == 3 and "手续费" in column.text  # 760, 5000, 8265 元 in the 公用经费 column
    summed = six_qa.ask("上海市财政局2025年工资福利支出中100万元以上的明细合计是多少元？", history={})
    assert summed.value == Decimal("98753760")  # 98950260 − 80000 − 116500 left out
    two = six_qa.ask("司法局2026年司法这一款下面，超过两千万元的项加在一起是多少？", history={})
    assert two.value == Decimal("60158847.00")  # 21703947.00 + 38454900.00


def test_a_condition_that_cannot_be_applied_is_refused(six_qa):
    ans = six_qa.ask("平鲁工信局2026年超过1000万元的收入有几项？", history={})
    assert not ans.answerable or "超过1000万元" in ans.text


def test_a_fall_asked_without_a_unit_is_the_rate_and_a_gap_asked_in_wan_is_in_wan(six_qa):
    fall = six_qa.ask("万里街道2024年其他社会保障和就业支出比2023年执行数降了多少？", history={})
    assert fall.value == Decimal("44.60") and fall.unit == "%"
    gap = six_qa.ask("万里街道2025年财政拨款收入和2024年比增加了多少万元？", history={})
    assert gap.unit == "万元" and gap.value == Decimal("3355.6428")  # 189767551 − 156211123 元


def test_what_a_building_is_for(six_qa):
    ans = six_qa.ask("万里街道2025年预算里的社区公共服务中心新建工程，盖好以后做什么用？", history={})
    assert "社区事物受理" in ans.text and ans.citations[0].page == 31


def test_an_amount_per_person_divides_by_the_count_named_or_is_refused(six_qa):
    staff = six_qa.ask("平鲁工信局2026年人员经费按实际在职人数均摊，每个人合多少万元？", history={})
    assert staff.value == Decimal("9.70") and "32" in staff.calculation.expression  # 310.49 ÷ 32
    posts = six_qa.ask("平鲁工信局2026年的工资福利支出，按核定编制平均，一个编制合多少万元？", history={})
    assert posts.value == Decimal("12.75") and "20" in posts.calculation.expression  # 255.09 ÷ 20
    none = six_qa.ask("普陀区司法局2026年人均人员经费是多少？", history={})
    assert not none.answerable  # (no document gives 司法局's staff: never the whole 人员经费)
    everyone = six_qa.ask("平鲁工信局2026年实际在职的一共多少人（编内编外都算）？", history={})
    assert everyone.value == 32  # (not 12, the staff beyond the approved posts)


def test_an_amount_asked_of_something_the_text_says_there_is_none_of(six_qa):
    ans = six_qa.ask("平鲁区工信和科技局2026年政府购买服务预算是多少？", history={})
    assert ans.value == 0 and "无政府购买服务" in ans.text and ans.citations[0].page == 37


def test_a_part_left_out_of_a_ranking_whose_top_is_then_shared(six_qa, seed_qa):
    # the largest 项 under the 类 (not its 款), the 行政运行 left out, over the 类 itself: 305.00 ÷ 884.99
    top = seed_qa.ask("平鲁工信局2026年资源勘探工业信息等支出里，把行政运行除外，剩下最大的一项占这一类支出的百分之多少？",
                      history={})
    assert top.value == Decimal("34.46") and "其他工业和信息产业支出305.00 ÷ 资源勘探工业信息等支出884.99" in top.calculation.expression
    # '项目支出里' of a body with no project table: the 项 rows of the 项目支出 column (司法局 p12)
    first = six_qa.ask("司法局2026年项目支出里哪一项最大？", history={})
    assert first.value == Decimal("38454900.00") and "其他司法支出" in first.text
    second = six_qa.ask("司法局2026年项目支出里，除了其他司法支出，最大的一项占项目支出的比重是多少？", history={})
    assert second.value == Decimal("30.77") and "基层司法业务" in second.text and "不含“其他司法支出”" in second.text


def test_a_body_not_loaded_and_a_total_that_is_no_ranking_are_refused(six_qa):
    # 民政局 shares 政局 with 财政局 but is another body: never 上海市财政局's 346.30
    other = six_qa.ask("上海市普陀区民政局2025年三公经费预算是多少？", history={})
    assert other.value is None and "民政局" in other.text
    # only the twelve projects' total is printed (4222.51万元): no project is named the largest
    none = six_qa.ask("上海市财政局2025年编报绩效目标的12个项目里，金额最大的是哪个项目？", history={})
    assert none.value is None and "4222.51" in none.text and not none.answerable


def test_a_threshold_then_a_ranking(seed_qa):
    # the projects over 50万元 (p15: 300.00 … 52.00), the smallest of them, the condition said in the answer
    least = seed_qa.ask("平鲁工信局2026年的项目里，金额超过50万元的那些当中最小的是哪个项目？多少万元？", history={})
    assert least.value == Decimal("52.00") and "专精特新" in least.text and "超过50万元" in least.text
    small = seed_qa.ask("平鲁工信局2026年项目里，10万元以下的项目中最大的是哪个？", history={})
    assert small.value == Decimal("9.96") and "遗属（工科局）" in small.text


def test_rows_filtered_by_their_columns_then_ranked(six_qa):
    # '只有项目支出、没有基本支出的': rows with a 项目支出 cell and none in 基本支出, ranked by their total (p16)
    only = six_qa.ask("万里街道2025年社会保障和就业支出里，只有项目支出、没有基本支出的科目中最大的是哪个，多少元？", history={})
    assert only.value == 582800 and "就业补助" in only.text and only.citations[0].page == 16
