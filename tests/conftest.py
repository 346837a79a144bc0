"""Shared fixtures. The example corpus is analysed once per test session with the real models."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "soleimani-2020"


@pytest.fixture(scope="session")
def example_evidence() -> dict[str, Any]:
    """The evidence map of the bundled example corpus (skips when the model packages are missing)."""
    pytest.importorskip("spacy")
    pytest.importorskip("sentence_transformers")
    import rashomon

    return rashomon.analyze([str(EXAMPLE)]).evidence
