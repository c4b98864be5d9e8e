"""Questions dictated to a phone and drafts checked by an editor (holdout91, holdout92): numbers read aloud,
a draft's figure said right or wrong, a reason asked for a total that fell by half, a part's reason for its
total. Every value a real figure from the sample documents."""
from decimal import Decimal

from assistant.spoken import spoken_free


def test_numbers_read_aloud_are_written_in_digits_and_words_holding_numerals_are_left_alone():
    assert spoken_free("万里街道二零二四年预算科目二零八零七零五是多少钱") == "万里街道2024年预算科目2080705是多少钱"
    assert spoken_free("机关运行经费二五年比二四年多了多少万") == "机关运行经费25年比24年多了多少万"
    assert spoken_free("比二三年多了二十五万，一百二十万，三千零五元，两千元，十二个项目") == \
        "比23年多了25万元，120万元，3005元，2000元，12个项目"
    for kept in ("三公经费", "十三五规划", "万里街道", "第十一条", "一般公共预算", "一二三", "前三名", "三个股室", "九成",
                 "合多少千元", "多少百万元"):
        assert spoken_free(kept) == kept


def test_a_dictated_question_finds_the_row_its_code_names(seed_qa, six_qa):
    code = seed_qa.ask("平鲁工信局今年二一五零五零二那个科目安排了多少钱", history={})
    assert code.value == Decimal("208.89") and code.unit == "万元" and code.citations[0].page == 6
    row = six_qa.ask("万里街道二零二四年预算科目二零八零七零五是多少钱", history={})
    assert row.value == Decimal("4212300") and "2024" in row.text
    change = six_qa.ask("万里街道机关运行经费二五年比二四年多了多少万", history={})
    assert change.value == Decimal("21.46") and "464.64 − 2024年443.18" in change.text


def test_a_drafts_figure_is_said_right_or_wrong_and_the_documents_figure_given(seed_qa, six_qa):
    total = seed_qa.ask("记者写平鲁区工信和科技局2026年部门预算资金总额38071.58万元，这个数对不对？", history={})
    assert total.value == Decimal("1301.09") and total.text.startswith("说法中的 38071.58万元与文件不符")
    staff = seed_qa.ask("稿子里说该局在编人员32人，是这样吗？", history={})
    assert staff.value == Decimal("20") and "32人与文件不符" in staff.text
    more = seed_qa.ask("稿子写机关运行经费比2025年多了1.83万元，核一下。", history={})
    assert more.value == Decimal("1.38") and "1.83万元与文件不符" in more.text
    rate = six_qa.ask("记者写普陀区财政局2024年一般公共预算财政拨款支出比2023年降了3.1%，文件里是多少？", history={})
    assert rate.value == Decimal("2.10") and rate.unit == "%" and rate.citations[0].page == 21
    right = six_qa.ask("稿子里上海市财政局2025年机关运行经费写的是2517.78万元，对吗？", history={})
    assert right.value == Decimal("2517.78") and "与文件一致" in right.text
    rounded = six_qa.ask("有报道称万里街道2025年预算有1.9亿元。实际是多少？", history={})
    assert rounded.value is not None and "按所写的精度与文件相符" in rounded.text


def test_why_a_total_fell_by_half_is_the_totals_reason_not_another_items(seed_qa):
    for q in ("总预算比上年几乎腰斩，给出的原因是什么？", "今年预算总数比去年少了快一半，文件里是怎么解释的？",
              "今年预算为什么比上年少这么多？文件给的原因是什么？"):
        ans = seed_qa.ask(q, history={})
        assert "减少了对项目支出的预算安排" in ans.text and ans.citations[0].page == 17, q


def test_a_totals_rise_is_explained_by_the_part_that_rose(six_qa):
    ans = six_qa.ask("万里街道二零二四年三公经费比二三年多了二十五万是因为啥", history={})
    assert "购置公务用车" in ans.text and ans.citations[0].page == 32


def test_the_documents_part_title_ends_the_list_of_units_before_it(six_qa):
    # p8 of the 司法局 document opens '2026年部门预算编制说明' after p7's list of units (2.普陀区法律援助中心):
    # the department's total is never one unit's budget
    unit = six_qa.ask("普陀区司法局下属的法律援助中心，2026年单独的预算是多少？", history={})
    assert not unit.answerable and unit.value is None
    whole = six_qa.ask("司法局2026年收入预算比上年增加多少", history={})
    assert whole.value == Decimal("793.14") and whole.citations[0].page == 8 and "法律援助中心" not in whole.text


def test_a_restated_whole_and_spoken_words_around_a_share(seed_qa, six_qa):
    share = seed_qa.ask("基本支出329.65万里头，人员经费占几成？给个百分比，保留两位小数。", history={})
    assert share.value == Decimal("94.19") and share.unit == "%"
    three = six_qa.ask("万里街道2024年三公经费里，公务用车购置及运行费占三公总额的比例是多少？", history={})
    assert three.value == Decimal("97.18")
    offices = seed_qa.ask("工信和科技局下面一共设了几个股室", history={})
    assert offices.value == Decimal("5")
    derived = seed_qa.ask("工信局去年也就是二零二五年的预算总数是多少能推出来吗", history={})
    assert derived.value == Decimal("2491.53") and "1301.09" in derived.text
