"""Attribution extraction: SOURCE / CUE / CONTENT spans for each "who says what" in a news text.

A token tagger over rashomon's own parse records and frozen MiniLM token embeddings, trained on PolNeAR
(see ``docs/attribution.md``). ``AttributionTagger`` is the inference entry point.
"""

from rashomon.claims.attribution.spans import AttributionSpans
from rashomon.claims.attribution.tagger import AttributionTagger

__all__ = ["AttributionSpans", "AttributionTagger"]
