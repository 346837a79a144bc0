"""The unit of alignment: one claim or event mention, with the slots the pair scorer compares."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from rashomon.nlp.quantities import Quantity


@dataclass(frozen=True, slots=True)
class Mention:
    """One claim (or event mention) to align with others, across documents and within one.

    The caller computes ``embedding`` (MiniLM, L2-normalised) for all mentions in one pass; the slots hold
    normalised values so that two outlets' wordings of one fact compare equal.
    """

    key: str  # the caller's id
    document: str  # article id; two mentions of one document may still corefer
    text: str  # the claim text / the sentence context
    embedding: npt.NDArray[np.float32]  # MiniLM, L2-normalised
    entities: frozenset[str]  # resolved entity ids (or normalised names) in it
    numbers: frozenset[str]  # normalised numbers ("4", "109", "4000000")
    dates: frozenset[str]  # normalised TimeML values ("2020-01-03", "2019-06")
    predicate: str | None  # lemma of the main event word / verb
    # Whether the claim negates what it says ("no bank details were taken"); None where not read (ECB+).
    negated: bool | None = None
    # Counts the claim states, read as ranges (``nlp.quantities``); empty where not read (ECB+).
    counts: tuple[Quantity, ...] = ()
    # The days its counts are of: its own dates, else its sentence's ("By Tuesday evening the ministry said
    # 236 people had died"); empty where not read.
    occasion: frozenset[str] = frozenset()
    # Who the main verb is said of (``claim_features.claim_subject``): "entity:<name>" for a named one,
    # "word:<lemma>" for a common noun, one per coordinated subject; empty where unknown or not read.
    subject: frozenset[str] = frozenset()
    # False when the main verb is under a modal or an infinitive ("can't impeach", "to impeach"): a position
    # or an intention, which no negation contradicts (``claim_features.claim_asserted``).
    asserted: bool = True
