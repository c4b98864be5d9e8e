"""Charts from table cells: every bar is a cell of the table, shares and changes carry formulas, SVG is self-contained."""
from __future__ import annotations

import dataclasses
import re
from decimal import Decimal

import pytest

from assistant import charts
from assistant.charts import ChartError
from conftest import SEED
from ingest import parse_file
from ingest.model import TableFact


@pytest.fixture(scope="module")
def seed():
    """The seed document parsed once: (Document, facts) as the store hands them back."""
    parsed = parse_file(SEED)
    return parsed.document, list(parsed.facts)


def cell(facts, table: str, row: str, column: str) -> TableFact:
    """The one cell of a table at a row label and column."""
    hits = [f for f in facts if f.table_title == table and f.row_label == row and f.column == column]
    assert len(hits) == 1, (table, row, column, hits)
    return hits[0]


SPENDING = "2026年预算支出总表"


def test_function_chart_bars_are_the_tables_class_rows(seed):
    doc, facts = seed
    chart = charts.by_function(doc, facts)
    # every 3-digit 科目 row of the spending summary, column 合计, largest first
    table = {f.row_label: f.value for f in facts if f.table_title == SPENDING and len(f.subject_code) == 3
             and f.column == "2026年预算数/合计"}
    assert {b.label: b.values[0] for b in chart.bars} == table == {
        "资源勘探工业信息等支出": Decimal("884.99"), "社会保障和就业支出": Decimal("381.21"),
        "住房保障支出": Decimal("23.42"), "卫生健康支出": Decimal("11.48")}
    assert [b.label for b in chart.bars][0] == "资源勘探工业信息等支出"
    for b in chart.bars:
        assert b.cells[0].value == b.values[0] and b.cells[0].page == 6 and b.cells[0].unit == "万元"
    assert chart.total.values == (Decimal("1301.09"),) and chart.unit == "万元"
    # the printed classes add up to 1301.10: the chart says so instead of hiding it
    assert "1301.10" in chart.note and "1301.09" in chart.note


def test_basic_project_chart_is_the_total_row(seed):
    doc, facts = seed
    chart = charts.by_basic_project(doc, facts)
    assert [(b.label, b.values[0]) for b in chart.bars] == [("基本支出", Decimal("329.65")),
                                                            ("项目支出", Decimal("971.43"))]
    assert chart.bars[1].cells[0] == cell(facts, SPENDING, "合计", "2026年预算数/项目支出")
    assert chart.total.cells[0] == cell(facts, SPENDING, "合计", "2026年预算数/合计")


def test_economic_chart_finds_classes_by_name_when_the_table_has_no_codes(seed):
    doc, facts = seed
    chart = charts.by_economic(doc, facts)
    assert {b.label: b.values[0] for b in chart.bars} == {
        "工资福利支出": Decimal("255.09"), "对个人和家庭的补助": Decimal("55.40"),
        "商品和服务支出": Decimal("18.16"), "资本性支出": Decimal("1.00")}
    assert chart.total.values[0] == Decimal("329.65") and chart.note == ""  # the classes add up exactly
    assert {b.cells[0].table_title for b in chart.bars} == {"2026年一般公共预算安排基本支出分经济科目表（不含上年结转）"}


def test_a_repeated_class_code_is_a_missplit_row_and_is_dropped(seed):
    doc, facts = seed
    base = next(f for f in facts if f.table_title == SPENDING and f.subject_code == "208"
                and f.column == "2026年预算数/合计")
    # a 款 row whose code was cut to three digits, after its 类 (seen in a real PDF: 津贴补贴 read as 301)
    bleed = dataclasses.replace(base, fact_id=base.fact_id + "x", row_no=base.row_no + 1, row_label="就业补助",
                                value=Decimal("5.00"))
    chart = charts.by_function(doc, facts + [bleed])
    assert "就业补助" not in [b.label for b in chart.bars] and len(chart.bars) == 4


def test_chart_answer_cites_every_cell_and_shows_the_share_formula(seed):
    doc, facts = seed
    ans = charts.chart_answer(charts.by_function(doc, facts))
    assert ans.value == Decimal("1301.09") and ans.unit == "万元" and ans.kind == "chart"
    assert "- 资源勘探工业信息等支出：884.99万元，占 68.02%" in ans.text
    assert ans.calculation.expression == "资源勘探工业信息等支出884.99 ÷ 合计1301.09 × 100% = 68.02%"
    assert len(ans.citations) == 5 and {c.page for c in ans.citations} == {6}
    assert {c.row_label for c in ans.citations} >= {"合计", "卫生健康支出"}


def test_year_over_year_uses_each_years_cells_and_converts_only_when_units_differ(seed):
    doc, facts = seed
    # the same body a year earlier, printed in 元: the 2026 cells × 10000, with 合计 and 基本支出 1 万元 lower
    old_doc = dataclasses.replace(doc, doc_id="0" * 16, year=2025)
    lower = {"2026年预算数/合计", "2026年预算数/基本支出"}
    old = []
    for f in facts:
        if f.value is not None:
            v = f.value * 10000 - (10000 if f.row_label == "合计" and f.column in lower else 0)
            old.append(dataclasses.replace(f, doc_id=old_doc.doc_id, unit="元", value=v, raw=str(v)))
    chart = charts.build("yoy", [(doc, facts), (old_doc, old)])
    assert chart.series == ("2025年", "2026年") and chart.unit == "万元" and "换算" in chart.note
    total = chart.bars[0]
    assert total.label == "合计" and total.values == (Decimal("1300.09"), Decimal("1301.09"))
    assert total.cells[1] == cell(facts, SPENDING, "合计", "2026年预算数/合计")
    assert [b.label for b in chart.bars[:3]] == ["合计", "基本支出", "项目支出"]
    ans = charts.chart_answer(chart)
    assert "- 合计：1,300.09 → 1,301.09，增长 0.08%" in ans.text
    assert ans.calculation.expression == "(2026年合计1301.09 − 2025年合计1300.09) ÷ 2025年合计1300.09 × 100% = 0.08%"
    assert "- 项目支出：971.43 → 971.43，持平" in ans.text
    # the same unit in both years: the bars are the cells themselves
    same = [dataclasses.replace(f, unit="万元", value=f.value / 10000) for f in old]
    chart = charts.build("yoy", [(doc, facts), (old_doc, same)])
    assert chart.note == "" and all(b.values == tuple(c.value for c in b.cells) for b in chart.bars)


def test_build_refuses_with_a_named_reason(seed):
    doc, facts = seed
    other = dataclasses.replace(doc, doc_id="1" * 16, department="上海市普陀区司法局")
    with pytest.raises(ChartError, match="多个单位"):
        charts.build("function", [(doc, facts), (other, facts)])
    with pytest.raises(ChartError, match="两个年度"):
        charts.build("yoy", [(doc, facts)])
    with pytest.raises(ChartError, match="没有找到支出总表"):
        charts.build("function", [(doc, [f for f in facts if f.table_title != SPENDING])])
    with pytest.raises(ChartError, match="还没有载入文档"):
        charts.build("function", [])
    with pytest.raises(ChartError, match="不认识的图表类型"):
        charts.build("pie", [(doc, facts)])
    # two years of one body: a structure chart is drawn for the latest
    older = dataclasses.replace(doc, doc_id="2" * 16, year=2024)
    assert charts.build("function", [(older, facts), (doc, facts)]).docs == (doc,)


def test_svg_shows_the_table_numbers_and_loads_nothing(seed):
    doc, facts = seed
    chart = charts.by_function(doc, facts)
    svg = charts.to_svg(chart)
    values = dict(re.findall(r'data-label="([^"]+)"[^>]*data-value="([^"]+)"', svg))
    assert {k: Decimal(v) for k, v in values.items()} == {b.label: b.values[0] for b in chart.bars}
    assert "884.99（68.02%）" in svg and 'data-page="6"' in svg
    assert "<script" not in svg and "href" not in svg
    assert re.findall(r"https?://[^\"]+", svg) == ["http://www.w3.org/2000/svg"]  # the namespace, never fetched
    assert "第6页《2026年预算支出总表》" in svg
    # labels and titles are escaped
    odd = dataclasses.replace(chart, title="<b>&</b>")
    assert "&lt;b&gt;&amp;&lt;/b&gt;" in charts.to_svg(odd)
