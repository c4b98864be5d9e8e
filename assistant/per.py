"""An amount per period or per organisational unit: '公务接待费平均每个月多少元', '按365天算平均每天多少元',
'机关运行经费平均到每个股室是多少万元', '按本部和下属预算单位平均，每家单位摊多少万元'.

The amount is asked as its own question (the question without its 'per' clause); the divisor is the
period (12 months, 365 days or the days the question states, 4 quarters) or the count of 股室 /
内设机构 / units / vehicles the same document states. The answer is the quotient with both figures
cited and the formula shown; when the count cannot be found the question is refused (the whole
amount would read as the answer).
"""
from __future__ import annotations

import re
from decimal import Decimal

from assistant import calculator as calc
from assistant.answer import Answer, Calculation, Citation, refusal
from assistant.citing import decimals_asked
from assistant.members import listed_units
from assistant.understand import parse

# a period: '平均每月', '每个月', '月均', '按月平均', '折算到每个月', '按365天算平均每天', '日均', '每季度'
_PERIOD = re.compile(r"(?:[，,]?\s*按\s*(?P<days>\d{3})\s*天(?:算|计|平均|来算)?[，,]?\s*)?(?:折算到|折合到?|平摊到|平均到|分摊到|摊到)?(?:平均)?"
                     r"(?P<p>每个?月|月均|每天|每日|日均|每个?季度|季均|按月(?=平均|均摊|算))(?:平均|均摊|算)?(?:下来)?(?:大概|大约|约)?")
# a unit of the body: group w
_WORD = r"(?P<w>股室|内设机构|处室|科室|内设部门|业务科室|预算单位|单位|辆车|辆公务用车|台车|车)"
_PER_UNIT = [
    re.compile(r"[，,]?\s*(?:平均)?(?:到|给|分到|摊到)?每(?:个|家|辆|一个|一家)?" + _WORD + r"(?:平均)?(?:是|摊|合|分|能分|能摊|大概|约)?"),
    re.compile(r"[，,]?\s*(?:按|以)(?P<own>本部(?:和|及|加)?)?(?:下属)?(?:预算)?" + _WORD + r"(?:数|个数|数量)?(?:来)?(?:平均|均摊|分摊|摊)[，,]?"
               r"\s*(?:(?:平均)?每(?:个|家|辆|一个|一家)?(?:单位|股室|内设机构|处室|科室|车|辆车)?(?:摊|合|分|是)?)?"),
]


def _period(m: re.Match) -> tuple[Decimal, str]:
    """The number of periods in a year and their name: (12, '个月'), (4, '个季度'), (365 or the days said, '天')."""
    p = m.group("p")
    if "月" in p:
        return Decimal(12), "个月"
    if "季" in p:
        return Decimal(4), "个季度"
    return Decimal(m.group("days") or "365"), "天"


# an average over rows the question lists or ranks: '那五个…（a、b、c），平均每项多少', '最多的三个项级科目，平均每个多少'
_PER_ROW = re.compile(r"[，,]?\s*(?:平均)(?:下来|算)?(?:到)?每(?:个|项|一项|一个|笔)(?:科目|项目|项)?(?:是|约|大概)?")


class PerUnit:
    """Mixed into Engine: per_unit() answers an amount per month, day, 股室, unit or vehicle."""

    def per_unit(self, question: str, context: dict | None, scope: list[str] | None) -> Answer | None:
        m = _PERIOD.search(question)
        unit_m = None if m else next((x for x in (p.search(question) for p in _PER_UNIT) if x), None)
        if m is None and unit_m is None:
            rows = _PER_ROW.search(question)
            return self._per_row(question, rows, context, scope) if rows is not None else None
        found = m or unit_m
        rest = (question[:found.start()] + question[found.end():]).strip()
        if not re.search(r"多少|几", rest):
            rest += "是多少"
        whole = self._guarded(rest, context, scope)  # type: ignore[attr-defined]
        if not whole.answerable or whole.value is None or whole.unit not in calc.UNITS_IN_YUAN:
            return None if m is not None else whole if not whole.answerable else None
        if m is not None:
            n, label = _period(m)
            count = calc.Operand(n, label, None, "")
            cites = list(whole.citations)
        else:
            got = self._units_count(question, rest, unit_m, context, scope)
            if isinstance(got, Answer):
                return got
            count, cites = got, list(whole.citations) + ([got.citation] if got.citation is not None else [])
        amount = calc.Operand(Decimal(whole.value), whole.unit, None, "")
        c = calc.per_item(amount, count)
        steps = f"{whole.calculation.expression}；{c.expression}" if whole.calculation is not None else c.expression
        per = f"每{count.unit}" if m is not None else f"每{count.unit}{unit_m.group('w')}"
        text = f"{whole.text.rstrip('。')}。{per}平均为 {c.result}{c.unit}。计算：{c.expression}"
        ans = Answer(text=text, value=c.result, unit=c.unit, citations=cites,
                     calculation=Calculation(steps, c.result, c.unit, tuple(cites)), kind="average")
        return decimals_asked(ans, question)

    def _per_row(self, question: str, m: re.Match, context, scope) -> Answer | None:
        """The rows' sum over their number, when the rest of the question sums two or more cited rows; the
        sum itself when it is 无（0）; None otherwise (a table's projects are averaged elsewhere)."""
        if re.search(r"绩效目标|年度资金总额|目标表", question):
            return None  # (the forms' amounts: averaged where the forms are read, assistant.averages)
        rest = (question[:m.start()] + question[m.end():]).strip(" ，,？?")
        rest = re.sub(r"(?:是|为)?(?:多少|几)(?:万元|亿元|元|钱)?$", "", rest) + "合计是多少" + \
            next((u for u in ("亿元", "万元", "元") if re.search(r"多少" + u, question)), "")
        whole = self._guarded(rest, context, scope)  # type: ignore[attr-defined]
        if whole.answerable and whole.value is not None and whole.value == 0:
            return whole  # ('政府性基金预算支出平均每项多少': there is none to average)
        if not whole.answerable or whole.value is None or whole.calculation is None or whole.unit not in calc.UNITS_IN_YUAN:
            return None
        first = whole.calculation.expression.split("；")[0].split("=")[0]  # (the sum; a conversion may follow)
        if "+" not in first or re.search(r"[÷×−]", first):
            return None
        c = calc.per_item(calc.Operand(Decimal(whole.value), whole.unit, None, "合计"),
                          calc.Operand(Decimal(first.count("+") + 1), "项", None, ""))
        steps = f"{whole.calculation.expression}；{c.expression}"
        ans = Answer(text=f"{whole.text.rstrip('。')}。平均每项为 {c.result}{c.unit}。计算：{c.expression}", value=c.result,
                     unit=c.unit, citations=list(whole.citations), kind="average",
                     calculation=Calculation(steps, c.result, c.unit, tuple(whole.citations)))
        return decimals_asked(ans, question)

    def _units_count(self, question: str, rest: str, m: re.Match, context, scope) -> calc.Operand | Answer:
        """The number of the units the question divides by, cited; a refusal when none is stated."""
        word = m.group("w")
        q = parse(rest)
        docs, problem = self.select(q, context or {}, scope)  # type: ignore[attr-defined]
        if problem is not None or len(docs) != 1:
            return problem or refusal(f"“{question.strip()}”所问的平均数：请写明单位和年度")
        if "单位" in word:
            listed = listed_units(self.lib.facts(docs[0].doc_id))  # type: ignore[attr-defined]
            if listed is not None:
                names, page = listed
                own = bool(m.groupdict().get("own")) or not re.search(r"下属", m.group(0))
                n = len(names) if own else len([x for x in names if not re.search(r"本部|本级", x)])
                cite = Citation(doc_id=docs[0].doc_id, source=docs[0].source, page=page, quote="；".join(names))
                return calc.Operand(Decimal(n), "家", cite, "单位数")
        noun = {"辆车": "车辆", "辆公务用车": "公务用车", "台车": "车辆", "车": "车辆"}.get(word, word)
        measure = "辆" if "车" in word else "个"
        body = "".join(q.orgs[:1]) + (f"{q.years[0]}年" if q.years else "")
        counted = self._guarded(f"{body}{noun}有几{measure}", context, scope)  # type: ignore[attr-defined]
        if not counted.answerable or counted.value is None or counted.unit in calc.UNITS_IN_YUAN or not counted.value:
            return refusal(f"“{question.strip()}”所问的平均数：没能找到{noun}的个数，请写明按哪一个数平均")
        return calc.Operand(Decimal(counted.value), counted.unit or measure, counted.citations[0] if counted.citations else None, noun)
