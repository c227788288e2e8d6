"""The constraint components that judge one value node at a time, over term text.

``sh:datatype``, ``sh:pattern``, ``sh:in`` and the like look at a single value node and nothing
else. The validator hands :func:`rejected` every value a shape's path reaches from all of the
shape's focus nodes and gets back the few that fail, in one call rather than one per value.
``sh:class`` needs the data graph, so the validator judges it itself.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

from kzkg.namespaces import XSD
from kzkg.shacl_graph import SH, Shapes, UnsupportedShape
from kzkg.shacl_terms import RDF_LANG_STRING, XSD_STRING, Text, literal_parts, value

__all__ = ["compare", "rejected", "well_formed"]

# Lexical forms, for sh:datatype: an ill-typed literal is a violation, as in pyshacl.
_LEXICAL = {
    "integer": r"[+-]?\d+",
    "nonNegativeInteger": r"\+?\d+",
    "positiveInteger": r"\+?0*[1-9]\d*",
    "decimal": r"[+-]?(\d+(\.\d*)?|\.\d+)",
    "boolean": r"true|false|1|0",
    "date": r"-?\d{4,}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])(Z|[+-]\d{2}:\d{2})?",
    "gYearMonth": r"-?\d{4,}-(0[1-9]|1[0-2])(Z|[+-]\d{2}:\d{2})?",
    "gYear": r"-?\d{4,}(Z|[+-]\d{2}:\d{2})?",
}
_LEXICAL_RE = {
    f"<{XSD}{name}>": re.compile(rf"^(?:{pattern})$") for name, pattern in _LEXICAL.items()
}
_KIND_STARTS = {"<": "IRI", "_": "BlankNode", '"': "Literal"}  # how each kind's text begins
_RANGES = {
    "minInclusive": (0, 1),
    "maxInclusive": (-1, 0),
    "minExclusive": (1,),
    "maxExclusive": (-1,),
}


def well_formed(lexical: str, datatype: Text) -> bool:
    """Whether ``lexical`` is a valid form of ``datatype``; datatypes not listed always are."""
    pattern = _LEXICAL_RE.get(datatype)
    return pattern is None or pattern.match(lexical) is not None


def compare(a: Text, b: Text) -> int | None:
    """-1, 0 or 1 for comparable literals (numbers, or same-typed text such as dates); else None."""
    if a[0] != '"' or b[0] != '"':
        return None
    (x, x_type, _), (y, y_type, _) = literal_parts(a), literal_parts(b)
    try:
        p, q = Decimal(x), Decimal(y)
    except InvalidOperation:
        if x_type != y_type:
            return None
        return (x > y) - (x < y)
    return (p > q) - (p < q)


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
            starts = {c for c, kind in _KIND_STARTS.items() if kind in kinds}
            return [v for v in nodes if v[0] not in starts]
        case "pattern":
            flags = shapes.text(shape, "flags")
            compiled = re.compile(value(arg), re.IGNORECASE if flags and "i" in flags else 0)
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
    raise UnsupportedShape(f"sh:{component}")


def _typed(literal: Text, datatype: Text) -> bool:
    """Whether ``literal`` has ``datatype`` and a well-formed lexical form for it."""
    if datatype == RDF_LANG_STRING:
        return literal_parts(literal)[1] == datatype
    # A literal's text ends with its datatype, or with the closing quote for xsd:string.
    if not literal.endswith('"' if datatype == XSD_STRING else f'"^^{datatype}'):
        return False
    pattern = _LEXICAL_RE.get(datatype)
    return pattern is None or pattern.match(literal_parts(literal)[0]) is not None


def _language_in(v: Text, allowed: list[str]) -> bool:
    tag = literal_parts(v)[2].lower() if v[0] == '"' else ""
    return any(tag == a or tag.startswith(a + "-") for a in allowed)
