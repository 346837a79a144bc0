"""Who acted first (``relate.first_movers``): "protesters attacked police first" against "police fired
at marchers first", on real parses."""

from __future__ import annotations

import numpy as np
import pytest

from rashomon.model import Claim, Token


def _parsed(
    texts: dict[str, str], dates: dict[str, tuple[str, ...]] | None = None
) -> tuple[list[Claim], list[Token]]:
    pytest.importorskip("spacy")
    from rashomon.nlp import doc_to_records, load_spacy

    nlp = load_spacy("en_core_web_sm", 10_000)
    claims, tokens = [], []
    for cid, text in texts.items():
        tokens += doc_to_records(cid, nlp(text), with_entities=False)[1]
        claims.append(
            Claim(id=cid, article=cid, start=0, end=len(text), text=text, dates=(dates or {}).get(cid, ()))
        )
    return claims, tokens


def _conflicts(texts: dict[str, str], dates: dict[str, tuple[str, ...]] | None = None) -> list[str]:
    from rashomon.relate.first_movers import first_mover_conflicts

    claims, tokens = _parsed(texts, dates)
    vectors = np.ones((len(claims), 1), dtype=np.float32)
    found = first_mover_conflicts(claims, {c.id: f"g{c.id}" for c in claims}, tokens, vectors)
    return [f"{r.a}-{r.b}: {r.explanation}" for r in found]


def test_reversed_first_movers_contradict() -> None:
    found = _conflicts(
        {
            "a": "Protesters had attacked police first, throwing stones at officers.",
            "b": "Police had fired tear gas and rubber bullets at peaceful marchers first.",
            "c": "Demonstrators fired the first shots at the soldiers.",
            "d": "The army started the fighting.",
        }
    )
    said = (
        "both cannot hold: one says the protesters acted first (“attacked”), the other the police (“fired”)"
    )
    assert f"ga-gb: {said}" in found
    # the marchers police fired at are the demonstrators; the first shots at soldiers / the army started it
    assert sorted(f[:5] for f in found) == ["ga-gb", "gb-gc", "gc-gd"]  # a, c: one side under two names


def test_one_side_under_two_names_or_another_day_is_no_conflict() -> None:
    assert (
        _conflicts({"a": "Police opened fire first.", "b": "Officers opened fire first on the crowd."}) == []
    )
    assert (
        _conflicts({"a": "Police opened fire first.", "b": "Protesters attacked first."}) == []
    )  # no reversal
    days = {"a": ("2025-03-01",), "b": ("2025-03-04",)}
    texts = {"a": "Protesters attacked police first.", "b": "Police fired at protesters first."}
    assert _conflicts(texts, days) == []
    assert len(_conflicts(texts)) == 1
    assert _conflicts({"a": "Revel was first elected in 2014.", "b": "Police fired at Revel first."}) == []
