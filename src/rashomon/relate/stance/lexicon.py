"""Word lists that signal stance, in the tradition of the FNC-1 baseline and Ferreira & Vlachos (2016).

Lists are written for news English: words that refute, that hedge or report without endorsing, that negate.
They feed counts and presence flags; the head learns how much each matters.
"""

from __future__ import annotations

# Refuting words: the FNC-1 baseline's list plus the denial and debunking vocabulary of news reports.
REFUTING = frozenset(
    """fake fraud hoax false deny denies denied denial refute refutes refuted not despite nope doubt
    doubts doubted bogus debunk debunks debunked prank pranks retract retracts retracted untrue
    fabricated misleading satire satirical rumour rumor dismiss dismisses dismissed reject rejects
    rejected contrary fiction myth baseless unfounded wrong incorrect lie lies lying scam""".split()
)

# Reporting without endorsing: the "discuss" / "observing" register.
HEDGING = frozenset(
    """reportedly allegedly alleged alleges claim claims claimed according report reports reported
    rumoured rumored rumours rumors may might could possibly possible apparently appears appear seems
    suggest suggests suggested purportedly purported unconfirmed unverified speculation speculate
    speculated believed believe thought supposedly if whether said says say told sources source
    investigating unclear question questions""".split()
)

NEGATION = frozenset("not no never none nobody nothing neither nor without cannot n't isn't wasn't".split())

STOPWORDS = frozenset(
    """a an the and or but if of to in on at by for with from as is are was were be been being it its
    this that these those he she they we you i his her their our your my me him them us who whom which
    what when where why how all any both each few more most other some such only own same so than too
    very can will just do does did doing have has had having into over under again further then once
    here there about against between through during before after above below up down out off s t""".split()
)
