"""The chat model behind the LLM path; the only module that imports langchain_openai."""
from __future__ import annotations

import logging

from langchain_core.language_models import BaseChatModel
from langchain_openai import ChatOpenAI

from assistant.settings import Settings, SettingsError

log = logging.getLogger(__name__)
TIMEOUT_S = 120  # a stalled server must not hang the CLI or the web app forever


def chat_model(settings: Settings) -> BaseChatModel:
    """An OpenAI-compatible chat model from settings: temperature 0, no hidden retries."""
    if not settings.llm_model:
        raise SettingsError("没有设置 BUDGETQA_LLM_MODEL：请给出模型名，或不用 LLM（默认的确定性引擎）")
    # the key is never logged: only the model and where it is served
    log.info("LLM: model=%s base_url=%s", settings.llm_model, settings.llm_base_url or "(OpenAI 默认)")
    return ChatOpenAI(model=settings.llm_model, base_url=settings.llm_base_url or None,
                      api_key=settings.llm_api_key or "EMPTY", max_retries=0, temperature=0,
                      timeout=TIMEOUT_S)
