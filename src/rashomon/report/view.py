"""The evidence map as a reader meets it: safe lookups, numbering and phrasing shared by both reports.

Reports are written from a plain JSON-like dict that may come from an older run, another tool or a
hand edit, so nothing here trusts its shape: a malformed record is skipped, a missing value reads as
"unknown", and no lookup raises. The HTML and Markdown writers only decide how things look.
"""

from __future__ import annotations

import calendar
import re
from collections import Counter
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property
from typing import Any

Record = Mapping[str, Any]
EntitySpan = tuple[str, Record, Record]  # (entity id, entity, one of its mentions or labels)

UNKNOWN = "unknown"

# Characters that are invisible or that reorder the text around them (bidi embeddings, overrides and
# isolates; zero-width spaces; the Unicode "tag" block used to smuggle hidden text; C0/C1 controls).
# Reports show them as visible ⟨U+XXXX⟩ markers: a reader should see that they are there, and they must
# not rearrange the page. Joiners (ZWJ/ZWNJ) and LRM/RLM stay: Persian, Arabic and emoji need them.
HIDDEN_CHARACTERS = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u200b\u202a-\u202e\u2060-\u2064\u2066-\u2069"
    "\ufeff\ufff9-\ufffb\U000e0000-\U000e007f]"
)

SEASONS = {"SP": "spring", "SU": "summer", "FA": "autumn", "WI": "winter"}
# Northern-hemisphere meteorological seasons (TimeML gives no months); winter runs into the next year.
_SEASON_MONTHS = {"SP": (3, 5), "SU": (6, 8), "FA": (9, 11), "WI": (12, 14)}
_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?|-(SP|SU|FA|WI))?$")


def hidden_marker(character: str) -> str:
    return f"⟨U+{ord(character):04X}⟩"


def show_hidden(text: str) -> str:
    """Replace invisible and reordering characters by visible markers."""
    return HIDDEN_CHARACTERS.sub(lambda match: hidden_marker(match.group()), text)


# --- defensive access ----------------------------------------------------------------------------------


def records(container: Any, key: str) -> list[Record]:
    """The dict items of a list field; anything malformed is skipped so a report never fails on it."""
    value = container.get(key) if isinstance(container, Mapping) else None
    if not isinstance(value, list):
        return []
    return [item for item in value if isinstance(item, Mapping)]


def record(container: Any, key: str) -> Record:
    value = container.get(key) if isinstance(container, Mapping) else None
    return value if isinstance(value, Mapping) else {}


def string(container: Any, key: str) -> str | None:
    value = container.get(key) if isinstance(container, Mapping) else None
    if value is None or isinstance(value, Mapping | list):
        return None
    return str(value)


def strings(container: Any, key: str) -> list[str]:
    value = container.get(key) if isinstance(container, Mapping) else None
    if not isinstance(value, list):
        return []
    return [str(item) for item in value if item is not None and not isinstance(item, Mapping | list)]


def integer(container: Any, key: str) -> int | None:
    value = container.get(key) if isinstance(container, Mapping) else None
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def number(container: Any, key: str) -> float | None:
    value = container.get(key) if isinstance(container, Mapping) else None
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    return float(value)


def span_of(item: Record, text: str) -> tuple[int, int] | None:
    """(start, end) when the item's offsets are integers that lie inside text; None otherwise."""
    start, end = integer(item, "start"), integer(item, "end")
    if start is None or end is None or not 0 <= start <= end <= len(text):
        return None
    return start, end


# --- dates ---------------------------------------------------------------------------------------------


def date_bounds(value: str | None) -> tuple[date, date] | None:
    """First and last day a date of any precision covers; None when it cannot be read."""
    match = _DATE.match(value or "")
    if match is None:
        return None
    year_text, month_text, day_text, season = match.groups()
    year = int(year_text)
    try:
        if season:
            first, last = _SEASON_MONTHS[season]
            return date(year, first, 1), _month_end(year + (last - 1) // 12, (last - 1) % 12 + 1)
        if day_text:
            day = date(year, int(month_text), int(day_text))
            return day, day
        if month_text:
            return date(year, int(month_text), 1), _month_end(year, int(month_text))
        return date(year, 1, 1), date(year, 12, 31)
    except ValueError:
        return None


def _month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def date_text(value: str | None) -> str:
    """A date as a reader says it, at exactly the precision it has: "March 2024", never "1 March 2024"."""
    match = _DATE.match(value or "")
    if match is None or date_bounds(value) is None:
        return value if value else UNKNOWN
    year, month, day, season = match.groups()
    if season:
        return f"{SEASONS[season]} {year}"
    if day:
        return f"{int(day)} {calendar.month_name[int(month)]} {year}"
    if month:
        return f"{calendar.month_name[int(month)]} {year}"
    return year


def published_text(article: Record) -> str:
    """ "12 March 2024 (day, from page)" or "unknown"."""
    published = record(article, "published")
    value = string(published, "value")
    if value is None:
        return UNKNOWN
    details = [item for item in (string(published, "precision"), _source_phrase(published)) if item]
    return f"{date_text(value)} ({', '.join(details)})" if details else date_text(value)


def _source_phrase(published: Record) -> str | None:
    source = string(published, "source")
    return f"from {source}" if source else None


def story_dates(articles: Sequence[Record]) -> str:
    """Earliest to latest publication date, each at its own precision; "unknown" when none has one."""
    values = [string(record(a, "published"), "value") for a in articles]
    dated = [(bounds, value) for value in values if value and (bounds := date_bounds(value))]
    if not dated:
        return UNKNOWN
    first = min(dated, key=lambda item: item[0][0])[1]
    last = max(dated, key=lambda item: item[0][1])[1]
    span = date_text(first) if first == last else f"{date_text(first)} – {date_text(last)}"
    undated = len(values) - len(dated)
    return f"{span} ({undated} undated)" if undated else span


# --- the story as numbered things ----------------------------------------------------------------------


@dataclass(frozen=True)
class Links:
    """Where references point. The offline report is one page, so every link is an in-page anchor; the web
    app serves the story and each article on their own pages and sets their addresses here."""

    story_page: str = ""  # the page holding the story-level anchors (#claim-…, #group-…)
    article_pages: Mapping[str, str] = field(default_factory=dict)  # article id -> its page

    def story(self, anchor: str) -> str:
        return f"{self.story_page}#{anchor}"

    def article(self, article_id: str | None, anchor: str) -> str:
        return f"{self.article_pages.get(article_id or '', '')}#{anchor}"


@dataclass(frozen=True)
class Story:
    """Lookups and reader-facing numbers: articles #1..n, claims 1.1, 1.2 ..., groups G1.., events E1.."""

    evidence: Record
    articles: list[Record]
    article_number: dict[str, int]
    claims: list[Record]
    claim_label: dict[str, str]
    claim_by_id: dict[str, Record]
    groups: list[Record]
    group_label: dict[str, str]
    group_by_id: dict[str, Record]
    entity_by_id: dict[str, Record]
    links: Links = Links()

    def article(self, article_id: str | None) -> Record:
        number = self.article_number.get(article_id or "")
        return self.articles[number - 1] if number else {}

    def article_name(self, article_id: str | None) -> str:
        """ "#2 Northgate Daily"; an id not in the map is shown as itself so nothing silently vanishes."""
        number = self.article_number.get(article_id or "")
        if number is None:
            return f"{article_id} (not in this map)"
        return f"#{number} {outlet_name(self.articles[number - 1])}"

    def claims_of(self, article_id: str) -> list[Record]:
        return list(self._claims_by_article.get(article_id, ()))

    def group_of_claim(self, claim_id: str) -> Record | None:
        """The first group that lists the claim."""
        return self._group_by_claim.get(claim_id)

    def entity_spans(self, article_id: str, key: str) -> list[EntitySpan]:
        """(entity id, entity, span) for each of the entities' ``key`` spans ("mentions" or "labels") in
        the article, in entity order and each entity's own order."""
        return (self._mentions if key == "mentions" else self._labels).get(article_id, [])

    # Indexes built on first use (the dataclass is frozen; cached_property writes past __setattr__): a
    # report of thousands of claims looks each claim's group and each article's spans up, not scans.
    @cached_property
    def _claims_by_article(self) -> dict[str, list[Record]]:
        found: dict[str, list[Record]] = {}
        for claim in self.claims:
            if (article := string(claim, "article")) is not None:
                found.setdefault(article, []).append(claim)
        return found

    @cached_property
    def _group_by_claim(self) -> dict[str, Record]:
        found: dict[str, Record] = {}
        for group in self.groups:
            for claim_id in strings(group, "claims"):
                found.setdefault(claim_id, group)
        return found

    @cached_property
    def _mentions(self) -> dict[str, list[EntitySpan]]:
        return _spans_by_article(self.entity_by_id, "mentions")

    @cached_property
    def _labels(self) -> dict[str, list[EntitySpan]]:
        return _spans_by_article(self.entity_by_id, "labels")

    def entity_name(self, entity_id: str | None) -> str:
        entity = self.entity_by_id.get(entity_id or "")
        return (string(entity, "name") or UNKNOWN) if entity else f"{entity_id} (not in this map)"


def _spans_by_article(entities: Mapping[str, Record], key: str) -> dict[str, list[EntitySpan]]:
    found: dict[str, list[EntitySpan]] = {}
    for entity_id, entity in entities.items():
        for span in records(entity, key):
            if (article := string(span, "article")) is not None:
                found.setdefault(article, []).append((entity_id, entity, span))
    return found


def read_story(evidence: Any, links: Links | None = None) -> Story:
    evidence = evidence if isinstance(evidence, Mapping) else {}
    articles = records(evidence, "articles")
    article_number = _numbering(articles)
    claims = _reading_order(records(evidence, "claims"), article_number)
    groups = records(evidence, "groups")
    return Story(
        evidence=evidence,
        articles=articles,
        article_number=article_number,
        claims=claims,
        claim_label=_claim_labels(claims, article_number),
        claim_by_id=_by_id(claims),
        groups=groups,
        group_label={gid: f"G{n}" for gid, n in _numbering(groups).items()},
        group_by_id=_by_id(groups),
        entity_by_id=_by_id(records(evidence, "entities")),
        links=links or Links(),
    )


def _numbering(items: Sequence[Record]) -> dict[str, int]:
    numbers: dict[str, int] = {}
    for index, item in enumerate(items, 1):
        numbers.setdefault(string(item, "id") or f"#{index}", index)
    return numbers


def _by_id(items: Sequence[Record]) -> dict[str, Record]:
    return {string(item, "id") or "": item for item in items}


def _reading_order(claims: list[Record], article_number: Mapping[str, int]) -> list[Record]:
    """Claims by article, headline first, then by position, as a reader meets them."""

    def key(claim: Record) -> tuple[int, int, int]:
        in_text = 0 if string(claim, "field") == "title" else 1
        return (
            article_number.get(string(claim, "article") or "", 10**9),
            in_text,
            integer(claim, "start") or 0,
        )

    return sorted(claims, key=key)


def _claim_labels(claims: Sequence[Record], article_number: Mapping[str, int]) -> dict[str, str]:
    counts: Counter[str] = Counter()
    labels: dict[str, str] = {}
    for claim in claims:
        article = string(claim, "article") or ""
        counts[article] += 1
        number = article_number.get(article)
        labels.setdefault(string(claim, "id") or "", f"{number if number else '?'}.{counts[article]}")
    return labels


# --- phrasing ------------------------------------------------------------------------------------------


def outlet_name(article: Record) -> str:
    return string(article, "outlet") or "unknown outlet"


def chain_text(claim: Record) -> str:
    """Nested attribution as "Esper (book) → Milley → O’Brien"; the speaker alone when there is no chain."""
    links = [_link_text(link) for link in records(claim, "chain")]
    links = [link for link in links if link]
    if links:
        return " → ".join(links)
    return _link_text(claim) or "no attributed speaker"


def _link_text(link: Record) -> str:
    speaker, cue = string(link, "speaker"), string(link, "cue")
    if not speaker:
        return ""
    return f"{speaker} ({cue})" if cue else speaker


def echoes(group: Record) -> int:
    """Claims in a group beyond its independent origins: re-reports that add no new source."""
    origins = integer(group, "independent_origins") or 0
    return max(0, len(strings(group, "claims")) - origins)


def origins_phrase(group: Record) -> str:
    origins = integer(group, "independent_origins")
    count = "unknown number of" if origins is None else str(origins)
    noun = "origin" if origins == 1 else "origins"
    extra = echoes(group)
    return f"{count} independent {noun}, {extra} {'echo' if extra == 1 else 'echoes'}"


def percent(value: float | None) -> str:
    return UNKNOWN if value is None else f"{round(value * 100)}%"


def input_counts(inputs: Sequence[Record]) -> list[tuple[str, int]]:
    """Outcome counts in a fixed order, so reports read the same run after run."""
    counts = Counter(string(item, "status") or UNKNOWN for item in inputs)
    order = ["analysed", "duplicate", "skipped", "failed"]
    known = [(status, counts[status]) for status in order if counts[status]]
    return known + sorted((status, n) for status, n in counts.items() if status not in order)


def contested(relations: Sequence[Record]) -> Iterator[Record]:
    return (r for r in relations if string(r, "type") in ("contradict", "dispute"))


def outlets(articles: Sequence[Record]) -> list[str]:
    return sorted({name for a in articles if (name := string(a, "outlet"))})


def plural(count: int, noun: str, many: str | None = None) -> str:
    return f"{count} {noun if count == 1 else many or noun + 's'}"


def story_headline(articles: Sequence[Record]) -> str:
    """ "3 articles from 2 outlets (1 unknown), published March 2024": what was read, said plainly."""
    known = outlets(articles)
    unknown = sum(1 for a in articles if not string(a, "outlet"))
    if known:
        source = f" from {plural(len(known), 'outlet')}" + (f" ({unknown} unknown)" if unknown else "")
    else:
        source = ", outlets unknown" if articles else ""
    return f"{plural(len(articles), 'article')}{source}, published {story_dates(articles)}"


def story_counts(evidence: Record, story: Story) -> list[str]:
    """The headline numbers, in the order both reports show them."""
    return [
        plural(len(story.claims), "claim"),
        plural(len(story.groups), "claim group"),
        f"{len(list(contested(records(evidence, 'relations'))))} contested",
        plural(len(records(evidence, "events")), "event"),
        plural(len(records(evidence, "timeline")), "dated entry", "dated entries"),
        plural(len(records(evidence, "flags")), "flag"),
    ]
