"""``rashomon eval propaganda``: propaganda spans and techniques on PTC (SemEval-2020 Task 11).

Scores re-implement the official scorers (``tools/task-SI_scorer.py`` and ``tools/task-TC_scorer.py`` of
the task, see ``framing/propaganda/scoring.py``): SI span F1 with partial-overlap credit normalised per
span (primary), TC micro-F1 on the gold spans, and per-technique F1.

``dev`` is 3-fold cross-validation over the 371 training articles, grouped by article: every fold is
scored by a network retrained on the other two folds with the shipped hyper-parameters (so the figure is
honest for any code version; about 3x a training run, 10-30 minutes on one thread, times ``members`` for
a seed ensemble). The decoding biases (``decode.OUTSIDE_BIAS``, ``decode.INSIDE_BIAS``) were chosen nested
on these out-of-fold predictions (on two folds, scored on the third); the epoch count on the first fold,
so dev is slightly optimistic on that one. ``test`` scores the shipped network
(trained on all 371 articles) on the task's own dev set, withheld in ``HIDDEN/`` (75 articles).
``--limit N`` keeps the first N articles.
"""

from __future__ import annotations

from pathlib import Path

from rashomon.evaluation.registry import EvalTask, Scores, register

DEV_FOLDS = 3


def _run(data: Path, split: str, limit: int | None) -> Scores:
    import torch

    from rashomon.framing.propaganda.corpus import load_split
    from rashomon.framing.propaganda.crossval import Predictions, cross_validate, predict
    from rashomon.framing.propaganda.data import encode_articles
    from rashomon.framing.propaganda.tagger import load, read_config
    from rashomon.framing.propaganda.train import SEED

    torch.set_num_threads(1)  # the network is small; one thread is as fast and leaves the rest free
    articles = load_split(data, "test" if split == "test" else "train", limit)
    items = encode_articles(articles)
    if split == "test":
        nets, _ = load()
        predictions = predict(nets, articles, items, Predictions())
    else:
        hp, config = read_config()
        predictions = cross_validate(articles, items, hp, DEV_FOLDS, int(config.get("seed", SEED)))
    return Scores(n=len(articles), metrics=predictions.metrics(), primary="si_f1")


register(
    EvalTask(
        name="propaganda",
        dataset="propaganda_ptc",
        primary="si_f1",
        anchor="0.516 / 0.62 (SemEval-2020 winners, official test, not this dev set)",
        splits=("dev", "test"),
        run=_run,
    )
)
