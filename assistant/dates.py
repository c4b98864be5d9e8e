"""Dates a question gives: two calendar words compared ('去年比前年'), an as-of date ('截至2024年8月底') that tells
which of a body's documents counted then."""
from __future__ import annotations

import re

from assistant.understand import Question
from ingest.model import Document


def calendar_pair(q: Question, docs: list[Document]) -> None:
    """Two calendar words compared ('公益性岗位补贴去年比前年少了多少'): read as the two years they name when the
    body has a document for each (今年 and 去年 of a body loaded for one year stay a change its narrative states)."""
    from assistant.settings import today
    from assistant.understand import CALENDAR_WORDS, RELATIVE_OFFSET
    words = re.findall("|".join(CALENDAR_WORDS), q.text)
    if q.years or len(set(words)) < 2:
        return
    years = {w: today().year + RELATIVE_OFFSET[w] for w in words}
    if not set(years.values()) <= {d.year for d in docs}:
        return
    from assistant.scope import _reparse
    _reparse(q, re.sub("|".join(CALENDAR_WORDS), lambda m: f"{years[m.group(0)]}年", q.text))


def dated_docs(q: Question, docs: list[Document], lib) -> list[Document]:
    """The documents whose narrative states the date the question gives ('截至2024年8月底，万里街道共有几辆车'
    → the 2025 budget, which says 截至2024年8月31日): a date is not a document's year, but it tells
    which of a body's documents counted as of then."""
    m = re.search(r"(?:截至|截止到?|到)\s*(20\d\d)\s*年\s*(\d{1,2})\s*月", q.text)
    end = re.search(r"(?:截至|截止到?|到)\s*(20\d\d)\s*年(?:底|末)", q.text)
    if q.years or not (m or end):
        return []
    said = re.compile(rf"(?:截至|截止到?)\s*{m.group(1)}\s*年\s*{m.group(2)}\s*月" if m else
                      rf"(?:截至|截止到?)\s*{end.group(1)}\s*年(?:底|末|\s*12\s*月)")
    fit = [d for d in docs if any(said.search(st.sentence) for st in lib.facts(d.doc_id).stated)]
    return fit if 0 < len(fit) < len(docs) else []
