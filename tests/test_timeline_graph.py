"""The SemEval-2015 Task 4 timeline scorer: timelines as temporal graphs, temporal awareness."""

from __future__ import annotations

from rashomon.timeline.graph import (
    AwarenessCounts,
    Timeline,
    TimelineLine,
    normalise_anchor,
    parse_timeline,
    rank_lines,
)

GOLD = "Acme\n0\tXXXX-XX-XX\t1-4-said\n1\t2010-06-07\t1-2-unveiled\t2-3-introduced\n2\t2010-06-08\t1-5-sold\n"


def test_parse_keeps_rank_date_and_coreferent_mentions() -> None:
    timeline = parse_timeline(GOLD)
    assert timeline.entity == "Acme"
    assert timeline.lines[1] == TimelineLine(1, "2010-06-07", ("1-2-unveiled", "2-3-introduced"))


def test_unknown_parts_of_an_anchor_are_dropped() -> None:
    assert normalise_anchor("2008-03-XX") == "2008-03"
    assert normalise_anchor("1976") == "1976"
    assert normalise_anchor("XXXX-XX-XX") is None


def test_gold_against_itself_scores_one() -> None:
    counts = AwarenessCounts()
    gold = parse_timeline(GOLD)
    counts.add(gold, gold)
    assert counts.f1 == 1.0


def test_missing_events_cost_recall_and_wrong_order_costs_precision() -> None:
    gold = parse_timeline(GOLD)
    partial = Timeline("Acme", (TimelineLine(0, "2010-06-07", ("1-2-unveiled",)),))
    counts = AwarenessCounts()
    counts.add(gold, partial)
    assert counts.precision == 1.0 and counts.recall < 0.5
    reversed_order = Timeline(
        "Acme",
        (TimelineLine(0, "2010-06-08", ("1-5-sold",)), TimelineLine(1, "2010-06-07", ("1-2-unveiled",))),
    )
    wrong = AwarenessCounts()
    wrong.add(gold, reversed_order)
    assert wrong.precision < 1.0  # the dates are right, the order is not


def test_no_system_timeline_scores_zero() -> None:
    counts = AwarenessCounts()
    counts.add(parse_timeline(GOLD), None)
    assert counts.f1 == 0.0 and counts.gold > 0


def test_rank_lines_puts_undated_first_and_one_rank_per_date() -> None:
    lines = rank_lines(
        [
            ("2010-06-08", (1, 5, 0), "1-5-sold"),
            (None, (1, 4, 0), "1-4-said"),
            ("2010-06-07", (1, 2, 0), "1-2-x"),
        ]
    )
    assert [(line.rank, line.date) for line in lines] == [
        (0, "XXXX-XX-XX"),
        (1, "2010-06-07"),
        (2, "2010-06-08"),
    ]
