"""Numbers read aloud, as a phone's voice input writes them: digit by digit ('二零二四年' → 2024年,
'二一五零五零二' → 2150502, '二四年' → 24年) or with 十/百/千 before a unit ('一百二十万' → 120万,
'二十五万元' → 25万元). Pure text → text, after the characters are simplified. Words that hold numerals
and are no number ('三公', '十三五', '万里街道', '一般公共预算', '第十一条') are left alone: a run read
digit by digit needs three digits or a 年 after two, and a counted number a unit after it."""
from __future__ import annotations

import re

_DIGIT = {"零": 0, "〇": 0, "○": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_D = "零〇○一二三四五六七八九"
# a code or year read digit by digit: three or more digits with a 零 among them or before 年 ('二零二四', '二一五零五零二');
# two digits before 年 ('二四年', '二五年'): a year of this century
_BY_DIGIT = re.compile(rf"(?<![{_D}十百千两])([{_D}]{{3,}})(?![十百千])")
_SHORT_YEAR = re.compile(rf"(?<![{_D}十百千两第])([一二][{_D}])(?=年)")
# a number with 十/百/千 (and 万/亿 after them) before a unit ('一百二十万', '二十五万元', '三千元', '十二个')
_COUNTED = re.compile(r"(?<![零〇一二两三四五六七八九十百千第])([零〇一二两三四五六七八九十百千]*[十百千][零〇一二两三四五六七八九十百千]*)"
                      r"(?=[万亿]|元|个|人|名|家|项|辆|台|块|倍|%|％|位)")
_SMALL = {"十": 10, "百": 100, "千": 1000}


def _by_digit(run: str) -> str:
    return "".join(str(_DIGIT[c]) for c in run)


def _counted(run: str) -> str | None:
    """'一百二十' → '120', '十二' → '12', '三千零五' → '3005'; None when the run is no well-formed number
    or only a unit's multiplier ('多少千元', '百万元', '十万元': units, not numbers)."""
    if not re.search(r"[零〇一二两三四五六七八九]", run) and len(run) < 2:
        return None
    total, digit, last = 0, None, 10000
    for c in run:
        if c in _SMALL:
            mult = _SMALL[c]
            if mult >= last:
                return None  # ('十三五' is no number)
            total += (1 if digit is None else digit) * mult
            digit, last = None, mult
        elif c in _DIGIT:
            if digit is not None and _DIGIT[c] != 0:
                return None  # two digits in a row ('三五')
            digit = None if _DIGIT[c] == 0 and digit is None and total else _DIGIT[c]
        else:
            return None
    return str(total + (digit or 0))


def spoken_free(t: str) -> str:
    """A question's numbers read aloud written in digits ('二零二四年' → 2024年, '一百二十万' → 120万)."""
    if not re.search(rf"[{_D}十百千]", t):
        return t
    t = _BY_DIGIT.sub(lambda m: _by_digit(m.group(1)) if ("零" in m.group(1) or "〇" in m.group(1) or "○" in m.group(1)
                                                         or t[m.end():m.end() + 1] == "年" or len(m.group(1)) >= 5)
                      else m.group(0), t)
    t = _SHORT_YEAR.sub(lambda m: _by_digit(m.group(1)), t)
    return _COUNTED.sub(lambda m: _counted(m.group(1)) or m.group(0), t)
