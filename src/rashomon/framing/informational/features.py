"""Sentence features for informational bias: the sentence's own vector plus its place in the story.

Informational bias is tangential, speculative or background information that frames an entity (Fan et al.
2019). Whether a sentence is tangential shows against the other outlets' articles on the same event (van den
Berg & Markert 2020's event context): a sentence that no other outlet reports anything like is more often
selected to frame. So beside a frozen MiniLM vector each sentence gets its similarity to the other
articles, to its own article and to the lead, its position, whether it quotes someone, hedges, numbers and
capitalised names (a cheap stand-in for named entities that needs no parser).
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence

import numpy as np
import numpy.typing as npt

Matrix = npt.NDArray[np.float32]

HEDGES = frozenset(
    "may might could would reportedly allegedly apparently likely unlikely possibly perhaps suggest suggests "
    "suggested appear appears appeared seem seems seemed expected speculation rumored rumoured claim claims "
    "claimed accused accuses critics".split()
)
# Reporting verbs that attribute the content of the sentence to someone else.
SAYING = frozenset("said says say told according stated added argued insisted noted wrote tweeted".split())
QUOTES = re.compile(r"[\"“”]")
WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*|\d[\d,.]*")

DENSE_NAMES = (
    "other_max",
    "other_top3",
    "other_min_article_max",
    "other_share_close",
    "own_centroid",
    "lead",
    "position",
    "is_first",
    "is_last",
    "log_length",
    "quoted",
    "saying",
    "hedges",
    "numbers",
    "names",
    "log_article_sentences",
)
# A cosine of MiniLM vectors above 0.5 marks two sentences on the same fact (checked by hand on a handful of
# BASIL pairs); the share of other-outlet sentences that close is one of the columns.
CLOSE = 0.5


def _surface(sentence: str) -> list[float]:
    """Lexical columns of one sentence: length, quoting, attribution, hedges, numbers, capitalised names."""
    words = WORD.findall(sentence)
    lower = [w.lower() for w in words]
    names = sum(1 for i, w in enumerate(words) if i > 0 and w[0].isupper())
    return [
        math.log1p(len(words)),
        float(bool(QUOTES.search(sentence))),
        float(any(w in SAYING for w in lower)),
        float(sum(w in HEDGES for w in lower)),
        float(sum(w[0].isdigit() for w in words)),
        math.log1p(names),
    ]


def _event_columns(own: Matrix, others: Sequence[Matrix]) -> Matrix:
    """Similarity of each sentence to the other articles: best match, top-3 mean, weakest article, share."""
    n = len(own)
    if not others or all(len(o) == 0 for o in others):
        return np.zeros((n, 4), dtype=np.float32)
    pool = np.concatenate([o for o in others if len(o)], axis=0)
    sims = own @ pool.T
    top = np.sort(sims, axis=1)[:, ::-1][:, :3]
    per_article = np.stack([(own @ o.T).max(axis=1) for o in others if len(o)], axis=1)
    return np.stack(
        [sims.max(axis=1), top.mean(axis=1), per_article.min(axis=1), (sims > CLOSE).mean(axis=1)], axis=1
    ).astype(np.float32)


def dense_features(sentences: Sequence[str], own: Matrix, others: Sequence[Matrix]) -> Matrix:
    """The hand-made columns (``DENSE_NAMES``) for every sentence of one article."""
    n = len(sentences)
    if n == 0:
        return np.zeros((0, len(DENSE_NAMES)), dtype=np.float32)
    centroid = own.mean(axis=0)
    centroid /= max(float(np.linalg.norm(centroid)), 1e-12)
    positions = np.arange(n, dtype=np.float32) / max(n - 1, 1)
    columns = np.concatenate(
        [
            _event_columns(own, others),
            (own @ centroid)[:, None],
            (own @ own[0])[:, None],
            positions[:, None],
            (np.arange(n) == 0)[:, None],
            (np.arange(n) == n - 1)[:, None],
        ],
        axis=1,
    )
    surface = np.array([_surface(s) for s in sentences], dtype=np.float32)
    size = np.full((n, 1), math.log(n), dtype=np.float32)
    return np.concatenate([columns, surface, size], axis=1).astype(np.float32)


def article_features(
    sentences: Sequence[str], middle: Matrix, own: Matrix, others: Sequence[Matrix]
) -> Matrix:
    """Full row per sentence: its middle-layer vector, then the dense columns.

    ``middle`` are the head's content vectors, ``own``/``others`` the sentence vectors of this article and
    of the story's other articles (see ``embedding``). The mean of the previous and next sentences'
    vectors was tried as a block too and lowered dev CV F1 (0.404 -> 0.390), so it is left out.
    """
    if len(sentences) == 0:
        return np.zeros((0, middle.shape[1] + len(DENSE_NAMES)), dtype=np.float32)
    return np.concatenate([middle, dense_features(sentences, own, others)], axis=1).astype(np.float32)
