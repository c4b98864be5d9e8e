"""Questions asked by exclusion: '除了人员经费以外的基本支出', '剔除2150501行政运行以后还有多少',
'把最大的那个项目去掉，其余项目加起来', '刨掉特定目标类的，还有几个项目', '财政拨款以外的收入占比',
'办公费之外哪一项最大'.

The excluded part is read out of the question; the rest is asked as its own question (the whole,
a count, a share or a ranking); the answer is the whole minus the part, the complement of the
part's share, or the ranking without the part, with both figures cited and the formula shown.
When either figure cannot be found the question is refused: the whole alone (or the part alone)
would read as the answer.
"""
from __future__ import annotations

import dataclasses
import re
import threading
from decimal import Decimal

from assistant import calculator as calc
from assistant.answer import Answer, Calculation, refusal
from assistant.citing import _name
from assistant.conditions import nonzero_asked
from assistant.facts import GENERIC_GRAMS, is_total
from assistant.library import DocFacts
from assistant.textfacts import counted_noun
from assistant.understand import bigrams, label_core, parse

_VERBS = r"剔除|扣除|扣掉|扣去|去掉|去除|刨掉|刨除|刨去|排除|不算|不计|不含|不包括|减去|减掉|拿掉|抛开|撇开"
_PAIR = r"[（(][^（）()，,]{1,7}[）)]"  # ('因公出国（境）', '其他城乡社区支出(21299)': brackets inside a name)
_END = r"(?:以后|之后|后|以外|之外|外)?(?:的(?=部分|那块|那部分))?(?:那一?块|那部分|部分)?"
# the excluded part, in the ways people write it (group x); the first that matches wins
_PATTERNS = [
    re.compile(r"把(?P<x>[^，,。？?]{2,40}?)(?:" + _VERBS + r"|除去|除掉|除外)(?:掉)?(?:以后|之后|后)?"),
    # ('城乡社区支出里，行政运行不算，最大的一项', '行政运行除外，…')
    re.compile(r"(?:^|[，,])\s*(?P<x>[^，,。？?]{2,20}?)(?:不算|除外|不计|不考虑)(?:的话|在内)?(?=[，,])"),
    re.compile(r"(?:除了|除去|除开|除掉|(?<![扣剔删免解排去刨消清])除)(?P<x>[^，,。？?]{2,30}?)(?:以外|之外|外)(?:的)?"),
    re.compile(r"(?:除了|除去|除开|除掉)(?P<x>[^，,。？?]{2,30}?)(?=[，,]|的那块|那块|的部分|还)" + _END),
    re.compile(r"[（(](?:不含|不包括|扣除|剔除)(?P<x>[^（）()，,。？?]{2,20})[）)]"),
    re.compile(r"(?:" + _VERBS + r")(?:了|掉)?(?P<x>(?:[^，,。？?（）()]|" + _PAIR + r"){2,30}?)(?:以后|之后|后|(?=[，,]|还|剩|其余|的部分|$))"),
    re.compile(r"(?:^|[，,里中])(?P<x>(?:[^，,。？?里中（）()]|" + _PAIR + r"){2,20}?)(?:以外|之外)(?:的|(?=哪|还有哪))(?:部分|那块|那部分)?"),
]
# what is left: '还有多少', '还剩多少', '剩下的', '其余', '其他几项'
_REST = re.compile(r"还(?:有|剩|剩下)?(?=多少|几)|还剩下?|剩下(?:的|来的)?|剩余(?:的)?|其余(?:的)?|其他的?(?=项目|几项|[\u4e00-\u9fff]{0,2}加起来)|余下(?:的)?")
_AMOUNT = re.compile(r"(?:那|这)?(?:笔)?\d+(?:\.\d+)?\s*(?:万元|亿元|万块|万|元|块)(?:钱)?(?:的)?")


# the verbs that take a part out: a question that uses one is answered by exclusion or refused
_TAKES_OUT = re.compile(r"除了|除去|除开|剔除|扣除|扣掉|扣去|刨掉|刨除|刨去|排除|抛开|撇开")


_FRAMED = re.compile(r"[，,]?\s*(?:除了|除去|除开|除掉|不算)[^，,。？?]{1,12}?(?:那块|这块|那部分|以外|之外)?[，,]\s*"
                    r"(?=[^，,。？?]{2,}(?:和|与|及|、|加上?)[^，,。？?]{2,}?(?:加起来|加在一起|合计|一共|总共|之和))")


def split_excluded(question: str) -> tuple[str, str] | None:
    """(the part excluded, the question without it), or None when the question excludes nothing."""
    for p in _PATTERNS:
        m = p.search(question)
        if not m or re.search(r"表\s*[（(]$", question[:m.start() + 1]) or re.search(r"表\s*[（(]\s*$", question[:m.start()]):
            continue  # ('…经济科目表（不含上年结转）': a table's title, not a part taken out)
        part = _clean(m.group("x"))
        if re.fullmatch(r"(?:金额)?(?:为|是|等于)?(?:零|0)(?:元|万元)?(?:的)?(?:那些|几项|项)?", part):
            continue  # ('除去为零的，最少的是哪一项'): rows of 0 left out, no part (conditions.nonzero_asked)
        if len(re.findall(r"[\u4e00-\u9fff]|\d{3,}", part)) < 2:
            continue
        rest = question[:m.start()] + (" " if not m.group(0).startswith(("，", ",")) else "，") + question[m.end():]
        rest = _REST.sub("", rest)
        rest = re.sub(r"[，,]\s*(?=[，,？?])|^\s*[，,]", "", rest)
        return part, re.sub(r"\s+", " ", rest).strip()
    return None


def _clean(part: str) -> str:
    """'最大的那个产业研究院建设资金' → 产业研究院建设资金; '晋坤双碳研究院那300万' → 晋坤双碳研究院;
    '“其他商品和服务支出”' → 其他商品和服务支出."""
    part = _AMOUNT.sub("", part)
    part = re.sub(r"[“”\"‘’'「」《》]", "", part)
    part = re.sub(r"^(?:最[大小多少高低]的?|金额最[大小]的?)?(?:那个|这个|那一?项|这一?项|那|这)?", "", part)
    part = re.sub(r"(?:那个|这个|那一?项|这一?项|那块|这块|那部分|这部分|的部分|的那块|的|那|这)$", "", part)
    return part.strip(" ，,的")


# the part a ranking leaves out while it is asked ('办公费之外哪一项最大'): one per thread, for the web
# app answers several questions at once on one engine
_ASKING = threading.local()


def excluding() -> str:
    """The part the ranking being asked in this thread leaves out, or ''."""
    return getattr(_ASKING, "part", "")


class Exclusions:
    """Mixed into Engine: excluded(question, context, scope) answers a question asked by exclusion."""

    def excluded(self, question: str, context: dict | None, scope: list[str] | None) -> Answer | None:
        if not re.search(r"多少|几|占|比例|比重|百分|最|排", question):
            return None  # ('除了局本部还包括哪个单位': a name asked, no figure to take a part from)
        if re.search(r"本部|本级", question) and re.search(r"下属|所属|下面|下辖|管着|其他|其余|另外", question):
            return None  # ('除局本部外还有几家下属单位': 下属 are by meaning not 本部; the rest is the question)
        framed = _FRAMED.search(question)
        if framed:  # ('除了出国那块，公务接待和公车加起来'): the items to add are named; what is left out only frames them
            return self._guarded(question[:framed.start()] + "，" + question[framed.end():], context, scope)  # type: ignore[attr-defined]
        found = split_excluded(question)
        if found is None:
            if nonzero_asked(question):
                return None  # ('除去为零的，最少的是哪一项'): rows of 0 leave the ranking; no part to subtract
            if _TAKES_OUT.search(question) and re.search(r"多少|几|占|比例|比重|百分", question) \
                    and not re.search(r"表\s*[（(][^（）()]*(?:不含|扣除|剔除)", question):
                return refusal(f"“{question.strip()}”中要扣除的部分：没能读出要从哪一项中扣除哪一项，"
                               "请写成“A扣除B以后是多少”或“除了B以外的A是多少”")
            return None
        part, rest = found
        if re.search(r"合计|总计|小计|表头|标题", part):
            return None  # ('不算最上面单位合计那两行，一共列了几个项目': rows are counted without their totals anyway)
        # 'X以外的部分（货物加服务）', '除去人员经费的那块（公用经费）': the rest named in brackets is asked
        bracket = re.search(r"(?:以外|之外|那块|部分)(?:的)?(?:部分)?[（(]([^（）()]{2,20})[）)]", question)
        if bracket:
            whole = re.sub(r"(?:除了|除去|除开|除掉)?[^，,。？?]{0,30}?(?:以外|之外|那块|部分)(?:的)?(?:部分)?[（(][^（）()]{2,20}[）)]",
                           bracket.group(1), question, count=1)
            named = self._guarded(whole, context, scope)  # type: ignore[attr-defined]
            if named.answerable:
                return named
        q = parse(rest)
        noun = counted_noun(rest) if q.intent == "count" else ""
        if len(noun) >= 3 and noun not in part and noun[-2:] == part[-2:]:
            return None  # ('除去行政单位和参公单位，事业单位有几家': a sibling kind is counted, nothing taken from it)
        if re.search(r"其他|其余", rest) and q.intent in ("count", "lookup"):
            rest_found = self._guarded(rest, context, scope)  # type: ignore[attr-defined]
            if rest_found.answerable and rest_found.citations and re.match(r"其他|其余", rest_found.citations[0].row_label):
                return rest_found  # ('除了在编人员，其他人员有多少人': the document prints the others' row itself)
        if q.intent == "rank":
            return self._rank_without(rest, part, context, scope)
        if q.intent == "share" and re.search(r"最(?:大|多|高)|排第|前[一二三两\d]", rest):
            # ('除了其他司法支出，最大的一项占项目支出的比重'): the ranking without the part, then its share
            return self._rank_without(rest, part, context, scope)
        if q.intent == "share":
            return self._share_without(question, rest, part, context, scope)
        if q.intent == "count":
            return self._count_without(rest, part, context, scope)
        return self._amount_without(question, rest, part, context, scope)

    # -- the whole minus the part -------------------------------------------------------
    def _amount_without(self, question: str, rest: str, part: str, context, scope) -> Answer:
        asked = re.sub(r"(?:是|有|为)?(?:多少|几)(?=万元|亿元|元|万|钱|[?？]|$)", "是多少", rest)
        whole = self._guarded(asked, context, scope)  # type: ignore[attr-defined]
        if not whole.answerable or whole.value is None or whole.unit not in calc.UNITS_IN_YUAN:
            return self._not_found(question, part, whole)
        if whole.value == 0:  # ('国有资本经营预算支出，扣掉基本支出后': nothing there to take from)
            return dataclasses.replace(whole, text=whole.text + f"（整体为0，扣除“{part}”后仍为0。）")
        if whole.citations and re.match(r"其他|其余", label_core(whole.citations[0].row_label)) and re.search(r"其他|其余", rest):
            return whole  # ('除了财政拨款以外的其他收入': the row 其他收入 is what is left)
        doc_id = whole.citations[0].doc_id if whole.citations else ""
        cut = self._part_cell(doc_id, whole, part) or self._part_asked(part, whole.unit, doc_id, context)
        if cut is None:
            return self._not_found(question, part, whole, whole_found=True)
        W = calc.Operand(whole.value, whole.unit, whole.citations[0] if whole.citations else None,
                         _short(whole.citations[0]) if whole.citations else "整体")
        X = calc.Operand(cut.value, cut.unit, cut.citations[0] if cut.citations else None, part)
        c = calc.difference(W, X)
        if c.result < 0:
            at = f"，《{X.citation.source}》第{X.citation.page}页" if X.citation is not None else ""
            return refusal(f"“{question.strip()}”：找到的“{part}”（{X.value}{X.unit}{at}）"
                           f"比整体（{W.value}{W.unit}）还大，"
                           "两者不是整体与部分，请写明要从哪一项中扣除")
        unit, value, expr = c.unit, c.result, c.expression
        q = parse(question)
        if q.want_unit in calc.UNITS_IN_YUAN and q.want_unit != unit:
            conv = calc.convert(value, unit, q.want_unit)
            expr += f"；{value}{unit} × {calc.UNITS_IN_YUAN[unit]} ÷ {calc.UNITS_IN_YUAN[q.want_unit]} = {conv.normalize():f}{q.want_unit}"
            value, unit = conv, q.want_unit
        cits = list(whole.citations[:1]) + list(cut.citations[:1])
        src = "；".join(f"《{x.source}》第{x.page}页" + (f"《{x.table_title}》" if x.table_title else "") for x in cits)
        text = (f"{whole.text.split('来源')[0].rstrip('。 ')}；扣除“{part}” {cut.value}{cut.unit}后为 "
                f"{calc.q2(value) if unit == '%' else value.normalize():f}{unit}。来源：{src}。计算：{expr}")
        return Answer(text=text, value=value, unit=unit, citations=cits,
                      calculation=Calculation(expr, value, unit, tuple(cits)), kind="sum")

    def _part_cell(self, doc_id: str, whole: Answer, part: str):
        """The part's cell in the whole's own table and column ('…类里剔除2150501行政运行'), when one row names it."""
        if not doc_id or not whole.citations:
            return None
        c0 = whole.citations[0]
        df: DocFacts = self.lib.facts(doc_id)  # type: ignore[attr-defined]
        code = re.search(r"\d{3,7}", part)
        core = label_core(re.sub(r"\d+", "", part))
        same = [f for f in df.facts if f.table_title == c0.table_title and f.page == c0.page and f.column == c0.column
                and f.value is not None and f.row_label != c0.row_label]
        hits = [f for f in same if (code and f.subject_code == code.group(0))
                or (len(core) >= 2 and label_core(f.row_label) == core)]
        if not hits and len(core) >= 3:
            hits = [f for f in same if core in label_core(f.row_label)]
        if len({(f.row_label, f.value) for f in hits}) != 1:
            return None
        f = hits[0]
        from assistant.citing import cite
        return Answer(text="", value=f.value, unit=f.unit, citations=[cite(df.document, f)], kind="lookup")

    def _part_asked(self, part: str, unit: str, doc_id: str, context) -> Answer | None:
        """The part looked up on its own, in the whole's document and unit."""
        got = self._guarded(f"{part}是多少", context, [doc_id] if doc_id else None)  # type: ignore[attr-defined]
        if not got.answerable or got.value is None or got.unit not in calc.UNITS_IN_YUAN:
            return None
        if got.citations and doc_id and got.citations[0].doc_id != doc_id:
            return None
        return got

    # -- a share of what is left -----------------------------------------------------------
    def _share_without(self, question: str, rest: str, part: str, context, scope) -> Answer:
        """'除了社保以外的支出占总支出的百分之几' = 100% − the part's share, over the same whole."""
        m = re.search(r"占(?!比)(?:了)?(?P<w>[^，,。？?]{0,20}?)(?:的)?(?:百分之|比重|比例|份额|多少|几|%)", rest)
        whole_words = (m.group("w") if m and m.group("w") else "")
        if not whole_words:
            # '本年收入里，财政拨款以外的收入占比多少': the whole is what the part was cut from
            w = re.search(r"([^，,。？?\s]{2,20}?)(?:里|中|当中|之中)[，,]?", question)
            whole_words = w.group(1) if w else ""
        head = re.match(r"^[^，,。？?]*?20\d\d\s*年度?", question)
        prefix = head.group(0) if head else ""
        if not whole_words:
            return self._not_found(question, part, None)
        share = self._guarded(f"{prefix}{part}占{_strip_prefix(whole_words, prefix)}的比重是多少", context, scope)  # type: ignore[attr-defined]
        if not share.answerable or share.unit != "%" or share.calculation is None or len(share.calculation.inputs) < 2:
            return self._not_found(question, part, share)
        p_cit, w_cit = share.calculation.inputs[0], share.calculation.inputs[1]
        # ('一般公共预算财政拨款收入2940.05 ÷ 本年收入合计2946.25 × 100%': each value stands before its sign)
        nums = re.search(r"(\d+(?:\.\d+)?)[^\d÷]{0,4}÷[^÷×]*?(\d+(?:\.\d+)?)[^\d×]{0,4}×", share.calculation.expression)
        if not nums:
            return self._not_found(question, part, share)
        P, Wv = Decimal(nums.group(1)), Decimal(nums.group(2))
        value = calc.q2((Wv - P) / Wv * 100)
        expr = f"({Wv} − {part} {P}) ÷ {Wv} × 100% = {value}%"
        cits = [w_cit, p_cit]
        src = "；".join(f"《{x.source}》第{x.page}页" + (f"《{x.table_title}》" if x.table_title else "") for x in cits)
        doc = self.lib.get(p_cit.doc_id)  # type: ignore[attr-defined]
        text = (f"{_name(doc) if doc else ''}除“{part}”以外的部分占比为 {value}%（“{part}”占 {share.value}%）。"
                f"来源：{src}。计算：{expr}")
        return Answer(text=text, value=value, unit="%", citations=cits,
                      calculation=Calculation(expr, value, "%", tuple(cits)), kind="share")

    # -- a count less the part's count -----------------------------------------------------
    def _count_without(self, rest: str, part: str, context, scope) -> Answer:
        whole = self._guarded(rest, context, scope)  # type: ignore[attr-defined]
        if not whole.answerable or whole.value is None:
            return self._not_found(rest, part, whole)
        noun = re.search(r"(?:几|多少)(?:个|项|名|位|人|家)?([\u4e00-\u9fff]{0,4}?)(?:[?？]|$)", rest)
        tail = noun.group(1) if noun and noun.group(1) and noun.group(1) not in part else ""
        measure = re.search(r"(?:几|多少)(个|项|名|位|人|家)", rest)
        doc_id = whole.citations[0].doc_id if whole.citations else ""
        cut = self._guarded(f"{part}{tail}有{'多少' if measure and measure.group(1) == '人' else '几'}{measure.group(1) if measure else '个'}",
                            context, [doc_id] if doc_id else scope)  # type: ignore[attr-defined]
        if not cut.answerable or cut.value is None or cut.unit in calc.UNITS_IN_YUAN or cut.unit == "%":
            return self._not_found(rest, part, whole, whole_found=True)
        value = whole.value - cut.value
        if value < 0:
            return self._not_found(rest, part, whole, whole_found=True)
        expr = f"{whole.value} − {part} {cut.value} = {value}{whole.unit}"
        cits = list(whole.citations[:1]) + list(cut.citations[:1])
        src = "；".join(f"《{x.source}》第{x.page}页" for x in cits)
        text = f"{whole.text.split('来源')[0].rstrip('。 ')}；其中“{part}” {cut.value}{cut.unit}，其余 {value}{whole.unit}。来源：{src}。计算：{expr}"
        return Answer(text=text, value=value, unit=whole.unit, citations=cits,
                      calculation=Calculation(expr, value, whole.unit, tuple(cits)), kind="count")

    # -- a ranking without the part ---------------------------------------------------------
    def _rank_without(self, rest: str, part: str, context, scope) -> Answer:
        _ASKING.part = part  # read by rank(): rows whose name holds the part leave the pool
        try:
            ans = self._guarded(rest, context, scope)  # type: ignore[attr-defined]
        finally:
            _ASKING.part = ""
        if not ans.answerable or f"不含“{part}”" not in ans.text:
            return self._not_found(rest, part, ans)
        return ans

    def _not_found(self, question: str, part: str, found: Answer | None, whole_found: bool = False) -> Answer:
        what = "要扣除的“" + part + "”" if whole_found else "扣除“" + part + "”之前的整体"
        where = f"，见《{found.citations[0].source}》第{found.citations[0].page}页" \
            if found is not None and found.answerable and found.citations else ""
        seen = f"（找到的只是{found.text.split('。')[0]}{where}）" if found is not None and found.answerable else ""
        return refusal(f"“{question.strip()}”所需的{what}{seen}；请分别写明整体和要扣除的项目")


def without_part(pool: list, part: str) -> list:
    """The rows a ranking keeps when the question leaves a part out: not the rows the part names, by
    科目编码, by name, or by most of its words ('晋坤双碳研究院' names 朔州晋坤双碳产业研究院有限公司建设资金)."""
    code = re.search(r"\d{3,7}", part)
    core = label_core(re.sub(r"\d+", "", part))
    grams = bigrams(core) - GENERIC_GRAMS

    def named(f) -> bool:
        lab = label_core(f.row_label)
        return bool((code and f.subject_code == code.group(0)) or len(core) >= 2 and (
            core in lab or len(lab) >= 3 and lab in core or len(grams) >= 3 and len(grams & bigrams(lab)) >= 0.8 * len(grams)))
    return [f for f in pool if not named(f)]


def _short(c) -> str:
    """A cited cell's name in a formula: its row, or its column when the row is a total ('合计' of 人员经费)."""
    row = label_core(c.row_label)
    if (not row or is_total(row)) and c.column:
        return label_core(c.column.split("/")[-1])[:16] or "整体"
    return row[:16] or "整体"


def _strip_prefix(words: str, prefix: str) -> str:
    return words.replace(prefix, "").strip()
