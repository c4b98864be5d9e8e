"""Comparisons across documents: one figure in two bodies or two years ('万里街道2024与2025年财政拨款收入相比',
'A和B谁的人员经费多，多多少'), each side looked up in its own document and cited, the gap computed."""
from __future__ import annotations

import dataclasses
import re
from decimal import Decimal

from assistant import calculator as calc
from assistant.answer import Answer, Calculation, refusal
from assistant.citing import _name, cite_stated, fmt_value, strip_body
from assistant.bodies import body_score
from assistant.understand import Question, cn_number, content_words, label_core, parse
from ingest.model import Document


def both_years(q: Question, docs: list[Document]) -> list[Document]:
    """'这两年加起来', '两年里哪年高', '两年平均每年': the one body loaded for two years, both of its
    documents, compared (unless a share is asked); else the documents as they were."""
    if not q.both_years or len(set(q.years)) >= 2:
        return docs
    by_body: dict[str, list[Document]] = {}
    for d in docs:
        by_body.setdefault(d.department, []).append(d)
    two = [ds for ds in by_body.values() if len({d.year for d in ds}) == 2]
    if len(two) != 1:
        return docs
    q.years = sorted({d.year for d in two[0]})
    if q.intent not in ("share", "share_compare"):
        q.intent = "compare"
    return two[0]


def _in_unit(q: Question, value: Decimal, unit: str, expr: str) -> tuple[Decimal, str, str]:
    """A computed amount in the unit the question asks for (元 ↔ 万元 ↔ 亿元), the conversion added to its formula."""
    if q.want_unit in calc.UNITS_IN_YUAN and unit in calc.UNITS_IN_YUAN and q.want_unit != unit:
        conv = calc.convert(value, unit, q.want_unit)
        return (conv.normalize(), q.want_unit, expr + f"；{value}{unit} × {calc.UNITS_IN_YUAN[unit]} ÷ "
                f"{calc.UNITS_IN_YUAN[q.want_unit]} = {conv.normalize():f}{q.want_unit}")
    return value, unit, expr


class Comparing:
    """Mixed into Operations: compare() looks each side up with the engine's own lookup."""

    @staticmethod
    def _compared(content: str, pair: list[Document]) -> str:
        """The words naming the figure compared: the question without its comparison words and bodies."""
        text = re.sub(r"同比|环比|增长率|降幅|增幅|变化率|变动率|下降率|相差|相比|比较|对比|增加了|减少了|增长了|下降了|增加|减少|增长|下降|变化|多了|少了|多出|高出|更高|更多|"
                      r"谁的|谁|多少|差|与|和|跟|上年|去年|上一年|比|预算数|执行数|百分之几|百分之|幅度|几成|几|倍|(?<=[\u4e00-\u9fff])是(?=\s|$)"
                      r"|怎么解释|如何解释|为什么|为啥|什么原因|原因|较|的(?=\s|$)"
                      r"|(?:这|那|前后)?两(?:个)?年(?:度)?(?:里|间|中|来|的)?|两个年度|加起来|加在一起|合起来|一共|总共|合计|累计"
                      r"|平均每年|平均一年|每年平均|年均|哪(?:一)?年|哪个年度",
                      " ", content)
        for d in pair:
            text = strip_body(text, d)
        text = re.sub(r"(?:^|\s)[多少高低大小]+(?=\s|$)|(?<=[算费出入])[多少](?=\s|$)|[%％]", " ", text)  # ('谁多，多多少' leaves 多 behind)
        return re.sub(r"\s+", " ", text)

    def compare(self, q: Question, docs: list[Document]) -> Answer:
        """The same figure in two documents (years or bodies): difference or change in %."""
        years = sorted(set(q.years))
        pair: list[Document] = []
        if len(years) >= 2:
            for y in years[:2]:
                ds = sorted((d for d in docs if d.year == y), key=lambda d: -body_score(q.text, d))
                if ds:
                    pair.append(ds[0])
        if len(pair) < 2:
            pair = sorted(docs, key=lambda d: d.year or 0)[:2]
        old, new = pair[0], pair[1]
        times = bool(re.search(r"倍", q.text))
        text = self._compared(q.content, pair)
        own = _sides(q.text, pair) if old.department != new.department else {}
        got = []
        for d in (new, old):
            words = self._compared(own[d.doc_id], pair) if d.doc_id in own else text
            counted = re.search(r"(?:几|多少)(辆|台|个|人|家|项)", q.text)
            sub = parse(words + (f"有几{counted.group(1)}" if counted else "是多少"))  # ('公车比24年多几辆': the cars, not their cost)
            sub.content = words
            sub.want_unit = ""
            ans = (self.count(sub, self.lib.facts(d.doc_id)) if counted and sub.intent == "count" else None) \
                or self.lookup(sub, self.lib.facts(d.doc_id))  # type: ignore[attr-defined]
            if ans is not None and ans.value is not None and ans.unit not in calc.UNITS_IN_YUAN and re.search(r"资金|金额|钱|经费|万元", q.text):
                said = self._stated_amount(self.lib.facts(d.doc_id), words)  # type: ignore[attr-defined]
                if said is not None and said.unit in calc.UNITS_IN_YUAN:  # ('编报绩效目标的项目资金': the amount, not the 49 projects)
                    ans = self._finish(sub, d, said.value, said.unit, [cite_stated(d, said)], None, label_core(said.subject))  # type: ignore[attr-defined]
            if (ans is None or ans.value is None) and re.search(r"全年|合计|一共|总共", words):
                ans = self.stated_sum(sub, self.lib.facts(d.doc_id))  # type: ignore[attr-defined]  # ('全年用款计划': its quarters)
            if ans is None or ans.value is None:
                return refusal(f"{_name(d)}中可比较的“{text.strip()}”", self._covered_list(docs))
            got.append(ans)
        an, ao = got
        A = calc.Operand(an.value, an.unit or "", an.citations[0] if an.citations else None, f"{new.year}年")
        B = calc.Operand(ao.value, ao.unit or "", ao.citations[0] if ao.citations else None, f"{old.year}年")
        if times:
            # 'A是B的多少倍': A ÷ B in the order the question names them
            first = min(pair, key=lambda d: _mentioned_at(q.text, d, pair))
            (fa, fd), (sb, sd) = ((an, new), (ao, old)) if first is new else ((ao, old), (an, new))
            X = calc.Operand(fa.value, fa.unit or "", fa.citations[0] if fa.citations else None, _name(fd))
            Y = calc.Operand(sb.value, sb.unit or "", sb.citations[0] if sb.citations else None, _name(sd))
            c = calc.ratio(X, Y)
            value = calc.q2(c.result)
            return Answer(text=f"{text.strip()}：{_name(fd)} {fmt_value(fa.value, fa.unit or '')}，是{_name(sd)} "
                               f"{fmt_value(sb.value, sb.unit or '')}的 {value} 倍。计算：{c.expression}",
                          value=value, unit="倍", citations=fa.citations + sb.citations, calculation=c, kind="compare")
        if old.department != new.department:
            # two bodies: the first named minus the second, each labelled by its body
            if min(pair, key=lambda d: _mentioned_at(q.text, d, pair)) is old:
                new, old, an, ao = old, new, ao, an
            A = calc.Operand(an.value, an.unit or "", an.citations[0] if an.citations else None, _name(new))
            B = calc.Operand(ao.value, ao.unit or "", ao.citations[0] if ao.citations else None, _name(old))
        if re.search(r"平均每年|年均|平均一年|每年平均|平均下来每年|平均每一年", q.text) and old.department == new.department:
            # '两年平均每年多少': the two years' figures summed and halved
            s = calc.total([A, B])
            mean = calc.per_item(calc.Operand(s.result, s.unit, None, "两年合计"), calc.Operand(Decimal(2), "年", None, "年数"), s.unit)
            value, unit, expr = _in_unit(q, mean.result, mean.unit, f"{s.expression}；{mean.expression}")
            return Answer(text=f"{text.strip()}：{_name(new)} {fmt_value(an.value, an.unit or '')}，{_name(old)} "
                               f"{fmt_value(ao.value, ao.unit or '')}，两年平均每年 {value:f}{unit}。计算：{expr}",
                          value=value, unit=unit, citations=an.citations + ao.citations,
                          calculation=Calculation(expr, value, unit, tuple(an.citations + ao.citations)), kind="average")
        if re.search(r"累计|合计|加起来|加在一起|一共|总共|之和|总和|合起来", q.text) and not q.wants_percent_change \
                and not re.search(r"相差|差额|差距|差|高|低|多还是少|增|减|变|比", re.sub(r"20\d\d年?(?:和|与|、)20\d\d年?", "", q.text)):
            # '两年的机关运行经费累计是多少': the two figures summed, not their gap
            c = calc.total([A, B])
            value, unit, expr = _in_unit(q, c.result, c.unit, c.expression)
            return Answer(text=f"{text.strip()}：{_name(new)} {fmt_value(an.value, an.unit or '')}，{_name(old)} "
                               f"{fmt_value(ao.value, ao.unit or '')}，合计 {value:f}{unit}。计算：{expr}",
                          value=value, unit=unit, citations=an.citations + ao.citations,
                          calculation=Calculation(expr, value, unit, c.inputs), kind="sum")
        c = calc.pct_change(A, B) if q.wants_percent_change else calc.difference(A, B)
        word = ("增长" if c.result >= 0 else "下降") if c.unit == "%" else ("增加" if c.result >= 0 else "减少")
        value = abs(c.result) if re.search(r"增|减|多|少|高|低|下降|上升|差|掉|降|涨|缩|跌", q.text.replace("多少", "")) else c.result
        gap, unit, expr = _in_unit(q, abs(c.result), c.unit, c.expression)  # ('增加了多少万元' over tables in 元)
        if unit != c.unit:
            value = gap if value >= 0 else -gap
            c = Calculation(expr, value, unit, c.inputs)
        if unit in ("个", "人", "家", "项", "辆", "台", "名") and gap == gap.to_integral_value():
            gap, value = gap.quantize(Decimal(1)), value.quantize(Decimal(1))  # (things counted: '减少 1个', not 1.00个)
        text_out = (f"{text.strip()}：{_name(new)} {fmt_value(an.value, an.unit or '')}，{_name(old)} "
                    f"{fmt_value(ao.value, ao.unit or '')}，{word} {gap:f}{unit}。计算：{expr}")
        return Answer(text=text_out, value=value, unit=unit, citations=an.citations + ao.citations,
                      calculation=c, kind="compare")

    def rank_bodies(self, q: Question, docs: list[Document]) -> Answer:
        """'这些单位里谁的机关运行经费最多', '按基本支出排名，第二是谁': the figure looked up in each body's
        latest document (of the year asked, when one is), every value cited, the bodies ranked."""
        latest: dict[str, Document] = {}
        for d in sorted(docs, key=lambda d: d.year or 0):
            latest[d.department] = d
        # ('上海的这几份文件里': a place the question names keeps the bodies in it)
        places = {dep: {p for p in re.findall(r"[\u4e00-\u9fff]{2}(?:省|市|区|县)", dep)} for dep in latest}
        named = {p for ps in places.values() for p in ps if p in q.text or p[:-1] in q.text}
        if named and any(not (ps & named) for ps in places.values()):
            latest = {dep: d for dep, d in latest.items() if places[dep] & named}
        # (only the words that ask for a body: '谁的机关运行经费最高' keeps its 机关运行经费)
        words = re.sub(r"哪个(?:单位|部门|机构|局)|哪家(?:单位|部门)?|排第[一二两三四五六七八九十\d]+的?是谁|谁的?|排名|排序"
                       r"|(?:各|这些|所有|几个|这几[家个份])(?:单位|部门|文件|文档)?(?:里|中|当中)?|上海的?|加载的?|的?文件", " ", q.content)
        words = re.sub(r"最(大|高|多|小|低|少)|第[一二两三四五六七八九十\d]+(大|多|高|位|名)?|排第|排名|排序|按|谁|哪个|哪家|这[两三四五六七八九十几]+家|"
                       r"金额|是多少|多少|是|这些|所有|各个?|已?载入的?|部门|单位|[—\-]+", " ", words)
        for d in latest.values():
            words = strip_body(words, d)
        words = re.sub(r"(?:^|\s)[\u4e00-\u9fff](?=\s|$)", " ", words)  # ('在…里', '排第二' leave single characters)
        words = re.sub(r"\s+", " ", words).strip()
        got = []
        for d in latest.values():
            sub = parse(words + "是多少")
            sub.content, sub.want_unit = words, ""
            ans = self.lookup(sub, self.lib.facts(d.doc_id))
            if ans is not None and ans.value is not None and ans.unit in calc.UNITS_IN_YUAN:
                got.append((calc.convert(ans.value, ans.unit, "元"), d, ans))
        if len(got) == 1 and len(latest) == 1:  # ('这几家单位里哪家…' with one body loaded: its figure, and so said)
            _, d, ans = got[0]
            return dataclasses.replace(ans, text=f"已载入的只有一个单位（{_name(d)}），无从比较；它的{words}：{ans.text}")
        if len(got) < 2:
            return refusal(f"可在各单位之间排名的“{words}”", self._covered_list(docs))
        low = bool(re.search(r"最(小|低|少|省)|倒数|[从由](?:低到高|小到大|少到多)", q.text))
        got.sort(key=lambda g: g[0] if low else -g[0])
        said = re.search(r"(?:排|排在|位列)第\s*([一二两三四五六七八九十\d]+)", q.text)  # (an intent read as a comparison)
        n = min(max(q.nth or (cn_number(said.group(1)) or 1 if said else 1), 1), len(got))
        _, d, ans = got[n - 1]
        lines = "；".join(f"{i}. {_name(x)} {fmt_value(a.value, a.unit)}" for i, (_, x, a) in enumerate(got, 1))
        head = f"{'最少' if low else '最多'}的是" if n == 1 else f"排第{n}的是"
        missing = [_name(x) for x in latest.values() if all(x is not g[1] for g in got)]
        note = f"（{'、'.join(missing)}没有找到这一数字）" if missing else ""
        text = (f"按“{words}”排名，{head}{_name(d)}：{fmt_value(ans.value, ans.unit)}。各单位{'' if q.years else '（取各自最新一份文档）'}：{lines}{note}。"
                f"来源：" + "；".join(f"《{a.citations[0].source}》第{a.citations[0].page}页" for _, _, a in got if a.citations) + "。")
        cits = ans.citations + [c for _, x, a in got if x is not d for c in a.citations[:1]]
        return Answer(text=text, value=ans.value, unit=ans.unit, citations=cits, kind="rank")

    def rank_changes(self, q: Question, pair: list[Document]) -> Answer | None:
        """'2025年比2024年哪一类功能支出增长最快', '哪个项级科目增加的金额最多', '公用经费里增幅最大的经济
        科目': every row of one level in both years' table, its change computed, the rows ranked."""
        from assistant.citing import cite
        from assistant.rowsets import main_column, subject_level
        from assistant.understand import label_core
        old, new = sorted(pair, key=lambda d: d.year or 0)[:2]
        econ = bool(re.search(r"经济科目|经济分类|人员经费里|公用经费里|人员经费中|公用经费中", q.text))
        level = subject_level(q.text) or (5 if econ else 7 if re.search(r"哪.?项|项目", q.text) else 3)
        word = next((w for w in ("公用经费", "人员经费", "基本支出", "项目支出") if w in q.text), "")
        rate = bool(re.search(r"最快|增幅|降幅|增长率|下降率|百分|%|幅度", q.text))
        down = bool(re.search(r"减少|下降|降幅|少得|缩减|降得|砍", q.text))
        sides = []
        for d in (old, new):
            df = self.lib.facts(d.doc_id)
            tables = [t for t in df.tables if ("经济分类" in t.title) == econ and "支出" in t.title and "收入" not in t.title
                      and any(len(f.subject_code) == level for f in df.facts if f.table_no == t.table_no)]
            if not tables:
                return None
            t = min(tables, key=lambda t: (not re.search(r"支出预算总表|支出总表" if not econ else "基本支出", t.title), t.table_no))
            col = main_column(df, t.table_no, word if econ else "")
            sides.append((df, t, {f.subject_code: f for f in df.facts if f.table_no == t.table_no and f.column == col
                                  and len(f.subject_code) == level and f.value is not None}))
        (dfo, to, a), (dfn, tn, b) = sides
        rows = []
        for code, fn in b.items():
            fo = a.get(code)
            if fo is None or (rate and not fo.value):
                continue
            change = (fn.value - fo.value) / fo.value * 100 if rate else fn.value - fo.value
            rows.append((change, fo, fn))
        if len(rows) < 2:
            return None
        if COUNTED_CHANGE.search(q.text):  # ('9个支出大类里，有几类比2024年增加了'): the rows that moved that way, counted and named
            level_word = re.search(r"持平|不变|没变|相同", q.text)
            fit = [r for r in rows if (r[0] == 0 if level_word else r[0] < 0 if down else r[0] > 0)]
            said = "持平" if level_word else "减少" if down else "增加"
            names = "；".join(f"{label_core(fn.row_label)}（{fmt_value(fo.value, fo.unit)} → {fmt_value(fn.value, fn.unit)}）"
                             for _, fo, fn in fit)
            lvl = {3: "类", 5: "款", 7: "项"}.get(level, "")
            text = (f"{new.department}{new.year}年比{old.year}年{said}的{lvl}级科目（两年《{tn.title}》都列出的{len(rows)}个中）共 {len(fit)} 个"
                    + (f"：{names}。" if fit else "。") + f"来源：《{old.source}》第{to.pages[0]}页；《{new.source}》第{tn.pages[0]}页。")
            return Answer(text=text, value=Decimal(len(fit)), unit="个", kind="count",
                          citations=[c for _, fo, fn in (fit or rows[:1]) for c in (cite(new, fn), cite(old, fo))])
        rows.sort(key=lambda r: r[0] if down else -r[0])
        change, fo, fn = rows[0]
        A = calc.Operand(fn.value, fn.unit, cite(new, fn), f"{new.year}年")
        B = calc.Operand(fo.value, fo.unit, cite(old, fo), f"{old.year}年")
        c = calc.pct_change(A, B) if rate else calc.difference(A, B)
        lvl = {3: "类", 5: "款", 7: "项"}.get(level, "")
        what = f"{new.year}年比{old.year}年{'降幅最大' if down and rate else '增幅最大' if rate else '减少最多' if down else '增加最多'}的" \
               f"{'经济分类' if econ else '功能分类'}{lvl}级科目（《{tn.title}》{'“' + word + '”栏' if econ and word else ''}，" \
               f"共比较{len(rows)}个）是“{label_core(fn.row_label)}”，{old.year}年 {fmt_value(fo.value, fo.unit)} → {new.year}年 " \
               f"{fmt_value(fn.value, fn.unit)}，{('降幅' if down else '增幅') if rate else ('减少额' if down else '增加额')}"
        value = abs(c.result)
        return self._finish(q, new, value, c.unit, list(c.inputs), c, what, "rank")  # type: ignore[attr-defined]

    def compare_shares(self, q: Question, pair: list[Document]) -> Answer:
        """'A和B相比，哪家项目支出占总支出的比重更高': the share computed in each body's document (as a share
        question alone would), both formulas shown, the higher (or lower, when asked) named."""
        text = re.sub(r"(?:相比|比较|对比)[，,]?|哪(?:家|个|一家)(?:单位)?|谁的?|更(?:高|大|低|小)|的?比重是多少|是多少", " ", q.text)
        for d in pair:
            text = strip_body(re.sub(r"20\d\d\s*年度?", " ", text), d)
        text = re.sub(r"^[\s和与跟及，,]+|[\s和与跟及]+(?=[，,])", " ", text).strip()
        got = []
        for d in pair:
            sub = parse(text)
            sub.intent, sub.want_kind = "share", "percent"
            sub.content = strip_body(content_words(sub.text), d)
            ans = self.share(sub, self.lib.facts(d.doc_id))  # type: ignore[attr-defined]
            if ans is None or ans.value is None:
                return refusal(f"{_name(d)}中可比较的“{text}”", self._covered_list(pair))  # type: ignore[attr-defined]
            got.append((ans.value, d, ans))
        low = bool(re.search(r"更(?:低|小)", q.text))
        got.sort(key=lambda g: g[0] if low else -g[0])
        (v, d, ans), (v2, d2, ans2) = got
        head = f"{'更低' if low else '更高'}的是{_name(d)}：{v}%；{_name(d2)}为 {v2}%。"
        text_out = f"{head}计算：{_name(d)} {ans.calculation.expression if ans.calculation else ''}；" \
                   f"{_name(d2)} {ans2.calculation.expression if ans2.calculation else ''}"
        return Answer(text=text_out, value=v, unit="%", citations=ans.citations + ans2.citations,
                      calculation=ans.calculation, kind="compare")


# '2025年比2024年哪一类增长最快', '哪个项级科目增加的金额最多': rows ranked by their change between two years
# '有几类比2024年增加了', '减少的类级科目有几个': rows counted by how they moved between two years
COUNTED_CHANGE = re.compile(r"(?:几|多少)(?:个|类|款|项(?!目))")
CHANGE_RANK = re.compile(r"(?:增长|增加|上涨|减少|下降|涨|降)(?:得|的)?(?:金额|幅度)?最(?:快|多|大|少)|增幅最大|降幅最大|增长率最高"
                         r"|(?:多|少)得最多|变化最大")


# '哪个单位…最多', '排第二的是谁', '按基本支出排名': a ranking of the loaded bodies, not of one body's rows
BODY_RANK = re.compile(r"哪个(?:单位|部门|机构)|哪家(?:单位|部门)|哪个局|排第[一二两三四五六七八九十\d]+的?是谁|谁的?[^，,。？?]{0,12}最"
                       r"|按[^，,。？?]{1,12}排名|(?:各|这些|所有|几个)(?:单位|部门)[^，,。？?]{0,12}(?:最|排名|排序)"
                       r"|最(?:多|少|高|低|大|小)的?是哪(?:家|个单位|个部门)|这几[家份个](?:单位|部门|文件|文档)")


def _sides(text: str, pair: list[Document]) -> dict[str, str]:
    """'A的部门预算总额是B的一般公共预算财政拨款支出决算数的几倍': each body's own words (from its name to
    the other's), when both say what to look up and they differ; {} when the figure is named once."""
    from assistant.scope import _span
    spans = {d.doc_id: _span(text, d.department) for d in pair}
    if any(v is None for v in spans.values()):
        return {}
    (ia, a), (ib, b) = sorted(((spans[d.doc_id], d.doc_id) for d in pair))
    out = {a: text[ia[1]:ib[0]], b: text[ib[1]:]}
    from assistant.understand import bigrams, content_words
    from assistant.facts import GENERIC_GRAMS
    said = {k: re.sub(r"谁的?|[多少高低大小]+|比较|相比|对比|比|差|几倍|倍|是|的|和|与|跟", " ",
                      content_words(re.sub(r"20\d\d\s*年度?", " ", v))) for k, v in out.items()}
    if any(len(bigrams(v) - GENERIC_GRAMS) < 2 for v in said.values()) or len(set(said.values())) < 2:
        return {}
    return said


def _mentioned_at(text: str, d: Document, pair: list[Document]) -> int:
    """Where the question names a document of a pair: its year when the body is the same, else its body."""
    if len({x.department for x in pair}) == 1:
        i = text.find(str(d.year))
        return i if i >= 0 else len(text)
    from assistant.scope import _span
    span = _span(text, d.department)
    return span[0] if span else len(text)

