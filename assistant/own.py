"""A figure the asker brings and compares with a document's: '我们局三公经费是20万，上海市财政局2025年的三公经费
比我们多多少？', '我们单位预算3000万，司法局2026年的预算是我们的几倍？', '我们街道人员经费占基本支出80%，万里街道
2025年比我们高几个百分点？'.

The asker's figure is read out of the question and is never looked up; the document's figure is asked as
its own question (with the asker's item when the rest names none: '这三项加起来'); the answer is their
gap, multiple or share, the document's figure cited and the asker's quoted, the formula shown.
"""
from __future__ import annotations

import re
from decimal import Decimal

from assistant import calculator as calc
from assistant.answer import Answer, Calculation, refusal
from assistant.citing import decimals_asked, strip_body
from assistant.understand import parse

_WE = r"(?:我们|咱们|我|咱|本)(?:局|单位|街道|区|县|部门|这边|那边|科|处|中心)?"
# the asker's figure: '我们局三公经费是20万', '我们街道人员经费占基本支出80%', '我们局有15个处室'
_OWN = re.compile(r"^\s*(?P<who>" + _WE + r")(?P<item>[^，,。？?；;]{0,30}?)\s*(?P<n>\d+(?:\.\d+)?)\s*"
                  r"(?P<u>万元|亿元|元|万|亿|%|％|个|人|名|家|项|辆|台)(?P<tail>[^，,。？?；;]{0,16})[，,。；;]\s*")
# how the rest compares the document's figure with it
_CMP = re.compile(r"(?:比|较)(?:" + _WE + r")?(?:的)?\s*(?P<op>多|少|高|低|大|小)(?:了|出)?(?:多少|几)(?:个百分点|万元|亿元|元|万|个|人|名|家|项|辆)?"
                  r"|(?:跟|和|与)(?:" + _WE + r")(?:的)?(?:比|相比)?[，,]?\s*(?:差|相差)(?:了)?(?:多少|几)(?:个百分点|万元|亿元|元|万)?"
                  r"|(?:是|相当于|为)(?:" + _WE + r")(?:的)?\s*(?P<times>几倍|多少倍)"
                  r"|(?:是|相当于|为|占)(?:" + _WE + r")(?:的)?\s*(?P<pct>百分之多少|百分之几|几成|多少%)")
_REFER = re.compile(r"这(?:[两三四五六几]|一)?(?:项|个|块|笔)(?:加起来|合计|加在一起)?|同口径的?|这个数|这部分")


class OwnFigures:
    """Mixed into Engine: compared_with_own() answers a question that compares the asker's own figure."""

    def compared_with_own(self, question: str, context: dict | None, scope: list[str] | None) -> Answer | None:
        m = _OWN.match(question)
        if m is None:
            return None
        rest = question[m.end():]
        c = _CMP.search(rest)
        if c is None:
            return None
        own_v = Decimal(m.group("n"))
        own_u = {"万": "万元", "亿": "亿元", "％": "%", "名": "人"}.get(m.group("u"), m.group("u"))
        said = re.sub(r"(?:今年|去年|明年|全年|一年|每年|20\d\d年度?)", "", m.group("item"))
        item = re.sub(r"(?:是|有|为|共|一共|总共|大概|约|报了|发给|发了|奖了|占了?)+$", "", said.strip()) + \
            re.sub(r"^的|[（(].*$", "", m.group("tail").strip())
        asked = rest[:c.start()] + rest[c.end():]
        asked = _REFER.sub(lambda x: item + ("加起来" if "加" in x.group(0) or "合计" in x.group(0) else ""), asked) \
            if _REFER.search(asked) else asked
        asked = re.sub(r"[？?。]", " ", asked)
        own_said = f"{m.group('who')}{m.group('item')}{m.group('n')}{m.group('u')}{m.group('tail')}"
        doc_q = parse(asked)
        docs, _ = self.select(doc_q, context or {}, scope)  # type: ignore[attr-defined]
        left = doc_q.content
        for d in docs[:1]:
            left = strip_body(left, d)
        left = re.sub(r"20\d\d年度?|[^\u4e00-\u9fff]|多少|几|是|有|的|报|呢|吗|了", "", left)
        if len(left) < 2:
            asked = asked.rstrip("？? ，,") + item  # ('万里街道2025年报的比我们多几个': the asker's item)
        what = "百分之多少" if own_u == "%" else "多少" + own_u if own_u in calc.UNITS_IN_YUAN else "多少"
        asked = asked.strip() + ("是" if not asked.strip().endswith(("是", "有")) and not what.startswith("有") else "") + what
        found = self._guarded(asked, context, scope)  # type: ignore[attr-defined]
        if not found.answerable or found.value is None:
            return found if not found.answerable else None
        doc_v, doc_u = Decimal(found.value), found.unit
        if own_u in calc.UNITS_IN_YUAN and doc_u in calc.UNITS_IN_YUAN:
            doc_v, doc_u = calc.convert(doc_v, doc_u, own_u), own_u
        elif (own_u == "%") != (doc_u == "%"):
            return refusal(f"“{question.strip()}”：你给的是{own_v}{own_u}，找到的是{found.text.split('。')[0]}，两者不能直接比较")
        theirs = found.text.split("。")[0]
        if c.group("times") or c.group("pct"):
            if own_v == 0:
                return refusal(f"“{question.strip()}”：你给的数为 0，无法计算倍数或比例")
            r = doc_v / own_v
            value, unit, expr = (calc.q2(r), "倍", f"{doc_v.normalize():f}{doc_u} ÷ {own_v.normalize():f}{own_u} = {calc.q2(r)}倍") if c.group("times") \
                else (calc.q2(r * 100), "%", f"{doc_v.normalize():f}{doc_u} ÷ {own_v.normalize():f}{own_u} × 100% = {calc.q2(r * 100)}%")
            verdict = ""
        else:
            gap = doc_v - own_v
            value, unit = abs(gap), (doc_u if doc_u != "%" else "%")
            more = "高" if own_u == "%" else "多"
            less = "低" if own_u == "%" else "少"
            verdict = f"（文件的数比你给的{more if gap > 0 else less if gap < 0 else '相同，差'} {abs(gap).normalize():f}{'个百分点' if unit == '%' else unit}）"
            expr = f"|{doc_v.normalize():f}{doc_u} − {own_v.normalize():f}{own_u}| = {abs(gap).normalize():f}{unit}"
        steps = f"{found.calculation.expression}；{expr}" if found.calculation is not None else expr
        text = f"{theirs}；你给的数：{own_said}{verdict}。计算：{expr}。来源：" + \
            "；".join(f"《{x.source}》第{x.page}页" for x in found.citations[:2]) + "（你给的数不出自已载入的文件）。"
        ans = Answer(text=text, value=value, unit=unit, citations=list(found.citations), kind="compare",
                     calculation=Calculation(steps, value, unit, tuple(found.citations)))
        return decimals_asked(ans, question)

