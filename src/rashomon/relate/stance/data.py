"""Stance pairs from the two benchmark folders, laid out as ``../shared/benchmarks/{fnc1,emergent}/``.

* FNC-1: headline ↔ article body; labels agree / disagree / discuss / unrelated. ``dev`` holds out the
  bodies in ``splits/train_holdout_body_ids.txt``; ``test`` is the official competition test in ``HIDDEN/``.
* Emergent: claim ↔ article headline; labels for / against / observing. ``test`` is ``HIDDEN/``.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

from rashomon.errors import DataError

FNC_LABELS = ("agree", "disagree", "discuss", "unrelated")
EMERGENT_LABELS = ("for", "against", "observing")
LABELS = {"fnc1": FNC_LABELS, "emergent": EMERGENT_LABELS}


@dataclass(frozen=True, slots=True)
class StancePair:
    """One labelled pair: ``claim`` (FNC headline / Emergent claim) against ``text`` (body / headline).

    ``group`` keeps pairs that share a body (FNC-1) or a claim (Emergent) in one fold."""

    claim: str
    text: str
    label: str
    group: str


def _rows(path: Path) -> list[dict[str, str]]:
    if not path.is_file():
        raise DataError(f"'{path}' is missing", hint="point --data at the benchmark folder (see its README)")
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


def _check_label(path: Path, label: str, labels: tuple[str, ...]) -> str:
    if label not in labels:
        raise DataError(f"'{path}' has the unknown stance '{label}'", hint=f"labels are {', '.join(labels)}")
    return label


def read_fnc1(bodies_file: Path, stances_file: Path) -> list[StancePair]:
    bodies = {row["Body ID"]: row["articleBody"] for row in _rows(bodies_file)}
    pairs = []
    for row in _rows(stances_file):
        body_id = row["Body ID"]
        if body_id not in bodies:
            raise DataError(f"'{stances_file}' names body {body_id}, which is not in '{bodies_file}'")
        label = _check_label(stances_file, row["Stance"], FNC_LABELS)
        pairs.append(StancePair(row["Headline"], bodies[body_id], label, body_id))
    return pairs


def holdout_bodies(data: Path) -> set[str]:
    path = data / "splits" / "train_holdout_body_ids.txt"
    if not path.is_file():
        raise DataError(f"'{path}' is missing", hint="point --data at the fnc1 benchmark folder")
    return {line.strip() for line in path.read_text(encoding="utf-8").splitlines() if line.strip()}


def fnc1_split(data: Path, split: str) -> tuple[list[StancePair], list[StancePair]]:
    """(train, evaluation) pairs: dev trains on the non-holdout bodies, test on all of train."""
    train = read_fnc1(data / "train_bodies.csv", data / "train_stances.csv")
    if split == "test":
        hidden = data / "HIDDEN"
        test = read_fnc1(hidden / "competition_test_bodies.csv", hidden / "competition_test_stances.csv")
        return train, test
    held = holdout_bodies(data)
    return [p for p in train if p.group not in held], [p for p in train if p.group in held]


def read_emergent(path: Path) -> list[StancePair]:
    return [
        StancePair(
            row["claimHeadline"],
            row["articleHeadline"],
            _check_label(path, row["articleHeadlineStance"], EMERGENT_LABELS),
            row["claimId"],
        )
        for row in _rows(path)
    ]


def emergent_train(data: Path) -> list[StancePair]:
    return read_emergent(data / "emergent_train_DEV.csv")


def emergent_test(data: Path) -> list[StancePair]:
    return read_emergent(data / "HIDDEN" / "emergent_test_HIDDEN.csv")
