"""Sums over rows: the rows a question names (split at 、/和/与, aligned in one table and column),
every row a phrase names, a count the question states, and amounts one sentence lists."""
from __future__ import annotations

import re

from assistant import calculator as calc
from assistant.answer import Answer, refusal
from assistant.citing import _name, _table_bonus, cite, cite_stated, strip_body
from assistant.listing import class_label, in_order, named_in, shared_run, stated_count, to_stated_count, unnested
from assistant.facts import GENERIC_GRAMS, expand, is_total, local_subject
from assistant.library import DocFacts
from assistant.narrative import BUDGET_SIDE, FINAL_SIDE, FUNDS
from assistant.conditions import amount_test, column_condition
from assistant.rowsets import label_run, subject_level
from assistant.understand import Question, bigrams, cn_number, label_core
from ingest.model import TableFact


class Sums:
    """Mixed into Operations: total() and the matching of several named rows (_pieces, _aligned)."""

    def _pieces(self, q: Question, df: DocFacts) -> list[TableFact] | None:
        """The rows a sum names: split at 、/以及/加上/与/及, and at 和 only where a piece is no label."""
        from assistant.understand import content_words
        pieces = []
        text = strip_body(q.text, df.document)
        # '给职工交的社保——基本养老保险、职业年金、职工医保这三块——合计': the list between dashes or
        # after a colon names the rows; the words around it frame the question
        segs = [x for x in re.split(r"—+|[:：，,]", text) if x.strip()]
        marks = r"[、+＋]|还有|(?<![增附参追外更])加(?![上起在一块班油大])"
        listed = max(segs, key=lambda x: len(re.findall(marks, x)))
        if len(segs) > 1 and len(re.findall(marks, listed)) >= 1:
            text = listed  # ('…决算中，A、B、C这三项合计': the clause before the list only frames it)
        counted = re.search(r"(?:这|那|等|共)[两二三四五六七八九十几]+(?:项|个|块|笔|类|款|部分)|[两二三四五六七八九十]大类", text)
        if counted and re.search(r"[、，,+＋]|和|与|及", text[:counted.start()]):
            text = text[:counted.start()]  # ('A、B和C这几项社保和公积金缴费合计': what follows the count sums up the list)
        raws = re.split(r"[、，,+＋]|以及|加上|还有|与|及|跟|(?<![增附参追外更])加(?![上起在一块班油大])", text)
        if len(raws) == 1 and re.search(r"[两二三四五六七八九十几]+(?:项|个|块|笔|类|款)", text):
            # '组织 宣传 统战 这三块一共多少': words a space apart, as many as the count says
            counted = re.search(r"(?:这|那)?([两二三四五六七八九十几]+)(?:项|个|块|笔|类|款)", text)
            words = text[:counted.start()].split()
            n = cn_number(counted.group(1)) or 0
            if len(words) >= n >= 2 and all(re.fullmatch(r"[\u4e00-\u9fff]{2,}", w) for w in words[-n:]):
                raws = words[-n:]
        for i, raw in enumerate(raws):
            if i < len(raws) - 1 and re.search(r"(里|中|内|中的|里面|当中)\s*$", raw) and re.search(r"[，,]", text):
                continue  # '2025年部门预算里，…', '基本支出里，…': a clause naming where to look adds no row
            if re.fullmatch(r"\s*(?:20\d\d\s*年度?)?\s*(?:部门|单位)?(?:预算|决算)(?:表|公开|报告)?\s*", raw):
                continue  # ('普陀区财政局2024年决算，A和B…': the document, not a row)
            # ('给职工交的基本养老': who pays whom frames the first row's name)
            raw = re.sub(r"^\s*(?:20\d\d\s*年度?)?\s*(?:的)?(?:给|为|向|替)[\u4e00-\u9fff]{1,8}?(?:交|缴|缴纳|发|发放|付|支付|买|购买)(?:了)?的", "", raw)
            p = re.sub(r"合计|总和|之和|加起来|加在一起|加一起|加一块|合起来|[两二三四五六七八九十几]+大?(?:项|个|类|块|款|行)|这|那"
                       r"|(?<=[\u4e00-\u9fff]{2})(?:预算|安排了?|一共|总共)"
                       r"|(?:项级|款级|类级|功能|经济)?(?:科目|分类)", " ", content_words(raw))
            p = re.sub(r"^\s*\S*?表(?:里面|当中|里|中|上|内)", "", p)  # ('经济分类表里水费电费': the table, then the rows)
            scope = re.match(r"^(\S{2,}?)(?:里|中|当中|里面|下面|下的|之下|下)(?!\s*$)(\S{2,})$", p.strip())
            if scope and self._part(q, df, scope.group(1)) is not None and self._part(q, df, scope.group(2)) is not None:
                p = scope.group(2)  # ('工资福利支出里基本工资': the row after the place it is in)
            if p.strip():
                pieces.append(re.sub(r"\s+", "", p))
        names: list[str] = []
        classes = subject_level(q.text) == 3 or re.search(r"[两二三四五六七八九十]类(?!项目)", q.text)  # ('社保、医疗和住房三大类': the 功能分类 类 by their everyday names)
        for p in pieces:
            p = re.sub(r"(类|款|项)$", "", p).strip()
            if classes and class_label(df, p):  # ('社会保障和就业': one 类 whose name holds 和)
                names.append(class_label(df, p))
                continue
            if classes and all(class_label(df, x) for x in p.split("和")):
                names.extend(dict.fromkeys(class_label(df, x) for x in p.split("和")))
                continue
            run = label_run(df, p)
            if len(run) >= 2:  # '差旅费会议费培训费': names written one after another
                names.extend(run)
                continue
            if "和" in p:
                labelled = self._label_run(df, p)
                if labelled:  # '社会保障和就业支出和卫生健康支出': labels that themselves hold 和
                    names.extend(labelled)
                    continue
                subs = [x.strip() for x in p.split("和") if x.strip()]
                found = [self._part(q, df, x) for x in subs]
                whole = self._part(q, df, p)
                if len(subs) > 1 and all(found) and len({f.fact_id for f in found}) == len(found) \
                        and (all(self._strength(q, df, x) >= 5.0 for x in subs)
                             or whole is None or "和" not in whole.row_label):
                    names.extend(subs)
                    continue
            if self._part(q, df, p) is None:
                if len(p) <= 4 or not (bigrams(p) - GENERIC_GRAMS):
                    continue  # a connector or a shared word ('奖励资金', '支出') names no row
                return None
            names.append(p)
        n = stated_count(q.text)
        if len(names) < 2 or n and len(pieces) >= n and len(names) < n:
            return None  # ('三大类' and two of them found: never a sum of fewer rows than the question counts)
        under = re.search(r"[\"“]?([\u4e00-\u9fff（）()]{2,16}?)[\"”]?\s*(?:下面|下属|之下|底下)的?", text)
        parent = self._part(q, df, under.group(1)) if under else None
        if parent is not None and parent.subject_code:
            names = [x for x in names if label_core(x) != label_core(parent.row_label)]
        cells = self._aligned(df, names)
        if cells and parent is not None and parent.subject_code:
            # ('城乡社区管理事务下面的行政运行': the 行政运行 under that 款, not another 类's)
            cells = [next((g for g in df.facts if g.table_no == parent.table_no and g.column == parent.column
                           and g.subject_code.startswith(parent.subject_code) and g.value is not None
                           and label_core(g.row_label) == label_core(f.row_label)), f)
                     if not f.subject_code.startswith(parent.subject_code) else f for f in cells]
        if cells:
            cells = list({f.fact_id: f for f in cells}.values())  # (a row named twice, by name and by code, counts once)
        if cells and n and len(cells) > n:
            # ('城乡社区管理事务下面的A、B、C这三项': the row they stand under is where, not one of the three)
            cells = [f for f in cells if not any(g is not f and f.subject_code and g.subject_code != f.subject_code
                                                 and g.subject_code.startswith(f.subject_code) for g in cells)]
            if len(cells) != n:
                return None
        if cells and any(is_total(label_core(f.row_label)) for f in cells):
            # a total row and a row inside it ('合计' + 城管执法) add nothing up: no sum was named
            parts = [f for f in cells if not is_total(label_core(f.row_label))]
            if parts and any((g.table_no, g.column) == (f.table_no, f.column) for f in cells for g in parts
                             if is_total(label_core(f.row_label))):
                return None
        return cells

    @staticmethod
    def _qualified(q: Question, df: DocFacts) -> list[TableFact] | None:
        """'两个退休人员取暖补贴项目（人社局移交工科局的、移交平安物资贸易有限公司的）': a name (or several:
        '取暖补贴和基础绩效奖（A和B两部分都算上）') and the qualifiers that tell its rows apart
        ('X（人社局移交工科局）'), listed in brackets or between dashes; one cell per name and
        qualifier, all in one table and column."""
        m = re.search(r"[（(]([^（()）]+的)[）)]|—+([^—]+的)—+|[（(]([^（()）]{2,}[、，,][^（()）]{2,})[）)]"
                      r"|[（(]([^（()）]{2,}(?:和|与|及)[^（()）]{2,}?)(?:两|二|几)?(?:部分|个|家|方面)?(?:都|全|均)(?:算上|算|包括|计入|含)[^（()）]*[）)]"
                      r"|((?:[^，,。；;\s、和与及加]{2,}?(?:那批|那部分|那边|那笔)(?:和|与|及|加|、))+[^，,。；;\s、和与及加]{2,}?(?:那批|那部分|那边|那笔))"
                      r"|((?:[^\s，,。；;、]{2,12}?的\s+(?:还有|以及)?)+(?:还有|以及)?[^\s，,。；;、]{2,12}?的)(?=\s|加|一共|合计)"
                      # ('…取暖补贴，工科局和平安物资贸易有限公司两部分加起来')
                      r"|(?<=[，,])\s*([^，,。；;（()）]{2,}?(?:和|与|及|、)[^，,。；;（()）]{2,}?)(?:这|那)?(?:两|二|三|几)(?:部分|块|笔|批|家)"
                      r"(?=加起来|加在一起|合计|一共|共|总共)",
                      q.text)
        if not m:
            return None
        # ('（人社局移交工科局、人社局移交平安物资贸易有限公司）', '工科局那批和平安物资贸易公司那批', '工科局的 人社局移交的 还有平安物资的')
        listed = next(g for g in m.groups() if g)
        quals = [re.sub(r"的?(?:都|全|均)(?:算上|算|包括|计入|含)$|的$|本身$|自己$|那边$|那批$|那部分$|那笔$|部分$", "", x.strip())
                 for x in re.split(r"[、，,\s]|和|与|及|跟|加|还有|以及", listed) if x.strip()]
        if len(quals) < 2 or not all(len(x) >= 2 for x in quals):
            return None
        said = label_core(q.text[:m.start()] + q.text[m.end():])
        rows: dict[str, list[TableFact]] = {}
        for f in df.facts:
            b = re.match(r"^(.+?)[（(]([^（()）]+)[）)]\s*$", f.row_label.strip())
            if f.value is None or not b or len(label_core(b.group(1))) < 2 or not named_in(label_core(b.group(1)), said):
                continue
            rows.setdefault(label_core(b.group(1)), []).append(f)
        found: list[str] = []  # the rows picked, name by name ('取暖补贴和基础绩效奖（A和B都算上）': four rows)
        own = re.compile(r"^(?:本局|本单位|本级|局本级|本部|自己|局里|单位自己|本局自己)$")
        for name, group in sorted(rows.items(), key=lambda kv: -len(kv[0])):
            if any(name in other for other in rows if other != name and other in said):
                continue  # ('退休人员取暖补贴' named: not also a shorter name inside it)
            inner = {f.row_label: re.search(r"[（(]([^（()）]+)[）)]\s*$", f.row_label).group(1) for f in group}
            if any(own.match(x) for x in quals):
                # ('本局的、人社局移交的…': the body's own row, printed bare or with the body's short name, 遗属（工科局）)
                from assistant.bodies import body_score
                inner.update({lb: "本局" for lb, v in inner.items() if "移交" not in v and body_score(v, df.document) >= 2})
                inner.update({f.row_label: "本局" for f in df.facts if f.value is not None and label_core(f.row_label) == name})
            choices = []
            for x in quals:
                x = "本局" if own.match(x) else x
                exact = [lb for lb, v in inner.items() if label_core(v) == label_core(x)]
                loose = [lb for lb, v in inner.items() if label_core(x) in label_core(v)] or \
                    [lb for lb, v in inner.items() if len(label_core(x)) >= 4 and in_order(label_core(x), label_core(v))]
                choices.append(list(dict.fromkeys(exact or loose)))
            # a qualifier two rows share ('人社局移交') is the row the others have not taken
            for _ in quals:
                taken = {c[0] for c in choices if len(c) == 1}
                choices = [c if len(c) <= 1 else [lb for lb in c if lb not in taken] for c in choices]
            if all(len(c) == 1 for c in choices):
                picked = [c[0] for c in choices]
                if len(set(picked)) == len(picked) and not set(picked) & set(found):
                    found.extend(picked)
        if not found:
            return None
        ways: dict[tuple, dict[str, TableFact]] = {}
        for f in df.facts:
            if f.row_label in found and f.value is not None:
                ways.setdefault((f.table_no, f.column), {}).setdefault(f.row_label, f)
        full = [(k, v) for k, v in ways.items() if len(v) == len(found)]
        if not full:
            return None
        key, cells = max(full, key=lambda kv: (kv[0][1].endswith("合计") or "/" not in kv[0][1],
                                              _table_bonus(next(iter(kv[1].values())).table_title), -kv[0][0]))
        return [cells[lb] for lb in found]

    @staticmethod
    def _label_run(df: DocFacts, text: str) -> list[str]:
        """text read as row labels joined by 和/与/及 (longest labels first), or [] when some of it
        is neither a label nor a connector."""
        cores = sorted({label_core(f.row_label) for f in df.facts if f.value is not None
                        and len(label_core(f.row_label)) >= 3 and label_core(f.row_label) in text}, key=len, reverse=True)
        taken, rest = [], text
        for c in cores:
            if c in rest:
                taken.append(c)
                rest = rest.replace(c, "|", 1)
        if len(taken) < 2 or re.sub(r"[|和与及的中里]|三公经费|经费|支出|预算|一共|合计|总共", "", rest):
            return []
        return sorted(taken, key=text.find)

    def _aligned(self, df: DocFacts, names: list[str], kind: str = "money") -> list[TableFact] | None:
        """One cell per name, all from the same table and column where the table has them all."""
        ranked = []
        for name in names:
            codes = [c for c in re.findall(r"\d{3,7}", re.sub(r"[\s\-－—.·]", "", name)) if len(c) in (3, 5, 7)]
            sub = Question(raw=name, text=name, want_kind=kind if kind in ("money", "count") else "money", content=name,
                           codes=codes)  # ('2080505 基本养老保险缴费支出': the code names the row)
            r = [x for x in self.ranked(sub, df, name) if x.score >= 2.5]
            if not r:
                return None
            ranked.append(r)
        # cells line up down one column (rows 基本工资, 津贴补贴) or across one row (the 合计
        # row's 基本支出 and 项目支出 columns)
        ways = (lambda f: (f.table_no, "c", f.column), lambda f: (f.table_no, "r", f.row_no))
        best_key, best_total, best_way = None, (-1.0, 0, 0.0), ways[0]
        for way in ways:
            for key in dict.fromkeys(way(x.fact) for x in ranked[0]):  # (best first: ties never hang on hash order)
                tot, facts = 0.0, []
                for r in ranked:
                    hit = next((x for x in r if way(x.fact) == key), None)
                    if hit is None:
                        break
                    tot += hit.score
                    facts.append(hit.fact)
                else:
                    # equal matches: the expenditure table before a 收支总表 that prints the rows again
                    # (a 科目 table, its codes printed, before a 总表 that lists the 类 by name)
                    rank = (round(tot, 6), sum(bool(f.subject_code) for f in facts), _table_bonus(facts[0].table_title))
                    if rank > best_total and len({f.fact_id for f in facts}) == len(facts):
                        best_key, best_total, best_way = key, rank, way
        if best_key is None:
            return [r[0].fact for r in ranked]
        return [next(x.fact for x in r if best_way(x.fact) == best_key) for r in ranked]

    def _strength(self, q: Question, df: DocFacts, text: str) -> float:
        sub = Question(raw=text, text=text, want_kind="money", content=text)
        r = self.ranked(sub, df, text)
        return r[0].score if r else 0.0

    def total(self, q: Question, df: DocFacts) -> Answer | None:
        """Sum of named rows, or of every row a phrase names (两个…项目); else of the amounts one
        sentence lists under a shared name ('第一季度用款计划…，第二季度用款计划…')."""
        return self._table_total(q, df) or self.stated_sum(q, df)

    def stated_sum(self, q: Question, df: DocFacts) -> Answer | None:
        """The amounts of one sentence whose subjects share a name the question gives, summed, when the
        question's other words name the passage (its page's text) and its stated count agrees."""
        # (the body, the count and the words that ask for a sum name no passage: '万里街道…四个季度…加起来')
        words = re.sub(r"加起来|加在一起|合起来|一共|总共|合计|之和|总和|[两二三四五六七八九十几]+个|那个|这个|\s",
                       " ", strip_body(q.content, df.document))
        qg = {g for w in words.split() for g in bigrams(expand(w))} - GENERIC_GRAMS
        if not qg:
            return None
        subjects = self._subjects(df)
        groups: dict[str, list] = {}
        for x in df.stated:
            if x.kind == "amount" and x.unit in calc.UNITS_IN_YUAN:
                groups.setdefault(x.sentence, []).append(x)
        n = stated_count(q.text)
        best, best_cov = None, 0.0
        for sent, items in groups.items():
            if len(items) < 2 or (n and len(items) != n):
                continue
            subs = [label_core(local_subject(x, subjects) or x.subject) for x in items]
            shared = shared_run(subs)
            if len(shared) < 2 or not (bigrams(shared) - GENERIC_GRAMS) & qg:
                continue
            page_text = " ".join(c.section + c.text for c in df.chunks if c.page == items[0].page)
            cov = len(qg & bigrams(label_core(page_text))) / len(qg)
            if cov > best_cov:
                best, best_cov = (items, shared), cov
        if best is None or best_cov < 0.6:
            return None
        items, shared = best
        # ('政府采购货物预算加政府采购工程预算'): the items the question names by what sets them apart, not the
        # sentence's every amount (its total 政府采购预算 and the 服务 part)
        own = [x for x in items if (bigrams(label_core(local_subject(x, subjects) or x.subject).replace(shared, ""))
                                    - GENERIC_GRAMS) & qg]
        if 2 <= len(own) < len(items):
            items = own
        doc = df.document
        ops = [calc.Operand(x.value, x.unit, cite_stated(doc, x), label_core(local_subject(x, subjects) or x.subject)[:12])
               for x in items]
        c = calc.total(ops)
        return self._finish(q, doc, c.result, c.unit, list(c.inputs), c, f"{shared}（{len(items)}笔）合计", "sum")

    def _table_total(self, q: Question, df: DocFacts) -> Answer | None:
        doc = df.document
        if re.search(r"有关|相关|所有|全部|名称|名字|带有|含有|包含", q.text):
            named = self.named_sum(q, df)  # '跟某公司有关的项目加起来'
            if named is not None:
                return named
        if amount_test(q.text):
            rows = self.children_sum(q, df)  # '工资福利里一百万以上的明细科目合计': under the row named
            if rows is not None:
                return rows
        if "科目" in q.text and (column_condition(q.text) or amount_test(q.text)):
            rows = self.count_subjects(q, df, subject_level(q.text) or 7, summed=True)
            if rows is not None:
                return rows
        cells = self._qualified(q, df) or self._pieces(q, df) or []
        cells = list({f.fact_id: f for f in cells}.values())  # (a row named twice, by name and by code, counts once)
        if not cells:
            rows = self.children_sum(q, df) or self.named_sum(q, df)
            if rows is not None:
                return rows
        if cells:
            # a label printed on two rows of the table (住房公积金 under two 政府经济分类) counts in full
            named = {f.fact_id for f in cells}
            cells = cells + [g for f in cells for g in df.facts
                             if g.table_no == f.table_no and g.column == f.column and g.row_no != f.row_no
                             and g.value is not None and g.fact_id not in named
                             and label_core(g.row_label) == label_core(f.row_label) and not f.subject_code]
        if not cells:
            phrase = label_core(re.sub(r"合计|总和|之和|加起来|加在一起|加一起|加一块|合起来|一共|共计|总共|[两二三四五六七八九十几]+[个项笔块]|项目|的"
                                       r"|(?<=[\u4e00-\u9fff]{2})(?:那|这)|(?<=[\u4e00-\u9fff]{4})有|多少钱?", "", q.content))
            if len(phrase) < 2:
                return None
            n_said = stated_count(q.text)
            # ('遗属补助那三项': rows '遗属（…）', as many as the question counts)
            for p in (phrase, re.sub(r"(?:补助|补贴|资金|经费|费用)$", "", phrase)):
                hits = [f for f in df.facts if f.value is not None and len(p) >= 2 and p in label_core(f.row_label)
                        and f.unit in ("元", "万元", "亿元") and "绩效" not in f.table_title]
                if p != phrase and not n_said and not all(re.match(re.escape(p) + r"\s*[（(]", f.row_label) for f in hits):
                    hits = []  # (a name cut short matches only rows it heads, '遗属（工科局）', unless the count is said)
                if len(hits) >= 2 and (not n_said or len({label_core(f.row_label) for f in hits}) == n_said):
                    break
            if len(hits) < 2:
                # '给退休人员发取暖补贴，两笔': rows whose label holds every word the question names
                words = [w for w in re.findall(r"[\u4e00-\u9fff]{2,}", re.sub(
                    r"给|发放|发|的|为|向|用于|拨付|拨|加起来|一共|总共|合计|安排|了|多少|[两二三四五六七八九十几]+[笔个项块]", " ",
                    label_core(q.content))) if bigrams(w) - GENERIC_GRAMS]
                if len(words) >= 2:
                    hits = [f for f in df.facts if f.value is not None and f.unit in calc.UNITS_IN_YUAN
                            and "绩效" not in f.table_title and all(w in label_core(f.row_label) for w in words)]
            if len(hits) < 2:
                # '两行办公费合计': a label the question names that stands on several rows of a table
                content = label_core(q.content)
                groups: dict[tuple, list[TableFact]] = {}
                for f in df.facts:
                    core = label_core(f.row_label)
                    if f.value is not None and len(core) >= 2 and core in content and "绩效" not in f.table_title:
                        groups.setdefault((f.table_no, f.column, core), []).append(f)
                # (a total row's label on several rows — 支出总计 in three columns — is no label to sum)
                multi = [g for g in groups.values() if len({f.row_no for f in g}) >= 2 and not is_total(label_core(g[0].row_label))]
                if not multi:
                    return None
                hits = max(multi, key=lambda g: (len(label_core(g[0].row_label)), g[0].column.endswith("合计"),
                                                  _table_bonus(g[0].table_title)))
            # the label printed in full on several rows (机关事业单位基本养老保险缴费 twice) before a longer
            # label holding it once; an expenditure table before a revenue table that prints the same rows
            exact: dict[int, set[int]] = {}
            for f in hits:
                if label_core(f.row_label) == phrase:
                    exact.setdefault(f.table_no, set()).add(f.row_no)
            if any(len(rows) >= 2 for rows in exact.values()):
                hits = [f for f in hits if len(exact.get(f.table_no, ())) >= 2 and label_core(f.row_label) == phrase]
            first = max(hits, key=lambda f: (_table_bonus(f.table_title), -f.table_no, -f.row_no))
            t0, col = first.table_no, next(f.column for f in hits if f.table_no == first.table_no)
            cells = [f for f in hits if f.table_no == t0 and f.column == col]
        if not cells:
            return None
        cells = to_stated_count(q, df, cells)
        if doc.kind == "决算" and BUDGET_SIDE.search(FUNDS.sub("", q.text)) \
                and not FINAL_SIDE.search(re.sub(r"20\d\d年度?(部门)?决算", "", q.text)):
            return self._budgeted_sum(q, df, cells)  # '…四项的年初预算合计': not the 决算数 the tables hold
        cells = unnested(cells, df, q.text)
        c = calc.total([calc.Operand(f.value, f.unit, cite(doc, f), label_core(f.row_label)) for f in cells])
        names = list(dict.fromkeys(f.row_label for f in cells))
        if len(names) == 1 and len(cells) > 1 and is_total(label_core(names[0])):
            return None  # ('支出总计' printed on three rows is one total, never three to add up)
        what = f"{names[0]}（{len(cells)}行）合计" if len(names) == 1 and len(cells) > 1 else f"{'、'.join(names[:6])}合计"
        return self._finish(q, doc, c.result, c.unit, list(c.inputs), c, what, "sum")

    def _budgeted_sum(self, q: Question, df: DocFacts, cells: list[TableFact]) -> Answer | None:
        """The 年初预算 of each row a 决算 question sums, as _budgeted finds it for that row alone
        (a 预算数 column, or the narrative's '年初预算为X万元'); refused unless every row has one."""
        doc = df.document
        ops = []
        for f in cells:
            name = label_core(f.row_label)
            one = self._budgeted(Question(raw=name, text=f"{name}年初预算", content=f"{name} 年初预算"), df)  # type: ignore[attr-defined]
            if one is None or one.value is None or not one.citations:
                return refusal(f"“{name}”的年初预算（{_name(doc)}只给出其决算数）", self._coverage(doc))  # type: ignore[attr-defined]
            ops.append(calc.Operand(one.value, one.unit, one.citations[0], f"{name}年初预算"))
        c = calc.total(ops)
        names = "、".join(dict.fromkeys(label_core(f.row_label) for f in cells))
        return self._finish(q, doc, c.result, c.unit, list(c.inputs), c, f"{names}的年初预算合计", "sum")
