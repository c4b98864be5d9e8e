"""Question understanding: which documents, which operation, which unit, which words matter."""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache

from assistant.bodies import GENERIC_PLACES
from assistant.phrasing import (COLLOQUIAL, GUESS, context_free, described_free, english_free, formal_free, framing_free,
                                guess_free, remark_free, rounding_free, spoken_free)

ORG_SUFFIX = r"(?:局|委员会|委|街道办事处|街道|办事处|政府|中心|医院|学校|学院|法院|检察院|办公室|协会|联合会|镇|乡)"
_ORG = re.compile(r"([\u4e00-\u9fff]{1,12}?" + ORG_SUFFIX + r")")
_YEAR = re.compile(r"(?<!\d)(20\d{2})(?!\d)\s*(?:年度|年)?")
_CODE = re.compile(r"(?<![\d.])(\d{3}(?:[\s\-－—.·]?\d{2}){0,2})(?![\d.]|\s*(?:万|元|亿|%|个|人|家|辆))")
_PERSONAL = re.compile(r"电话|手机|邮箱|地址|传真|联系人|负责人是|姓名|叫什么|谁是|是谁|网址|微信|邮编")
_CN_NUM = {"一": 1, "两": 2, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10}

STOP_PHRASES = [
    "请问", "一下", "是多少钱", "是多少", "有多少", "多少钱", "多少", "安排了", "安排", "一共", "总共", "共计",
    "是什么", "是哪个", "哪一个", "哪个", "哪些", "分别", "呢", "吗", "啊", "的", "了", "今年", "本年度",
    "该部门", "这个部门", "本部门", "这份", "文件", "文档", "报告", "对应", "那个", "这个", "那些", "这些",
    "金额", "数额", "资金", "钱", "费用是", "预算是", "一共是", "能告诉我", "告诉我", "我想知道", "帮我查",
    "查一下", "看看", "大概", "大约", "差不多", "大致", "约莫", "具体", "有没有", "有无", "是否", "的钱", "花了", "花", "准备", "打算",
    "不少", "到底", "究竟", "嘞", "俺", "折合", "折算", "明显", "大幅", "显著", "有所", "异常", "两者", "二者", "听人说", "听别人说", "有人说",
]


def normalize(text: str) -> str:
    """Full-width letters/digits to ASCII, unify quotes and spaces."""
    s = unicodedata.normalize("NFKC", text)
    return s.replace("“", "\"").replace("”", "\"").replace("\u3000", " ").strip()


def cn_number(s: str) -> int | None:
    """'三' → 3, '十' → 10, '3' → 3."""
    if s.isdigit():
        return int(s)
    if s in _CN_NUM:
        return _CN_NUM[s]
    if len(s) == 2 and s[0] == "十":
        return 10 + _CN_NUM.get(s[1], 0)
    return None


@dataclass
class Question:
    """What the engine needs to know about a question."""

    raw: str
    text: str
    years: list[int] = field(default_factory=list)
    orgs: list[str] = field(default_factory=list)
    codes: list[str] = field(default_factory=list)
    intent: str = "lookup"  # lookup share change sum rank count compare personal audit
    want_unit: str = ""  # 元 万元 亿元 when the question asks for a unit
    want_kind: str = "money"  # money | count | percent | any
    count_unit: str = ""  # the counted noun's measure word ('几辆' → 辆)
    top_n: int = 1
    nth: int = 0  # 排第N
    descending: bool = True
    wants_percent_change: bool = False
    last_year: bool = False
    versus_last: bool = False  # '今年的…相当于2025年的百分之多少': this year's figure ÷ last year's
    times: bool = False  # 'A是B的几倍': A ÷ B, not a percentage
    measure: str = ""  # a unit the question asks outside money, counts and % (分, 平方米, 人次…)
    page: int = 0  # '第15页那张表': the page the asker reads from (-1: the last page)
    both_years: bool = False  # '这两年加起来', '两年里哪年高': the two years a body is loaded for
    content: str = ""

    @property
    def asks_final(self) -> bool:
        """决算 asked for explicitly."""
        return "决算" in self.text


# 'A相当于B的百分之多少', 'A是B的几成': a share without 占
SHARE_OF = re.compile(r"(相当于|是|为).{1,30}?的\s*(百分之(几|多少)|几成|多少%|百分比)")
TIMES = re.compile(r"(是|为|相当于).{1,30}?的?\s*(几倍|多少倍)")
# '覆盖多少退休人员', '有几名职工': people counted, not money spent on them
PEOPLE = re.compile(r"编制(?:数)?(?:是|有|为)?(?:几|多少)个?(?![\u4e00-\u9fff])|(几|多少)(名|位)?[^\d钱元万费，,。？?、]{0,6}?(人员|职工|员工|干部|群众|老人|学生|儿童|人)"
                    r"(?![\u4e00-\u9fff]{0,4}(经费|费|资金|支出|工资|补助|补贴|奖|钱))")
# '（按增加额倒推）', '照此推算': how to compute, not what is asked
METHOD = re.compile(r"[（(]?(按|根据|照|依|以此|参照|用|从)[^，,。？?）)]{0,20}?(倒推|推算|反推|推出|计算|算出|往回算|倒算)[^，,。？?）)]{0,4}[）)]?"
                    r"|(?:根据|按照|依据)[^，,。？?]{0,30}?(?:说明|表述|数据)[，,]\s*(?=[^，,。？?]*(?:倒推|推算|反推|算出))"
                    r"|(?:可以|可|能)?(?:推算|倒推|反推|算出)(?:出)?其?")


def method_free(text: str) -> str:
    """The question without a hint on how to compute ('按增加额倒推')."""
    return METHOD.sub(" ", text)


_PREMISE = re.compile(r"((?:比|较)[^，,。？?]{0,12}?(?:减少|增加|增长|下降|降低|提高|多|少)了?)\s*"
                      r"\d[\d,，]*(?:\.\d+)?\s*(?:亿元|万元|元|%|％|个百分点)")


# a clause asking why, beside one asking how much ('…比2024年少了多少？说的原因是什么？')
REASON_WORDS = (r"为什么|为何|为啥|凭什么|凭啥|什么原因|(?:原因|理由)(?:写的|说的|讲的|给的|到底|究竟)?是(?:什么|啥)|原因(?:是)?怎么(?:说|讲|写)的?|原因是啥|啥原因|原因何在|什么缘故|怎么(?:会|回事)|何故|的原因|原因及|原因和依据"
                r"|(?:增加|减少|增长|下降|变动|变化)\s*原因|原因[。？?]?$|(?<=\s)原因(?=\s|$)"
                r"|怎么解释|如何解释|作何解释|怎么说明|什么理由|解释是什么|给出的解释|归因于|归结为|原因在于|理由是什么|怎么(?:还|又|反而|突然)?(?:涨|增加|增长|多|降|减少|下降|少|翻)了?(?:这么多|那么多|不少|很多)?[？?]?$")  # a question asking why (reasons.REASON_ASKED)
_REASON_CLAUSE = re.compile(r"[^，,。？?；;]*(?:" + REASON_WORDS + r")[^，,。？?；;]*[？?]?")


def premise_free(text: str) -> str:
    """The question without an amount it states as given ('…说比2023年减少876.75万元，那2023年预算是多少'):
    the change is the premise, its number no word to look for."""
    if not re.search(r"多少|几", asking_clause(text)) or not re.search(r"[，,。；;]", text):
        return text
    return _PREMISE.sub(r"\1", text)


def asking_clause(text: str) -> str:
    """The clause that asks ('…比2023年有所减少，那2023年这个支出大概是多少' → its last clause)."""
    # (a space between two Chinese words parts clauses as a comma would: '…比上年减少了 那上年预算总共多少')
    clauses = [c for c in re.split(r"[，,。；;！!]|(?<=[\u4e00-\u9fff了])\s+(?=那|则|请问|所以|那么)", method_free(text)) if c.strip()]
    asking = [c for c in clauses if re.search(r"多少|几|是否|吗|[?？]", c)] or clauses or [text]
    return re.sub(r"^\s*(那么|那|则|请问)", "", asking[-1])


def asks_change(text: str) -> bool:
    """Does the clause that asks ask for a change rather than a level?"""
    return bool(re.search(r"比|较|增|减|变|差|幅|率|降|涨|升|少了|多了|低了|高了", asking_clause(text)))


# '24年', '25年度': a year written with two digits (only 2015–2035, so '工作12年' stays a duration)
SHORT_YEAR = re.compile(r"(?<![\d.近满第每多几过去])(1[5-9]|2\d|3[0-5])(?=\s*年(?!\s*(以上|以内|以来|之内|来|间)))")
# '今年', '去年', '明年' standing alone (not '比去年', '较上年', '同比', '上年结转'): a year relative to the day the
# question is asked (今年, 去年, 前年, 明年: the calendar) or to the body's latest document (本年度, 上年, 上一年度,
# 最近一份: the documents' own words)
RELATIVE_YEAR = re.compile(r"(?<![比较与和跟同])(今年|本年度|去年|前年|上年度|上一年度?|上年(?!结转|结余|预算执行|末|初)|明年|后年|下一年度?|下年度"
                           r"|最近一份|最新一份|最新的一份|最近的一份|最新一年)(?!同期)")
RELATIVE_OFFSET = {"今年": 0, "本年度": 0, "去年": -1, "前年": -2, "上年": -1, "上年度": -1, "上一年": -1, "上一年度": -1,
                   "明年": 1, "后年": 2, "下一年": 1, "下一年度": 1, "下年度": 1,
                   "最近一份": 0, "最新一份": 0, "最新的一份": 0, "最近的一份": 0, "最新一年": 0}
CALENDAR_WORDS = ("今年", "去年", "前年", "明年", "后年")
# an organisation word that is part of a term ('按政府预算经济科目', '政府采购', '政府购买服务')
_NOT_BODY_AFTER = re.compile(r"^(预算|决算|采购|购买|性基金|债务|投资|经济|收支|信息|工作|部门|组成|定价|引导|补助|补贴|性)")
# function words an organisation match may swallow at its start ('年和市财政局', '按政府')
_LEAD = re.compile(r"^.*(年度|年|月|日|口径|按照|根据|移交给|交给|拨给|转给|划给)|^[的和与及跟同比较在对按向从把被将是为给]+")
# '这个局', '该单位', '本局': the document in question, not a body's name
_DEMONSTRATIVE = re.compile(r"^(这个|这家|那个|那家|该|本|此|贵|他们|她们|你们|我们|咱们|他们的|你们的|我们的)(局|委员会|委|街道办事处|街道|办事处|中心|单位|部门|办公室)$")


def body_words(t: str) -> list[str]:
    """Organisation names in a question, without the words around them that are not part of a name."""
    out = []
    for m in _ORG.finditer(t):
        o = m.group(1)
        if _NOT_BODY_AFTER.match(t[m.end():]) and o.endswith("政府"):
            continue
        o = re.sub(r"^.*(有没有|有无|是否|今年|去年|本年|哪个|什么|多少|几个|预算是|经费是|支出是|收入是|[是的占较])", "", o)
        o = _LEAD.sub("", _LEAD.sub("", o))
        if len(o) >= 3 and not _DEMONSTRATIVE.match(o) and not re.search(r"(?:该|本|此|这个|那个|一个|每个|哪个|各个)(?:局|单位|部门|中心)$", o):
            out.append(o)
    return out


def relative_year(t: str) -> tuple[int, bool] | None:
    """The offset a question's '今年/去年/明年' gives, and whether it counts from the calendar (今年, 去年, 前年)
    rather than from the body's latest document (本年度, 上年); None: none, or a comparison."""
    latest = re.search(r"最近一份|最新一份|最新的一份|最近的一份|最新一年", t)
    if latest:  # ('最近一份预算比上一年多了多少': the latest document, whatever it is compared with)
        return 0, False
    if re.search(r"[比较](今年|去年|前年|上年|上一年|明年)|同比|(今年|本年).{0,12}(去年|上年)|(去年|上年).{0,12}(今年|本年)"
                 r"|(去年|上年).{0,12}前年|前年.{0,12}(去年|上年)", t):
        return None  # '比去年增加多少', '今年比去年': a change, not a year
    m = RELATIVE_YEAR.search(t)
    return (RELATIVE_OFFSET[m.group(1)], m.group(1) in CALENDAR_WORDS) if m else None


# a document's number (文号): '朔财建[2025]100号', '沪府规【2016】168号', '晋财建〔2025〕12号'
DOC_NO = re.compile(r"[\u4e00-\u9fff]{1,8}\s*[\[【〔［(（]\s*(?:19|20)\d\d\s*[\]】〕］)）]\s*第?\s*\d+\s*号")


# '保留两位小数', '精确到一位小数': how to round the answer, never a word of what is asked
ROUNDING = r"(?:保留|精确到|取)?(?:到)?[一两二三四\d]位小数"


def _percent_asked(t: str, q: Question) -> bool:
    """A rate asked: %, 百分, 幅, 率, 几成; or '增长了多少' / '下降了多少' with no unit of money, for the
    documents write 增加X万元 / 减少X万元 for the amount and 增长Y% / 下降Y% for the rate."""
    return bool(re.search(r"%|百分|幅|率|几成", method_free(t))) or \
        bool(re.search(r"(?:增长|下降)(?:了)?多少(?![钱万元亿])", t) and not q.want_unit)


def parse(raw: str) -> Question:
    """Parse a question into scope hints, operation and expected unit."""
    t, round_unit = rounding_free(normalize(raw))  # ('取整到万元': how to round; the unit it names is asked)
    t = SHORT_YEAR.sub(lambda m: "20" + m.group(1), formal_free(spoken_free(english_free(described_free(context_free(t))))))
    for word, plain in COLLOQUIAL:
        t = re.sub(word, plain, t)
    t = remark_free(guess_free(t))
    t = re.sub(r'"([\u4e00-\u9fff]{1,4})"(?=[\u4e00-\u9fff])', r"\1", t)  # ('“三公”经费' is one word: 三公经费)
    # ('去年（2024年）', '去年也就是2024年'): the year named beside a relative word is the year
    t = re.sub(r"(?:今年|去年|上一?年|前年|明年)\s*(?:[（(]\s*(20\d\d\s*年?)\s*[）)]|[，,]?\s*(?:也就是|即|就是)\s*(20\d\d\s*年?))",
               lambda m: m.group(1) or m.group(2), t)
    page = re.search(r"(?:在|从)?第\s*(\d{1,3}|[一二三四五六七八九十]{1,3})\s*页(?:上|里|中)?的?|(?:在|从)?(?:最后一页|末页)(?:上|里)?的?", t)
    if page:  # ('第15页那张项目表里': where to read, no rank and no year)
        t = (t[:page.start()] + " " + t[page.end():]).strip()
    q = Question(raw=raw, text=t)
    if page:
        q.page = (cn_number(page.group(1)) or 0) if page.group(1) else -1
    # a date ('截至2024年8月31日') is not a document's year
    # ('截至2025年底实有…' is a date too)
    bare = DOC_NO.sub(" ", t)  # ('朔财建[2025]100号' is a document's number: no year, no 科目编码)
    q.years = [int(y) for y in re.findall(r"(?<!\d)(20\d{2})(?![\d.])\s*(?!年\s*\d{1,2}\s*月|万|亿|元|个|人|平方|多万)年?", bare)
               if not re.search(y + r"\s*年\s*\d{1,2}\s*月|(?:截至|截止|截止到|到)\s*" + y + r"\s*年(?:底|末)", bare)]
    q.codes = [re.sub(r"[\s\-－—.·]", "", c) for c in _CODE.findall(re.sub(r"20\d{2}\s*年", "", bare))
               if len(re.sub(r"[\s\-－—.·]", "", c)) in (3, 5, 7) and not re.fullmatch(r"\d{3}\.\d{2}", c)]  # (215-05-01, 2150501)
    # '今年有没有政府性基金…' names no body: drop the question words an org match swallowed
    q.orgs = body_words(t)
    m = UNIT_ASKED.search(t) or re.search(r"(?:是|为|有)\s*(亿元|万元|元)", t) or re.search(r"(?<![\d.])(亿元|万元)\s*[?？]?$", t)
    if m:
        g = next(g for g in m.groups() if g in ("亿元", "千万元", "百万元", "十万元", "千元", "万元", "元", "千万", "百万", "十万", "万", "亿"))
        q.want_unit = g if g.endswith("元") else g + "元"
    elif g := re.search(r"精确到(元|万元|亿元)|(?:以|用|按)(元|万元|亿元)(?:为单位|计)", t):
        q.want_unit = g.group(1) or g.group(2)  # ('精确到元是多少': the amount in 元)
    elif g := re.search(r"(?:多少|几)(万|亿)(?![元\u4e00-\u9fff])", t):
        q.want_unit = g.group(1) + "元"  # '缩了多少万？
    q.want_unit = q.want_unit or round_unit
    if _PERSONAL.search(t) and not re.search(r"排第|第[一二三四五六七八九十\d]+(?:大|多|高|位|名)|最(?:大|多|高|小|少|低)|哪个单位|谁的", t) \
            and not re.search(r"(?:单位|机构|部门|科室|股室|处室|中心|项目|科目|公司|企业|表)[^，,。？?人长]{0,4}叫什么", t):
        q.intent = "personal"
    elif re.search(r"对不上|有没有错|有无错|核查|审核|勾稽|不一致|校验|检查一下.*(数|错)", t) and not (
            re.search(r"多少|几[个项家人辆]|百分之|占比|比重", (ask := (re.match(r"[^？?]*多少[^？?]*[？?]", t) or [asking_clause(t)])[0]))
            and not re.search(r"对不上|有没有错|有无错|不一致|几处", ask)):  # ('…合计是多少？我看着跟别的表对不上': the amount)
        # ('审核时看到科目…，想确认一下：…安排了多少钱' asks the amount; the audit is the asker's errand)
        q.intent = "audit"
    elif re.search(r"占.*(比重|比例|百分|几成|%)|占比|所占|比重|比例是|share|percentage|\b份额", t, re.I) or \
            (re.search(r"占.{0,12}多少", t) and not re.search(r"占.{0,4}多少(钱|万|元)|占了多少钱", t)) or \
            (SHARE_OF.search(t) and not re.search(r"比(?!例|重)|增|减|下降|上升|变", t)) or TIMES.search(t):
        q.intent = "share"
        q.want_kind = "percent"
        q.times = bool(TIMES.search(t))
    elif len(set(q.years)) >= 2 and not re.search(r"执行数|决算数", t) or re.search(r"(与|和|跟).{0,20}(相比|比较|对比)|相比.{0,6}(增|减|变|差|多|少)", t) and len(set(q.years)) >= 2:
        q.intent = "compare"
    elif re.search(r"比上年|比去年|较上年|较去年|同比|上年(?!结转)|去年|上一年|增减|变动|变化|增加了|减少了|增长了|下降了|增幅|降幅|增长率|下降.*%"
                   r"|(?:跟|和|与)(?:去年|上年|上一年)(?:相)?比"
                   r"|执行数.{0,6}(多|少|增|减|高|低|变|差|相比)", t):
        q.intent = "change"
        # ('增长了多少': the documents write 增加X万元 for the amount and 增长Y% for the rate)
        q.wants_percent_change = _percent_asked(t, q)
        q.last_year = bool(re.search(r"(上年|去年|上一年)(?:[\u4e00-\u9fff]{1,5}(?:局|委|办|街道))?(的)?(预算|总额|总计|是|为|有|支出|收入|机关运行经费)", t)) \
            and not asks_change(t)
    elif re.search(r"最(大|多|高|小|少|低)|前[一二两三四五六七八九十\d]+|top\s*\d|排名|排序|排第|第[一二三四五六七八九十\d]+(大|多|高|位|名)|哪.{0,4}(最|第一)|更多|更大|更少|更小"
                   r"|(?<!这笔钱)(?<!那笔钱)(?<!这项钱)主要(花|用)在哪(?![些方面]{2})|(花|用)在哪.{0,4}最", t, re.I):
        q.intent = "rank"
        q.descending = not re.search(r"最(小|少|低)|更少|更小|倒数", t)
        o = re.search(r"(?:排|排在|位列)?第\s*([一二两三四五六七八九十\d]+)", t)
        if o and cn_number(o.group(1)):
            q.nth = cn_number(o.group(1)) or 1
        n = re.search(r"(?:前|top|最\S{1,2}的)\s*([一二两三四五六七八九十\d]+)\s*(?:个|项|名|类|位)?", t, re.I)
        if n and cn_number(n.group(1)):
            q.top_n = cn_number(n.group(1)) or 1
    elif re.search(r"(几|多少)(个|家|人|名|项|辆|台|套|户|所|次|股|处|科|条|笔(?!钱|资金|经费))|数量(?!指标)|人数|户数|家数|多少位|人员总数|总人数"
                   r"|有(?:几|多少)(?:类|款|行(?![政业]))|科目(?:都)?(?:有|是)哪些|哪些(?:项级|款级|类级)?科目|哪些(?:股室|科室|处室|内设机构)", t) and not (
            re.search(r"多少钱|钱[^，,。？?]{0,6}多少|多少万|多少元|多少亿|(金额|资金)(是|为|有)?多少|(安排|预算|花|拨|列|一共|总共|合计)了?(?:是)?多少(?![个家人名项辆台套户所次股处科位])", t)
            and re.search(r"加一起|加起来|一共|合计|总共|共计|之和|加在一起", t)):
        # ('几个遗属项目…加一起一共多少钱' asks their sum, not their number)
        q.intent = "count"
        q.want_kind = "count"
        cu = re.search(r"(?:几|多少)个?(人|名|位)", t) or re.search(r"(?:几|多少)(个|家|人|名|项|辆|台|套|户|所|位|条|笔|类|款|行)", t)
        q.count_unit = cu.group(1) if cu else ("人" if re.search(r"人数|总人数", t) else "")
        if q.count_unit == "个" and (re.search(r"(?:人员|人|职工|员工)[^，,。？?项]{0,4}(?:几|多少)个(?![\u4e00-\u9fff])", t)
                                     or PEOPLE.search(t)):
            q.count_unit = "人"  # ('在职人员一共多少个', '给多少个退休人员发的': people counted)
    elif re.search(r"(设备|车辆|用车)(有|共有|一共有|总共有)?多少(台|辆|套)?[?？]?$", t):
        q.intent = "count"  # '原值50万元以上的通用设备有多少': things held, counted
        q.want_kind = "count"
        q.count_unit = "辆" if re.search(r"车", t) else "台"
    elif PEOPLE.search(t):  # '覆盖多少退休人员': a number of people
        q.intent = "count"
        q.want_kind = "count"
        q.count_unit = "人"
    elif re.search(r"合计|总和|之和|加起来|加在一起|加一起|加一块|合起来|加总|相加|一共|共计|总共|两项|两个|几项.{0,4}合"
                   r"|[\u4e00-\u9fff\d]{2}(?<![增附参追外更])加(?![上起在一块班油大强快])[\u4e00-\u9fff\d]{2,}?(?:是|等于|为)?(?:多少|几)", t) and \
            re.search(r"和|与|及|、|两|加|\+|,|，|下面|下属|所有|全部|有关|相关|几个|[三四五六七八九十]+(个|项|笔|块)|科目"
                      r"|费[\u4e00-\u9fff]{1,8}费|明细|(?:超过|大于|高于|不少于|不低于|低于|小于|少于|不足|不到)\s*\d"
                      r"|\d\s*(?:万元|元|万|亿元|亿)?\s*(?:及以上|以上|以下|以内)", t) \
            and not re.search(r"前\s*[两二三四五六七八九十\d]+\s*(?:名|位)|排(?:在)?前\s*[两二三四五六七八九十\d]", t):  # ('前两名加起来': a ranking's sum)
        q.intent = "sum"
    if q.intent == "lookup":
        if re.search(r"率|满意度|百分|%|比例", t):
            q.want_kind = "percent"
        elif re.search(r"数量指标|企业数|家数|个数", t) and not re.search(r"多少钱|金额|万元|元", t):
            q.want_kind = "count"  # ('奖励升规企业数量指标是多少': a count the form sets, not the award's money)
        elif re.search(r"多少钱|金额|万元|亿元|元|资金|经费|支出|收入|预算|拨款|费|补助|补贴|工资|总计|合计|保险|公积金|年金"
                       r"|(?:交|缴|花|拨|付|掏|出)了?多少", t):
            q.want_kind = "money"
        else:
            q.want_kind = "any"
    if q.intent == "lookup" and re.search(r"哪.{0,3}(?:是|为|等于)(?:零|0)(?![\d.])|哪.{0,3}没(?:有)?(?:安排|钱|预算)", t):
        q.intent = "rank"  # ('三公经费里哪一块是零': the parts, the ones of 0 named)
    q.wants_percent_change = _percent_asked(t, q)
    q.both_years = bool(re.search(r"(?:这|那|前后)?两(?:个)?年(?!前|后|以前|以后)|两个年度|近两年", t))
    if q.intent in ("lookup", "count") and re.search(r"(.{2,})比(?!上年|去年|上一年|20\d\d|较)(.{2,}?)(多出来|多出|多|少|高出来|高出|高|低|差)(了)?"
                                                   r"(?:[^。？?]{0,14}?)(多少|几)", t) \
            and not re.search(r"(?:多|少|高|低|大|小)的[\u4e00-\u9fff]{0,8}?(?:有|共有|一共有)?(?:几|多少个)(?:行|项|个|类|款|科目)", t):
        # (not '基本支出比项目支出多的科目有几个': rows counted by a comparison)
        q.intent = "diff"  # ('实际在职人员比核定编制多几个人': a gap between two counts)
    q.measure = next((u for pat, u in MEASURES if re.search(pat, t)), "")
    q.content = content_words(premise_free(t))
    if (asked_why := _REASON_CLAUSE.sub(" ", t)) != t and re.search(r"多少|几", asked_why):
        q.content = content_words(premise_free(asked_why))  # ('…少了多少？说的原因是什么？': the figure's words)
    return q


# what a question asks to measure → the unit the documents print it in
MEASURES = [(r"得分|分数|评分|打分|几分|多少分", "分"), (r"面积|平方米", "平方米"), (r"多少亩|几亩", "亩"), (r"人次", "人次"),
            (r"户次", "户次"), (r"多少公里|几公里|多少千米", "公里"), (r"几天|多少天|天数", "天"), (r"多少小时|几小时", "小时"), (r"多少吨|几吨", "吨"),
            (r"百分点", "个百分点"), (r"几年|多少年(?!度)", "年"), (r"多高|高度|多少米|几米", "米"), (r"几层|多少层", "层")]


# '多少亿元', '折合成万元', '以元为单位': the unit the answer should be in, not a thing asked about
UNIT_ASKED = re.compile(r"(?<=多少)\s*(亿元|千万元|百万元|十万元|千元|万元|元|千万|百万|十万|万(?![\u4e00-\u9fff])|亿(?![\u4e00-\u9fff]))"
                        r"|(?<=几)\s*(亿元|千万元|百万元|十万元|千元|万元|元)"
                        r"|(换算|折合|折算|换成|转换|折成|化成|合|以|用|按|说|给我?)(成|为)?(?:以)?\"?(亿元|千万元|百万元|十万元|千元|万元|元)\"?(来|为单位|计|表示|算|就行|就好|即可|数|给我)?"
                        r"|单位(是|为|用)?(亿元|千万元|百万元|十万元|千元|万元|元)")


# '（不算买车）', '不含上年结转的': what the question leaves out is not what it asks about
EXCLUDED = re.compile(r"[（(](?:不算|不含|不包括|除去|扣除|剔除|去掉|含|包含|包括|连同)[^，,。？?）)]{1,20}[）)]|(?:不算|不包括|除去|除了|剔除|去掉)[^，,。？?）)的]{1,10}(?:的|以外|之外|外)?(?=[，,]|$)")


def _described(s: str) -> str:
    """'向区人民调解协会购买服务的那个人民调解项目' → '人民调解项目': a description before 的那个/的这项
    goes when the name after it says enough on its own."""
    m = re.search(r"([^，,。；;：:？?\s]{2,}?)的(?:那|这)(?:个|项|笔|类|一项|一个|一笔)([^，,。；;：:？?\s]+)", s)
    if not m:
        return s
    head = re.sub(r"项目|资金|经费|预算|支出|是|为|有|多少|几", "", m.group(2))
    if len(head) < 4:
        return s  # ('…的那个项目': the description is all there is)
    return s[:m.start()] + m.group(2) + s[m.end():]


def content_words(t: str) -> str:
    """The question without years, places, question words and punctuation."""
    s = _YEAR.sub("", method_free(t))
    s = framing_free(s)
    s = UNIT_ASKED.sub(" ", s)
    s = re.sub(r"(?:并|请|结果)?(?:保留|精确到|取)(?:到)?[一两二三四\d]位小数|(?:四舍五入|精确)到?[^，,。？?]{0,6}", " ", s)  # the answer's form
    s = GUESS.sub(" ", s)
    # ('有没有超过1.5亿元？'): one figure compared with an amount, not words of the row asked
    s = re.sub(r"(?:有没有|是不是|是否|有无)(?:超过|高于|低于|不到|达到|突破)了?\s*\d+(?:\.\d+)?\s*(?:亿元|万元|元)(?=\s*了?\s*(?:吗|呢|没有)?\s*[？?]|$)", " ", s)
    s = EXCLUDED.sub(" ", s)
    s = _described(s)
    # 'A、B这类非财政拨款收入': after a list, what the list is a kind of names no row of its own
    s = re.sub(r"(?<=[\u4e00-\u9fff])(?:这类|这一类|这几类|这些|这几项|之类的?|等等?)[\u4e00-\u9fff]{0,10}(?=[，,。？?\s]|$)",
               lambda m: " " if "、" in s[:m.start()] else m.group(0), s)
    s = re.sub(r"(?:属于|算|是|归|列在|放在)?(?:基本支出|项目支出|人员经费|公用经费)还是(?:基本支出|项目支出|人员经费|公用经费)", " ", s)
    s = re.sub(r"(?:指标|目标)?(?:值)?(?:定的|定了|设的|设定的|设定为|定为|定在)", " ", s)  # ('满意度指标定的多少')
    s = re.sub(r"(?:跟|和|与)(?:去年|上年|上一年)(?:相)?比", " 比上年", s)  # ('总预算跟去年比少了多少')
    # '这笔钱', '那项支出', '预算时': words that point back at what the question already named
    s = re.sub(r"(这|那|该)(笔|部分)(钱|经费|支出|资金|费用|数)?|(这|那|该)(个|项|一项|块|一块)(钱|经费|支出|资金|费用)"
               r"|(?<=[\u4e00-\u9fff])(这|那|该)一?(项|个|笔)(?=\s|$|[，,])"
               r"|(预算|编制|决算)时|的时候", " ", s)
    s = re.sub(r"(几|多少)(个|家|名|位|辆|台|套|项|户|所|人)(人)?|一共有|共有|有几|有多少", " ", s)
    s = re.sub(r"项目(?!支出|经费|资金|预算|名称|金额|期)", " ", s)
    for p in GENERIC_PLACES:
        s = s.replace(p, "")
    for p in STOP_PHRASES:
        s = s.replace(p, " ")
    s = re.sub(r"([\u4e00-\u9fff])[（(]([\u4e00-\u9fff]{1,2})[）)]", r"\1\2", s)  # ('股（室）' is one word, as labels read it)
    s = re.sub(r"[?？!！。，,、：:；;（）()\"'“”《》\s]+", " ", s)
    return s.strip()


@lru_cache(maxsize=1 << 16)
def bigrams(s: str) -> frozenset[str]:
    """Character bigrams of the CJK/alnum runs of s (cached: every question scores the same labels)."""
    out: set[str] = set()
    for run in re.findall(r"[\u4e00-\u9fffA-Za-z0-9]+", s):
        if len(run) == 1:
            out.add(run)
        out.update(run[i:i + 2] for i in range(len(run) - 1))
    return frozenset(out)


@lru_cache(maxsize=1 << 16)
def label_core(label: str) -> str:
    """A row label without its ordinal ('一、', '1.', '（一）', '①') and punctuation."""
    s = re.sub(r"^\s*(?:[一二三四五六七八九十]+、|\d+[.、．]\s*|（[一二三四五六七八九十]+）|[①②③④⑤⑥⑦⑧⑨⑩]|其中[:：])", "", label)
    return re.sub(r"[\s\"“”（）()：:、，,]", "", s)


def ordered_end(subject: str, text: str) -> int | None:
    """Where in text the last character of subject falls when all its characters (6 or more) stand
    there in order, with no more than half as many others between them; else None."""
    if len(subject) < 6:
        return None
    i, start = -1, None
    for ch in subject:
        i = text.find(ch, i + 1)
        if i < 0:
            return None
        start = i if start is None else start
    return i if (i - start + 1) - len(subject) <= len(subject) // 2 else None
