"""ingest.pdf: lines by vertical overlap, narrative numbers kept in their sentences, blank pages explained."""
from decimal import Decimal

import pytest

from ingest import parse_file
from ingest.pdf import lines_of

from conftest import SAMPLE

CAIZHENG = SAMPLE / "上海市普陀区财政局2024年度部门决算.pdf"


def _char(text, x0, top, size=12.0):
    return {"text": text, "x0": x0, "x1": x0 + size / (2 if text.isascii() else 1), "top": top,
            "bottom": top + size}


def test_digits_set_lower_than_their_text_stay_on_its_line():
    # 财政局 2024 决算 p21: FangSong text at top 266.6, Times New Roman digits 4.9pt lower
    chars = [_char(c, 96 + 12 * i, 266.6) for i, c in enumerate("本年收入合计")]
    chars += [_char(c, 168 + 6 * i, 271.5) for i, c in enumerate("2946.25")]
    chars += [_char(c, 210 + 12 * i, 266.6) for i, c in enumerate("万元")]
    chars += [_char(c, 72 + 12 * i, 280.6) for i, c in enumerate("其他收入")]
    lines = lines_of(chars)
    assert [ln.text for ln in lines] == ["本年收入合计2946.25万元", "其他收入"]


def test_a_gap_wider_than_three_points_is_a_space():
    chars = [_char("单", 10, 0), _char("位", 22, 0), _char("元", 60, 0)]
    assert [ln.text for ln in lines_of(chars)] == ["单位 元"]


@pytest.fixture(scope="module")
def caizheng():
    """The hard 财政局 2024 决算, parsed once."""
    return parse_file(CAIZHENG)


def test_narrative_numbers_come_back_into_their_sentences(caizheng):
    stated = {(s.page, s.subject, s.value, s.unit) for s in caizheng.stated}
    assert (21, "本年收入合计", Decimal("2946.25"), "万元") in stated
    assert (21, "财政拨款收入", Decimal("2940.05"), "万元") in stated
    assert (21, "一般公共服务支出", Decimal("2106.66"), "万元") in stated
    change = next(s for s in caizheng.stated if s.page == 21 and s.value == Decimal("56.95"))
    assert (change.kind, change.direction) == ("change", "减少")
    assert "收入支出总计减少56.95万元，下降1.87%" in change.sentence
    assert len([s for s in caizheng.stated if 21 <= s.page <= 24]) >= 80


def test_a_wrapped_number_is_not_a_section_heading(caizheng):
    assert not any(c.section[:1].isdigit() and "万元" in c.section for c in caizheng.chunks)
    sections = {s.section for s in caizheng.stated if s.value == Decimal("603.14")}
    assert sections == {"三、支出决算情况说明"}


def test_economic_classification_tables_on_pages_16_and_17_have_their_numbers(caizheng):
    facts = {(f.page, f.subject_code, f.value) for f in caizheng.facts}
    assert (16, "30101", Decimal("262.33")) in facts  # 基本工资, printed below its label
    assert (16, "30201", Decimal("21.21")) in facts  # 办公费, right half of the two-column table
    assert not any("第16页" in w or "第17页" in w for w in caizheng.warnings)
    table = next(t for t in caizheng.tables if t.title == "一般公共预算财政拨款基本支出决算表")
    assert table.pages == (16, 17) and "公务接待费" in table.labels


def test_three_gong_title_keeps_its_quotes(caizheng):
    assert "财政拨款“三公”经费支出决算表" in {t.title for t in caizheng.tables}


def test_a_page_with_only_ruling_lines_is_explained(caizheng):
    assert "没有文字的页（只有表格线，没有文字）：第14页" in caizheng.warnings
    assert caizheng.document.date == "2024-12-31"


def test_bench_prints_pages_per_second_for_both_pipelines_and_the_ratio(capsys):
    from ingest.bench import main

    quirk = SAMPLE.parent.parent / "tests" / "data" / "two-sided-income-expenditure-table.pdf"
    assert main([str(quirk), str(SAMPLE / "pinglu-gongxin-keji-2026-budget.txt")]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0].split() == ["file", "pages", "ours", "p/s", "raw", "p/s", "ratio", "cpu", "ratio"]
    assert out[1].split()[:2] == ["two-sided-income-expenditure-table.pdf", "1"]
    assert out[2].startswith("total") and float(out[2].split()[-1]) > 0
    assert out[3] == "skipped (not PDF): pinglu-gongxin-keji-2026-budget.txt"
