"""Sources named as someone's role ("Anika Sorel's lawyer", "the plant's manager"), resolved across the
run's articles to the one person they describe so: a source is counted once, however it is named."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import replace

from rashomon.claims.speakers import WORD
from rashomon.model import ChainLink, Claim, Entity

POSSESSED = re.compile(r"^(?P<owner>.+)['’]s (?P<role>[\w-]+)$")


def resolve_possessed(claims: Sequence[Claim], entities: Sequence[Entity]) -> list[Claim]:
    """ "Anika Sorel's lawyer" (an article that never names him) is the one person the run's articles
    describe as a lawyer, when there is exactly one: a source is counted once, however it is named."""
    by_role: dict[str, set[str]] = defaultdict(set)
    labels: dict[str, str] = defaultdict(str)
    for entity in entities:
        if entity.type == "PERSON":
            for label in entity.labels:
                labels[entity.id] += " " + label.text.lower()
                for word in WORD.findall(label.text.lower()):
                    by_role[word].add(entity.id)
    names = {e.id: e.name for e in entities}
    resolved = []
    for claim in claims:
        match = POSSESSED.match(claim.speaker or "") if claim.speaker_entity is None else None
        people = by_role.get(match.group("role").lower(), set()) if match else set()
        owner_text = match.group("owner") if match else ""
        if match and (owner_text[:1].islower() or owner_text.startswith("The ")):
            # "the plant's manager": only a person described as the manager *of the plant*
            owner = match.group("owner").split()[-1].lower()
            people = {p for p in people if owner in labels[p]}
        if len(people) == 1:
            (person,) = people
            chain = (*claim.chain[:-1], ChainLink(names[person], claim.chain[-1].cue)) if claim.chain else ()
            claim = replace(claim, speaker=names[person], speaker_entity=person, chain=chain)
        resolved.append(claim)
    return resolved
