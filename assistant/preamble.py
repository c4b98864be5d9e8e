"""What a written question says before it asks ('据了解今年项目支出压缩得比较厉害，那…占全部支出的比重还有多少',
'老师让分析支出结构：…', '人员经费一直是委员们关注的重点。…人员经费是多少？'): background that narrows nothing.
It goes when the question after it names what it asks; the body and year it names stay."""
from __future__ import annotations

import re

from assistant.remarks import _own_words

_ASKS = re.compile(r"多少|几|哪|什么|吗|占|比例|比重|是否|有没有|怎么|为何|为什么|原因|多大|多高|多长|多久|为啥")
# '据了解…，', '我注意到…，', '听说…，那': a clause that reports what the asker heard or saw
_HEARD = re.compile(r"^\s*(?:据了解|据悉|据说|我注意到|注意到|我听说|听说|有人反映|据反映|大家都知道|众所周知|都说|有人说|网上说|人家说)[^，,。；;？?]*[，,；;]\s*"
                    r"(?:那么?|请问|所以|那请问)?\s*")
# '我们县工信局三公才5万，', '我们局设了7个股室，': the asker's own body and figure before the question
_OURS = re.compile(r"^\s*(?:我们|咱们|我县|我局|我区|我市|本县)[^，,。？?；;]*[，,；;]\s*(?:那么?|而|可|但|请问)?\s*")
# '老师让分析支出结构：', '想了解一下“养人”的钱占几成：': who wants it, or what for, before a colon
_LEAD = re.compile(r"^\s*([^：:？?。]{2,40}?)[：:]\s*")
_WHY_ASKED = re.compile(r"老师|领导|让我|想了解|想知道|我想|请教|作业|论文|分析|研究|关注|为了|准备|做个|想问问|写稿|报道|汇报|课上|课堂")


def _kept(background: str, rest: str) -> str:
    """The body and year the background names that the rest does not."""
    from assistant.understand import body_words
    bodies = [] if body_words(rest) or re.search(r"局|街道|委员会|办事处|政府", rest) else \
        [b for b in (re.sub(r"^.*(?:查|了解|注意到|听说|关于|看看|让我|问问|分析|[该本这那此](?=局|单位))", "", x)
                     for x in body_words(background)) if len(b) >= 3]
    years = [] if re.search(r"20\d\d", rest) else re.findall(r"20\d\d年度?", background)
    return "".join(bodies[:1] + years[:1])


# the budget nouns a question that stands alone names ('项目支出', '人员', '三公', '面积')
_SUBJECT = re.compile(r"支出|经费|预算|收入|人员|编制|费|资金|补贴|补助|拨款|项目|医疗|保险|公积金|三公|接待|公车|车辆|股室|内设|面积|科目|合计|总计|结转|结余|采购")


def _asks_alone(rest: str) -> bool:
    """Does the rest ask a question of its own, naming its subject (no 这个数/那/它 pointing back, no check
    of something said before)?"""
    return bool(_ASKS.search(rest)) and bool(_SUBJECT.search(rest)) and _own_words(re.sub(r"20\d\d年度?|预算|决算|相比|比|较|上年|去年|今年|本年|变化|变动|元|压减|削减|缩减|压缩|减少|增加|"
                                                         r"增长|下降|涨|降|多|少|还剩|剩|花|用|拨", "", rest)) and not re.match(r"\s*(?:那么?|这|它|其|该|此|占|比|是|为)(?!个?(?:局|单位|部门|街道))", rest) \
        and not re.search(r"对不对|对吗|对么|是真的吗|说法|这个数|这一数|这笔|上述|以上|是这样吗|是吗|是不是这样|真的吗", rest)


def preamble_free(t: str) -> str:
    """The question without the background before it (see the module's doc)."""
    parts = re.split(r"(?<=[。；;])", t)
    if len(parts) >= 2 and parts[-1].strip():
        head, rest = "".join(parts[:-1]), parts[-1]
        if not _ASKS.search(re.sub(r"不一致|对不上|不符", "", head)) and _asks_alone(rest) and not re.search(r"写|称|报道|稿|说", head) \
                and (not re.search(r"\d\s*(?:万|亿|元|%|％|个|人|家)", head) or re.search(r"对不上|不一致|不符", head)):
            return _kept(head, rest) + rest.strip()  # ('人员经费一直是委员们关注的重点。…人员经费是多少？')
        return t
    m = _OURS.match(t)
    if m and _asks_alone(t[m.end():]) and not re.search(r"比|差|倍|谁|多还是少|高还是低|相比|我们|咱们|我县|我局", t[m.end():]):
        return t[m.end():]  # ('我们县工信局三公才5万，平鲁这个局今年三公经费预算多少'): the asker's own, not asked
    m = _HEARD.match(t)
    if m and _asks_alone(t[m.end():]):
        return _kept(t[:m.end()], t[m.end():]) + t[m.end():]
    m = _LEAD.match(t)
    if m and _WHY_ASKED.search(m.group(1)) and _asks_alone(t[m.end():]):
        return _kept(m.group(1), t[m.end():]) + t[m.end():]
    clauses = re.split(r"(?<=[，,])", t)
    if len(clauses) >= 2 and re.search(r"写着|写的是|标着|注明|注着|显示|看到", "".join(clauses[:-1])) \
            and not _ASKS.search("".join(clauses[:-1])) and _asks_alone(clauses[-1]):
        # ('那张三公经费表底下写着“本表为空表”，可表里又有数字，2024年三公到底安排了多少'): what the asker saw
        return _kept("".join(clauses[:-1]), clauses[-1]) + clauses[-1]
    return t
