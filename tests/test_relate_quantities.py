"""Counts that cannot both hold (``relate.quantities``): ranges, kinds, what is counted, and occasions."""

from __future__ import annotations

import pytest

from rashomon.model import Claim
from rashomon.nlp.quantities import describe, quantities, quantity_conflicts
from rashomon.relate.quantities import count_conflicts


def _one(text: str) -> tuple[float, float, str, str | None]:
    (found,) = quantities(text)
    return found.low, found.high, found.kind, found.counted


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Eight people died in the incident", (8, 8, "dead", "people")),
        ("The ministry has put the toll at eight.", (8, 8, "dead", None)),
        ("At least 12 dead in harbour explosion", (12, float("inf"), "dead", None)),
        ("Dozens of workers were killed", (24, 99, "dead", "workers")),
        ("Thirty-one people were injured", (31, 31, "injured", "people")),
        ("about 2,000 people were evacuated", (1500, 2300, "displaced", "people")),
        ("up to 40 people are missing", (0, 40, "missing", "people")),
        ("Several thousand people gathered in the square", (2000, 9999, "crowd", "people")),
        ("Tens of thousands of citizens marched to the square", (20000, 99999, "crowd", "citizens")),
        ("About 2,000 people took part, police said", (1500, 2300, "crowd", "people")),
        ("Turnout was 61 percent, the commission said", (61, 61, "turnout (percent)", None)),
        ("58 percent of the vote on a turnout of 67 percent", (67, 67, "turnout (percent)", None)),
    ],
)
def test_a_count_is_read_as_a_range_of_a_kind(text: str, expected: tuple[float, ...]) -> None:
    low, high, kind, counted = _one(text)
    assert (kind, counted) == expected[2:]
    assert low == pytest.approx(expected[0]) and high == pytest.approx(expected[1])


def test_two_counts_in_one_clause_each_take_their_own_kind() -> None:
    found = quantities("The blast killed at least 12 people and injured more than 40, officials said")
    assert [(q.kind, q.low) for q in found] == [("dead", 12), ("injured", pytest.approx(40))]


@pytest.mark.parametrize(
    "text",
    [
        "He was killed on June 10 in 2020",  # dates
        "Mila Oster, 52, a shopkeeper, was hurt",  # an age beside a kind word: "52" is no count of the hurt
        "Thirty-one people remain in hospital.",  # no kind word
        "Police arrested 20 people",  # arrests: a story holds many separate ones
        "Police detained 40 protesters",  # a crowd is read from its verb, not from "protesters"
        "Marsh took 37 percent of the vote",  # a share differs by whom it counts
        "It killed four workers who had come early",  # a restricted part of the toll
        "The strike killed him 10 years ago",  # a measure
    ],
)
def test_what_is_not_a_toll_is_not_read(text: str) -> None:
    assert quantities(text) == []


def test_ranges_that_meet_do_not_conflict() -> None:
    at_least = quantities("at least 12 people were killed")
    assert quantity_conflicts(at_least, quantities("The explosion killed 12 people")) == []
    assert quantity_conflicts(at_least, quantities("Dozens of people were killed")) == []
    (conflict,) = quantity_conflicts(at_least, quantities("Eight people died"))
    assert [describe(q) for q in conflict] == ["at least 12 dead", "8 dead"]


def test_a_part_conflicts_with_the_whole_only_when_it_is_larger() -> None:
    toll = quantities("The ministry put the toll at eight")
    assert quantity_conflicts(quantities("at least seven workers were among the dead"), toll) == []
    assert quantity_conflicts(quantities("Dozens of workers were killed"), toll)
    # two different things counted: neither holds the other
    assert quantity_conflicts(quantities("two soldiers died"), quantities("nine civilians died")) == []


def test_crowds_and_rates_conflict_like_tolls() -> None:
    (crowd,) = quantity_conflicts(
        quantities("Several thousand people gathered"), quantities("Tens of thousands of citizens marched")
    )
    assert [describe(q) for q in crowd] == ["a crowd of 2,000-9,999", "a crowd of 20,000-99,999"]
    (rate,) = quantity_conflicts(quantities("Turnout was 61 percent"), quantities("a turnout of 67%"))
    assert [describe(q) for q in rate] == ["turnout 61%", "turnout 67%"]
    thousands, about = quantities("Thousands marched"), quantities("About 2,000 people took part")
    assert quantity_conflicts(thousands, about) == []


def test_other_kinds_do_not_conflict() -> None:
    assert quantity_conflicts(quantities("12 people were killed"), quantities("40 people were injured")) == []


def _claim(cid: str, text: str, dates: tuple[str, ...] = ()) -> Claim:
    return Claim(id=cid, article="a", start=0, end=len(text), text=text, dates=dates)


def test_conflicting_counts_relate_their_groups_with_the_counts_as_evidence() -> None:
    claims = [
        _claim("c1", "At least 12 people were killed in the blast"),
        _claim("c2", "Eight people died in the incident, the ministry said"),
        _claim("c3", "The explosion killed 12 people"),
    ]
    group_of = {"c1": "g1", "c2": "g2", "c3": "g1"}
    relations = count_conflicts(claims, group_of)
    assert {(r.a, r.b, r.type) for r in relations} == {("g1", "g2", "contradict"), ("g2", "g1", "contradict")}
    assert all("8 dead" in r.explanation and set(r.evidence) <= {"c1", "c2", "c3"} for r in relations)


def test_counts_dated_to_different_days_are_different_occasions() -> None:
    claims = [
        _claim("c1", "Two people died in Monday's clashes", ("2025-06-09",)),
        _claim("c2", "Nine people died in the fire", ("2025-06-12",)),
    ]
    assert count_conflicts(claims, {"c1": "g1", "c2": "g2"}) == []


def test_one_crowd_counted_as_protesters_or_people_and_a_rate_with_a_number_of_its_own() -> None:
    (crowd,) = quantity_conflicts(
        quantities("about 5,000 protesters took part in the march"),
        quantities("more than 100,000 people joined it"),
    )
    assert [describe(q) for q in crowd] == ["a crowd of 3,750-5,750", "a crowd of more than 100,000"]
    assert "took part" in crowd[0].text  # the words as written
    shares = quantities("Revel won 54.2 percent and Vennick 41.8 percent, on a turnout of 68 percent")
    assert [describe(q) for q in shares] == ["turnout 68%"]  # 41.8 is a share of the vote, not the turnout


def test_none_killed_is_a_count_of_zero_and_no_one_is_not_one() -> None:
    assert [describe(q) for q in quantities("no one was killed")] == ["0 dead"]
    assert [describe(q) for q in quantities("three people were wounded and none killed")] == [
        "3 injured",
        "0 dead",
    ]
    assert [describe(q) for q in quantities("there were no deaths")] == ["0 dead"]
    assert quantities("no evidence of foul play") == []
    (conflict,) = quantity_conflicts(quantities("two border guards were killed"), quantities("none killed"))
    assert [describe(q) for q in conflict] == ["2 dead", "0 dead"]


def test_sums_of_money_compare_by_kind_and_currency() -> None:
    (fine,) = quantity_conflicts(
        quantities("a fine of 2.5 million euros"), quantities("fined her 25 million euros")
    )
    assert [describe(q) for q in fine] == ["a fine of 2,500,000 euros", "a fine of 25,000,000 euros"]
    pledged, loan = quantities("donors pledged $250 million"), quantities("approved a $50 million loan")
    assert quantity_conflicts(pledged, loan) == []  # a pledge is no loan
    assert quantities("revenue of 140 million euros") == []  # no money kind named: not read
    assert (
        quantity_conflicts(quantities("a fine of 25 million euros"), quantities("a fine of $25 million"))
        == []
    )


def test_a_magnitude_is_one_measure_of_one_event() -> None:
    (conflict,) = quantity_conflicts(
        quantities("a magnitude 6.8 earthquake"), quantities("measured it at magnitude 7.1")
    )
    assert [describe(q) for q in conflict] == ["magnitude 6.8", "magnitude 7.1"]


def test_a_running_tally_conflicts_across_days_only_when_it_falls() -> None:
    from rashomon.nlp.quantities import PUBLISHED, tally_conflicts

    saturday, sunday = {PUBLISHED + "2025-03-15"}, {PUBLISHED + "2025-03-16"}
    missing_120, missing_75 = (
        quantities("At least 120 people were still missing"),
        quantities("75 were missing"),
    )
    assert tally_conflicts(missing_120, saturday, missing_75, sunday) == []  # the missing are found
    assert tally_conflicts(missing_120, sunday, missing_75, sunday)  # one day: two accounts
    dead_12, dead_8 = quantities("killing at least 12 people"), quantities("Eight people died")
    assert tally_conflicts(dead_12, {"2025-06-10"}, dead_8, {PUBLISHED + "2025-06-12"})  # lowered later
    assert tally_conflicts(dead_8, {"2025-06-10"}, dead_12, {PUBLISHED + "2025-06-12"}) == []  # rose
    assert tally_conflicts(dead_12, {"2025-06-10"}, dead_8, {"2025-06-12"}) == []  # two named days
    assert tally_conflicts(dead_12, set(), dead_8, sunday)  # no day on one side: compared


def test_a_number_after_a_comma_starts_a_new_item() -> None:
    found = quantities("19 people were confirmed dead, 131 had been rescued and 75 were still missing")
    assert [(q.kind, q.low) for q in found] == [("dead", 19), ("rescued", 131), ("missing", 75)]
    assert [(q.kind, q.low) for q in quantities("killing 12, injuring 40")] == [("dead", 12), ("injured", 40)]
