"""A claim to check ('有报道称…有1.3亿元。实际是多少？', '网上说…20个。这个说法多报了几个？'): the claim gives the
body, the year and what is talked about; its figure, its cause and its verdict are the claimant's and are
never read as the question. The question is asked of the documents with the claim's subject; when it
asks how far off the claim is, the answer is the gap between the claimed figure and the document's,
with the formula."""
from __future__ import annotations

import dataclasses
import re
from decimal import Decimal

from assistant import calculator as calc
from assistant.answer import Answer, Calculation
from assistant.understand import parse

CLAIM = re.compile(r"^\s*(?:有|某些?|一些|不少)?(?:报道|媒体|公众号|文章|自媒体|网友|人|网上|网传|传言|群里|帖子|视频|评论"
                   r"|记者|稿子|稿件|初稿|通稿|新闻稿|草稿|作者|小编)"
                   r"[^，,。？?]{0,4}?(?:称|说|写|写道|报道|提到|讲|把|认为|声称)?[，,:：]?|^\s*(?:网传|据说|听说|传言)[，,:：]?")
# the claimant's figure: '1.3亿元', '20个', '约1.72亿元', '400多名', '48万元左右', '八成以上', '九成左右', '一半多'
FIGURE = re.compile(r"(?:约|大约|大概|将近|接近|近|超过|不到|只有|只|仅|才|有|达)?\s*(\d[\d,，]*(?:\.\d+)?)\s*(多)?\s*"
                    r"(亿元|万元|元|%|％|个|名|人|家|项|辆|台|倍|亿|万(?!元))(?:左右|以上|出头|多)?"
                    r"|(?:约|大约|将近|接近|超过|不到|只有|仅)?[一二两三四五六七八九十]成(?:以上|左右|多)?|一半多?|腰斩|翻了?一番"
                    r"|(?:约|大约|将近|接近|超过|不到|还不到)?(?:的)?[一二两三四五六七八九十]+倍")
_HEDGED = re.compile(r"好像|似乎|应该|大概|大约|估计|据说|我记得|记得|印象中|印象里|听说|听人说|有人说")
_IN_FACT = re.compile(r"(?:到底|究竟|具体|实际上?|真实|准确)(?:是|有|为)?(?:多少|几)")
# the claimant's question about its own figure: '，真的吗？', '对吗', '是吧'
_VERDICT = re.compile(r"[，,]?\s*(?:真的吗|是真的吗|对吗|对不对|是吗|是吧|没错吧|吧)[？?。]?\s*$")
CAUSE = re.compile(r"[，,]?\s*(?:主要)?(?:是因为|因为|是由于|由于|归因于|源于|是为了)[^。？?]*")
# the question asks how far off the claim is
OFF = re.compile(r"多报了|少报了|多说了|少说了|说多了|说少了|报多了|报少了|差了多少|偏差|误差|多算了|少算了|高估|低估"
                 r"|比\s*\d[\d.]*\s*(?:亿元|万元|元|个|%|名|人)?\s*(?:少|多|低|高)(?:了)?多少")
_THIN = re.compile(r"实际上?|真实|文件里?|文件中|文档|(?:帮忙|请|麻烦)?核(?:实|对|查)?一下|核实|核对|核查|查一下|是这样|对不对|对吗|这个说法|这一说法|该说法|按文件里?的?数字?|说的|写的|给出的|"
                   r"是多少|多少|几个?|百分之|比例|是什么|什么|原因|哪一?项|哪个|是|的|了|吗|呢|应该|根据|[，,。？?\s\d%]")


# a check asked after a comma of the claim's own sentence ('记者写…38071.58万元，这个数对不对？', '…1.83万元，核一下。',
# '…18个项目，到底几个？', '…降了3.1%，文件里是多少？')
_CHECK = re.compile(r"[，,]\s*((?:这个数|这个说法|这一?说法|这个数字|数字|说法)?(?:对不对|对吗|是这样吗|是不是这样|是吗|准确吗|有没有错|错了吗"
                    r"|核(?:实|对|查)?一下|帮忙核(?:实|对)?一下|请?核(?:实|对)|查一下)[^，,]*"
                    r"|(?:那)?(?:到底|究竟|实际|正确的?|准确的?|文件里?|文件中|原文)[^，,]{0,12}(?:多少|几个?|几家|几人|几项|什么)[^，,]*)$")
# the claimant's verb before the figure ('机关运行经费写的是2157.78万元', '在编人员说是32人')
_SAID_IS = re.compile(r"(?:写的是|写成了?|写作|说的是|说是|称是|报的是|给的是)(?=\s*[约大将接近超不只仅才有达]*\s*\d)")


def split_claim(question: str) -> tuple[str, str] | None:
    """(the claim without its marker, the question that follows it), or None when no claim is quoted."""
    sentences = [s for s in re.split(r"(?<=[。！!？?；;])", question.strip()) if s.strip()]
    if len(sentences) == 1 and CLAIM.match(sentences[0]):
        check = _CHECK.search(sentences[0].rstrip("。！!？? "))
        if check and FIGURE.search(sentences[0][:check.start()]):  # one sentence: the claim, a comma, the check
            sentences = [sentences[0][:check.start()] + "。", check.group(1) + "？"]
    if len(sentences) < 2:
        return None
    if not CLAIM.match(sentences[0]):
        # ('万里街道2025年预算好像只有1.5亿左右？到底多少？'): the asker's own hedged figure, then the question
        if not (_HEDGED.search(sentences[0]) and FIGURE.search(sentences[0]) and _IN_FACT.search("".join(sentences[1:]))):
            return None
        return _VERDICT.sub("", sentences[0]).strip("。！!；;？? "), "".join(sentences[1:]).strip()
    said = re.sub(r"^(?:里面?|中|上)?(?:说|写|称|提到)?(?:的是|道)?[，,:：]?", "", CLAIM.sub("", sentences[0], count=1))
    return _VERDICT.sub("", said).strip("。！!；;？? "), "".join(sentences[1:]).strip()


def claimed_figure(claim: str) -> tuple[Decimal, str] | None:
    """The claimed amount and its unit ('1.3亿元' → (1.3, 亿元)); None for a share written in words."""
    m = next((m for m in FIGURE.finditer(claim) if m.group(1)), None)
    if m is None:
        return None
    return Decimal(m.group(1).replace(",", "").replace("，", "")), m.group(3).replace("％", "%")


def subject_of(claim: str) -> str:
    """The claim with the claimant's figure, cause and verdict taken out: what it talks about."""
    s = CAUSE.sub("", claim)
    s = re.sub(r"[“”\"]?[\u4e00-\u9fff（）()]{2,24}?[”\"]?是(?=[^，,。]{0,24}?最(?:多|大|高))", "", s)  # ('物业管理费是最多的一项')
    s = re.sub(r"(最(?:大|多|高|小|少|低)的?[^，,。是]{0,10}?)是[“”\"]?[^，,。]{2,30}$", r"\1", s)  # ('金额最大的单个项目是“小升规”')
    s = FIGURE.sub("", _SAID_IS.sub("", s))
    return re.sub(r"(?:几乎|都|已经|竟然|居然|足足|高达|好像|似乎|应该|估计|可能)(?:是|有|就)?(?=\s*[，,。]|$)", "", s).strip("，, ")


def readings(claim: str, asked: str, body_year: str) -> list[str]:
    """The questions to try, in order: the question with the claim's body and year when it names its own
    subject, else the question after the claim's subject."""
    # ('实际是多少' against a claim: in fact, not the 决算's actual spending)
    asked = re.sub(r"实际上?(?!支出|花|用|执行|完成|发生|开支|在职|在编|人数|到位)|真实", "", asked)
    # ('这个数对吗？', '对不对？', '是否属实？'): the verdict is the answer's to give, not a check to run
    asked = re.sub(r"[^，,。？?]{0,6}(?:对吗|对不对|是否属实|属实吗|是真的吗|准确吗|靠谱吗|可信吗)[？?。，,]?", "", asked).strip()
    # ('文件里给出的上涨原因', '根据2026年预算公开里的增减说明，'): where to look, which every reading names
    asked = re.sub(r"^(?:根据|按照?|依据)[^，,。？?]{0,30}[，,]|(?:按照?|根据)?(?:文件|文档|公开材料)(?:里|中)?(?:给出|说|写|解释|提到|列)?的?",
                   "", asked).strip()
    fig = claimed_figure(claim)
    if fig is not None and fig[1] == "%" and not re.search(r"%|％|百分|幅|率|比例|比重|占|成", asked):
        asked = "百分之多少" if not asked or re.fullmatch(r"[^，,。]{0,8}(?:多少|几)[？?。]?", asked) else asked
    with_subject = subject_of(claim) + "，" + asked
    with_scope = (body_year + asked) if body_year else asked
    in_place = _asked_in_place(claim)
    if in_place and not _THIN.sub("", asked) and not re.search(r"原因|为什么|为何|理由|解释|怎么回事", asked):
        # ('…多了1.83万元，核一下'): the claim asked with its figure as the blank (not when the asked is why)
        return [in_place, with_subject, with_scope]
    return [with_subject, with_scope]


def _asked_in_place(claim: str) -> str:
    """The claim with its figure turned into the question ('比2025年多了1.83万元' → '比2025年多了多少万元',
    '在编人员32人' → '在编人员多少人', '降了3.1%' → '降了百分之多少'); '' when it has no figure in digits."""
    m = next((m for m in FIGURE.finditer(claim) if m.group(1)), None)
    if m is None:
        return ""
    unit = m.group(3).replace("％", "%")
    blank = "百分之多少" if unit == "%" else "多少" + (unit if unit not in ("亿", "万") else unit + "元")
    return CAUSE.sub("", _SAID_IS.sub("是", claim[:m.start()]) + blank + claim[m.end():]).strip("，,。 ")


# '2150501行政运行加2150550事业运行是多少？跟21505款的基本支出对得上吗？': a figure asked, then checked
# against another the asker names (or quotes)
ASK_THEN_CHECK = re.compile(r"^(?P<ask>[^？?]+?(?:是多少|多少(?:万元|元|亿元|万)?|几(?:个|人|家|项))[^？?]{0,6}[？?])\s*"
                            r"(?:这个数|这个|它|那)?(?:跟|和|与|同)(?P<other>[^？?]+?)(?:对得上|对不对得上|能对上|一致|相符|相等|吻合)"
                            r"(?:吗|不|么|没有)?[？?]?\s*$")


# '2025年万里街道三公经费一共多少，是不是比2024年少了？': the amount asked, the comparison as yes or no beside it
ASK_THEN_YESNO = re.compile(r"^(?P<ask>[^，,？?。]+?(?:多少|几)[^，,？?。]{0,4})[，,？?]\s*(?:是不是|是否|有没有)(?P<cmp>(?:比|较)[^，,？?。]+?"
                            r"(?:少|多|低|高|增加|减少|下降|上升|涨|降)了?)[吗呢吧]?[？?]?\s*$")


class Claims:
    """Mixed into Engine: _claimed() answers a question that quotes a claim."""

    def two_asked(self, question: str, context: dict | None, scope: list[str] | None) -> Answer | None:
        """'局里实际在岗多少人？编制多少': two figures asked one after the other, each naming its own subject; the
        first is the answer's value, the second is answered beside it (both cited)."""
        parts = [x for x in re.split(r"(?<=[？?])", question.strip()) if x.strip()]
        asks = r"多少|几(?:个|人|家|项|辆|成)"
        if len(parts) != 2 or not all(re.search(asks, x) for x in parts) or re.match(r"\s*(?:那么?|这|它|其|该|此|其中|比|占)", parts[1]) \
                or not re.search(r"[\u4e00-\u9fff]{2}", re.sub(asks + r"|是|有|呢|吗|[？?]", "", parts[1])) \
                or re.search(r"对不对|对吗|对不上|核|占|比例|比重|百分|为什么|原因", question):
            return None
        first = self._guarded(parts[0], context, scope)  # type: ignore[attr-defined]
        if not first.answerable or first.value is None:
            return None
        head = parse(parts[0])
        said = "".join(x for x in ((head.orgs[0] if head.orgs else ""), (f"{head.years[0]}年" if head.years else "")) if x not in parts[1])
        second = self._guarded(said + parts[1], context, scope)  # type: ignore[attr-defined]
        if not second.answerable or second.value is None or second.citations[:1] == first.citations[:1]:
            return None
        return dataclasses.replace(first, text=first.text + f"\n另问“{parts[1].strip()}”：{second.text}",
                                   citations=list(first.citations) + [c for c in second.citations if c not in first.citations])

    def asked_then_compared(self, question: str, context: dict | None, scope: list[str] | None) -> Answer | None:
        """The amount the first clause asks, with the comparison the yes-or-no after it asks (both cited)."""
        m = ASK_THEN_YESNO.match(question.strip())
        if m is None:
            return None
        ans = self._guarded(m.group("ask"), context, scope)  # type: ignore[attr-defined]
        if not ans.answerable or ans.value is None:
            return None
        cmp = self._guarded(m.group("ask") + m.group("cmp") + "多少", context, scope)  # type: ignore[attr-defined]
        if not cmp.answerable or cmp.value is None:
            return ans
        how = f"计算：{cmp.calculation.expression}" if cmp.calculation is not None else ""
        return dataclasses.replace(ans, text=ans.text + f"（比较：{cmp.text.split('。')[0]}。{how}）",
                                   citations=list(ans.citations) + [c for c in cmp.citations if c not in ans.citations])

    def asked_then_checked(self, question: str, context: dict | None, scope: list[str] | None) -> Answer | None:
        """The figure asked, with the check the second sentence asks beside it: the other side found in the
        documents (or the figure the asker quotes for it) and the gap between them, both cited."""
        m = ASK_THEN_CHECK.match(question.strip())
        if m is None:
            return None
        ans = self._guarded(m.group("ask"), context, scope)  # type: ignore[attr-defined]
        if not ans.answerable or ans.value is None:
            return None
        head = parse(m.group("ask"))
        body_year = (head.orgs[0] if head.orgs else "") + (f"{head.years[0]}年" if head.years else "")
        fig = claimed_figure(m.group("other"))
        if fig is not None:
            fig = (fig[0], fig[1] + "元" if fig[1] in ("万", "亿") else fig[1])
        if fig is not None and fig[1] in calc.UNITS_IN_YUAN and ans.unit in calc.UNITS_IN_YUAN:
            ref, cits, said = fig, [], f"所说的 {fig[0].normalize():f}{fig[1]}"
        else:
            other = self._guarded(body_year + re.sub(r"的?(?:数|数字|金额)?$", "", m.group("other")) + "是多少", context, scope)  # type: ignore[attr-defined]
            if not other.answerable or other.value is None or other.unit not in calc.UNITS_IN_YUAN or ans.unit not in calc.UNITS_IN_YUAN:
                # (the other side names no one figure, '跟预算表对得上吗': the figure asked, the check left open)
                return dataclasses.replace(ans, text=ans.text + f"（核对：没能确定“{m.group('other').strip()}”指哪一个数，请写明表和行）") \
                    if ans.unit in calc.UNITS_IN_YUAN else None
            ref, cits, said = (other.value, other.unit), list(other.citations), other.text.split("。")[0]
        gap = ans.value - calc.convert(ref[0], ref[1], ans.unit)
        # (a figure written at less precision agrees when the answer rounds to it: 217.83万元 for 2178324.44元)
        same = gap == 0 or round(calc.convert(ans.value, ans.unit, ref[1]), max(-ref[0].as_tuple().exponent, 0)) == ref[0]
        note = f"核对：与{m.group('other').strip()}（{said}）" + (("对得上" if gap == 0 else "按所写的精度对得上") if same else f"对不上，相差 {abs(gap).normalize():f}{ans.unit}（计算：|{ans.value} − {calc.convert(ref[0], ref[1], ans.unit).normalize():f}| = {abs(gap).normalize():f}{ans.unit}）")
        return dataclasses.replace(ans, text=ans.text + f"（{note}）", citations=list(ans.citations) + cits)

    def _claimed(self, claim: tuple[str, str], context: dict | None, scope: list[str] | None) -> Answer | None:
        """A quoted claim checked: how far off it is (the claimed figure against the documents'), else the
        question asked with the claim's body, year and subject (see assistant.claims)."""
        said, asked = claim
        head = parse(said)
        body_year = (head.orgs[0] if head.orgs else "") + (f"{head.years[0]}年" if head.years else "")
        if OFF.search(asked):
            fig = claimed_figure(said)
            if fig is None:
                return None
            counted = fig[1] in ("个", "名", "人", "家", "项", "辆", "台")
            found = self._guarded(subject_of(said) + ("有多少" + fig[1] if counted else "是多少"), context, scope)
            if not found.answerable or found.value is None:
                return found
            value, unit = fig
            if unit in calc.UNITS_IN_YUAN and found.unit in calc.UNITS_IN_YUAN:
                value, unit = calc.convert(value, unit, found.unit), found.unit
            elif unit != found.unit and not (counted and found.unit in ("个", "名", "人", "家", "项", "辆", "台")):
                return None
            gap = abs(value - found.value)
            expr = f"|说法{value.normalize():f}{unit} − 文件{found.value}{found.unit}| = {gap.normalize():f}{unit}"
            c = Calculation(expr, gap, unit, tuple(found.citations))
            return Answer(text=f"说法与文件相差 {gap.normalize():f}{unit}：文件为 {found.text.split('。')[0]}。计算：{expr}",
                          value=gap, unit=unit, citations=found.citations, calculation=c, kind="diff")
        for reading in readings(said, asked, body_year):
            ans = self._guarded(reading, context, scope)
            if ans.answerable:
                return verdict(ans, claimed_figure(said), bool(_ROUGH.search(said)))
        return None


def verdict(ans: Answer, fig: tuple[Decimal, str] | None, rough: bool = False) -> Answer:
    """The answer, opened by whether the claim's figure is the document's ('说法的38071.58万元与文件不符'),
    when the two are in units that compare (a rough claim, '约1.3亿元', within 5%); the document's figure
    stays the answer."""
    if fig is None or ans.value is None:
        return ans
    value, unit = fig
    if unit in calc.UNITS_IN_YUAN and ans.unit in calc.UNITS_IN_YUAN:
        # (at the claim's own precision: '1.9亿元' is right for 189767551元)
        same = round(calc.convert(ans.value, ans.unit, unit), max(-value.as_tuple().exponent, 0)) == value
    elif unit == ans.unit or (unit in _COUNTED and ans.unit in _COUNTED):
        same = value == ans.value
    else:
        return ans
    if rough and not same and ans.value:
        near = abs(calc.convert(value, unit, ans.unit) if unit in calc.UNITS_IN_YUAN else value) - abs(ans.value)
        if abs(near) <= abs(ans.value) * Decimal("0.05"):
            return dataclasses.replace(ans, text=f"说法中的约 {value.normalize():f}{unit}与文件大致相符（文件为 {ans.value}{ans.unit}）。" + ans.text)
    exact = same and calc.convert(value, unit, ans.unit) == ans.value if unit in calc.UNITS_IN_YUAN else same
    word = ("与文件一致" if exact else f"按所写的精度与文件相符（文件为 {ans.value}{ans.unit}）") if same \
        else f"与文件不符（文件为 {ans.value}{ans.unit}）"
    return dataclasses.replace(ans, text=f"说法中的 {value.normalize():f}{unit}{word}。" + ans.text)


_COUNTED = ("个", "名", "人", "家", "项", "辆", "台")
_ROUGH = re.compile(r"约|左右|将近|接近|大概|大约|差不多|出头|\d多|以上|不到")
