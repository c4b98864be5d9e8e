"""Frozen value objects every layer shares: documents, text chunks, table facts, stated facts."""
from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

UNITS_IN_YUAN = {"元": Decimal(1), "万元": Decimal(10000), "亿元": Decimal(100000000),
                 # (units a reader may ask an answer in: '多少千元', '按百万元算')
                 "千元": Decimal(1000), "十万元": Decimal(100000), "百万元": Decimal(1000000), "千万元": Decimal(10000000)}


@dataclass(frozen=True, slots=True)
class Document:
    """One ingested budget disclosure and what was detected about it."""

    doc_id: str
    title: str
    department: str
    year: int | None
    kind: str  # 预算 | 决算 | 未知
    source: str  # file name as given
    pages: int
    sha256: str
    scope: str = "部门"  # 部门 | 单位
    date: str = ""


@dataclass(frozen=True, slots=True)
class TextChunk:
    """A piece of narrative text with its page and section heading."""

    chunk_id: str
    doc_id: str
    page: int
    section: str
    text: str


@dataclass(frozen=True, slots=True)
class TableInfo:
    """One table of a document: number, title, unit, header paths, pages, empty or not."""

    table_id: str
    doc_id: str
    table_no: int
    title: str
    unit: str
    pages: tuple[int, ...]
    columns: tuple[str, ...]
    rows: int
    empty: bool
    note: str = ""
    # row labels of the data rows, numbers or not: an empty 三公 table still says which items it
    # covers, so '公务接待费是多少' can be answered with 无
    labels: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class TableFact:
    """One numeric cell with everything needed to cite and recompute it."""

    fact_id: str
    doc_id: str
    page: int
    table_no: int
    table_title: str
    unit: str
    row_label: str
    subject_code: str
    column: str
    value: Decimal | None
    row_no: int = 0
    raw: str = ""

    @property
    def level(self) -> int:
        """科目 level: 1 类 (3 digits), 2 款 (5), 3 项 (7), 0 none."""
        return {3: 1, 5: 2, 7: 3}.get(len(self.subject_code), 0)

    @property
    def parent_code(self) -> str:
        """The 科目编码 one level up ('' for a 类 or no code)."""
        n = len(self.subject_code)
        return self.subject_code[: n - 2] if n in (5, 7) else ""


@dataclass(frozen=True, slots=True)
class StatedFact:
    """A number stated in narrative text (amount, change, share), with its sentence."""

    fact_id: str
    doc_id: str
    page: int
    section: str
    sentence: str
    subject: str  # the words before the number, e.g. 机关运行经费财政拨款预算
    kind: str  # amount | change | percent | share | count
    value: Decimal
    unit: str
    direction: str = ""  # 增加 | 减少 | 持平 | ''


@dataclass(frozen=True, slots=True)
class ParsedDocument:
    """Everything ingestion extracted from one file, before storage."""

    document: Document
    chunks: tuple[TextChunk, ...]
    tables: tuple[TableInfo, ...]
    facts: tuple[TableFact, ...]
    stated: tuple[StatedFact, ...]
    warnings: tuple[str, ...] = field(default_factory=tuple)
