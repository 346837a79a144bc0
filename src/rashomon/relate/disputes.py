"""Disputes: a claim that reports doubt, challenge or missing evidence, and the claim it targets.

The target is found from the disputed proposition alone (the words after the cue: "undercutting
*his administration's claims that the killing was ordered to stop an imminent attack*"), embedded
once per disputing claim and compared with every claim of other groups: d × n dot products for d
disputing claims, never all pairs of claims.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from itertools import pairwise

import numpy as np
import numpy.typing as npt

from rashomon.claims.reporting import CLAIM_NOUNS, EMBEDDED_QUESTION
from rashomon.model import Claim, Entity, Relation
from rashomon.relate.cues import (
    answers_previous,
    dispute_cue,
    disputed_part,
    disputed_source,
    refused_object,
    short_object,
    trailing_dispute,
)
from rashomon.timeline.events import stems

# A disputed proposition restates its target loosely; 0.5 cosine between MiniLM embeddings is where a
# paraphrase of the same proposition usually starts (all-MiniLM-L6-v2's STS-B behaviour: unrelated news
# sentences on one story sit around 0.2-0.4). Set by inspection, not fitted: no dispute benchmark ships.
TARGET_MIN_COSINE = 0.5
TARGETS_PER_DISPUTE = 1
# How far around a doubt naming whose claims it rejects ("dismissed Kestrania's claims") those claims are
# looked for in its own article first, in characters: about two paragraphs before, one after.
REPORTED_BEFORE = 1200
REPORTED_AFTER = 600
# A target holding the doubt's named object ("sabotage") needs only to be on the same subject.
ABOUT_MIN_COSINE = 0.1
# An embedded question (``EMBEDDED_QUESTION``: "how imminent an attack was", "whether he knew") asserts
# nothing, so nothing in it can be disputed; it is often the doubt itself ("officials have not said how
# imminent ...").
# Not knowing what a thing is ("could not confirm what the drone was carrying", "could not verify whether
# ...") disputes no claim; doubting *who* did something ("raised doubts about who fired") does.
UNKNOWN = re.compile(
    r"\b(?:verify|confirm|corroborate|establish|determine|say|know)\s+(?:what|whether|how|why|when|where|if)\b",
    re.IGNORECASE,
)


# A question about what should, would or could be ("whether practices should be overhauled", "what his plan
# would encompass") is about a course or a prospect, not about what someone claimed happened ("doubts about
# who fired the rockets").
OPEN_MODAL = re.compile(r"\b(?:should|would|could|might|may|must|will|can|ought)\b", re.IGNORECASE)


# A denial whose object is someone's words, not a pronoun: "denied the allegations", "rejected those claims".
CLAIM_OBJECT = re.compile(r"\b(?:" + CLAIM_NOUNS + r")\W*$", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class DisputeCandidate:
    claim: int
    cue: str
    proposition: str
    # Set when the doubt names its object in a word or two ("no evidence of sabotage"): the target must
    # hold these words (5-letter stems), and the whole claim stands for the proposition.
    about: frozenset[str] = frozenset()
    # Set for a denial that points back ("the ministry denied the claim"): the claim it answers.
    answers: int | None = None
    # Set when the doubt names whose claims it rejects ("the union's claims"): a word the target's speaker
    # must hold ("union": the Kessmoor Chemical Workers' Union, or its chairman described so).
    source: str | None = None


def doubt(claim: Claim, context: str, tail: str = "") -> tuple[str, str] | None:
    """The dispute cue and the disputed proposition of a claim that voices doubt, else None.

    A claim doubts when the doubt is in its own words ("it is unlikely that the militia was
    responsible", "I didn't see one") or in its attribution ("Esper disputed that ...": the cue, or a
    cue of its chain). The sentence around it only supplies the proposition when the claim's own words
    after the cue are too few. A claim that merely sits inside someone else's doubt ("never shown
    evidence that *Iran was planning an attack*") is the disputed proposition, not a doubter. ``tail``:
    the words after the claim to the end of its sentence, where a doubt may follow the attribution
    ("..., said the union head, *contradicting the company's claim of an inspection*"). An open question
    doubts nothing: "could not confirm *what the drone was carrying*", "questions over *whether practices
    should be overhauled*" (what to do, not a fact).
    """
    found = _doubt(claim, context, tail)
    if found and UNKNOWN.search(f"{claim.cue or ''} {claim.text}"):
        return None
    if found and EMBEDDED_QUESTION.match(found[1]) and OPEN_MODAL.search(found[1]):
        return None
    return found


def _doubt(claim: Claim, context: str, tail: str) -> tuple[str, str] | None:
    own = dispute_cue(claim.text)
    if own:
        return own, disputed_part(claim.text) or disputed_part(context) or claim.text
    cues = [claim.cue or "", *(link.cue or "" for link in claim.chain)]
    for cue in cues:
        found = dispute_cue(cue)
        if found and refused_object(cue, claim.text):
            return None  # "Flynn rejected | a subpoena for documents": a refusal
        if found:
            return found, claim.text
    return trailing_dispute(tail)


def dispute_candidates(
    claims: Sequence[Claim],
    contexts: Sequence[str],
    tails: Sequence[str] | None = None,
    texts: Mapping[str, str] | None = None,
) -> list[DisputeCandidate]:
    """Claims that voice doubt (see ``doubt``), with the proposition each one disputes. ``texts`` (article
    id -> text) lets a denial opening a paragraph answer the paragraph before."""
    found = []
    before = _previous_claims(claims, texts)
    for index, (claim, context) in enumerate(zip(claims, contexts, strict=True)):
        answered = answers_previous(claim.text)
        previous = _answered(claims, index, before.get(index, ()))
        if answered and previous is not None:
            found.append(DisputeCandidate(index, answered, claims[previous].text, answers=previous))
            continue
        doubted = doubt(claim, context, tails[index] if tails else "")
        if doubted:
            named = short_object(claim.text) if dispute_cue(claim.text) else None
            source = disputed_source(claim.text) or disputed_source(context)
            if source:
                found.append(DisputeCandidate(index, doubted[0], claim.text, source=source))
            elif named:
                found.append(DisputeCandidate(index, doubted[0], claim.text, frozenset(stems(named))))
            else:
                found.append(DisputeCandidate(index, *doubted))
    return found


def find_disputes(
    claims: Sequence[Claim],
    group_of: dict[str, str],
    vectors: npt.NDArray[np.float32],
    candidates: Sequence[DisputeCandidate],
    propositions: npt.NDArray[np.float32],
    entities: Sequence[Entity] = (),
) -> list[Relation]:
    """``entities``: the run's, whose labels tell who a doubt's named source is ("the union's chairman")."""
    relations = []
    names = _name_stems(claims)
    labels = {e.id: " ".join(label.text.lower() for label in e.labels) for e in entities}
    doubters = {c.claim for c in candidates}  # a denial is not what another denial disputes

    def eligible(doubter: Claim, index: int) -> bool:
        target = claims[index]
        return not (
            group_of[target.id] == group_of[doubter.id]
            or _same_speaker(doubter, target)
            or dispute_cue(target.text)
            or EMBEDDED_QUESTION.match(target.text)
            or index in doubters
        )

    for candidate, vector in zip(candidates, propositions, strict=True):
        doubter = claims[candidate.claim]
        if candidate.answers is not None:  # the claim it answers, however it is worded
            if eligible(doubter, candidate.answers):
                relations.append(_dispute(doubter, claims[candidate.answers], candidate.cue, group_of, 1.0))
            continue
        scores = vectors @ vector
        order = np.argsort(-scores)
        if candidate.about:  # the target must be about the named object, however loosely it matches
            order = np.asarray([i for i in order if candidate.about <= stems(claims[int(i)].text)], int)
        if candidate.source:  # the target must be that source's: the one this article just reported first
            order = np.asarray([i for i in order if _speaks(claims[int(i)], candidate.source, labels)], int)
            near = sorted(
                (distance, int(i))
                for i in order
                if (distance := _reported_near(claims[int(i)], doubter)) is not None
            )
            first = [i for _, i in near]
            order = np.asarray([*first, *[i for i in order if int(i) not in set(first)]], int)
        named_target = bool(candidate.about or candidate.source)
        said = _roots(candidate.proposition) - names
        for target_index in order[: TARGETS_PER_DISPUTE + 8]:
            target = claims[int(target_index)]
            if not eligible(doubter, int(target_index)):
                continue
            if scores[target_index] < (ABOUT_MIN_COSINE if named_target else TARGET_MIN_COSINE):
                if candidate.source:
                    continue  # the source's claims come in the order above, not by score
                break
            if not named_target and not said & _roots(target.text):
                continue  # close only through the names both mention ("Sorel was detained" / "mistreated")
            relations.append(_dispute(doubter, target, candidate.cue, group_of, float(scores[target_index])))
            break
    return relations


def _same_speaker(a: Claim, b: Claim) -> bool:
    """One does not dispute oneself: the governor's denial that rescue teams were slow is not aimed at his
    own "our first teams were there within hours"."""
    if a.speaker_entity and a.speaker_entity == b.speaker_entity:
        return True
    return (
        a.source_type != "own_voice"
        and a.speaker is not None
        and a.speaker == b.speaker
        and a.article == b.article
    )


def _reported_near(claim: Claim, doubter: Claim) -> int | None:
    """How far ``claim`` is told from ``doubter`` in the doubter's article, when near (a paragraph or two
    before it, or the paragraph after it): "Officials in Kestrania said it was a weather drone ... The
    ministry dismissed Kestrania's claims as lies" rejects those claims; None otherwise. A claim after
    the doubt counts as farther than one before it at the same distance."""
    if claim.article != doubter.article:
        return None
    if doubter.start - REPORTED_BEFORE <= claim.start < doubter.start:
        return doubter.start - claim.start
    if doubter.end <= claim.start <= doubter.end + REPORTED_AFTER:
        return claim.start - doubter.end + 1
    return None


def _speaks(claim: Claim, source: str, labels: Mapping[str, str]) -> bool:
    """Whether a claim's speaker (or one who relayed it) is named or described with ``source``: "union" is
    the Kessmoor Chemical Workers' Union, and Anton Velk where the run calls him the union's chairman."""
    speakers = [claim.speaker or "", *(link.speaker for link in claim.chain)]
    described = labels.get(claim.speaker_entity or "", "")
    return any(source in _WORDS.findall(s.lower()) for s in [*speakers, described])


_WORDS = re.compile(r"[\w-]+")


def _dispute(doubter: Claim, target: Claim, cue: str, group_of: dict[str, str], score: float) -> Relation:
    return Relation(
        a=group_of[doubter.id],
        b=group_of[target.id],
        type="dispute",
        score=round(score, 3),
        evidence=(doubter.id, target.id),
        explanation=f"“{short(doubter.text)}” ({cue}) challenges “{short(target.text)}”",
    )


def _previous_claims(
    claims: Sequence[Claim], texts: Mapping[str, str] | None = None
) -> dict[int, tuple[int, ...]]:
    """For each claim, the body claims it may answer by "denied the claim": the one just before it, if in
    the same or the previous sentence; for a claim opening a paragraph (``texts``: article id -> text),
    the claims of the paragraph before, in order ("Ekberg wrote that ... 6 million customers. He said he
    had seen a sample. // Brightwell denied the claim.")."""
    by_article: dict[str, list[int]] = {}
    for index, claim in enumerate(claims):
        if claim.field == "text":
            by_article.setdefault(claim.article, []).append(index)
    previous: dict[int, tuple[int, ...]] = {}
    for indices in by_article.values():
        indices.sort(key=lambda i: (claims[i].start, claims[i].end))
        text = (texts or {}).get(claims[indices[0]].article, "")
        # broken[k]: a paragraph break between the (k-1)th and the kth claim
        broken = [False] + ["\n\n" in text[claims[a].end : claims[b].start] for a, b in pairwise(indices)]
        for k, index in enumerate(indices):
            if k == 0:
                previous[index] = ()
                continue
            if broken[k]:
                first = k - 1
                while first > 0 and not broken[first]:
                    first -= 1
                previous[index] = tuple(indices[first:k])
                continue
            before = indices[k - 1]
            near = (
                claims[before].sentence is not None
                and claims[index].sentence is not None
                and claims[index].sentence - claims[before].sentence <= 1  # type: ignore[operator]
            )
            previous[index] = (before,) if near else ()
    return previous


def _answered(claims: Sequence[Claim], index: int, candidates: tuple[int, ...]) -> int | None:
    """Which of the claims before a denial it answers: the first; but "denied *the allegations*" answers
    someone's claim, so the first one another speaker made, where there is one ("... undertaken an
    unrelated inquiry. On Saturday, the mayor said the official had threatened ... // The official denied
    the allegations": the mayor's)."""
    if not candidates:
        return None
    denier = claims[index]
    if CLAIM_OBJECT.search(denier.text):
        reported = (i for i in candidates if claims[i].chain and claims[i].speaker != denier.speaker)
        return next(reported, candidates[0])
    return candidates[0]


_CAPITALISED = re.compile(r"(?<=\s)[A-Z][\w'’-]+")


def _name_stems(claims: Sequence[Claim]) -> set[str]:
    """Roots of words the run's body claims capitalise mid-sentence: names, not what is said of them
    (headlines are left out: they capitalise every word)."""
    return {
        root
        for claim in claims
        if claim.field == "text"
        for root in _roots(" ".join(_CAPITALISED.findall(claim.text)))
    }


def _roots(text: str) -> set[str]:
    """Four-letter roots of the content words ("kill" for "killing" and "kill")."""
    return {stem[:4] for stem in stems(text)}


def short(text: str, limit: int = 110) -> str:
    line = " ".join(text.split())
    return line if len(line) <= limit else line[: limit - 1].rsplit(" ", 1)[0] + "…"
