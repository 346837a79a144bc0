"""Text reuse: wire copy, rewrites, passages and shared quotes found through LSH, with their direction."""

from __future__ import annotations

import random

from rashomon.model import Article, Claim, PublishedDate
from rashomon.provenance import minhash
from rashomon.provenance.reuse import derived_from, find_reuse
from rashomon.provenance.wire import wire_credit

STORY = (
    "The river Alder burst its banks near Millford early on Tuesday after three days of heavy rain. "
    "Emergency crews evacuated more than two hundred homes along the eastern embankment overnight. "
    "The county council opened the sports hall on Bridge Street as a shelter for displaced families. "
    "Forecasters expect the water level to fall slowly over the coming weekend if the rain eases. "
    "Local farmers said the flooding had destroyed most of the winter wheat in the lower fields."
)
OTHER = (
    "A new library opened in the centre of Kingsport on Saturday with a collection of forty thousand books. "
    "The building was designed by a local architect and took two years to complete at the harbour end. "
    "Children from four schools read poems at the opening ceremony in front of the mayor and parents. "
    "The library will stay open until nine in the evening on weekdays and until six at weekends."
)


def article(aid: str, text: str, day: str | None = None, outlet: str | None = None, **kw: object) -> Article:
    published = PublishedDate(value=day, precision="day", source="page") if day else PublishedDate()
    return Article(id=aid, source=f"{aid}.txt", text=text, outlet=outlet, published=published, **kw)  # type: ignore[arg-type]


def test_a_reprint_is_wire_copy_from_the_earlier_article() -> None:
    a = article("a", "MILLFORD (AP) — " + STORY, "2024-03-05", "Associated Press")
    b = article("b", STORY.replace("Tuesday", "Tuesday morning"), "2024-03-06", "Valley Times")
    claim = Claim(id="c1", article="b", start=0, end=40, text=b.text[:40])
    found = find_reuse([a, b], [claim])
    assert [(r.kind, r.articles, r.derives, r.agency) for r in found] == [
        ("wire", ("a", "b"), True, "Associated Press")
    ]
    assert derived_from(found) == {"c1": "a"}


def test_a_few_copied_sentences_are_a_passage_not_a_rewrite() -> None:
    sentences = STORY.split(". ")
    own = OTHER + " " + sentences[1] + ". " + sentences[2] + ". " + OTHER.replace("Kingsport", "Eastwick")
    found = find_reuse([article("a", STORY, "2024-03-05"), article("b", own, "2024-03-07")])
    assert [(r.kind, r.articles) for r in found] == [("passage", ("a", "b"))]
    copied = next(s for s in found[0].spans if s.article == "b")
    assert "two hundred homes" in own[copied.start : copied.end]


def test_one_short_shared_sentence_is_not_evidence_of_copying() -> None:
    fact = "The currency lost a third of its value on 14 March 2023."
    found = find_reuse([article("a", STORY + " " + fact), article("b", OTHER + " " + fact)])
    assert found == ()


def test_a_template_with_other_figures_is_not_a_copy() -> None:
    a = "The median estimate in a survey of economists by the agency called for 360,000 new claims this week."
    b = "The median estimate in a survey of economists by the agency called for 538,000 new claims this week."
    found = find_reuse([article("a", STORY + " " + a + " " + a), article("b", OTHER + " " + b + " " + b)])
    assert found == ()


def test_unrelated_articles_share_nothing() -> None:
    assert find_reuse([article("a", STORY), article("b", OTHER)]) == ()


def test_without_dates_or_citations_the_direction_is_unknown() -> None:
    (found,) = find_reuse([article("a", STORY), article("b", STORY)])
    assert found.kind == "wire" and not found.derives and derived_from([found]) == {}


def test_a_shared_long_quote_is_a_common_source() -> None:
    quote = "“We will rebuild every home that the water took from us, whatever it costs,” the mayor said."
    a = article("a", OTHER + " " + quote)
    told = quote.replace(" the mayor said", " she told them")
    b = article("b", STORY + " Residents met the mayor. " + told)
    found = find_reuse([a, b])
    assert [(r.kind, r.derives) for r in found] == [("quote", False)]


def test_wire_credit_lines_and_their_homonyms() -> None:
    assert wire_credit(article("a", "BEIRUT (AP) — The port reopened on Monday.")) == "Associated Press"
    assert wire_credit(article("a", "LONDON, May 3 (Reuters) - Shares fell.")) == "Reuters"
    assert wire_credit(article("a", "Text.", byline="By The Associated Press")) == "Associated Press"
    assert wire_credit(article("a", "Text.", byline="By AFP Staff")) is None  # American Free Press
    assert wire_credit(article("a", "Text.", removed=("© AFP 2023 / SAUL LOEB",))) is None  # a photo
    assert wire_credit(article("a", "Text.\nCredit: J. Scott Applewhite/AP")) is None


def test_lsh_candidates_do_not_grow_with_the_square_of_the_corpus() -> None:
    rng = random.Random(7)
    vocabulary = [f"w{i}" for i in range(5000)]
    units = [" ".join(rng.choice(vocabulary) for _ in range(20)) for _ in range(2000)]
    hasher = minhash.MinHasher()
    signatures = [hasher.signature(minhash.shingles(u)) for u in units]
    pairs = list(minhash.candidate_pairs(signatures, [str(i) for i in range(len(units))]))
    assert len(pairs) < 200  # all-pairs would be ~2,000,000


def test_lsh_finds_a_near_copy_among_many() -> None:
    rng = random.Random(8)
    vocabulary = [f"w{i}" for i in range(5000)]
    units = [" ".join(rng.choice(vocabulary) for _ in range(25)) for _ in range(500)]
    units.append(units[17].replace(units[17].split()[5], "changed", 1))
    hasher = minhash.MinHasher()
    signatures = [hasher.signature(minhash.shingles(u)) for u in units]
    assert (17, 500) in set(minhash.candidate_pairs(signatures, [str(i) for i in range(len(units))]))


def test_several_copied_sentences_with_new_ones_are_a_rewrite() -> None:
    copied = ". ".join(STORY.split(". ")[:3]) + ". "
    b = article("b", copied + OTHER, "2024-03-08", "Hill Post")
    (found,) = find_reuse([article("a", STORY, "2024-03-05", "Valley Times"), b])
    assert found.kind == "rewrite" and found.articles == ("a", "b") and found.derives


def test_an_outlets_own_furniture_is_not_reuse() -> None:
    furniture = (
        "Sign up for our morning newsletter to get the most important stories of the day in your inbox."
    )
    third = (
        "The county council approved a new budget for road repairs after a long debate on Thursday evening. "
        "Councillors voted nine to four in favour of raising the parking charges in the town centre."
    )
    texts = [STORY, OTHER, third]
    articles = [article(f"a{i}", t + "\n" + furniture, outlet="Coast Gazette") for i, t in enumerate(texts)]
    assert find_reuse(articles) == ()
