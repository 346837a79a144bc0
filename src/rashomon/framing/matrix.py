"""The outlet comparison matrix: for each article and claim group, does it assert, hedge, dispute or
omit the group? An article asserts a group when one of its claims in it is not hedged, hedges it when
all its claims there are hedged, disputes it when a claim of its own belongs to a group that disputes or
contradicts this one, and omits it when ``omissions`` lists the pair."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

from rashomon.model import Claim, ClaimGroup, Relation
from rashomon.model.framing import ArticleStance, Omission


def stance_matrix(
    claims: Sequence[Claim],
    groups: Sequence[ClaimGroup],
    relations: Sequence[Relation],
    omitted: Sequence[Omission],
) -> list[ArticleStance]:
    by_id = {c.id: c for c in claims}
    members: dict[tuple[str, str], list[Claim]] = defaultdict(list)
    for group in groups:
        for claim_id in group.claims:
            if claim_id in by_id:
                members[(by_id[claim_id].article, group.id)].append(by_id[claim_id])
    cells = [_own(article, group, found) for (article, group), found in members.items()]
    cells += _disputes(groups, relations, members)
    cells += [ArticleStance(o.article, o.group, "omits", ()) for o in omitted]
    order = {"disputes": 0, "asserts": 1, "hedges": 2, "omits": 3}
    return sorted(cells, key=lambda c: (c.group, c.article, order[c.stance]))


def _own(article: str, group: str, found: list[Claim]) -> ArticleStance:
    ids = tuple(c.id for c in found)
    if all(c.hedged for c in found):
        return ArticleStance(article, group, "hedges", ids)
    return ArticleStance(article, group, "asserts", ids)


def _disputes(
    groups: Sequence[ClaimGroup], relations: Sequence[Relation], members: dict[tuple[str, str], list[Claim]]
) -> list[ArticleStance]:
    articles = {g.id: g.articles for g in groups}
    out = []
    for relation in relations:
        if relation.type == "agree":
            continue
        # A dispute runs from the doubting group (a) to the doubted one (b); a contradiction both ways.
        pairs = [(relation.a, relation.b)]
        if relation.type == "contradict":
            pairs.append((relation.b, relation.a))
        for mine, other in pairs:
            for article in articles.get(mine, ()):
                if article not in articles.get(other, ()):
                    claims = tuple(c.id for c in members.get((article, mine), []))
                    out.append(ArticleStance(article, other, "disputes", claims))
    return out
