"""What-if questions that still have one answer computed from the documents:

- a cut: '三公经费要是压减10%，能省下多少', '项目支出如果压减30%，全年总支出还剩多少', '因公出国（境）费要是砍掉一半，
  三公经费还剩多少' — the item × the share cut, or the whole less it;
- the same change again: '如果2027年再按同样的增幅增长，会是多少', '按同样的增加额推算2025年', '再减少跟今年同样多
  的钱，还剩多少' — the figure times its own growth ratio (the two years' figures when both are loaded, else
  the rate the document states), or plus / minus its change;
- a share to reach: '要是想让基本支出占到总支出的40%，还得再加多少' — the share of the whole less the part.

Every figure is asked of the documents as its own question and cited; the assumption is the asker's and
is said in the answer with the formula.
"""
from __future__ import annotations

import re
from decimal import Decimal

from assistant import calculator as calc
from assistant.answer import Answer, Calculation
from assistant.checks import in_asked_unit
from assistant.citing import decimals_asked
from assistant.understand import cn_number

_IF = r"(?:如果|要是|假如|假设|若是?|倘若)?"
_PCT = r"(?P<p>\d+(?:\.\d+)?\s*%|百分之[一二三四五六七八九十\d]+|一半|[一二三四五六七八九]成)"
_CUT = re.compile(r"(?P<x>[^，,。？?]{2,40}?)\s*" + _IF + r"(?:再)?(?:压减|削减|砍掉|砍|减掉|压缩|缩减|压掉|降低|减少|少花|省下?)(?:了|掉)?\s*" + _PCT)
_SAVED = re.compile(r"(?:能|可以|可)?(?:省下?|节约|节省|少花|减少)(?:了)?(?:下来)?(?:多少|几)")
_LEFT = re.compile(r"[，,]\s*(?P<y>[^，,。？?]{0,20}?)(?:还剩|会变成|变成|会是|就是|会变为|变为|剩下|会有)(?:多少|几)")
_AGAIN = re.compile(r"(?:同样|相同|一样|同等)的?(?P<k>增幅|增长率|涨幅|增速|增长速度|幅度|降幅|比例|增加额|增量|增加的?钱|数额|额度)"
                    r"|(?:再|又)(?P<d>减少|增加|多|少)(?:了)?(?:跟|和|与)?(?:今年|本年|上年|去年)?(?:同样|一样|相同)多的?(?:钱|数)?")
_TARGET = re.compile(r"(?:要是|如果|假如)?(?:想|要)?(?:让)?(?P<a>[^，,。？?]{2,24}?)(?:要)?占(?:到)?(?P<b>[^，,。？?]{2,16}?)的\s*" + _PCT
                     + r"[，,]?\s*(?P<a2>[^，,。？?]{0,12}?)(?:还得|还要|还需|还需要|还差|得|需要)(?:再)?(?:加|增加|多|补|增)?(?:多少|几)")
_YEAR = re.compile(r"20\d\d年?度?")


def _rate(p: str) -> Decimal:
    p = p.replace(" ", "")
    if p.endswith("%"):
        return Decimal(p[:-1]) / 100
    if p == "一半":
        return Decimal("0.5")
    if p.endswith("成"):
        return Decimal(cn_number(p[0]) or 0) / 10
    n = p[3:]
    return Decimal(int(n) if n.isdigit() else (cn_number(n) or 0)) / 100


def _pct(r: Decimal) -> str:
    """0.3 → '30'."""
    return f"{(r * 100).normalize():f}"


def _head(text: str) -> str:
    """The body and year a clause opens with ('司法局2026年公务用车运行费' → 司法局2026年)."""
    m = None
    for m in _YEAR.finditer(text):
        pass
    return text[:m.end()] if m else ""


class Scenarios:
    """Mixed into Engine: scenario() answers a what-if question from the documents' figures."""

    def scenario(self, question: str, context: dict | None, scope: list[str] | None) -> Answer | None:
        if not re.search(r"如果|要是|假如|假设|若|倘若|按同样|按相同|按一样|推算|再按|想让|要占|占到", question):
            return None
        t = _TARGET.search(question)
        if t:
            return self._to_target(question, t, context, scope)
        c = _CUT.search(question)
        if c:
            return self._cut(question, c, context, scope)
        a = _AGAIN.search(question)
        if a:
            return self._again(question, a, context, scope)
        return None

    def _ask(self, q: str, context, scope) -> Answer | None:
        ans = self._guarded(q, context, scope)  # type: ignore[attr-defined]
        return ans if ans.answerable and ans.value is not None else None

    def _done(self, question: str, base: list[Answer], value: Decimal, unit: str, expr: str, said: str) -> Answer:
        cites = [c for b in base for c in b.citations[:2]]
        value = calc.q2(value)
        found = "；".join(b.text.split("。")[0] for b in base)
        text = f"{said}：{value}{unit}（假设是提问人的，不是文件的）。依据：{found}。计算：{expr}"
        ans = Answer(text=text, value=value, unit=unit, citations=cites, kind="calc",
                     calculation=Calculation(expr, value, unit, tuple(cites)))
        return decimals_asked(in_asked_unit(ans, question), question)

    def _cut(self, question: str, c: re.Match, context, scope) -> Answer | None:
        x_clause = c.group("x").strip(" ，,的")
        x = self._ask(x_clause + "是多少", context, scope)
        if x is None or x.unit not in calc.UNITS_IN_YUAN:
            return None
        r = _rate(c.group("p"))
        cut = Decimal(x.value) * r
        after = question[c.end():]
        if _SAVED.search(after):
            return self._done(question, [x], cut, x.unit, f"{x.value}{x.unit} × {_pct(r)}% = {calc.q2(cut)}{x.unit}",
                              f"按压减{_pct(r)}%计，可少支出")
        left = _LEFT.search(after)
        y_name = left.group("y").strip(" 的") if left else ""
        if not y_name or y_name in x_clause or re.fullmatch(r"(?:它|其|这项|这个|这笔)?", y_name):
            rest = Decimal(x.value) - cut
            return self._done(question, [x], rest, x.unit, f"{x.value}{x.unit} × (1 − {_pct(r)}%) = {calc.q2(rest)}{x.unit}",
                              f"按压减{_pct(r)}%计，剩下")
        y = self._ask(_head(x_clause) + y_name + "是多少", context, scope)
        if y is None or y.unit not in calc.UNITS_IN_YUAN:
            return None
        yv = calc.convert(Decimal(y.value), y.unit, x.unit)
        rest = yv - cut
        return self._done(question, [y, x], rest, x.unit,
                          f"{yv.normalize():f}{x.unit} − {x.value}{x.unit} × {_pct(r)}% = {calc.q2(rest)}{x.unit}",
                          f"{y_name}（其中{x_clause[len(_head(x_clause)):]}压减{_pct(r)}%）")

    def _again(self, question: str, a: re.Match, context, scope) -> Answer | None:
        years = sorted({int(y[:4]) for y in re.findall(r"20\d\d", question)})
        cut = re.split(r"比|如果|要是|假如|假设|[，,]", question, maxsplit=1)[0]
        # ('万里街道的机关运行经费2024到2025年涨了'): the body and the item without years and the change said
        core = re.sub(r"20\d\d年?度?(?:到|至|—|-|－)?|(?:的)?(?:涨|增|减|降|多|少|翻)[^，,。]*$", "", cut).strip(" 的")
        if len(re.sub(r"[^\u4e00-\u9fff]", "", core)) < 2:
            return None
        tail = re.search(r"[，,]\s*([^，,。？?]{2,16}?)(?:大概|大约|约|会|将|能|就)?(?:是|到|达到|变成|为|有)(?:多少|几)", question[a.end():])
        named = re.sub(r"^(?:那么|那|则)|(?:会|将|能|大概|大约)$", "", tail.group(1)) if tail else ""
        if named and not _YEAR.search(named) and named not in core:
            core += named  # ('万里街道如果…同样的增长率增长，总预算大概是多少': the item is named after the assumption)
        item = core
        found = {y: got for y in years if (got := self._ask(f"{y}年{core}是多少", context, scope)) is not None}  # (each year asked once)
        if not found:
            return None
        cur_y = max(found)
        cur = found[cur_y]
        prev_y = max((y for y in years if y < cur_y), default=cur_y - 1)
        prev = found.get(prev_y)
        rate_kind = a.group("k") and not re.search(r"额|量|钱|数额", a.group("k"))
        cv = Decimal(cur.value)
        if prev is not None and prev.unit in calc.UNITS_IN_YUAN and cur.unit in calc.UNITS_IN_YUAN:
            pv = calc.convert(Decimal(prev.value), prev.unit, cur.unit)
            if rate_kind and pv:
                new = cv * cv / pv
                expr = f"{cv.normalize():f} × ({cv.normalize():f} ÷ {pv.normalize():f}) = {calc.q2(new)}{cur.unit}"
            else:
                sign = -1 if a.group("d") in ("减少", "少") else 1
                new = cv + sign * abs(cv - pv)
                expr = f"{cv.normalize():f} {'−' if sign < 0 else '+'} |{cv.normalize():f} − {pv.normalize():f}| = {calc.q2(new)}{cur.unit}"
            base = [cur, prev]
        else:
            if rate_kind:
                ch = self._ask(f"{cur_y}年{core}比上年增长了百分之几", context, scope) or \
                    self._ask(f"{cur_y}年{core}比上年执行数增长了百分之几", context, scope)
                if ch is None or ch.unit != "%":
                    return None
                r = Decimal(ch.value) / 100 * (-1 if re.search(r"下降|减少", ch.text.split("。")[0]) and ch.value > 0 else 1)
                new = cv * (1 + r)
                expr = f"{cv.normalize():f} × (1 {'+' if r >= 0 else '−'} {abs(r * 100).normalize():f}%) = {calc.q2(new)}{cur.unit}"
            else:
                ch = self._ask(f"{cur_y}年{core}比上年增加了多少", context, scope)
                if ch is None or ch.unit not in calc.UNITS_IN_YUAN:
                    return None
                d = calc.convert(Decimal(ch.value), ch.unit, cur.unit)
                down = a.group("d") in ("减少", "少") or re.search(r"减少|下降", ch.text.split("。")[0])
                new = cv - abs(d) if down else cv + abs(d)
                expr = f"{cv.normalize():f} {'−' if down else '+'} {abs(d).normalize():f} = {calc.q2(new)}{cur.unit}"
            base = [cur, ch]
        return self._done(question, base, new, cur.unit, expr, f"按同样的变化推算，{item}")

    def _to_target(self, question: str, t: re.Match, context, scope) -> Answer | None:
        head = _head(question[:t.end()])
        a_name = re.sub(r"^(?:要是|如果|假如)?(?:想|要)?让?", "", re.sub(r"^.*20\d\d年?度?(?:的)?", "", t.group("a"))).strip()
        part = self._ask(f"{head}{a_name}是多少", context, scope)
        whole = self._ask(f"{head}{t.group('b')}是多少", context, scope)
        if part is None or whole is None or part.unit not in calc.UNITS_IN_YUAN or whole.unit not in calc.UNITS_IN_YUAN:
            return None
        r = _rate(t.group("p"))
        wv = calc.convert(Decimal(whole.value), whole.unit, part.unit)
        need = wv * r - Decimal(part.value)
        expr = f"{wv.normalize():f} × {_pct(r)}% − {part.value} = {calc.q2(need)}{part.unit}"
        return self._done(question, [part, whole], need, part.unit, expr, f"要使{a_name}占{t.group('b')}的{_pct(r)}%，还需增加")
