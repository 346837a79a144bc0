"""Outlet profiles are exact on the hand-built maps: every count below is worked out by hand."""

from __future__ import annotations

import pytest

from outlets_fixtures import hand_stories, story_a
from rashomon.outlets.figures import Delay, Figure, Ref, wilson
from rashomon.outlets.profile import build_profiles


@pytest.fixture(scope="module")
def profiles():  # type: ignore[no-untyped-def]
    return build_profiles(hand_stories())


def counts(profile_figure: Figure) -> tuple[int, int, bool]:
    return profile_figure.hits, profile_figure.total, profile_figure.available


def test_outlets_are_identified_and_ordered_and_unknowns_listed(profiles) -> None:  # type: ignore[no-untyped-def]
    assert [p.name for p in profiles.outlets] == ["Reuters", "Agence France-Presse", "CNN", "Fox News"]
    assert profiles.unidentified == (Ref("sty_a", "a4", note="Wall"),)  # listed by headline
    assert profiles.stories == 2
    reuters = profiles.get("reuters")
    assert reuters is not None
    # a1 is in both stories: counted once, in the first; b1 is Reuters by its address
    assert reuters.articles == (Ref("sty_a", "a1"), Ref("sty_b", "b1"))
    assert reuters.claims == 3 and reuters.stories == ("sty_a", "sty_b")
    assert reuters.country == "GB" and reuters.registered


def test_reuters_originates_and_is_disputed(profiles) -> None:  # type: ignore[no-untyped-def]
    reuters = profiles.get("reuters")
    assert counts(reuters.figure("originates")) == (1, 1, True)  # c1: first of a1, a2, a3
    assert [ref.claim for ref in reuters.figure("originates").evidence] == ["c1"]
    assert counts(reuters.figure("echoes")) == (0, 1, True)
    assert [ref.claim for ref in reuters.undetermined] == ["d1"]  # '2021' vs 2 March 2021: order unknown
    assert [ref.claim for ref in reuters.exclusive] == ["c5"]
    assert counts(reuters.figure("anonymous")) == (0, 3, True)
    assert counts(reuters.figure("hedged")) == (0, 3, True)
    assert counts(reuters.figure("disputed")) == (1, 3, True)  # g1 contradicted by g4 (unknown outlet's a4)
    assert counts(reuters.figure("headline")) == (0, 2, True)
    assert reuters.words == 9 + 5  # a1: 2 + 7 words; b1: 2 + 3
    assert counts(reuters.figure("loaded")) == (1, 9, True)  # only a1 has framing: 9 words
    assert counts(reuters.figure("techniques")) == (0, 9, True)  # Loaded_Language is not another technique
    assert reuters.figure("loaded").value == pytest.approx(1000 / 9)
    assert counts(reuters.figure("omits")) == (1, 1, True)  # g4 (2 independent origins) is in a1's omits
    assert reuters.delay.days == ()


def test_fox_news_echoes_with_delay_anonymity_and_headline(profiles) -> None:  # type: ignore[no-untyped-def]
    fox = profiles.get("fox news")
    assert counts(fox.figure("echoes")) == (2, 2, True)  # c2 after a1 and a3; c4 cites Reuters
    assert {ref.claim: ref.note for ref in fox.figure("echoes").evidence} == {
        "c2": "after 2 earlier article(s)",
        "c4": "cites Reuters",
    }
    assert counts(fox.figure("originates")) == (0, 2, True)
    assert fox.delay.days == (2,) and fox.delay.median == 2.0  # 5 Jan behind a1's 3 Jan
    assert counts(fox.figure("anonymous")) == (2, 2, True)
    assert counts(fox.figure("hedged")) == (1, 2, True)
    assert counts(fox.figure("disputed")) == (1, 2, True)
    assert counts(fox.figure("loaded")) == (2, 6, True)
    assert counts(fox.figure("techniques")) == (1, 6, True)
    assert fox.techniques == {"Name_Calling,Labeling": 1}
    assert counts(fox.figure("omits")) == (0, 1, True)
    assert counts(fox.figure("headline")) == (1, 1, True)
    assert fox.figure("headline").evidence == (
        Ref("sty_a", "a2", note="headline states what the body hedges"),
    )


def test_missing_framing_is_not_available_not_zero(profiles) -> None:  # type: ignore[no-untyped-def]
    afp = profiles.get("agence france-presse")
    assert counts(afp.figure("echoes")) == (1, 1, True) and afp.delay.days == (1,)
    assert afp.figure("loaded").available is False and afp.figure("loaded").value is None
    assert afp.figure("omits").available is False
    assert afp.figure("loaded").text().startswith("n/a")
    cnn = profiles.get("cnn")
    assert counts(cnn.figure("headline")) == (1, 1, True)  # the hyphenated flag kind counts too
    assert [ref.claim for ref in cnn.undetermined] == ["d2"]
    assert cnn.figure("techniques").available is False


def test_wilson_interval_matches_published_values() -> None:
    # Newcombe (1998), Table I: 0/10 -> 0 to 0.2775; 5/10 -> 0.2366 to 0.7634; 1/29 -> 0.0061 to 0.1718
    assert wilson(0, 10) == pytest.approx((0.0, 0.2775), abs=1e-4)
    assert wilson(5, 10) == pytest.approx((0.2366, 0.7634), abs=1e-4)
    assert wilson(1, 29) == pytest.approx((0.0061, 0.1718), abs=1e-4)


def test_figure_text_shows_counts_interval_and_small_samples() -> None:
    figure = Figure("hedged", "Hedged", 5, 10, "claims")
    assert figure.text() == "5/10 claims (50%, 95% CI 24–76%, small sample)"
    big = Figure("hedged", "Hedged", 30, 100, "claims")
    assert "small" not in big.text() and big.text().startswith("30/100 claims (30%")
    rate = Figure("loaded", "Loaded", 3, 1500, "words", scale=1000)
    assert rate.text().startswith("3 in 1,500 words (2.0 per 1,000 words, 95% CI 0.7–5.9")
    assert Delay((1, 3, 10, 4)).median == 3.5


def test_a_map_without_optional_parts_does_not_break() -> None:
    evidence = story_a()
    for key in ("framing", "flags", "relations", "groups"):
        evidence.pop(key)
    evidence["claims"].append({"id": 7})  # malformed claim record: counted for an unknown article
    profiles = build_profiles([("s", evidence)])
    reuters = profiles.get("reuters")
    assert reuters is not None and reuters.claims == 2
    assert reuters.figure("loaded").available is False
    assert [ref.claim for ref in reuters.exclusive] == ["c1", "c5"]
