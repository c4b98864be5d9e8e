"""Evaluation cases (JSONL, one per line) validated with pydantic; errors name the line."""
from __future__ import annotations

import json
from pathlib import Path

from pydantic import BaseModel, ConfigDict, ValidationError, model_validator


class CaseError(Exception):
    """A malformed case file; the message names the file and line."""


class Case(BaseModel):
    """One question with its expected answer."""

    model_config = ConfigDict(extra="allow")
    id: str
    q: str
    kind: str = "lookup"
    value: float | str | None = None
    unit: str | None = None
    doc: str | None = None
    page: int | None = None
    text_any: list[str] | None = None
    zero_or_none: bool = False
    unanswerable: bool = False

    @model_validator(mode="after")
    def _one_expectation(self):
        if self.value is None and not self.zero_or_none and not self.unanswerable and not self.text_any:
            raise ValueError("a case needs value, zero_or_none, unanswerable or text_any")
        return self


def load_cases(path: str | Path) -> list[Case]:
    """Cases from a JSONL file (or every *.jsonl in a folder); blank and # lines skipped."""
    path = Path(path)
    files = sorted(path.glob("*.jsonl")) if path.is_dir() else [path]
    out: list[Case] = []
    seen: set[str] = set()
    for f in files:
        if f.name.startswith("audit"):
            continue
        for n, line in enumerate(f.read_text(encoding="utf-8").splitlines(), start=1):
            if not line.strip() or line.lstrip().startswith("#"):
                continue
            try:
                case = Case.model_validate(json.loads(line))
            except (json.JSONDecodeError, ValidationError) as exc:
                raise CaseError(f"{f}:{n}: 无效的用例：{str(exc).splitlines()[0]}") from exc
            if case.id in seen:
                raise CaseError(f"{f}:{n}: 重复的用例 id {case.id!r}")
            seen.add(case.id)
            out.append(case)
    return out
