"""Stories of a run: the cleaned articles clustered online, each story named and titled.

A story's id is a content hash of its article ids, so the same articles give the same folder run after
run. Its title is the title of its most central article (the one whose words are closest to the story's
summed words), so it names what most of the articles report, not an outlier's angle.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from rashomon.model import Article
from rashomon.model.ids import content_id
from rashomon.stories.background import shipped_background
from rashomon.stories.features import StoryArticle, article_terms, day_number, frequencies_of
from rashomon.stories.online import Encoder, OnlineModel, cluster_articles, encode_leads, groups_of

# Publication dates this coarse, or only inferred as a lower bound, say too little to place an article
# in time: a year-only "on or after 2016" would push an article away from its story.
_USABLE_PRECISION = frozenset({"day", "month"})


@dataclass(frozen=True, slots=True)
class Story:
    """A set of articles about one real-world story; ``articles`` are article ids in input order."""

    id: str
    title: str
    articles: tuple[str, ...]


def story_article(article: Article) -> StoryArticle:
    published = article.published
    usable = published.precision in _USABLE_PRECISION
    return StoryArticle(
        article.id, article.title or "", article.text, day_number(published.value) if usable else None
    )


def assign_stories(
    articles: Sequence[Article], model: OnlineModel | None = None, encode: Encoder | None = None
) -> list[Story]:
    """The stories, largest first (then by their first article's position in the input). ``encode``
    embeds the leads (MiniLM when None; tests pass a fake)."""
    if not articles:
        return []
    readable = [story_article(a) for a in articles]
    if len(readable) > 1:
        groups = groups_of(cluster_articles(readable, model, encode_leads(readable, encode)))
    else:
        groups = [[0]]
    groups.sort(key=lambda members: (-len(members), members[0]))
    return [_story([articles[i] for i in members], [readable[i] for i in members]) for members in groups]


def _story(articles: Sequence[Article], readable: Sequence[StoryArticle]) -> Story:
    ids = tuple(a.id for a in articles)
    return Story(content_id("sty", *sorted(ids)), _title(articles, readable), ids)


def _title(articles: Sequence[Article], readable: Sequence[StoryArticle]) -> str:
    terms = [article_terms(a) for a in readable]
    weigh = frequencies_of(terms, shipped_background()).weigh
    vectors = [weigh(t)["words"] for t in terms]
    total: dict[str, float] = {}
    for vector in vectors:
        for term, weight in vector.items():
            total[term] = total.get(term, 0.0) + weight
    centrality = [sum(w * total.get(t, 0.0) for t, w in vector.items()) for vector in vectors]
    titled = [i for i, a in enumerate(articles) if a.title] or list(range(len(articles)))
    best = max(titled, key=lambda i: (centrality[i], -i))
    return articles[best].title or _opening(articles[best].text)


def _opening(text: str) -> str:
    line = text.strip().split("\n", 1)[0]
    return line if len(line) <= 120 else line[:117].rsplit(" ", 1)[0] + "…"
