"""Canned SPARQL queries: read the catalogue in queries/*.rq, bind parameters safely, run, format.

A canned query is a file whose leading comment block documents it::

    # title: Claims by a person
    # description: Every claim made by the person any of whose spellings matches NAME, ...
    #   (an indented comment line continues the line above)
    # param: name literal "Kosanov" — a spelling of the person's name
    # example: kzkg query claims-by-person --param name=Kosapov

User values are never pasted into the query text: each is parsed into one RDF term of the declared
kind and handed to the store as a substitution (SEP-0007), so ``x" || true || "`` stays a string.
Oxigraph only substitutes a variable the query projects, so every parameter is selected; its
column is dropped from the result because it only echoes the user's own value.

>>> from pathlib import Path
>>> import pyoxigraph
>>> catalogue = load_catalogue(Path("queries"))
>>> table = run(catalogue["claims-by-person"], pyoxigraph.Store(), {"name": "Kosapov"})
>>> table.rows
[]
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pyoxigraph as ox
from rich import box
from rich.console import Console
from rich.table import Table
from rich.text import Text

__all__ = [
    "CannedQuery",
    "Parameter",
    "ResultTable",
    "bind",
    "format_table",
    "load_catalogue",
    "run",
]

PREFIXES = {
    "kz": "https://w3id.org/kzkg/id/",
    "kzo": "https://w3id.org/kzkg/ontology#",
    "schema": "https://schema.org/",
}
XSD = "http://www.w3.org/2001/XMLSchema#"
DATE_TYPES = {4: "gYear", 7: "gYearMonth", 10: "date"}  # by length: "2011", "2011-05", ...

Term = ox.NamedNode | ox.Literal


@dataclass(frozen=True)
class Parameter:
    """One ``# param:`` line: the variable ?name, its kind, its default in SPARQL syntax."""

    name: str
    kind: str
    default: str
    description: str


@dataclass(frozen=True)
class CannedQuery:
    """One queries/NAME.rq file with its parsed header."""

    name: str
    title: str
    description: str
    parameters: tuple[Parameter, ...]
    example: str
    sparql: str
    path: Path


@dataclass
class ResultTable:
    """A SELECT result rendered to strings: IRIs compacted, literals as their lexical value."""

    columns: list[str]
    rows: list[list[str | None]]

    def to_dict(self) -> dict[str, list]:
        return {"columns": list(self.columns), "rows": [list(row) for row in self.rows]}


# --- user values → RDF terms ------------------------------------------------------------------


def _literal(value: str) -> Term:
    return ox.Literal(value)


def _iri(value: str) -> Term:
    text = value.strip()
    if text.startswith("<") and text.endswith(">"):
        text = text[1:-1]
    prefix, colon, local = text.partition(":")
    if colon and prefix in PREFIXES:
        if not local:
            raise ValueError(f"nothing after {prefix}:")
        text = PREFIXES[prefix] + local
    elif re.fullmatch(r"[a-z]+/\S+", text):  # a kz: path such as person/ainur-kurmanov
        text = PREFIXES["kz"] + text
    elif not re.match(r"[A-Za-z][A-Za-z0-9+.-]*:", text):
        raise ValueError("no scheme and no kz: prefix")
    return ox.NamedNode(text)  # raises ValueError on a character an IRI may not hold


def _integer(value: str) -> Term:
    if not re.fullmatch(r"[+-]?[0-9]+", value.strip()):
        raise ValueError("not an integer")
    return ox.Literal(str(int(value)), datatype=ox.NamedNode(XSD + "integer"))


def _date(value: str) -> Term:
    text = value.strip()
    if not re.fullmatch(r"[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?", text):
        raise ValueError("not YYYY, YYYY-MM or YYYY-MM-DD")
    date.fromisoformat((text + "-01-01")[:10])  # rejects month 13 or 31 February
    return ox.Literal(text, datatype=ox.NamedNode(XSD + DATE_TYPES[len(text)]))


# Registered by name, so a new kind is one function and one entry: (parser, the accepted form).
KINDS: dict[str, tuple[Callable[[str], Term], str]] = {
    "literal": (_literal, "any text"),
    "iri": (
        _iri,
        "a full IRI such as https://w3id.org/kzkg/id/person/ainur-kurmanov, or a kz: name "
        "such as person/ainur-kurmanov or kz:person/ainur-kurmanov",
    ),
    "integer": (_integer, "a whole number such as 2"),
    "date": (_date, "a date as precise as known: 2011, 2011-05 or 2011-05-14"),
}


def _parse_value(query: str, parameter: Parameter, value: str) -> Term:
    parse, accepted = KINDS[parameter.kind]
    try:
        return parse(value)
    except ValueError as error:
        raise ValueError(
            f"query {query}: parameter {parameter.name} ({parameter.kind}) cannot be {value!r} "
            f"({error}); give {accepted}"
        ) from None


def _default_term(query: str, parameter: Parameter) -> Term | None:
    """Parse a default written in SPARQL syntax; None for UNDEF (the variable stays free)."""
    if parameter.default == "UNDEF":
        return None
    solutions = ox.Store().query(
        f"PREFIX xsd: <{XSD}> SELECT ?v WHERE {{ VALUES ?v {{ {parameter.default} }} }}"
    )
    terms = [solution["v"] for solution in solutions]
    if len(terms) != 1 or not isinstance(terms[0], ox.NamedNode | ox.Literal):
        raise ValueError(f"default {parameter.default} is not one RDF term")
    # Re-parse the lexical form as a user value, so a default obeys the same rules as input.
    term = _parse_value(query, parameter, terms[0].value)
    if term != terms[0]:
        raise ValueError(f"default {parameter.default} is not written as a {parameter.kind}")
    return term


def bind(query: CannedQuery, values: Mapping[str, str]) -> dict[str, Term]:
    """Parse each user value into an RDF term of its parameter's kind; defaults fill the gaps.

    Raises ValueError naming the parameter and the accepted form. An UNDEF default leaves its
    variable out of the result, so the query ranges over every value.

    >>> q = CannedQuery("q", "t", "d", (Parameter("n", "integer", "2", "d"),), "e", "", Path())
    >>> bind(q, {"n": "7"})
    {'n': <Literal value=7 datatype=<NamedNode value=http://www.w3.org/2001/XMLSchema#integer>>}
    """
    known = {parameter.name: parameter for parameter in query.parameters}
    for name in values:
        if name not in known:
            takes = ", ".join(sorted(known)) or "no parameters"
            raise ValueError(f"query {query.name} has no parameter {name!r}; it takes: {takes}")
    terms: dict[str, Term] = {}
    for name, parameter in known.items():
        if name in values:
            term: Term | None = _parse_value(query.name, parameter, values[name])
        else:
            term = _default_term(query.name, parameter)
        if term is not None:
            terms[name] = term
    return terms


# --- the catalogue ----------------------------------------------------------------------------

TERM = r'UNDEF|<[^<>\s]*>|"(?:[^"\\]|\\.)*"(?:\^\^\S+|@[A-Za-z-]+)?|[+-]?[0-9]+'
PARAM = re.compile(rf"(?P<name>[A-Za-z_]\w*) (?P<kind>\w+) (?P<default>{TERM}) — (?P<text>.+)")
KEYS = ("title", "description", "param", "example")


def _header(path: Path, lines: list[str]) -> list[tuple[int, str, str]]:
    """Return (line number, key, value) for each header entry, continuation lines joined."""
    entries: list[list] = []
    for number, line in enumerate(lines, start=1):
        if not line.startswith("#"):
            break
        key_line = re.fullmatch(r"# ([a-z]+): (.+)", line.rstrip())
        if re.match(r"#  +\S", line) and entries:
            entries[-1][2] += " " + line[1:].strip()
        elif key_line and key_line[1] in KEYS:
            entries.append([number, key_line[1], key_line[2].strip()])
        elif line.strip() != "#":
            raise ValueError(
                f"{path}:{number}: expected '# KEY: value' with KEY one of {', '.join(KEYS)}, "
                "or an indented '#   ' continuation line"
            )
    return [(number, key, value) for number, key, value in entries]


def _load(path: Path) -> CannedQuery:
    sparql = path.read_text(encoding="utf-8")
    name = path.stem
    fields: dict[str, str] = {}
    parameters: list[Parameter] = []
    for number, key, value in _header(path, sparql.splitlines()):
        where = f"{path}:{number}"
        if key != "param":
            if key in fields:
                raise ValueError(f"{where}: second '# {key}:' line")
            fields[key] = value
            continue
        match = PARAM.fullmatch(value)
        if not match:
            raise ValueError(f"{where}: expected '# param: VARNAME TYPE DEFAULT — description'")
        parameter = Parameter(match["name"], match["kind"], match["default"], match["text"])
        if parameter.kind not in KINDS:
            raise ValueError(f"{where}: kind {parameter.kind!r} is not one of {', '.join(KINDS)}")
        if any(parameter.name == p.name for p in parameters):
            raise ValueError(f"{where}: parameter {parameter.name} declared twice")
        if not re.search(rf"\?{parameter.name}\b", sparql):
            raise ValueError(f"{where}: the query never uses ?{parameter.name}")
        try:
            _default_term(name, parameter)
        except (ValueError, SyntaxError) as error:
            raise ValueError(f"{where}: bad default {parameter.default}: {error}") from None
        parameters.append(parameter)
    for key in ("title", "description", "example"):
        if key not in fields:
            raise ValueError(f"{path}:1: the header has no '# {key}:' line")
    if not fields["example"].startswith(f"kzkg query {name}"):
        raise ValueError(f"{path}:1: the example must start with 'kzkg query {name}'")
    try:
        ox.Store().query(sparql)  # an empty store: checks the syntax, costs nothing
    except SyntaxError as error:
        raise ValueError(f"{path}: not valid SPARQL: {error}") from None
    return CannedQuery(
        name, fields["title"], fields["description"], tuple(parameters), fields["example"],
        sparql, path,
    )


def load_catalogue(directory: Path) -> dict[str, CannedQuery]:
    """Read every NAME.rq in directory, sorted by name. Raises ValueError naming FILE:LINE."""
    return {path.stem: _load(path) for path in sorted(Path(directory).glob("*.rq"))}


# --- running and formatting -------------------------------------------------------------------


def _render(term: object) -> str | None:
    if term is None:
        return None
    if isinstance(term, ox.NamedNode):
        for prefix, namespace in PREFIXES.items():
            if term.value.startswith(namespace) and len(term.value) > len(namespace):
                return f"{prefix}:{term.value[len(namespace) :]}"
        return term.value
    if isinstance(term, ox.BlankNode):
        return f"_:{term.value}"
    if isinstance(term, ox.Literal):
        return term.value
    return str(term)


def run(query: CannedQuery, store: ox.Store, values: Mapping[str, str]) -> ResultTable:
    """Run a SELECT canned query with values bound as RDF terms, never pasted into the text."""
    terms = bind(query, values)
    solutions = store.query(
        query.sparql, substitutions={ox.Variable(name): term for name, term in terms.items()}
    )
    if not isinstance(solutions, ox.QuerySolutions):
        raise ValueError(f"query {query.name} is not a SELECT query")
    names = [variable.value for variable in solutions.variables]
    keep = [index for index, name in enumerate(names) if name not in terms]
    rows = [[_render(solution[index]) for index in keep] for solution in solutions]
    return ResultTable([names[index] for index in keep], rows)


def _table(result: ResultTable, width: int) -> str:
    table = Table(box=box.SIMPLE_HEAD, caption=f"{len(result.rows)} rows")
    for column in result.columns:
        table.add_column(Text(column), overflow="fold")
    for row in result.rows:  # Text, not str: a quote holding "[b]" must not become markup
        table.add_row(*(Text(cell or "") for cell in row))
    out = io.StringIO()
    Console(file=out, width=width, color_system=None, highlight=False).print(table)
    return out.getvalue()


def _csv(result: ResultTable, width: int) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(result.columns)
    writer.writerows([["" if cell is None else cell for cell in row] for row in result.rows])
    return out.getvalue()


def _json(result: ResultTable, width: int) -> str:
    return json.dumps(result.to_dict(), ensure_ascii=False, indent=2) + "\n"


FORMATS: dict[str, Callable[[ResultTable, int], str]] = {
    "table": _table,
    "csv": _csv,
    "json": _json,
}


def format_table(result: ResultTable, fmt: str = "table", *, width: int = 120) -> str:
    """Render a result as a rich text table, CSV or JSON; width applies to the table only.

    >>> print(format_table(ResultTable(["a"], [["x"], [None]]), "csv"), end="")
    a
    x
    <BLANKLINE>
    """
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")
    return FORMATS[fmt](result, width)
