"""Target concepts across one story's articles: who and what the outlets name, under which words."""

from rashomon.framing.concepts.mentions import ConceptMention, candidate_links, candidate_mentions
from rashomon.framing.concepts.resolve import Settings, resolve_concepts

__all__ = ["ConceptMention", "Settings", "candidate_links", "candidate_mentions", "resolve_concepts"]
