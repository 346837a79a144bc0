"""A small, made-up evidence map that fills every section of the report, and a hostile variant of it.

The story (a warehouse fire in an invented harbour town) is fiction written for these tests. Offsets are
computed from the texts, so editing a sentence cannot leave a span pointing at the wrong words.
"""

from __future__ import annotations

import copy
from typing import Any

Evidence = dict[str, Any]

COURIER_TEXT = (
    "Port Aldren Mayor Ilse Brandt said on Tuesday that the fire which destroyed Warehouse 9 was caused "
    "by faulty wiring.\n\n"
    "“There is no sign of arson,” Brandt told reporters outside city hall.\n\n"
    "The dockworkers’ union said the blaze followed months of ignored safety complaints, according to a "
    "statement it released in February.\n\n"
    "An official familiar with the investigation said the insurer had been warned in 2023."
)
NORTHGATE_TITLE = "Arson suspected in Port Aldren blaze, sources say"
NORTHGATE_TEXT = (
    "Investigators suspect the Warehouse 9 fire was set deliberately, two officials told the Northgate "
    "Daily.\n\n"
    "Mayor Ilse Brandt, the embattled city chief, insisted the fire was caused by faulty wiring, according "
    "to The Harbour Courier.\n\n"
    "The shocking inferno lit up the harbour for six hours."
)
CIVIC_TEXT = (
    "Fire Chief Tomas Varga said the cause of the Warehouse 9 fire remains under investigation.\n\n"
    "The fire broke out on the night of 11 March 2024, Varga said. A police spokesperson, Lena Ortiz, said "
    "arson had not been ruled out."
)


def locate(text: str, needle: str, nth: int = 0) -> tuple[int, int]:
    """Offsets of the nth occurrence of needle; fails loudly so a fixture typo is caught at once."""
    start = -1
    for _ in range(nth + 1):
        start = text.index(needle, start + 1)
    return start, start + len(needle)


def _span(article: str, body: str, needle: str, nth: int = 0, **extra: Any) -> dict[str, Any]:
    start, end = locate(body, needle, nth)
    return {"article": article, "start": start, "end": end, **extra}


def _claim(
    claim_id: str, article: str, text: str, needle: str, speaker: str | None, cue: str | None, **extra: Any
) -> dict[str, Any]:
    start, end = locate(text, needle)
    claim: dict[str, Any] = {
        "id": claim_id,
        "article": article,
        "start": start,
        "end": end,
        "text": needle,
        "field": "text",
        "speaker": speaker,
        "speaker_entity": None,
        "cue": cue,
        "chain": [{"speaker": speaker, "cue": cue}] if speaker else [],
        "source_type": "named",
        "quote": "indirect",
        "hedged": False,
        "checkworthiness": 0.5,
        "cites": [],
    }
    claim.update(extra)
    return claim


def _articles() -> list[dict[str, Any]]:
    return [
        {
            "id": "a1",
            "source": "corpus/courier.txt",
            "title": "Mayor blames wiring for Warehouse 9 fire; union points to ignored complaints",
            "outlet": "The Harbour Courier",
            "byline": "Mara Okafor",
            "published": {
                "value": "2024-03-12",
                "precision": "day",
                "source": "page",
                "evidence": "datePublished",
            },
            "text": COURIER_TEXT,
            "removed": ["Subscribe to our newsletter", "© 2024 The Harbour Courier. All rights reserved."],
        },
        {
            "id": "a2",
            "source": "https://northgate.example/news/arson-suspected",
            "title": NORTHGATE_TITLE,
            "outlet": "Northgate Daily",
            "byline": None,
            "published": {
                "value": "2024-03",
                "precision": "month",
                "source": "text",
                "evidence": "March 2024",
            },
            "text": NORTHGATE_TEXT,
            "removed": ["Additional reporting by K. Lund of The Harbour Courier"],
        },
        {
            "id": "a3",
            "source": "corpus/civic-wire.html",
            "title": None,
            "outlet": "Civic Wire",
            "byline": "By J. Ruiz",
            "published": {"value": None, "precision": None, "source": None, "evidence": None},
            "text": CIVIC_TEXT,
            "removed": [],
        },
    ]


def _entities() -> list[dict[str, Any]]:
    return [
        {
            "id": "e-brandt",
            "name": "Ilse Brandt",
            "type": "PERSON",
            "aliases": ["Ilse Brandt", "Brandt"],
            "mentions": [
                _span("a1", COURIER_TEXT, "Ilse Brandt"),
                _span("a1", COURIER_TEXT, "Brandt", 1),
                _span("a2", NORTHGATE_TEXT, "Ilse Brandt"),
            ],
            "labels": [
                _span("a1", COURIER_TEXT, "Port Aldren Mayor", text="Port Aldren Mayor"),
                _span("a2", NORTHGATE_TEXT, "the embattled city chief", text="the embattled city chief"),
            ],
        },
        {
            "id": "e-aldren",
            "name": "Port Aldren",
            "type": "GPE",
            "aliases": ["Port Aldren"],
            "mentions": [
                _span("a1", COURIER_TEXT, "Port Aldren"),
                _span("a2", NORTHGATE_TITLE, "Port Aldren", field="title"),
            ],
            "labels": [],
        },
        {
            "id": "e-warehouse",
            "name": "Warehouse 9",
            "type": "FAC",
            "aliases": ["Warehouse 9"],
            "mentions": [
                _span("a1", COURIER_TEXT, "Warehouse 9"),
                _span("a2", NORTHGATE_TEXT, "Warehouse 9"),
                _span("a3", CIVIC_TEXT, "Warehouse 9"),
            ],
            "labels": [],
        },
        {
            "id": "e-union",
            "name": "dockworkers’ union",
            "type": "ORG",
            "aliases": ["The dockworkers’ union"],
            "mentions": [_span("a1", COURIER_TEXT, "dockworkers’ union")],
            "labels": [],
        },
        {
            "id": "e-varga",
            "name": "Tomas Varga",
            "type": "PERSON",
            "aliases": ["Tomas Varga", "Varga"],
            "mentions": [_span("a3", CIVIC_TEXT, "Tomas Varga"), _span("a3", CIVIC_TEXT, "Varga", 1)],
            "labels": [_span("a3", CIVIC_TEXT, "Fire Chief", text="Fire Chief")],
        },
    ]


def _claims() -> list[dict[str, Any]]:
    wiring = "the fire which destroyed Warehouse 9 was caused by faulty wiring"
    return [
        _claim(
            "c1",
            "a1",
            COURIER_TEXT,
            wiring,
            "Ilse Brandt",
            "said",
            speaker_entity="e-brandt",
            checkworthiness=0.86,
        ),
        _claim(
            "c2",
            "a1",
            COURIER_TEXT,
            "There is no sign of arson",
            "Brandt",
            "told",
            quote="direct",
            speaker_entity="e-brandt",
            checkworthiness=0.74,
        ),
        _claim(
            "c3",
            "a1",
            COURIER_TEXT,
            "the blaze followed months of ignored safety complaints",
            "The dockworkers’ union",
            "said",
            source_type="document",
            checkworthiness=0.62,
        ),
        _claim(
            "c4",
            "a1",
            COURIER_TEXT,
            "the insurer had been warned in 2023",
            "An official familiar with the investigation",
            "said",
            source_type="anonymous",
            checkworthiness=0.55,
        ),
        _claim(
            "c5",
            "a2",
            NORTHGATE_TEXT,
            "the Warehouse 9 fire was set deliberately",
            "two officials",
            "told",
            source_type="anonymous",
            hedged=True,
            checkworthiness=0.91,
        ),
        _claim(
            "c6",
            "a2",
            NORTHGATE_TEXT,
            "the fire was caused by faulty wiring",
            "Ilse Brandt",
            "insisted",
            speaker_entity="e-brandt",
            cites=["The Harbour Courier"],
            checkworthiness=0.7,
            chain=[
                {"speaker": "The Harbour Courier", "cue": "according to"},
                {"speaker": "Ilse Brandt", "cue": "insisted"},
            ],
        ),
        _claim(
            "c7",
            "a3",
            CIVIC_TEXT,
            "the cause of the Warehouse 9 fire remains under investigation",
            "Tomas Varga",
            "said",
            speaker_entity="e-varga",
            checkworthiness=0.4,
        ),
        _claim(
            "c8",
            "a3",
            CIVIC_TEXT,
            "The fire broke out on the night of 11 March 2024",
            "Varga",
            "said",
            speaker_entity="e-varga",
            checkworthiness=0.35,
        ),
        _claim(
            "c9",
            "a3",
            CIVIC_TEXT,
            "arson had not been ruled out",
            "Lena Ortiz",
            "said",
            hedged=True,
            checkworthiness=0.66,
        ),
        _claim(
            "c10",
            "a2",
            NORTHGATE_TITLE,
            "Arson suspected in Port Aldren blaze",
            "sources",
            "say",
            field="title",
            source_type="anonymous",
            hedged=True,
            checkworthiness=0.8,
        ),
    ]


def _group(
    group_id: str, claims: list[str], articles: list[str], summary: str, origins: list[dict[str, Any]]
) -> dict[str, Any]:
    return {
        "id": group_id,
        "claims": claims,
        "articles": articles,
        "summary": summary,
        "origins": origins,
        "independent_origins": len(origins),
    }


def _origin(name: str, kind: str, claims: list[str]) -> dict[str, Any]:
    return {"name": name, "kind": kind, "claims": claims}


def _groups() -> list[dict[str, Any]]:
    return [
        _group(
            "g1",
            ["c1", "c6"],
            ["a1", "a2"],
            "Faulty wiring caused the fire",
            [_origin("Ilse Brandt", "person", ["c1", "c6"])],
        ),
        _group(
            "g2",
            ["c5", "c10", "c9"],
            ["a2", "a3"],
            "The fire may have been arson",
            [_origin("Northgate Daily", "report", ["c5", "c10"]), _origin("Lena Ortiz", "person", ["c9"])],
        ),
        _group("g3", ["c2"], ["a1"], "No sign of arson", [_origin("Ilse Brandt", "person", ["c2"])]),
        _group(
            "g4",
            ["c3"],
            ["a1"],
            "Safety complaints were ignored for months",
            [_origin("dockworkers’ union statement", "document", ["c3"])],
        ),
        _group(
            "g5",
            ["c4"],
            ["a1"],
            "The insurer was warned in 2023",
            [_origin("The Harbour Courier", "report", ["c4"])],
        ),
        _group(
            "g6",
            ["c7"],
            ["a3"],
            "The cause is under investigation",
            [_origin("Tomas Varga", "person", ["c7"])],
        ),
        _group(
            "g7",
            ["c8"],
            ["a3"],
            "The fire broke out on 11 March 2024",
            [_origin("The fire", "public_record", ["c8"])],
        ),
    ]


def _relations() -> list[dict[str, Any]]:
    return [
        {
            "a": "g1",
            "b": "g2",
            "type": "dispute",
            "score": 0.82,
            "evidence": ["c1", "c5"],
            "explanation": "The mayor blames wiring; officials quoted by Northgate Daily suspect arson.",
        },
        {
            "a": "g3",
            "b": "g2",
            "type": "contradict",
            "score": 0.77,
            "evidence": ["c2", "c9"],
            "explanation": "“No sign of arson” against “arson had not been ruled out”.",
        },
        {
            "a": "g1",
            "b": "g3",
            "type": "agree",
            "score": 0.61,
            "evidence": ["c1", "c2"],
            "explanation": "Both rule out a deliberate fire.",
        },
    ]


def _timeline() -> list[dict[str, Any]]:
    def entry(
        entry_id: str,
        date: str,
        precision: str,
        summary: str,
        claims: list[str],
        articles: list[str],
        disputed_by: list[str],
        end: str | None = None,
    ) -> dict[str, Any]:
        return {
            "id": entry_id,
            "date": date,
            "end": end,
            "precision": precision,
            "summary": summary,
            "claims": claims,
            "articles": articles,
            "disputed_by": disputed_by,
        }

    return [
        entry("t1", "2023", "year", "The insurer is warned about the warehouse", ["c4"], ["a1"], []),
        entry("t2", "2023-FA", "season", "Safety complaints begin", ["c3"], ["a1"], [], end="2024-02"),
        entry(
            "t3",
            "2024-02",
            "month",
            "The union publishes its statement on ignored complaints",
            ["c3"],
            ["a1"],
            [],
        ),
        entry("t4", "2024-03-11", "day", "Fire breaks out at Warehouse 9", ["c8"], ["a3"], ["a2"]),
    ]


def _framing() -> dict[str, Any]:
    shocking = locate(NORTHGATE_TEXT, "shocking inferno")
    embattled = locate(NORTHGATE_TEXT, "embattled")
    return {
        "articles": {
            "a1": {"loaded": [], "central_act": ["the fire which destroyed Warehouse 9"], "omits": ["g2"]},
            "a2": {
                "loaded": [
                    {
                        "field": "text",
                        "start": shocking[0],
                        "end": shocking[1],
                        "text": "shocking inferno",
                        "technique": "Loaded_Language",
                    },
                    {
                        "field": "text",
                        "start": embattled[0],
                        "end": embattled[1],
                        "text": "embattled",
                        "technique": "Name_Calling,Labeling",
                    },
                ],
                "central_act": ["set deliberately", "the shocking inferno"],
                "omits": ["g4"],
            },
            "a3": {"loaded": [], "central_act": ["the Warehouse 9 fire"], "omits": ["g1"]},
        },
        "labels": [
            {
                "entity": "e-brandt",
                "by_article": {"a1": ["Port Aldren Mayor"], "a2": ["Mayor", "the embattled city chief"]},
            },
            {"entity": "e-varga", "by_article": {"a3": ["Fire Chief"]}},
        ],
        "acts": [
            {
                "id": "act1",
                "name": "fire",
                "target": "Warehouse 9",
                "words": [
                    _act_word("a1", COURIER_TEXT, "fire", 0.2),
                    _act_word("a2", NORTHGATE_TEXT, "shocking inferno", 0.8),
                    _act_word("a3", CIVIC_TEXT, "fire", 0.2),
                ],
            }
        ],
        "matrix": [
            {"article": "a1", "group": "g1", "stance": "asserts", "claims": ["c1"]},
            {"article": "a2", "group": "g1", "stance": "disputes", "claims": ["c4"]},
            {"article": "a3", "group": "g1", "stance": "omits", "claims": []},
        ],
    }


def _act_word(article: str, text: str, words: str, loaded: float) -> dict[str, Any]:
    start, end = locate(text, words)
    return {
        "article": article,
        "field": "text",
        "start": start,
        "end": end,
        "text": words,
        "term": words,
        "family": words.split()[-1],
        "loaded": loaded,
    }


def build_evidence() -> Evidence:
    """A valid evidence map in which every section of the report has something to show."""
    return {
        "schema": "rashomon/evidence-map@1",
        "articles": _articles(),
        "entities": _entities(),
        "claims": _claims(),
        "groups": _groups(),
        "relations": _relations(),
        "events": [
            {
                "id": "ev1",
                "summary": "Fire destroys Warehouse 9",
                "groups": ["g7", "g1"],
                "articles": ["a1", "a2", "a3"],
                "date": "2024-03-11",
            },
            {
                "id": "ev2",
                "summary": "Northgate Daily reports suspected arson",
                "groups": ["g2"],
                "articles": ["a2"],
                "date": "2024-03",
            },
        ],
        "timeline": _timeline(),
        "framing": _framing(),
        "flags": [
            {
                "kind": "attribution",
                "message": "Northgate Daily credits the wiring claim to The Harbour Courier, "
                "which reports it from the mayor directly.",
                "articles": ["a2", "a1"],
                "claims": ["c6", "c1"],
            },
        ],
        "inputs": [
            {"source": "corpus/courier.txt", "status": "analysed", "reason": None},
            {
                "source": "https://northgate.example/news/arson-suspected",
                "status": "analysed",
                "reason": None,
            },
            {"source": "corpus/civic-wire.html", "status": "analysed", "reason": None},
            {
                "source": "corpus/courier-copy.txt",
                "status": "duplicate",
                "reason": "same text as corpus/courier.txt",
            },
            {"source": "corpus/notes.pdf", "status": "skipped", "reason": "unsupported format (.pdf)"},
            {"source": "corpus/crawl.warc.gz", "status": "failed", "reason": "truncated gzip stream"},
        ],
    }


def empty_evidence() -> Evidence:
    """A valid map with nothing in it: every section must say so rather than break."""
    return {
        "schema": "rashomon/evidence-map@1",
        **{
            key: []
            for key in (
                "articles",
                "entities",
                "claims",
                "groups",
                "relations",
                "events",
                "timeline",
                "flags",
                "inputs",
            )
        },
        "framing": {"articles": {}, "labels": []},
    }


SCRIPT = "<script>alert(1)</script>"
IMG = '"><img src=x onerror=alert(1)>'
JS_URL = "javascript:alert(1)"
BIDI = "\u202eevil\u202c"
ZERO_WIDTH = "zero\u200bwidth\u2060joined\ufeff"
NUL = "nul\x00byte"
MD_LINK = "[click me](javascript:alert(1)) ![x](http://tracker.example/p.png) <http://evil.example>"
HOSTILE = f"{SCRIPT} {IMG} {JS_URL} {BIDI} {ZERO_WIDTH} {NUL} {MD_LINK}"


def hostile_evidence() -> Evidence:
    """The fixture with attack strings in every field an article controls; still a valid map."""
    evidence = copy.deepcopy(build_evidence())
    first = evidence["articles"][0]
    prefix = HOSTILE + "\n\n"
    first.update(
        title=HOSTILE,
        outlet=HOSTILE,
        byline=HOSTILE,
        source=JS_URL,
        text=prefix + first["text"],
        removed=[HOSTILE],
    )
    first["published"]["evidence"] = HOSTILE
    _shift_spans(evidence, "a1", len(prefix))
    evidence["claims"].append(
        {
            **evidence["claims"][0],
            "id": "c-hostile",
            "start": 0,
            "end": len(HOSTILE),
            "text": HOSTILE,
            "speaker": HOSTILE,
            "cue": IMG,
            "cites": [HOSTILE],
            "chain": [{"speaker": HOSTILE, "cue": SCRIPT}],
        }
    )
    evidence["groups"][2]["claims"].append("c-hostile")
    evidence["entities"][0].update(name=HOSTILE, type=IMG, aliases=[HOSTILE])
    evidence["groups"][0].update(summary=HOSTILE)
    evidence["groups"][0]["origins"][0]["name"] = HOSTILE
    evidence["relations"][0]["explanation"] = HOSTILE
    evidence["events"][0]["summary"] = HOSTILE
    evidence["timeline"][0]["summary"] = HOSTILE
    evidence["framing"]["articles"]["a2"]["central_act"].append(HOSTILE)
    evidence["framing"]["articles"]["a2"]["loaded"][0]["technique"] = HOSTILE
    evidence["framing"]["labels"][0]["by_article"]["a1"] = [HOSTILE]
    evidence["flags"][0].update(kind=HOSTILE, message=HOSTILE)
    evidence["inputs"].append({"source": HOSTILE, "status": "failed", "reason": HOSTILE})
    return evidence


def _shift_spans(evidence: Evidence, article: str, by: int) -> None:
    """Move text spans of one article after text was prepended to it (title spans stay put)."""
    spans = [span for entity in evidence["entities"] for span in (*entity["mentions"], *entity["labels"])]
    spans += evidence["claims"]
    for span in spans:
        if span["article"] == article and span.get("field", "text") == "text":
            span["start"] += by
            span["end"] += by
    for span in evidence["framing"]["articles"].get(article, {}).get("loaded", []):
        span["start"] += by
        span["end"] += by
