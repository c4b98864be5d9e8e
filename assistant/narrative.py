"""Numbers stated in the narrative: ranking them, their subjects and numbered items, figures in
units ingestion does not keep (分, 平方米), and a 决算's 年初预算 stated beside its 决算数."""
from __future__ import annotations

import dataclasses
import re
from decimal import Decimal

from assistant.answer import Answer
from assistant.citing import GOOD, cite, cite_stated, strip_body
from assistant.facts import GENERIC_GRAMS, Scored, local_subject, qcover, score_stated, unit_ok
from assistant.synonyms import expand, other_term
from assistant.library import DocFacts, clauses
from assistant.textfacts import counted_noun, noun_near
from assistant.understand import Question, bigrams, label_core
from ingest.model import Document, StatedFact

# a 决算 asked for what was budgeted ('年初预算是多少'), not for what was spent
BUDGET_SIDE = re.compile(r"年初预算|当初预算|原先预算|起初预算|预算数|原预算|调整预算|预算安排|预算(是|为|有)?多少|预算了|计划安排|(?<=[比于过出])预算")
FUNDS = re.compile(r"一般公共预算|政府性基金预算|国有资本经营预算|社会保险基金预算|部门预算")
GAP = re.compile(r"相差|差了|差额|差距|差|节约|节余|结余|超支|多了|少了|多出|少花")
FINAL_SIDE = re.compile(r"决算|实际|执行|花了|用了|花的|用的|花掉|支出了|完成")


def is_threshold(st: StatedFact) -> bool:
    """'价值50万元（原值）以上的通用设备0台': the 50万元 bounds what is counted, it is not a figure."""
    m = next((m for m in re.finditer(r"(\d[\d,，]*(?:\.\d+)?)\s*" + re.escape(st.unit), st.sentence)
              if _dec(m.group(1)) == st.value), None)
    return bool(m and re.match(r"\s*(（[^）]{0,4}）)?\s*(以上|以下|及以上|（含）以上|以内|及以下)", st.sentence[m.end():]))


class Narrative:
    """Mixed into Engine: answers from the narrative's sentences."""

    def ranked_stated(self, q: Question, df: DocFacts, kinds: tuple[str, ...], text: str | None = None) -> list[Scored]:
        """Narrative numbers ranked by how well their subject matches."""
        qgrams = bigrams(expand(text if text is not None else q.content))
        subjects = self._subjects(df)
        noun = counted_noun(q.text) if "count" in kinds and q.intent == "count" else ""
        projects = _form_projects(df)
        specific = qgrams - GENERIC_GRAMS
        out = []
        for s in df.stated:
            if s.kind not in kinds or not unit_ok(s.unit, q) and q.want_kind != "any" or is_threshold(s) \
                    or other_term(q.text, s.sentence):
                continue
            sc = score_stated(s, q, qgrams, subjects.get(s.fact_id), df.document.department)
            if sc > 0 and s.section.count("：") >= 1 and "绩效目标" in s.section and projects and specific:
                # a sentence written in a project's performance form: that project, not another one
                mine = s.section.split("：")[1]
                other = max((qcover(specific, label_core(p)) for p in projects if p != mine), default=0.0)
                own = qcover(specific, label_core(mine))
                sc += 1.0 * own if own >= other else -2.0
            if sc > 0 and noun and s.kind == "count":
                # '开展编报的预算单位有几个': the count standing by that noun ('3个预算单位'), not the
                # sentence's other count ('项目49个')
                after, _, before = noun_near(s.sentence, s.value, s.unit).partition("|")
                if after.startswith(noun) or before.endswith(noun):
                    sc += 2.0
            if sc > 0:
                out.append(Scored(sc, stated=s))
        out.sort(key=lambda x: -x.score)
        return out

    def narrowed(self, q: Question, ranked: list[Scored]) -> list[Scored]:
        """The best statement, or the part of it after 其中 that the question names by the words
        that set the part apart ('中小企业预留…664.98万元，其中，预留给小型和微型企业的…465.49万元'
        asked as '留给小微企业的有多少')."""
        from assistant.facts import GENERIC_GRAMS as G
        if not ranked:
            return ranked
        top = ranked[0].stated
        qg = bigrams(expand(q.content)) - G
        at = top.sentence.find(top.subject)
        # what the whole is called: every word before its number ('…政府采购金额（以合同签订为准）为')
        own = bigrams(label_core(top.sentence[:at + len(top.subject)] if at >= 0 else top.subject))
        for x in ranked[1:6]:
            s = x.stated
            if s.sentence != top.sentence or s.kind != top.kind or s.unit != top.unit or at < 0:
                continue
            j = top.sentence.find(s.subject, at + len(top.subject))
            if j < 0 or "其中" not in top.sentence[at + len(top.subject):j + 4]:
                continue
            extra = bigrams(label_core(s.subject)) - own - G
            if extra & qg:  # ('工程类采购' names 政府采购工程预算 by 工程)
                return [x] + [y for y in ranked if y is not x]
        return ranked

    def _relevance(self, q: Question, df: DocFacts, st: StatedFact, window: bool = False) -> float:
        """Share of the question's specific words found around a stated number (its sentence,
        or for a change the words before it)."""
        from assistant.facts import GENERIC_GRAMS as G, _window, local_subject as ls
        qg = bigrams(expand(q.content)) - G
        if not qg:
            return 1.0
        subject = ls(st, self._subjects(df))
        text = (_window(st, subject) + subject) if window else st.sentence
        # a sentence written in a table's cell: its table and row ('…绩效目标表：…：年度绩效目标') are its context
        cell = st.section if "表：" in st.section else ""
        text = bigrams(label_core(self._items(df).get(st.fact_id, "") + cell + text))
        plain = bigrams(q.content) - G  # the question's own words, without the synonyms' table words
        return max(len(qg & text) / len(qg), len(plain & text) / len(plain) if plain else 0.0)

    def _items(self, df: DocFacts) -> dict[str, str]:
        """For a number in a numbered item's later sentences ('2025年执行数为…，增加P%'), the item's
        opening sentence ('4、公共安全支出（204类）…信息化建设（07项）227.88万元。')."""
        cached = getattr(df, "_item_ctx", None)
        if cached is None:
            cached, current, age = {}, "", 0
            last_sentence = None
            for st in df.stated:
                if st.sentence != last_sentence:
                    last_sentence = st.sentence
                    if re.match(r"^\s*(\d+[、.．]|（\d+）|\(\d+\))", st.sentence):
                        current, age = st.sentence[:60], 0
                    else:
                        age += 1
                if current and age <= 3 and st.sentence[:60] != current:
                    cached[st.fact_id] = current
            # the item may open with a sentence of no number, or stand as the chunk's heading
            # ('1、一般公共服务支出（类）财政事务（款）行政运行（项）。…年初预算为1560.05万元')
            around = _item_openings(df.chunks)
            for st in df.stated:
                ctx = around.get(re.sub(r"\s", "", st.sentence))
                if ctx and ctx[:60] != st.sentence[:60]:
                    cached[st.fact_id] = ctx
            try:
                df._item_ctx = cached
            except AttributeError:
                pass
        return cached

    def _subjects(self, df: DocFacts) -> dict[str, str]:
        """Stated numbers' subjects, computed once per document."""
        cached = getattr(df, "_subjects", None)
        if cached is None:
            from assistant.facts import sentence_subjects
            cached = sentence_subjects(df.stated)
            for st in df.stated:
                if not cached.get(st.fact_id, "").strip():
                    # a number standing alone ('795万元' under 六、年度预算安排) is named by its page's
                    # title ('人民调解项目经费情况说明') and its section
                    cached[st.fact_id] = _page_title(df.chunks, st.page) + " " + st.section
            try:
                df._subjects = cached
            except AttributeError:
                pass
        return cached

    def _budgeted(self, q: Question, df: DocFacts) -> Answer | None:
        """A 决算 asked for its 年初预算: a 预算数 column, else the narrative's '年初预算为X万元，
        支出决算为Y万元' in the item the question names (the tables hold the 决算数)."""
        doc = df.document
        cells = [x for x in self.ranked(q, df) if "预算" in FUNDS.sub("", x.fact.column)
                 and "决算" not in x.fact.column and x.score >= GOOD]
        if cells:
            f = cells[0].fact
            return self._finish(q, doc, f.value, f.unit, [cite(doc, f)], None, f"{f.row_label}（{f.column}）")
        return self._paired(q, df, "预算")

    def _paired(self, q: Question, df: DocFacts, side: str) -> Answer | None:
        """'年初预算为X万元，支出决算为Y万元': the side asked (预算 → X, 决算 → Y) of the sentence in
        the item the question names."""
        st = self._pair_fact(q, df, side)
        if st is None:
            return None
        return self._finish(q, df.document, st.value, st.unit, [cite_stated(df.document, st)], None,
                            self._pair_name(df, st), "text")

    def _pair_name(self, df: DocFacts, st: StatedFact) -> str:
        item = re.sub(r"^\s*(\d+[、.．]|（\d+）|\(\d+\))|[。]", "", self._items(df).get(st.fact_id, ""))[:60]
        return (item + "：" if item else "") + local_subject(st, self._subjects(df)).rstrip("为是")

    def _pair_gap(self, q: Question, df: DocFacts) -> Answer | None:
        """'年初预算和实际支出差了多少': 年初预算 − 决算数 of the item's sentence, both cited."""
        from assistant import calculator as calc
        b = self._pair_fact(q, df, "预算")
        if b is None:
            return None
        after = [x for x in df.stated if x.sentence == b.sentence and x.kind == "amount" and x.fact_id != b.fact_id
                 and re.search(r"决算(数)?(为|是)?$", local_subject(x, self._subjects(df)))]
        if not after:
            return None
        f = after[0]
        doc = df.document
        c = calc.difference(calc.Operand(b.value, b.unit, cite_stated(doc, b), "年初预算"),
                            calc.Operand(f.value, f.unit, cite_stated(doc, f), "决算数"))
        what = re.sub(r"：.*$|(年初)?预算(数)?(为|是)?$", "", self._pair_name(df, b)) + "年初预算与决算数之差"
        return self._finish(q, doc, abs(c.result), c.unit, list(c.inputs), c, what, "diff")

    def _pair_gaps_ranked(self, q: Question, df: DocFacts) -> Answer | None:
        """'哪一项决算比年初预算少得最多': every numbered item's '年初预算为X万元，支出决算为Y万元' pair, ranked by
        X − Y (or Y − X when the question asks which spent more than budgeted), the top one cited."""
        from assistant import calculator as calc
        pairs = self._stated_pairs(df)
        if len(pairs) < 2:
            return None
        over = bool(re.search(r"(?:决算|实际)[^，,。？?]{0,6}(?:(?<!最)多(?!少)|超)|超(?:出|过)?(?:年初)?预算", q.text)) \
            and not re.search(r"省|节约|节余|结余|少花|没花完|剩", q.text)  # ('差得最多（省下最多）': under budget)
        b, f = max(pairs, key=lambda p: (p[1].value - p[0].value) if over else (p[0].value - p[1].value))
        doc = df.document
        c = calc.difference(calc.Operand(b.value, b.unit, cite_stated(doc, b), "年初预算"),
                            calc.Operand(f.value, f.unit, cite_stated(doc, f), "决算数"))
        name = re.sub(r"：.*$|(年初)?预算(数)?(为|是)?$", "", self._pair_name(df, b))
        what = f"{len(pairs)}个说明了年初预算和决算数的项目中，决算{'超出' if over else '少于'}年初预算最多的是“{name}”，差额"
        return self._finish(q, doc, abs(c.result), c.unit, list(c.inputs), c, what, "rank")

    def _stated_pairs(self, df: DocFacts) -> list[tuple[StatedFact, StatedFact]]:
        """Every numbered item's '年初预算为X万元，支出决算为Y万元': (年初预算, 决算数) in the document's order."""
        items = self._items(df)
        subjects = self._subjects(df)
        pairs = []
        for b in df.stated:
            if b.kind != "amount" or b.fact_id not in items or \
                    not re.search(r"(年初|调整)?预算(数|金额)?(为|是|安排)?$", local_subject(b, subjects)):
                continue
            f = next((x for x in df.stated if x.sentence == b.sentence and x.kind == "amount" and x.fact_id != b.fact_id
                      and re.search(r"决算(数)?(为|是)?$", local_subject(x, subjects))), None)
            if f is not None and f.unit == b.unit:
                pairs.append((b, f))
        return pairs

    def _pair_gaps_counted(self, q: Question, df: DocFacts) -> Answer | None:
        """'有几项决算数低于年初预算' ('超过', '持平'): the numbered items whose stated pair meets the test,
        counted and named, each pair cited."""
        pairs = self._stated_pairs(df)
        if len(pairs) < 2:
            return None
        t = re.sub(r"年初预算|预算数?|决算数?|实际(?:支出|花的?)?", lambda m: "B" if "预" in m.group(0) else "F", q.text)
        if re.search(r"持平|相等|一致|相同|等于|一样", t):
            test, said = (lambda b, f: f == b), "与年初预算持平"
        elif re.search(r"F[^，,。？?B]{0,4}(?:低于|少于|小于|不足|未达到?|没达到|没有达到|不到|没用完|没花完)B|B[^，,。？?F]{0,4}(?:高于|多于|大于|超过)F"
                       r"|未完成|没完成|完成率?(?:不足|低于|不到)|(?:节余|结余|省下)", t):
            test, said = (lambda b, f: f < b), "决算数低于年初预算"
        elif re.search(r"F[^，,。？?B]{0,4}(?:高于|多于|大于|超过|超出)B|B[^，,。？?F]{0,4}(?:低于|少于|小于)F|超支|超(?:出|过)?(?:年初)?B", t):
            test, said = (lambda b, f: f > b), "决算数高于年初预算"
        else:
            return None
        fit = [(b, f) for b, f in pairs if test(b.value, f.value)]
        doc = df.document
        names = [re.sub(r"：.*$|(年初)?预算(数)?(为|是)?$", "", self._pair_name(df, b)) for b, _ in fit]
        listed = "；".join(f"{n}（年初预算{b.value}{b.unit}，决算{f.value}{f.unit}）" for n, (b, f) in zip(names, fit))
        text = (f"{doc.department}{doc.year}年{doc.kind}说明的{len(pairs)}个项目中，{said}的有 {len(fit)}项"
                + (f"：{listed}。" if fit else "。"))
        cits = [cite_stated(doc, x) for pair in (fit or pairs[:1]) for x in pair]
        return Answer(text=text + "来源：" + "；".join(dict.fromkeys(f"《{c.source}》第{c.page}页" for c in cits)) + "。",
                      value=Decimal(len(fit)), unit="项", citations=cits, kind="count")

    def _pair_fact(self, q: Question, df: DocFacts, side: str) -> StatedFact | None:
        """The stated 年初预算 (side 预算) or 决算数 (side 决算) of the item the question names."""
        # the item's name is what remains without the words of either side and of the gap
        text = re.sub(r"比(?=年初|预算|决算)|[多少]$|\d+|[低高少多大小]于|超过|超出|不足|两者|二者|这一?项|那一?项|该项", " ",
                      GAP.sub(" ", strip_body(q.content, df.document)))  # (a 科目编码 is no word of the item; '财政局' is the body)
        qg = bigrams(FINAL_SIDE.sub(" ", BUDGET_SIDE.sub(" ", text))) - GENERIC_GRAMS - {"年初", "初预", "决算", "算数", "实际"}
        own = bigrams(re.sub(r"财政拨款", " ", FUNDS.sub(" ", FINAL_SIDE.sub(" ", BUDGET_SIDE.sub(" ", text))))) - GENERIC_GRAMS \
            - {"年初", "初预", "决算", "算数", "实际"}
        qg, own = {g for g in qg if len(g) == 2}, {g for g in own if len(g) == 2}  # ('年初预算和决算数': no 和, no 数)
        if own and len(own) >= 2:
            qg = own  # ('财政事务行政运行的财政拨款支出': the item, not the funds every item is paid from)
        pattern = r"(年初|调整)?预算(数|金额)?(为|是|安排)?$" if side == "预算" else r"决算(数)?(为|是)?$"
        items = self._items(df)
        if not qg:
            # no item named ('决算比年初预算少花了多少'): the body's own pair, stated before any numbered item
            return next((st for st in df.stated if st.kind == "amount" and st.fact_id not in items
                         and re.search(pattern, local_subject(st, self._subjects(df)))
                         and any(x.sentence == st.sentence and x.fact_id != st.fact_id and x.kind == "amount"
                                 for x in df.stated)), None)
        best, best_s = 0.0, None
        for st in df.stated:
            if st.kind != "amount" or not re.search(pattern, local_subject(st, self._subjects(df))):
                continue
            around = label_core(items.get(st.fact_id, "") + st.sentence)
            sc = len(qg & bigrams(around)) / len(qg) + 0.5 * len(qg & bigrams(label_core(st.sentence))) / len(qg)
            if sc > best:
                best, best_s = sc, st
        return best_s if best >= 0.6 else None

    def measured(self, q: Question, df: DocFacts) -> Answer | None:
        """A figure in the unit the question asks (得分 → 分, 面积 → 平方米), from a table cell or a
        sentence of the narrative."""
        from assistant.facts import measure_facts
        cached = getattr(df, "_measures", None)
        if cached is None:
            cached = measure_facts(df.document.doc_id, df.chunks)
            try:
                df._measures = cached
            except AttributeError:
                pass
        qgrams = bigrams(expand(q.content))
        from assistant.understand import MEASURES
        # the attribute the question names by the measure word ('规划建筑面积') against the words just
        # before each number ('本工程规划建筑面积约为13459平方米' over '用地面积约为4000.6平方米')
        m = next((m for pat, u in MEASURES if u == q.measure for m in [re.search(pat, q.text)] if m), None)
        attr = bigrams(q.text[max(0, m.start() - 4):m.end()]) if m else set()

        def near(x: StatedFact) -> float:
            return len(attr & bigrams(label_core(x.subject))) / len(attr) if attr else 0.0
        specific = bigrams(expand(q.content)) - GENERIC_GRAMS
        cands = sorted(((score_stated(x, q, qgrams, x.subject, df.document.department) + 4.0 * near(x), x)
                        for x, para in cached if x.unit == q.measure
                        # the paragraph names the thing measured ('社区公共服务中心新建工程…')
                        # (or three of its words, when the question also says where it read it: '就是…里说的那个')
                        and (not specific or len(specific & bigrams(label_core(para))) >= min(0.5 * len(specific), 3))),
                       key=lambda t: -t[0])
        import dataclasses
        anyq = dataclasses.replace(q, want_kind="any")  # ('…建设资金的项目期': money words, a period asked)
        cells = [x for x in self.ranked(anyq, df) if x.fact.unit == q.measure and x.score >= GOOD]
        if cells and (not cands or cells[0].score >= cands[0][0]):
            f = cells[0].fact
            return self._finish(q, df.document, f.value, f.unit, [cite(df.document, f)], None, f"{f.row_label}", "text")
        if not cands:
            return None
        return self._stated_answer(q, df.document, cands[0][1])

    def _stated_answer(self, q: Question, doc: Document, s: StatedFact, kind: str = "text") -> Answer:
        """A figure the narrative states, cited to its sentence, with the parts it lists after 其中."""
        df = self.lib.facts(doc.doc_id)
        what = re.sub(r"(为|是)$", "", local_subject(s, self._subjects(df)).replace(doc.department, "").strip())
        ans = self._finish(q, doc, s.value, s.unit, [cite_stated(doc, s)], None, what, kind)
        parts = _listed_parts(s)
        if parts:  # '共有车辆3辆，其中：…执法执勤用车3辆…' → what the total is made of, zeros left out
            ans = dataclasses.replace(ans, text=re.sub(r"。(?=来源)", f"（其中：{'、'.join(parts)}）。", ans.text, count=1))
        elif re.search(r"哪些|哪几|分别是|都是什么|名称|叫什么", q.raw):  # ('有哪些股室'): the sentence that names them
            ans = dataclasses.replace(ans, text=f"{ans.text}原文：“{s.sentence.strip()[:300]}”")
        return ans


_ITEM = re.compile(r"^\s*(\d+[、.．]|（\d+）|\(\d+\))")


def _item_openings(chunks) -> dict[str, str]:
    """Each narrative sentence (without spaces) → the opening of the numbered item it belongs to,
    for up to four sentences after the item's first."""
    out: dict[str, str] = {}
    for c in chunks:
        current, age = (c.section[:60], 0) if _ITEM.match(c.section or "") else ("", 0)
        for sent in clauses(c.text):
            key = re.sub(r"\s", "", sent)
            if not key:
                continue
            if _ITEM.match(sent.strip()):
                current, age = re.sub(r"\s", "", sent)[:60], 0
                continue
            age += 1
            if current and age <= 4:
                out.setdefault(key, current)
    return out


def _page_title(chunks, page: int) -> str:
    """The first short line of a page that is neither a number nor a numbered heading."""
    for c in chunks:
        t = c.text.strip()
        if c.page == page and 4 <= len(t) <= 40 and not re.search(r"\d", t) and not re.match(r"[一二三四五六七八九十]+、|（", t):
            return t
    return ""


def _dec(s: str):
    """A printed number ('1,301.09') as Decimal, or None."""
    try:
        return Decimal(s.replace(",", "").replace("，", ""))
    except Exception:  # noqa: BLE001
        return None


def _form_projects(df: DocFacts) -> list[str]:
    """The projects the document's performance forms are about (the part of their titles after '：')."""
    return [t.title.split("：")[1] for t in df.tables if "绩效目标" in t.title and "：" in t.title]


def _listed_parts(s: StatedFact) -> list[str]:
    """The non-zero items a sentence lists after 其中 right behind a stated total, in its unit."""
    num = f"{s.value.normalize():f}" if s.value is not None else ""
    i = s.sentence.find(num + s.unit) if num else -1
    rest = s.sentence[i + len(num + s.unit):] if i >= 0 else ""
    m = re.match(r"[，,]?\s*其中[:：，,]?", rest)
    if not m:
        return []
    items = re.findall(r"([\u4e00-\u9fff（）()]{2,}?)\s*(\d+(?:\.\d+)?)\s*" + re.escape(s.unit), rest[m.end():].split("。")[0])
    parts = [f"{name}{v}{s.unit}" for name, v in items if Decimal(v) != 0]
    return parts if 0 < len(parts) < len(items) + 1 and len(items) >= 2 else []
