"""Pure: key–value forms (绩效目标表, 整体支出绩效目标申报表) → per-project facts."""
from __future__ import annotations

import re
from decimal import Decimal

from ingest.model import TableFact
from ingest.tables import RawTable, clean_cell

_VALUE = re.compile(
    r"^(?P<op>[≥≤><=约]*)\s*(?P<num>\d[\d,，]*(?:\.\d+)?)\s*"
    r"(?P<unit>%|％|亿元|万元|元|个|家|人|辆|名|项|套|台|次|户|件|天|日|年|月|平方米|㎡|篇|场|期)?$")
_SKIP_LABELS = {"一级指标", "二级指标", "三级指标", "指标值", "负责人:", "经办人:", "联系电话:", "填报日期:"}
_INDICATOR_LEVELS = {"产出指标", "效益指标", "满意度指标", "数量指标", "质量指标", "时效指标", "成本指标",
                     "经济效益", "社会效益", "生态效益", "可持续影响", "服务对象满意度"}


def is_form_title(title: str) -> bool:
    """Performance-target forms are label/value grids, not column tables."""
    return "绩效目标" in title or "绩效目标申报表" in title


def form_unit(rows: list[list[str | None]]) -> str:
    """The money unit a form declares in a label ('项目资金 (元)', '资金总额(万元)')."""
    text = " ".join(clean_cell(c) for r in rows for c in r if c)
    m = re.search(r"[（(]\s*(万元|元|亿元)\s*[)）]", text)
    return m.group(1) if m else "元"


def project_name(rows: list[list[str | None]]) -> str:
    """The value next to 项目名称 (or 部门名称) in a form."""
    for row in rows:
        cells = [clean_cell(c) for c in row]
        for j, c in enumerate(cells):
            if c in ("项目名称", "部门名称"):
                rest = [x for x in cells[j + 1:] if x]
                if rest:
                    return re.sub(r"^\d+-", "", rest[0])
    return ""


def parse_value(text: str) -> tuple[Decimal | None, str]:
    """'3家' → (3, '家'); '≥90%' → (90, '%'); '1,080,000' → (1080000, ''); text → (None, '')."""
    m = _VALUE.match(text.strip())
    if not m:
        return None, ""
    num = Decimal(m.group("num").replace(",", "").replace("，", ""))
    return num, (m.group("unit") or "").replace("％", "%")


def form_facts(raw: RawTable, doc_id: str, table_no: int) -> tuple[str, str, list[TableFact]]:
    """Label → value pairs of a form, each a TableFact; returns (title, unit, facts)."""
    unit = form_unit(raw.rows)
    name = project_name(raw.rows)
    base = "部门整体支出绩效目标表" if "整体" in raw.title else "项目支出绩效目标表"
    title = f"{base}：{name}" if name else raw.title
    facts: list[TableFact] = []
    seen: set[str] = set()
    for r, row in enumerate(raw.rows):
        page = raw.row_pages[r] if r < len(raw.row_pages) else raw.row_pages[-1]
        cells = [clean_cell(c) for c in row]
        idx = [j for j, c in enumerate(cells) if c]
        for a, b in zip(idx, idx[1:]):
            label, text = cells[a].rstrip(":："), cells[b]
            if not label or label in _SKIP_LABELS or label in _INDICATOR_LEVELS:
                continue
            if parse_value(label)[0] is not None or label in seen:
                continue
            value, vunit = parse_value(text)
            if value is None:
                if _VALUE.match(label) or len(text) > 40 or text in _SKIP_LABELS:
                    continue
                if text in _INDICATOR_LEVELS or text in ("项目名称",):
                    continue
            seen.add(label)
            facts.append(TableFact(
                fact_id=f"{doc_id}:p{page}:t{table_no}:r{r}:c{b}", doc_id=doc_id, page=page,
                table_no=table_no, table_title=title, unit=vunit or (unit if value is not None else ""),
                row_label=label, subject_code="", column="指标值", value=value, row_no=r, raw=text))
    return title, unit, facts
