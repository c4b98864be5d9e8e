"""Answer, Citation, Calculation; to_dict() for the JSON contract."""
from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

REFUSAL = "文档中没有找到"  # every not-answerable reply starts with this marker


@dataclass(frozen=True, slots=True)
class Citation:
    """Where a number or statement came from: document, page, table, row, column, quote."""

    doc_id: str
    source: str
    page: int
    table_title: str = ""
    row_label: str = ""
    column: str = ""
    quote: str = ""
    role: str = ""  # "" for the cell or sentence the answer rests on; "同见" for the same amount elsewhere

    def to_dict(self) -> dict:
        """JSON-ready form."""
        return {"doc_id": self.doc_id, "source": self.source, "page": self.page,
                "table_title": self.table_title, "row_label": self.row_label,
                "column": self.column, "quote": self.quote, "role": self.role}

    def label(self) -> str:
        """One line for people: 《file》第N页 表 · 行 · 列：quote."""
        parts = [f"《{self.source}》第{self.page}页"]
        if self.table_title:
            parts.append(self.table_title)
        where = " · ".join(x for x in (self.row_label, self.column) if x)
        if where:
            parts.append(where)
        s = " ".join(parts)
        s = f"（{self.role}）{s}" if self.role else s
        return f"{s}：{self.quote}" if self.quote else s


@dataclass(frozen=True, slots=True)
class Calculation:
    """A computed number: the expression, its result and unit, and the cited inputs."""

    expression: str
    result: Decimal
    unit: str
    inputs: tuple[Citation, ...] = ()

    def to_dict(self) -> dict:
        """JSON-ready form."""
        return {"expression": self.expression, "result": str(self.result), "unit": self.unit,
                "inputs": [c.to_dict() for c in self.inputs]}


@dataclass(frozen=True)
class Answer:
    """The reply to one question."""

    text: str
    value: Decimal | None = None
    unit: str | None = None
    citations: list[Citation] = field(default_factory=list)
    calculation: Calculation | None = None
    answerable: bool = True
    kind: str = ""
    candidates: list[str] = field(default_factory=list)
    context: dict = field(default_factory=dict, compare=False, repr=False)

    def to_dict(self) -> dict:
        """The JSON contract: text, value (string), unit, citations, calculation, answerable."""
        return {"text": self.text, "value": None if self.value is None else str(self.value),
                "unit": self.unit, "citations": [c.to_dict() for c in self.citations],
                "calculation": self.calculation.to_dict() if self.calculation else None,
                "answerable": self.answerable, "kind": self.kind, "candidates": list(self.candidates)}


def refusal(reason: str, covered: str = "", candidates: list[str] | None = None) -> Answer:
    """A not-answerable reply that says why and what the documents do cover."""
    text = f"{REFUSAL}{reason}。" + (f"已载入的文档覆盖：{covered}。" if covered else "")
    return Answer(text=text, answerable=False, kind="refusal", candidates=candidates or [])
