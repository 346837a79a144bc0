"""Words news uses for events: one general vocabulary, kept in one place for the stages that read it.

``BACKGROUND_EVENTS`` are the heads the claims stage reads as background events (``claims.background``);
``EVENT_NOUNS`` widens them so the framing stage can tell an event noun from a thing
(``framing.event_acts``); ``DEADLY_EVENTS`` groups the words one story uses for one deadly event, so the
timeline can date "died in the blast" by "the explosion on June 10" (``timeline.flags``). None is drawn
from any one story.
"""

from __future__ import annotations

# Nouns that name a happening rather than a thing: the heads of background event phrases. Written for
# the shapes news repeats as background (attacks, disasters, accidents, votes); a noun outside the
# list is simply not a background event (the sentence keeps its attributed claim).
BACKGROUND_EVENTS = frozenset(
    {
        "ambush", "arrest", "assassination", "attack", "airstrike", "blast", "bombing", "collapse",
        "collision", "coup", "crash", "death", "derailment", "earthquake", "election", "eruption",
        "execution", "explosion", "fire", "flood", "flooding", "hijacking", "hurricane", "invasion",
        "kidnapping", "killing", "landslide", "massacre", "murder", "quake", "raid", "referendum",
        "riot", "shooting", "shootings", "siege", "stabbing", "storm", "strike", "tornado", "tsunami",
        "uprising", "vote", "wildfire",
    }
)  # fmt: skip
# What news reports happen, for the framing stage: the background heads and more of the same general
# vocabulary (disasters, violence, unrest, politics, crime), for the eventive nouns morphology cannot
# tell ("earthquake", "fire", "riot"). A noun is also eventive when its article uses it, or its family,
# as a verb ("the blast" beside "it blasted"; "the explosion" beside "exploded"), or when it heads a
# headline.
EVENT_NOUNS = BACKGROUND_EVENTS | frozenset(
    "tremor aftershock cyclone typhoon blaze eruption avalanche drought famine outbreak epidemic pandemic "
    "accident incident disaster tragedy catastrophe spill leak assault offensive war battle clash clashes "
    "fighting revolt rebellion protest demonstration march rally walkout unrest violence sabotage "
    "abduction robbery heist theft ceremony summit outage blackout shutdown disruption".split()
)
# Deadly events a death is dated by ("who died in the blast"): each class holds the words one story uses
# for one event ("the blast" and "the explosion on June 10"). General news vocabulary, not one story's.
DEADLY_EVENTS = (
    "explosion explosions blast blasts exploded explode bombing bomb detonation",
    "fire fires blaze inferno wildfire",
    "earthquake quake tremor",
    "flood floods flooding",
    "storm hurricane cyclone typhoon tornado",
    "crash collision derailment accident",
    "attack attacks assault raid airstrike strike shooting massacre ambush",
    "collapse",
)
# Verbs one story uses for one act ("detained" / "arrested" / "abducted"): claims with two of them about
# the same people are comparable, so a different date or number between them is a conflict, not two
# accounts of one thing merged. General news vocabulary; a verb outside every class is its own class.
ACT_CLASSES = (
    "arrest detain apprehend kidnap abduct capture",
    "kill assassinate murder slay execute",
    "attack strike bomb shell raid",
    "explode blast detonate",
    "die perish",
    "injure wound hurt",
    "fire dismiss sack oust",
    "sentence jail imprison",
)
_ACT_CLASS = {verb: i for i, words in enumerate(ACT_CLASSES) for verb in words.split()}


def same_act(a: str, b: str) -> bool:
    """Whether two verb lemmas name one act: equal, or in one of ``ACT_CLASSES``."""
    return a == b or (a in _ACT_CLASS and _ACT_CLASS[a] == _ACT_CLASS.get(b))
