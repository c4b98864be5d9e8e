"""The asker's remarks around a figure question: a guess to confirm ('是不是一千多万', '有6个股室吧'), a hunch
or an opinion before or after it ('…大头是不是都花在项目上了？', '是不是砍得太狠了？'), a definition asked
first, a method or a mismatch remarked after. Pure text → text (understand.parse applies them)."""
from __future__ import annotations

import re


# '是不是一千多万', '是不是1.4千万出头', '有6个股室吧': the asker's guess to confirm, not what is asked
_NUMX = r"(?:\d+(?:\.\d+)?|[一二两三四五六七八九十百千万亿]+)"
_COUNT_GUESS = re.compile(rf"(?:是不是|是否)?\s*(有|是)\s*{_NUMX}\s*(个|家|人|名|项|辆|台|套|户|所|位|股|处|科)"
                          rf"([\u4e00-\u9fff（）()]{{0,8}}?)\s*(?:吧|吗|对吗|对不对|是吧|没错吧)")
_AMOUNT_GUESS = re.compile(rf"[，,\s]*(?:是不是|是否|应该是|大概是|估计是?)\s*有?\s*{_NUMX}\s*[十百千万亿]*\s*(?:成|%|％)?\s*(?:多|来|余|出头|左右)?"
                           rf"\s*(?:万|亿)?(?:元|块钱?)?\s*(?:吧|吗|呢|啊|对吧)?(?=[，,\s？?。]|$)")


def _own_words(t: str) -> bool:
    """Does a question name what it asks about ('服务占比多少'), or only ask ('到底安排了多少', '多了多少')?"""
    rest = re.sub(r"20\d\d年度?|\d+|上一?年|去年|今年|比|较|多少|几成|几|百分之?|比例|比重|占比?|到底|具体|究竟|实际|安排了?|是|了|呢|吗|的|有|多出|多|高出|高|少|低|涨|降|"
                  r"增加|减少|万元|亿元|万|亿|元|钱|金额|数字?|合|折合|大概|大约", "", t)
    return len(re.findall(r"[\u4e00-\u9fff]", rest)) >= 2


def remark_free(t: str) -> str:
    """A yes/no remark after the question ('…人员经费占了多大比例？公用经费很少吗？') is not asked:
    it goes when an earlier sentence asks for a figure."""
    # ('比2023年是少了吗？少了多少': the yes/no before the amount asked of the same change)
    t = re.sub(r"(?:是不是|是否|是)?[\u4e00-\u9fff]{0,2}了吗[？?]\s*(?=[\u4e00-\u9fff]{0,6}(?:多少|几))", "", t)
    # ('一共多少人（编内编外都算）': a remark that everyone counts narrows nothing)
    t = re.sub(r"[（(][^（）()]{0,12}(?:都算|都包括|都计入|全算|全部算上|都包含|都计算|在内)[）)]", "", t)
    parts = re.split(r"(?<=[？?！!。])", t)
    asks = re.compile(r"多少|几|百分|比例|比重|占|哪|什么|是否|有没有|多大|多高")
    if len(parts) >= 2 and not asks.search(parts[0]) and re.search(r"(?:吧|吗|了)[？?]\s*$", parts[0]) \
            and (hunch := re.search(r"是不是|都是|都花|基本上?都|大头|主要都|肯定|估计|差不多|快有|有一个|过了", parts[0])) \
            and asks.search("".join(parts[1:])):
        if not _own_words("".join(parts[1:])):
            # ('司法局2026年的预算差不多有一个亿了吧？合多少亿？'): the hunch names what the bare question asks
            # ('…2025年是不是比2024年多了？多了多少？': a comparison is the question itself)
            return t if re.search(r"比|较|相比|超过|高于|低于", parts[0]) else parts[0][:hunch.start()] + "".join(parts[1:])
        # ('司法局2026年的采购基本都是服务吧？服务占比多少', '这个钱大头是不是都花在项目上了？项目支出占…'): the asker's
        # hunch before the question; its body and year stay
        said = re.match(r"^\s*([^，,。？?]*?20\d\d年度?)", parts[0])
        return (said.group(1) if said else "") + "".join(parts[1:])
    if len(parts) >= 2 and re.search(r"有(?:什么|啥)(?:不一样|不同|区别)|是什么意思|指的?是什么|是指什么|^(?:什么|啥)是", parts[0]) \
            and not re.search(r"多少|几|占|比例|比重", parts[0]) and re.search(r"多少|几|占|比例|比重|百分", "".join(parts[1:])) \
            and _own_words("".join(parts[1:])):
        return "".join(parts[1:])  # ('项目支出跟基本支出有啥不一样？今年项目支出占几成？'): the figure is what is asked
    if len(parts) < 2 or not asks.search(parts[0]):
        return t
    # ('…少了多少钱？是不是砍得太狠了？': an opinion asked as yes or no, with no figure in it)
    opinion = re.compile(r"\s*(?:是不是|会不会|算不算|是否)[^0-9０-９多几哪]*$"
                         r"|\s*(?:请)?(?:用|按|根据|利用|通过)[^。？?]{0,20}(?:推|算|计算)(?:一下|出来)?[。.!！]?\s*$"  # ('用今年的数和增加额推一下。')
                         r"|\s*(?:怎么|为什么|为啥|我?看着?|着|感觉|好像)[^？?。0-9]{0,14}(?:对不上|不一致|不相符)[？?。]?\s*$"  # ('怎么跟总表对不上？')
                         r"|\s*我?(?:要|想|得|好)?(?:跟|和|拿)[^。？?]{0,20}(?:对一下|核对一下|比一下|对比一下|对一对)[。.!！]?\s*$")  # ('我要跟20805的基本支出对一下。')
    kept = [parts[0]] + [x for x in parts[1:] if not opinion.match(x) and (
        asks.search(x) or not re.search(r"(吗|吧|呢|嘛)[？?！!。]?\s*$", x) or re.search(r"单位|换算|折合|以.{0,2}元为|用.{0,2}元", x))]
    return "".join(kept)


def guess_free(t: str) -> str:
    """The question without the asker's guess: a guessed amount beside a clause asking the amount
    goes; a guessed count to confirm ('有6个股室吧') is asked as a count ('有几个股室')."""
    m = _AMOUNT_GUESS.search(t)
    if m and re.search(r"多少|几", t[:m.start()] + t[m.end():]):
        t = t[:m.start()] + " " + t[m.end():]
    if not re.search(r"多少|几", t):
        t = _COUNT_GUESS.sub(lambda m: f"{m.group(1)}几{m.group(2)}{m.group(3)}", t)
    return t
