"""Pure: document metadata (body, year, 预算/决算, 部门/单位, date) detected from the content."""
from __future__ import annotations

import re

_BODY_LABEL = re.compile(
    r"(?:预算主管部门|部门名称|单位名称|编制部门|编制单位|主管部门)\s*[:：]\s*(?:\d+-)?(?P<body>[\u4e00-\u9fff（）()]{3,40})")
_TITLE = re.compile(r"(?P<year>20\d{2})\s*年度?\s*(?:区级|市级|县级)?(?P<scope>部门|单位)?\s*(?P<kind>预算|决算)")
_BODY_BEFORE = re.compile(
    r"(?P<body>[\u4e00-\u9fff（）()]{4,40}?)\s*(?P<year>20\d{2})\s*年度?\s*(?P<scope>部门|单位)?(?P<kind>预算|决算)")
_DATE = re.compile(r"(20\d{2})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日")
_ORG_END = re.compile(r"(局|委员会|委|办公室|办事处|政府|中心|院|所|站|队|馆|会|部|厅|处|社|室|街道|镇|公司|学校|医院)$")


def detect(pages: list[str], source: str) -> dict:
    """Body, year, kind, scope, date and title from the first pages and the file name."""
    head = "\n".join(pages[:3])
    body = ""
    m = _BODY_LABEL.search(head) or _BODY_LABEL.search("\n".join(pages))
    if m:
        body = m.group("body").strip()
    stem = re.sub(r"\.(pdf|txt)$", "", source, flags=re.I)
    year, kind, scope = None, "", ""
    for text in (head, stem):
        t = _TITLE.search(text)
        if t:
            year, kind, scope = int(t.group("year")), t.group("kind"), t.group("scope") or ""
            break
    if not body:
        for text in (stem, head):
            for line in text.splitlines()[:12]:
                bm = _BODY_BEFORE.search(line.strip())
                if bm and _ORG_END.search(bm.group("body")):
                    body = bm.group("body")
                    break
            if body:
                break
    if not body:
        for line in head.splitlines()[:8]:
            s = line.strip()
            if 3 <= len(s) <= 30 and _ORG_END.search(s) and not re.search(r"\d", s):
                body = s
                break
    dates = _DATE.findall("\n".join(pages))
    date = ""
    if dates:
        y, mo, d = dates[-1]
        date = f"{y}-{int(mo):02d}-{int(d):02d}"
    if not scope:
        scope = "单位" if re.search(r"单位(?:预算|决算)", head) and "部门预算" not in head else "部门"
    kind = kind or ("决算" if "决算" in head else "预算" if "预算" in head else "未知")
    title = f"{body}{year or ''}年度{scope}{kind}" if body else stem
    return {"department": body or stem, "year": year, "kind": kind, "scope": scope,
            "date": date, "title": title}
