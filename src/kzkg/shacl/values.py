"""The constraint components that judge one value node at a time, over term text.

``sh:datatype``, ``sh:pattern``, ``sh:in`` and the like look at a single value node and nothing
else. The validator hands :func:`rejected` every value a shape's path reaches from all of the
shape's focus nodes and gets back the few that fail, in one call rather than one per value.
``sh:class`` needs the data graph, so the validator judges it itself. Literals are judged as
written (:mod:`kzkg.shacl.xsd`), patterns as XPath reads them (:mod:`kzkg.shacl.regex`).
"""

from __future__ import annotations

from kzkg.rdf import RDF_LANG_STRING, SH, XSD_STRING, Text, literal_parts, value
from kzkg.shacl.graph import IllFormedShapes, Shapes, refuse
from kzkg.shacl.regex import UnsupportedPattern, xpath_regex
from kzkg.shacl.xsd import RULED, compare, well_formed

__all__ = ["compare", "rejected", "well_formed"]

_KIND_STARTS = {"<": "IRI", "_": "BlankNode", '"': "Literal"}  # how each kind's text begins
_KINDS = {"IRI", "BlankNode", "Literal", "BlankNodeOrIRI", "IRIOrLiteral", "BlankNodeOrLiteral"}
_RANGES = {
    "minInclusive": (0, 1),
    "maxInclusive": (-1, 0),
    "minExclusive": (1,),
    "maxExclusive": (-1,),
}


def rejected(
    component: str, arg: Text, shape: Text, shapes: Shapes, nodes: list[Text]
) -> list[Text]:
    """Those of ``nodes`` that fail ``component`` with argument ``arg`` in ``shape``.

    Each test is one comprehension over all the nodes, not a call per node: the nodes are the
    values of a shape's path for all of its focus nodes at once, hundreds of thousands of them.
    """
    match component:
        case "datatype":
            return [v for v in nodes if v[0] != '"' or not _typed(v, arg)]
        case "nodeKind":
            kinds = value(arg).removeprefix(SH)  # sh:IRIOrLiteral allows "IRI" and "Literal"
            if kinds not in _KINDS or not arg.startswith(f"<{SH}"):
                raise IllFormedShapes(f"shape {shape}: sh:nodeKind {arg} is not a node kind")
            starts = {c for c, kind in _KIND_STARTS.items() if kind in kinds}
            return [v for v in nodes if v[0] not in starts]
        case "pattern":
            flags = shapes.text(shape, "flags") or ""
            try:
                compiled = xpath_regex(value(arg), flags)
            except UnsupportedPattern as exc:
                raise refuse(shape, str(exc)) from exc
            return [v for v in nodes if v[0] == "_" or compiled.search(value(v)) is None]
        case "languageIn":
            allowed = [value(t).lower() for t in shapes.items(arg)]
            return [v for v in nodes if not _language_in(v, allowed)]
        case "in":
            members = set(shapes.items(arg))
            return [v for v in nodes if v not in members]
        case "minLength":
            return [v for v in nodes if v[0] == "_" or len(value(v)) < int(value(arg))]
        case "maxLength":
            return [v for v in nodes if v[0] == "_" or len(value(v)) > int(value(arg))]
        case "minInclusive" | "maxInclusive" | "minExclusive" | "maxExclusive":
            allowed = _RANGES[component]
            return [v for v in nodes if compare(v, arg) not in allowed]
    raise refuse(shape, f"sh:{component}")


def _typed(literal: Text, datatype: Text) -> bool:
    """Whether ``literal`` has ``datatype`` and a well-formed lexical form for it."""
    if datatype == RDF_LANG_STRING:
        return literal_parts(literal)[1] == datatype
    # A literal's text ends with its datatype, or with the closing quote for xsd:string.
    if not literal.endswith('"' if datatype == XSD_STRING else f'"^^{datatype}'):
        return False
    return datatype not in RULED or well_formed(literal)


def _language_in(v: Text, allowed: list[str]) -> bool:
    """SPARQL langMatches: the tag is a range, or starts with one and a hyphen; "*" any tag."""
    tag = literal_parts(v)[2].lower() if v[0] == '"' else ""
    return bool(tag) and any(a == "*" or tag == a or tag.startswith(a + "-") for a in allowed)
