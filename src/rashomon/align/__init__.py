"""The align stage's core: which claims (or event mentions) across articles say the same thing.

``similarity`` holds the public API: ``Mention`` (one claim with its embedding and normalised slots),
``pair_features``, the calibrated ``same_probability``, ``conflicts`` (comparable slots that disagree),
``candidate_pairs`` (blocked, near-linear) and ``cluster`` (average-link with a conflict veto).
``stories`` groups whole articles into stories and their distinct events. Both models are small JSON
files fitted on ECB+ by ``python -m rashomon.align.train``.
"""

from rashomon.align.mention import Mention
from rashomon.align.similarity import (
    CALIBRATED,
    ClusterStats,
    candidate_pairs,
    cluster,
    conflicts,
    pair_features,
    same_probability,
)
from rashomon.align.stories import StoryDocument, cluster_stories

__all__ = [
    "CALIBRATED",
    "ClusterStats",
    "Mention",
    "StoryDocument",
    "candidate_pairs",
    "cluster",
    "cluster_stories",
    "conflicts",
    "pair_features",
    "same_probability",
]
