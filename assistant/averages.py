"""Averages a question states: '平均每人一年多少', '人均', '每家企业平均' — an amount ÷ a count, both cited.

The count is the one the question names ('按实际在职人数'), else the one stated in the amount's
project form; a project list's average divides the rows' sum by their number.
"""
from __future__ import annotations

import re

from assistant import calculator as calc
from assistant.answer import Answer, Calculation
from assistant.citing import _name, cite, cite_stated, strip_body
from assistant.facts import is_total
from assistant.library import DocFacts
from assistant.understand import ROUNDING, Question, bigrams, label_core
from ingest.model import TableFact

# '平均每人', '平均下来一个人', '人均', '平均每家企业', '每个项目平均'
AVERAGE = re.compile(r"平均(?:下来|到|给|分到|分)?[，,]?(?:[^，,。？?每]{0,16}的)?(?:每|一)(?:一)?(?:个|位|名|家|户|辆|台|所)?([\u4e00-\u9fff]{0,6}?)"
                     r"(人员|人|编制|家|户|企业|单位|项目|项|个|辆|台|所|名|位)|(人|户)均|"
                     r"每(?:一)?(?:个|位|名|家)?([\u4e00-\u9fff]{0,6}?)(人员|人|家|户|企业|项目)(?:平均|均)|"
                     r"(?:每|一)(?:一)?(?:个|位|名)?([\u4e00-\u9fff]{0,4}?)(人|编制)(?:合|摊|分摊|分到|能分|平均)")
_PER_UNITS = {"人": {"人", "名", "位"}, "人员": {"人", "名", "位"}, "名": {"人", "名", "位"}, "位": {"人", "名", "位"}, "家": {"家", "个", "户"},
              "企业": {"家", "个", "户"}, "单位": {"家", "个"}, "户": {"户", "家"}, "项目": {"个", "项"},
              "项": {"个", "项"}, "个": {"个", "项"}, "辆": {"辆"}, "台": {"台", "套"}, "所": {"所", "个"},
              "编制": {"人", "名", "个"}}


class Averages:
    """Mixed into Operations (beside RowSets, whose preempt() sends averages here)."""

    def average(self, q: Question, df: DocFacts) -> Answer | None:
        """'平均每人一年多少': an amount ÷ a count, both cited; the count is the one the question names
        ('按实际在职人数'), else the one stated in the amount's project form."""
        doc = df.document
        text = strip_body(q.text, doc)
        m = AVERAGE.search(text)
        if not m:
            return None
        who, per = (m.group(1), m.group(2)) if m.group(2) else ("", m.group(3)) if m.group(3) else \
            (m.group(4), m.group(5)) if m.group(5) else (m.group(6), m.group(7))
        units = _PER_UNITS.get(per, {per})
        by = re.search(r"(?:按|按照|以)([^，,。？?（）()]{2,16}?)(?:来|计)?(?:算|计算|平均|均摊|分摊|摊|[）)，,]|$)", text)
        count_text = by.group(1) if by else (who + per if who else "核定编制" if per == "编制" else "")  # '平均到每个在职人员'
        if re.search(r"绩效", count_text):
            count_text = ""  # ('按绩效表覆盖的人数算': the count in the amount's own performance form)
        money_text = text[:m.start()] + " " + text[m.end():]
        if by:
            money_text = money_text.replace(by.group(0), " ")
        money_text = re.sub(r"一年|每年|全年|多少钱|多少|能拿|能分|拿到|分到|大概|是|有|为|几|\?|？", " ", money_text)
        if per in ("项目", "项", "个") and "项目" in text and not count_text:
            # '编报绩效目标的项目平均每个多少': a sentence stating both the projects and their money, else the table
            return self._per_stated(q, df, money_text) or self._per_project(q, df)
        if q.measure:  # '人均办公用房面积': a measure the narrative states (平方米) ÷ the count the question names
            return self._per_measure(q, df, money_text, units, count_text, m.group(0))
        sub = Question(raw=money_text, text=money_text, want_kind="money", content=money_text)
        ranked = [x for x in self.ranked(sub, df, money_text) if x.fact.unit in calc.UNITS_IN_YUAN]
        if not ranked or ranked[0].score < 2.5:
            return None
        # a budget table's row before a performance form's restatement of it
        total = next((x.fact for x in ranked if x.score >= ranked[0].score - 1.0
                      and "绩效" not in x.fact.table_title), ranked[0].fact)
        form = self._form_of(df, total)
        count = self._count_for(df, form, units, count_text)
        if (count is None or not count.value) and units & {"辆", "台", "套"}:
            return self._per_held(q, df, total, units, m.group(0))  # ('每辆车': the cars the narrative says it has)
        if count is None or not count.value:
            return None
        if total.unit == "万元" and form is not None and (q.want_unit == "元" or not q.want_unit and total.value / count.value < 1):
            # the answer is in 元: the project's exact 元 amount from its form, when it rounds to the cell
            total = next((f for f in df.facts if f.table_no == form and f.unit == "元" and f.value is not None
                          and "年度资金总额" in f.row_label and calc.q2(f.value / 10000) == calc.q2(total.value)), total)
        unit = total.unit
        if unit == "万元" and total.value / count.value < 1 or q.want_unit and q.want_unit != unit:
            unit = q.want_unit or "元"
        what, many = _shown(total), label_core(count.row_label)
        each = re.sub(r"^.*?(每)", r"\1", m.group(0)) if "每" in m.group(0) else f"每{per}"
        per = "人" if per == "人员" else per
        each = re.sub(r"(平均|均)$", "", each)
        calculation = calc.per_item(calc.Operand(total.value, total.unit, cite(doc, total), what),
                                    calc.Operand(count.value, count.unit, cite(doc, count), many), unit)
        result, expr, cits = calculation.result, calculation.expression, list(calculation.inputs)
        src = "；".join(f"《{c.source}》第{c.page}页《{c.table_title}》" for c in cits)
        return Answer(text=f"{_name(doc)}{what}按{many}{count.value.normalize():f}{count.unit}平均，{each}约 {result}{unit}。"
                           f"来源：{src}。计算：{expr}",
                      value=result, unit=unit, citations=cits, calculation=calculation, kind="average")

    def _per_stated(self, q: Question, df: DocFacts, text: str) -> Answer | None:
        """An amount ÷ a count of projects that one sentence states together, the sentence naming what the
        question names ('编报绩效目标的项目20个，涉及项目预算资金7054.05万元')."""
        text = re.sub(r"20\d\d\s*年度?|多少|几|万元|亿元|元|钱|平均|每个|一个|涉及|" + ROUNDING, " ",
                      strip_body(text, df.document))
        words = {g for w in text.split() for g in bigrams(label_core(w))} - {"项目"}
        if len(words) < 2:
            return None
        best, pair = 0.0, None
        for n in df.stated:
            if n.unit not in ("个", "项") or not n.value or "项目" not in n.subject:
                continue
            money = next((x for x in df.stated if x.sentence == n.sentence and x.unit in calc.UNITS_IN_YUAN
                          and x.value and df.stated.index(x) > df.stated.index(n)), None)
            cov = len(words & bigrams(label_core(n.subject))) / len(words)
            if money is not None and cov > best:
                best, pair = cov, (n, money)
        if pair is None or best < 0.6:
            return None
        n, money = pair
        doc = df.document
        c = calc.per_item(calc.Operand(money.value, money.unit, cite_stated(doc, money), "项目资金"),
                          calc.Operand(n.value, n.unit, cite_stated(doc, n), "项目"), money.unit)
        return Answer(text=f"{_name(doc)}{label_core(n.subject)}{n.value.normalize():f}{n.unit}，涉及资金 {money.value}{money.unit}，"
                           f"平均每个约 {c.result}{money.unit}。计算：{c.expression}",
                      value=c.result, unit=money.unit, citations=list(c.inputs), calculation=c, kind="average")

    def _per_measure(self, q: Question, df: DocFacts, text: str, units: set[str], count_text: str, said: str) -> Answer | None:
        found = self.measured(Question(raw=text, text=text, content=text, measure=q.measure), df)  # type: ignore[attr-defined]
        count = self._count_for(df, None, units, count_text or "实际在职人员")
        if found is None or found.value is None or not found.citations or count is None or not count.value:
            return None
        doc = df.document
        c = calc.per_item(calc.Operand(found.value, found.unit, found.citations[0], found.citations[0].row_label or "总量"),
                          calc.Operand(count.value, count.unit, cite(doc, count), label_core(count.row_label)), found.unit)
        each = re.sub(r"^.*?(每|人均)", r"\1", said)
        return Answer(text=f"{_name(doc)}按{label_core(count.row_label)}{count.value.normalize():f}{count.unit}平均，"
                           f"{each}约 {c.result}{found.unit}。计算：{c.expression}",
                      value=c.result, unit=found.unit, citations=list(c.inputs), calculation=c, kind="average")

    def _per_held(self, q: Question, df: DocFacts, total: TableFact, units: set[str], said: str) -> Answer | None:
        """An amount ÷ the things the narrative says the body has ('截至…共有车辆3辆'), both cited."""
        held = [x for x in df.stated if x.unit in units and x.value and re.search(r"共有|合计|实有|总数|共计|拥有", x.subject)
                and not re.search(r"购置|购买|新增|添置", x.subject)]
        if not held:
            return None
        doc = df.document
        n = held[0]
        unit = q.want_unit or total.unit
        c = calc.per_item(calc.Operand(total.value, total.unit, cite(doc, total), _shown(total)),
                          calc.Operand(n.value, n.unit, cite_stated(doc, n), label_core(n.subject)[-8:]), unit)
        each = re.sub(r"^.*?(每)", r"\1", said)
        src = "；".join(f"《{x.source}》第{x.page}页《{x.table_title}》" for x in c.inputs)
        return Answer(text=f"{_name(doc)}{_shown(total)}按{n.value.normalize():f}{n.unit}平均，{each}约 {c.result}{unit}。"
                           f"来源：{src}。计算：{c.expression}",
                      value=c.result, unit=unit, citations=list(c.inputs), calculation=c, kind="average")

    def _per_project(self, q: Question, df: DocFacts) -> Answer | None:
        """'项目平均每个多少钱': the project rows (those the question narrows to) summed, ÷ their number."""
        pool = self._project_rows(df)
        rows, _ = self._subset_info(q, pool)
        if len(rows) < 2:
            return None
        doc = df.document
        c = calc.total([calc.Operand(f.value, f.unit, cite(doc, f), label_core(f.row_label)) for f in rows])
        result = calc.q2(c.result / len(rows))
        expr = f"({c.expression.split(' = ')[0]}) ÷ {len(rows)}个 = {result}{c.unit}"
        calculation = Calculation(expr, result, c.unit, c.inputs)
        which = f"（{'、'.join(f.row_label for f in rows)}）" if len(rows) < len(pool) else ""
        return Answer(text=f"{_name(doc)}《{rows[0].table_title}》列出的{len(rows)}个项目{which}合计 {c.result}{c.unit}，"
                           f"平均每个约 {result}{c.unit}。来源：《{doc.source}》第{rows[0].page}页。计算：{expr}",
                      value=result, unit=c.unit, citations=list(c.inputs), calculation=calculation, kind="average")

    def _count_for(self, df: DocFacts, form: int | None, units: set[str], count_text: str) -> TableFact | None:
        """The count an average divides by: the cell the question names, else the one in the
        amount's own project form (保障人员数量, 奖补企业数)."""
        if count_text:
            sub = Question(raw=count_text, text=count_text, want_kind="any", content=count_text)
            ranked = [x for x in self.ranked(sub, df, count_text) if x.fact.unit in units and x.fact.value]
            if ranked and ranked[0].score >= 2.5:
                return ranked[0].fact
            # '按编制人数' for 核定的人员编制数: the count whose label holds most of the words' characters
            chars = set(re.sub(r"[^\u4e00-\u9fff]", "", count_text))
            counts = [f for f in df.facts if f.unit in units and f.value]
            if chars and counts:
                best = max(counts, key=lambda f: (len(chars & set(f.row_label)), -len(f.row_label)))
                if len(chars & set(best.row_label)) >= max(3, 0.75 * len(chars)):
                    return best
        if form is None:
            return None
        cells = [f for f in sorted(df.facts, key=lambda f: f.row_no) if f.table_no == form and f.unit in units and f.value]
        if not cells:
            return None
        # a form prints an indicator twice (target and plan columns), the name cut short in one
        return max((f for f in cells if f.row_no == cells[0].row_no and f.value == cells[0].value),
                   key=lambda f: len(f.row_label))

    @staticmethod
    def _form_of(df: DocFacts, row: TableFact) -> int | None:
        """The performance form of the project a row names: the form whose title shares most of the
        row's name, when no other form comes as close ('…移交工科局' and its form '…移交工科技局')."""
        if "绩效目标" in row.table_title:
            return row.table_no
        name = label_core(row.row_label)
        grams = bigrams(name)
        if len(grams) < 2:
            return None
        scored = sorted(((len(grams & bigrams(label_core(t.title.split("：", 1)[1]))) / len(grams), t.table_no)
                         for t in df.tables if "绩效目标" in t.title and "：" in t.title), reverse=True)
        if not scored or scored[0][0] < 0.6 or (len(scored) > 1 and scored[1][0] >= scored[0][0] - 0.05):
            return None
        return scored[0][1]


def _shown(f: TableFact) -> str:
    """How an answer names a cell: a form's project with its indicator, a total row by its column."""
    core = label_core(f.row_label)
    if "绩效目标" in f.table_title and "：" in f.table_title:
        return f"{f.table_title.split('：', 1)[1]}{core}"
    if is_total(core) or not core:
        return label_core(f.column.split("/")[-1]) or core
    return f.row_label
