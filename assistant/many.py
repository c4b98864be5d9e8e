"""One figure across three or more bodies the question names: '万里街道2025年、普陀区司法局2026年、上海市财政局
2025年这三家的三公经费加起来', '…这三个预算单位，平均每家的基本支出', '…三家的公务接待费合计里，上海市财政局占了
多少', '…哪一家的机关运行经费最多'.

The figure is asked of each named document alone (the question without the bodies, within that document);
the answer sums, averages, ranks or takes one body's share of them, every figure cited and the formula
shown. When any body's figure cannot be found the question is refused: a total of fewer bodies than
named would read as the answer.
"""
from __future__ import annotations

import re
from decimal import Decimal

from assistant import calculator as calc
from assistant.answer import Answer, Calculation, refusal
from assistant.checks import in_asked_unit
from assistant.citing import _name, decimals_asked, strip_body
from assistant.understand import parse

_SUM = re.compile(r"加起来|加在一起|合起来|合计|一共|总共|之和|总和|累计")
_MEAN = re.compile(r"平均(?:每家|每个|一家|每个单位|下来)?|每家平均")
_TOP = re.compile(r"(?:哪(?:一)?(?:家|个)(?:单位)?|谁)[^，,。？?]{0,12}?最(?P<w>多|大|高|少|小|低|省)|最(?P<w2>多|大|高|少|小|低|省)的是(?:哪|谁)")
_SHARE = re.compile(r"[，,]\s*(?P<who>[^，,。？?]{2,12}?)(?:一家)?(?:占了?|所占)(?:多少|百分之几|几成|比重|比例)")
_GROUP = r"(?:这|那)?(?:[三四五六七八九几]|好几)(?:家|个)(?:单位|预算单位|部门)?(?:的)?|各自|分别|每家"


class ManyBodies:
    """Mixed into Engine: across_many() answers one figure over three or more named bodies."""

    def across_many(self, question: str, context: dict | None, scope: list[str] | None) -> Answer | None:
        if not (_SUM.search(question) or _MEAN.search(question) or _TOP.search(question)):
            return None
        share = _SHARE.search(question)
        q = parse(question[:share.start()] if share else question)
        if len(set(q.orgs)) < 3:
            return None
        docs, problem = self.select(q, context or {}, scope)  # type: ignore[attr-defined]
        if problem is not None or len({d.department for d in docs}) < 3:
            return None
        words = q.text  # (as read: '万里街道（2025年预算）' is 万里街道2025年)
        for d in docs:
            words = strip_body(re.sub(r"20\d\d\s*(?:年度?)?", " ", words), d)
        words = re.sub(_GROUP + "|" + _SUM.pattern + "|" + _MEAN.pattern + r"|哪(?:一)?(?:家|个)(?:单位)?|谁的?|比较|最(?:多|大|高|少|小|低|省)(?:的是)?"
                       r"|是多少|多少|几|[？?。，,、和与及]|^的|的$", " ", words)
        words = re.sub(r"(?:^|\s)[里中](?=\s|$)", " ", words)
        # (the unit asked is applied to the result; '预算里披露的' names where, not what)
        words = re.sub(r"亿元|万元|元|(?:^|\s)(?:部门)?(?:预算|决算)(?:里|中)?(?:披露|公开|列|写)?(?:出)?的?(?=\s|$)", " ", words)
        words = re.sub(r"\s+", " ", words).strip(" 的")
        if len(re.sub(r"[^\u4e00-\u9fff]", "", words)) < 2:
            return None
        got: list[tuple] = []
        counter = re.search(r"(?:几|多少)(辆|个|人|名|家|项|台|套)", q.text)  # ('车辆一共几辆': a count, asked as one)
        ask = f"有几{counter.group(1)}" if counter else "是多少"
        words = re.sub(rf"\s*{counter.group(1)}$", "", words) if counter else words
        for d in docs:
            ans = self._guarded(words + ask, None, [d.doc_id])  # type: ignore[attr-defined]
            if not ans.answerable or ans.value is None:
                return refusal(f"{_name(d)}中的“{words}”（{len(docs)}家单位中这一家找不到，不能只算其余几家）")
            got.append((d, ans))
        units = {a.unit for _, a in got}
        if not (units <= set(calc.UNITS_IN_YUAN) or len(units) == 1):
            return None
        ops = [calc.Operand(Decimal(a.value), a.unit, a.citations[0] if a.citations else None, _name(d)) for d, a in got]
        cites = [c for _, a in got for c in a.citations[:1]]
        listing = "；".join(f"{_name(d)} {a.value}{a.unit}" for d, a in got)
        if _TOP.search(question):
            m = _TOP.search(question)
            low = (m.group("w") or m.group("w2")) in ("少", "小", "低", "省")
            unit = ops[0].unit if len(units) == 1 else "万元"
            key = [calc.convert(o.value, o.unit, unit) if unit in calc.UNITS_IN_YUAN else o.value for o in ops]
            i = min(range(len(ops)), key=lambda k: key[k]) if low else max(range(len(ops)), key=lambda k: key[k])
            d, a = got[i]
            return Answer(text=f"{words}{'最少' if low else '最多'}的是{_name(d)}：{a.value}{a.unit}（{listing}）。",
                          value=Decimal(a.value), unit=a.unit, citations=[c for c in a.citations[:1]] + [c for j, (_, b) in enumerate(got) if j != i for c in b.citations[:1]],
                          kind="rank")
        c = calc.total(ops)
        if c.unit not in calc.UNITS_IN_YUAN and all(o.value == o.value.to_integral() for o in ops):
            # ('车辆一共几辆'): things counted add up in whole numbers (8 + 3 + 0 = 11辆, never 11.00辆)
            whole = c.result.to_integral()
            c = Calculation(" + ".join(f"{o.label}{o.value.to_integral()}" for o in ops) + f" = {whole}{c.unit}",
                            whole, c.unit, c.inputs)
        if share:
            who = share.group("who")
            mine = [k for k, (d, _) in enumerate(got) if who in _name(d) or who in d.department or strip_body(who, d) != who]
            if len(mine) != 1:
                return None
            s = calc.share(ops[mine[0]], calc.Operand(c.result, c.unit, None, "合计"))
            expr = f"{c.expression}；{s.expression}"
            ans = Answer(text=f"{words}：{listing}，合计 {c.result}{c.unit}；{_name(got[mine[0]][0])}占 {calc.q2(s.result)}%。计算：{expr}",
                         value=calc.q2(s.result), unit="%", citations=cites, kind="ratio",
                         calculation=Calculation(expr, calc.q2(s.result), "%", tuple(cites)))
            return decimals_asked(ans, question)
        if _MEAN.search(question) and not _SUM.search(question):
            m = calc.per_item(calc.Operand(c.result, c.unit, None, "合计"), calc.Operand(Decimal(len(ops)), "家", None, "单位数"))
            expr = f"{c.expression}；{m.expression}"
            ans = Answer(text=f"{words}：{listing}，{len(ops)}家平均 {m.result}{m.unit}。计算：{expr}", value=m.result, unit=m.unit,
                         citations=cites, kind="average", calculation=Calculation(expr, m.result, m.unit, tuple(cites)))
        else:
            ans = Answer(text=f"{words}：{listing}，{len(ops)}家合计 {c.result}{c.unit}。计算：{c.expression}", value=c.result,
                         unit=c.unit, citations=cites, kind="sum", calculation=c)
        return decimals_asked(in_asked_unit(ans, question), question)
