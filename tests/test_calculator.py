"""assistant.calculator: exact Decimal arithmetic with formulas; no eval of arbitrary text."""
from decimal import Decimal

import pytest

from assistant.calculator import CalculatorError, Operand, convert, evaluate, pct_change, share, total


def test_share_prints_formula_and_rounds_half_up():
    c = share(Operand(Decimal("971.43"), "万元", None, "项目支出"), Operand(Decimal("1301.09"), "万元", None, "合计"))
    assert c.result == Decimal("74.66") and c.unit == "%"
    assert c.expression == "项目支出971.43 ÷ 合计1301.09 × 100% = 74.66%"


def test_sum_converts_units_and_change_in_percent():
    c = total([Operand(Decimal("240390.12"), "元"), Operand(Decimal("1.86"), "万元")])
    assert c.unit == "万元" and c.result == Decimal("25.90")
    assert pct_change(Operand(Decimal("19.16"), "万元"), Operand(Decimal("17.78"), "万元")).result == Decimal("7.76")
    assert convert(Decimal("1301.09"), "万元", "元") == Decimal("13010900")


def test_evaluate_refuses_anything_but_arithmetic():
    assert evaluate("(1301.09 - 329.65) / 2") == Decimal("485.72")
    for bad in ("__import__('os')", "a + 1", "2 ** 10", "'x' * 3"):
        with pytest.raises(CalculatorError):
            evaluate(bad)


def test_per_item_divides_an_amount_by_a_count_with_its_formula():
    from decimal import Decimal as D

    from assistant import calculator as calc
    c = calc.per_item(calc.Operand(D("99.624"), "万元", None, "遗属补助"), calc.Operand(D("12"), "人", None, "人数"), "元")
    assert c.result == D("83020.00") and c.unit == "元"
    assert c.expression == "遗属补助99.624万元（= 996240元） ÷ 人数12人 = 83020.00元"
    with pytest.raises(calc.CalculatorError):
        calc.per_item(calc.Operand(D("1"), "元"), calc.Operand(D("0"), "人"))
