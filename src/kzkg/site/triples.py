"""Small readers over the triples of a store: each node's properties, and typed look-ups.

``describe`` reads every triple of every node of one class in one query; the look-ups turn the
property lists into the plain values the records hold, always in a sorted order.
"""

from __future__ import annotations

from collections import defaultdict

import pyoxigraph as ox

from kzkg.site.model import DateLiteral

Props = dict[str, list[ox.NamedNode | ox.Literal]]


def describe(store: ox.Store, cls: str) -> dict[str, Props]:
    """Every triple of every node typed ``cls``: {subject: {predicate: [objects, sorted]}}."""
    found: dict[str, Props] = defaultdict(lambda: defaultdict(list))
    for s, p, o in store.query(f"SELECT ?s ?p ?o WHERE {{ ?s a <{cls}> ; ?p ?o }}"):
        found[s.value][p.value].append(o)
    for props in found.values():
        for objects in props.values():
            objects.sort(key=lambda term: (isinstance(term, ox.Literal), term.value))
    return dict(sorted(found.items()))


def text(props: Props, predicate: str) -> str:
    """The first value (in sorted order), or "" when the property is absent."""
    return next((o.value for o in props.get(predicate, [])), "")


def texts(props: Props, predicate: str) -> list[str]:
    """Every distinct value, sorted."""
    return sorted({o.value for o in props.get(predicate, [])})


def iris(props: Props, predicate: str) -> list[str]:
    """The IRIs among the values, sorted; literals are ignored."""
    return [o.value for o in props.get(predicate, []) if isinstance(o, ox.NamedNode)]


def date_of(props: Props, predicate: str) -> DateLiteral | None:
    """The first typed date among the values, with its precision, or None."""
    for o in props.get(predicate, []):
        if isinstance(o, ox.Literal):
            return DateLiteral.of(o.value, o.datatype.value)
    return None


def type_label(iri: str) -> str:
    """``kzo:PoliticalParty`` → ``political party``; acronyms such as NGO stay as written."""
    name = iri.rsplit("#", 1)[-1].rsplit("/", 1)[-1]
    if name.isupper():
        return name
    return "".join(" " + c.lower() if c.isupper() and i else c.lower() for i, c in enumerate(name))
