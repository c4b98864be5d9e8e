"""ingest.tables: amounts, codes, header paths, facts from raw rows."""
from decimal import Decimal

from ingest.tables import RawTable, column_paths, normalize_code, parse_amount, split_code_label, table_facts


def test_parse_amount_handles_separators_dashes_and_blanks():
    assert parse_amount("96,282,213.44") == Decimal("96282213.44")
    assert parse_amount("1,301.09") == Decimal("1301.09")
    assert parse_amount("-") is None and parse_amount("") is None and parse_amount(None) is None
    assert parse_amount("合计") is None
    assert parse_amount("-3.5") == Decimal("-3.5")


def test_codes_printed_split_are_joined():
    assert normalize_code("201 06 08") == "2010608"
    assert normalize_code("2080501") == "2080501"
    assert normalize_code("20805") == "20805"
    assert normalize_code("2080") == ""  # not a 类/款/项 length
    assert split_code_label("一般公共服务\n201 06 08\n支出") == ("2010608", "一般公共服务支出")


def test_merged_header_cells_spread_over_their_columns():
    header = [["项目", None, "本年收入", None, None], ["科目编码", "科目名称", "合计", "一般公共预算", "单位资金"]]
    assert column_paths(header, 5) == ["项目/科目编码", "项目/科目名称", "本年收入/合计",
                                       "本年收入/一般公共预算", "本年收入/单位资金"]


def test_table_facts_keep_code_label_column_and_page():
    raw = RawTable("2026年预算支出总表", "万元",
                   [["科目编码", "科目名称", "合计", "基本支出", "项目支出"],
                    ["合计", "", "1301.09", "329.65", "971.43"],
                    ["2080501", "行政单位离退休", "55.40", "55.40", ""]], [6, 6, 6])
    info, facts = table_facts(raw, "d", 3)
    assert not info.empty and info.rows == 2
    cell = next(f for f in facts if f.subject_code == "2080501" and f.column == "基本支出")
    assert (cell.row_label, cell.value, cell.page, cell.unit) == ("行政单位离退休", Decimal("55.40"), 6, "万元")
    assert cell.level == 3 and cell.parent_code == "20805"
    assert not any(f.column == "项目支出" and f.subject_code == "2080501" for f in facts)  # blank → no fact


def test_code_on_the_middle_line_may_carry_a_fragment_of_the_name():
    assert split_code_label("机关事业单位职业年金\n2080506 缴费\n支出") == ("2080506", "机关事业单位职业年金缴费支出")
    assert split_code_label("2024年\n预算") == ("", "2024年预算")


def test_two_column_economic_table_starts_its_right_half_at_the_code_column():
    # 财政局 2024 决算 p16: 类 款 名称 决算数 | 类 款 名称 决算数
    raw = RawTable("一般公共预算财政拨款基本支出决算表", "万元",
                   [["经济分类", None, "科目名称", "决算数", "经济分类", None, "科目名称", "决算数"],
                    ["科目编码", None, None, None, "科目编码", None, None, None],
                    ["类", "款", None, None, "类", "款", None, None],
                    ["301", "01", "基本工资", "262.33", "302", "01", "办公费", "21.21"],
                    ["301", "03", "奖金", "", "302", "03", "咨询费", ""]], [16] * 5)
    info, facts = table_facts(raw, "d", 7)
    assert [(f.subject_code, f.row_label, f.value) for f in facts] == [
        ("30101", "基本工资", Decimal("262.33")), ("30201", "办公费", Decimal("21.21"))]
    assert info.labels == ("基本工资", "办公费", "奖金", "咨询费")


def test_an_empty_table_keeps_its_row_labels():
    raw = RawTable("“三公”经费支出预算表", "万元",
                   [["项目", "合计", "一般公共预算"], ["因公出国（境）费", "", ""], ["公务接待费", "", ""],
                    ["合计", "", ""]], [13] * 4, note="注：本表无数据")
    info, facts = table_facts(raw, "d", 10)
    assert (info.empty, info.rows, facts) == (True, 3, [])
    assert info.labels == ("因公出国（境）费", "公务接待费", "合计")
