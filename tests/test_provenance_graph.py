"""The provenance graph from an evidence map, its GraphML, and its drawing in the report."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from typing import Any

import pytest

from rashomon.provenance.graph import build_graph, origin_chains, to_graphml

HOSTILE = 'Gazette <script>alert("x")</script> & \x07Co'


def evidence() -> dict[str, Any]:
    """Gazette interviews the mayor; the Echo cites the Gazette and copies a sentence; the Times quotes
    the mayor itself; all three state the storm."""

    def claim(cid: str, article: str, **kw: Any) -> dict[str, Any]:
        return {"id": cid, "article": article, "text": cid, "cites": [], "chain": [], **kw}

    return {
        "articles": [
            {
                "id": "a1",
                "source": "a1.json",
                "outlet": HOSTILE,
                "title": "Harbour",
                "published": {"value": "2024-02-20"},
            },
            {"id": "a2", "source": "a2.json", "outlet": "Daily Echo", "title": "Closing"},
            {"id": "a3", "source": "a3.json", "outlet": None, "title": "Mayor confirms"},
        ],
        "claims": [
            claim("c1", "a1", chain=[{"speaker": "Ann Reed", "cue": "told"}]),
            claim("c2", "a2", cites=[HOSTILE]),
            claim("c3", "a3", chain=[{"speaker": "Ann Reed", "cue": "told"}]),
            claim("s1", "a1"),
            claim("s2", "a2"),
            claim("s3", "a3"),
        ],
        "groups": [
            {
                "id": "g1",
                "claims": ["c1", "c2", "c3"],
                "origins": [{"name": "Ann Reed", "kind": "person", "claims": ["c1", "c2", "c3"]}],
            },
            {
                "id": "g2",
                "claims": ["s1", "s2", "s3"],
                "origins": [{"name": "public record", "kind": "public_record", "claims": ["s1", "s2", "s3"]}],
            },
        ],
        "reuse": [
            {
                "id": "r1",
                "kind": "passage",
                "articles": ["a1", "a2"],
                "derives": True,
                "claims": ["s2"],
                "spans": [{"article": "a1", "start": 0, "end": 9}, {"article": "a2", "start": 4, "end": 13}],
            },
        ],
    }


def edge_types(graph: Any) -> set[tuple[str, str, str]]:
    return {(e.source, e.target, e.type) for e in graph.edges.values()}


def test_the_graph_has_typed_edges_with_their_claims() -> None:
    graph = build_graph(evidence())
    kinds = {n.id: n.kind for n in graph.nodes.values()}
    assert kinds["person:ann reed"] == "person" and kinds["public_record:public record"] == "public_record"
    edges = edge_types(graph)
    assert ("a2", "a1", "cites") in edges  # the cited outlet's own article is in the run
    assert ("a3", "person:ann reed", "quotes") in edges
    assert ("a2", "a1", "derives from") in edges
    assert ("a1", "public_record:public record", "states") in edges
    copied = graph.edges[("a2", "a1", "derives from")]
    assert copied.claims == ["s2"] and copied.spans == ["a1:0-9", "a2:4-13"]


def test_graphml_is_well_formed_and_escapes_article_text() -> None:
    text = to_graphml(build_graph(evidence()))
    assert "<script>" not in text and "\x07" not in text
    root = ET.fromstring(text)
    ns = {"g": "http://graphml.graphdrawing.org/xmlns"}
    graph = root.find("g:graph", ns)
    assert graph is not None and graph.get("edgedefault") == "directed"
    ids = {n.get("id") for n in graph.findall("g:node", ns)}
    for edge in graph.findall("g:edge", ns):
        assert edge.get("source") in ids and edge.get("target") in ids
    keys = {k.get("id") for k in root.findall("g:key", ns)}
    used = {d.get("key") for d in root.iter("{http://graphml.graphdrawing.org/xmlns}data")}
    assert used <= keys


def test_networkx_reads_the_graphml() -> None:
    nx = pytest.importorskip("networkx")
    import io

    graph = nx.read_graphml(io.BytesIO(to_graphml(build_graph(evidence())).encode()))
    assert graph.is_directed()
    types = {data["type"] for data in graph.get_edge_data("a2", "a1").values()}  # parallel edges kept
    assert types == {"cites", "derives from"}
    assert graph.nodes["a1"]["kind"] == "article"


def test_malformed_evidence_gives_an_empty_graph_not_a_crash() -> None:
    for bad in ({}, {"articles": "x", "groups": [None, 3]}, {"claims": [{"id": "c", "cites": [5]}]}):
        to_graphml(build_graph(bad))


def test_each_echo_has_its_chain() -> None:
    chains = origin_chains(evidence())
    assert chains["c2"][0] == "Daily Echo" and chains["c2"][1].startswith("cites Gazette")
    assert chains["c2"][-1] == "Ann Reed [person]"
    assert any(step.startswith("copies Gazette") for step in chains["s2"])


def test_the_report_draws_the_graph_as_escaped_inline_svg() -> None:
    from rashomon.report.html import render_html

    page = render_html(evidence())
    assert '<section id="provenance">' in page and "<svg" in page
    assert "<script>alert" not in page
    assert "Ann Reed [person]" in page  # the chain behind an echo, under its origin


def test_a_wire_reprint_and_a_continued_citation_say_so_in_their_chain() -> None:
    evidence = {
        "articles": [
            {
                "id": "w",
                "source": "w.json",
                "outlet": "Riverton Courier",
                "text": "RIVERTON (AP) — Cracks were found.",
            },
            {
                "id": "x",
                "source": "x.json",
                "outlet": "Valley Star",
                "text": "NBC News reported it. Then more.",
            },
        ],
        "claims": [
            {"id": "c1", "article": "w", "cites": [], "chain": []},
            {"id": "c2", "article": "x", "cites": [], "chain": []},
        ],
        "groups": [
            {"id": "g1", "origins": [{"name": "Associated Press", "kind": "report", "claims": ["c1"]}]},
            {"id": "g2", "origins": [{"name": "NBC News", "kind": "report", "claims": ["c2"]}]},
        ],
    }
    chains = origin_chains(evidence)
    assert chains["c1"] == ["Riverton Courier", "wire copy of Associated Press", "Associated Press [report]"]
    assert chains["c2"] == ["Valley Star", "continues a citation", "NBC News [report]"]
