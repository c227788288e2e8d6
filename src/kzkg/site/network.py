"""The person–organisation network as an SVG drawn at build time, laid out deterministically.

Two kinds of tie join a person or a group to an organisation: a role in it (leader, member,
founder, …, from the memberships) and claims the person or group made about it. Only those with
such a tie are drawn, and the page says how many that is of how many, and names the others. The
layout is bipartite — persons and groups in a left column, organisations in a right one — and each column is ordered by a few rounds of the
barycentre heuristic, which pulls a node towards its neighbours and so uncrosses edges. There is
no randomness: ties break by label, so the same graph always gives the same picture, byte for
byte.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict

from kzkg.site.layout import attr, esc, page
from kzkg.site.model import Ref, Site

WIDTH = 960
LEFT, RIGHT = 270.0, 590.0  # the x of the person and organisation columns
TOP, STEP = 40.0, 24.0  # the y of the first row, and the distance between rows
ROUNDS = 6  # barycentre sweeps; the order settles well before this on graphs of this size
ROLE_CLASSES = {"leader": "leader", "chair": "leader", "founder": "founder", "member": "member"}
SPEAKERS = ("person", "group")  # the kinds in the left column


class Network:
    """Nodes and edges of the picture; ``order`` gives each column's top-to-bottom order."""

    def __init__(self, site: Site) -> None:
        self.roles: dict[tuple[str, str], list[str]] = defaultdict(list)
        for m in site.memberships:
            if m.member.iri in site.entities and site.entities[m.member.iri].kind in SPEAKERS:
                self.roles[(m.member.iri, m.organisation.iri)].append(m.role)
        self.claims: Counter[tuple[str, str]] = Counter()
        for claim in site.claims.values():
            speaker = site.entities.get(claim.speaker.iri)
            for subject in claim.about:
                target = site.entities.get(subject.iri)
                if speaker and target and speaker.kind in SPEAKERS and target.kind == "org":
                    self.claims[(speaker.ref.iri, target.ref.iri)] += 1
        pairs = set(self.roles) | set(self.claims)
        self.refs: dict[str, Ref] = {iri: site.ref(iri) for pair in pairs for iri in pair}
        self.neighbours: dict[str, set[str]] = defaultdict(set)
        for person, org in pairs:
            self.neighbours[person].add(org)
            self.neighbours[org].add(person)
        self.kinds = {iri: site.entities[iri].kind for iri in self.refs if iri in site.entities}
        self.persons = self._sorted({p for p, _ in pairs})
        self.orgs = self._sorted({o for _, o in pairs})
        self.order()

    def _sorted(self, iris: set[str]) -> list[str]:
        return sorted(iris, key=lambda iri: (self.refs[iri].label, iri))

    def order(self) -> None:
        """Reorder both columns by the mean row of each node's neighbours in the other one."""
        for _ in range(ROUNDS):
            for moving, fixed in ((self.orgs, self.persons), (self.persons, self.orgs)):
                row = {iri: index for index, iri in enumerate(fixed)}
                centre = {
                    iri: sum(row[n] for n in self.neighbours[iri]) / len(self.neighbours[iri])
                    for iri in moving
                }
                moving.sort(key=lambda iri: (centre[iri], self.refs[iri].label, iri))

    def position(self, iri: str) -> tuple[float, float]:
        """The node's centre; the shorter column is centred against the longer one."""
        column = self.persons if iri in set(self.persons) else self.orgs
        offset = (max(len(self.persons), len(self.orgs)) - len(column)) * STEP / 2
        x = LEFT if column is self.persons else RIGHT
        return x, round(TOP + offset + column.index(iri) * STEP, 2)

    @property
    def height(self) -> int:
        return int(TOP * 2 + (max(len(self.persons), len(self.orgs)) - 1) * STEP)


def _edge(a: tuple[float, float], b: tuple[float, float], cls: str, width: float) -> str:
    middle = (a[0] + b[0]) / 2
    d = f"M{a[0]:g},{a[1]:g} C{middle:g},{a[1]:g} {middle:g},{b[1]:g} {b[0]:g},{b[1]:g}"
    return f'<path class="{cls}" d="{d}" stroke-width="{width:.2f}"/>'


def _node(net: Network, iri: str, root: str) -> str:
    x, y = net.position(iri)
    ref = net.refs[iri]
    person = iri in set(net.persons)
    degree = len(net.neighbours[iri])
    r = round(4 + math.sqrt(degree), 2)
    shape = (
        f'<circle cx="{x:g}" cy="{y:g}" r="{r:g}"/>'
        if person
        else f'<rect x="{x - r:g}" y="{y - r:g}" width="{2 * r:g}" height="{2 * r:g}"/>'
    )
    anchor, dx = ("end", -r - 6) if person else ("start", r + 6)
    label = f'<text x="{x + dx:g}" y="{y + 4:g}" text-anchor="{anchor}">{esc(ref.label)}</text>'
    kind = net.kinds.get(iri, "org")
    title = f"<title>{esc(ref.label)}: {degree} tie{'s' if degree != 1 else ''}</title>"
    return (
        f'<a href="{attr(root + (ref.path or ""))}" class="node {kind}">{title}{shape}{label}</a>'
    )


def network_svg(site: Site, root: str = "") -> str:
    """The picture: claim ties (grey, thicker for more claims) under role ties (coloured)."""
    net = Network(site)
    edges = [
        _edge(net.position(p), net.position(o), "said", 0.8 + math.log2(n))
        for (p, o), n in sorted(net.claims.items())
    ]
    for (p, o), roles in sorted(net.roles.items()):
        cls = ROLE_CLASSES.get(sorted(roles)[0], "other")
        edges.append(_edge(net.position(p), net.position(o), f"role {cls}", 2.5))
    nodes = [_node(net, iri, root) for iri in net.persons + net.orgs]
    heads = (
        f'<text class="head" x="{LEFT:g}" y="16" text-anchor="end">persons and groups</text>'
        f'<text class="head" x="{RIGHT:g}" y="16">organisations</text>'
    )
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" class="network" viewBox="0 0 {WIDTH} '
        f'{net.height}" width="{WIDTH}" height="{net.height}" role="img" '
        f'aria-labelledby="network-title"><title id="network-title">Persons and the '
        f"organisations they hold roles in or make claims about</title>{heads}"
        f'<g class="edges">{"".join(edges)}</g><g class="nodes">{"".join(nodes)}</g></svg>'
    )


def _coverage(site: Site, net: Network) -> str:
    """How many of each kind the picture shows, by which rule, and which are left out."""
    shown = set(net.persons) | set(net.orgs)
    parts, left_out = [], []
    for kind, name in (("person", "persons"), ("group", "groups"), ("org", "organisations")):
        every = [e for e in site.entities.values() if e.kind == kind]
        drawn = sum(1 for e in every if e.ref.iri in shown)
        parts.append(f"{drawn} of {len(every)} {name}")
        left_out += [e.ref for e in every if e.ref.iri not in shown]
    missing = ", ".join(
        f'<a href="{attr(r.path or "")}">{esc(r.label)}</a>'
        for r in sorted(left_out, key=lambda r: r.label)
    )
    return (
        f'<div class="coverage"><p><strong>Shown: {", ".join(parts)}</strong> — those with at least '
        "one tie: a person or group holding a role in an organisation or making claims about "
        f"it.</p><details><summary>The {len(left_out)} without such a tie</summary><p>{missing}"
        "</p></details></div>"
    )


def _ties(site: Site, net: Network) -> str:
    """Every tie in words, one line per person or group: readable on any screen."""
    items = []
    for iri in sorted(net.persons, key=lambda i: net.refs[i].label):
        ref = net.refs[iri]
        ties = [
            f"{esc(', '.join(sorted(set(roles))))} of "
            f'<a href="{attr(net.refs[o].path or "")}">{esc(net.refs[o].label)}</a>'
            for (p, o), roles in sorted(net.roles.items())
            if p == iri
        ]
        about = [
            f'<a href="{attr(net.refs[o].path or "")}">{esc(net.refs[o].label)}</a> ({n})'
            for (p, o), n in sorted(net.claims.items(), key=lambda i: net.refs[i[0][1]].label)
            if p == iri
        ]
        if about:
            ties.append("claims about " + ", ".join(about))
        items.append(
            f'<li><a href="{attr(ref.path or "")}"><strong>{esc(ref.label)}</strong></a> '
            f'<small class="muted">{esc(net.kinds.get(iri, ""))}</small>: {"; ".join(ties)}</li>'
        )
    return f'<ul class="ties">{"".join(items)}</ul>'


def network_page(site: Site) -> str:
    """The network picture with its legend and coverage, and every tie in words."""
    net = Network(site)
    legend = (
        '<ul class="legend network-legend"><li><span class="swatch leader"></span>leader</li>'
        '<li><span class="swatch founder"></span>founder</li><li><span class="swatch member">'
        '</span>member</li><li><span class="swatch other"></span>other role</li><li><span '
        'class="swatch said"></span>made claims about (thicker: more claims)</li><li><span '
        'class="dot person"></span>person</li><li><span class="dot group"></span>group</li>'
        '<li><span class="dot org"></span>organisation</li></ul>'
    )
    body = (
        '<h1>Network</h1><p class="lead">Who holds roles in, and speaks about, which '
        f"organisation. Select a name to open its page.</p>{_coverage(site, net)}{legend}"
        '<p class="swipe muted">The picture is wider than this screen: swipe it sideways, or '
        'read <a href="#ties">every tie in words</a> below.</p>'
        f'<div class="scroll network-scroll">{network_svg(site)}</div>'
        f'<section id="ties"><h2>Every tie, in words</h2>{_ties(site, net)}</section>'
    )
    return page("Network", body, current="network.html", kind="network")
