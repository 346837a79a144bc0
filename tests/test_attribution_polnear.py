"""The PolNeAR brat loader, on a tiny hand-written fixture in PolNeAR's layout."""

from __future__ import annotations

from pathlib import Path

import pytest

from rashomon.claims.attribution.polnear import load_split, parse_ann
from rashomon.errors import DataError

TINY = Path(__file__).parent / "data" / "polnear_tiny"


def test_loads_articles_sorted_with_first_annotator() -> None:
    documents = load_split(TINY, "dev")
    assert [d.name for d in documents] == ["tiny_one", "tiny_two"]
    one = documents[0]
    assert one.annotator == "aaaa"  # bbbb annotated the same article; the first id wins
    assert len(one.attributions) == 3


def test_roles_and_discontinuous_content() -> None:
    one = load_split(TINY, "dev")[0]
    told = next(a for a in one.attributions if one.text[a.cue[0][0] : a.cue[0][1]] == "told")
    assert [one.text[s:e] for s, e in told.source] == ["she"]
    assert [one.text[s:e] for s, e in told.content] == ['"It is safe,"', '"and we checked it twice."']


def test_attribution_without_source() -> None:
    two = load_split(TINY, "dev")[1]
    believed = next(
        a for a in two.attributions if two.text[a.cue[0][0] : a.cue[0][1]] == "is widely believed"
    )
    assert believed.source == ()
    assert [two.text[s:e] for s, e in believed.content] == ["taxes will rise"]


def test_extra_content_roles_and_notes() -> None:
    ann = "T1\tCue 0 4\tsaid\nT2\tContent 5 9\tthis\nT3\tContent 20 24\tthat\n"
    ann += "#1\tAnnotatorNotes T1\tx\nstray text\n"
    ann += "E1\tAttribution:T1 Cue:T1 Content:T2 Content2:T3\n"
    (attribution,) = parse_ann(ann)
    assert attribution.cue == ((0, 4),)
    assert attribution.content == ((5, 9), (20, 24))


def test_limit_and_test_split() -> None:
    assert len(load_split(TINY, "dev", limit=1)) == 1
    assert [d.name for d in load_split(TINY, "test")] == ["tiny_two"]


def test_missing_folder_is_a_data_error(tmp_path: Path) -> None:
    with pytest.raises(DataError):
        load_split(tmp_path, "dev")
