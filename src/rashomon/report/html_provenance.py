"""The provenance section: the story's provenance graph drawn as inline SVG, text reuse, echo chains.

Drawn server-side in Python so the page needs no script and fetches nothing. The layout is layered,
left to right in the direction information flows: origins (people, documents, reports, public
events) → articles that other articles rely on → the articles relaying them. Nodes within a layer
are ordered by the mean position of their neighbours (one barycentre pass), which removes most
crossings in graphs of news size. Every label is article-derived text and goes through ``attr``.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence

from rashomon.provenance.graph import Edge, Node, ProvenanceGraph, build_graph, origin_chains
from rashomon.report.html_parts import article_ref, badge, claim_ref, none_found, section
from rashomon.report.html_text import attr, bdi, esc
from rashomon.report.view import Record, Story, records, string, strings

MAX_PER_LAYER = 40  # beyond this a drawing stops being readable; the rest are listed as not drawn
ROW, WIDTH, NODE_W, NODE_H = 30, 960, 250, 22
COLOURS = {
    "cites": "#1d6fa5",
    "derives from": "#c0392b",
    "quotes": "#7d5ba6",
    "states": "#2e8b57",
    "shares quote": "#b8860b",
    "shares text": "#b8860b",
}
FILLS = {
    "article": "#f4f4f4",
    "report": "#dbeafe",
    "document": "#ede9fe",
    "person": "#fce7f3",
    "public_record": "#dcfce7",
}


def provenance_section(story: Story) -> str:
    graph = build_graph(story.evidence)
    edges = [e for e in graph.edges.values() if e.type in COLOURS]
    if not edges:
        return section("provenance", "Provenance graph", 0, none_found("No citations or reuse were found."))
    intro = (
        "Who relies on whom: origins on the left, the articles that carry them to the right. "
        "Arrows follow the information, from an origin to the article that repeats it."
    )
    body = draw(graph) + _legend() + _reuse_list(story)
    return section("provenance", "Provenance graph", len(edges), body, intro)


def draw(graph: ProvenanceGraph) -> str:
    """The graph as one ``<svg>`` element (no outlet nodes: each article's label names its outlet)."""
    edges = [e for e in graph.edges.values() if e.type in COLOURS]
    layers = _layers(graph, edges)
    drawn = {n: (col, row) for col, layer in enumerate(layers) for row, n in enumerate(layer[:MAX_PER_LAYER])}
    height = max((len(layer[:MAX_PER_LAYER]) for layer in layers), default=1) * ROW + 20
    gap = (WIDTH - NODE_W) / max(1, len(layers) - 1)
    xy = {n: (10 + col * gap, 10 + row * ROW) for n, (col, row) in drawn.items()}
    lines = "".join(_line(e, xy) for e in edges if e.source in xy and e.target in xy)
    boxes = "".join(_box(graph.nodes[n], *xy[n]) for n in drawn)
    hidden = sum(max(0, len(layer) - MAX_PER_LAYER) for layer in layers)
    note = f'<p class="muted">{hidden} more nodes not drawn.</p>' if hidden else ""
    return (
        f'<svg class="provenance-graph" role="img" aria-label="provenance graph" '
        f'viewBox="0 0 {WIDTH + 20} {height}" width="100%" style="max-width:{WIDTH + 20}px" '
        f">{lines}{boxes}</svg>{note}"
    )


def _layers(graph: ProvenanceGraph, edges: Sequence[Edge]) -> list[list[str]]:
    """[origins, source articles, relaying articles], each ordered by its neighbours' mean row."""
    nodes = {n for e in edges for n in (e.source, e.target)}
    relied_on = {e.target for e in edges if graph.nodes[e.target].kind == "article"}
    origins = sorted(n for n in nodes if graph.nodes[n].kind != "article")
    middle = sorted(n for n in nodes if graph.nodes[n].kind == "article" and n in relied_on)
    right = sorted(n for n in nodes if graph.nodes[n].kind == "article" and n not in relied_on)
    layers = [layer for layer in (origins, middle, right) if layer]
    neighbours: dict[str, set[str]] = defaultdict(set)
    for edge in edges:
        neighbours[edge.source].add(edge.target)
        neighbours[edge.target].add(edge.source)
    for k in range(1, len(layers)):  # order articles by the origins they carry, then origins by articles
        layers[k] = _by_barycentre(layers[k], layers[k - 1], neighbours)
    if len(layers) > 1:
        layers[0] = _by_barycentre(layers[0], layers[1], neighbours)
    degree = {n: len(neighbours[n]) for n in nodes}
    return [layer if len(layer) <= MAX_PER_LAYER else _busiest(layer, degree) for layer in layers]


def _by_barycentre(layer: list[str], fixed: list[str], neighbours: Mapping[str, set[str]]) -> list[str]:
    row = {n: i for i, n in enumerate(fixed)}

    def centre(node: str) -> float:
        rows = [row[m] for m in neighbours.get(node, ()) if m in row]
        return sum(rows) / len(rows) if rows else float(len(fixed))

    return sorted(layer, key=lambda n: (centre(n), n))


def _busiest(layer: list[str], degree: Mapping[str, int]) -> list[str]:
    keep = set(sorted(layer, key=lambda n: (-degree[n], n))[:MAX_PER_LAYER])
    return [n for n in layer if n in keep] + [n for n in layer if n not in keep]


def _line(edge: Edge, xy: Mapping[str, tuple[float, float]]) -> str:
    """Drawn from what is relied on (left) to what relies on it (right), with a drawn arrowhead (no
    ``<marker>``: its ``url(#id)`` reference is the kind of resource reference the page avoids)."""
    (x1, y1), (x2, y2) = xy[edge.target], xy[edge.source]
    if x1 > x2:
        (x1, y1), (x2, y2) = (x2, y2), (x1, y1)
    shift = (list(COLOURS).index(edge.type) - 2) * 2.5  # parallel edges of other types stay visible
    start, end = (x1 + NODE_W, y1 + NODE_H / 2 + shift), (x2, y2 + NODE_H / 2 + shift)
    bend, tip = (start[0] + end[0]) / 2, 7.0
    if x1 == x2:  # same layer: an arc on the right side, arriving leftwards
        end = (x2 + NODE_W, y2 + NODE_H / 2 + shift)
        bend, tip = start[0] + 40, -7.0
    colour = COLOURS[edge.type]
    title = f"{edge.type}: {len(edge.claims)} claim(s)"
    ex, ey = end
    head = f"M{ex - tip:.0f},{ey - 4:.0f} L{ex:.0f},{ey:.0f} L{ex - tip:.0f},{ey + 4:.0f} z"
    return (
        f'<g><title>{attr(title)}</title><path d="M{start[0]:.0f},{start[1]:.0f} C{bend:.0f},{start[1]:.0f} '
        f'{bend:.0f},{ey:.0f} {ex - tip:.0f},{ey:.0f}" fill="none" stroke="{colour}" stroke-width="1.5"/>'
        f'<path d="{head}" fill="{colour}"/></g>'
    )


def _box(node: Node, x: float, y: float) -> str:
    label = node.label if len(node.label) <= 38 else node.label[:37] + "…"
    kind = node.kind.replace("_", " ")
    return (
        f"<g><title>{attr(f'{node.label} ({kind})')}</title>"
        f'<rect x="{x:.0f}" y="{y:.0f}" width="{NODE_W}" height="{NODE_H}" rx="4" '
        f'fill="{FILLS.get(node.kind, "#eee")}" stroke="#999"/>'
        f'<text x="{x + 6:.0f}" y="{y + 15:.0f}" font-size="11" font-family="sans-serif">'
        f"{attr(label)}</text></g>"
    )


def _legend() -> str:
    items = "".join(
        f'<span style="color:{colour};margin-right:12px">━ {esc(kind)}</span>'
        for kind, colour in COLOURS.items()
    )
    return f'<p class="muted">{items}</p>'


def _reuse_list(story: Story) -> str:
    reuse = records(story.evidence, "reuse")
    if not reuse:
        return "<h3>Text reuse</h3>" + none_found("No copied text or shared quotes were found.")
    items = "".join(_reuse_item(story, r) for r in reuse)
    return f'<h3>Text reuse</h3><ul class="evidence-list">{items}</ul>'


def _reuse_item(story: Story, reuse: Record) -> str:
    pair = strings(reuse, "articles")
    if len(pair) != 2:
        return ""
    arrow = " copied from " if reuse.get("derives") is True else " and "
    agency = string(reuse, "agency")
    extra = f" ({esc(agency)})" if agency else ""
    claims = ", ".join(claim_ref(story, c) for c in strings(reuse, "claims"))
    return (
        f"<li>{badge(string(reuse, 'kind') or 'reuse', 'plain')}{extra} {article_ref(story, pair[1])}{arrow}"
        f"{article_ref(story, pair[0])} <span class=muted>{esc(string(reuse, 'evidence') or '')}</span>"
        f"{' — claims ' + claims if claims else ''}</li>"
    )


def echo_chains(story: Story, origin: Record) -> str:
    """Under one origin: the chain by which each of its claims reaches it, first-hand claims first."""
    chains = _chains(story)
    rows = []
    for claim_id in strings(origin, "claims"):
        chain = chains.get(claim_id)
        if chain:
            rows.append(f"<li>{claim_ref(story, claim_id)} {' → '.join(bdi(step) for step in chain)}</li>")
    return f'<ul class="chains muted">{"".join(rows)}</ul>' if len(rows) > 1 else ""


_CACHE: dict[int, tuple[Story, dict[str, list[str]]]] = {}


def _chains(story: Story) -> dict[str, list[str]]:
    """Chains are computed once per report, not once per origin."""
    cached = _CACHE.get(id(story))
    if cached is None or cached[0] is not story:
        _CACHE.clear()
        cached = (story, origin_chains(story.evidence))
        _CACHE[id(story)] = cached
    return cached[1]
