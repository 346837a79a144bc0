"""From per-token label probabilities to attributions.

1. Constrained Viterbi over the BIO labels (an ``I-X`` only after ``B-X``/``I-X``), so spans are well formed.
2. Each CUE span anchors one attribution. Each CONTENT span joins its nearest cue (several may: a quote
   split around its cue); each SOURCE span joins its nearest cue, one source per cue, nearest pairs first;
   then a cue left without a source borrows the nearest one in its sentence (a source said once serves
   several cues, and PolNeAR labels each token once).
   Distance is counted in tokens between the spans' edges, a sentence boundary costing ``SENTENCE_COST``
   tokens, so a source beside its cue in the same sentence wins over a nearer one across a full stop.
3. A cue that ends up with no content is kept only when it has a source and the tagger is sure of it
   (``BARE_CUE_CONFIDENCE``): PolNeAR annotates an attribution with its content, so a lone cue is most
   often a verb the tagger half-recognised ("makes", "received"). On the tagger's output for 200 training
   articles, cues with neither source nor content were right once in 30, and sourced cues without content
   under 0.7 confidence 28% of the time: below the ~42% (half the F1) that a prediction must reach to
   raise F1.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from rashomon.claims.attribution.features import LABELS
from rashomon.claims.attribution.spans import AttributionSpans
from rashomon.model import Token

# Checked by linking gold labels on PolNeAR dev: 4, 8 and 16 all give source 0.979-0.980 and content
# 0.899-0.903 exact F1 (0 gives content 0.877); 8 kept.
SENTENCE_COST = 8
# A content or source farther than this from every cue is dropped. Not tuned: a bound that keeps a
# stray span from linking to a cue paragraphs away.
MAX_DISTANCE = 60
# A cue without content is dropped below this mean confidence. Tuned on the tagger's output for 200
# training articles (0.5 / 0.6 / 0.7 / 0.8 / 0.9); see the module docstring.
BARE_CUE_CONFIDENCE = 0.7

_N = len(LABELS)


def _allowed() -> npt.NDArray[np.bool_]:
    allowed = np.ones((_N, _N), dtype=bool)  # previous -> next
    for j, label in enumerate(LABELS):
        if label.startswith("I-"):
            role = label[2:]
            allowed[:, j] = False
            allowed[LABELS.index(f"B-{role}"), j] = True
            allowed[j, j] = True
    return allowed


_ALLOWED = _allowed()
_START_ALLOWED = np.array([not label.startswith("I-") for label in LABELS])


def viterbi(log_probs: npt.NDArray[np.float32]) -> list[int]:
    """Best label sequence under the BIO constraints (``log_probs``: tokens x labels)."""
    return constrained_viterbi(log_probs, _ALLOWED, _START_ALLOWED)


def constrained_viterbi(
    log_probs: npt.NDArray[np.float32], allowed: npt.NDArray[np.bool_], start: npt.NDArray[np.bool_]
) -> list[int]:
    """Best label sequence where ``allowed[a, b]`` says label b may follow a and ``start`` which labels
    may open a sequence (the BIO constraints of any tag set; the propaganda tagger uses it too)."""
    n = len(log_probs)
    if n == 0:
        return []
    penalty = np.where(allowed, 0.0, -1e9)
    score = np.where(start, log_probs[0], -1e9)
    back = np.zeros((n, len(start)), dtype=np.int64)
    for i in range(1, n):
        candidates = score[:, None] + penalty
        back[i] = candidates.argmax(axis=0)
        score = candidates.max(axis=0) + log_probs[i]
    path = [int(score.argmax())]
    for i in range(n - 1, 0, -1):
        path.append(int(back[i, path[-1]]))
    return path[::-1]


@dataclass(frozen=True, slots=True)
class TaggedSpan:
    role: str  # "source" | "cue" | "content"
    first: int  # row of the first token (rows index the visible-token list)
    last: int  # row of the last token, inclusive
    confidence: float


def tagged_spans(labels: Sequence[int], probs: npt.NDArray[np.float32]) -> list[TaggedSpan]:
    spans: list[TaggedSpan] = []
    start: int | None = None
    for i, label_id in enumerate([*labels, 0]):
        label = LABELS[label_id]
        if start is not None and not label.startswith("I-"):
            role = LABELS[labels[start]][2:].lower()
            conf = float(probs[start:i, labels[start] : labels[start] + 2].sum(axis=1).mean())
            spans.append(TaggedSpan(role, start, i - 1, conf))
            start = None
        if label.startswith("B-"):
            start = i
    return spans


def _distance(a: TaggedSpan, b: TaggedSpan, sentence_of: Sequence[int]) -> int:
    lo, hi = (a, b) if a.last < b.first else (b, a)
    gap = max(0, hi.first - lo.last - 1)
    return gap + SENTENCE_COST * abs(sentence_of[hi.first] - sentence_of[lo.last])


def _nearest(span: TaggedSpan, cues: Sequence[TaggedSpan], sentence_of: Sequence[int]) -> tuple[int, int]:
    ranked = sorted((_distance(span, cue, sentence_of), k) for k, cue in enumerate(cues))
    return ranked[0]


def group(spans: Sequence[TaggedSpan], tokens: Sequence[Token]) -> list[AttributionSpans]:
    """Link sources and contents to cues; ``tokens`` are the visible tokens the rows index."""
    cues = [s for s in spans if s.role == "cue"]
    if not cues:
        return []
    sentence_of = [t.sentence for t in tokens]
    contents: dict[int, list[TaggedSpan]] = {}
    for span in (s for s in spans if s.role == "content"):
        distance, k = _nearest(span, cues, sentence_of)
        if distance <= MAX_DISTANCE:
            contents.setdefault(k, []).append(span)
    pairs = sorted(
        (_distance(src, cue, sentence_of), k, j)
        for j, src in enumerate(s for s in spans if s.role == "source")
        for k, cue in enumerate(cues)
    )
    sources = [s for s in spans if s.role == "source"]
    source_of: dict[int, TaggedSpan] = {}
    used: set[int] = set()
    for distance, k, j in pairs:
        if distance <= MAX_DISTANCE and k not in source_of and j not in used:
            source_of[k] = sources[j]
            used.add(j)
    # A source serves several cues when it is said once ("Trump said ..., adding ..."): a cue still
    # without one borrows the nearest source of its own sentence.
    for distance, k, j in pairs:
        same_sentence = sentence_of[sources[j].first] == sentence_of[cues[k].first]
        if k not in source_of and same_sentence and distance <= MAX_DISTANCE:
            source_of[k] = sources[j]
    return [
        _attribution(cue, source_of.get(k), contents.get(k, []), tokens)
        for k, cue in enumerate(cues)
        if k in contents or (k in source_of and cue.confidence >= BARE_CUE_CONFIDENCE)
    ]


def _chars(span: TaggedSpan, tokens: Sequence[Token]) -> tuple[int, int]:
    return tokens[span.first].start, tokens[span.last].end


def _attribution(
    cue: TaggedSpan, source: TaggedSpan | None, contents: Sequence[TaggedSpan], tokens: Sequence[Token]
) -> AttributionSpans:
    parts = tuple(sorted(_chars(c, tokens) for c in contents))
    envelope = (parts[0][0], parts[-1][1]) if parts else None
    return AttributionSpans(
        cue=_chars(cue, tokens),
        source=_chars(source, tokens) if source else None,
        content=envelope,
        score=round(cue.confidence, 4),
        content_parts=parts if len(parts) > 1 else (),
    )
