"""Changes the narrative states (比上年增加/减少), last year's level worked back from them, and the
amount of a change stated only in %."""
from __future__ import annotations

import re
from dataclasses import replace
from decimal import Decimal

from assistant import calculator as calc
from assistant.answer import Answer, Calculation
from assistant.citing import _name, cite_stated, decimals_asked, fmt_value
from assistant.facts import GENERIC_GRAMS, Scored, local_subject, unit_ok
from assistant.library import DocFacts
from assistant.understand import Question, bigrams, label_core, asks_change


class StatedChanges:
    """Mixed into Operations: change() and its helpers."""

    def change(self, q: Question, df: DocFacts) -> Answer | None:
        """A change stated in the narrative; last year's figure derived from it when asked."""
        doc = df.document
        target = re.sub(r"比上年|比去年|较上年|较去年|同比|上年|去年|上一年|增减|变动|变化|增加了|减少了|增长了|下降了|"
                        r"增加|减少|增长|下降|增幅|降幅|增长率|幅度|情况|百分之|多了|少了|多出|亿元|万元|元", "", q.content)
        target = re.sub(r"比|较|相比", " ", target)  # ('收入预算比2025年增加' leaves 比 behind)
        # a character left alone ('跟去年比' → 跟; '工信局' without the body's name → 局) names nothing
        target = re.sub(r"(?<![\u4e00-\u9fff])[\u4e00-\u9fff](?![\u4e00-\u9fff])", " ", target)
        if not re.search(r"项目支出|基本支出|人员经费|公用经费", target) and not bigrams(re.sub(r"[多少能]", " ", target)) - GENERIC_GRAMS or re.fullmatch(
                r"\s*(?:部门)?(?:预算总额|总预算|预算总计|预算规模|总规模|总盘子|整体预算|全部预算|预算总数|总额)(?:大概|大约|约)?\s*", target):
            target = ""  # '今年比去年少了多少预算', '2025年的预算总额': no subject beyond the budget itself
        sub = Question(raw=q.raw, text=q.text, want_kind="percent" if q.wants_percent_change else "money",
                       content=target)
        st = self._changes(sub, df, target)
        col = re.search(r"项目支出|基本支出|人员经费|公用经费", target)
        if col:  # ('项目支出比上年…': the change stated of that column, never the total's)
            st = [x for x in st if col.group(0) in (local_subject(x.stated, self._subjects(df)) or x.stated.subject)]
        neutral = False
        if not st and sub.want_kind == "money":
            # only the % is stated ('2023年执行数为A万元，2024年预算安排B万元，比…减少P%'): B − A when an amount is
            # asked; the rate the document states when the question says '涨了多少' with no unit (prices 涨 by a rate;
            # '多了/少了/增加了多少' ask the amount), B − A beside it
            sub.want_kind = "percent"
            pct = self._changes(sub, df, target)[:1]
            neutral = bool(pct) and bool(re.search(r"涨", q.raw)) and not re.search(r"钱|[万亿千百]?元|金额|数额|多少[万亿千百]|块", q.text)
            if neutral:
                st = pct
            for x in ([] if neutral else pct):
                return self._change_from_levels(q, df, x.stated)
        if not st and sub.want_kind == "percent":
            # only the amount is stated ('收入预算17,192万元，…比2024年预算减少990万元'): the rate from it
            # and the level it belongs to, last year's level worked back first
            sub.want_kind = "money"
            money = self._changes(sub, df, target)
            rate = self._rate_from_amount(q, df, money[0].stated, target) if money else None
            if rate is not None:
                return rate
        if not st:
            return self._flat(q, df, target)
        s = st[0].stated
        asks_level = q.last_year or (re.search(r"上年|去年|上一年", q.text)
                                     and not asks_change(q.text))
        if asks_level:
            amount = [x for x in df.stated if x.sentence == s.sentence and x.kind == "change" and x.unit in calc.UNITS_IN_YUAN]
            back = self._worked_back(df, amount[0], target) if amount else None
            if back is not None:
                cur, a, _, c = back
                return self.last_level(q, doc, a, c, f"{re.sub(r'^本年度?', '', local_subject(cur, self._subjects(df)) or '')}")
            if amount:
                return None  # (a level asked, and the change stated is another figure's)
        word = s.direction or "变动"
        cit = cite_stated(doc, s)
        subject = self._changed_subject(df, s)
        # ('2024年预算比2023年预算执行数减少': the subject read from the sentence may already say against what)
        said = subject if re.search(r"[比较]", subject) and subject.endswith(word) else \
            f"{subject}{word}" if re.search(r"[比较]", subject) else f"{subject}比上年{word}"
        if s.unit in calc.UNITS_IN_YUAN:
            return self._finish(q, doc, s.value, s.unit, [cit], None, said, "change")
        text = f"{_name(doc)}{said} {fmt_value(s.value, s.unit)}。来源：《{doc.source}》第{s.page}页：{s.sentence}"
        levels = self._change_from_levels(q, df, s) if neutral else None
        if levels is not None and levels.calculation is not None:  # (the amount, from the sentence's two levels)
            text += f"（按金额算：{levels.calculation.expression}）"
        return Answer(text=text, value=calc.q2(s.value), unit=s.unit, citations=[cit], kind="change")

    def ranked_changes(self, q: Question, df: DocFacts) -> Answer | None:
        """'各科目对比2025年执行数，哪一项增幅最大': the numbered items' stated changes (in % when a rate is
        asked, else in 元/万元) ranked, the top one cited with its item."""
        rate = bool(re.search(r"最快|增幅|降幅|增长率|下降率|百分|%|幅度", q.text))
        down = bool(re.search(r"减少|下降|降幅|少得|缩减|降得", q.text))
        items = self._items(df)  # type: ignore[attr-defined]
        said = [x for x in df.stated if x.kind == "change" and x.fact_id in items and x.value is not None
                and (x.unit == "%" if rate else x.unit in calc.UNITS_IN_YUAN) and x.direction == ("减少" if down else "增加")]
        said = list({(items[x.fact_id], x.value): x for x in said}.values())
        if len(said) < 2:
            return None
        top = max(said, key=lambda x: calc.convert(x.value, x.unit, "元") if x.unit in calc.UNITS_IN_YUAN else x.value)
        doc = df.document
        item = re.sub(r"^\s*(\d+[、.．]|（\d+）|\(\d+\))|[。]", "", items[top.fact_id])[:60]
        return self._finish(q, doc, top.value, top.unit, [cite_stated(doc, top)], None,  # type: ignore[attr-defined]
                            f"说明中{len(said)}个写明{top.direction}的项目里，{'降幅' if down and rate else '增幅' if rate else top.direction + '额'}"
                            f"最大的是“{item}”（{top.subject}）", "rank")

    def changes_over(self, q: Question, df: DocFacts) -> Answer | None:
        """'哪几个科目比2023年执行数下降超过40%': the numbered items whose stated rate passes the threshold,
        counted and named, each cited."""
        m = re.search(r"(超过|高于|大于|多于|不少于|不低于|低于|不到|不足|少于)\s*(\d+(?:\.\d+)?)\s*[%％]|(\d+(?:\.\d+)?)\s*[%％]以上", q.text)
        if not m:
            return None
        limit = Decimal(m.group(2) or m.group(3))
        below = m.group(1) in ("低于", "不到", "不足", "少于")
        down = bool(re.search(r"减少|下降|降幅|缩减|降了", q.text))
        items = self._items(df)  # type: ignore[attr-defined]
        said = [x for x in df.stated if x.kind == "change" and x.fact_id in items and x.value is not None and x.unit == "%"
                and x.direction == ("减少" if down else "增加")]
        said = list({items[x.fact_id]: x for x in said}.values())
        if len(said) < 2:
            return None
        fit = [x for x in said if (x.value < limit if below else x.value > limit)]
        doc = df.document

        def name(x) -> str:  # the item up to its 项 ('…专项普查活动（项）'), else its first 40 characters
            item = re.sub(r"^\s*(\d+[、.．]|（\d+）|\(\d+\))|[。“”]", "", items[x.fact_id])
            m = re.match(r"^.*?（\d*项）", item)
            return m.group(0) if m else item[:40]
        listed = "；".join(f"{name(x)}（{x.direction}{x.value}%，第{x.page}页）" for x in fit)
        text = (f"{_name(doc)}说明中{len(said)}个写明{'减少' if down else '增加'}幅度的项目里，{'降幅' if down else '增幅'}"
                f"{m.group(1) or '超过'}{limit}%的有 {len(fit)} 项" + (f"：{listed}。" if fit else "。"))
        return Answer(text=text, value=Decimal(len(fit)), unit="项", kind="count",
                      citations=[cite_stated(doc, x) for x in (fit or said[:1])])

    def _rate_from_amount(self, q: Question, df: DocFacts, s, target: str) -> Answer | None:
        """The % change of a figure whose sentence states its level and the amount it changed by."""
        doc = df.document
        back = self._worked_back(df, s, target) if s.unit in calc.UNITS_IN_YUAN and s.direction else None
        if back is None or not back[3].result:
            return None
        cur, a, b, level = back
        rate = calc.pct_change(a, calc.Operand(level.result, level.unit, None, "上年"))
        both = replace(rate, expression=f"上年 = {level.expression}；{rate.expression}", inputs=(a.citation, b.citation))
        name = re.sub(r"20\d\d年度?|^本年度?", "", (local_subject(cur, self._subjects(df)) or "").replace(doc.department, ""))
        value = abs(rate.result) if re.search(r"降幅|增幅|幅度|下降|减少|增长|增加", q.text) else rate.result
        return self._finish(q, doc, value, "%", [a.citation, b.citation], both,
                            f"{name}比上年{'增长' if rate.result >= 0 else '下降'}", "change")

    def _worked_back(self, df: DocFacts, ch, target: str):
        """Last year's level from a stated change in 元/万元 and the figure it belongs to — the amount
        before it in its sentence that the question names best ('本年部门预算支出总计…，其中：本年预算
        安排…，上年结转0万元，比上年减少…' → the 总计): (that amount, 本年, 变动, 上年 as a calculation)."""
        same = [x for x in df.stated if x.sentence == ch.sentence and x.kind == "amount" and x.unit in calc.UNITS_IN_YUAN]
        if not same:
            return None
        before = [x for x in same if df.stated.index(x) < df.stated.index(ch)] or same[:1]
        tg = bigrams(target)
        cur = max(before, key=lambda x: (round(len(tg & bigrams(label_core(local_subject(x, self._subjects(df)))))
                                               / max(1, len(tg)), 2), -df.stated.index(x)))
        col = re.search(r"项目支出|基本支出|人员经费|公用经费", target)
        if col and col.group(0) not in local_subject(cur, self._subjects(df)):
            return None  # ('2025年的项目支出' from a sentence whose change is the 支出总计's: not that figure)
        doc = df.document
        a = calc.Operand(cur.value, cur.unit, cite_stated(doc, cur), "本年")
        b = calc.Operand(ch.value, ch.unit, cite_stated(doc, ch), "变动")
        return cur, a, b, calc.difference(a, b) if ch.direction == "增加" else calc.total([a, b])

    def last_level(self, q: Question, doc, now: calc.Operand, level: calc.Calculation, name: str) -> Answer:
        """Last year's figure worked back from this year's and the stated change — or, asked '相当于上年的
        百分之多少', this year's figure as a share of it, both steps in the formula."""
        cits = list(level.inputs)
        name = re.sub(r"20\d\d年度?|^本年度?", "", name.replace(doc.department, ""))
        if not q.versus_last:
            return self._finish(q, doc, level.result, level.unit, cits, level, f"上年{name}（由本年数和变动额推算）", "change")
        last = calc.Operand(level.result, level.unit, None, "上年")
        share = calc.share(now, last)
        both = replace(share, expression=f"上年 = {level.expression}；{share.expression}", inputs=tuple(cits))
        return self._finish(q, doc, share.result, "%", cits, both, f"本年{name}相当于上年的比例", "share")

    def _changed_subject(self, df: DocFacts, s) -> str:
        """What a stated change is of: its own subject, or when that is only the change's words
        ('比上年减少') the amount the sentence opens with ('预算收入总计')."""
        subject = local_subject(s, self._subjects(df)) or ""
        if re.fullmatch(r"[，,]?(比|较|与)?(上年|去年|上一年|20\d\d年度?)?(预算|预算数|执行数)?(相比)?[，,]?(增加|减少|增长|下降)?", label_core(subject)):
            head = next((x for x in df.stated if x.sentence == s.sentence and x.kind == "amount"), None)
            subject = re.sub(r"^20\d\d年度?", "", label_core(local_subject(head, self._subjects(df)) or "")) if head else ""
            subject = subject.replace(df.document.department, "")
        return subject or "支出"

    def _changes(self, sub: Question, df: DocFacts, target: str) -> list[Scored]:
        """Stated changes whose subject the question names, best first."""
        if not target.strip():
            # no subject named: the document's first stated change (its overall totals)
            firsts = [x for x in df.stated if x.kind == "change" and unit_ok(x.unit, sub)]
            return [Scored(1.0, stated=firsts[0])] if firsts else []
        rel = [(self._relevance(sub, df, x.stated, window=True), x) for x in self.ranked_stated(sub, df, ("change",), target)]
        # numbered items word their changes alike: the item naming the subject best comes first
        words = [w for w in re.findall(r"[\u4e00-\u9fff]{4,}", target) if w not in ("执行数", "预算执行数")]
        items = self._items(df)

        def whole(x) -> float:  # the item names the subject as the question writes it
            text = label_core(items.get(x.stated.fact_id, "") + x.stated.sentence)
            return 2.0 if any(w in text for w in words) else 0.0
        return [x for r, x in sorted(rel, key=lambda p: -(p[1].score + 3.0 * p[0] + whole(p[1]))) if r >= 0.5]

    def _flat(self, q: Question, df: DocFacts, target: str) -> Answer | None:
        """'三公经费预算数为346.30万元，与2024年预算持平': no change, 0, with the sentence cited."""
        sub = Question(raw=q.raw, text=q.text, want_kind="money", content=target)
        for x in self.ranked_stated(sub, df, ("amount",), target)[:5]:
            st = x.stated
            after = st.sentence[st.sentence.find(str(st.value)) + len(str(st.value)):]
            after = after[len(st.unit):] if after.startswith(st.unit) else after
            if re.match(r"[^，,；;。]{0,3}[，,]?\s*(与|比|较)[^，,；;。]{0,12}持平", after) and \
                    self._relevance(sub, df, st, window=True) >= 0.5:
                doc = df.document
                what = re.sub(r"(为|是)$", "", local_subject(st, self._subjects(df)))
                return Answer(text=f"无变化（0）。{_name(doc)}{what}{st.value}{st.unit}，{after.strip('，, 。')[:30]}。"
                                   f"来源：《{doc.source}》第{st.page}页：{st.sentence}",
                              value=Decimal(0), unit=st.unit, citations=[cite_stated(doc, st)], kind="change")
        return None

    def _change_from_levels(self, q: Question, df: DocFacts, pct) -> Answer | None:
        """The amount of a change stated only in %: this year's figure minus the earlier one, both
        stated in the same sentence."""
        doc = df.document
        levels = [x for x in df.stated if x.sentence == pct.sentence and x.kind == "amount" and x.unit in calc.UNITS_IN_YUAN]
        if len(levels) != 2:
            return None
        subjects = self._subjects(df)
        old_first = not re.search(r"执行|上年|去年", local_subject(levels[1], subjects)) or \
            bool(re.search(r"执行|上年|去年", local_subject(levels[0], subjects)))
        old, new = levels if old_first else levels[::-1]
        c = calc.difference(calc.Operand(new.value, new.unit, cite_stated(doc, new), "本年"),
                            calc.Operand(old.value, old.unit, cite_stated(doc, old), label_core(local_subject(old, subjects))[:12] or "上年"))
        word = "增加" if c.result >= 0 else "减少"

        def name(x) -> str:
            return re.sub(r"(为|是)$", "", label_core(local_subject(x, subjects)))
        return self._finish(q, doc, abs(c.result), c.unit, list(c.inputs), c, f"{name(new)}比{name(old)}{word}", "change")

    def of_last_year(self, question: str, context: dict | None, scope: list[str] | None) -> Answer | None:
        """'预算盘子只有上年的几成', '机关运行经费是上年的百分之多少', '是去年的几倍': this year's figure over last
        year's (as the document states it or works it back from the stated change), both cited, the formula shown."""
        m = _OF_LAST.search(question)
        if m is None:
            return None
        item = question[:m.start()]
        this = self._guarded(item + "是多少", context, scope)  # type: ignore[attr-defined]
        last = self._guarded(re.sub(r"(20\d\d)\s*年度?", r"\1年", item) + "上年是多少" if not re.search(r"上年|去年", item)
                             else item + "是多少", context, scope)  # type: ignore[attr-defined]
        last = last if last.answerable else self._guarded(re.sub(r"20\d\d\s*年度?", "", item) + "上年的是多少", context, scope)  # type: ignore[attr-defined]
        if not this.answerable or not last.answerable or this.value is None or not last.value \
                or this.unit not in calc.UNITS_IN_YUAN or last.unit not in calc.UNITS_IN_YUAN or this.text == last.text:
            return None
        a = calc.Operand(Decimal(this.value), this.unit, this.citations[0] if this.citations else None, "本年")
        b = calc.Operand(Decimal(last.value), last.unit, last.citations[0] if last.citations else None, "上年")
        times = bool(m.group("times"))
        c = calc.ratio(a, b) if times else calc.share(a, b)
        value = calc.q2(c.result)
        cites = list(this.citations[:1]) + list(last.citations[:2])
        expr = f"{last.calculation.expression}；{c.expression}" if last.calculation is not None else c.expression
        text = (f"本年是上年的 {value}{'倍' if times else '%'}：本年 {this.text.split('。')[0]}；上年 {last.text.split('。')[0]}。"
                f"计算：{expr}")
        return decimals_asked(Answer(text=text, value=value, unit="倍" if times else "%", citations=cites, kind="ratio",
                                     calculation=Calculation(expr, value, "倍" if times else "%", tuple(cites))), question)


# '只有上年的几成', '是上年的百分之多少', '相当于去年的几倍': this year's figure over last year's
_OF_LAST = re.compile(r"(?:只有|只是|仅为|仅有|是|为|相当于|占)(?:上年|去年|上一年)(?:的)?(?:预算|水平|数)?的?\s*"
                      r"(?:(?P<pct>几成|百分之(?:多少|几)|多少%|百分比)|(?P<times>几倍|多少倍))")
