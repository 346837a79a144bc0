"""Informational bias (Fan et al. 2019): tangential, speculative or one-sided information framing an entity.

A sentence scorer over frozen MiniLM vectors and the story's other articles (``model``), with a
loaded-word lexicon for lexical bias, both trained on BASIL by
``python -m rashomon.framing.informational.train``.
"""

from rashomon.framing.informational.model import InformationalBiasModel

__all__ = ["InformationalBiasModel"]
