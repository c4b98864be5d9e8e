"""Citations of cells and sentences, and small matching helpers the engine and its operations share."""
from __future__ import annotations

import dataclasses
import re
from decimal import Decimal

from assistant import calculator as calc
from assistant.answer import Answer, Citation
from assistant.facts import expand
from assistant.understand import Question, bigrams, label_core
from ingest.model import Document, StatedFact, TableFact

GOOD = 4.0  # a score at which a row label clearly matches


def cite(doc: Document, f: TableFact) -> Citation:
    """The citation of a table cell."""
    return Citation(doc.doc_id, doc.source, f.page, f.table_title, f.row_label, f.column,
                    f"{f.raw or f.value}{f.unit}")


def cite_stated(doc: Document, s: StatedFact) -> Citation:
    """The citation of a sentence."""
    return Citation(doc.doc_id, doc.source, s.page, s.section, s.subject, "", s.sentence)


def fmt_value(v: Decimal, unit: str) -> str:
    """A value as people read it, keeping the printed precision."""
    if unit == "%":
        return f"{calc.q2(v)}%"
    return f"{v}{unit}"


def _name(doc: Document) -> str:
    return f"{doc.department}{doc.year or ''}年{doc.kind}"


def _table_bonus(title: str) -> float:
    if re.search(r"支出(预算|决算)?总表|支出决算表$|支出预算表$", title):
        return 0.3
    if "收支总表" in title or "收入支出决算总表" in title:
        return 0.2
    return 0.0


def specific_cover(q: Question, text: str) -> float:
    """Share of the question's specific bigrams (not 支出/预算/…) that a text contains."""
    from assistant.facts import GENERIC_GRAMS
    qg = bigrams(expand(q.content)) - GENERIC_GRAMS
    if len(qg) < 2:
        return 0.0  # too few specific words to prefer a sentence over a table
    return len(qg & bigrams(label_core(text))) / len(qg)


def strip_body(content: str, doc: Document) -> str:
    """The question's words without the body's name ('司法局' must not match the row 司法)."""
    from assistant.bodies import abbreviation_span, longest_common
    out = content
    span = abbreviation_span(out, doc.department)
    if span and span[1] - span[0] >= 4 and not re.search(r"[（(]|移交给?|交给|划给|拨给$", out[:span[0]][-3:]):
        # '平鲁工科局26年总共多少钱': a shortened name with its place goes whole; a bare '工科局' may be
        # a project's qualifier ('遗属（工科局）', '工科局那个…项目') and stays
        out = (out[:span[0]] + " " + out[span[1]:]).strip()
    # '普陀司法三公经费', '平鲁工信项目支出': a place of the body and the start of its duty, written without its kind
    dep = doc.department
    for m in re.finditer(r"(?<![\u4e00-\u9fff])([\u4e00-\u9fff]{2})([\u4e00-\u9fff]{2})", out):
        place, duty = m.group(1), m.group(2)
        if place in dep and duty in dep and dep.find(place) + 2 < dep.find(duty) and place + duty not in dep \
                and re.search(r"[区县市镇]", dep[dep.find(place):dep.find(duty)]):
            out = (out[:m.start()] + " " + out[m.end():]).strip()
            break
    for _ in range(2):
        n = longest_common(out, doc.department)
        if n < 2:
            break
        for i in range(len(out) - n + 1):
            if out[i:i + n] in doc.department:
                # two characters are a body's name only when its kind follows ('司法局', not '其他司法支出')
                if n >= 3 or re.match(r"局|委员会|委(?![托派任员])|街|办(?![公理])|镇|中心|院|所(?![属得需])|处(?![理置])",
                                      out[i + n:i + n + 3] or "") \
                        or n == 2 and re.search(re.escape(out[i:i + n]) + r"(?:街道|镇)", doc.department):  # ('万里三公': the street's name)
                    # a short form drops part of the name ('平鲁工信和科技局' for 朔州市平鲁区工信和科技局):
                    # the name's words just before the match go with it
                    k = max((k for k in range(2, 5) if i - k >= 0 and out[i - k:i] in doc.department
                             and doc.department.find(out[i - k:i]) < doc.department.find(out[i:i + n])), default=0)
                    out = (out[:i - k] + " " + out[i + n:]).strip()
                    break
        else:
            break
    return out


def decimals_asked(ans: Answer, question: str) -> Answer:
    """'保留两位小数', '取整到万元': the answer's value rounded as asked, the rounding said beside the
    exact figure (applied after any conversion to the unit asked)."""
    from assistant.phrasing import places_asked
    places = places_asked(question)
    if places is None or ans.value is None or not ans.answerable:
        return ans
    rounded = ans.value.quantize(Decimal(1).scaleb(-places), rounding="ROUND_HALF_UP")
    if rounded == ans.value:
        return ans
    how = f"保留{places}位小数" if places else "取整"
    return dataclasses.replace(ans, value=rounded, text=ans.text + f"（按要求{how}：{rounded}{ans.unit}）")
