"""Recognising news outlets, wire agencies and documents among attribution sources.

Names are general knowledge of the news landscape, not tuned to any story; an outlet not listed is
still recognised by the shape of its name ("... News", "... Times", "... Post").
"""

from __future__ import annotations

import re

KNOWN_OUTLETS = {
    "ap": "Associated Press",
    "associated press": "Associated Press",
    "the associated press": "Associated Press",
    "reuters": "Reuters",
    "afp": "Agence France-Presse",
    "agence france-presse": "Agence France-Presse",
    "agence france presse": "Agence France-Presse",
    "bloomberg": "Bloomberg",
    "upi": "UPI",
    "nbc": "NBC News",
    "nbc news": "NBC News",
    "cbs": "CBS News",
    "cbs news": "CBS News",
    "abc": "ABC News",
    "abc news": "ABC News",
    "cnn": "CNN",
    "fox news": "Fox News",
    "msnbc": "MSNBC",
    "npr": "NPR",
    "pbs": "PBS",
    "bbc": "BBC",
    "bbc news": "BBC",
    "al jazeera": "Al Jazeera",
    "new york times": "The New York Times",
    "the new york times": "The New York Times",
    "nyt": "The New York Times",
    "washington post": "The Washington Post",
    "the washington post": "The Washington Post",
    "wall street journal": "The Wall Street Journal",
    "the wall street journal": "The Wall Street Journal",
    "guardian": "The Guardian",
    "the guardian": "The Guardian",
    "usa today": "USA Today",
    "politico": "Politico",
    "axios": "Axios",
    "the hill": "The Hill",
    "time": "Time",
    "newsweek": "Newsweek",
    "the atlantic": "The Atlantic",
    "the new yorker": "The New Yorker",
    "financial times": "Financial Times",
    "the economist": "The Economist",
    "the telegraph": "The Telegraph",
    "the independent": "The Independent",
    "the times": "The Times",
    "press tv": "Press TV",
    "sputnik": "Sputnik",
    "rt": "RT",
    "tass": "TASS",
    "xinhua": "Xinhua",
    "irna": "IRNA",
    "fars": "Fars News Agency",
    "tasnim": "Tasnim News Agency",
    "haaretz": "Haaretz",
    "breitbart": "Breitbart",
    "huffpost": "HuffPost",
    "vox": "Vox",
    "the intercept": "The Intercept",
    "propublica": "ProPublica",
    "daily beast": "The Daily Beast",
    "the daily beast": "The Daily Beast",
    "face the nation": "CBS News",
}
OUTLET_SHAPE = re.compile(
    r"\b(?:News|Times|Post|Journal|Herald|Tribune|Gazette|Chronicle|Observer|Telegraph|Guardian|Press|"
    r"Agency|Radio|Television|TV|Network|Daily|Weekly|Magazine|Review|Mail|Express|Independent|Today|"
    r"Courier|Ledger|Wire|Monitor|Dispatch|Inquirer|Bulletin|Examiner|Sentinel|Mirror|Insider)$"
)
DOCUMENT_NOUNS = frozenset(
    [
        "book",
        "memoir",
        "memoirs",
        "report",
        "study",
        "statement",
        "document",
        "documents",
        "memo",
        "memorandum",
        "letter",
        "filing",
        "lawsuit",
        "indictment",
        "complaint",
        "transcript",
        "cable",
        "email",
        "emails",
        "survey",
        "poll",
        "analysis",
        "assessment",
        "dossier",
        "affidavit",
        "testimony",
        "release",
        "communique",
        "communiqué",
        "order",
        "ruling",
        "decision",
        "resolution",
        "records",
        "minutes",
        "logs",
        "files",
        "papers",
        "data",
        "figures",
    ]
)
ANONYMOUS_NOUNS = frozenset(
    [
        "official",
        "officials",
        "source",
        "sources",
        "person",
        "persons",
        "people",
        "aide",
        "aides",
        "insider",
        "insiders",
        "diplomat",
        "diplomats",
        "analyst",
        "analysts",
        "expert",
        "experts",
        "observer",
        "observers",
        "critic",
        "critics",
        "report",
        "reports",
        "someone",
        "witness",
        "witnesses",
        "resident",
        "residents",
    ]
)


# "a report by", "a report published on Monday by", "an investigation in": the outlet after it.
REPORT_BY = re.compile(
    r"^(?:a |an |the )?(?:new |recent |earlier |separate )?(?:report|story|article|investigation)s?"
    r"(?: [\w,]+){0,4}? (?:by|in|from) ",
    re.IGNORECASE,
)


def outlet_name(text: str) -> str | None:
    """The outlet a source span names, or None. 'NBC reported' → 'NBC News'; 'the Times' stays short."""
    bare = REPORT_BY.sub("", text.strip())
    bare = re.sub(r"['’]s$", "", bare).strip(" ,.")
    key = bare.lower()
    if key in KNOWN_OUTLETS:
        return KNOWN_OUTLETS[key]
    words = bare.split()
    capitalised = all(w[:1].isupper() for w in words if w.lower() not in ("the", "of"))
    if 1 <= len(words) <= 5 and capitalised and OUTLET_SHAPE.search(bare):
        return bare if not key.startswith("the ") else "The " + bare[4:]
    return None


def same_outlet(a: str, b: str) -> bool:
    """'the Coast Gazette', 'Coast Gazette' and 'NBC' / 'NBC News' name one outlet."""
    return outlet_key(a) == outlet_key(b)


def outlet_key(name: str) -> str:
    canonical = outlet_name(name) or name
    return re.sub(r"^the\s+", "", canonical.strip().casefold())
