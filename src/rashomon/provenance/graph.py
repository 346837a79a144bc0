"""The provenance graph of a story, built from the evidence map, and its GraphML export.

Built from the evidence map (a plain dict), not from the batch, so the report, the store's exporter
(``rashomon export --format graphml``) and any reader of ``evidence.json`` draw the same graph.

Nodes: ``article``, ``outlet`` (who published an article), ``report`` (an outlet's reporting that
articles rely on), ``document`` (a book, filing, statement), ``person`` (a speaker on record) and
``public_record`` (a widely witnessed event). Edges point from what relies to what it relies on:
``cites`` (an article names a report), ``derives from`` (an article's text or claim rests on another
article or on a report it does not name: copied text, a continued attribution), ``quotes`` (an
article quotes a person or a document), ``states`` (an article states a public event in its own
voice), ``shares quote`` (two articles carry the same long quote: a common source), ``shares text``
(near-identical text, neither known to be first) and ``published by``. Every edge lists the claim
ids behind it and, for text reuse, the spans.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any
from xml.sax.saxutils import escape, quoteattr

from rashomon.claims.outlets import outlet_key
from rashomon.provenance.origins import article_name

Record = Mapping[str, Any]
OWN = " (own reporting)"
NODE_KINDS = ("article", "outlet", "report", "document", "person", "public_record")
EDGE_TYPES = ("cites", "derives from", "quotes", "states", "shares quote", "shares text", "published by")


@dataclass(frozen=True, slots=True)
class Node:
    id: str
    kind: str
    label: str
    attrs: Mapping[str, str] = field(default_factory=dict)


@dataclass(slots=True)
class Edge:
    source: str
    target: str
    type: str
    claims: list[str] = field(default_factory=list)
    spans: list[str] = field(default_factory=list)  # "article:start-end"


@dataclass(slots=True)
class ProvenanceGraph:
    nodes: dict[str, Node] = field(default_factory=dict)
    edges: dict[tuple[str, str, str], Edge] = field(default_factory=dict)

    def add_node(self, node: Node) -> str:
        self.nodes.setdefault(node.id, node)
        return node.id

    def add_edge(
        self, source: str, target: str, kind: str, claims: Sequence[str] = (), spans: Sequence[str] = ()
    ) -> None:
        if source == target:
            return
        edge = self.edges.setdefault((source, target, kind), Edge(source, target, kind))
        edge.claims.extend(c for c in claims if c not in edge.claims)
        edge.spans.extend(s for s in spans if s not in edge.spans)

    def out_edges(self, node: str) -> Iterator[Edge]:
        return (e for e in self.edges.values() if e.source == node)


def _list(record: Record | None, key: str) -> list[Any]:
    value = record.get(key) if isinstance(record, Mapping) else None
    return list(value) if isinstance(value, list) else []


def _str(record: Record | None, key: str) -> str | None:
    value = record.get(key) if isinstance(record, Mapping) else None
    return value if isinstance(value, str) else None


def _credit(article: Record) -> str | None:
    from rashomon.model import Article
    from rashomon.provenance.wire import wire_credit

    removed = tuple(r for r in _list(article, "removed") if isinstance(r, str))
    record = Article(
        id=_str(article, "id") or "",
        source=_str(article, "source") or "",
        text=_str(article, "text") or "",
        byline=_str(article, "byline"),
        removed=removed,
    )
    return wire_credit(record)


def own_name(article: Record) -> str:
    """The origin name an article's own reporting gets (the same rule as ``origins.own_reporting``)."""
    return article_name(_str(article, "outlet"), _str(article, "title"), _str(article, "source") or "") + OWN


def build_graph(evidence: Mapping[str, Any]) -> ProvenanceGraph:
    """The graph of who relies on whom, from ``evidence.json``'s articles, claims, groups and reuse."""
    graph = ProvenanceGraph()
    articles = [a for a in _list(evidence, "articles") if isinstance(a, Mapping) and _str(a, "id")]
    own = {own_name(a): str(a["id"]) for a in articles}
    in_run = {outlet_key(o): str(a["id"]) for a in articles if (o := _str(a, "outlet"))}
    for article in articles:
        _add_article(graph, article)
    claims = {str(c["id"]): c for c in _list(evidence, "claims") if isinstance(c, Mapping) and _str(c, "id")}
    for claim_id, claim in claims.items():
        for cited in _list(claim, "cites"):
            if isinstance(cited, str):
                target = in_run.get(outlet_key(cited)) or _report(graph, cited)
                graph.add_edge(str(claim.get("article")), target, "cites", [claim_id])
    for group in _list(evidence, "groups"):
        for origin in _list(group, "origins"):
            _add_origin(graph, origin, claims, own)
    for reuse in _list(evidence, "reuse"):
        _add_reuse(graph, reuse)
    return graph


def _add_article(graph: ProvenanceGraph, article: Record) -> None:
    article_id = str(article["id"])
    published = article.get("published")
    date = _str(published, "value") if isinstance(published, Mapping) else None
    attrs = {
        "title": _str(article, "title") or "",
        "published": date or "",
        "source": _str(article, "source") or "",
    }
    graph.add_node(Node(article_id, "article", own_name(article)[: -len(OWN)], attrs))
    outlet = _str(article, "outlet")
    if outlet:
        outlet_id = graph.add_node(Node(f"outlet:{outlet_key(outlet)}", "outlet", outlet))
        graph.add_edge(article_id, outlet_id, "published by")


def _report(graph: ProvenanceGraph, name: str) -> str:
    return graph.add_node(Node(f"report:{outlet_key(name)}", "report", name))


def _add_origin(
    graph: ProvenanceGraph, origin: Record, claims: Mapping[str, Record], own: Mapping[str, str]
) -> None:
    name, kind = _str(origin, "name") or "unnamed", _str(origin, "kind") or "report"
    target = own.get(name)
    if target is None and kind == "report":
        target = _report(graph, name)  # the same node its citations point to
    elif target is None:
        node_kind = kind if kind in NODE_KINDS else "report"
        target = graph.add_node(Node(f"{node_kind}:{_slug(name)}", node_kind, name))
    edge = {"person": "quotes", "document": "quotes", "public_record": "states"}.get(kind, "derives from")
    for claim_id in _list(origin, "claims"):
        claim = claims.get(str(claim_id))
        if claim is None:
            continue
        article = str(claim.get("article"))
        cites = {outlet_key(c) for c in _list(claim, "cites") if isinstance(c, str)}
        if kind == "report" and outlet_key(name) in cites:
            continue  # already a "cites" edge
        graph.add_edge(article, target, edge, [str(claim_id)])


def _add_reuse(graph: ProvenanceGraph, reuse: Record) -> None:
    pair = [str(a) for a in _list(reuse, "articles")]
    if len(pair) != 2 or not all(a in graph.nodes for a in pair):
        return
    spans = [
        f"{s.get('article')}:{s.get('start')}-{s.get('end')}"
        for s in _list(reuse, "spans")
        if isinstance(s, Mapping)
    ]
    claims = [str(c) for c in _list(reuse, "claims")]
    if _str(reuse, "kind") == "quote":
        kind = "shares quote"
    else:
        kind = "derives from" if reuse.get("derives") is True else "shares text"
    graph.add_edge(pair[1], pair[0], kind, claims, spans)


def _slug(name: str) -> str:
    return re.sub(r"\s+", " ", name.strip().casefold())


# --- GraphML -------------------------------------------------------------------------------------------

NODE_KEYS = ("kind", "label", "title", "published", "source")
EDGE_KEYS = ("type", "claims", "spans")


def to_graphml(graph: ProvenanceGraph) -> str:
    """GraphML 1.0 (directed) that networkx, Gephi and yEd read; every attribute a string."""
    keys = [f'<key id="n_{k}" for="node" attr.name="{k}" attr.type="string"/>' for k in NODE_KEYS] + [
        f'<key id="e_{k}" for="edge" attr.name="{k}" attr.type="string"/>' for k in EDGE_KEYS
    ]
    lines = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<graphml xmlns="http://graphml.graphdrawing.org/xmlns" '
        'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
        'xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns '
        'http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">',
        *keys,
        '<graph id="provenance" edgedefault="directed">',
    ]
    for node in graph.nodes.values():
        values = {"kind": node.kind, "label": node.label, **node.attrs}
        data = "".join(f'<data key="n_{k}">{_xml(values[k])}</data>' for k in NODE_KEYS if values.get(k))
        lines.append(f"<node id={quoteattr(_clean(node.id))}>{data}</node>")
    for n, edge in enumerate(graph.edges.values()):
        values = {"type": edge.type, "claims": " ".join(edge.claims), "spans": " ".join(edge.spans)}
        data = "".join(f'<data key="e_{k}">{_xml(values[k])}</data>' for k in EDGE_KEYS if values[k])
        ends = f"source={quoteattr(_clean(edge.source))} target={quoteattr(_clean(edge.target))}"
        lines.append(f'<edge id="e{n}" {ends}>{data}</edge>')
    lines += ["</graph>", "</graphml>"]
    return "\n".join(lines) + "\n"


CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _clean(text: str) -> str:
    """Characters XML 1.0 cannot hold at all (article text is hostile) are dropped."""
    return CONTROL.sub("", text)


def _xml(text: str) -> str:
    return escape(_clean(text))


# --- the chain behind each claim of an origin ----------------------------------------------------------


def origin_chains(evidence: Mapping[str, Any]) -> dict[str, list[str]]:
    """Claim id -> how it reaches its group's origin: ["Daily Echo", "cites Coast Gazette", "Ann Reed
    [person]"]. Built once per map: the report shows it for every echo."""
    articles = {str(a.get("id")): a for a in _list(evidence, "articles") if isinstance(a, Mapping)}
    copied: dict[str, str] = {}
    for reuse in _list(evidence, "reuse"):
        pair = [str(a) for a in _list(reuse, "articles")]
        if reuse.get("derives") is True and len(pair) == 2 and _str(reuse, "kind") != "quote":
            source = articles.get(pair[0])
            label = own_name(source)[: -len(OWN)] if source else pair[0]
            for claim_id in _list(reuse, "claims"):
                copied.setdefault(str(claim_id), f"copies {label} ({_str(reuse, 'kind')})")
    claims = {str(c.get("id")): c for c in _list(evidence, "claims") if isinstance(c, Mapping)}
    chains: dict[str, list[str]] = {}
    for group in _list(evidence, "groups"):
        for origin in _list(group, "origins"):
            for claim_id in _list(origin, "claims"):
                claim = claims.get(str(claim_id))
                if claim is not None:
                    chains[str(claim_id)] = _chain(claim, origin, articles, copied)
    return chains


def _chain(
    claim: Record, origin: Record, articles: Mapping[str, Record], copied: Mapping[str, str]
) -> list[str]:
    article = articles.get(str(claim.get("article")))
    steps = [own_name(article)[: -len(OWN)] if article else "unknown article"]
    if _str(claim, "field") == "title":
        steps.append("headline")
    cites = [c for c in _list(claim, "cites") if isinstance(c, str)]
    if cites:
        steps.append(f"cites {cites[0]}")
    name = _str(origin, "name") or "unnamed"
    if str(claim.get("id")) in copied:
        steps.append(copied[str(claim.get("id"))])
    elif not cites and _str(origin, "kind") == "report" and article and name != own_name(article):
        credit = _credit(article)
        # a wire reprint rests on its agency; otherwise an own-voice or anonymous sentence after a citation
        steps.append(f"wire copy of {credit}" if credit else "continues a citation")
    for link in _list(claim, "chain"):
        speaker = _str(link, "speaker")
        if speaker and speaker != name and speaker not in cites:
            steps.append(speaker)
    steps.append(f"{name} [{(_str(origin, 'kind') or 'origin').replace('_', ' ')}]")
    return steps
