"""Outlet identity: registry names and domains, bylines, datelines and credit lines; unknowns stay unknown."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from rashomon.clean.stage import CleanStage
from rashomon.config import Config
from rashomon.errors import UsageError
from rashomon.model import RawDocument
from rashomon.outlets.identify import Registry, identify, packaged_registry, read_registry


@pytest.mark.parametrize(
    ("names", "url", "expected", "via"),
    [
        (["Fox News (Online News)"], None, "Fox News", "name"),
        (["AP"], None, "Associated Press", "name"),  # an alias from the citation module
        (["the guardian"], None, "The Guardian", "name"),
        ([None, "Sputnik International"], None, "Sputnik", "name"),  # the page's site name
        (["Guest Writer - Center"], "https://thehill.com/opinion/1", "The Hill", "domain"),
        ([], "https://edition.cnn.com/2020/01/03/x.html", "CNN", "domain"),
        ([], "https://news.bbc.co.uk/x", "BBC", "domain"),  # a subdomain of a registered domain
        (["Westhaven Gazette"], "https://westhaven.example/x", "Westhaven Gazette", ""),  # kept verbatim
    ],
)
def test_names_and_domains(names: list[str | None], url: str | None, expected: str, via: str) -> None:
    found = identify(names, url)
    assert (found.name, found.via) == (expected, via)
    assert found.registered == (via != "")


@pytest.mark.parametrize(
    ("byline", "text", "removed", "expected", "via"),
    [
        ("By AFP", "Body.", [], "Agence France-Presse", "byline"),
        ("By AFP Staff", "Body.", [], "American Free Press", "byline"),  # its signature, not the agency's
        (None, "By Reuters Staff\nBody text here.", [], "Reuters", "byline"),
        ("Jane Roe and The Associated Press", "Body.", [], "Associated Press", "byline"),
        (None, "BEIRUT (Reuters) - The army said on Monday.", [], "Reuters", "dateline"),
        (None, "The army said.\n(Press TV)", [], "Press TV", "credit line"),
        (None, "The army said.", ["© Reuters 2020. All rights reserved."], "Reuters", "credit line"),
        (None, "The army said.\nSource: Xinhua", [], "Xinhua", "credit line"),
    ],
)
def test_signatures_in_the_text(
    byline: str | None, text: str, removed: list[str], expected: str, via: str
) -> None:
    found = identify([], None, byline, text, removed)
    assert (found.name, found.via) == (expected, via)


@pytest.mark.parametrize(
    ("byline", "text", "removed"),
    [
        (None, "Body.", ["© AFP 2023 / SAUL LOEB In this file photo taken in 2020"]),  # a photo credit
        (None, "Body.\nThis story contains reporting by Ann Lee of The New York Times.", []),  # sourcing
        ("By Jane Roe", "Body.", []),
        (None, "Body.\n(Westhaven Gazette)", []),  # a credit to an unregistered name: not guessed
        (None, "The army said, Reuters reported.", []),  # a citation inside the body
    ],
)
def test_what_is_not_the_publisher_stays_unknown(byline: str | None, text: str, removed: list[str]) -> None:
    found = identify([], None, byline, text, removed)
    assert found.name is None and found.key is None


def test_user_registry_extends_and_overrides(tmp_path: Path) -> None:
    extra = tmp_path / "mine.json"
    extra.write_text(
        json.dumps(
            {"outlets": [{"name": "Westhaven Gazette", "domains": ["westhaven.example"], "country": "GB"}]}
        )
    )
    registry = Registry.load(extra)
    found = identify([], "https://www.westhaven.example/story", registry=registry)
    assert (found.name, found.via, found.registered) == ("Westhaven Gazette", "domain", True)
    assert identify(["Reuters"], registry=registry).name == "Reuters"  # the packaged ones are still there
    (tmp_path / "bad.json").write_text('{"outlets": [{"domains": []}]}')
    with pytest.raises(UsageError, match="no 'name'"):
        read_registry(tmp_path / "bad.json")


def test_packaged_registry_is_well_formed() -> None:
    registry = packaged_registry()
    assert 50 <= len(registry.outlets) <= 100
    domains = [domain for outlet in registry.outlets.values() for domain in outlet.domains]
    assert len(domains) == len(set(domains)), "a domain listed for two outlets"
    assert all(outlet.country and len(outlet.country) == 2 for outlet in registry.outlets.values())
    for outlet in registry.outlets.values():
        for name in (outlet.name, *outlet.aliases):
            assert registry.by_name(name) == outlet, name


def test_clean_stage_sets_the_identified_outlet() -> None:
    stage = CleanStage(Config())
    text = "Harbour Closed\n\nBy AFP Staff\n\nThe storm closed the harbour on Monday, officials said.\n"
    raw = RawDocument(source="a.txt", kind="text", content=text)
    article, _ = stage._clean_one(raw)
    assert article is not None and article.outlet == "American Free Press"
    given = RawDocument(source="b.json", kind="text", content=text, outlet="Fox News (Online News)")
    article, _ = stage._clean_one(given)
    assert article is not None and article.outlet == "Fox News"  # the input's own outlet, normalised
    unknown = RawDocument(
        source="c.json", kind="text", content=text.replace("By AFP Staff", ""), outlet="Gazette"
    )
    article, _ = stage._clean_one(unknown)
    assert article is not None and article.outlet == "Gazette"  # unregistered: kept as given
