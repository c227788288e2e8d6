"""Compact JSON-LD written straight from the sorted N-Triples lines.

A prefix ``@context``, compact IRIs, one node object per line. Going through pyoxigraph would
mean parsing every line into objects, writing expanded JSON-LD and then compacting its text;
the lines already hold everything in the right order, and an N-Triples string is a JSON string
as it stands (both escape ``"``, ``\\`` and control characters the same way, ``\\uXXXX``
included), so each line becomes its JSON piece by slicing.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator

from kzkg.rdf import SERIALIZATION_PREFIXES, Compactor


def _object(term: str, compact: Compactor) -> str:
    if term[0] == "<":
        return f'\n{{"@id":"{compact[term[1:-1]]}"}}'
    close = term.rfind('"')
    value, rest = term[: close + 1], term[close + 1 :]
    if not rest:
        return f'{{"@value":{value}}}'
    if rest[0] == "@":
        return f'{{"@language":"{rest[1:]}","@value":{value}}}'
    return f'{{"@type":"{compact[rest[3:-1]]}","@value":{value}}}'  # ^^<datatype>


def jsonld_pieces(triple_lines: Iterable[str]) -> Iterator[str]:
    """The document, piece by piece, for lines sorted by subject (as
    :class:`~kzkg.formats.serialize.Ordered` has them): each subject's lines, and each predicate's
    within them, are consecutive. One piece per node: the writer need not hold the document."""
    compact = Compactor(SERIALIZATION_PREFIXES)
    context = json.dumps(dict(sorted(SERIALIZATION_PREFIXES.items())), indent=1)
    yield f'{{"@context": {context},\n"@graph": ['
    parts: list[str] = []
    subject = predicate = ""
    separator = ""  # before each node but the first
    for line in triple_lines:
        s_end = line.index(" ")
        p_end = line.index(" ", s_end + 1)
        s, p, o = line[:s_end], line[s_end + 1 : p_end], line[p_end + 1 : -2]
        if s != subject:
            if parts:
                yield separator + "".join(parts) + "]}"
                separator = ","
            parts = [f'\n{{"@id":"{compact[s[1:-1]]}","{compact[p[1:-1]]}":[']
            subject, predicate = s, p
        elif p != predicate:
            parts.append(f'],"{compact[p[1:-1]]}":[')
            predicate = p
        else:
            parts.append(",")
        parts.append(_object(o, compact))
    if parts:
        yield separator + "".join(parts) + "]}"
    yield "]\n}\n"
