"""How a question lists the rows it sums: a 类 by its everyday name, the count it states ('这三项'), a row
name with its qualifier in brackets, a name written short or in part."""
from __future__ import annotations

import re

from assistant.econ import function_class
from assistant.library import DocFacts
from assistant.understand import Question, label_core
from ingest.model import TableFact


def class_label(df: DocFacts, word: str) -> str:
    """The label of the 功能分类 类 an everyday word names in this document ('医疗' → 卫生健康支出), or ''."""
    code = function_class(word)
    return next((label_core(f.row_label) for f in df.facts if code and f.subject_code == code and f.value is not None), "")


def stated_count(text: str) -> int | None:
    """'四个项目合计', '这三块': how many rows the question says it sums."""
    from assistant.understand import cn_number
    m = re.search(r"([两二三四五六七八九十]+|\d+)\s*大?(?:个|项|块|笔|行|类)", text)
    return cn_number(m.group(1)) if m else None


def main_label(label: str) -> str:
    """A row label without its trailing qualifier in brackets: '退休人员取暖补贴（人社局移交工科局）' → '退休人员取暖补贴'."""
    return label_core(re.sub(r"[（(][^（()）]*[）)]\s*$", "", label.strip()))


def to_stated_count(q: Question, df: DocFacts, cells: list[TableFact]) -> list[TableFact]:
    """The rows a sum found, widened to the count the question states when the rows it named each
    stand several times in the table under one name with different qualifiers ('人社局移交的退休人员
    取暖补贴和基础绩效奖，四个项目' → both 取暖补贴 rows and both 基础绩效奖 rows)."""
    n = stated_count(q.text)
    every = bool(re.search(r"全部|所有|全都|统统", q.text))  # '…全部加起来': every row of those names
    if not every and (not n or len(cells) >= n):
        return cells
    have = {f.fact_id for f in cells}
    mains = {(f.table_no, f.column, main_label(f.row_label)) for f in cells}
    more = [g for g in df.facts if g.fact_id not in have and g.value is not None
            and (g.table_no, g.column, main_label(g.row_label)) in mains and len(main_label(g.row_label)) >= 2]
    wider = cells + more
    return sorted(wider, key=lambda f: (f.table_no, f.row_no)) if len(wider) == n or every and not n else cells


def shared_run(labels: list[str]) -> str:
    """The longest run of characters every label holds ('用款计划' of '第一季度用款计划', '第二季度用款计划')."""
    first = min(labels, key=len)
    for n in range(len(first), 1, -1):
        for i in range(len(first) - n + 1):
            run = first[i:i + n]
            if all(run in lb for lb in labels):
                return run
    return ""


def named_in(name: str, said: str) -> bool:
    """A row's name in the question, whole or by its last words (at least half of it, 3+ characters:
    '取暖补贴' for 退休人员取暖补贴 when the question says '给退休人员发的取暖补贴')."""
    if name in said:
        return True
    return any(name[i:] in said for i in range(1, len(name) - 2) if len(name) - i >= max(3, len(name) / 2))


def in_order(short: str, long: str) -> bool:
    """Every character of short stands in long, in order ('平安物资贸易公司' in 人社局移交平安物资贸易有限公司)."""
    it = iter(long)
    return all(ch in it for ch in short)


def unnested(cells: list[TableFact], df: DocFacts, text: str) -> list[TableFact]:
    """The cells to add without counting one twice: a 小计 whose own parts are among them goes, and the
    parts the question names beside it come in its place ('公车购置和运行加起来': 购置费 + 运行费, never
    购置费 + the 小计 that holds it)."""
    out = list(cells)
    for x in cells:
        path = x.column.split("/")
        if len(path) < 2 or path[-1] not in ("小计", "合计"):
            continue
        parent = "/".join(path[:-1]) + "/"
        kids = [f for f in df.facts if f.table_no == x.table_no and f.row_no == x.row_no and f is not x
                and f.column.startswith(parent) and f.value is not None]
        if not any(k in cells for k in kids):
            continue
        out.remove(x)
        for k in kids:
            leaf = label_core(k.column.split("/")[-1]).rstrip("费")
            if k not in out and len(leaf) >= 2 and leaf in text:
                out.append(k)
    return out
