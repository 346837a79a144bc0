"""Dispute targets (``relate.disputes``): a missing-evidence doubt that names its object in a word or two."""

from __future__ import annotations

import numpy as np

from rashomon.model import Claim
from rashomon.relate.cues import short_object
from rashomon.relate.disputes import dispute_candidates, find_disputes


def test_evidence_of_names_the_disputed_object() -> None:
    assert short_object("The ministry has not released any evidence of sabotage.") == "sabotage"
    assert short_object("There is no evidence of foreign involvement") == "foreign involvement"
    # a longer proposition is embedded instead; other cues' objects name things, not propositions
    assert short_object("no evidence that Iran was planning an attack on four embassies") is None
    assert short_object("accused the president of “fudging” the intelligence") is None


def _claim(cid: str, text: str) -> Claim:
    return Claim(id=cid, article=cid, start=0, end=len(text), text=text)


def test_a_named_object_picks_the_claim_about_it_over_a_closer_one() -> None:
    claims = [
        _claim("d", "The Interior Ministry has not released any evidence of sabotage."),
        _claim("near", "The Interior Ministry has put the toll at eight."),
        _claim("far", "The explosion was an act of sabotage by foreign agents"),
    ]
    # The doubt shares its subject with "near" (cosine 0.6) and only its object with "far" (0.3).
    vectors = np.array([[1.0, 0.0, 0.0], [0.6, 0.8, 0.0], [0.3, 0.0, 0.954]], dtype=np.float32)
    (candidate,) = dispute_candidates(claims, ["", "", ""])
    assert candidate.about == frozenset({"sabot"})
    group_of = {"d": "g0", "near": "g1", "far": "g2"}
    (relation,) = find_disputes(claims, group_of, vectors, [candidate], vectors[:1])
    assert (relation.a, relation.b, relation.type) == ("g0", "g2", "dispute")
    assert relation.evidence == ("d", "far")


def test_without_a_claim_about_the_object_there_is_no_target() -> None:
    claims = [
        _claim("d", "The Interior Ministry has not released any evidence of sabotage."),
        _claim("near", "The Interior Ministry has put the toll at eight."),
    ]
    vectors = np.array([[1.0, 0.0], [0.8, 0.6]], dtype=np.float32)
    candidates = dispute_candidates(claims, ["", ""])
    assert find_disputes(claims, {"d": "g0", "near": "g1"}, vectors, candidates, vectors[:1]) == []


def test_a_doubt_after_the_attribution_makes_the_claim_a_doubter() -> None:
    claims = [
        _claim("d", '"Inspectors never came. Not once this year,"'),
        _claim("t", "the depot had passed a full safety inspection in March"),
    ]
    tails = [" said the union head, contradicting the company's claim of a safety inspection in March.", ""]
    (candidate,) = dispute_candidates(claims, [c.text for c in claims], tails)
    assert candidate.cue == "contradicting"
    assert candidate.proposition == "the company's claim of a safety inspection in March"
    # without the trailing clause the quote alone is no doubt
    assert dispute_candidates(claims, [c.text for c in claims], ["", ""]) == []


def test_a_denial_that_something_took_place_is_a_doubt_about_it() -> None:
    claims = [_claim("d", "The inspection that the company says the depot passed in March never took place")]
    (candidate,) = dispute_candidates(claims, [claims[0].text])
    assert candidate.cue == "never took place"
    assert candidate.proposition == "The inspection that the company says the depot passed in March"


def test_dismissals_and_verdicts_of_falsehood_are_doubts() -> None:
    from rashomon.relate.cues import dispute_cue

    found = dispute_cue("Zoll dismissed the opposition's claims of fraud")
    assert found == "dismissed the opposition's claims"
    assert dispute_cue("figures reported by some media were inaccurate") == "inaccurate"
    assert dispute_cue("He said the allegations were baseless") == "baseless"
    assert dispute_cue("He dismissed the minister on Friday") is None


def test_a_dismissal_names_what_it_dismisses() -> None:
    text = "Varga dismissed the reports about the contracts as fabrications spread by foreign media."
    assert short_object(text) == "contracts"
    assert short_object("She dismissed the claims as nonsense.") is None  # nothing named: embed the claim


def test_claims_that_x_are_baseless_dispute_x() -> None:
    from rashomon.relate.cues import disputed_part

    assert disputed_part("Claims that Sorel was mistreated are baseless") == "Sorel was mistreated"


def test_a_denial_pointing_back_answers_the_claim_before_it() -> None:
    claims = [
        Claim(id="b", article="a", start=0, end=30, text="she had been beaten by an officer", sentence=0),
        Claim(
            id="d", article="a", start=40, end=78, text="The Interior Ministry denied the claim", sentence=1
        ),
        Claim(
            id="x", article="z", start=0, end=40, text="Sorel was detained on Monday by police", sentence=0
        ),
    ]
    (candidate,) = dispute_candidates(claims, ["", "", ""])
    assert candidate.answers == 0
    # the claim answered wins however far its vector is from the denial's
    vectors = np.array([[0.0, 1.0], [1.0, 0.0], [1.0, 0.0]], dtype=np.float32)
    group_of = {"b": "g0", "d": "g1", "x": "g2"}
    (relation,) = find_disputes(claims, group_of, vectors, [candidate], vectors[:1])
    assert relation.evidence == ("d", "b")


def test_a_target_close_only_through_a_shared_name_is_refused() -> None:
    claims = [
        _claim("d", "Claims that Sorel was mistreated are baseless"),
        Claim(
            id="n", article="n", start=0, end=40, text="Police said Sorel was detained on Monday", sentence=0
        ),
    ]
    vectors = np.array([[1.0, 0.0], [0.9, 0.436]], dtype=np.float32)
    candidates = dispute_candidates(claims, ["", ""])
    assert find_disputes(claims, {"d": "g0", "n": "g1"}, vectors, candidates, vectors[:1]) == []


def test_an_adjective_disputed_and_unverified_claims() -> None:
    from rashomon.relate.cues import dispute_cue

    assert dispute_cue("Police and protesters clash after disputed vote") is None
    assert dispute_cue("the result of Sunday's disputed vote") is None
    assert dispute_cue("The opposition disputed the result") == "disputed"
    assert dispute_cue("The mission said it could not verify the results") == "could not verify"
    assert short_object("it could not verify the results") == "results"
    assert short_object("The documents could not be independently verified.") == "documents"
    assert short_object("It could not be verified.") is None


def test_a_rejection_of_a_sources_claims_targets_that_sources_claims() -> None:
    from rashomon.model import ChainLink

    claims = [
        _claim("d", "the union's claims as baseless"),
        _claim("near", "The company's claims about the valve are false statements about the union"),
        Claim(
            id="u",
            article="u",
            start=0,
            end=10,
            text="managers ignored repeated warnings about leaks",
            speaker="Anton Velk",
            speaker_entity="ent_velk",
            chain=(ChainLink("Anton Velk", "said"),),
        ),
    ]
    from rashomon.model import Entity, EntityLabel

    velk = Entity(
        id="ent_velk",
        name="Anton Velk",
        type="PERSON",
        aliases=(),
        mentions=(),
        labels=(EntityLabel("u", 0, 16, "union's chairman"),),
    )
    vectors = np.array([[1.0, 0.0], [0.9, 0.436], [0.3, 0.954]], dtype=np.float32)
    (candidate,) = dispute_candidates(claims, ["Halbrenn rejected the union's claims as baseless.", "", ""])
    assert candidate.source == "union"
    group_of = {"d": "g0", "near": "g1", "u": "g2"}
    (relation,) = find_disputes(claims, group_of, vectors, [candidate], vectors[:1], [velk])
    assert relation.evidence == ("d", "u")  # the chairman the run describes as the union's
    said_what = _claim("w", "rejected his administration's claims that the attack was imminent")
    (spelled,) = dispute_candidates([said_what], [""])
    assert spelled.source is None  # the doubt says what was claimed: that is its target


def test_not_knowing_what_a_thing_is_disputes_nothing() -> None:
    unknown = Claim(
        id="u", article="u", start=0, end=27, text="what the drone was carrying", cue="could not confirm"
    )
    assert dispute_candidates([unknown], [""]) == []


def test_a_denial_of_the_allegations_answers_someone_elses_claim_not_the_narration() -> None:
    """ "... undertaken an unrelated inquiry. On Saturday, the mayor said the official had threatened to
    withhold aid. // The official emphatically denied the allegations": the mayor's claim ("denied it"
    still answers the first claim of the paragraph before)."""
    from rashomon.model import ChainLink

    for denial, answered in (("denied the allegations", 1), ("denied it", 0)):
        text = (
            "Agents have also undertaken an unrelated inquiry. On Saturday, the mayor said the official "
            f"had threatened to withhold aid.\n\nThe official emphatically {denial}"
        )

        def at(piece: str, sentence: int, speaker: str | None = None, text: str = text) -> Claim:
            start = text.index(piece)
            chain = (ChainLink(speaker, "said"),) if speaker else ()
            return Claim(
                id=piece, article="a", start=start, end=start + len(piece), text=piece, sentence=sentence,
                speaker=speaker, chain=chain,
            )  # fmt: skip

        claims = [
            at("Agents have also undertaken an unrelated inquiry", 0),
            at("the official had threatened to withhold aid", 1, "the mayor"),
            at(f"The official emphatically {denial}", 2, "The official"),
        ]
        (candidate,) = dispute_candidates(claims, ["", "", ""], texts={"a": text})
        assert candidate.answers == answered


def test_refusing_a_visit_or_a_request_disputes_no_claim() -> None:
    from rashomon.relate.cues import dispute_cue

    assert dispute_cue("We reject his visit to Mexico") is None
    assert dispute_cue("The court denied bail to the three men") is None
    assert dispute_cue("the board rejected the takeover offer") is None
    assert dispute_cue("The ministry denied the claim") == "denied"
    assert dispute_cue("He denied any wrongdoing") == "denied"
    assert dispute_cue("The ministry denied the plan existed") == "denied"


def test_quarrels_refusals_oppositions_and_negated_denials_dispute_no_claim() -> None:
    from rashomon.relate.cues import answers_previous, dispute_cue

    # a noun naming a quarrel, a nominalised refusal
    assert dispute_cue("paid $500,000 to represent Turkey in a dispute with the government") is None
    assert dispute_cue("a protest over the president's rejection of the alliances") is None
    # refusing a subpoena, an idea of doing something, a person
    assert dispute_cue("Mr. Flynn rejected a subpoena for documents") is None
    assert dispute_cue("Mr. Schumer rejected the idea of offering a down payment for the wall") is None
    assert dispute_cue("he would reject Judge Gorsuch and join the filibuster") is None
    assert dispute_cue("They rejected calls for his resignation") is None
    # a negated denial concedes or says nothing
    assert dispute_cue("He never denied the report") is None
    assert dispute_cue("the company did not dispute the figures") is None
    assert answers_previous("I didn't see those requests. I didn't deny them.") is None
    # undermining a thing is no doubt; undermining an argument is
    assert dispute_cue("a conspiracy to undermine the election") is None
    assert dispute_cue("which undermines the case for war") == "undermines"
    # what still disputes
    assert dispute_cue("He rejected the idea that the strike was illegal") == "rejected"
    assert dispute_cue("She rejected Trump's account of the call") == "rejected"
    assert dispute_cue("He denied Russia interfered") == "denied"
    assert dispute_cue("The company disputes that account") == "disputes"
    # a title is no whole name, a possessive no refused thing, "that" opens a clause
    assert dispute_cue("She rejected Mr. Trump's account of the call") == "rejected"
    assert dispute_cue("He denied the candidate's claims") == "denied"
    assert dispute_cue("Trump denied that aid to Ukraine was conditioned on investigations") == "denied"
    assert dispute_cue("The ministry not only denied the report but called it fabricated") == "denied"
    assert dispute_cue("a statement that disputes the findings") == "disputes"
    assert dispute_cue("Russia sought to undermine the election that Trump won") is None
    assert answers_previous("The ministry denied it.") == "denied"
    # the same when the cue is the attribution's and the refused thing its content
    subpoena = Claim(id="s", article="s", start=0, end=30, text="a subpoena for documents", cue="rejected")
    claimed = Claim(id="c", article="c", start=0, end=30, text="that the drone had entered", cue="denied")
    assert [c.claim for c in dispute_candidates([subpoena, claimed], ["", ""])] == [1]


def test_a_question_of_what_should_be_done_disputes_nothing() -> None:
    """ "spurring new questions over whether security practices should be overhauled" asks what to do; "raised
    doubts about who fired the rockets" doubts a claim."""
    policy = Claim(
        id="p", article="p", start=0, end=60, text="whether security practices should be overhauled",
        cue="spurring new questions over",
    )  # fmt: skip
    who = Claim(id="w", article="w", start=0, end=30, text="who fired the rockets", cue="raised doubts about")
    found = dispute_candidates([policy, who], ["", ""])
    assert [c.claim for c in found] == [1]


def test_whose_assertions_a_doubt_refutes() -> None:
    from rashomon.relate.cues import disputed_source

    refuted = "that Mueller’s findings “conclusively refute” Schiff’s “past and present assertions”"
    assert disputed_source(refuted) == "schiff"
    assert disputed_source("She rejected Trump's own account") == "trump"
    assert disputed_source("undercutting his administration’s claims that the killing was ordered") is None
