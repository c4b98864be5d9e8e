"""Decimal arithmetic on cited facts; a whitelisted expression evaluator, never eval()."""
from __future__ import annotations

import ast
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from assistant.answer import Calculation, Citation
from ingest.model import UNITS_IN_YUAN

TWO = Decimal("0.01")


class CalculatorError(Exception):
    """An expression or input the calculator refuses; the message says which."""


@dataclass(frozen=True, slots=True)
class Operand:
    """A number with its unit and where it came from."""

    value: Decimal
    unit: str
    citation: Citation | None = None
    label: str = ""


def convert(value: Decimal, unit: str, to: str) -> Decimal:
    """Money between 元 / 万元 / 亿元, exactly."""
    if unit == to:
        return value
    if unit not in UNITS_IN_YUAN or to not in UNITS_IN_YUAN:
        raise CalculatorError(f"不能把 {unit} 换算成 {to}")
    return value * UNITS_IN_YUAN[unit] / UNITS_IN_YUAN[to]


def q2(x: Decimal) -> Decimal:
    """Round half-up to 2 decimals, as budget tables print."""
    return x.quantize(TWO, rounding=ROUND_HALF_UP)


def fmt(x: Decimal) -> str:
    """A Decimal printed with 2 decimals (or as an integer when whole and large)."""
    return f"{q2(x):,.2f}".replace(",", "")


def _common(ops: list[Operand]) -> str:
    units = {o.unit for o in ops}
    if len(units) == 1:
        return units.pop()
    if units <= set(UNITS_IN_YUAN):
        return "万元"
    raise CalculatorError(f"单位不一致：{'、'.join(sorted(units))}")


def _inputs(ops: list[Operand]) -> tuple[Citation, ...]:
    return tuple(o.citation for o in ops if o.citation is not None)


def _in(unit: str, ops: list[Operand]) -> str:
    """'（均折合为万元）' when the operands were printed in different units and were converted."""
    return f"（均折合为{unit}）" if len({o.unit for o in ops}) > 1 else ""


def _name(o: Operand) -> str:
    return f"{o.label}{fmt(o.value)}" if o.label else fmt(o.value)


def total(ops: list[Operand]) -> Calculation:
    """Sum of several cited amounts (converted to a common unit)."""
    if not ops:
        raise CalculatorError("没有可相加的数")
    unit = _common(ops)
    vals = [convert(o.value, o.unit, unit) for o in ops]
    result = sum(vals, Decimal(0))
    expr = " + ".join(_name(Operand(v, unit, None, o.label)) for v, o in zip(vals, ops))
    return Calculation(f"{expr} = {fmt(result)}{unit}", q2(result), unit, _inputs(ops))


def difference(a: Operand, b: Operand) -> Calculation:
    """a − b in a common unit."""
    unit = _common([a, b])
    va, vb = convert(a.value, a.unit, unit), convert(b.value, b.unit, unit)
    result = va - vb
    return Calculation(f"{_name(Operand(va, unit, None, a.label))} − {_name(Operand(vb, unit, None, b.label))}"
                       f" = {fmt(result)}{unit}", q2(result), unit, _inputs([a, b]))


def per_item(amount: Operand, count: Operand, unit: str | None = None) -> Calculation:
    """An amount ÷ a count of people, firms or items (average per one), in `unit` (default the amount's)."""
    unit = unit or amount.unit
    if not count.value:
        raise CalculatorError("人数或个数为 0，无法计算平均数")
    value = convert(amount.value, amount.unit, unit)
    result = q2(value / count.value)
    expr = (f"{amount.label}{amount.value}{amount.unit}" + (f"（= {value.normalize():f}{unit}）" if unit != amount.unit else "")
            + f" ÷ {count.label}{count.value.normalize():f}{count.unit} = {result}{unit}")
    return Calculation(expr, result, unit, _inputs([amount, count]))


def ratio(a: Operand, b: Operand) -> Calculation:
    """a ÷ b as a plain ratio."""
    unit = _common([a, b])
    va, vb = convert(a.value, a.unit, unit), convert(b.value, b.unit, unit)
    if vb == 0:
        raise CalculatorError("分母为 0，无法计算比例")
    result = va / vb
    return Calculation(f"{_name(Operand(va, unit, None, a.label))} ÷ {_name(Operand(vb, unit, None, b.label))}"
                       f"{_in(unit, [a, b])} = {result.quantize(Decimal('0.0001'))}",
                       result.quantize(Decimal("0.0001"), rounding=ROUND_HALF_UP), "", _inputs([a, b]))


def share(part: Operand, whole: Operand) -> Calculation:
    """part ÷ whole × 100, in %."""
    unit = _common([part, whole])
    vp, vw = convert(part.value, part.unit, unit), convert(whole.value, whole.unit, unit)
    if vw == 0:
        raise CalculatorError("分母为 0，无法计算占比")
    result = vp / vw * 100
    return Calculation(f"{_name(Operand(vp, unit, None, part.label))} ÷ {_name(Operand(vw, unit, None, whole.label))}"
                       f"{_in(unit, [part, whole])} × 100% = {fmt(result)}%", q2(result), "%",
                       _inputs([part, whole]))


def pct_change(new: Operand, old: Operand) -> Calculation:
    """(new − old) ÷ old × 100, in %."""
    unit = _common([new, old])
    vn, vo = convert(new.value, new.unit, unit), convert(old.value, old.unit, unit)
    if vo == 0:
        raise CalculatorError("基数为 0，无法计算增长率")
    result = (vn - vo) / vo * 100
    n, o = _name(Operand(vn, unit, None, new.label)), _name(Operand(vo, unit, None, old.label))
    return Calculation(f"({n} − {o}) ÷ {o}{_in(unit, [new, old])} × 100% = {fmt(result)}%",
                       q2(result), "%", _inputs([new, old]))


_ALLOWED = (ast.Expression, ast.BinOp, ast.UnaryOp, ast.Constant, ast.Add, ast.Sub, ast.Mult,
            ast.Div, ast.USub, ast.UAdd)


def evaluate(expression: str) -> Decimal:
    """Evaluate + − × ÷ and parentheses over decimal literals; anything else is refused."""
    expr = expression.replace("×", "*").replace("÷", "/").replace("−", "-").replace(",", "")
    if len(expr) > 500:
        raise CalculatorError("表达式太长")
    try:
        tree = ast.parse(expr, mode="eval")
    except SyntaxError as exc:
        raise CalculatorError(f"无法解析表达式：{expression!r}") from exc
    for node in ast.walk(tree):
        if not isinstance(node, _ALLOWED):
            raise CalculatorError(f"表达式中不允许 {type(node).__name__}：{expression!r}")
        if isinstance(node, ast.Constant) and not isinstance(node.value, (int, float)):
            raise CalculatorError(f"表达式中只允许数字：{expression!r}")

    def ev(n: ast.AST) -> Decimal:
        if isinstance(n, ast.Expression):
            return ev(n.body)
        if isinstance(n, ast.Constant):
            return Decimal(str(n.value))
        if isinstance(n, ast.UnaryOp):
            v = ev(n.operand)
            return -v if isinstance(n.op, ast.USub) else v
        a, b = ev(n.left), ev(n.right)
        if isinstance(n.op, ast.Add):
            return a + b
        if isinstance(n.op, ast.Sub):
            return a - b
        if isinstance(n.op, ast.Mult):
            return a * b
        if b == 0:
            raise CalculatorError("除数为 0")
        return a / b

    try:
        return ev(tree)
    except InvalidOperation as exc:
        raise CalculatorError(f"无法计算：{expression!r}") from exc


def calculator_tool():
    """The calculator as a LangChain tool (sum, difference, share, change over numbers)."""
    from langchain_core.tools import tool

    @tool
    def calculate(operation: str, numbers: list[str], unit: str = "万元") -> str:
        """Exact decimal arithmetic. operation: sum | difference | ratio | share | change.
        numbers: amounts as strings, in order (difference a-b, share part/whole, change new/old)."""
        try:
            ops = [Operand(Decimal(n.replace(",", "")), unit) for n in numbers]
            if operation == "sum":
                calc = total(ops)
            elif operation in ("difference", "share", "ratio", "change") and len(ops) == 2:
                fn = {"difference": difference, "share": share, "ratio": ratio, "change": pct_change}[operation]
                calc = fn(ops[0], ops[1])
            else:
                return f"error: unsupported operation {operation!r} for {len(ops)} numbers"
        except (CalculatorError, InvalidOperation) as exc:
            return f"error: {exc}"
        return f"{calc.expression} (result={calc.result} {calc.unit})"

    return calculate
