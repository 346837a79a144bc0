"""Text reuse across articles: wire copy, rewrites, copied passages and shared long quotes.

Why: five outlets running one agency story, or rewriting one scoop sentence by sentence, are one
origin. Attribution words alone miss this, because copied text rarely says where it came from.

How (no all-pairs step over articles):
1. every sentence of every article becomes a set of word 3-gram shingles with a MinHash signature;
   LSH buckets propose candidate sentence pairs from different articles (``minhash.py``);
2. a candidate is a near-identical sentence when its exact shingle Jaccard is ≥ ``SENTENCE_JACCARD``
   or one sentence sits inside the other (containment ≥ ``SENTENCE_CONTAINMENT``);
3. per article pair, the share of each article's text covered by such sentences says what kind of
   reuse it is: ``wire`` (one article is nearly all in the other: coverage ≥ ``WIRE_COVERAGE``),
   ``rewrite`` (coverage ≥ ``REWRITE_COVERAGE``, or most claims paraphrase the other's claims:
   MiniLM cosine ≥ ``PARAPHRASE_COS`` between claims alignment put in one group), ``passage`` (a
   few shared sentences);
   A pair counts only with two shared sentences or one of ``LONG_SENTENCE`` words: a single short
   sentence is how independent reports of one fact look. Paraphrase alone never makes a reuse record
   (independent reports of one story paraphrase each other); it only supports a rewrite;
4. shared long direct quotes (≥ ``QUOTE_WORDS`` words in quotation marks, found through exact word
   6-gram keys) are ``quote`` reuse: a common source, not a copy of each other.
Direction: the earlier article is the source; with no dates, the one the other cites, or the one with
a wire credit. Without any of these the two share a common source (``derives`` false).
Thresholds were calibrated on real articles (see docs/provenance.md, "Text reuse").
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass

import numpy as np

from rashomon.claims.outlets import outlet_key
from rashomon.model import Article, Claim, ClaimGroup, Sentence, content_id
from rashomon.model.reuse import Reuse, ReuseKind, ReuseSpan
from rashomon.model.vectors import ClaimVectors
from rashomon.provenance.minhash import MinHasher, candidate_pairs, containment, jaccard, shingles_of, words
from rashomon.provenance.wire import wire_credit

# Calibrated by hand on real articles (docs/provenance.md, "Text reuse"): on 61 LSH candidate sentence
# pairs from neus_allsides (1,380 articles), 8-11 word units are split fragments ("Chairman of the Joint
# Chiefs of Staff Gen.") or formulas ("did not respond to a request for comment") that match by chance,
# and report templates ("... economists called for 360,000 applications") match with other figures.
# Units of >= 12 words whose figures agree: precision 27/27, recall 27/32 of the true pairs.
MIN_WORDS = 12
SENTENCE_JACCARD = 0.5
SENTENCE_CONTAINMENT = 0.8
LONG_SENTENCE = 15  # the true single-sentence matches in the calibration sample were 15-45 words
WIRE_COVERAGE = 0.8
REWRITE_SENTENCES = 3
REWRITE_COVERAGE = 0.3
QUOTE_WORDS = 8
QUOTE_GRAM = 6
PARAPHRASE_COS = 0.9  # MiniLM cosine above which two claims say the same thing in other words
PARAPHRASE_SHARE = 0.5
PARAPHRASE_MIN = 3

# A quotation closes at the first closing mark of either style (pages mix them) and stays in a paragraph.
QUOTE = re.compile(r"[“\"]([^”\"\n]{20,800})[”\"]")
BOILERPLATE_PARTNERS = 2  # a unit matching two other articles of its own outlet is outlet boilerplate
FIGURE = re.compile(r"\d+(?:[.,]\d+)*")
ABBREVIATION = "".join(
    rf"(?<!\b{a}\.)" for a in ("Mr", "Ms", "Dr", "St", "Mrs", "Gen", "Sen", "Rep", "Gov", "No")
)
# Sentences for articles the nlp stage did not split (tests, the scale benchmark): not after "Mr." etc.
SPLIT = re.compile(ABBREVIATION + r"(?<=[.!?…])[\"”’]?\s+(?=[\"“‘A-Z0-9])|\n+")


@dataclass(frozen=True, slots=True)
class Unit:
    article: str
    start: int
    end: int
    shingles: frozenset[int]
    figures: frozenset[str] = frozenset()
    length: int = 0  # words


@dataclass
class _Pair:
    units: dict[str, set[int]]  # article id -> indexes of its matched units
    best: float = 0.0
    longest: int = 0  # words of the longest match, counted on its shorter side


def find_reuse(
    articles: Sequence[Article],
    claims: Sequence[Claim] = (),
    sentences: Sequence[Sentence] = (),
    vectors: ClaimVectors | None = None,
    credits: Mapping[str, str] | None = None,
    groups: Sequence[ClaimGroup] = (),
) -> tuple[Reuse, ...]:
    """Every reuse between two articles of the run, strongest kind per pair, then shared quotes.
    ``credits`` (article -> wire agency) is computed here when not given; ``groups`` (alignment's
    claim groups) propose the claim pairs checked for paraphrase."""
    by_id = {a.id: a for a in articles}
    units = article_units(articles, sentences)
    claims = _ByArticle(claims)
    pairs = _sentence_matches(units, {a.id: a.outlet for a in articles})
    paraphrased = _paraphrases(claims, vectors, groups) if vectors is not None and groups else {}
    if credits is None:
        credits = {a.id: credit for a in articles if (credit := wire_credit(a))}
    cited = _cited_outlets(claims)
    quotes = _quote_reuse(articles, claims)
    found: list[Reuse] = []
    for (a, b), pair in sorted(pairs.items()):
        count = paraphrased.get((a, b), 0)
        if _too_weak(pair):
            continue
        record = _classify(by_id[a], by_id[b], pair, units, count, claims, credits, cited)
        if record.kind != "passage" or not _all_quoted(record, quotes):
            found.append(record)
    covered = {tuple(sorted(r.articles)) for r in found if r.kind in ("wire", "rewrite")}
    found.extend(r for r in quotes if tuple(sorted(r.articles)) not in covered)
    return tuple(found)


def _all_quoted(passage: Reuse, quotes: Sequence[Reuse]) -> bool:
    """A shared sentence that is mostly a shared quotation is a common source, not one copying another."""
    pair = set(passage.articles)
    quoted = [s for q in quotes if set(q.articles) == pair for s in q.spans]
    return all(
        any(q.article == s.article and q.start < s.end and s.start < q.end for q in quoted)
        for s in passage.spans
    )


def article_units(articles: Sequence[Article], sentences: Sequence[Sentence]) -> list[Unit]:
    """Sentences long enough to be evidence of copying, from the nlp stage or split here if absent."""
    spans: dict[str, list[tuple[int, int]]] = defaultdict(list)
    for sentence in sentences:
        spans[sentence.article].append((sentence.start, sentence.end))
    units = []
    for article in articles:
        for start, end in spans.get(article.id) or _split(article.text):
            text = article.text[start:end]
            tokens = words(text)
            if len(tokens) >= MIN_WORDS:
                figures = frozenset(FIGURE.findall(text))
                units.append(Unit(article.id, start, end, shingles_of(tokens), figures, len(tokens)))
    return units


def _split(text: str) -> Iterator[tuple[int, int]]:
    start = 0
    for match in SPLIT.finditer(text):
        if match.start() > start:
            yield start, match.start()
        start = match.end()
    if start < len(text):
        yield start, len(text)


def _sentence_matches(
    units: Sequence[Unit], outlet_of: Mapping[str, str | None]
) -> dict[tuple[str, str], _Pair]:
    hasher = MinHasher()
    signatures = hasher.signatures([u.shingles for u in units])
    matches: list[tuple[int, int, float]] = []
    for i, j in candidate_pairs(signatures, [u.article for u in units]):
        a, b = units[i], units[j]
        score = max(jaccard(a.shingles, b.shingles), _contained(a.shingles, b.shingles))
        if score >= SENTENCE_JACCARD and _figures_agree(a.figures, b.figures):
            matches.append((i, j, score))
    boilerplate = _boilerplate(matches, units, outlet_of)
    pairs: dict[tuple[str, str], _Pair] = {}
    for i, j, score in matches:
        if i in boilerplate or j in boilerplate:
            continue
        a, b = units[i], units[j]
        key = (min(a.article, b.article), max(a.article, b.article))
        pair = pairs.setdefault(key, _Pair({key[0]: set(), key[1]: set()}))
        pair.units[a.article].add(i)
        pair.units[b.article].add(j)
        pair.best = max(pair.best, score)
        pair.longest = max(pair.longest, min(a.length, b.length))
    return pairs


def _boilerplate(
    matches: Sequence[tuple[int, int, float]], units: Sequence[Unit], outlet_of: Mapping[str, str | None]
) -> set[int]:
    """Units that recur in three or more articles of their own outlet ("ProPublica is a nonprofit
    newsroom ...", newsletter prompts the cleaner missed): the outlet's furniture, not copied reporting.
    Wire copy reprinted by many outlets crosses outlets and is kept."""
    partners: dict[int, set[str]] = defaultdict(set)
    for i, j, _ in matches:
        a, b = units[i], units[j]
        if outlet_of.get(a.article) and outlet_of.get(a.article) == outlet_of.get(b.article):
            partners[i].add(b.article)
            partners[j].add(a.article)
    return {unit for unit, found in partners.items() if len(found) >= BOILERPLATE_PARTNERS}


def _too_weak(pair: _Pair) -> bool:
    """One shared sentence of 12-14 words is what independent reports of one fact often look like
    ("The currency lost a third of its value on 14 March 2023."); copying shows in more, or longer."""
    shared = min(len(v) for v in pair.units.values())
    return shared < 2 and pair.longest < LONG_SENTENCE


def _figures_agree(a: frozenset[str], b: frozenset[str]) -> bool:
    """A copied sentence carries the same numbers; a template filled with other figures is not a copy."""
    return not a or not b or a <= b or b <= a


def _contained(a: frozenset[int], b: frozenset[int]) -> float:
    """Containment counts only when the smaller sentence is long enough to be a real copy."""
    if min(len(a), len(b)) < MIN_WORDS:
        return 0.0
    value = containment(a, b)
    return value if value >= SENTENCE_CONTAINMENT else 0.0


def _coverage(article: Article, indexes: set[int], units: Sequence[Unit]) -> float:
    total = _unit_chars(units).get(article.id) or 1
    return sum(units[i].end - units[i].start for i in indexes) / total


_TOTALS: dict[int, tuple[Sequence[Unit], dict[str, int]]] = {}


def _unit_chars(units: Sequence[Unit]) -> dict[str, int]:
    """Characters in each article's units, summed once per run (``_coverage`` is called per pair)."""
    cached = _TOTALS.get(id(units))
    if cached is None or cached[0] is not units:
        totals: dict[str, int] = defaultdict(int)
        for unit in units:
            totals[unit.article] += unit.end - unit.start
        _TOTALS.clear()
        cached = _TOTALS[id(units)] = (units, dict(totals))
    return cached[1]


class _ByArticle(list[Claim]):
    """The run's claims, with each article's text claims looked up without scanning them all."""

    def __init__(self, claims: Sequence[Claim]) -> None:
        super().__init__(claims)
        self.of: dict[str, list[Claim]] = defaultdict(list)
        for claim in claims:
            if claim.field == "text":
                self.of[claim.article].append(claim)


def _classify(
    a: Article,
    b: Article,
    pair: _Pair,
    units: Sequence[Unit],
    paraphrased: int,
    claims: Sequence[Claim],
    credits: Mapping[str, str],
    cited: Mapping[str, set[str]],
) -> Reuse:
    cover = max(_coverage(a, pair.units[a.id], units), _coverage(b, pair.units[b.id], units))
    shared = min(len(pair.units[a.id]), len(pair.units[b.id]))
    kind: ReuseKind = "passage"
    if cover >= WIRE_COVERAGE and shared >= 2:
        kind = "wire"
    elif shared >= REWRITE_SENTENCES and (
        cover >= REWRITE_COVERAGE or _paraphrase_rewrite(paraphrased, a.id, b.id, claims)
    ):
        kind = "rewrite"
    source, derived, derives = _direction(a, b, credits, cited)
    spans = tuple(
        ReuseSpan(units[i].article, units[i].start, units[i].end)
        for article in (source, derived)
        for i in sorted(pair.units[article.id], key=lambda k: units[k].start)
    )
    mine = [s for s in spans if s.article == derived.id or not derives]
    inside = _claims_in(claims, derived.id, mine)
    if not derives:  # a common source: both articles' claims take part
        inside += _claims_in(claims, source.id, mine)
    shared = len(pair.units[derived.id])
    evidence = f"{shared} near-identical sentence(s); coverage {cover:.2f}"
    if paraphrased:
        evidence += f"; {paraphrased} paraphrased claim(s)"
    return Reuse(
        id=content_id("reu", kind, source.id, derived.id),
        kind=kind,
        articles=(source.id, derived.id),
        derives=derives,
        spans=spans,
        score=round(max(cover, pair.best if kind == "passage" else cover), 3),
        claims=inside,
        agency=credits.get(source.id) or credits.get(derived.id) if kind != "passage" else None,
        evidence=evidence,
    )


def _direction(
    a: Article, b: Article, credits: Mapping[str, str], cited: Mapping[str, set[str]]
) -> tuple[Article, Article, bool]:
    """(source, derived, known): the earlier one; else the cited one; else the wire-credited one."""
    da, db = a.published.value, b.published.value
    if da and db and len(da) == len(db) and da != db:
        return (a, b, True) if da < db else (b, a, True)
    if a.outlet and outlet_key(a.outlet) in cited.get(b.id, set()):
        return a, b, True
    if b.outlet and outlet_key(b.outlet) in cited.get(a.id, set()):
        return b, a, True
    if (a.id in credits) != (b.id in credits):
        return (a, b, True) if a.id in credits else (b, a, True)
    return a, b, False


def _cited_outlets(claims: Sequence[Claim]) -> dict[str, set[str]]:
    cited: dict[str, set[str]] = defaultdict(set)
    for claim in claims:
        cited[claim.article].update(outlet_key(name) for name in claim.cites)
    return cited


def _claims_in(claims: Sequence[Claim], article: str, spans: Sequence[ReuseSpan]) -> tuple[str, ...]:
    own = claims.of.get(article, []) if isinstance(claims, _ByArticle) else claims
    return tuple(
        c.id
        for c in own
        if c.article == article
        and c.field == "text"
        and any(c.start < s.end and s.start < c.end for s in spans)
    )


# --- paraphrase: claims that say the same in other words, found by random-hyperplane LSH -------------


def _paraphrases(
    claims: Sequence[Claim], vectors: ClaimVectors, groups: Sequence[ClaimGroup]
) -> dict[tuple[str, str], int]:
    """Per article pair, how many claims of the pair have a near-paraphrase in the other article.

    Candidates come from the claim groups alignment already made (it compares the same vectors with
    its own blocking), so this adds one small matrix product per group, never all claims x all claims."""
    article_of = {c.id: c.article for c in claims}
    rows = vectors.rows()
    matched: dict[tuple[str, str], set[str]] = defaultdict(set)
    for group in groups:
        members = [c for c in group.claims if c in rows and c in article_of]
        if len({article_of[c] for c in members}) < 2:
            continue
        matrix = vectors.matrix[[rows[c] for c in members]]
        # einsum, not BLAS: many small products are slower with BLAS threads on a busy machine
        sims = np.einsum("ij,kj->ik", matrix, matrix)
        for i, j in zip(*np.nonzero(sims >= PARAPHRASE_COS), strict=True):
            a, b = members[int(i)], members[int(j)]
            if int(i) < int(j) and article_of[a] != article_of[b]:
                key = (min(article_of[a], article_of[b]), max(article_of[a], article_of[b]))
                matched[key].update((a, b))
    return {key: len(found) for key, found in matched.items()}


def _paraphrase_rewrite(count: int, a: str, b: str, claims: Sequence[Claim]) -> bool:
    if isinstance(claims, _ByArticle):
        sizes = [len(claims.of.get(x, [])) for x in (a, b)]
    else:
        sizes = [sum(1 for c in claims if c.article == x and c.field == "text") for x in (a, b)]
    return count >= PARAPHRASE_MIN and count >= PARAPHRASE_SHARE * sum(sizes)


# --- shared long quotes: a common source --------------------------------------------------------------


def _quotes(article: Article) -> Iterator[tuple[int, int, list[str]]]:
    for match in QUOTE.finditer(article.text):
        tokens = words(match.group(1))
        if len(tokens) >= QUOTE_WORDS:
            yield match.start(1), match.end(1), tokens


def _quote_reuse(articles: Sequence[Article], claims: Sequence[Claim]) -> list[Reuse]:
    index: dict[tuple[str, ...], list[tuple[str, int, int]]] = defaultdict(list)
    for article in articles:
        for start, end, tokens in _quotes(article):
            for k in range(len(tokens) - QUOTE_GRAM + 1):
                index[tuple(tokens[k : k + QUOTE_GRAM])].append((article.id, start, end))
    shared: dict[tuple[tuple[str, int, int], tuple[str, int, int]], int] = defaultdict(int)
    for holders in index.values():
        distinct = sorted(set(holders))
        if len({h[0] for h in distinct}) < 2:
            continue
        hubs = distinct if len(distinct) <= 20 else distinct[:3]
        for x in hubs:
            for y in distinct:
                if x < y and x[0] != y[0]:
                    shared[(x, y)] += 1
    needed = QUOTE_WORDS - QUOTE_GRAM + 1
    found = []
    for (x, y), count in sorted(shared.items()):
        if count < needed:
            continue
        spans = (ReuseSpan(*x), ReuseSpan(*y))
        inside = _claims_in(claims, x[0], spans[:1]) + _claims_in(claims, y[0], spans[1:])
        found.append(
            Reuse(
                id=content_id("reu", "quote", x[0], str(x[1]), y[0], str(y[1])),
                kind="quote",
                articles=(x[0], y[0]),
                derives=False,
                spans=spans,
                score=float(count + QUOTE_GRAM - 1),
                claims=inside,
                evidence=f"{count + QUOTE_GRAM - 1} quoted words in common",
            )
        )
    return found


def derived_from(reuse: Sequence[Reuse]) -> dict[str, str]:
    """Claim id -> the article its text was copied from, for reuse whose direction is known."""
    found: dict[str, str] = {}
    for record in reuse:
        if record.derives and record.kind != "quote":
            for claim_id in record.claims:
                found.setdefault(claim_id, record.articles[0])
    return found
