"""Conditions a question puts on rows: an amount range or threshold ('50万到100万之间', '超过100万元',
'10万元以下'), a column whose cells must be filled ('有基本支出的…') or empty ('完全没有基本支出的…')."""
from __future__ import annotations

import re
from decimal import Decimal
from typing import TYPE_CHECKING, Callable

from assistant import calculator as calc

if TYPE_CHECKING:
    from assistant.library import DocFacts
    from ingest.model import TableFact

_UNIT = {"万": "万元", "亿": "亿元", "万元": "万元", "亿元": "亿元", "元": "元"}
# '50万到100万之间', '介于10万元和100万元之间', '100-300万元'
RANGE = re.compile(r"(\d+(?:\.\d+)?)\s*(亿元|万元|元|亿|万)?\s*(?:到|至|~|～|－|-|—|(?:和|与)(?=\s*\d[^，,。？?]{0,12}之间))\s*"
                   r"(\d+(?:\.\d+)?)\s*(亿元|万元|元|亿|万)")
ABOVE = "超过|大于|高于|多于|以上|不少于|不低于|及以上"
THRESHOLD = re.compile(r"(超过|大于|高于|多于|不少于|不低于|低于|小于|少于|不足|不到|未达|未满)\s*(\d+(?:\.\d+)?)\s*(亿元|万元|元|亿|万)|"
                       r"(\d+(?:\.\d+)?)\s*(亿元|万元|元|亿|万)\s*(及以上|以上|以下|以内)")
COLUMN_WORDS = ("基本支出", "项目支出", "人员经费", "公用经费")
# '有基本支出的…', '项目支出分布在…', '涉及项目支出的…': rows whose cell in that column is not zero
_HAS_COL = re.compile(r"(?<![没无不未])(?:有|含|涉及|安排了?|列有|带)(基本支出|项目支出|人员经费|公用经费)|"
                      r"(基本支出|项目支出|人员经费|公用经费)(?:那?一?[列栏])?(?:都)?(?:分布在|分布于|分散在|涉及|覆盖|落在|用在|花在|投在|投向|安排在|分在|不为0|不为零"
                      r"|非零|有数|有金额|有钱|有安排|不为空|大于0|大于零)")

def _unit(u: str | None) -> str:
    return _UNIT.get(u or "", "")


def amount_test(text: str) -> tuple[Callable[[Decimal, str], bool], str] | None:
    """The amount condition a question states ('50万到100万之间', '超过100万元', '10万元以下'), as a
    test of a value in its unit, with the words that state it; None when it states none."""
    m = RANGE.search(text)
    if m:
        hi_u = _unit(m.group(4))
        lo_u = _unit(m.group(2)) or hi_u
        a, b = calc.convert(Decimal(m.group(1)), lo_u, "元"), calc.convert(Decimal(m.group(3)), hi_u, "元")
        lo, hi = min(a, b), max(a, b)
        return (lambda v, u: lo <= calc.convert(v, u, "元") <= hi), m.group(0)
    m = THRESHOLD.search(text)
    if m:
        word = m.group(1) or m.group(6)
        num, u = (m.group(2), m.group(3)) if m.group(2) else (m.group(4), m.group(5))
        limit = calc.convert(Decimal(num), _unit(u), "元")
        if re.fullmatch(ABOVE, word):
            inclusive = word in ("及以上", "不少于", "不低于")
            return (lambda v, u2: calc.convert(v, u2, "元") >= limit if inclusive
                    else calc.convert(v, u2, "元") > limit), m.group(0)
        inclusive = word == "以内"
        return (lambda v, u2: calc.convert(v, u2, "元") <= limit if inclusive
                else calc.convert(v, u2, "元") < limit), m.group(0)
    return None


# '不为零的几项', '除去为零的', '非零', '有金额的': rows whose amount is 0 leave a ranking or count
NONZERO = re.compile(r"(?:不|没有?)(?:为|是|等于)(?:零|0)|非(?:零|0)|大于(?:零|0)(?![\d.])|有(?:金额|钱|数)的|"
                     r"(?:除去|除了|除掉|去掉|排除|剔除|刨掉|刨去|扣除|不算|不含|不计)(?:金额)?(?:为|是|等于)?(?:零|0)(?:元|万元)?的?(?:那些|几项|项)?(?:以外|之外)?|"
                     r"(?:为|是)(?:零|0)的?(?:不算|除外|不计|去掉|排除)")


def nonzero_asked(text: str) -> bool:
    """The question leaves out rows of 0 ('不为零的几项中最少的', '除去为零的')."""
    return bool(NONZERO.search(text))


def column_condition(text: str) -> str:
    """The column whose non-zero cells pick the rows ('有基本支出的项级科目' → 基本支出), or ''."""
    m = _HAS_COL.search(text)
    return (m.group(1) or m.group(2)) if m else ""


# '完全没有基本支出', '基本支出为0': the column whose empty cells pick the rows
_NO_COL = re.compile(r"(?:没有|无|不含|不涉及|未安排|没安排)(基本支出|项目支出|人员经费|公用经费)|(基本支出|项目支出|人员经费|公用经费)(?:为0|为零|为空|是0)")


def column_empty(text: str) -> str:
    """The column whose zero or blank cells pick the rows ('完全没有基本支出的类级科目' → 基本支出), or ''."""
    m = _NO_COL.search(text)
    return (m.group(1) or m.group(2)) if m else ""


_COLS = "基本支出|项目支出|人员经费|公用经费"
# '基本支出比项目支出多的', '基本支出多于项目支出的', '项目支出超过基本支出的': one column against another, row by row
_COL_VS = re.compile(rf"({_COLS})(?:的?(?:金额|数))?(比|大于|多于|超过|高于|少于|小于|低于)({_COLS})(?:的?(?:金额|数))?(多|大|高|少|小|低)?")
# '高于平均数的', '超过各类平均值的', '在平均水平以上的', '低于平均的'
_AVERAGE = re.compile(r"(高于|超过|大于|多于|低于|少于|小于|不到|不足)(?:各[类款项个]|所有[类款项个]?|全部)?(?:的)?平均(?:数|值|水平|金额|线)?"
                      r"|平均(?:数|值|水平|金额|线)(以上|以下)")


def column_compare(text: str) -> tuple[str, str, bool] | None:
    """The two columns a question compares row by row and whether the first must be the larger
    ('基本支出比项目支出多的有几行' → 基本支出, 项目支出, True), or None."""
    m = _COL_VS.search(text)
    if not m or m.group(1) == m.group(3):
        return None
    if m.group(2) == "比":
        if not m.group(4):
            return None
        return m.group(1), m.group(3), m.group(4) in "多大高"
    return m.group(1), m.group(3), m.group(2) in ("大于", "多于", "超过", "高于")


def above_average(text: str) -> bool | None:
    """True when the rows above the average are asked ('高于平均数的有几个'), False below, None neither."""
    m = _AVERAGE.search(text)
    if not m:
        return None
    return (m.group(1) or m.group(2)) in ("高于", "超过", "大于", "多于", "以上")


def average_free(text: str) -> str:
    """The text without the words that ask for rows above or below the average ('按平均每个项目的金额算，…高于平均数')."""
    return re.sub(r"按?(?:平均)?每个?(?:项目|科目)?的?(?:平均)?(?:金额|数)?(?:算|计算|来算|衡量)|" + _AVERAGE.pattern, " ", text)


def column_rows(text: str, df: DocFacts) -> list[TableFact] | None:
    """'项目支出里哪一项最大': the 项 rows' cells in that column of the 支出总表, when the
    document has no project table to rank instead; None when the question names no such column."""
    m = re.search(r"(项目支出)(?:的)?(?:里|中|下面|当中|里面|之中)", text)  # (基本支出里: its 经济分类 rows)
    if not m or any("项目" in f.table_title and "绩效" not in f.table_title
                                                  and f.unit in calc.UNITS_IN_YUAN for f in df.facts):
        return None
    from assistant.citing import _table_bonus
    from assistant.rowsets import subject_level
    level = subject_level(text) or 7
    pool = [f for f in df.facts if len(f.subject_code) == level and f.value and f.column.split("/")[-1] == m.group(1)]
    tables = sorted({f.table_no for f in pool}, key=lambda n: -_table_bonus(next(x.table_title for x in pool if x.table_no == n)))
    return [f for f in pool if f.table_no == tables[0]] if tables else None


def leaf_rows(pool: list[TableFact]) -> list[TableFact]:
    """Rows that head no other row: without a 类 name of the 经济分类 or a code that prefixes another."""
    from assistant.econ import ECON_CLASSES
    from assistant.understand import label_core
    codes = {f.subject_code for f in pool if f.subject_code}
    return [f for f in pool if label_core(f.row_label) not in ECON_CLASSES
            and not any(c != f.subject_code and f.subject_code and c.startswith(f.subject_code) for c in codes)]


def by_columns(df: DocFacts, pool: list[TableFact], has: str, lacks: str) -> list[TableFact]:
    """The rows of pool whose own row has a cell in column `has` and none in column `lacks` ('' for either: no test)."""
    if not (has or lacks):
        return pool
    held = {(f.table_no, f.row_no, f.column.split("/")[-1]) for f in df.facts if f.value}
    return [f for f in pool if (not has or (f.table_no, f.row_no, has) in held)
            and (not lacks or (f.table_no, f.row_no, lacks) not in held)]
