"""Quiz forms of a question: a blank to fill ('三公经费预算是（  ）万元'), a choice among options ('下列哪项最大？
A.人民调解 B.法律援助 C.…'), a statement to judge ('判断：…有三公经费预算。（对/错）').

A blank is read as the question word it stands for ('（  ）家' → 几家, '（  ）%' → 百分之多少). A choice is
answered among its options only: each option's figure is asked of the same document and the largest or
smallest named, or the option equal to the figure found; the answer names the letter and the option. A
statement is asked as a question and judged by the figure found (有X but X is 无 → 错), else left to the
figure and its citation.
"""
from __future__ import annotations

import dataclasses
import re
from decimal import Decimal, InvalidOperation

from assistant import calculator as calc
from assistant.answer import Answer

_BLANK = re.compile(r"[（(]\s*[）)]|_{2,}|＿{2,}")
_OPTION = re.compile(r"(?:^|(?<=[\s？?：:，,。；;]))\s*([A-DＡ-Ｄ])\s*[.．、:：]\s*([^A-DＡ-Ｄ]+?)\s*(?=(?:[A-DＡ-Ｄ]\s*[.．、:：])|$)")
_JUDGE = re.compile(r"^\s*(?:判断(?:题)?|是非题|对错题)?[：:]?\s*(?P<s>.+?)[。.]?\s*[（(]\s*(?:对\s*/\s*错|对或错|正确\s*/\s*错误|√\s*/\s*×)\s*[）)]\s*[。.]?\s*$")
_LEAD = re.compile(r"^\s*(?:单选(?:题)?|多选(?:题)?|选择(?:题)?|填空(?:题)?)[：:]\s*")


def blank_free(t: str) -> str:
    """'有（  ）家' → 有几家; '（  ）%' → 百分之多少; '是（  ）万元' → 是多少万元."""
    t = _LEAD.sub("", t)
    t = re.sub(r"[（(]\s*[）)]\s*(?:%|％)", "百分之多少", t)
    t = re.sub(r"(?:" + _BLANK.pattern + r")\s*(?=[个家人名项张辆台所])", "几", t)
    return _BLANK.sub("多少", t)


def split_choice(t: str) -> tuple[str, list[tuple[str, str]]] | None:
    """(the stem, [(letter, option)…]) of a question with two or more lettered options, else None."""
    t = _LEAD.sub("", t)
    first = re.search(r"(?:^|(?<=[\s？?：:，,。；;]))\s*[AＡ]\s*[.．、:：]", t)
    if first is None:
        return None
    opts = [(m.group(1).translate(str.maketrans("ＡＢＣＤ", "ABCD")), m.group(2).strip(" ，,；;。")) for m in _OPTION.finditer(t[first.start():])]
    if len(opts) < 2:
        return None
    return t[:first.start()].strip(), opts


def _number(s: str) -> Decimal | None:
    m = re.search(r"\d+(?:\.\d+)?", s)
    try:
        return Decimal(m.group(0)) if m else None
    except InvalidOperation:
        return None


class Quiz:
    """Mixed into Engine: quizzed() answers a choice or a statement to judge."""

    def quizzed(self, question: str, context: dict | None, scope: list[str] | None) -> Answer | None:
        j = _JUDGE.match(question)
        if j:
            return self._judged(j.group("s"), context, scope)
        choice = split_choice(question)
        if choice is None:
            return None
        stem, opts = choice
        low = bool(re.search(r"最(?:小|少|低)", stem))
        if re.search(r"最(?:大|多|高|小|少|低)", stem):
            head = re.match(r"^.*?20\d\d\s*年度?", stem)
            prefix = head.group(0) if head else ""
            got = []
            for letter, opt in opts:
                a = self._guarded(f"{prefix}{opt}是多少", context, scope)  # type: ignore[attr-defined]
                if not a.answerable or a.value is None or a.unit not in calc.UNITS_IN_YUAN:
                    return None  # (an option without a figure: no choice can be made)
                got.append((calc.convert(Decimal(a.value), a.unit, "元"), letter, opt, a))
            v, letter, opt, a = (min if low else max)(got, key=lambda g: g[0])
            listing = "；".join(f"{lt}.{o} {x.value}{x.unit}" for _, lt, o, x in got)
            return Answer(text=f"选{letter}（{opt}）：{a.text.split('。')[0]}。各选项：{listing}。", value=a.value, unit=a.unit,
                          citations=list(a.citations) + [c for *_, x in got if x is not a for c in x.citations[:1]], kind="rank")
        a = self._guarded(stem, context, scope)  # type: ignore[attr-defined]
        if not a.answerable or a.value is None:
            return a if not a.answerable else None
        for letter, opt in opts:
            n = _number(opt)
            if n is not None and (n == a.value or (a.unit in calc.UNITS_IN_YUAN and abs(n - Decimal(a.value)) <= Decimal("0.005"))):
                return dataclasses.replace(a, text=f"选{letter}（{opt}）：{a.text}")
        named = [(lt, o) for lt, o in opts if o and o in a.text.split("。")[0]]
        if len(named) == 1:
            return dataclasses.replace(a, text=f"选{named[0][0]}（{named[0][1]}）：{a.text}")
        return a

    def _judged(self, statement: str, context, scope) -> Answer | None:
        """'…有“三公”经费预算' judged by the figure: 无（0） makes it wrong; a figure that differs from the
        one the statement gives makes it wrong; otherwise the figure is shown for the reader to judge."""
        s = statement.strip()
        asked = re.sub(r"(?:是|为|有|达到|超过)\s*(\d+(?:\.\d+)?)\s*(万元|亿元|元|个|家|人|%)", r"是多少\2", s, count=1)
        if asked == s:
            asked = re.sub(r"^(.*?)(?:有|存在|安排了?|列有)(.+)$", r"\1\2是多少", s) if re.search(r"有|存在|安排|列有", s) else s + "是多少"
        a = self._guarded(asked, context, scope)  # type: ignore[attr-defined]
        if not a.answerable:
            return None
        said = _number(s) if re.search(r"\d", s) and asked != s else None
        if a.value is not None and Decimal(a.value) == 0 and re.search(r"有|存在|安排|列有", s) and not re.search(r"没有|无|未", s):
            return dataclasses.replace(a, text=f"错（没有）：{a.text}")
        if said is not None and a.value is not None:
            right = said == Decimal(a.value)
            return dataclasses.replace(a, text=f"{'对' if right else '错（不对）'}：{a.text}")
        if a.value is not None and Decimal(a.value) != 0 and re.search(r"有|存在|安排|列有", s) and not re.search(r"没有|无|未", s):
            return dataclasses.replace(a, text=f"对：{a.text}")
        return a
