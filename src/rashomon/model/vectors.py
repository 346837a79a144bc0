"""Sentence embeddings of claims, computed once by the align stage and shared by later stages."""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import numpy.typing as npt


@dataclass(frozen=True, slots=True)
class ClaimVectors:
    """Row ``i`` of ``matrix`` is the L2-normalised MiniLM embedding of claim ``ids[i]``."""

    ids: tuple[str, ...] = ()
    matrix: npt.NDArray[np.float32] = field(default_factory=lambda: np.zeros((0, 384), dtype=np.float32))

    def rows(self) -> dict[str, int]:
        return {claim_id: row for row, claim_id in enumerate(self.ids)}
