"""assistant.engine on the question forms met in the blind holdout sets 8–17: why/where/what-for,
figures with their reasons, checks of a sum against a total, shortened body names, rates from a stated
amount, top-N shares; every value a real figure from the real documents."""
from decimal import Decimal


def test_a_why_question_gets_the_stated_reason_and_never_a_number(seed_qa, mixed_qa):
    why = seed_qa.ask("机关运行经费今年为什么增加了？", history={})
    assert why.answerable and why.value is None and "城镇集体工业联合社" in why.text
    assert why.citations[0].page == 18 and "原因是" in why.citations[0].quote
    none = seed_qa.ask("一般公共预算支出为什么减少了", history={})
    assert not none.answerable and none.value is None and "原因" in none.text
    # two years named: the later year's document explains the change; the reason after 主要原因是
    car = mixed_qa.ask("万里街道2025年公车购置费为什么比2024年少了10万？", history={})
    assert car.value is None and "车辆类型" in car.text and car.citations[0].page == 30
    item = mixed_qa.ask("万里街道2024年专项普查活动为什么减少", history={})
    assert "项目调整" in item.text and "专项普查活动" in item.citations[0].quote


def test_rows_one_name_holds_told_apart_by_listed_qualifiers(seed_qa):
    heat = seed_qa.ask("两个退休人员取暖补贴项目（人社局移交工科局的、移交平安物资贸易有限公司的）加起来一共多少钱？", history={})
    assert heat.value == Decimal("220.36") and "210.28" in heat.calculation.expression and "10.08" in heat.calculation.expression
    vets = seed_qa.ask("退役军人那两个项目——工科局的和平安物资贸易有限公司的——合计安排了多少？", history={})
    assert vets.value == Decimal("155.37") and vets.calculation.expression.count("+") == 1
    for q in ("遗属相关的几个项目合计安排了多少？", "三个遗属项目合计安排了多少钱？"):
        ans = seed_qa.ask(q, history={})
        assert ans.value == Decimal("24.73") and ans.unit == "万元", q


def test_gaps_worded_as_what_is_left_and_a_preamble_that_mentions_an_audit(seed_qa, caizheng_qa):
    for q in ("基本支出里的人头经费，扣掉工资福利支出以后还剩多少？",
              "财政局审核：工信和科技局基本支出里，“人员经费”和“工资福利支出”两个口径差了多少万元？"):
        ans = seed_qa.ask(q, history={})
        assert ans.value == Decimal("55.40") and ans.calculation.expression.startswith("人员经费310.49 − 工资福利支出255.09"), q
    coded = seed_qa.ask("审核时看到科目“215 05 01”，想确认一下：平鲁区工信和科技局2026年这个行政运行科目安排了多少钱？", history={})
    assert coded.value == Decimal("82.91") and coded.kind != "audit"
    gap = caizheng_qa.ask("审核口径问题：上海市财政局2025年一般公共预算基本支出里，人员经费比工资福利支出多出多少元？", history={})
    assert gap.value == Decimal("3514000.00") and gap.calculation.expression.startswith("人员经费102464260.00 − 工资福利支出")
    still = caizheng_qa.ask("帮我核查一下上海市财政局2025年的表有没有对不上的地方", history={})
    assert still.kind == "audit"


def test_framing_before_a_dash_a_pronoun_body_and_a_pointing_word(seed_qa):
    share = seed_qa.ask("我在写稿，想说平鲁工信和科技局2026年的钱大头都花在项目上——项目支出占全部支出预算百分之多少？", history={})
    assert share.value == Decimal("74.66") and "1301.09" in share.calculation.expression  # (not the 整体绩效 form's 38071.58)
    trips = seed_qa.ask("他们局一年的差旅费预算有多少？我记得公用经费明细里有", history={})
    assert trips.value == Decimal("0.50") and trips.citations[0].page == 10
    before = seed_qa.ask("机关运行经费今年比去年多了一点，那2025年预算时这笔钱是多少？", history={})
    assert before.value == Decimal("17.78") and "19.16 − 变动1.38" in before.calculation.expression


def test_scope_clauses_abbreviations_codes_and_one_row_tables(mixed_qa):
    ask = lambda q: mixed_qa.ask(q, history={})  # noqa: E731
    city = ask("普陀区万里街道2025年部门预算里，2120104城管执法一共安排多少钱？")
    assert city.value == Decimal("6522681") and city.calculation is None  # (never 合计 + 城管执法)
    assert ask("万里街道办事处2024年预算里物业费安排了多少").value == Decimal("1090020")  # 物业管理费, p30
    for q in ("普陀区司法局2026年“司法”款下面哪个项目的钱最多？多少？", "普陀区司法局2026年司法这块（20406）下面，哪一项预算最多？"):
        top = ask(q)
        assert top.value == Decimal("38454900.00") and top.citations[0].row_label == "其他司法支出", q
    car = ask("普陀区司法局2026年三公经费里，公车运维费占了百分之几？")
    assert car.value == Decimal("92.32") and "9.98 ÷ 合计10.81" in car.calculation.expression
    pension = ask("万里街道2024年基本支出里，基本养老保险缴费和职业年金缴费加起来多少元？")
    assert pension.value == Decimal("6911330.00") and pension.citations[0].page == 29
    before = ask("万里街道2024年部门预算说比2023年减少876.75万元，那2023年预算是多少万元？")
    assert before.value == Decimal("16497.86") and "15621.11 + 变动876.75" in before.calculation.expression
    said = ask("人大代表想知道：万里街道办事处2023年的财政拨款预算总额是多少万元？（根据2024年预算说明推算）")
    assert said.value == Decimal("16497.86")


def test_a_word_only_one_document_prints_selects_it_and_a_shared_one_asks_which(mixed_qa):
    kin = mixed_qa.ask("三个遗属项目合计安排了多少钱？", history={})
    assert kin.value == Decimal("24.73") and kin.citations[0].source == "pinglu-gongxin-keji-2026-budget.txt"
    both = mixed_qa.ask("城管执法预算有多少？", history={})
    assert not both.answerable and "万里街道办事处2024" in both.text and "万里街道办事处2025" in both.text


def test_a_share_of_basic_spending_worded_zhanbi(caizheng_qa):
    for q in ("普陀区财政局2024年基本支出中，人员经费占比多少？", "普陀区财政局2024年人员经费占比多少？"):
        ans = caizheng_qa.ask(q, history={})
        assert ans.value == Decimal("92.10") and ans.calculation.expression == "人员经费2152.26 ÷ 基本支出2336.91 × 100% = 92.10%", q


def test_a_shortened_body_name_selects_and_leaves_the_question(seed_qa):
    total = seed_qa.ask("平鲁工科局26年总共多少钱？", history={})
    assert total.value == Decimal("1301.09")  # (not the 机关运行经费 row printed under the body's name)
    up = seed_qa.ask("平鲁工信局机关日常运转的经费2026年比2025年涨了百分之几？", history={})
    assert up.value == Decimal("7.76") and up.citations[0].page == 18
    none = seed_qa.ask("工科局2026年财政拨款安排的公务接待费是多少？", history={})
    assert none.value == 0 and none.citations[0].page == 13
    # a bare short name that qualifies a project stays in the question
    kin = seed_qa.ask("工科局那个退休人员基础绩效奖项目覆盖多少退休人员？", history={})
    assert kin.value == Decimal("440")


def test_hearsay_guesses_and_a_frame_that_carries_the_subject(seed_qa):
    award = seed_qa.ask("我记得平鲁工信局今年有一笔“小升规”的奖励，到底是多少万？", history={})
    assert award.value == Decimal("108")
    drop = seed_qa.ask("听说平鲁区工信和科技局前一年的预算有两千多万，2026年比上年少了多少钱？", history={})
    assert drop.value == Decimal("1190.44") and drop.citations[0].page == 17


def test_subject_codes_with_dashes_a_column_asked_and_counts_in_a_column(seed_qa):
    ans = seed_qa.ask("平鲁区工信和科技局2026年预算里 215-05-01 行政运行（项），基本支出那一列安排了多少万元？", history={})
    assert ans.value == Decimal("82.91") and ans.citations[0].column.endswith("基本支出")
    n = seed_qa.ask("工信和科技局2026支出总表里，项目支出列有数的项级科目（7位编码）有几个？", history={})
    assert n.value == Decimal("4") and n.citations[0].page == 6


def test_words_spread_over_a_label_the_largest_part_of_a_short_named_parent_and_a_gap_explained(seed_qa):
    heat = seed_qa.ask("平鲁区工信和科技局给退休人员发取暖补贴，两笔加起来一共安排了多少？", history={})
    assert heat.value == Decimal("220.36") and len(heat.calculation.inputs) == 2
    top = seed_qa.ask("平鲁工信局发给在职职工的工资福利里，哪一项最大？", history={})
    assert top.value == Decimal("112.53") and top.citations[0].row_label == "基本工资"
    gap = seed_qa.ask("平鲁工信局2026年的人员经费比工资福利支出多出来多少？多出来的是什么钱？", history={})
    assert gap.value == Decimal("55.40") and "对个人和家庭的补助55.40万元，其中退休费55.40万元" in gap.text
    assert any(c.role == "构成" and c.row_label == "退休费" for c in gap.citations)
    why = seed_qa.ask("平鲁区工信和科技局2026年的预算为什么比上一年降了将近一半？", history={})
    assert "项目支出" in why.text and why.citations[0].page == 17


def test_final_accounts_reasons_purposes_and_an_uncoded_two_sided_table(caizheng_qa):
    ask = lambda q: caizheng_qa.ask(q, history={})  # noqa: E731
    why = ask("普陀区财政局2024年信息化建设为什么没把年初预算花完？")
    assert "产业政策扶持资金管理系统" in why.text and why.citations[0].page == 22 and "信息化建设" in why.citations[0].quote
    cut = ask("上海市财政局2025年财政拨款比上年少，编制说明给的主要原因是什么？")
    assert "注册会计师考试" in cut.text and cut.citations[0].page == 6
    paid = ask("普陀区财政局2024年委托中介机构做审计、绩效评价的钱，最后实际花了多少？")
    assert paid.value == Decimal("449.52") and "财政委托业务支出" in paid.text
    row = ask("普陀区财政局2024年决算中财政委托业务支出（项）的一般公共预算财政拨款支出是多少？")
    assert row.value == Decimal("449.52") and row.citations[0].page == 15  # (not the 收入决算表's 财政拨款收入)
    top = ask("普陀区财政局2024年度决算基本支出里，商品和服务支出明细哪一项最多？多少万元？")
    assert top.value == Decimal("48.49") and top.citations[0].row_label == "其他交通费用"
    pair = ask("普陀区财政局2024年决算，机关事业单位基本养老保险缴费支出和职业年金缴费支出两个项级科目加起来是多少万元？")
    assert pair.value == Decimal("241.13")
    coded = ask("上海市财政局2025年 2080505 基本养老保险缴费支出 + 2080506 职业年金缴费支出合计多少元？")
    assert coded.value == Decimal("12200000.00") and coded.citations[0].page == 10
    guest = ask("普陀区财政局2024年招待客人实际花了多少钱？")
    assert guest.value == 0


def test_places_counts_under_a_parent_and_two_bodies_named_their_own_way(mixed_qa):
    ask = lambda q: mixed_qa.ask(q, history={})  # noqa: E731
    place = ask("万里街道2024年预算里提到的那个社区公共服务中心新建工程，建在哪儿？")
    assert place.text.startswith("普陀区真金路与交通路路口") and place.citations[0].page == 33
    n = ask("万里街道办事处2024年基本支出的商品和服务支出明细里，单项超过50万元的款级科目有几个？")
    assert n.value == Decimal("7")
    back = ask("根据万里街道2025年编制说明给出的增加额，倒推2024年财政拨款收入预算是多少万元？")
    assert back.value == Decimal("15621.11") and "18976.76 − 变动3355.65" in back.calculation.expression
    sure = ask("万里街道2024年预算好像是一亿五千多万，比2023年少了多少？")
    assert sure.value == Decimal("876.75")
    sangong = ask("万里街道2025年“三公”经费为什么比2024年预算少了？")
    assert "车辆类型" in sangong.text  # (the item that fell, not 因公出国（境）费 that stayed level)
    wages = ask("普陀区司法局2026年工资福利支出里基本工资和津贴补贴两项合计多少元？")
    assert wages.value == Decimal("15864322.00") and len(wages.calculation.inputs) == 2
    whole = ask("普陀区司法局26年总共多少钱？说万元就行。")
    assert whole.unit == "万元" and whole.value.quantize(Decimal("0.01")) == Decimal("9628.22")


def test_a_ratio_of_two_bodies_each_named_by_its_own_figure(tmp_path):
    from assistant import BudgetAssistant, Settings
    from conftest import SAMPLE
    qa = BudgetAssistant(store=tmp_path / "two", settings=Settings.from_env(embed_on_ingest=False))
    qa.ingest(SAMPLE / "上海市普陀区财政局2024年度部门决算.pdf")
    qa.ingest(SAMPLE / "上海市普陀区万里街道办事处2024年度部门预算.pdf")
    ans = qa.ask("万里街道办事处2024年的部门预算总额，是普陀区财政局2024年一般公共预算财政拨款支出决算数的几倍？", history={})
    assert ans.value == Decimal("5.31") and ans.unit == "倍"
    assert "15621.11 ÷ 上海市普陀区财政局2024年决算2940.05（均折合为万元）" in ans.calculation.expression


def test_a_figure_asked_with_its_reason_gets_both(seed_qa, mixed_qa):
    up = seed_qa.ask("平鲁工信局的机关运行经费比去年多了多少？为啥涨？", history={})
    assert up.value == Decimal("1.38") and "城镇集体工业联合社" in up.text
    assert any(c.role == "原因" and c.page == 18 for c in up.citations)
    drop = seed_qa.ask("平鲁工信局2026年部门预算总盘子比上年少了多少？主要是什么原因？", history={})
    assert drop.value == Decimal("1190.44") and "项目支出" in drop.text.split("原因：")[1]
    car = mixed_qa.ask("万里街道2025年买公车的钱比2024年少了多少？怎么解释的？", history={})
    assert car.value == Decimal("10.00") and "车辆类型" in car.text


def test_what_a_project_is_for_who_does_it_and_why_it_was_set_up(seed_qa, mixed_qa, caizheng_qa):
    why = seed_qa.ask("平鲁工信局给城联社安排5万块工作经费，理由是什么？", history={})
    assert "新招录事业人员7人" in why.text and why.citations[0].page == 24
    who = mixed_qa.ask("普陀区司法局人民调解项目是向哪个机构购买服务的？", history={})
    assert "区人民调解协会" in who.text and who.citations[0].page == 23
    use = caizheng_qa.ask("区财政局2024年决算里那笔财政委托业务支出是干什么用的？", history={})
    assert "委托中介机构开展各类审计及绩效评价工作" in use.text and use.value is None
    road = mixed_qa.ask("万里街道2024年预算说明的社区公共服务中心新建工程，建在哪两条路的路口？", history={})
    assert "真金路与交通路" in road.text


def test_a_sum_checked_against_its_total_averages_worded_loosely_and_which_column(seed_qa, caizheng_qa):
    gap = seed_qa.ask("核对一下：工信和科技局2026年基本支出加项目支出，是否等于支出合计1301.09万元？差多少？", history={})
    assert gap.value == Decimal("0.01") and "不相等" in gap.text and "329.65 + 项目支出971.43 = 1301.08" in gap.calculation.expression
    total = caizheng_qa.ask("核对普陀区财政局2024年决算：本年收入合计加上年初结转和结余，是否等于总计？总计是多少？", history={})
    assert total.value == Decimal("2995.39") and "相等" in total.text
    each = seed_qa.ask("“退休人员取暖补贴（人社局移交工科局）”项目按绩效目标表里的发放人数平均，每人大约多少元？", history={})
    assert each.value == Decimal("4779.09") and each.unit == "元"
    which = caizheng_qa.ask("上海市财政局2025年预算中死亡抚恤安排了多少元？属于基本支出还是项目支出？", history={})
    assert which.value == Decimal("1200000") and "属于项目支出" in which.text
    people = seed_qa.ask("工科局自己那笔退役军人经费，保障的是几个人？", history={})
    assert people.value == Decimal("7") and people.unit == "人" and people.citations[0].page == 30


def test_rates_from_a_stated_amount_top_n_shares_and_analyst_wording(seed_qa, caizheng_qa, mixed_qa):
    rate = caizheng_qa.ask("上海市财政局2025年财政拨款收入预算较2024年预算的降幅是多少？", history={})
    assert rate.value == Decimal("5.44") and "上年 = 本年17192.00 + 变动990.00 = 18182.00万元" in rate.calculation.expression
    top = caizheng_qa.ask("上海市财政局2025年预算中，前两大功能分类支出合计占支出总额的比重是多少？", history={})
    assert top.value == Decimal("87.07") and "一般公共服务支出" in top.text and "住房保障支出" in top.text
    two = seed_qa.ask("平鲁区工信和科技局2026年支出按功能分类，前两大类支出合计占支出总额的比重是多少？", history={})
    assert two.value == Decimal("97.32")
    up = mixed_qa.ask("上海市普陀区万里街道办事处2025年财政拨款收入预算较2024年预算的增长率是多少？", history={})
    assert up.value == Decimal("21.48")
    back = seed_qa.ask("根据平鲁区工信和科技局2026年机关运行经费的增减说明，可推算其2025年机关运行经费预算为多少？", history={})
    assert back.value == Decimal("17.78")
    wages = seed_qa.ask("平鲁区工信和科技局2026年基本支出的人员经费中，金额最大的明细经济科目是哪一项？", history={})
    assert wages.value == Decimal("112.53") and wages.citations[0].row_label == "基本工资"
    firms = seed_qa.ask("平鲁区工信和科技局2026年“小升规”奖励资金项目设定的奖励升规企业数量指标是多少？", history={})
    assert firms.value == Decimal("3") and firms.unit == "家" and firms.citations[0].page == 21
    happy = seed_qa.ask("平鲁工信局“小升规”奖励的满意度指标定的多少？", history={})
    assert happy.value == Decimal("95.00") and happy.citations[0].page == 21  # (not the 专精特新 form's 90)
    staff = seed_qa.ask("平鲁区工信和科技局部门整体支出绩效目标申报表中填报的实际在职人员总数是多少？", history={})
    assert staff.value == Decimal("32") and staff.unit == "人"
    heat = seed_qa.ask("平鲁区工信和科技局2026年两个“退休人员取暖补贴”项目（人社局移交工科局、人社局移交平安物资贸易有限公司）合计安排多少？", history={})
    assert heat.value == Decimal("220.36")
    drop = seed_qa.ask("平鲁区工信和科技局2026年总预算跟去年比少了多少", history={})
    assert drop.value == Decimal("1190.44")
    payroll = seed_qa.ask("工信和科技局今年人员经费一共多少（含退休费那些）", history={})
    assert payroll.value == Decimal("310.49")


def test_items_of_a_final_account_and_fees_named_together(caizheng_qa, mixed_qa):
    item = caizheng_qa.ask("普陀区财政局2024年财政事务行政运行的财政拨款支出，决算比年初预算少了多少？", history={})
    assert item.value == Decimal("48.16") and item.citations[0].page == 22
    fees = caizheng_qa.ask("上海市财政局2025年水费电费加一起预算多少", history={})
    assert fees.value == Decimal("1200000.00")
    both = caizheng_qa.ask("市财政局2025年预算比2024年少了多少？说的原因是什么？", history={})
    assert both.value == Decimal("990") and "注册会计师考试" in both.text
    top = mixed_qa.ask("上海市普陀区司法局2026年司法（款）下各项支出中，预算最高的是哪一项？", history={})
    assert top.value == Decimal("38454900.00")
    used = mixed_qa.ask("上海市普陀区司法局2026年基层司法业务经费主要用于哪些工作？", history={})
    assert "人民调解" in used.text and "社区矫正" in used.text
