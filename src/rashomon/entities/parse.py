"""Small helpers over rashomon's token records: per-article indexes, subtrees, spans."""

from __future__ import annotations

from bisect import bisect_left
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from rashomon.model import Token


@dataclass(frozen=True, slots=True)
class ParsedArticle:
    """One article's tokens with child links, for walking the dependency tree."""

    tokens: tuple[Token, ...]
    children: dict[int, tuple[int, ...]]
    starts: tuple[int, ...]
    first: int

    def token(self, index: int) -> Token:
        return self.tokens[index - self.first]

    def covering(self, start: int, end: int) -> list[Token]:
        i = max(bisect_left(self.starts, start) - 1, 0)
        found = []
        while i < len(self.tokens) and self.tokens[i].start < end:
            if self.tokens[i].end > start:
                found.append(self.tokens[i])
            i += 1
        return found

    def root_of(self, start: int, end: int) -> Token | None:
        inside = self.covering(start, end)
        indices = {t.index for t in inside}
        outside = [t for t in inside if t.head not in indices or t.head == t.index]
        return outside[-1] if outside else (inside[-1] if inside else None)

    def subtree(self, index: int) -> list[Token]:
        stack, found = [index], []
        while stack:
            current = stack.pop()
            found.append(self.token(current))
            stack.extend(self.children.get(current, ()))
        return sorted(found, key=lambda t: t.index)


def parse_articles(tokens: Sequence[Token]) -> dict[str, ParsedArticle]:
    by_article: dict[str, list[Token]] = defaultdict(list)
    for token in tokens:
        by_article[token.article].append(token)
    parsed = {}
    for article, items in by_article.items():
        items.sort(key=lambda t: t.index)
        children: dict[int, list[int]] = defaultdict(list)
        for token in items:
            if token.head != token.index:
                children[token.head].append(token.index)
        parsed[article] = ParsedArticle(
            tokens=tuple(items),
            children={k: tuple(v) for k, v in children.items()},
            starts=tuple(t.start for t in items),
            first=items[0].index,
        )
    return parsed
