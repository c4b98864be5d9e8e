"""Which documents a question is about: bodies, years, 决算 or 预算, follow-ups, and what to say
when none fits (a year or body not loaded, an area wider than the document's department)."""
from __future__ import annotations

import re
from dataclasses import replace

from assistant.answer import Answer, refusal
from assistant.citing import GOOD, _name
from assistant.facts import GENERIC_GRAMS, expand, score_fact
from assistant.library import DocFacts, vocabulary
from assistant.bodies import GENERIC_PLACES, body_score, unknown_local
from assistant.dates import calendar_pair, dated_docs
from assistant.understand import CALENDAR_WORDS, RELATIVE_YEAR, Question, bigrams, asks_change, parse, relative_year
from ingest.model import Document


class Scope:
    """Mixed into Engine: selecting documents for a question."""

    @staticmethod
    def _wider_scope(q: Question, df: DocFacts) -> str:
        """'全区一般公共预算收入' asked of one department's document: the area it names, unless the
        document itself states a figure for that area (a form's '全区规上工业企业数量')."""
        m = re.search(r"全(区|市|县|省|镇|乡|街道)|整个[\u4e00-\u9fff]{0,3}(?<!社)(区|市|县)", q.text)
        doc = df.document
        if not m or re.search(r"总预算|总决算|政府预算|政府决算", doc.title):
            return ""
        word = m.group(0)
        level = m.group(1) or m.group(2)
        dept = re.sub(r"人民政府", "", doc.department)
        if dept.endswith(level) or (level == "街道" and re.search(r"街道(办事处)?$", dept)):
            return ""  # '全街道' asked of a 街道办事处, '全镇' of a 镇人民政府: the body is the area
        qg = bigrams(expand(q.content.replace(word, ""))) - GENERIC_GRAMS
        texts = [f.row_label for f in df.facts if word in f.row_label] + \
            [st.sentence for st in df.stated if word in st.sentence]
        if any(len(qg & bigrams(t)) >= max(1, 0.5 * len(qg)) for t in texts):
            return ""
        return word

    def _follow_up(self, question: str, context: dict) -> str:
        """'那项目支出呢？' / '上年呢？' → the previous question with the new words put in."""
        t = question.strip()
        prev = context.get("question")
        if not prev:
            return t
        m = re.match(r"^(那|那么)?(.{1,20}?)(呢|怎么样|多少)[?？]?$", t)
        if m and len(t) <= 14:
            new = m.group(2).strip()
            if re.fullmatch(r"(上年|去年|上一年)", new):
                return prev.rstrip("？?") + "比上年变化多少？"
            pq = parse(prev)
            old = pq.content.split()[0] if pq.content else ""
            if old and old in prev:
                return prev.replace(old, new, 1)
            return new + "是多少？"
        return t

    # -- scope ---------------------------------------------------------------------------
    def select(self, q: Question, context: dict, scope: list[str] | None) -> tuple[list[Document], Answer | None]:
        """The documents a question is about, or a refusal saying why none fits."""
        docs = self.lib.documents()
        if scope:
            docs = [d for d in docs if d.doc_id in scope]
            if not docs:
                return [], refusal(f"所选范围内的文档（{', '.join(scope)} 已不在存储中）",
                                   self._covered_list(self.lib.documents()))
        if not docs:
            return [], refusal("任何文档：还没有载入文档，请先导入预算 PDF")
        covered = self._covered_list(docs)
        # a place counts only inside a named body ('长宁区司法局'), not in '城乡社区支出'
        places, kinds = set(), {}
        for o in q.orgs:
            o = re.sub(r"^(上海|北京|天津|重庆)(?![市\u4e00-\u9fff]{0,1}$)(?!市)", r"\1市", re.sub(r"^[和与比及跟同较的在对拿把]+", "", o))  # ('上海普陀区')
            full = o
            while (m := re.match(r"([\u4e00-\u9fff]{2}(?:区|县|市))", o)) and len(o) > len(m.group(1)) + 1:
                places.add(m.group(1))
                o = o[len(m.group(1)):]
            if o != full and re.fullmatch(r"[\u4e00-\u9fff]{1,6}(?:局|委员会|委|厅|办公室|中心)", o):
                kinds[full] = o  # ('朔州市平鲁区财政局': the body after its places)
        places = {p for p in places if not p.endswith(("全区", "全市", "本区", "本市", "辖区", "城区", "社区", "街区"))}
        if places and not any(p in d.department or p.rstrip("区县市省") in d.department
                              for p in places for d in docs):
            return [], refusal(f"“{'、'.join(sorted(places))}”的文档", covered)
        scores = self.lib.body_scores(q.text, docs)  # each body scored once, through a name index
        named = [d for d in docs if scores.get(d.doc_id)]
        mine = re.search(r"(?:我们|咱们)的?([\u4e00-\u9fff]{2,8}?(?:街道|局|镇))", q.text)  # ('我们万里街道…，区司法局…多少': not theirs)
        if mine and len({d.department for d in named}) >= 2 and not re.search(r"比|倍|差|谁|哪|相比|对比", q.text):
            named = [d for d in named if not self.lib.body_scores(mine.group(1), [d])] or named
        if not named:
            # ('这五个上海文件里的单位', '上海的单位'): a place no body is named in keeps the documents of that place
            here = {t for d in docs for t in re.findall(r"([\u4e00-\u9fff]{2})(?=市|区|县|省)", d.department)}
            said = [t for t in here if re.search(t + r"(?:市|区|县|省)?(?:的|这|那|几|各|所有|[一二三四五六七八九十两]个|文件|单位|部门)", q.text)]
            if said:
                docs = [d for d in docs if all(t in d.department for t in said)] or docs
        def fits(full: str, kind: str, d) -> bool:  # the body's kind and every place before it
            where = [p for p in places if p in full]
            # (the duty's characters in order in the name: '工科局' fits 工信和科技局, '民政局' never fits 财政局)
            duty = re.sub(r"(?:局|委员会|委|厅|办公室|中心)$", "", kind)
            in_order = re.search(".*?".join(map(re.escape, duty)), d.department) if duty else None
            return (kind in d.department or bool(in_order and self.lib.body_scores(kind, [d]))) and \
                all(p in d.department or p.rstrip("区县市省") in d.department for p in where)
        stranger = unknown_local(q.orgs, docs)  # ('长寿路街道' with only 万里街道 loaded)
        if stranger:
            return [], refusal(f"“{stranger}”的文档", covered)
        other = [full for full, kind in kinds.items() if not any(fits(full, kind, d) for d in docs)]
        if other and not [d for d in named if any(d.department in full or full in d.department for full in other)]:
            # '朔州市平鲁区财政局' with only 平鲁区工信和科技局 loaded: the places fit, the body does not
            return [], refusal(f"“{other[0]}”的文档", covered)
        twin = _same_words(q, named)
        if twin:  # '财政局' for both 上海市财政局 and 普陀区财政局, and no year tells them apart
            names = sorted({_name(d) for d in named if d.department in twin[1]})
            return [], refusal(f"唯一对应的单位：“{twin[0]}”可以指{'、'.join(twin[1])}，请写明是哪一个",
                               "、".join(names), candidates=names)
        own = _OWN_BODY.search(q.text)
        if own and named and re.search(r"比|差|多还是少|谁|哪个", q.text.replace(own.group(0), "")):
            # '我们街道2025年的公益性岗位补贴比万里街道多还是少': the asker's own body is not loaded
            return [], refusal(f"提问人所在单位（“{own.group(0)}”）的文档：没有载入，无法与{_name(named[0])}比较", covered)
        spans = {dep: _span(q.text, dep) for dep in {d.department for d in named}}
        # (a body named only by words inside another's name — 普陀区财政局 by 上海市财政局's '财政局' — is not named)
        depts = {dep for dep, sp in spans.items() if sp and not any(
            o != dep and osp and osp[0] <= sp[0] and sp[1] <= osp[1] and osp[1] - osp[0] > sp[1] - sp[0]
            for o, osp in spans.items())}
        if len(depts) >= 3 and re.search(r"谁|哪(?:家|个|一家)", q.text) and \
                re.search(r"最(?:多|少|高|低|大|小|省)|排(?:在)?第|第[二三四五2-5](?:名|位|高|多|大)|从高到低|从低到高|从大到小|从小到大|排名|排序", q.text):
            # 'A、B、C这三家，三公经费谁最少': the bodies named, each in the year named with it (else its latest)
            picked = []
            for dep in depts:
                own = [d for d in named if d.department == dep]
                picked.append(max(own, key=lambda d: (d.year in q.years, d.year or 0)))
            q.intent = "rank_bodies"
            return picked, None
        if (q.intent != "share" or q.times) and (COMPARE.search(q.text) or q.times):
            pair = _two_bodies(q, named, scores)
            if pair:  # 'A和B谁的人员经费多': one document of each body
                q.intent = "compare"
                return pair, None
        if q.intent == "share" and not q.times and SHARE_COMPARE.search(q.text):
            pair = _two_bodies(q, named, scores)
            if pair:  # 'A和B哪家项目支出占总支出的比重更高': the share in each body's document
                q.intent = "share_compare"
                return pair, None
        if named:
            best = max(scores[d.doc_id] for d in named)
            docs_b = [d for d in named if scores[d.doc_id] >= best - (0 if q.intent != "compare" else 99)]
        else:
            # '新增几家省级企业技术中心': a counted thing, not the body asked about
            # ('朔州市平鲁区财政局' that the document only mentions is still not its body)
            unknown = [o for o in q.orgs if not re.search(r"几|多少|\d", o) and not self.lib.body_scores(o, docs)
                       and (o in kinds or not self._mentioned(o, docs))]
            if unknown:
                return [], refusal(f"“{unknown[0]}”的文档", covered)
            docs_b = docs
        if places:
            docs_b = [d for d in docs_b if any(p in d.department or p.rstrip("区县市省") in d.department
                                               for p in places)] or docs_b
        calendar_pair(q, docs_b)  # ('去年比前年少了多少': both years, when both are loaded)
        rel = relative_year(q.text) if not q.years else None
        if rel is not None:
            base = [d for d in docs_b if d.doc_id in context.get("docs", [])] or docs_b
            offset, calendar = rel
            if calendar or len({d.department for d in base}) == 1:
                # '去年' counts from the day asked (BUDGETQA_TODAY, else the clock); '上年', '最近一份' from the
                # body's latest document
                from assistant.settings import today
                year = (today().year if calendar else max(d.year for d in base)) + offset
                m = RELATIVE_YEAR.search(q.text)
                _reparse(q, q.text[:m.start()] + f"{year}年" + q.text[m.end():].lstrip("度"))
        if FINAL_DOC.search(q.text) and not any(d.kind == "决算" for d in docs_b) and q.intent != "compare" \
                and not ("决算数" in q.text and self.lib.mentioned("决算数", docs_b)):
            # '2025年度部门决算里…' with only the 预算 loaded: never answered from the 预算
            yrs = "、".join(str(y) for y in sorted(set(q.years))) + "年" if q.years else ""
            return [], refusal(f"{yrs}的部门决算（已载入的只有预算，预算数不是决算数）" if yrs else
                               "部门决算（已载入的只有预算，预算数不是决算数）", self._covered_list(docs_b))
        if q.years:
            yd = [d for d in docs_b if d.year in q.years]
            if not yd and self._year_in_text(q, docs_b):
                yd = docs_b  # '城联社2025年新招录了几名': a year the document's own sentences talk about
            if not yd:
                if any(d.year == y + 1 for y in q.years for d in docs_b):
                    # '2025年…是多少' with only the 2026 budget: its narrative states the change
                    yd = [d for d in docs_b if d.year in [y + 1 for y in q.years]]
                    if q.intent != "change":
                        q.versus_last = q.intent == "share"
                        q.intent = "change"
                    q.last_year = not asks_change(q.text)
                else:
                    said = RELATIVE_YEAR.search(q.raw) if not re.search(r"20\d\d", q.raw) else None  # ('今年' → 2026年)
                    asked = "" if not said else f"（问题中的“{said.group(1)}”按提问日算）" if said.group(1) in CALENDAR_WORDS \
                        else f"（问题中的“{said.group(1)}”按该单位最新一份文件算）"
                    return [], refusal(f"{'、'.join(str(y) for y in sorted(set(q.years)))}年{asked}的文档", covered)
            docs_b = yd
        if q.asks_final and not (q.intent == "compare" and len(set(q.years)) >= 2):
            # ('…2025年预算比…2024年决算多多少' compares a 预算 with a 决算)
            fd = [d for d in docs_b if d.kind == "决算"]
            if fd:
                docs_b = fd
        if len(docs_b) > 1 and not named and not q.years and context.get("docs"):
            prev = [d for d in docs_b if d.doc_id in context["docs"]]
            if prev:
                docs_b = prev
        return docs_b, None

    def compare(self, q: Question, docs: list[Document]) -> Answer:
        """The comparison across documents; two bodies' answer says which one has more."""
        ans = super().compare(q, docs)  # type: ignore[misc]
        c = ans.calculation
        if c is None or c.unit == "%" or len(c.inputs) < 2 or c.inputs[0] is None or c.inputs[1] is None:
            return ans
        da, db = self.lib.get(c.inputs[0].doc_id), self.lib.get(c.inputs[1].doc_id)
        if da is None or db is None or da.department == db.department:
            return ans
        hi, lo = (da, db) if c.result >= 0 else (db, da)
        return replace(ans, text=re.sub(r"，(增加|减少) ", f"，{_name(hi)}比{_name(lo)}多 ", ans.text, count=1))

    def _year_in_text(self, q: Question, docs: list[Document]) -> bool:
        """A count or event the question dates ('2025年新招录') that a document's sentence states with
        that year and the question's own words — not a figure of the year before the document's."""
        if q.intent not in ("count", "lookup") or re.search(r"预算|决算|支出|收入|经费|拨款|资金|比|增|减|变", q.text):
            return False
        words = bigrams(re.sub(r"20\d\d年度?|(几|多少)(名|个|人|位|家)?|了|的", " ", q.content)) - GENERIC_GRAMS
        if len(words) < 3:
            return False
        for d in docs:
            for st in self.lib.facts(d.doc_id).stated:
                if any(f"{y}年" in st.sentence for y in q.years) and len(words & bigrams(st.sentence)) >= 0.6 * len(words):
                    return True
        return False

    @staticmethod
    def _pair_named(q: Question, docs: list[Document]) -> bool:
        """Two years of documents to compare belong to the body asked about, or each body is named
        ('市财政局2025年…比2024年预算' is one body's narrative, not 普陀区财政局's 2024 决算)."""
        years = sorted(set(q.years))[:2]
        if len(years) < 2:
            return True
        pair = [max((d for d in docs if d.year == y), key=lambda d: body_score(q.text, d), default=None) for y in years]
        if None in pair or pair[0].department == pair[1].department:
            return True
        scores = [body_score(q.text, d) for d in pair]
        # a body is named by a run of its name the other body's name lacks ('司法局' and '万里街道',
        # not '财政局' for both 上海市财政局 and 普陀区财政局)
        named = [re.sub(r"^[\u4e00-\u9fff]{2}(省|市)(?=[\u4e00-\u9fff]{2}(区|县|市))", "", d.department) in q.text
                 or _own_run(q.text, d.department, pair[1 - i].department) >= 3 for i, d in enumerate(pair)]
        return all(named) or scores[0] == scores[1]

    def _mentioned(self, org: str, docs: list[Document]) -> bool:
        """An organisation the documents themselves name (a project's 人社局, a 企业技术中心)."""
        keys = {org, org[-6:], org[-4:]} if len(org) > 6 else {org}
        return any(self.lib.mentioned(k, docs) for k in keys)

    def _disambiguate(self, q: Question, docs: list[Document]) -> list[Document]:
        """Several documents in scope: keep the ones where the question clearly matches something."""
        import dataclasses
        from assistant.citing import strip_body
        dated = dated_docs(q, docs, self.lib)  # type: ignore[attr-defined]
        if dated:
            return dated
        scores = []
        for d in docs:
            # each document is matched without its own body's name ('财政局三公经费' → '三公经费')
            own = dataclasses.replace(q, content=re.sub(r"(?:部门|单位)(?:预算|决算)(?:公开)?(?:里|中)?的?", " ", strip_body(q.content, d)))
            qtext = expand(own.content)
            qgrams = bigrams(qtext)
            df = self.lib.facts(d.doc_id)
            best = max((score_fact(f, own, qgrams, qtext) for f in df.facts if f.value is not None), default=0)
            if best < GOOD:
                # a figure its narrative states (平鲁's 机关运行经费 is in words, 司法局's in a table): as strong
                from assistant.citing import specific_cover
                said = [x for x in self.ranked_stated(own, df, ("amount", "count", "share"))[:3]  # type: ignore[attr-defined]
                        if x.score >= 2.5 and specific_cover(own, x.stated.subject) >= 0.6]
                best = GOOD if said else best
            scores.append((best, d))
        # '三个遗属项目合计' with no body named: the documents that print every word the question
        # names (遗属) before those matching only its generic words (项目, 合计)
        # ('部门预算里的三公经费': what kind of disclosure it is, which every document is, tells none apart)
        named = re.sub(r"(?:部门|单位)(?:预算|决算)(?:公开)?(?:里|中|表)?的?", " ", strip_body(q.content, docs[0]))
        want = {g for g in bigrams(expand(named)) - GENERIC_GRAMS
                if re.fullmatch(r"[\u4e00-\u9fff]{2}", g)}
        held = {d.doc_id: want & vocabulary(self.lib.facts(d.doc_id)) for d in docs}
        printed = set().union(*held.values())  # (a bigram no document prints joins two words: '个遗')
        whole = {d.doc_id for d in docs if held[d.doc_id] == printed}
        if whole and len(whole) < len(docs):
            scores = [(s, d) for s, d in scores if d.doc_id in whole]
        strong = [d for s, d in scores if s >= GOOD]
        if strong:
            return strong
        top = max(s for s, _ in scores)
        keep = [d for s, d in scores if s >= top - 0.5 and s > 0]
        return keep or [d for _, d in scores]

    def _covered_list(self, docs: list[Document]) -> str:
        return "、".join(_name(d) for d in docs)

    def _coverage(self, doc: Document) -> str:
        df = self.lib.facts(doc.doc_id)
        titles = [t.title for t in df.tables if not t.title.startswith(("项目支出绩效目标表：",))][:12]
        return f"{_name(doc)}（{'、'.join(titles)}等）"

    def _covered_refusal(self, what: str) -> Answer:
        return refusal(what, self._covered_list(self.lib.documents()))


# 'A和B谁的人员经费多，多多少', 'A与B的公务接待费相差多少': two bodies side by side
COMPARE = re.compile(r"相差|差多少|差了多少|差额|差距|谁.{0,10}(多|少|高|低|大|小)|(多|高|少|低)出?多少|比较|相比|对比|"
                     r"哪(个|家)(单位|部门)?.{0,8}(多|高|少|低|大|小)")
# '我们街道', '咱们局': the asker's own body, never one of the loaded documents by that word alone
_OWN_BODY = re.compile(r"(?:我们|咱们)的?(?:街道|局|单位|部门|镇|委|办)")
# 'A和B相比，哪家项目支出占比更高': one share in two bodies
SHARE_COMPARE = re.compile(r"哪(?:家|个|一家)|谁的?|更(?:高|大|低|小)")
# a 决算 asked for as a document ('部门决算里', '2025年决算的'), not '预决算' or a 决算数 column
FINAL_DOC = re.compile(r"(?<!预)决算")


# words that name a body end like one ('司法局', '万里街道'), not '财政' of 财政拨款
_NAMED_END = re.compile(r"(局|委员会|委|街道|办事处|政府|中心|医院|学校|学院|法院|检察院|办公室|协会|联合会|镇|乡|办|所|站|队)$")


def _reparse(q: Question, text: str) -> None:
    """Re-read a question whose wording scope has resolved ('去年' → '2024年'), keeping its raw text."""
    new = parse(text)
    new.raw = q.raw
    q.__dict__.update(new.__dict__)


def _two_bodies(q: Question, named: list[Document], scores: dict) -> list[Document]:
    """One document for each of two bodies the question names in two separate places ('司法局' and
    '万里街道'; '市财政局' and '普陀区司法局', not 普陀区财政局 from the words of both), the year named
    with each, else its latest."""
    spans = {}
    for n in {d.department for d in named}:
        sp = _span(q.text, n)
        if sp and _NAMED_END.search(q.text[sp[0]:sp[1]]):
            spans[n] = sp
    picked: list[str] = []
    for n in sorted(spans, key=lambda n: (-(spans[n][1] - spans[n][0]), spans[n][0], n)):  # (never hash order)
        a, b = spans[n]
        if all(b <= spans[o][0] or a >= spans[o][1] for o in picked):
            picked.append(n)
        if len(picked) == 2:
            break
    if len(picked) < 2:
        return []
    out = []
    for n in sorted(picked, key=lambda n: spans[n][0]):
        mine = [d for d in named if d.department == n]
        if q.years:
            mine = [d for d in mine if d.year in q.years]
        if not mine:
            return []
        out.append(max(mine, key=lambda d: (d.year, d.kind == "预算")))
    return out


def _same_words(q: Question, named: list[Document]) -> tuple[str, list[str]] | None:
    """The words naming a body that name another loaded body just as well, when the year named does
    not leave only one of them ('财政局的三公经费' with 上海市财政局 2025 and 普陀区财政局 2024)."""
    spans = {n: _span(q.text, n) for n in {d.department for d in named}}
    spans = {n: sp for n, sp in spans.items() if sp and _NAMED_END.search(q.text[sp[0]:sp[1]])}
    for n, sp in spans.items():
        if any(sp[0] < o[1] and o[0] < sp[1] and (o[1] - o[0]) > (sp[1] - sp[0]) for o in spans.values()):
            continue  # a longer name covers these words ('市财政局')
        same = sorted(m for m, o in spans.items() if o == sp)
        if len(same) >= 2:
            final = bool(FINAL_DOC.search(q.text))
            alive = [m for m in same if any(d.department == m and (not q.years or d.year in q.years)
                                            and (not final or d.kind == "决算") for d in named)]
            if len(alive) >= 2 and len([m for m in alive if any(p in q.text for p in re.findall(r"([\u4e00-\u9fff]{2})(?:区|县)", m))]) != 1:
                return q.text[sp[0]:sp[1]], alive  # (not when the question names the district of only one: '普陀财政局')
    return None


def _span(text: str, name: str) -> tuple[int, int] | None:
    """Where the text names a body: its longest run found in the name that is more than a place
    ('市财政局' in '…市财政局2025年…' for 上海市财政局; not '普陀区' alone)."""
    best = None
    for i in range(len(text)):
        for j in range(i + 2, len(text) + 1):
            run = text[i:j]
            if run not in name:
                break
            core = run
            for p in GENERIC_PLACES:
                core = core.replace(p, "")
            if len(core) >= 2 and (best is None or j - i > best[1] - best[0]):
                best = (i, j)
    return best


def _own_run(text: str, name: str, other: str) -> int:
    """Length of the longest run of name in text that other does not contain."""
    best = 0
    for i in range(len(name)):
        for j in range(i + best + 1, len(name) + 1):
            run = name[i:j]
            if run not in text:
                break
            if run not in other:
                best = j - i
    return best
