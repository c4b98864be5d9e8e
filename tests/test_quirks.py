"""One test per quirk of real 预决算 PDFs (issue 3), on fixtures rendered by `python -m evals.render --quirks`."""
from decimal import Decimal
from pathlib import Path

import pytest

from evals.quirks import QUIRKS, cid_garbage, write_quirks
from ingest import parse_file
from ingest.errors import EmptyDocument, GarbledText

from conftest import ROOT

DATA = ROOT / "tests" / "data"


def _doc(name: str):
    return parse_file(DATA / f"{name}.pdf")


def _cell(doc, *, page, row="", code="", column):
    """The one fact at (page, row label or code, column path) as (value, unit)."""
    hits = [f for f in doc.facts if f.page == page and f.column == column
            and (f.subject_code == code if code else f.row_label == row)]
    assert len(hits) == 1, (page, row, code, column, hits)
    return hits[0].value, hits[0].unit


@pytest.mark.parametrize("repeated", [False, True], ids=["no-repeated-header", "repeated-header"])
def test_table_across_pages_is_one_table_with_rows_on_both_pages(repeated):
    doc = _doc(f"table-across-pages-{'repeated' if repeated else 'no-repeated'}-header")
    assert [(t.title, t.pages, t.rows) for t in doc.tables] == [("一般公共预算财政拨款支出决算表", (1, 2), 60)]
    assert _cell(doc, page=1, code="2010608", column="项目支出") == (Decimal("449.52"), "万元")
    assert _cell(doc, page=2, code="2139952", column="本年支出合计") == (Decimal("53.20"), "万元")
    # the repeated header is not read as a data row, and no row is lost at the break
    assert not any(f.row_label in ("科目名称", "科目编码") for f in doc.facts)
    assert len({f.row_no for f in doc.facts}) == 60


def test_merged_header_cells_give_each_column_its_header_path():
    doc = _doc("merged-header-cells")
    assert doc.tables[0].columns == ("项目/科目编码", "项目/科目名称", "本年收入/合计", "本年收入/财政拨款",
                                     "本年收入/其他收入", "上年结转")
    assert _cell(doc, page=1, code="2010601", column="本年收入/财政拨款") == (Decimal("1511.89"), "万元")
    assert _cell(doc, page=1, code="2010601", column="上年结转") == (Decimal("49.14"), "万元")
    assert _cell(doc, page=1, row="合计", column="本年收入/其他收入") == (Decimal("6.20"), "万元")


def test_wrapped_subject_name_with_the_code_on_its_middle_line():
    doc = _doc("wrapped-subject-code-on-middle-line")
    by_code = {f.subject_code: f.row_label for f in doc.facts}
    assert by_code == {"2080505": "机关事业单位基本养老保险缴费支出", "2080506": "机关事业单位职业年金缴费支出",
                       "2080501": "行政单位离退休"}
    assert _cell(doc, page=1, code="2080506", column="本年支出合计") == (Decimal("80.38"), "万元")
    f = next(f for f in doc.facts if f.subject_code == "2080506")
    assert (f.level, f.parent_code) == (3, "20805")


def test_split_subject_codes_are_joined_and_a_stray_digit_is_no_code():
    doc = _doc("split-subject-codes")
    assert _cell(doc, page=1, code="2010608", column="项目支出") == (Decimal("449.52"), "万元")
    assert _cell(doc, page=1, code="20805", column="基本支出") == (Decimal("326.72"), "万元")
    total = [f for f in doc.facts if f.table_no == 1 and f.row_label == "合计"]
    assert {f.subject_code for f in total} == {""} and len(total) == 3
    # 类 / 款 / 项 in three columns
    assert _cell(doc, page=1, code="2010601", column="本年支出合计") == (Decimal("1511.90"), "万元")
    assert _cell(doc, page=1, code="20106", column="本年支出合计") == (Decimal("2112.86"), "万元")
    assert _cell(doc, page=1, code="210", column="本年支出合计") == (Decimal("60.99"), "万元")


def test_empty_tables_are_recorded_with_their_note_and_row_labels():
    doc = _doc("empty-table-with-note")
    sangong, fund = doc.tables
    assert (sangong.title, sangong.empty, sangong.note) == ("财政拨款“三公”经费支出预算表", True, "注：本表无数据")
    assert sangong.labels == ("因公出国（境）费", "公务接待费", "公务用车购置及运行费", "合计")
    assert fund.empty and fund.note.startswith("注：本单位无政府性基金预算")
    assert not doc.facts and not doc.warnings


def test_units_are_read_per_table():
    doc = _doc("unit-yuan-and-wanyuan")
    assert [(t.title, t.unit) for t in doc.tables] == [("收入决算表（元）", "元"), ("收入决算表（万元）", "万元")]
    values = {(f.table_no, f.row_label): (f.value, f.unit) for f in doc.facts}
    assert values[(1, "财政拨款收入")] == (Decimal("96282213.44"), "元")
    assert values[(2, "财政拨款收入")] == (Decimal("9628.22"), "万元")


def test_vertical_header_text_reads_as_one_column_name():
    doc = _doc("vertical-header-text")
    assert doc.tables[0].columns == ("支出功能分类科目编码", "科目名称", "决算数")
    assert _cell(doc, page=1, code="2010601", column="决算数") == (Decimal("1511.90"), "万元")


def test_narrative_numbers_set_lower_stay_in_their_sentences():
    doc = _doc("narrative-numbers-set-lower")
    stated = [(s.subject, s.value, s.unit, s.kind, s.direction) for s in doc.stated]
    assert stated == [("本年收入合计", Decimal("2946.25"), "万元", "amount", ""),
                      ("财政拨款收入", Decimal("2940.05"), "万元", "amount", ""),
                      ("占", Decimal("99.79"), "%", "share", ""),
                      ("收入支出总计减少", Decimal("56.95"), "万元", "change", "减少"),
                      ("下降", Decimal("1.87"), "%", "change", "减少")]
    assert doc.stated[3].sentence == "与2023年度相比，收入支出总计减少56.95万元，下降1.87%。"
    assert {s.section for s in doc.stated} == {"二、收入决算情况说明"}


def test_scanned_pdf_is_refused_with_a_named_error():
    with pytest.raises(EmptyDocument, match=r"scanned-no-text\.pdf: 全部 2 页都没有文字层（扫描件？）"):
        _doc("scanned-no-text")


def test_cid_garbage_page_is_reported_and_left_out():
    doc = _doc("cid-garbage")
    assert doc.warnings == ("文字无法解码（cid 乱码）的页：第2页，这些页未导入",)
    assert doc.document.pages == 2
    assert all("(cid:" not in c.text for c in doc.chunks) and {c.page for c in doc.chunks} == {1}
    assert Decimal("2946.25") in {s.value for s in doc.stated}


def test_cid_garbage_on_every_page_is_refused(tmp_path):
    cid_garbage(tmp_path / "all-cid.pdf", readable_pages=0)
    with pytest.raises(GarbledText, match=r"all-cid\.pdf: 文字无法解码（cid 乱码.*第1页"):
        parse_file(tmp_path / "all-cid.pdf")


def test_two_sided_income_expenditure_table_keeps_each_side_apart():
    doc = _doc("two-sided-income-expenditure-table")
    assert _cell(doc, page=1, row="一、一般公共预算财政拨款收入", column="收入/决算数") == (Decimal("2940.05"), "万元")
    assert _cell(doc, page=1, row="一、一般公共服务支出", column="支出/决算数") == (Decimal("2106.66"), "万元")
    assert _cell(doc, page=1, row="九、卫生健康支出", column="支出/决算数") == (Decimal("60.99"), "万元")
    assert _cell(doc, page=1, row="本年支出合计", column="支出/决算数") == (Decimal("2940.05"), "万元")
    assert not any(f.row_label.startswith("二、") for f in doc.facts)  # blank on both sides


def test_title_at_the_foot_of_a_page_goes_with_the_table_on_the_next():
    doc = _doc("title-separated-from-table")
    assert [(t.title, t.unit, t.pages) for t in doc.tables] == [("财政拨款支出决算明细表", "万元", (2,))]
    assert _cell(doc, page=2, row="基本支出", column="决算数") == (Decimal("2336.91"), "万元")
    assert {f.table_title for f in doc.facts} == {"财政拨款支出决算明细表"}


def test_every_quirk_has_a_committed_fixture_that_rerenders_the_same(tmp_path):
    fresh = write_quirks(tmp_path)
    assert {p.name for p in fresh} == {f"{name}.pdf" for name in QUIRKS}
    for p in fresh:
        committed = DATA / p.name
        assert committed.is_file(), f"render it: python -m evals.render --quirks tests/data ({p.name})"
        if p.stem == "scanned-no-text":
            continue
        key = lambda d: sorted((f.page, f.table_title, f.row_label, f.subject_code, f.column, f.value)  # noqa: E731
                               for f in d.facts)
        assert key(parse_file(p)) == key(parse_file(committed)), p.name


def test_fixture_names_say_their_quirk():
    assert all(Path(name).stem == name and "-" in name for name in QUIRKS)
