"""A dictated question read as typed, the way a phone's voice input writes numbers: digit by digit
('二零二四年' → 2024年, '二一五零五零二' → 2150502, '二四年' → 24年), an amount said in words ('超过一百万' →
超过100万元, '不到五万块' → 不到5万元, '二十五万' → 25万元), a count ('十二个' → 12个), and the fillers a
speaker adds ('嗯', '呃', '就是', '然后'). Words that hold numerals and are no number ('三公', '十三五',
'万里街道', '一般公共预算', '第十一条', '多少千元') are left alone. Pure text → text."""
from __future__ import annotations

import re

_DIGIT = {"零": 0, "〇": 0, "○": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_STEP = {"十": 10, "百": 100, "千": 1000}
_D = "零〇○一二三四五六七八九"
# a code or year read digit by digit: three or more digits with a 零 among them, before 年, or five and more
# ('二零二四', '二一五零五零二'); two digits before 年 ('二四年', '二五年'): a year of this century
_BY_DIGIT = re.compile(rf"(?<![{_D}十百千两])([{_D}]{{3,}})(?![十百千])")
_SHORT_YEAR = re.compile(rf"(?<![{_D}十百千两第])([一二][{_D}])(?=年)")
# an amount said in words: '一百万', '五万块', '两千万', '三百五十万元', '八千块钱' (a unit of money after it)
_CN_AMOUNT = re.compile(r"(?<![\u4e00-\u9fff]{2}[一二三四五六七八九])([零一二两三四五六七八九十百千]{1,6})\s*(万|亿)?\s*(元|块钱|块)?")
# a count said in words with 十/百/千 ('十二个', '一百二十人', '三十家')
_COUNTED = re.compile(r"(?<![零〇一二两三四五六七八九十百千第])([零〇一二两三四五六七八九十百千]*[十百千][零〇一二两三四五六七八九十百千]*)"
                      r"(?=个|人|名|家|项|辆|台|位|倍|%|％)")


def cn_amount(words: str) -> int | None:
    """'三百五十' → 350, '十' → 10, '两千' → 2000, '一百零五' → 105; None when not a number said in words
    ('十三五': two digits in a row; '百十': a larger step after a smaller)."""
    total, digit, last = 0, None, 10000
    for ch in words:
        if ch in _STEP:
            if _STEP[ch] >= last:
                return None
            total += (1 if digit is None else digit) * _STEP[ch]
            digit, last = None, _STEP[ch]
        elif ch in _DIGIT:
            if digit is not None and _DIGIT[ch] != 0:
                return None
            digit = None if _DIGIT[ch] == 0 and digit is None and total else _DIGIT[ch]
        else:
            return None
    return total + (digit or 0)


def _amount_digits(m: re.Match) -> str:
    if m.group(1) in ("十", "百", "千") and re.search(r"(?:多少个?|几|按|用|换成|换算成|折合成?|合|以|给我?|单位是?|成)\s*$",
                                                    m.string[:m.start()]):
        return m.group(0)  # ('多少千元', '按百万元算': a unit asked, not an amount)
    if not (m.group(2) or m.group(3)) or not m.group(3) and re.match(r"\s*(?:多?[人个名户辆台册次字吨亩米株间套]|平方|公里|千米)", m.string[m.end():]):
        return m.group(0)  # ('五万人': people, not money)
    n = cn_amount(m.group(1))
    if n is None or not re.search(r"[一二两三四五六七八九十百千]", m.group(1)) or len(m.group(1)) == 1 and not m.group(2) and m.group(3) != "元":
        return m.group(0)
    unit = (m.group(2) or "") + ("元" if m.group(3) else ("元" if m.group(2) else ""))
    return f"{n}{unit}"


def _by_digit(m: re.Match) -> str:
    run = m.group(1)
    if re.search("[零〇○]", run) or m.string[m.end():m.end() + 1] == "年" or len(run) >= 5:
        return "".join(str(_DIGIT[c]) for c in run)
    return run


def _counted(m: re.Match) -> str:
    run = m.group(1)
    n = cn_amount(run) if re.search(r"[零〇一二两三四五六七八九]", run) or len(run) >= 2 else None
    return m.group(0) if n is None else str(n)


def spoken_free(t: str) -> str:
    """A dictated question read as typed: numbers read aloud in digits ('二零二四年' → 2024年, '一百二十万' →
    120万元, '十二个' → 12个), '是不是过亿了' as a threshold, and no fillers."""
    if re.search(rf"[{_D}十百千两]", t):
        t = _BY_DIGIT.sub(_by_digit, t)
        t = _SHORT_YEAR.sub(lambda m: "".join(str(_DIGIT[c]) for c in m.group(1)), t)
        t = _CN_AMOUNT.sub(_amount_digits, t)
        t = _COUNTED.sub(_counted, t)
    # '是不是过亿了', '有没有破千万': a threshold compared with one figure
    t = re.sub(r"(?:是不是|是否|有没有)(?:已经)?(?:过|上|破|超过|超|突破)了?(?:一|1)?(亿|千万)(?:元)?了?",
               lambda m: "有没有超过" + ("1亿元" if m.group(1) == "亿" else "1000万元"), t)
    return re.sub(r"[嗯呃]+|(?<![\u4e00-\u9fff])啊|就是说[，,]?\s*|就是(?=[\u4e00-\u9fff])|(?:^|(?<=[\s，,]))然后", "", t)
