"""``rashomon eval wordchoice``: target concepts across outlets on NewsWCL50 (Hamborg et al., JCDL 2019).

The primary score is the authors' mention-to-concept F1 (``_weighted_f1`` in their evaluation code,
anastasia-zhukova/XCoref ``cdcr/evaluation/calculate_scores.py``): each gold concept is scored against
the predicted concept holding most of its mentions, and the per-concept F1 values are averaged weighted
by gold concept size (see ``framing/concepts/scoring.py``). It is computed on rashomon's own candidate
mentions; the same figure on the coded phrases themselves (resolution alone) and on both, per code type,
and B³ are reported beside it. Dev is events 0-6; test the withheld events 7-9 in ``HIDDEN/``.
"""

from __future__ import annotations

from collections.abc import Hashable
from pathlib import Path

from rashomon.evaluation.registry import EvalTask, Scores, register
from rashomon.framing.concepts.benchmark import CODE_TYPES, GoldMention
from rashomon.framing.concepts.scoring import Span, b_cubed, concept_scores


def wordchoice_metrics(
    gold: list[GoldMention], assigned: dict[str, dict[Span, Hashable]]
) -> dict[str, float]:
    """Primary figures from the ``extracted`` mode; ``f1_<mode>`` for the others; per code type."""
    primary = assigned["extracted"]
    scores = concept_scores(gold, primary)
    b3_p, b3_r, b3_f = b_cubed(gold, primary)
    metrics = {
        "f1": scores.f1,
        "precision": scores.precision,
        "recall": scores.recall,
        "b3_f1": b3_f,
        "b3_precision": b3_p,
        "b3_recall": b3_r,
        "concepts": float(scores.concepts),
    }
    for mode, spans in assigned.items():
        if mode != "extracted":
            metrics[f"f1_{mode}"] = concept_scores(gold, spans).f1
            metrics[f"b3_f1_{mode}"] = b_cubed(gold, spans)[2]
    for code in CODE_TYPES:
        subset = [g for g in gold if g.code_type == code]
        if subset:
            metrics[f"f1_{code.lower().replace('-', '_')}"] = concept_scores(subset, primary).f1
    return metrics


def _run(data: Path, split: str, limit: int | None) -> Scores:
    from rashomon.framing.concepts.evaluate import evaluate

    gold, assigned = evaluate(data, split, limit)
    return Scores(
        n=len({(g.article, g.start, g.end) for g in gold}),
        metrics=wordchoice_metrics(gold, assigned),
        primary="f1",
    )


register(
    EvalTask(
        name="wordchoice",
        dataset="newswcl50",
        primary="f1",
        anchor="45.7 (Hamborg et al. 2019 TCA)",
        splits=("dev", "test"),
        run=_run,
    )
)
