"""Changes the narrative states in words or by levels: 持平 (a change of 0), the 执行数 of an item,
last year's figure worked back from a stated change, a change the narrative leaves to last year's
document, and a 决算's completion of its 年初预算."""
from __future__ import annotations

import re
from decimal import Decimal

from assistant.answer import Answer, Citation
from assistant.citing import _name, cite_stated, strip_body
from assistant.facts import GENERIC_GRAMS, local_subject
from assistant.library import DocFacts, clauses
from assistant.narrative import _dec
from assistant.understand import ROUNDING, Question, asks_change, bigrams, label_core
from ingest.model import StatedFact


# '…288.70万元，与2024年预算持平': the words between an amount and 持平 (a change of 0)
_FLAT_GAP = re.compile(r"^[，,\s]*(比|与|较|同)(上年|去年|上一年|20\d\d年度?)?(预算|决算)?(数|执行数)?(相比)?[，,]?(基本)?持平")
_AMOUNT = re.compile(r"(\d[\d,，]*(?:\.\d+)?)\s*(亿元|万元|元)")
# '完成年初预算的百分之几', '预算完成率': a 决算's spending as a share of its 年初预算
COMPLETION = re.compile(r"完成(了)?(年初|全年|调整)?预算(的)?(百分之|多少|几|比例|%|情况|率)|预算完成(率|情况|比例|了百分之|了多少)|执行率|决算完成率|完成率(?:是|为|有)?多少"
                        r"|(决算数?|实际支出|实际(?:花|用|支出)(?:掉|了)?的?(?:钱)?|支出决算数?)占(其|了)?(年初|全年|调整)?预算(数)?(的)?(完成)?(百分之|多少|几|比例|比重|%|百分比)"
                        r"|实际(?:花|用)(?:掉|了)+(年初|全年|调整)预算(数)?的(百分之|多少|几|比例|%|百分比)"
                        r"|决算数?(?:是|为|相当于)(?:其)?(年初|全年|调整)预算(数)?的(百分之|多少|几|比例|%|百分比)")
_COMPLETION_WORDS = re.compile(r"执行得?(?:怎么样|如何|咋样|情况)|这一项|完成(了)?(年初|全年|调整)?预算(的)?|预算完成|完成率|执行率|百分之|比例|比重|百分比|情况|多少|几|是"
                               r"|(支出)?决算数?占(其|了)?(年初|全年|调整)?预算(数)?(的)?|实际(?:支出|(?:花|用)(?:掉|了)?的?(?:钱)?)占(其|了)?(年初)?预算(的)?|实际(?:花|用)(?:掉|了)+(年初|全年|调整)预算(数)?的|决算数?(?:是|为|相当于)(?:其)?(年初|全年|调整)预算(数)?的")
_CHANGE_WORDS = re.compile(r"比上年|比去年|较上年|较去年|同比|上年|去年|上一年|增减|变动|变化|增加了|减少了|增长了|下降了|增加|减少|增长|"
                           r"下降|增幅|降幅|增长率|幅度|情况|百分之|多了|少了|多出|亿元|万元|元|比20\d\d年度?|20\d\d年度?|预算数|执行数|执行|相比|"
                           r"持平|[多少几是]")


class NarrativeChanges:
    """Mixed into Engine before Operations: changes the narrative states as 持平 (0) or by 执行数, and
    a 决算's completion of its 年初预算."""

    def change(self, q: Question, df: DocFacts) -> Answer | None:
        """A stated 执行数 or a 持平 first when the question names their item best, else the stated change."""
        asks_level = q.last_year or (re.search(r"上年|去年|上一年", q.text)
                                     and not asks_change(q.text))
        if asks_level and "执行" in q.text:
            done = self._executed(q, df)
            if done is not None:
                return done
        flat = self._flat_answer(q, df, bool(asks_level))
        if flat is not None:
            return flat
        ans = super().change(q, df)  # type: ignore[misc]
        if ans is not None and ans.calculation is not None and not asks_level:
            clash = _contradicted(df, ans)
            if clash:
                from assistant.answer import refusal
                return refusal(f"可靠的数字：{clash}，文档自身前后不一致，无法确定变动额")
        if ans is None and not asks_level and re.search(r"[比较与和跟同](上年|去年|上一年)|同比", q.text):
            return self._against_last_document(q, df)
        if asks_level and (ans is None or ans.calculation is None):
            # last year's figure asked, only the change found: this year's figure may stand in the
            # sentence before ('…收入支出总计2995.39万元。与2023年度相比，收入支出总计减少56.95万元') —
            # never the change itself as the level
            return self._level_before(q, df)
        return ans

    def _against_last_document(self, q: Question, df: DocFacts) -> Answer | None:
        """'比上年多了多少' that the narrative does not state, when last year's document of the same body
        is loaded: the two documents' cells compared."""
        import copy
        doc = df.document
        prev = [d for d in self.lib.documents() if d.department == doc.department and d.year == doc.year - 1  # type: ignore[attr-defined]
                and d.kind == doc.kind]
        if not prev:
            return None
        q2 = copy.copy(q)
        q2.years = []
        q2.content = re.sub(r"上年|去年|上一年|同比", " ", q.content)
        ans = self.compare(q2, [prev[0], doc])  # type: ignore[attr-defined]
        return ans if ans.answerable and ans.value is not None else None

    def _level_before(self, q: Question, df: DocFacts) -> Answer | None:
        """Last year's figure from a stated change and this year's figure in the sentence before it,
        the same subject named in both."""
        from assistant import calculator as calc
        qg = self._target(q)
        sub = Question(raw=q.raw, text=q.text, want_kind="money", content=" ".join(sorted(qg)))
        found = self._changes(sub, df, sub.content) if qg else []  # type: ignore[attr-defined]
        if not found:
            return None
        ch = found[0].stated
        if ch.unit not in calc.UNITS_IN_YUAN or ch.direction not in ("增加", "减少"):
            return None
        i = df.stated.index(ch)
        words = bigrams(label_core(re.sub(r"(增加|减少|增长|下降)$", "", _clause(ch)))) - GENERIC_GRAMS
        prev = [x for x in df.stated[max(0, i - 6):i] if x.sentence != ch.sentence and x.page == ch.page
                and x.kind == "amount" and x.unit in calc.UNITS_IN_YUAN]
        if not words or not prev:
            return None
        cur = max(prev, key=lambda x: len(words & bigrams(label_core(_clause(x)))))
        if len(words & bigrams(label_core(_clause(cur)))) < 0.8 * len(words):
            return None
        col = re.search(r"项目支出|基本支出|人员经费|公用经费", q.content)
        if col and col.group(0) not in _clause(cur):
            return None  # ('2025年的项目支出': the change stated is the 支出总计's, not the figure asked)
        doc = df.document
        a = calc.Operand(cur.value, cur.unit, cite_stated(doc, cur), "本年")
        b = calc.Operand(ch.value, ch.unit, cite_stated(doc, ch), "变动")
        c = calc.difference(a, b) if ch.direction == "增加" else calc.total([a, b])
        name = re.sub(r"^20\d\d年度?|^(本部门|本单位)", "", label_core(_clause(cur)).replace(doc.department, ""))
        return self.last_level(q, doc, a, c, name)  # type: ignore[attr-defined]

    def _target(self, q: Question) -> set[str]:
        return bigrams(label_core(_CHANGE_WORDS.sub(" ", q.content))) - GENERIC_GRAMS

    def _item_text(self, df: DocFacts, st: StatedFact) -> str:
        return label_core(self._items(df).get(st.fact_id, "") + _clause(st))

    def _executed(self, q: Question, df: DocFacts) -> Answer | None:
        """'普法宣传2025年执行数是多少': the 执行数 stated in the item the question names."""
        qg = self._target(q)
        if not qg:
            return None
        cands = [(len(qg & bigrams(self._item_text(df, st))) / len(qg), st) for st in df.stated
                 if st.kind == "amount" and re.search(r"执行数(为|是)?$", local_subject(st, self._subjects(df)))]
        best = max(cands, key=lambda t: t[0], default=(0.0, None))
        if best[0] < 0.6:
            return None
        return self._stated_answer(q, df.document, best[1])

    def _flats(self, df: DocFacts) -> list[tuple[StatedFact, str]]:
        """(amount, the sentence saying it is 持平 with last year) for every such amount."""
        cached = getattr(df, "_flats", None)
        if cached is not None:
            return cached
        out: list[tuple[StatedFact, str]] = []
        money = [st for st in df.stated if st.kind == "amount" and st.unit in ("亿元", "万元", "元")]
        by_sentence: dict[str, list[StatedFact]] = {}
        for st in money:
            by_sentence.setdefault(st.sentence, []).append(st)
        for sent, facts in by_sentence.items():
            ms = list(_AMOUNT.finditer(sent))
            for i, m in enumerate(ms):
                if i < len(facts) and _FLAT_GAP.match(sent[m.end():]):
                    out.append((facts[i], sent))
        # '（三）公务接待费1.35万元。比2024年预算持平，…': the 持平 stands in the next sentence
        for c in df.chunks:
            for prev, sent in zip(clauses(c.text), clauses(c.text)[1:]):
                if _FLAT_GAP.match(sent.strip()):
                    last = [st for st in by_sentence.get(prev.strip(), [])]
                    if last:
                        out.append((last[-1], prev.strip() + sent.strip()))
        try:
            df._flats = out
        except AttributeError:
            pass
        return out

    def _flat_answer(self, q: Question, df: DocFacts, asks_level: bool) -> Answer | None:
        """An item the narrative says is 持平 with last year: a change of 0, last year's figure = this year's."""
        from assistant import calculator as calc
        qg = self._target(q)
        if not qg:
            return None
        best, best_f = 0.0, None
        for amt, sent in self._flats(df):
            own = label_core(_clause(amt))
            sc = len(qg & bigrams(own)) / len(qg) + (0.5 if own and own in label_core(q.content) else 0.0)
            if sc > best:
                best, best_f = sc, (amt, sent)
        if best_f is None or best < 0.6:
            return None
        real = self._changes(q, df, " ".join(sorted(qg)))  # type: ignore[attr-defined]
        if real:
            r = real[0].stated
            if len(qg & bigrams(label_core(_clause(r) + self._items(df).get(r.fact_id, "")))) / len(qg) > best:
                return None  # a stated change names the item better
        amt, sent = best_f
        doc = df.document
        name = re.sub(r"^(其中)?[（(][一二三四五六七八九十\d]+[）)]|^\d+[、.．]", "", _clause(amt)).strip()
        flat_cit = Citation(doc.doc_id, doc.source, amt.page, amt.section, "", "", sent)
        if asks_level:
            c = calc.difference(calc.Operand(amt.value, amt.unit, cite_stated(doc, amt), "本年"),
                                calc.Operand(Decimal(0), amt.unit, flat_cit, "持平（变动0）"))
            return self._finish(q, doc, c.result, c.unit, [cite_stated(doc, amt), flat_cit], c,
                                f"上年{name}（与本年持平）", "change")
        unit = "%" if q.wants_percent_change else amt.unit
        return Answer(text=f"{_name(doc)}{name}与上年持平，变动为 0{unit}。来源：《{doc.source}》第{amt.page}页：{sent}",
                      value=Decimal(0), unit=unit, citations=[flat_cit], kind="change")

    def completion(self, q: Question, df: DocFacts) -> Answer | None:
        """'X完成年初预算的百分之几': the rate stated beside X's 年初预算 and 决算数, else 决算数 ÷ 年初预算."""
        from assistant import calculator as calc
        # (the question's own words: its content drops the 花 of '实际花掉的占年初预算')
        said = re.sub(r"20\d\d\s*年度?|的钱|[，,？?。]|" + ROUNDING, " ", strip_body(q.text, df.document))
        sub = Question(raw=q.raw, text=q.text, content=_COMPLETION_WORDS.sub(" ", said))
        b = self._pair_fact(sub, df, "预算")
        if b is None:
            return None
        same = [x for x in df.stated if x.sentence == b.sentence]
        stated = [x for x in same if x.kind == "share" and re.search(r"完成", local_subject(x, self._subjects(df)))]
        doc = df.document
        if stated:
            return self._stated_answer(q, doc, stated[0], "share")
        after = [x for x in same if x.kind == "amount" and df.stated.index(x) > df.stated.index(b)
                 and re.search(r"决算(数)?(为|是)?$", local_subject(x, self._subjects(df)))]
        if not after:
            return None
        f = after[0]
        c = calc.share(calc.Operand(f.value, f.unit, cite_stated(doc, f), "决算数"),
                       calc.Operand(b.value, b.unit, cite_stated(doc, b), "年初预算"))
        item = re.sub(r"：.*$|(年初)?预算(数)?(为|是)?$", "", self._pair_name(df, b))
        return self._finish(q, doc, c.result, c.unit, list(c.inputs), c, f"{item}决算数占年初预算的比例（完成率）", "share")


def _contradicted(df: DocFacts, ans: Answer) -> str:
    """A change computed from two stated levels whose sentence states a % that the levels do not give
    ('执行数为43269.3万元，2026年预算安排3845.49万元，比2025年预算执行数增加17.62%')."""
    sents = {c.quote for c in ans.citations}
    if len(sents) != 1:
        return ""
    sent = next(iter(sents))
    levels = [x for x in df.stated if x.sentence == sent and x.kind == "amount" and x.unit in ("万元", "元", "亿元")]
    pct = [x for x in df.stated if x.sentence == sent and x.kind == "change" and x.unit == "%"]
    if len(levels) != 2 or len(pct) != 1 or not levels[0].value:
        return ""
    old, new = levels  # the earlier year first ('2025年执行数为A，2026年预算安排B'), unless named otherwise
    if re.search(r"执行|上年|去年", _clause(new)) and not re.search(r"执行|上年|去年", _clause(old)):
        old, new = new, old
    got = (new.value - old.value) / old.value * 100
    said = pct[0].value if pct[0].direction == "增加" else -pct[0].value
    if abs(got - said) <= 1:
        return ""
    return f"该句的两个数推算出变动{got:.2f}%，而文字写的是{pct[0].direction}{pct[0].value}%"


def _clause(st: StatedFact) -> str:
    """The words of a stated number's own clause ('其中：（一）因公出国（境）费' for 288.70万元)."""
    i = st.sentence.find(_fmt_first(st))
    head = st.sentence[:i] if i >= 0 else st.subject
    return re.split(r"[，,；;：:。]", head)[-1]


def _fmt_first(st: StatedFact) -> str:
    m = next((m for m in _AMOUNT.finditer(st.sentence)
              if m.group(2) == st.unit and _dec(m.group(1)) == st.value), None)
    return m.group(0) if m else "\x00"
