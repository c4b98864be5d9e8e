"""Counts read from the projects' performance forms ('遗属补助发放给多少人' → every 遗属 form's people,
summed; '退役军人 工科局加平安物资那边' → the forms the question's qualifiers name)."""
from __future__ import annotations

import re
from decimal import Decimal

from assistant import calculator as calc
from assistant.answer import Answer
from assistant.citing import cite
from assistant.library import DocFacts
from assistant.understand import Question, bigrams, label_core
from ingest.model import TableFact


class FormCounts:
    """Mixed into RankCount: _forms_count()."""

    def _forms_count(self, q: Question, df: DocFacts) -> Answer | None:
        """'遗属补助发放给多少人': the people (firms…) of every performance form whose project the
        question names, one cell per form, summed when there are several."""
        from assistant.facts import unit_ok
        doc = df.document
        forms: dict[int, list[TableFact]] = {}
        for f in sorted(df.facts, key=lambda f: (f.table_no, f.row_no)):
            if "绩效目标" in f.table_title and "：" in f.table_title and f.value is not None and unit_ok(f.unit, q):
                forms.setdefault(f.table_no, []).append(f)
        titles = {t: label_core(fs[0].table_title.split("：", 1)[1]) for t, fs in forms.items()}
        runs = re.findall(r"[\u4e00-\u9fff]{2,}", q.content)

        def named_rest(sub: str) -> bool:
            """Every form the name picks has the rest of its title named too ('退役军人' picks (工科局) and
            (平安物资贸易有限公司), both named; '平安物资贸易有限公司' also picks 遗属, not named)."""
            picked = [t for t in titles.values() if sub in t]
            if len(picked) < 2:
                return True
            rest = [re.sub(r"[()（）]", "", t.replace(sub, " ")) for t in picked]
            named = [any(any(w[i:i + 3] in r for i in range(len(w) - 2)) for w in runs if sub not in w) for r in rest]
            return all(named) or not any(named)  # (none named: every form of that name counts)
        # a project's own name (its title before the bracket: 退役军人, 遗属) named whole comes first
        mains = {label_core(re.split(r"[（(]", fs[0].table_title.split("：", 1)[1])[0]) for fs in forms.values()}
        whole = [m for m in mains if len(m) >= 2 and m in label_core(q.content) and named_rest(m)]
        best = max(whole, key=len) if whole else ""
        for run in runs if not whole else []:
            for n in range(len(run), 1, -1):
                for i in range(len(run) - n + 1):
                    sub = run[i:i + n]
                    if n > len(best) and not re.fullmatch(r"(项目|人员|资金|补助|保障|数量|发放|覆盖|涉及|给|的)+", sub) \
                            and any(sub in t for t in titles.values()) and named_rest(sub):
                        best = sub
        if len(best) < 2 or (len(best) < 4 and not any(t.startswith(best) for t in titles.values())):
            return None  # a project's name, not a word inside one ('工业' in 城镇集体工业联合社)
        chosen = [t for t in sorted(titles) if best in titles[t]]
        if len(chosen) > 1 and not re.search(r"几个|所有|全部|各|都|一共|合计|总共|加起来", q.text):
            # the one project the question's other words name too ('人社局移交给工科局的…基础绩效奖')
            from assistant.facts import GENERIC_GRAMS, qcover
            spec = bigrams(label_core(q.content)) - GENERIC_GRAMS
            cov = {t: qcover(spec, titles[t]) for t in chosen}
            top = max(cov.values())
            chosen = [t for t in chosen if cov[t] >= top - 0.01]
        cells = [forms[t][0] for t in chosen]
        if len(cells) == 1:
            f = cells[0]
            return self._finish(q, doc, f.value, f.unit, [cite(doc, f)], None,
                                f"{f.table_title.split('：', 1)[1]}{f.row_label}", "count")
        c = calc.total([calc.Operand(f.value, f.unit, cite(doc, f), f.table_title.split("：", 1)[1]) for f in cells])
        n = c.result.quantize(Decimal(1)) if all(f.value == f.value.to_integral_value() for f in cells) else c.result
        return self._finish(q, doc, n, c.unit, list(c.inputs), c,
                            f"名称含“{best}”的{len(cells)}个项目（各自绩效目标表）合计", "count")

    def funding_source(self, q: Question, df: DocFacts) -> Answer | None:
        """'…奖励资金的资金来源是哪一级财政': the funding rows of the project's performance form (中央 / 省级 /
        市县 / 单位自筹 / 其他), the ones with money named first, each cited."""
        if not FUNDING_ASKED.search(q.text) or re.search(r"多少|几|比例|比重|占", q.text):
            return None
        from assistant.citing import _name
        doc = df.document
        from assistant.facts import expand
        asked = bigrams(label_core(expand(q.content)))
        best, best_cov = None, 0.0
        for t in df.tables:
            if "绩效目标" not in t.title or "：" not in t.title:
                continue
            own = bigrams(label_core(t.title.split("：", 1)[1])) - {"项目", "资金", "经费"}
            cov = len(own & asked) / len(own) if own else 0.0
            if cov > best_cov:
                best, best_cov = t, cov
        if best is None or best_cov < 0.5:
            return None
        rows = [f for f in df.facts if f.table_no == best.table_no and f.value is not None and f.unit in calc.UNITS_IN_YUAN
                and re.search(r"中央财政|省级财政|省财政|市县|市级财政|县级财政|区级财政|本级财政|单位自筹|自筹资金|其他资金", f.row_label)]
        seen: dict[str, TableFact] = {}
        for f in sorted(rows, key=lambda f: (f.row_no, f.column)):
            seen.setdefault(label_core(re.sub(r"^其中[:：]", "", f.row_label)), f)
        paid = [(n, f) for n, f in seen.items() if f.value]
        if not paid:
            return None
        none = [n for n, f in seen.items() if not f.value]
        title = best.title.split("：", 1)[1]
        title = title if "“" in title else f"“{title}”"
        text = (f"{_name(doc)}{title}的资金来源：" + "、".join(f"{n} {f.value}{f.unit}" for n, f in paid)
                + (f"（{'、'.join(none)}均为0）" if none else "")
                + f"。来源：《{doc.source}》第{paid[0][1].page}页《{best.title}》。")
        return Answer(text=text, value=None, unit="", citations=[cite(doc, f) for _, f in paid], kind="text")


# '资金来源是哪一级财政', '钱是哪里来的': where a project's money comes from
FUNDING_ASKED = re.compile(r"资金来源|来源于?哪|哪一?级(?:的)?财政|钱(?:是)?从哪|(?:钱|资金)(?:是)?(?:来自|哪里来|哪儿来)|谁出(?:的)?钱")
