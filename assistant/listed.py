"""Items a question lists inside a part it names first, and the gap between a ranking's two ends.

Items listed: '政府采购预算里，货物、工程、服务哪一块最多',
'政府采购里工程加服务两类一共多少万元', '三公经费里公务接待费和公务用车哪个多'.

The part (政府采购) is often only a paragraph of the narrative, with no table to rank or add. Each item is
asked on its own, within the part and the one document the question names ('政府采购工程是多少'); the
answer ranks or adds the figures, every one cited and the formula shown. When an item's figure cannot be
found, or two items come back as the same figure, the step leaves the question to the ordinary lookup.

The two ends ('项目支出里最大的项目和最小的项目差了多少', '最多的和最少的科目相差几倍'): the largest and the smallest
asked as two rankings of the same rows, the gap (or ratio) computed from the two cited figures.
"""
from __future__ import annotations

import re
from decimal import Decimal

from assistant import calculator as calc
from assistant.answer import Answer, refusal
from assistant.checks import in_asked_unit
from assistant.citing import _name
from assistant.understand import bigrams, cn_number, parse

_ITEM = r"[\u4e00-\u9fff]{1,8}?"
_JOIN = r"(?:、|和|与|及|加上?|跟|以及)"
_LISTED = re.compile(
    rf"(?P<part>(?![年度的页])[\u4e00-\u9fff“”\"]{{2,16}}?)(?:预算)?(?:里面|当中|里|中)的?[，,]?\s*"
    rf"(?P<items>{_ITEM}(?:{_JOIN}{_ITEM}){{1,5}})(?:这|那)?(?:两|三|四|五|六|几)?(?:类|项|块|个|部分|样|种|行)?(?:的)?(?:预算|金额|钱)?"
    r"(?P<op>哪(?:一)?(?:个|项|块|类|部分|样|种)?(?:[^，,。？?]{0,6}?)(?:最|更)?(?P<w>多|大|高|少|小|低)"
    r"|(?:一共|合计|加起来|总共|之和|合起来|共)+(?:是|有)?(?:多少|几))")

# 'A、B、C、D这四类里，最少的那一类是多少': the items first, then the words that count them
_LISTED_FIRST = re.compile(
    r"(?P<part>)(?P<items>[\u4e00-\u9fff]{1,12}?(?:、[\u4e00-\u9fff]{1,12}?){1,5})(?:这|那)(?:两|三|四|五|六|几)(?:类|项|块|个|部分|种)(?:里面|当中|之中|里|中)[，,]?\s*"
    r"(?P<op>(?:哪(?:一)?(?:个|项|块|类|部分|种)?|[^，,。？?]{0,4}?最)(?:[^，,。？?]{0,6}?)(?P<w>多|大|高|少|小|低)"
    r"|(?:一共|合计|加起来|总共|之和|合起来|共)+(?:是|有)?(?:多少|几))")


_ENDS = re.compile(r"(?:金额)?最(?P<a>大|多|高|少|小|低)的(?P<x>[\u4e00-\u9fff]{0,8}?)(?:和|与|跟|同)(?:金额)?最(?P<b>大|多|高|少|小|低)的(?P<y>[\u4e00-\u9fff]{0,8}?)"
                   r"(?:之间|两者|二者)?(?:相差|差了|差距|差额|差|是)(?P<times>几倍|多少倍)?"
                   # ('最多的项目是最少的项目的几倍')
                   r"|(?:金额)?最(?P<a2>大|多|高|少|小|低)的(?P<x2>[\u4e00-\u9fff]{0,8}?)是(?:金额)?最(?P<b2>大|多|高|少|小|低)的"
                   r"(?P<y2>[\u4e00-\u9fff]{0,8}?)的(?P<times2>几倍|多少倍)")


class ListedItems:
    """Mixed into Engine: across_items() ranks or adds items listed inside a named part."""

    def across_items(self, question: str, context: dict | None, scope: list[str] | None) -> Answer | None:
        m = _LISTED.search(question) or _LISTED_FIRST.search(question)
        if not m:
            return None
        items = [x for x in re.split(_JOIN, m.group("items")) if x]
        if m.re is _LISTED_FIRST:
            # ('社会保障和就业、卫生健康、…这四类里'): names joined by 、 keep their own 和; the last may hold the join
            items = [x for x in m.group("items").split("、") if x]
            said = re.search(r"(?:这|那)([两三四五六])", question[m.end("items"):m.end("items") + 3])
            last = [x for x in re.split(r"和|与|及", items[-1]) if x]
            if len(last) > 1 and (not said or len(items) - 1 + len(last) == cn_number(said.group(1))):
                items = items[:-1] + last
        if any(re.search(r"[这那几两三四五六七八九十]|的", x) for x in items):
            return None  # (a count or a clause ran into an item: '邮电费这三项'; the ordinary sum reads it)
        part = re.sub(r"[“”\"]", "", m.group("part"))
        if len(items) < 2 or len(set(items)) < len(items) or any(x in part for x in items):
            return None
        q = parse(question)
        docs, problem = self.select(q, context or {}, scope)  # type: ignore[attr-defined]
        if problem is not None or len(docs) != 1:
            return None
        doc = docs[0]
        head = question[:m.start("part")]  # (the body and year, as the question wrote them)
        got = []
        for item in items:
            ans = self._guarded(f"{head}{part}{item}是多少", None, [doc.doc_id])  # type: ignore[attr-defined]
            if not ans.answerable or ans.value is None or not ans.citations or ans.unit not in calc.UNITS_IN_YUAN:
                return self._item_missing(doc, part, item)
            c = ans.citations[0]
            said = bigrams(c.row_label + c.column + c.quote + ans.text.split("来源")[0])
            if len(bigrams(item) & said) < 0.6 * len(bigrams(item)):  # (the item's own figure, not the part's)
                return self._item_missing(doc, part, item)
            got.append((item, ans))
        if len({(a.citations[0].page, a.citations[0].row_label, a.citations[0].column, a.value) for _, a in got}) < len(got):
            return None
        if len({a.citations[0].table_title for _, a in got}) > 1:
            return None  # (items found in different tables: the ordinary sum reads them from one table)
        ops = [calc.Operand(Decimal(a.value), a.unit, a.citations[0], item) for item, a in got]
        cites = [a.citations[0] for _, a in got]
        listing = "；".join(f"{item} {a.value}{a.unit}（第{a.citations[0].page}页）" for item, a in got)
        where = f"{_name(doc)}{part}"
        if m.group("w"):
            low = m.group("w") in ("少", "小", "低")
            unit = ops[0].unit
            key = [calc.convert(o.value, o.unit, unit) for o in ops]
            i = min(range(len(ops)), key=lambda k: key[k]) if low else max(range(len(ops)), key=lambda k: key[k])
            item, a = got[i]
            word = ("最少" if low else "最多") if len(items) > 2 else ("较少" if low else "较多")
            ans = Answer(text=f"{where}中{'、'.join(items)}{word}的是{item}：{a.value}{a.unit}（{listing}）。",
                         value=Decimal(a.value), unit=a.unit, citations=[cites[i]] + [c for j, c in enumerate(cites) if j != i],
                         kind="rank")
        else:
            c = calc.total(ops)
            ans = Answer(text=f"{where}中{'、'.join(items)}合计 {c.result}{c.unit}（{listing}）。计算：{c.expression}",
                         value=c.result, unit=c.unit, citations=cites, kind="sum", calculation=c)
        return in_asked_unit(ans, question)

    def _item_missing(self, doc, part: str, item: str) -> Answer | None:
        """An item the document never prints is refused (a sum or ranking without it would read as the
        answer); an item it prints but the lookup missed is left to the ordinary path."""
        df = self.lib.facts(doc.doc_id)  # type: ignore[attr-defined]
        if any(item in f.row_label for f in df.facts) or any(item in ch.text for ch in df.chunks):
            return None
        return refusal(f"{_name(doc)}中的“{item}”（{part}里列出的几项中这一项文件里没有，不能只用其余几项作答）")

    def between_ends(self, question: str, context: dict | None, scope: list[str] | None) -> Answer | None:
        """The gap between the largest and the smallest of the same rows, both rankings cited."""
        m = _ENDS.search(question)
        if not m:
            return None
        g = {k: m.group(k) or m.group(k + "2") for k in ("a", "b", "x", "y", "times")}
        if (g["a"] in "大多高") == (g["b"] in "大多高"):
            return None
        head, thing = question[:m.start()], g["x"] or g["y"] or "一项"
        ends = []
        for word in (g["a"], g["b"]):
            ans = self._guarded(f"{head}金额最{word}的{thing}是哪个？", context, scope)  # type: ignore[attr-defined]
            if not ans.answerable or ans.value is None or ans.unit not in calc.UNITS_IN_YUAN or not ans.citations:
                return None
            ends.append(ans)
        hi, lo = ends if g["a"] in "大多高" else ends[::-1]
        if hi.citations[0] == lo.citations[0]:
            return None
        name = [re.sub(r"^\s*1\.\s*", "", a.text.split("：", 1)[-1].split("。")[0]) for a in (hi, lo)]
        if g["times"] and not lo.value:
            return refusal(f"倍数：最小的一项（{name[1]}）为0，不能算最大的一项是它的几倍")
        where = next((_name(d) for d in self.lib.documents() if d.doc_id == hi.citations[0].doc_id), "")  # type: ignore[attr-defined]
        a_op, b_op = (calc.Operand(Decimal(x.value), x.unit, x.citations[0], w) for x, w in ((hi, "最大"), (lo, "最小")))
        if g["times"]:
            c = calc.ratio(a_op, b_op)
            text = f"{where}最大的一项（{name[0]}）是最小的一项（{name[1]}）的 {calc.q2(c.result)}倍。计算：{c.expression}"
        else:
            c = calc.difference(a_op, b_op)
            text = f"{where}最大的一项（{name[0]}）与最小的一项（{name[1]}）相差 {c.result}{c.unit}。计算：{c.expression}"
        value, unit = (calc.q2(c.result), "倍") if g["times"] else (c.result, c.unit)
        return in_asked_unit(Answer(text=text, value=value, unit=unit, citations=[hi.citations[0], lo.citations[0]],
                                    kind="diff", calculation=c), question)
