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
