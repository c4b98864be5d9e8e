"""Percentage points: the gap between two shares ('人员经费占比比公用经费占比高几个百分点'), one share in
two years ('…的比重，2025年比2024年提高了几个百分点') or in two bodies ('哪家…占比更高？高几个百分点').
Each share is asked of the documents as its own question, and the answer shows both and their gap."""
from __future__ import annotations

import re
from decimal import Decimal

from assistant.answer import Answer, Calculation
from assistant.understand import parse

POINTS = re.compile(r"百分点")
# 'A占比比B占比高几个百分点', 'A的占比比B的高出几个百分点'
_TWO_PARTS = re.compile(r"(?P<a>[\u4e00-\u9fff（）()]{2,14}?)(?:的)?(?:占比|比重|所占比重|占的比重)(?:要)?比(?P<b>[\u4e00-\u9fff（）()]{2,14}?)"
                        r"(?:的)?(?:占比|比重)?(?:要)?(?:高|低|多|少|大|小)(?:出|了)?(?:几|多少)")
# 'A占W的比重比B高几个百分点'
_TWO_PARTS_OF = re.compile(r"(?P<a>[\u4e00-\u9fff（）()]{2,14}?)占(?P<w>[\u4e00-\u9fff（）()]{2,14}?)的(?:比重|比例)(?:要)?比"
                           r"(?P<b>[\u4e00-\u9fff（）()]{2,14}?)(?:的)?(?:高|低|多|少|大|小)(?:出|了)?(?:几|多少)")
_YEARS_GAP = re.compile(r"[，,]?\s*(20\d\d)\s*年?(?:比|较|相比|对比)(20\d\d)\s*年?(?:的)?(?:提高|上升|增加|增长|下降|降低|减少|变化|变动|变|高|低)"
                        r"(?:了)?(?:几|多少)个?百分点[？?。]?")


class Points:
    """Mixed into Engine: points() answers a question in percentage points, or returns None."""

    def points(self, question: str, context: dict | None, scope: list[str] | None) -> Answer | None:
        if not POINTS.search(question):
            return None
        pair = self._point_pair(question)
        if pair is None:
            return None
        (qa, la), (qb, lb), signed = pair
        a, b = self._guarded(qa, context, scope), self._guarded(qb, context, scope)  # type: ignore[attr-defined]
        if not (a.answerable and b.answerable and a.unit == "%" and b.unit == "%") or a.value is None or b.value is None:
            return None
        if not signed and Decimal(a.value) < Decimal(b.value):  # (the higher share first: a gap, never a false sign)
            (a, la), (b, lb) = (b, lb), (a, la)
        gap = Decimal(a.value) - Decimal(b.value)
        expr = f"{la} {a.value}% − {lb} {b.value}% = {gap}个百分点"
        cits = list(a.citations) + list(b.citations)
        calc_ = Calculation(expr, gap, "个百分点", tuple(cits))
        text = (f"{la}为 {a.value}%，{lb}为 {b.value}%，{la}{'高' if gap >= 0 else '低'} {abs(gap)} 个百分点。计算：{expr}。"
                f"（{a.text.split('。')[0]}；{b.text.split('。')[0]}）")
        return Answer(text=text, value=gap, unit="个百分点", citations=cits, calculation=calc_, kind="diff")

    @staticmethod
    def _point_pair(question: str):
        """((first question, its name), (second question, its name), keep the sign) or None."""
        t = re.sub(r"[？?。]\s*$", "", question.strip())
        m = _TWO_PARTS_OF.search(t)
        if m:
            head = t[:m.start()]
            return ((head + f"{m['a']}占{m['w']}的比重是多少", m["a"]), (head + f"{m['b']}占{m['w']}的比重是多少", m["b"]), False)
        m = _TWO_PARTS.search(t)
        if m:
            head = t[:m.start()]
            return ((head + f"{m['a']}占比是多少", m["a"]), (head + f"{m['b']}占比是多少", m["b"]), False)
        m = _YEARS_GAP.search(t)
        if m:
            rest = re.sub(r"20\d\d\s*年度?", "", t[:m.start()] + t[m.end():]).strip("，, ")
            later, earlier = m.group(1), m.group(2)
            signed = bool(re.search(r"变化|变动", m.group(0)))
            return ((f"{later}年{rest}是多少", f"{later}年"), (f"{earlier}年{rest}是多少", f"{earlier}年"), signed)
        q = parse(question)
        if len(q.orgs) >= 2 and re.search(r"占比|比重|比例|占", t):
            # 'A和B相比，哪家…占比更高？高几个百分点': the share in each body's document
            core = re.split(r"[？?]", t)[0]
            for o in q.orgs[:2]:
                core = core.replace(o, " ")
            core = re.sub(r"20\d\d\s*年度?(?:部门)?(?:预算|决算)?|[和与跟同]\s*(?=\s|相比)|相比|哪家|哪个|谁的?|更高|更低|更大|更小|高几个百分点.*$", " ", core)
            core = re.sub(r"^[\s，,的]+|[\s，,]+$", "", re.sub(r"\s+", " ", core))
            years = re.findall(r"20\d\d", t)
            names = []
            for i, o in enumerate(q.orgs[:2]):
                y = f"{years[i]}年" if len(years) >= 2 else (f"{years[0]}年" if years else "")
                names.append((f"{o}{y}{core}是多少", f"{o}{y}"))
            return names[0], names[1], False
        return None
