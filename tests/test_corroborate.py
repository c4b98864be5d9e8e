"""assistant.corroborate on the real seed: the same amount where the document prints it again."""
from __future__ import annotations

from decimal import Decimal

from assistant.corroborate import ROLE, corroborations


def test_a_subject_code_row_is_cited_in_every_table_that_prints_it(seed_qa):
    ans = seed_qa.ask("2080501对应多少钱？", history={})
    assert ans.value == Decimal("55.40") and ans.unit == "万元"
    assert ans.citations[0].role == "" and ans.citations[0].page == 6
    also = corroborations(ans)
    assert [(c.page, c.row_label, c.quote) for c in also] == [(4, "行政单位离退休", "55.40万元"),
                                                              (9, "行政单位离退休", "55.40万元")]
    assert all(c.role == ROLE and c.to_dict()["role"] == ROLE for c in also)
    assert ans.text.count("55.40") == 1  # the reply's wording is the engine's; only the sources grow


def test_a_table_figure_is_matched_with_the_sentence_that_states_it(seed_qa):
    ans = seed_qa.ask("机关运行经费是多少？", history={})
    assert ans.value == Decimal("19.16") and ans.citations[0].page == 14
    [said] = corroborations(ans)
    assert said.page == 18 and "机关运行经费财政拨款预算19.16万元" in said.quote
    # 公用经费 is also 19.16万元 on p18, but it is another thing: not cited
    assert not any(c.quote.startswith("公用经费") for c in ans.citations)


def test_a_computed_share_is_matched_with_the_sentence_that_states_it(seed_qa):
    share = seed_qa.ask("项目支出占总支出的比例是多少？", history={})
    assert share.value == Decimal("74.66") and share.calculation is not None
    said = [c for c in corroborations(share) if not c.column]
    # the sentence that states the share itself, and the one that states the total it is a share of
    assert [(c.page, c.row_label) for c in said] == [(17, "占"), (17, "本年部门预算支出总计")]
    assert "项目支出971.43万元，占74.66%" in said[0].quote and "支出总计1,301.09万元" in said[1].quote
    # the calculation still rests on the two table cells; the sentence only corroborates
    assert [c.role for c in share.citations[:2]] == ["", ""] and {c.page for c in share.calculation.inputs} == {3, 6}


def test_a_converted_amount_is_not_matched_with_another_thing_of_the_same_amount(seed_qa):
    ans = seed_qa.ask("总预算换算成亿元是多少？", history={})
    assert ans.value == Decimal("0.130109") and ans.unit == "亿元"
    [said] = [c for c in corroborations(ans) if not c.column]
    assert said.page == 17 and said.row_label == "本年部门预算支出总计"
    # the 收入总计 sentence prints 1,301.09万元 too, but it is the revenue side: never cited for 支出
    assert not any("收入总计" in c.row_label for c in ans.citations)


def test_zero_answers_are_left_alone(seed_qa):
    zero = seed_qa.ask("国有资本经营预算支出多少？", history={})
    assert zero.value in (None, Decimal(0)) and corroborations(zero) == []


def test_the_web_sources_mark_corroborating_citations(seed_qa):
    from assistant.webview import citation_line
    ans = seed_qa.ask("2080501对应多少钱？", history={})
    lines = [citation_line(c, {}) for c in ans.citations]
    assert lines[0].startswith("- 文档：") and all(x.startswith("- （同一数字也见于）文档：") for x in lines[1:])
