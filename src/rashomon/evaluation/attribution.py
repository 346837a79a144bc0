"""``rashomon eval attribution``: SOURCE / CUE / CONTENT spans on PolNeAR (Newell et al., LREC 2018).

Matching follows Citron's evaluation (BBC R&D, ``citron/metrics.py`` in github.com/bbc/citron), the
system behind the anchor, so the numbers are comparable in kind:

* exact, cue: a predicted cue is right when some gold cue has the same span; recall counts the gold cues
  that some prediction matches.
* exact, source / content: a predicted attribution is right when some gold attribution's cue overlaps
  its cue AND the role's spans are identical (both absent counts: an attribution with no source in the
  text, PolNeAR's ``Attribution-no-source``, is right when the prediction has no source either).
  Content compares the list of parts, so a quote split around its cue must be found as both parts.
* overlap: token-weighted, per role: precision = role tokens predicted that lie in a gold span of the same
  role / role tokens predicted; recall = / gold role tokens (Citron's ``get_overlap_scores``). Tokens are
  ``\\w+`` runs and single punctuation marks.

One deliberate difference, for exact matching: spans are compared after trimming whitespace and
punctuation at their ends (a closing quote mark or comma inside or outside a span does not make it wrong;
PolNeAR's annotators are themselves inconsistent there), and parts separated only by punctuation or
whitespace are merged. The untrimmed comparison is reported too, as ``*_f1_exact_strict``.
"""

from __future__ import annotations

import re
import string
from collections.abc import Sequence
from pathlib import Path

from rashomon.claims.attribution.polnear import Fragments, GoldAttribution, load_split
from rashomon.claims.attribution.spans import AttributionSpans
from rashomon.evaluation.registry import EvalTask, Scores, register

ROLES = ("source", "cue", "content")
_EDGE = set(string.punctuation + string.whitespace + "“”‘’«»—–…")
_TOKEN = re.compile(r"\w+|[^\w\s]")

Scored = tuple[str, Sequence[GoldAttribution], Sequence[AttributionSpans]]


def trim(text: str, fragments: Fragments) -> Fragments:
    """Fragments without edge punctuation/whitespace; neighbours separated only by such merged.

    A span of punctuation alone (a colon as cue: ``Trump: "..."``) is kept as it is."""
    trimmed: list[tuple[int, int]] = []
    for start, end in sorted(fragments):
        while start < end and text[start] in _EDGE:
            start += 1
        while end > start and text[end - 1] in _EDGE:
            end -= 1
        if start >= end:
            continue
        if trimmed and all(c in _EDGE for c in text[trimmed[-1][1] : start]):
            trimmed[-1] = (trimmed[-1][0], end)
        else:
            trimmed.append((start, end))
    return tuple(trimmed) if trimmed or not fragments else tuple(sorted(fragments))


def predicted_roles(attribution: AttributionSpans) -> dict[str, Fragments]:
    return {
        "cue": (attribution.cue,),
        "source": (attribution.source,) if attribution.source else (),
        "content": attribution.content_fragments,
    }


def gold_roles(attribution: GoldAttribution) -> dict[str, Fragments]:
    return {"cue": attribution.cue, "source": attribution.source, "content": attribution.content}


def _overlaps(a: Fragments, b: Fragments) -> bool:
    return any(s1 < e2 and s2 < e1 for s1, e1 in a for s2, e2 in b)


def _same(
    role: str, predicted: dict[str, Fragments], gold: dict[str, Fragments], text: str, strict: bool
) -> bool:
    p, g = (predicted[role], gold[role]) if strict else (trim(text, predicted[role]), trim(text, gold[role]))
    if role == "cue":
        return p == g and bool(p)
    return p == g and _overlaps(predicted["cue"], gold["cue"])


def exact_counts(
    role: str,
    text: str,
    predicted: Sequence[dict[str, Fragments]],
    gold: Sequence[dict[str, Fragments]],
    strict: bool = False,
) -> tuple[int, int, int, int]:
    """(true predictions, predictions, found golds, golds) for one article."""
    right = sum(any(_same(role, p, g, text, strict) for g in gold) for p in predicted)
    found = sum(any(_same(role, p, g, text, strict) for p in predicted) for g in gold)
    return right, len(predicted), found, len(gold)


def _tokens(text: str, fragments: Sequence[tuple[int, int]]) -> set[int]:
    out: set[int] = set()
    for start, end in fragments:
        out.update(start + m.start() for m in _TOKEN.finditer(text[start:end]))
    return out


def overlap_counts(
    role: str, text: str, predicted: Sequence[dict[str, Fragments]], gold: Sequence[dict[str, Fragments]]
) -> tuple[int, int, int]:
    """(shared role tokens, predicted role tokens, gold role tokens); a token is keyed by its start."""
    p = _tokens(text, [f for a in predicted for f in a[role]])
    g = _tokens(text, [f for a in gold for f in a[role]])
    return len(p & g), len(p), len(g)


def _prf(right: int, predicted: int, found: int, gold: int) -> tuple[float, float, float]:
    precision = right / predicted if predicted else 0.0
    recall = found / gold if gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def score(documents: Sequence[Scored]) -> dict[str, float]:
    """Every metric: ``{role}_{precision|recall|f1}_{exact|overlap}`` plus ``{role}_f1_exact_strict``."""
    metrics: dict[str, float] = {}
    for role in ROLES:
        exact, strict, overlap = [0, 0, 0, 0], [0, 0, 0, 0], [0, 0, 0]
        for text, gold, predicted in documents:
            p = [predicted_roles(a) for a in predicted]
            g = [gold_roles(a) for a in gold]
            exact = [x + y for x, y in zip(exact, exact_counts(role, text, p, g), strict=True)]
            strict = [x + y for x, y in zip(strict, exact_counts(role, text, p, g, strict=True), strict=True)]
            overlap = [x + y for x, y in zip(overlap, overlap_counts(role, text, p, g), strict=True)]
        for kind, values in (
            ("exact", _prf(*exact)),
            ("overlap", _prf(overlap[0], overlap[1], overlap[0], overlap[2])),
        ):
            for name, value in zip(("precision", "recall", "f1"), values, strict=True):
                metrics[f"{role}_{name}_{kind}"] = round(value, 4)
        metrics[f"{role}_f1_exact_strict"] = round(_prf(*strict)[2], 4)
    return metrics


def run(data: Path, split: str, limit: int | None) -> Scores:
    from rashomon.claims.attribution.corpus import parse_texts
    from rashomon.claims.attribution.tagger import AttributionTagger

    documents = load_split(data, split, limit)
    parsed = parse_texts([d.name for d in documents], [d.text for d in documents])
    tagger = AttributionTagger()
    predictions = tagger.tag_many([(d.text, s, t) for d, (s, t) in zip(documents, parsed, strict=True)])
    scored = [(d.text, d.attributions, p) for d, p in zip(documents, predictions, strict=True)]
    return Scores(n=len(documents), metrics=score(scored), primary="source_f1_exact")


TASK = register(
    EvalTask(
        name="attribution",
        dataset="polnear",
        primary="source_f1_exact",
        anchor="Citron on PARC 3.0: source F1 0.820 exact (other corpus)",
        splits=("dev", "test"),
        run=run,
    )
)
