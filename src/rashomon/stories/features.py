"""What story clustering reads of an article: its terms in four TF-IDF sub-spaces, and its date.

After Miranda et al. (2018, "Multilingual Clustering of Streaming News"): an article is not one vector
but several, each compared on its own, so a shared rare name ("Soleimani") and a shared kind of event
("strike") weigh separately. The sub-spaces here are all words, the title's words, single names
(capitalised tokens and years) and multi-word names ("Qassem Soleimani"). They need only the cleaned
text, so stories can be found before the costly per-article models run.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from rashomon.align.stories import STOPWORDS

SUBSPACES = ("words", "title", "names", "entities")
# Characters of title and opening the sentence encoder reads: enough for what happened to whom, and short
# enough that encoding stays a small part of a run (MiniLM's cost grows with the tokens read).
LEAD_CHARS = 400
Vector = dict[str, float]

_TOKEN = re.compile(r"[A-Za-z][A-Za-z'’-]+|\d{4}")
_SPAN = re.compile(r"(?:[A-Z][a-zA-Z'’-]+)(?:\s+(?:[A-Z][a-zA-Z'’-]+))+")
# Capitalised words that begin sentences or headlines and name nothing.
_NOT_NAMES = STOPWORDS | frozenset(
    "mr mrs ms dr monday tuesday wednesday thursday friday saturday sunday january february march april "
    "may june july august september october november december us".split()
)
_POSSESSIVE = re.compile(r"'s?$")
# Terms kept per sub-vector, the strongest by TF-IDF: the cost of a comparison is the length of the
# article's vectors, and past ~100 terms the tail (words said once, common everywhere) moves cosines by
# little (ECB+ training B3 0.881 with all terms, see docs/stories.md).
TOP_TERMS = 100
# Characters of body read: the lead carries the story; long tails (comments, related links) add noise.
BODY_CHARS = 6000


@dataclass(frozen=True, slots=True)
class StoryArticle:
    """One article as the story clusterer reads it. ``day`` counts days since 1 January of year 1."""

    key: str
    title: str
    text: str
    day: float | None = None

    @property
    def lead(self) -> str:
        """Title and opening, the text the sentence encoder compares."""
        opening = " ".join(self.text[: LEAD_CHARS * 2].split())
        return f"{self.title}. {opening}"[:LEAD_CHARS] if self.title else opening[:LEAD_CHARS]


@dataclass(frozen=True, slots=True)
class ArticleTerms:
    """Raw term counts per sub-space; weighted by IDF once the collection's counts are known."""

    key: str
    counts: Mapping[str, Mapping[str, int]]
    day: float | None


def article_terms(article: StoryArticle) -> ArticleTerms:
    body = article.text[:BODY_CHARS]
    title = article.title or _first_sentence(body)
    full = f"{title}\n{body}"
    tokens = _tokens(full)
    words = Counter(t.lower() for t in tokens if t.lower() not in STOPWORDS and len(t) > 2)
    names = Counter(
        t.lower() for t in tokens if (t[0].isupper() or t.isdigit()) and t.lower() not in _NOT_NAMES
    )
    entities = Counter(span for span in (_entity(m) for m in _SPAN.findall(full)) if span)
    title_words = Counter(t.lower() for t in _tokens(title) if t.lower() not in STOPWORDS and len(t) > 2)
    return ArticleTerms(
        article.key,
        {"words": words, "title": title_words, "names": names, "entities": entities},
        article.day,
    )


def day_number(value: str | None) -> float | None:
    """Days since year 1 of an ISO date ('2020-01-13', '2020-01', '2020'); None when absent or invalid."""
    if not value:
        return None
    parts = value[:10].split("-")
    try:
        year = int(parts[0])
        month = int(parts[1]) if len(parts) > 1 else 7
        day = int(parts[2]) if len(parts) > 2 else 15
        return float(date(year, month, day).toordinal())
    except (ValueError, IndexError):
        return None


@dataclass(frozen=True, slots=True)
class Background:
    """Document frequencies of a general news sample per sub-space (``stories.background``), added to a
    run's own so that IDF is meaningful in a run of 5 articles as in one of 20,000. The sample counts as
    ``mass`` documents (its frequencies scaled to that many): a prior that rules a small run and fades
    as the run grows past it."""

    documents: int
    frequency: Mapping[str, Mapping[str, int]]
    mass: float

    @property
    def scale(self) -> float:
        return self.mass / self.documents if self.documents else 0.0


NO_BACKGROUND = Background(0, {space: {} for space in SUBSPACES}, 0.0)


class DocumentFrequencies:
    """Document frequencies per sub-space; ``weigh`` turns counts into L2-normalised TF-IDF vectors.

    The counts are the run's plus the ``background``'s: the run read as if appended to that sample."""

    def __init__(self, background: Background = NO_BACKGROUND) -> None:
        self.background = background
        self.documents = 0
        self.frequency: dict[str, Counter[str]] = {space: Counter() for space in SUBSPACES}

    def add(self, terms: ArticleTerms) -> None:
        self.documents += 1
        for space in SUBSPACES:
            self.frequency[space].update(terms.counts[space].keys())

    def weigh(self, terms: ArticleTerms) -> dict[str, Vector]:
        return {space: self._vector(space, terms.counts[space]) for space in SUBSPACES}

    def _vector(self, space: str, counts: Mapping[str, int]) -> Vector:
        frequency = self.frequency[space]
        prior, scale = self.background.frequency[space], self.background.scale
        n = self.documents + self.background.mass
        weights = {
            term: (1 + math.log(count))
            * (math.log((1 + n) / (1 + frequency[term] + scale * prior.get(term, 0))) + 1)
            for term, count in counts.items()
        }
        if len(weights) > TOP_TERMS:
            weights = dict(sorted(weights.items(), key=lambda kv: (-kv[1], kv[0]))[:TOP_TERMS])
        norm = math.sqrt(sum(w * w for w in weights.values())) or 1.0
        return {term: w / norm for term, w in weights.items()}


def frequencies_of(
    terms: Iterable[ArticleTerms], background: Background = NO_BACKGROUND
) -> DocumentFrequencies:
    found = DocumentFrequencies(background)
    for item in terms:
        found.add(item)
    return found


def top_terms(vector: Vector, k: int) -> Sequence[str]:
    return [term for term, _ in sorted(vector.items(), key=lambda kv: (-kv[1], kv[0]))[:k]]


def _tokens(text: str) -> list[str]:
    """Word tokens with possessives cut ("Iran’s" is "Iran") and curly apostrophes made straight."""
    return [_POSSESSIVE.sub("", t.replace("’", "'")) for t in _TOKEN.findall(text)]


def _entity(span: str) -> str:
    words = [_POSSESSIVE.sub("", w.replace("’", "'")) for w in span.split()]
    words = [w for w in words if w.lower() not in _NOT_NAMES]
    return " ".join(words).lower() if len(words) > 1 else ""


def _first_sentence(text: str) -> str:
    head = text.strip().split("\n", 1)[0]
    return re.split(r"(?<=[.!?])\s", head, maxsplit=1)[0][:300]
