"""Figures the asker quotes and checks asked after a figure (holdout101–106): a quoted figure picks the cell
that prints it, a sum asked and then checked against another figure, English words in a Chinese question,
the rank inside 公用经费, a ranking's top rows summed, how to apply refused. Every value a real figure from
the sample documents."""
from decimal import Decimal

from assistant.phrasing import english_free


def test_quoted_figures_pick_the_cells_of_a_share_and_of_a_check(seed_qa, six_qa):
    car = six_qa.ask("万里街道2025年三公37.91万，公务用车购置及运行费36.56万，车的钱占三公多少比例？", history={})
    assert car.value == Decimal("96.44") and car.unit == "%" and car.citations[0].page == 29
    assert "36.56 ÷" in car.calculation.expression  # (not the 运行费 21.56 that '车的钱' alone finds)
    # the three quoted figures are those of the 一般公共预算 table the question names (p9), not the form's 37741.93
    check = seed_qa.ask("一般公共预算支出表合计行，基本支出329.65加项目支出971.43，跟合计1301.09对得上吗？差多少？", history={})
    assert check.value == Decimal("0.01") and {c.page for c in check.citations[:3]} == {9}
    assert "329.65 + 项目支出971.43 = 1301.08" in check.calculation.expression


def test_a_figure_asked_then_checked_against_another(seed_qa, six_qa):
    summed = seed_qa.ask("2150501行政运行加2150550事业运行是多少？跟21505款的基本支出对得上吗？", history={})
    assert summed.value == Decimal("211.10") and "82.91 + 事业运行128.19" in summed.text and "对得上" in summed.text
    quoted = six_qa.ask("区司法局2026年经济分类表的公用经费合计是多少元？跟机关运行经费217.83万对得上吗？", history={})
    assert quoted.value == Decimal("2178324.44") and quoted.citations[0].page == 20 and "按所写的精度对得上" in quoted.text


def test_english_words_in_a_chinese_question():
    assert english_free("出国费占几个percent？") == "出国费占百分之几？"
    assert "增长" in english_free("信息化建设比2025年执行数increase了百分之多少") 
    assert english_free("水费加电费total多少？") == "水费加电费一共多少？"
    assert "加起来" in english_free("基本养老保险缴费和职业年金缴费add up是多少元")


def test_english_worded_questions_get_the_figures(six_qa):
    share = six_qa.ask("上海市财政局2025年三公经费里面，出国费占几个percent？", history={})
    assert share.value == Decimal("83.37") and share.citations[0].page == 20
    fees = six_qa.ask("上海市财政局2025年水费加电费total多少？", history={})
    assert fees.value == Decimal("1200000.00") and fees.citations[0].page == 18


def test_ranks_inside_public_funds_and_a_rankings_top_rows_summed(seed_qa, six_qa):
    second = six_qa.ask("万里街道2025年公用经费里排第二的是什么费用？", history={})
    assert second.value == Decimal("1143816") and "物业管理费" in second.text and second.citations[0].page == 28
    daily = six_qa.ask("万里街道2025年日常运转开销里，哪一项最费钱？多少？", history={})
    assert daily.value == Decimal("4333478") and "办公费" in daily.text
    two = seed_qa.ask("按支出功能大类排，前两名加起来多少万元？", history={})
    assert two.value == Decimal("1266.20") and "资源勘探工业信息等支出" in two.text
    top3 = seed_qa.ask("项目支出里金额排前三的项目，合计占项目支出总额的比例是多少？", history={})
    assert top3.value == Decimal("63.65")


def test_rows_sharing_a_name_are_summed_and_units_below_the_body_counted(seed_qa, six_qa):
    heat = seed_qa.ask("退休人员取暖补贴有两笔，合起来多少钱？", history={})
    assert heat.value == Decimal("220.36") and heat.citations[0].page == 15
    kin = seed_qa.ask("遗属补助那三项加一起一共多少？", history={})
    assert kin.value == Decimal("24.73") and len(kin.citations) >= 3
    under = six_qa.ask("万里街道2025年部门预算包括下属几家预算单位？", history={})
    assert under.value == Decimal("5") and "除本部" in under.text and under.citations[0].page == 4


def test_carried_over_money_is_zero_and_how_to_apply_is_refused(seed_qa):
    carried = seed_qa.ask("有没有去年没花完、结转到今年接着用的项目钱？", history={})
    assert carried.value == Decimal("0") and carried.citations[0].page in (16, 17)
    assert "不含上年结转" not in seed_qa.ask("上年结转有多少", history={}).citations[0].table_title
    apply = seed_qa.ask("小升规奖励我们厂想申请，要准备哪些材料、找谁报？", history={})
    assert not apply.answerable and "申请办法" in apply.text
    other = seed_qa.ask("拿平鲁工信局跟上海普陀区司法局比，哪个总开支大？", history={})
    assert not other.answerable and other.value is None


def test_a_hunch_before_a_bare_question_lends_it_its_subject(seed_qa, six_qa):
    yi = six_qa.ask("普陀区司法局2026年的预算差不多有一个亿了吧？合多少亿？", history={})
    assert yi.unit == "亿元" and round(yi.value, 2) == Decimal("0.96") and yi.citations[0].page == 10
    last = seed_qa.ask("今年比去年少了1190.44万，那去年工科局预算总额是多少？", history={})
    assert last.value == Decimal("2491.53")
    staff = seed_qa.ask("局里实际在职的有多少人？", history={})
    assert staff.value == Decimal("32")
    others = seed_qa.ask("除了在编人员，局里其他人员有多少人？", history={})
    assert others.value == Decimal("12") and others.citations[0].page == 20
    area = seed_qa.ask("局里办公房子多大面积", history={})
    assert area.value == Decimal("470") and area.unit == "平方米"


def test_precision_to_the_fen_reads_the_performance_forms_yuan(seed_qa):
    two = seed_qa.ask("退役军人那两个项目（工科局的和平安物资贸易公司的）合计多少元？精确到分", history={})
    assert two.value == Decimal("1553703.60") and {c.page for c in two.citations[:2]} == {30, 31}
    assert "576374.64 + " in two.calculation.expression
    quoted = seed_qa.ask("平安物资贸易公司那批退役军人的工资福利，表上写97.73万，精确到元是多少？", history={})
    assert quoted.value == Decimal("977328.96") and quoted.citations[0].page == 31
    coarse = seed_qa.ask("行政运行精确到元是多少", history={})  # (no finer figure printed: said so)
    assert coarse.value == Decimal("829100") and "没有给出精确到元" in coarse.text


def test_bodies_compared_by_their_whole_budget_and_money_the_treasury_gave(seed_qa, six_qa):
    times = six_qa.ask("上海市财政局2025年的总预算是普陀司法局2026年的几倍？", history={})
    assert round(times.value, 2) == Decimal("1.79")
    given = seed_qa.ask("晋坤双碳那个产业研究院，今年财政给了多少建设资金？", history={})
    assert given.value == Decimal("300.00") and given.citations[0].page == 15
