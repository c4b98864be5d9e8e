"""Written questions (holdout107–110): background before the question, the asker's own body beside the one
asked, a form's 立项依据 asked as 'which document', a reason asked as 理由, a 决算完成率 of one row, who got
the money refused. Every value a real figure from the sample documents."""
from decimal import Decimal

from assistant.preamble import preamble_free


def test_background_before_a_question_goes_and_its_body_and_year_stay():
    assert preamble_free("据了解今年项目支出压缩得比较厉害，那项目支出占全部支出的比重现在还有多少？") == "项目支出占全部支出的比重现在还有多少？"
    assert preamble_free("人员经费一直是委员们关注的重点。工信和科技局2026年基本支出中，人员经费是多少？") == \
        "工信和科技局2026年基本支出中，人员经费是多少？"
    assert preamble_free("老师让我查万里街道2025年的数：三公经费是多少？") == "万里街道2025年三公经费是多少？"
    for kept in ("记者写平鲁区工信和科技局2026年部门预算资金总额38071.58万元。这个数对不对？",  # (a claim to check)
                 "今年项目支出971.43万元。占总支出多少？",  # (the question leans on the sentence before it)
                 "据了解今年项目支出是971万，占比多少？"):
        assert preamble_free(kept) == kept


def test_written_questions_get_their_figures(seed_qa):
    staff = seed_qa.ask("人员经费一直是委员们关注的重点。工信和科技局2026年一般公共预算安排的基本支出中，人员经费是多少？", history={})
    assert staff.value == Decimal("310.49") and staff.citations[0].page == 10
    share = seed_qa.ask("想了解一下“养人”的钱占几成：工信和科技局2026年基本支出里，人员经费占多大比例？", history={})
    assert share.value == Decimal("94.19")
    form = seed_qa.ask("我注意到部门整体支出绩效目标申报表里填的年度预算合计，跟预算收支总表的1301.09万元对不上。申报表上写的合计到底是多少？",
                       history={})
    assert form.value == Decimal("38071.58") and form.citations[0].page == 20
    code = seed_qa.ask("资源勘探工业信息等支出在该局2026年支出总额中的结构占比是多少（保留两位小数）？", history={})
    assert code.value == Decimal("68.02")
    basis = seed_qa.ask("“小升规”奖励资金是根据哪个文件立项的？", history={})
    assert "朔财建[2025]101号" in basis.text and basis.citations[0].page == 21
    change = seed_qa.ask("机关运行经费和2025年预算相比是增是减？变动了多少万元？", history={})
    assert change.value == Decimal("1.38") and "增加" in change.text
    kin = seed_qa.ask("遗属那几个项目，工科局的、人社局移交的、平安物资的，加起来一共多少？", history={})
    assert kin.value == Decimal("24.73")


def test_the_askers_own_body_is_not_the_one_asked_and_a_rows_completion_rate(six_qa):
    law = six_qa.ask("我们万里街道公共法律服务一年才30万，区司法局2026年公共法律服务安排了多少？", history={})
    assert law.value == Decimal("6860000.00") and "司法局" in law.text and law.citations[0].page == 12
    rate = six_qa.ask("区财政局2024年财政事务行政运行这一项，决算完成率是多少？", history={})
    assert rate.value == Decimal("96.91") and rate.citations[0].page == 22
    why = six_qa.ask("上海市财政局2025年收入预算比上年少了990万元，理由是什么？", history={})
    assert "注册会计师考试" in why.text
    who = six_qa.ask("普陀区财政局2024年政府采购中，由中小企业中标的那246.47万元，具体是哪些供应商？", history={})
    assert not who.answerable and who.value is None


def test_a_parent_row_named_in_full_is_not_its_childs_row(seed_qa):
    parent = seed_qa.ask("行政事业单位医疗是多少？", history={})
    assert parent.value == Decimal("11.48") and parent.citations[0].row_label == "行政事业单位医疗"
    staff = seed_qa.ask("据了解机关事业单位都要给职工缴医保，请问工信和科技局2026年预算里职工医疗这块一共安排了多少？", history={})
    assert staff.value == Decimal("11.48")
    derived = seed_qa.ask("机关运行经费2025年预算是多少？用今年的数和增加额推一下。", history={})
    assert derived.value == Decimal("17.78")


def test_an_amount_with_a_yes_or_no_comparison_beside_it(six_qa):
    both = six_qa.ask("2025年万里街道三公经费一共多少，是不是比2024年少了？", history={})
    assert both.value == Decimal("37.91") and "47.91" in both.text and both.citations[0].page == 29
    times = six_qa.ask("上海市财政局2025年机关运行经费是我们万里街道2025年的几倍？", history={})
    assert round(times.value, 2) == Decimal("5.42")
    heard = six_qa.ask("注意到万里街道公益性岗位补贴变化很大，2025年预算比2024年预算减少了多少元？", history={})
    assert abs(heard.value) == Decimal("3629500")


def test_a_shared_name_before_its_qualifiers_names_each_row(seed_qa):
    vets = seed_qa.ask("退役军人的钱，工科局和平安物资两头合计多少", history={})
    assert vets.value == Decimal("155.37") and len([c for c in vets.citations if not c.role]) == 2
    retired = seed_qa.ask("离退休这块，行政单位和事业单位的加一起是多少", history={})
    assert retired.value == Decimal("352.95")
    heat = seed_qa.ask("退休人员取暖补贴 工科局跟平安物资两个合计多少", history={})
    assert heat.value == Decimal("220.36")
    whole = seed_qa.ask("工信和科技局今年人员经费一共多少（含退休费那些）", history={})  # (no count said: no loose match)
    assert whole.value == Decimal("310.49")


def test_a_newcomers_words_and_two_figures_asked_in_turn(seed_qa):
    assert seed_qa.ask("工信和科技局26年的基础支出一共安排了多少？", history={}).value == Decimal("329.65")
    assert seed_qa.ask("专项支出占总支出的比重是多少？", history={}).value == Decimal("74.66")
    top = seed_qa.ask("今年专项里面哪一个项目的钱最多？", history={})
    assert "晋坤双碳" in top.text and top.value == Decimal("300.00")
    assert seed_qa.ask("局里下面有几个股室", history={}).value == Decimal("5")
    shrink = seed_qa.ask("整个部门预算比上年缩水了多少万？", history={})
    assert shrink.value == Decimal("1190.44")
    two = seed_qa.ask("局里实际在岗多少人？编制多少", history={})
    assert two.value == Decimal("32") and "20人" in two.text and {c.row_label for c in two.citations} >= {"实际在职人员总数", "核定的人员编制数"}
    date = seed_qa.ask("专精特新奖补资金要求在什么时间之前拨付？", history={})
    assert "2026年6月30日前" in date.text and date.citations[0].page == 22
    why = seed_qa.ask("今年预算砍了快一半，原因写的是啥", history={})
    assert "减少了对项目支出" in why.text


def test_equal_stated_amounts_share_and_what_is_never_counted(seed_qa, six_qa):
    small = six_qa.ask("普陀区司法局2026年政府采购预算里，面向中小企业预留的比例是多少？", history={})
    assert small.value == Decimal("100.00") and small.citations[0].page == 22 and len(small.citations) >= 2
    visits = six_qa.ask("上海市财政局2025年的公务接待都接待了哪些单位，多少批次？", history={})
    assert not visits.answerable and visits.value is None
    form = seed_qa.ask("整体支出绩效目标申报表上写的年度预算合计是多少？怎么跟总表对不上？", history={})
    assert form.value == Decimal("38071.58") and form.citations[0].page == 20


def test_a_rough_figure_quotes_no_cell_and_heard_clauses_keep_their_subject(seed_qa, six_qa):
    fee = six_qa.ask("万里街道2025年的招待费预算只有一万多？具体是多少元？", history={})
    assert fee.value == Decimal("13500") and "公务接待费" in fee.text  # (never 手续费 10000元)
    empty = six_qa.ask("听说万里街道2024年没有三公经费，表上都写着空表，是这样吗？三公到底多少？", history={})
    assert empty.value == Decimal("47.91")
    cut = seed_qa.ask("听说平鲁工信局2026年机关运行经费压减了，压减了多少？", history={})
    assert cut.value == Decimal("1.38") and "增加" in cut.text
