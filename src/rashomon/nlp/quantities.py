"""Counts read from text, and which cannot both hold: "at least 12 people were killed" against "eight
people died". Read here, used by alignment (counts that cannot both hold keep two claims apart) and by the
relate stage (they make a contradiction between groups: ``relate.quantities``).

Casualty and arrest counts are where accounts of one story most often disagree, and two outlets rarely
phrase them alike ("killed 12" / "put the toll at eight" share one word), so they are compared as
quantities, not as sentences. A quantity is a number read as a range ("at least 12": 12 and up; "about
2,000": roughly 1,500-2,300; "dozens": 24-99), the kind of count it is (the dead, the injured, the
arrested, the missing, the displaced: the nearest kind word in the same clause), and what is counted
("people", "workers"; none for "the toll"). Two quantities conflict when they count the same kind of the
same thing and their ranges do not meet. Different things counted ("seven workers" among "12 people") do
not conflict: one may be part of the other.

The kind words are the common English of news casualty reports, not words of any one story. Sums of money
are read too when a money kind is named next to them (a fine, a settlement, damages, bail, a ransom, a
pledge, a loan, a bribe), each with its currency: "a fine of 2.5 million euros" against "a fine of 25
million euros"; a pledge is never compared with a loan.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Sequence
from dataclasses import dataclass

UNITS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
    "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
    "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50,
    "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90, "dozen": 12, "hundred": 100, "thousand": 1000,
}  # fmt: skip
SCALES = {"thousand": 1e3, "million": 1e6, "billion": 1e9}
# Plural round numbers without a count: "dozens of workers", "hundreds of protesters".
VAGUE = {
    "dozens": (24.0, 99.0), "scores": (40.0, 199.0), "hundreds": (200.0, 999.0),
    "thousands": (2000.0, 9999.0),
    "tens of thousands": (20000.0, 99999.0), "hundreds of thousands": (200000.0, 999999.0),
    "several hundred": (200.0, 999.0), "several thousand": (2000.0, 9999.0), "a few hundred": (200.0, 499.0),
    "a few thousand": (2000.0, 4999.0), "millions": (2e6, 9.99e6),
}  # fmt: skip
# Tolls, which a story has one of, those affected, and the size of a crowd (read from its verb only: "40
# protesters" are as often the ones detained). Arrests are left out: one story holds many separate arrests.
KINDS = {
    "crowd": "gathered marched rallied protested demonstrated attended tookpart turnedout joined massed",
    "dead": "killed kill kills killing dead die died dies dying death deaths toll fatalities fatality "
    "perished lives bodies",
    "injured": "injured injuring injure injures injuries wounded wounding hurt",
    "missing": "missing unaccounted",
    "displaced": "displaced evacuated homeless",
    # the living pulled out: "19 people were confirmed dead, 131 had been rescued" counts 131 rescued
    "rescued": "rescued saved",
    # those a breach, an outage or a recall reached: "data of 2.3 million customers were stolen"
    "affected": "affected affecting exposed stolen stole leaked compromised hacked breached impacted",
}
_KIND_OF = {word: kind for kind, words in KINDS.items() for word in words.split()}
# Sums a story has one of, each its own kind: a fine is no pledge, a loan no ransom.
MONEY_KINDS = {
    "fine": "fine fined fines penalty penalties",
    "settlement": "settlement settle settled settling",
    "damages": "damages compensation",
    "bail": "bail",
    "ransom": "ransom",
    "pledge": "pledge pledges pledged pledging",
    "loan": "loan loans",
    "bribe": "bribe bribes bribery",
}
_MONEY_KIND_OF = {word: kind for kind, words in MONEY_KINDS.items() for word in words.split()}
CURRENCY_SIGNS = {"$": "dollars", "€": "euros", "£": "pounds"}
CURRENCY_WORDS = {
    "euros": "euros", "euro": "euros", "dollars": "dollars", "dollar": "dollars", "pounds": "pounds",
    "yen": "yen", "yuan": "yuan", "rupees": "rupees", "francs": "francs", "kronor": "kronor",
    "krona": "kronor",
}  # fmt: skip
# What is counted, when it is any person at all: these compare with every other counted noun's general sense.
GENERAL = frozenset("people persons person victims individuals those others".split())
_NUMBER = (
    r"(?:\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?|(?:"
    + "|".join(sorted(UNITS, key=len, reverse=True))
    + r")(?:[- ](?:one|two|three|four|five|six|seven|eight|nine))?)"
)
# One-valued rates a story reports once ("turnout was 61 percent"); not shares that differ by whom they
# count ("58 percent of the vote" for one candidate, 37 for another).
RATES = frozenset("turnout unemployment inflation".split())
_PERCENT = frozenset({"percent", "%", "per", "pc"})
_PHRASES = re.compile(r"\b(took|take|taking|turned|turn) (part|out)\b", re.IGNORECASE)
# None at all: "none killed", "no one was hurt", "no deaths" ("no" only right before a toll's own noun:
# "no evidence that 12 people died" states no count).
ZERO = r"no one|nobody|none|no(?= (?:deaths?|casualties|fatalities|injuries)\b)"
# The words before a figure that make it a bound or an estimate ("at least 12", "about 2,000").
QUALIFIERS = (
    r"at least|more than|over|upwards of|in excess of|at most|up to|fewer than|less than|"
    r"under|about|around|nearly|almost|roughly|approximately|some|an estimated|as many as"
)
_QUANTITY = re.compile(
    r"(?P<qualifier>\b(?:" + QUALIFIERS + r")\s+)?"
    r"\b(?<!\bno )(?P<number>"
    + "|".join(sorted(VAGUE, key=len, reverse=True))
    + r"|"
    + ZERO
    + r"|"
    + _NUMBER
    + r")\b"
    r"(?:\s+(?P<scale>thousand|million|billion)\b)?",
    re.IGNORECASE,
)
_WORD = re.compile(r"[A-Za-z]+|[.;:!?,%$£€]|\d[\d,.]*")
_CLAUSE_END = frozenset(".;:!?")
_YEAR = re.compile(r"^(?:1[89]|20)\d\d$")
_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}(?=T|$)")
# An occasion value naming only the day a report was published: the last resort for a running tally.
PUBLISHED = "published:"
# Counts that change as a story goes on, so a report's figure is as of its day: tolls; all but the missing
# can only grow. Those a breach affected are one figure, disputed more often than updated.
RUNNING_KINDS = frozenset({"dead", "injured", "missing", "displaced"})
GROWING_KINDS = RUNNING_KINDS - {"missing"}
WINDOW = 6  # words either side of the number searched for its kind


@dataclass(frozen=True, slots=True)
class Quantity:
    low: float
    high: float
    kind: str
    counted: str | None  # the counted noun ("people"), None when the count names no noun ("the toll")
    text: str  # the words that state it, for the explanation


def quantities(text: str) -> list[Quantity]:
    """The tolls, crowd sizes and one-valued rates a claim states."""
    said = text  # the words as written, for the explanation
    text = _PHRASES.sub(
        lambda m: m.group(1) + m.group(2) + " ", text
    )  # "took part" -> "tookpart ", same length
    found = []
    for match in _QUANTITY.finditer(text):
        number = match.group("number")
        value = _value(number)
        if value is None or (_YEAR.match(number) and not match.group("qualifier")):
            continue  # "in 2019" is a date
        value *= SCALES.get((match.group("scale") or "").lower(), 1.0)  # "2.3 million"
        low, high = _range(value, number.lower(), (match.group("qualifier") or "").strip().lower())
        before = _WORD.findall(text[: match.start()])
        after = _WORD.findall(text[match.end() :])
        rate = _rate(before, after) or _magnitude(before, after)
        if rate is not None:
            found.append(Quantity(low, high, rate, None, " ".join(said[match.start() :].split()[:4])))
            continue
        money = _money(before, after)
        if money is not None:
            if money:  # "a fine of 2.5 million euros" against "25 million euros"
                found.append(Quantity(low, high, money, None, " ".join(said[match.start() :].split()[:5])))
            continue
        kind = _kind(before, after)
        if kind is None or _measure(before, after):
            continue
        counted = _counted(after)
        if _restricted(after):
            continue  # "four workers who died in hospital": a part of the count, told apart from it
        end = min(len(text), match.end() + 40)
        found.append(Quantity(low, high, kind, counted, " ".join(said[match.start() : end].split()[:6])))
    return found


def quantity_conflicts(a: Sequence[Quantity], b: Sequence[Quantity]) -> list[tuple[Quantity, Quantity]]:
    """Pairs of counts of one kind of one thing whose ranges do not meet."""
    return [(x, y) for x in a for y in b if _conflict(x, y)]


def same_occasion(a: Collection[str], b: Collection[str]) -> bool:
    """Whether two claims' dates allow one occasion: no day on either side, or a day in common. A
    ``PUBLISHED`` value is no day here (see ``tally_conflicts``)."""
    days_a, days_b = days_of(a), days_of(b)
    return not days_a or not days_b or bool(days_a & days_b)


def tally_conflicts(
    a: Sequence[Quantity], on_a: Collection[str], b: Sequence[Quantity], on_b: Collection[str]
) -> list[tuple[Quantity, Quantity]]:
    """``quantity_conflicts`` of two claims' counts, given the days they are of (``on_a``, ``on_b``: their
    days, or for a running tally without one the day its report was published). Counts of one day, or
    of an unknown day, conflict when their ranges do not meet. Running tallies of different days are a
    story going on: "at least 120 missing" on Saturday and "75 missing" on Sunday, 140 dead on Monday
    and 412 on Wednesday are updates; only a toll that is lower on the later day than on the earlier
    ("Eight people died, the ministry said, lowering an earlier figure" of 12) still conflicts, for kinds
    that can only grow (the dead, the injured, the displaced; the missing are found). Two claims that
    name different days are two occasions and are not compared."""
    if days_of(on_a) and days_of(on_b) and not days_of(on_a) & days_of(on_b):
        return []  # two named days: two occasions ("Monday's clashes", "Thursday's fire")
    days_a, days_b = days_of(on_a) | _published(on_a), days_of(on_b) | _published(on_b)
    if not days_a or not days_b or days_a & days_b:
        return quantity_conflicts(a, b)
    if max(days_a) < min(days_b):
        return [(x, y) for x, y in quantity_conflicts(a, b) if _lowered(x, y)]
    if max(days_b) < min(days_a):
        return [(x, y) for x, y in quantity_conflicts(a, b) if _lowered(y, x)]
    return []


def _lowered(earlier: Quantity, later: Quantity) -> bool:
    return earlier.kind in GROWING_KINDS and later.high < earlier.low


def days_of(values: Collection[str]) -> frozenset[str]:
    """The calendar days among date values ("2025-05-16T19:00" is 2025-05-16); months, weeks and
    ``PUBLISHED`` values are none."""
    return frozenset(d[:10] for d in values if _DAY.match(d))


def _published(values: Collection[str]) -> set[str]:
    return {d.removeprefix(PUBLISHED) for d in values if d.startswith(PUBLISHED)}


def _general(x: Quantity) -> bool:
    return x.counted is None or x.counted in GENERAL


def describe(x: Quantity) -> str:
    if x.low == x.high:
        amount = _number(x.low)
    elif x.high == float("inf"):
        exclusive = x.low != round(x.low) and abs(x.low - round(x.low)) < 1e-6  # "more than 100,000"
        amount = f"more than {_number(round(x.low))}" if exclusive else f"at least {_number(x.low)}"
    else:
        amount = f"{_number(x.low)}-{_number(x.high)}"
    if x.kind == "magnitude":
        return f"magnitude {amount}"
    if x.kind.endswith(" (percent)"):
        return f"{x.kind.removesuffix(' (percent)')} {amount}%"
    if x.kind.endswith(")"):  # "fine (euros)"
        name, currency = x.kind[:-1].split(" (", 1)
        return f"a {name} of {amount} {currency}"
    return f"a crowd of {amount}" if x.kind == "crowd" else f"{amount} {x.kind}"


def _number(value: float) -> str:
    return f"{value:,.0f}" if value == int(value) else f"{value:,}"


def _conflict(x: Quantity, y: Quantity) -> bool:
    """Same kind; the same thing counted (ranges apart), or a part counted against the whole (the part's
    least above the whole's most: "dozens of workers killed" against a toll of eight)."""
    if x.kind != y.kind:
        return False
    if x.kind == "crowd":  # "5,000 protesters took part" and "100,000 people joined it" count one crowd
        return x.high < y.low or y.high < x.low
    general_x, general_y = _general(x), _general(y)
    if general_x == general_y:
        return (general_x or x.counted == y.counted) and (x.high < y.low or y.high < x.low)
    part, whole = (y, x) if general_x else (x, y)
    return part.low > whole.high


def _value(number: str) -> float | None:
    word = number.lower()
    if word in ("no one", "nobody", "none", "no"):
        return 0.0
    if word in VAGUE:
        return VAGUE[word][0]
    if word[0].isdigit():
        try:
            return float(word.replace(",", ""))
        except ValueError:
            return None
    parts = re.split(r"[- ]", word)
    return float(sum(UNITS.get(part, 0) for part in parts)) or None


def qualified_range(value: float, qualifier: str) -> tuple[float, float]:
    """The values a figure allows under its qualifier ("more than", "about", "nearly"; "" for none)."""
    return _range(value, "", qualifier.strip().lower())


def _range(value: float, number: str, qualifier: str) -> tuple[float, float]:
    if number in VAGUE:
        low, high = VAGUE[number]
        return (low, float("inf")) if qualifier in ("at least", "more than", "over") else (low, high)
    if qualifier in ("at least", "upwards of", "in excess of"):
        return value, float("inf")
    if qualifier in ("more than", "over"):
        return value + 1e-9, float("inf")
    if qualifier in ("at most", "up to", "as many as"):
        return 0.0, value
    if qualifier in ("fewer than", "less than", "under"):
        return 0.0, value - 1e-9
    if qualifier in ("nearly", "almost"):
        return value * 0.8, value
    if qualifier in ("about", "around", "roughly", "approximately", "some", "an estimated"):
        return value * 0.75, value * 1.15
    return value, value


def _kind(before: list[str], after: list[str]) -> str | None:
    """The kind word nearest the number inside its clause, after it first on a tie ("12 killed"). A number
    right after a comma starts a new item: "19 people were confirmed dead, 131 had been rescued" looks
    ahead only; one right before a comma ends one ("killing 12, injuring 40") looks behind first."""
    ahead = _clause(after)[:WINDOW]
    behind = [] if before[-1:] == [","] else _clause(list(reversed(before)))[:WINDOW]
    # "killing 12, injuring 40": a comma right after the number ends its item, so behind comes first
    order = (behind, ahead) if after[:1] == [","] else (ahead, behind)
    for distance in range(WINDOW):
        for words in order:
            if distance < len(words) and words[distance].lower() in _KIND_OF:
                return _KIND_OF[words[distance].lower()]
    return None


def _clause(words: list[str]) -> list[str]:
    """The words up to the clause's end, or up to the next count ("12 killed and 40 injured")."""
    out = []
    for word in words:
        if word == ",":
            continue
        if word in _CLAUSE_END or word[0].isdigit() or word.lower() in UNITS or word.lower() == "and":
            break
        out.append(word)
    return out


def _counted(after: list[str]) -> str | None:
    """The counted noun: the first word after the number that is not a modifier ("depot workers" -> the
    last of a run of plain words before a verb or preposition is too costly to find without a parse, so
    the run's last word before a function word or kind word is taken)."""
    words = after[1:] if after and after[0].lower() == "of" else after  # "dozens of workers"
    run: list[str] = []
    for word in words[:4]:
        lower = word.lower()
        if lower in _KIND_OF or lower in _FUNCTION or not word[0].isalpha():
            break
        run.append(lower)
    return run[-1] if run else None


def _rate(before: list[str], after: list[str]) -> str | None:
    """ "turnout was 61 percent", "a turnout of 67 percent": the rate named next to a percentage."""
    if not after or after[0].lower() not in _PERCENT:
        return None
    near = [w.lower() for w in (*_clause(list(reversed(before)))[:WINDOW], *_clause(after[1:])[:3])]
    rate = next((w for w in near if w in RATES), None)
    if rate is not None and rate not in (w.lower() for w in before) and _owns_number(after[1:], rate):
        return None  # "41.8 percent, on a turnout of 68 percent": the turnout is the next number's
    return f"{rate} (percent)" if rate else None


def _owns_number(words: list[str], rate: str) -> bool:
    """Whether a number follows the rate word closely ("turnout of 68"): that number is the rate."""
    lowered = [w.lower() for w in words]
    at = lowered.index(rate) if rate in lowered else -1
    return at >= 0 and any(w[0].isdigit() or w in UNITS for w in lowered[at + 1 : at + 4])


def _magnitude(before: list[str], after: list[str]) -> str | None:
    """ "a magnitude 6.8 earthquake", "measured it at magnitude 7.1", "6.8 on the Richter scale": a
    one-valued measure of one event."""
    richter = [w.lower() for w in after[:4]] == ["on", "the", "richter", "scale"]
    return "magnitude" if (before and before[-1].lower() == "magnitude") or richter else None


def _restricted(after: list[str]) -> bool:
    """The counted words go on into a relative clause: the count is of a subset."""
    for word in after[:5]:
        lower = word.lower()
        if lower in {"who", "whose", "that", "which"}:
            return True
        if lower in _KIND_OF or not word[0].isalpha():
            return False
    return False


def _money(before: list[str], after: list[str]) -> str | None:
    """For an amount of money, its kind and currency ("fine (euros)", "pledge (dollars)"), or "" when no
    money kind is named near it; None when the number is no amount of money."""
    previous = before[-1] if before else ""
    following = after[0].lower() if after else ""
    currency = CURRENCY_SIGNS.get(previous) or CURRENCY_WORDS.get(following)
    if currency is None:
        return None
    ahead = _clause(after[1:] if following in CURRENCY_WORDS else after)[:WINDOW]
    behind = _clause(list(reversed(before[:-1] if previous in CURRENCY_SIGNS else before)))[:WINDOW]
    for distance in range(WINDOW):
        for words in (ahead, behind):
            if distance < len(words) and words[distance].lower() in _MONEY_KIND_OF:
                return f"{_MONEY_KIND_OF[words[distance].lower()]} ({currency})"
    return ""


def _measure(before: list[str], after: list[str]) -> bool:
    """A number that is a date, a time, an age ("Mila Oster, 52,"), money or a measure, not a head count."""
    previous = before[-1].lower() if before else ""
    following = after[0].lower() if after else ""
    age = previous == "," and following == ","
    money = previous in {"$", "£", "€"}
    return age or money or previous in _MONTHS or following in _MONTHS or following in _UNITS


_FUNCTION = frozenset(
    "of in at on by from to with were was are is had have has who that which when after during as and or "
    "remain remained remains according said says including among across for".split()
)
_MONTHS = frozenset(
    "january february march april may june july august september october november december jan feb mar apr "
    "jun jul aug sep sept oct nov dec".split()
)
_UNITS = frozenset(
    "years year days day hours hour minutes minute weeks week months month percent per % km kilometres "
    "kilometers miles metres meters tonnes tons kg dollars euros pounds am pm times".split()
)
