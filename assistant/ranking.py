"""Ranking and counting the rows of a document's tables: largest / smallest rows, children of a
named parent, counts of projects, of 科目 and of things stated in the narrative or a form."""
from __future__ import annotations

import re
from decimal import Decimal

from assistant import calculator as calc
from assistant.answer import Answer
from assistant.citing import GOOD, _name, _table_bonus, cite, specific_cover, strip_body
from assistant.conditions import (above_average, amount_test, average_free, by_columns, column_condition, column_empty,
                                  column_rows, leaf_rows, nonzero_asked)
from assistant.econ import CLASS_GROUPS, ECON_CLASSES, ECON_MEMBERS, econ_name
from assistant.exclusion import excluding, without_part
from assistant.facts import TOTAL_LABELS
from assistant.forms import FormCounts
from assistant.library import DocFacts
from assistant.rowsets import subject_level
from assistant.sangong import rank_sangong
from assistant.understand import Question, bigrams, label_core, ordered_end
from ingest.model import TableFact


_CN = {2: "二", 3: "三", 4: "四", 5: "五", 6: "六", 7: "七", 8: "八", 9: "九", 10: "十"}


class RankCount(FormCounts):
    """Mixed into Engine (through Operations): rank and count questions."""

    @staticmethod
    def _subset(q: Question, pool: list[TableFact], skip: str = "") -> list[TableFact]:
        return RankCount._subset_info(q, pool, skip)[0]

    @staticmethod
    def _subset_info(q: Question, pool: list[TableFact], skip: str = "") -> tuple[list[TableFact], bool]:
        """Rows the question narrows to: a phrase some labels share ('遗属'), a threshold (超过100万元); rows it leaves out; skip: the parent applied."""
        # ('报了绩效目标的项目': the forms a project has, no word of its name)
        text = re.sub(r"绩效(?:目标|评价|管理|自评)(?:管理|表)?|(?:什么|啥|哪种|哪类|\s)(?:费用|费|科目|开支)\s*$", " ", q.content)  # (the kind asked)
        text = re.sub(r"[一二两三四五六七八九十几\d]+(?:个|项|类)|项目|哪个|哪一|金额|最大|最小|最多|最少|更多|更少|"
                      r"排第|相关|有关|有几|多少|超过|大于|高于|以上|以下|低于|小于", " ", text)
        for word in sorted(skip.split(), key=len, reverse=True):
            text = text.replace(word, " ")
        if skip:  # (a word of the skipped clause that lost the body's name on the way: '发给在职职工')
            text = " ".join(w for w in text.split() if not any(w in s for s in skip.split()))
        excluded = [label_core(x) for x in re.findall(
            r"(?:不算|不含|不包括|不计|除去|除了|除|扣除|剔除|去掉|排除)[“\"‘'「]?([\u4e00-\u9fff]{2,}?)"
            r"(?=[”\"’'」]|这种|这类|这样|这个|这项|这一|以外|之外|外|的|大类|[，,）)\s]|$)", q.text)]
        for x in excluded:
            text = text.replace(x, " ")
        pool = [f for f in pool if label_core(f.row_label) not in excluded]
        labels = {label_core(f.row_label) for f in pool}
        best = ""
        from assistant.facts import COLUMN_WORDS
        struct = ("支出", "科目", "项级", "款级", "类级", "功能分类", "经济分类", "预算", "决算", "资金", "经费",
                  "花钱", "拿到", "哪一", "一个", "金额", "安排", "合计", "收入", "钱", "只看", "一列", "这一",
                  "这个", "两个", "top") + tuple(COLUMN_WORDS)
        for run in re.findall(r"[\u4e00-\u9fff]{2,}", text):
            for n in range(len(run), 1, -1):
                for i in range(len(run) - n + 1):
                    sub = run[i:i + n]
                    if any(w in sub or sub in w for w in struct):
                        continue
                    hits = sum(1 for lb in labels if sub in lb)
                    if 1 <= hits < len(labels) and len(sub) > len(best):
                        best = sub
                if best and len(best) >= n:
                    break
        named = re.search(r"([\u4e00-\u9fff]{2,8}?)(?:类)?项目(?!支出|经费|资金|预算|名称|金额|里|中)", q.text)
        if named:  # '几个遗属项目（…）': the class the question puts before 项目 comes first
            run = named.group(1)
            for i in range(len(run) - 1):
                sub = run[i:]
                hits = sum(1 for lb in labels if sub in lb)
                if 1 <= hits < len(labels) and len(sub) >= 2 and not any(w in sub for w in ("几个", "所有", "全部", "哪个")) \
                        and not re.search(r"局|委|街道|办事处|政府|中心|部门|单位", sub):
                    best = sub
                    break
        applied = bool(best)
        if best:
            pool = [f for f in pool if best in label_core(f.row_label)]
        if nonzero_asked(q.text):  # ('不为零的几项中最少的'): rows of 0 leave the pool
            pool = [f for f in pool if f.value]
        test = amount_test(q.text)
        if test is not None:
            pool = [f for f in pool if f.unit in calc.UNITS_IN_YUAN and f.value is not None and test[0](f.value, f.unit)]
            applied = True
        return pool, applied

    def rank(self, q: Question, df: DocFacts) -> Answer | None:
        """Largest / smallest rows of the table the question is about."""
        doc = df.document
        t = q.content
        if re.search(r"三公", q.text) and re.search(r"哪.?[项个类块种笔]|构成|组成|分项|各项", q.text):
            return rank_sangong(q, df, _CN)  # '三公经费里哪一项最多': its three parts, 公务用车 as one
        # the most detailed level (项) unless the question says 类 or 款 ('哪个科目钱最多')
        level = subject_level(q.text) or 7
        # '商品和服务支出哪一项最多', '…最多的一项': the rows under the named row, never the row itself
        parent = self._parent_loose(q, df, narrow=r"里|中|下|哪|最|排第|排名?前|第[一二两三四五六七八九十\d]") or self._parent(q, df)
        # ('公用经费里排第二的是什么费用': the group, when the row found is not one the question names)
        group = self._class_group(q, df) if parent is None or label_core(parent.row_label) not in label_core(q.text) else []
        if group:
            # '公用经费明细里排第二的': the 款 under 商品和服务支出 and 资本性支出 of the 基本支出 table
            pool = [f for g in group for f in self._children(df, g)]
        elif parent is not None:
            pool = self._children(df, parent)
            named = subject_level(q.text)
            if not named and parent.subject_code and len(parent.subject_code) == 3 and re.search(r"(?:哪|什么|啥|最[大多高小少低]的)(?:一|个)?[“\"'‘]?项(?!目)", q.text):
                named = 7  # '城乡社区支出下面哪一项': the 项 under the 类, not its 款
            if named and parent.subject_code and len(parent.subject_code) < named:
                # '公共安全支出下面哪个项级科目': the parent's descendants at the level named
                pool = [f for f in df.facts if f.table_no == parent.table_no and f.value is not None
                        and len(f.subject_code) == named and f.subject_code.startswith(parent.subject_code)] or pool
        elif (col := column_rows(q.text, df)) is not None:  # ('项目支出里哪一项最大', no project table)
            pool = col
        elif "经济分类" in t or "经济科目" in t:
            pool = [f for f in df.facts if "经济" in f.table_title and f.value is not None]
            if not re.search(r"哪.?类|类级|大类(?!）|\))", t.replace("这种大类", "")):
                pool = leaf_rows(pool)  # '哪一项': the 款 rows, not 工资福利支出 above them
        elif re.search(r"功能分类|类级|款级|项级|哪.?类|支出科目|功能科目|科目", t):
            pool = _subjects_at(df, level)
        elif "项目" in q.text:
            pool = [f for f in df.facts if "项目" in f.table_title and "绩效" not in f.table_title
                    and f.value is not None and f.unit in calc.UNITS_IN_YUAN]
        else:
            r = self.ranked(q, df)
            if not r or (r[0].score < GOOD and not re.sub(r"金额|最[大小多少高低]|是|哪一?[块项个样]|的|钱|花|用", "",
                                                           label_core(strip_body(q.content, doc)))):
                # '最烧钱的是哪一块': nothing named but the body, so the 科目 of its spending
                pool = _subjects_at(df, level)
                if not pool:
                    return None
            else:
                t0 = r[0].fact.table_no
                pool = [f for f in df.facts if f.table_no == t0 and f.value is not None]
        pool = [f for f in pool if label_core(f.row_label) not in TOTAL_LABELS
                and label_core(f.row_label) != label_core(doc.department) and not f.row_label.endswith("合计")]
        skip = label_core(parent.row_label) if parent is not None else ""
        if parent is not None:
            # '发给在职职工的工资福利里': a clause on the parent describes it and narrows nothing
            short = re.sub(r"(支出|经费)$", "", skip)
            m = re.search(r"^.*?的(?:" + re.escape(skip) + "|" + re.escape(short) + ")", q.text)
            if m and len(short) >= 2:
                from assistant.understand import content_words
                skip = " ".join([skip, content_words(m.group(0))])
        pool = self._subset(q, pool, skip=skip)
        cut = excluding()
        if cut:  # ('办公费之外哪一项最大'): the rows the part names leave the pool
            pool = without_part(pool, cut)
        if not pool:
            return None
        from assistant.facts import column_hint
        if (test := amount_test(q.text)) is not None:  # ('超过50万元的那些当中最小的'): rows it keeps, said in the answer
            pool = [f for f in pool if f.unit in calc.UNITS_IN_YUAN and f.value is not None and test[0](f.value, f.unit)]
        has, lacks = column_condition(q.text), column_empty(q.text)  # ('只有项目支出、没有基本支出的科目中最大的')
        pool = by_columns(df, pool, has, lacks)
        hints = [h for h in column_hint(q) if not lacks or h not in (has, lacks)]  # ('只有A、没有B': filters, no column)
        if group:  # ('人员经费中…最大的明细': the words named the 类 ranked, not a column)
            hints = [h for h in hints if h not in ("人员经费", "公用经费")]
        first_col = {}
        for f in pool:
            if hints and not any(h in f.column for h in hints):
                continue
            first_col.setdefault(f.table_no, f.column)
        if not first_col:  # no column carries the named word (项目支出 in the 项目 table): ignore it
            for f in pool:
                first_col.setdefault(f.table_no, f.column)
        pool = [f for f in pool if f.column == first_col.get(f.table_no)]
        # one item printed on two rows (办公费 under two 政府经济分类) ranks by its sum
        groups: dict[tuple, list[TableFact]] = {}
        for f in pool:
            groups.setdefault((f.table_no, f.column, label_core(f.row_label), f.subject_code), []).append(f)
        items = sorted(((sum(f.value for f in g), g) for g in groups.values()), key=lambda x: x[0], reverse=q.descending)
        seen, rows = set(), []
        for value, g in items:
            key = label_core(g[0].row_label)
            if key in seen:
                continue
            seen.add(key)
            rows.append((value, g))
        if q.nth:
            rows = rows[q.nth - 1: q.nth]
            if not rows:
                return None
        else:
            rows = rows[: max(1, q.top_n)]
        cells = [f for _, g in rows for f in g]
        if len(rows) > 1 and re.search(r"合计|一共|加起来|加在一起|合起来|总共|之和|总和|加一起|相加", q.text):
            c = calc.total([calc.Operand(f.value, f.unit, cite(doc, f), label_core(f.row_label)) for f in cells])
            return self._finish(q, doc, c.result, c.unit, list(c.inputs), c,
                                f"金额{'最大' if q.descending else '最小'}的{len(rows)}项合计", "rank")
        word = "最大" if q.descending else "最小"
        if q.nth > 1:  # '第二多': the answer says which place it holds
            word = f"排第{_CN.get(q.nth, str(q.nth))}（第{q.nth}{'大' if q.descending else '小'}）"

        def shown(v: Decimal, g: list[TableFact]) -> str:
            parts = " + ".join(str(f.value) for f in g)
            return f"{g[0].row_label} {v}{g[0].unit}" + (f"（{len(g)}行合计：{parts}）" if len(g) > 1 else "")
        listing = "；".join(f"{i + (q.nth or 1)}. {shown(v, g)}" for i, (v, g) in enumerate(rows))
        first = rows[0][1][0]
        src = f"《{doc.source}》第{first.page}页《{first.table_title}》"
        without = (f"（不含“{cut}”）" if cut else "") + (f"{test[1]}的当中" if test else "")
        text = f"{_name(doc)}{without}金额{word}的{'前' + str(len(rows)) + '项' if len(rows) > 1 else '一项'}：{listing}。来源：{src}。"
        return Answer(text=text, value=rows[0][0], unit=first.unit,
                      citations=[cite(doc, f) for f in cells], kind="rank")

    def count(self, q: Question, df: DocFacts) -> Answer | None:
        """A count stated in the narrative or a form, else the number of rows of a table."""
        doc = df.document
        if re.search(r"(几|多少)(个|项|家|款|类)[^，,。？?]*?(合计|加起来|合起来|加一块|加在一起|之和|总和)(一共|总共|共)?(是|为|有)?多少", q.text):
            summed = self.total(q, df)  # '那几个项目合计多少': a sum over the rows, not their number
            if summed is not None:
                return summed
        if q.count_unit in ("个", "项", "款", "类", "条", "笔", "行", ""):
            # 科目 of a level, narrowed by a column, a range or a parent; or the rows under a row
            level = subject_level(q.text) or (3 if "功能分类" in q.text else 0) or \
                (7 if "科目" in q.text and (column_condition(q.text) or amount_test(q.text)) else 0)
            parent, named = self._parent_loose(q, df, narrow=r"里|中|下|包括|包含|共有|有|分为|列"), subject_level(q.text)
            under = parent is not None and (not named or not parent.subject_code or len(parent.subject_code) + 2 == named)
            if not under and self._column_leaves(q, df):  # type: ignore[attr-defined]
                under, parent = True, None  # ('公用经费里超过五万元的明细科目': that column's rows)
            rows = self.count_children(q, df, parent) if under else self.count_subjects(q, df, level) if level else None
            if rows is not None:
                return rows
        said = self.ranked_stated(q, df, ("count",))  # type: ignore[attr-defined]
        ordered = [(end, x) for x in said[:6] if "表：" not in x.stated.section
                   for end in [ordered_end(label_core(re.sub(r"20\d\d年度?|的", "", strip_body(x.stated.subject, doc))),
                                            label_core(strip_body(q.text, doc)))] if end is not None]
        if ordered and not amount_test(q.text) and q.count_unit in ("个", "项", ""):
            # '纳入项目支出绩效目标管理的二级项目一共有多少个': the sentence's subject, every character in
            # order in the question; of several, the one the question names last ('…二级项目中，其他运转类项目有几个')
            return self._stated_answer(q, doc, max(ordered, key=lambda e: e[0])[1].stated, "count")  # type: ignore[attr-defined]
        if said and said[0].score >= 4.0 and specific_cover(q, said[0].stated.subject) >= 0.8 and not amount_test(q.text) \
                and "表：" not in said[0].stated.section and q.count_unit in ("个", "项", ""):
            # '纳入绩效目标管理的二级项目有多少个': the narrative counts exactly what is asked
            return self._stated_answer(q, doc, said[0].stated, "count")  # type: ignore[attr-defined]
        if "项目" in q.text and q.count_unit in ("个", "项", "") and (self._has_filter(q) or not re.search(r"人|名|家|辆|台", q.text)):
            counted = self._count_projects(q, df)
            if counted is not None:
                return counted
        st = self.ranked_stated(q, df, ("count",))
        if st and not re.search(r"购|买|新增|添置|新配", q.text):
            # '有几台' asks what is held, not what the budget buys ('安排购置…0台（套）')
            for x in st:
                if re.search(r"购置|购买|新增|添置", x.stated.sentence[:x.stated.sentence.find(str(x.stated.value))]):
                    x.score -= 1.5
            st.sort(key=lambda x: -x.score)
        if q.count_unit == "辆":
            # '有几辆车': the sentence's total ('共有车辆3辆'), not its breakdown ('…用车0辆')
            subjects = self._subjects(df)
            buying = re.search(r"购|买|新增|添置|新配", q.text)  # '预算安排新买几辆车': the cars the budget buys
            totals = [x for x in df.stated if x.unit == "辆"
                      and re.search(r"购置|购买|新增|添置" if buying else r"共有|总数|合计|共计|实有|拥有",
                                    subjects.get(x.fact_id, "") or x.subject)]
            totals.sort(key=lambda x: not re.search(r"安排|预算", subjects.get(x.fact_id, "") or x.subject))
            if totals:
                return self._stated_answer(q, doc, totals[0], "count")
        ranked = self.ranked(q, df)
        best_t = ranked[0] if ranked else None
        best_s = st[0] if st else None
        if best_t and best_t.score >= GOOD and "绩效目标" in best_t.fact.table_title and q.count_unit in ("人", "名", "位", "家", "户") \
                and any(x.fact.table_no != best_t.fact.table_no and "绩效目标" in x.fact.table_title
                        and abs(x.score - best_t.score) < 0.01 for x in ranked[1:6]):
            forms = self._forms_count(q, df)  # several projects' forms fit equally: all of them
            if forms is not None:
                return forms
        if (best_t is None or "绩效目标" in best_t.fact.table_title) and q.count_unit in ("人", "名", "位", "家", "户") \
                and re.search(r"一共|合计|加起来|总共|共计|两边|都算|汇总", q.text) and re.search(r"[加和与、]|[两三四五六七八九几]个|两项|两边|都算|各自|汇总", q.text):
            forms = self._forms_count(q, df)  # '工科局加平安物资那边一共保障几个人': every form the question names
            if forms is not None and forms.calculation is not None:
                return forms
        if best_s is not None and "表：" in best_s.stated.section and best_t is not None and best_t.score >= GOOD \
                and best_t.fact.value == best_s.stated.value and best_t.fact.table_title in best_s.stated.section:
            best_s = None  # a form's sentence restating its own indicator ('12名'): the indicator's cell
        if best_t and best_t.score >= GOOD and (best_s is None or best_t.score >= best_s.score + 1):
            f = best_t.fact
            return self._finish(q, doc, f.value, f.unit, [cite(doc, f)], None, f"{f.row_label}", "count")
        if best_s and self._relevance(q, df, best_s.stated) >= 0.5:
            return self._stated_answer(q, doc, best_s.stated, "count")
        if q.count_unit in ("人", "名", "位", "家", "户"):
            forms = self._forms_count(q, df)
            if forms is not None:
                return forms
        if q.count_unit not in ("个", "项", ""):
            return None  # people, firms, cars are not counted by project rows
        return self._count_projects(q, df)

    @staticmethod
    def _has_filter(q: Question) -> bool:
        return bool(re.search(r"超过|大于|高于|多于|以上|不少于|低于|小于|少于|不足|不到|以下|以内|之间|介于|相关|有关|类", q.text))

    def _count_projects(self, q: Question, df: DocFacts) -> Answer | None:
        """The number of project rows (optionally narrowed to a phrase or a threshold)."""
        doc = df.document
        rows: dict[str, TableFact] = {}
        pool = [f for f in df.facts if "项目" in f.table_title and "绩效" not in f.table_title
                and f.value is not None and label_core(f.row_label) not in TOTAL_LABELS
                and label_core(f.row_label) != label_core(doc.department)]
        first_col = pool[0].column if pool else ""
        chosen, applied = self._subset_info(q, [f for f in pool if f.column == first_col])
        rest = re.sub(r"今年|一共|总共|安排|列了|列出|有|里|中|表", "", label_core(q.content))
        if pool:  # the table's own name ('项目支出预算表（本年预算）里') narrows nothing
            tg = {g for t in {f.table_title for f in pool} for g in bigrams(label_core(t))}
            rest = "".join(ch for i, ch in enumerate(rest)
                           if rest[max(0, i - 1):i + 1] not in tg and rest[i:i + 2] not in tg)
        above = above_average(q.text)
        if above is not None:
            rest = average_free(rest)
        if not applied and len(re.findall(r"[\u4e00-\u9fff]", rest)) >= 3:
            return None  # the question narrows to something no project name carries ('特定目标类')
        for f in chosen:
            rows.setdefault(label_core(f.row_label), f)
        if not rows:
            return None
        mean, first = None, next(iter(rows.values()))
        if above is not None:  # ('有几个项目高于平均数'): the mean of the project rows, shown
            mean = calc.per_item(calc.Operand(sum(f.value for f in rows.values()), first.unit, None, "合计"),
                                 calc.Operand(Decimal(len(rows)), "个", None, "项目数"))
            rows = {k: f for k, f in rows.items() if (f.value > mean.result if above else f.value < mean.result)}
            if not rows:
                return None
        first = next(iter(rows.values()))
        n = Decimal(len(rows))
        names = "、".join(f.row_label for f in list(rows.values())[:20])
        test = amount_test(q.text)
        cond = f"金额{test[1]}的" if test else f"金额{'高于' if above else '低于'}平均数（{mean.expression}）的" if mean else "符合条件的"
        return Answer(text=f"{_name(doc)}《{first.table_title}》中{cond}项目共 {n} 个：{names}。来源：《{doc.source}》第{first.page}页。",
                      value=n, unit="个", citations=[cite(doc, f) for f in rows.values()], kind="count")

    def _parent(self, q: Question, df: DocFacts) -> TableFact | None:
        """A row the question ranks the children of ('商品和服务支出里哪一项最多')."""
        content = label_core(q.content)  # (the question's 的 are dropped: '对个人和家庭的补助里')
        for f in sorted(df.facts, key=lambda f: -len(f.row_label)):
            core = label_core(f.row_label)
            if (f.subject_code or core in ECON_CLASSES) and len(core) >= 3 and f.value is not None and \
                    re.search(re.escape(core.replace("的", "")) + r"(?:各?(?:明细|各项|细项|(?:经济)?(?:分类)?科目))?(?:里|中|下|当中|里面|下面|之中)", content):
                return f
        return None

    @staticmethod
    def _class_group(q: Question, df: DocFacts) -> list[TableFact]:
        """The 经济分类 类 rows a question names by their usual group: 公用经费 = 商品和服务支出 + 资本性支出,
        人员经费 = 工资福利支出 + 对个人和家庭的补助 (in the 基本支出 table that prints them)."""
        m = re.search(r"(公用|人员)(经费|开支|开销|支出)(的)?(明细|各项|细项|科目|里|中|下|当中|里面|下面|之中|哪)", q.text)
        if not m:
            return []
        names = CLASS_GROUPS[m.group(1)]
        rows = [f for f in df.facts if f.value is not None and label_core(f.row_label) in names]
        if not rows:
            return []
        best = max({f.table_no for f in rows}, key=lambda n: ("基本支出" in next(f.table_title for f in rows if f.table_no == n),
                                                              -n))
        out: dict[str, TableFact] = {}
        for f in sorted(rows, key=lambda f: f.row_no):
            if f.table_no == best:
                out.setdefault(label_core(f.row_label), f)
        return list(out.values())

    @staticmethod
    def _children(df: DocFacts, parent: TableFact) -> list[TableFact]:
        """The rows one level below a parent: by 科目编码, or when the codes are missing or broken,
        the rows printed under it up to the next 类 of the 经济分类."""
        rows = [f for f in df.facts if f.table_no == parent.table_no and f.value is not None]
        code = parent.subject_code
        if code:
            kids = [f for f in rows if f.subject_code.startswith(code) and len(f.subject_code) == len(code) + 2]
            if kids:
                # a 款 code printed short ('301 2' for 30102) reads as the 类's own code: such rows
                # under the 类 and before the next 类 are its children too
                end = min((f.row_no for f in rows if f.row_no > parent.row_no and f.subject_code
                           and len(f.subject_code) <= len(code) and f.subject_code != code), default=10 ** 9)
                kids += [f for f in rows if f.subject_code == code and parent.row_no < f.row_no < end
                         and label_core(f.row_label) != label_core(parent.row_label)]
                return sorted(kids, key=lambda f: f.row_no)
        members = ECON_MEMBERS.get(label_core(parent.row_label).replace("机关", "", 1))
        if members and not any(f.subject_code for f in rows):
            # a two-sided 基本支出 table without codes (人员经费 items left, 公用经费 right, row by row):
            # the 款 of the standard 经济分类 under that 类, wherever the table prints them
            kids = [f for f in rows if f.column == parent.column and econ_name(f.row_label) in members]
            if len(kids) >= 2:
                return sorted(kids, key=lambda f: f.row_no)
        out, stop = [], False
        for f in sorted(rows, key=lambda f: f.row_no):
            if f.row_no <= parent.row_no:
                continue
            core = label_core(f.row_label)
            if core in ECON_CLASSES or core in TOTAL_LABELS or (code and f.subject_code and len(f.subject_code) <= len(code)):
                stop = True
            if stop:
                break
            out.append(f)
        return out


def _subjects_at(df: DocFacts, level: int) -> list[TableFact]:
    """The 科目 rows of one level in the table that prints them best (the 支出总表 over its parts)."""
    pool = [f for f in df.facts if len(f.subject_code) == level and f.value is not None]
    tables = sorted({f.table_no for f in pool}, key=lambda n: -_table_bonus(
        next(x.table_title for x in pool if x.table_no == n)))
    return [f for f in pool if tables and f.table_no == tables[0]]

