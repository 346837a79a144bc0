"""How provenance (text reuse + origins) grows with the corpus: a helper for ``rashomon bench``.

``measure(n)`` builds a synthetic batch of ``n`` articles shaped like a large news story (a Zipf
vocabulary, 25 sentences an article, 10% wire reprints, 20% articles copying a few sentences, a
share of dated own-voice claims about common events, claims grouped across articles) and times the
stage's pure core, ``trace_batch``. Synthetic, so the timing measures the algorithm's growth, not
the models upstream; real stories have more boilerplate and fewer exact copies.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import replace

import numpy as np

from rashomon.model import Article, Claim, ClaimGroup, Entity, EntityMention, PublishedDate, Sentence
from rashomon.model.vectors import ClaimVectors
from rashomon.pipeline import Batch

SENTENCES, WORDS, VOCABULARY, GROUP_SIZE = 25, 18, 20000, 8


def synthetic_batch(n: int, seed: int = 5) -> Batch:
    rng = np.random.default_rng(seed)
    ranks = np.arange(1, VOCABULARY + 1)
    weights = 1.0 / ranks
    weights /= weights.sum()
    pool = [f"w{i}" for i in range(VOCABULARY)]
    texts: list[list[str]] = []
    for k in range(n):
        if k >= 10 and rng.random() < 0.1:  # a wire reprint with one word changed
            copy = list(texts[int(rng.integers(0, k))])
            copy[0] = copy[0].replace("w", "v", 1)
            texts.append(copy)
            continue
        own = [
            " ".join(pool[i] for i in rng.choice(VOCABULARY, WORDS, p=weights)) + "."
            for _ in range(SENTENCES)
        ]
        if k >= 10 and rng.random() < 0.2:  # copies three sentences of an earlier article
            source = texts[int(rng.integers(0, k))]
            own[:3] = source[:3]
        texts.append(own)
    return _batch(texts, rng)


def _batch(texts: Sequence[list[str]], rng: np.random.Generator) -> Batch:
    articles, sentences, claims = [], [], []
    for k, lines in enumerate(texts):
        text, offsets = "", []
        for line in lines:
            offsets.append((len(text), len(text) + len(line)))
            text += line + " "
        day = f"2024-{1 + k % 12:02d}-{1 + k % 28:02d}"
        articles.append(
            Article(
                id=f"a{k}",
                source=f"a{k}.txt",
                text=text,
                outlet=f"Outlet {k % 300} News",
                published=PublishedDate(value=day, precision="day", source="page"),
            )
        )
        for index, (start, end) in enumerate(offsets):
            sentences.append(Sentence(f"a{k}", index, start, end))
            dated = ("2024-01-03",) if index == 0 and rng.random() < 0.3 else ()
            cites = ("Outlet 7 News",) if index == 1 and rng.random() < 0.2 else ()
            claims.append(
                Claim(
                    id=f"c{k}_{index}",
                    article=f"a{k}",
                    start=start,
                    end=end,
                    text=text[start:end],
                    sentence=index,
                    dates=dated,
                    cites=cites,
                    source_type="outlet" if cites else "own_voice",
                )
            )
    matrix = rng.standard_normal((len(claims), 384)).astype(np.float32)
    matrix /= np.linalg.norm(matrix, axis=1, keepdims=True)
    count = max(1, len(claims) // GROUP_SIZE)  # groups of ~8 claims, each spread over 8 articles
    groups = [
        ClaimGroup(id=f"g{i}", claims=tuple(c.id for c in claims[i::count]), articles=(), summary="")
        for i in range(count)
    ]
    entity = Entity(
        id="e1",
        name="Example Person",
        type="PERSON",
        aliases=(),
        mentions=tuple(_mention(c) for c in claims if c.dates),
    )
    return Batch(
        articles=tuple(articles),
        sentences=tuple(sentences),
        claims=tuple(claims),
        groups=tuple(groups),
        entities=(entity,),
        vectors=ClaimVectors(tuple(c.id for c in claims), matrix),
    )


def _mention(claim: Claim) -> EntityMention:
    return EntityMention(claim.article, claim.start, claim.start + 3, claim.text[:3], "PERSON")


def measure(n: int) -> dict[str, float]:
    """Seconds for reuse + origins over ``n`` synthetic articles, and what was found."""
    from rashomon.provenance.stage import trace_batch

    batch = synthetic_batch(n)
    started = time.perf_counter()
    groups, reuse = trace_batch(batch)
    seconds = time.perf_counter() - started
    batch = replace(batch, groups=groups, reuse=reuse)
    return {
        "articles": float(n),
        "claims": float(len(batch.claims)),
        "seconds": round(seconds, 3),
        "reuse": float(len(reuse)),
        "wire": float(sum(1 for r in reuse if r.kind == "wire")),
    }


def growth(sizes: Sequence[int] = (500, 1000, 2000)) -> list[dict[str, float]]:
    """``measure`` at each size; ``ratio`` is the time per article relative to the smallest size
    (1.0 everywhere means linear growth; an all-pairs step would double it at each doubling)."""
    rows = [measure(n) for n in sizes]
    base = rows[0]["seconds"] / rows[0]["articles"]
    for row in rows:
        row["ratio"] = round((row["seconds"] / row["articles"]) / base, 2) if base else 0.0
    return rows
