"""assistant.engine on how a question is written rather than what it asks: traditional characters, a
slip of the pinyin keyboard, a document number inside a project's name, a frame before the question,
fee names run together (holdout33, 34, 35): every value a real figure from the six sample documents."""
from decimal import Decimal


def test_traditional_characters_read_as_the_documents_simplified_ones(six_qa):
    ans = six_qa.ask("萬里街道2025年的機關運行經費是多少萬元？", history={})
    assert ans.value == Decimal("464.64") and ans.citations[0].page == 29
    share = six_qa.ask("普陀區司法局2026年項目支出佔總支出的百分比是多少？", history={})
    assert share.value == Decimal("73.26")
    plain = six_qa.ask("普陀区司法局2026年项目支出占总支出的百分比是多少？", history={})
    assert plain.value == share.value and plain.text == share.text


def test_a_keyboard_slip_is_read_as_the_printed_word_and_said_so(six_qa):
    ans = six_qa.ask("司法局2026和上海市财政局2025三工经费谁高 高多少", history={})
    assert ans.value is not None and abs(ans.value) == Decimal("335.49") and "“三工经费”按“三公经费”理解" in ans.text
    three = six_qa.ask("司法局2026基层司法业务 普法宣船 公共法律服务三项合计", history={})
    assert three.value == Decimal("29806847.00") and "普法宣传" in three.text
    none = six_qa.ask("万里街道2025年局长的手机号多少", history={})
    assert not none.answerable


def test_a_count_of_items_to_add_is_never_one_cell(six_qa):
    # (the guard alone: with no slip to read, a three-item sum that finds one row is refused)
    ans = six_qa.ask("司法局2026年基层司法业务 普法XX 公共法律服务三项合计", history={})
    assert ans.value is None or ans.calculation is not None


def test_a_document_number_is_no_year_and_a_frame_is_no_row(six_qa):
    target = six_qa.ask("平鲁工信局2026年“专精特新”奖励资金（朔财建[2025]100号）的企业营收目标值是多少万元？", history={})
    assert target.value == Decimal("1000") and target.citations[0].page == 22 and "≥1000万元”" in target.text
    framed = six_qa.ask("从成本控制角度看，平鲁工信局2026年一般公共预算基本支出中公用经费占基本支出的比重是多少？", history={})
    assert framed.value == Decimal("5.81") and "角度" not in framed.text


def test_fee_names_run_together_and_shortened(six_qa):
    fees = six_qa.ask("上海市财政局2025年水费电费物业费加一起多少", history={})
    assert fees.value == Decimal("10465733.00") and fees.citations[0].page == 18
    pct = six_qa.ask("万里街道2025年机关运行经费预算较2024年增长了多少（百分比）？", history={})
    assert pct.value == Decimal("4.84") and pct.unit == "%"


def test_names_of_firms_asked_after_their_count_are_refused(six_qa):
    names = six_qa.ask("平鲁工信局2026年“小升规”奖励资金拟奖励的3家升规企业分别是哪几家？", history={})
    assert not names.answerable and names.value is None
    count = six_qa.ask("平鲁工信局2026年小升规奖励的企业有几家", history={})
    assert count.value == 3 and count.citations[0].page == 21


def test_a_space_before_the_asking_clause_parts_it_like_a_comma(six_qa):
    last = six_qa.ask("平鲁工信局2026预算说比上年减少了 那上年预算总共多少", history={})
    assert last.value == Decimal("2491.53")  # 1301.09 + 1190.44, both cited on p17
    drop = six_qa.ask("平魯工信局2026年的預算總額跟去年比，下降了百分之幾？", history={})
    assert drop.value == Decimal("47.78") and drop.unit == "%"


def test_regional_question_words_an_opinion_a_pointing_amount_and_an_as_of_date(six_qa):
    # 甚麼 and 透過 (Taiwan/Hong Kong) are 什么 and 通过: the reason and the way are asked, not a figure
    why = six_qa.ask("萬里街道2025年的公務用車購置費為甚麼比2024年少了？", history={})
    assert why.value is None and "类型不同" in why.text and why.citations[0].page == 30
    how = six_qa.ask("普陀區司法局2026年的人民調解項目，經費是透過甚麼方式來保障的？", history={})
    assert "购买服务" in how.text and how.citations[0].page == 23
    # an opinion asked as yes or no after the figure ('是不是砍得太狠了？') is not asked
    cut = six_qa.ask("平鲁工信局2026年的预算总额比上年少了多少钱？是不是砍得太狠了？", history={})
    assert cut.value == Decimal("1190.44") and cut.citations[0].page == 17
    # '那300万' points at the project named before it; its target is asked
    target = six_qa.ask("平鲁工信局2026年给晋坤双碳产业研究院那300万，满意度目标定的是多少？", history={})
    assert target.value == Decimal("96") and target.unit == "%" and target.citations[0].page == 35
    # an as-of date is no document's year, but it tells which of 万里街道's two budgets counted then
    cars = six_qa.ask("截至2024年8月底，万里街道一共有几辆车？", history={})
    assert cars.value == 8 and "2025" in cars.citations[0].source and cars.citations[0].page == 30
    before = six_qa.ask("截至2023年8月底，万里街道一共有几辆车？", history={})
    assert before.value == 7 and "2024" in before.citations[0].source and before.citations[0].page == 32


def test_dialect_words_read_as_the_standard_ones(six_qa):
    # Shanghainese 几钿/伐/跌脱/里向, Cantonese 幾多/巴仙/加埋/佢哋/架, Sichuanese 好多钱: the words, not the figures
    total = six_qa.ask("平鲁工信局2026年预算总数比上年跌脱多少，百分之几啊？", history={})
    assert total.value == Decimal("47.78") and total.unit == "%" and total.citations[0].page == 17
    rooms = six_qa.ask("平鲁工信局2026年预算公开里讲，局机关里向一共有几个股室啊？", history={})
    assert rooms.value == 5 and rooms.citations[0].page == 1
    share = six_qa.ask("普陀區司法局2026年項目支出佔總支出幾多巴仙？", history={})
    assert share.value == Decimal("73.26") and share.unit == "%"
    water = six_qa.ask("萬里街道2024年水費同電費加埋預算幾多？", history={})
    assert water.value == Decimal("557500.00") and water.calculation.expression.count("+") == 1
    cars = six_qa.ask("普陀區司法局2026年預算講佢哋而家有幾多架車？", history={})
    assert cars.value == 3 and cars.citations[0].page == 22
    heirs = six_qa.ask("平鲁工信局2026年那几个遗属项目加起来一共好多钱？", history={})
    assert heirs.value == Decimal("24.73") and heirs.calculation.expression.count("+") == 2
    fee = six_qa.ask("上海市财政局2025年公务接待费预算几钿？", history={})
    assert fee.value == Decimal("25.40") and fee.unit == "万元" and fee.citations[0].page == 20
