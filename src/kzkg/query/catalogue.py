"""Canned SPARQL queries: read queries/*.rq (header format in docs/queries.md), bind, run, format.

User values are never pasted into the query text: each is parsed into one RDF term of its declared
kind and handed to the store as a substitution (SEP-0007), so ``x" || true || "`` stays a string.
Oxigraph substitutes only variables the query projects, so every parameter is selected; its column
is dropped from the result because it only echoes the user's own value.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox
from rich import box
from rich.console import Console
from rich.table import Table
from rich.text import Text

from kzkg.rdf import KZ, PREFIXES, XSD, Compactor, Date

# The prefixes a parameter may use and an answer is shown with: the graph's own and schema.org.
SHOWN_PREFIXES = {name: PREFIXES[name] for name in ("kz", "kzo", "schema")}
_compact = Compactor(SHOWN_PREFIXES)
Bindable = ox.NamedNode | ox.Literal  # what a parameter is bound to


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


def _iri(text: str) -> Bindable:
    text = text[1:-1] if text.startswith("<") and text.endswith(">") else text
    prefix, colon, local = text.partition(":")
    if colon and prefix in SHOWN_PREFIXES and local:
        text = SHOWN_PREFIXES[prefix] + local
    elif re.fullmatch(r"[a-z]+/\S+", text):  # a kz: path such as person/ainur-kurmanov
        text = KZ + text
    elif not re.match(r"[A-Za-z][A-Za-z0-9+.-]*:.", text) or prefix in SHOWN_PREFIXES:
        raise ValueError("neither a full IRI nor a kz: name")
    return ox.NamedNode(text)  # raises ValueError on a character an IRI may not hold


def _integer(text: str) -> Bindable:
    if not re.fullmatch(r"[+-]?[0-9]+", text):
        raise ValueError("not a whole number")
    return ox.Literal(str(int(text)), datatype=ox.NamedNode(XSD + "integer"))


def _date(text: str) -> Bindable:
    """The date as precise as written; ``Date.parse`` refuses month 13 and 30 February."""
    return ox.Literal(text, datatype=ox.NamedNode(XSD + Date.parse(text).datatype))


# Registered by name, so a new kind is one parser and one entry: (parser, the accepted form).
KINDS: dict[str, tuple[Callable[[str], Bindable], str]] = {
    "literal": (ox.Literal, "any text"),
    "iri": (_iri, "a full IRI, or a kz: name such as person/ainur-kurmanov or kz:person/…"),
    "integer": (_integer, "a whole number such as 2"),
    "date": (_date, "a date as precise as known: 2011, 2011-05 or 2011-05-14"),
}


def _parse(query: str, parameter: Parameter, value: str) -> Bindable:
    parse, accepted = KINDS[parameter.kind]
    try:  # only a literal keeps the spaces around it: they may be what the user searches for
        return parse(value if parameter.kind == "literal" else value.strip())
    except ValueError as error:
        where = f"query {query}: parameter {parameter.name} ({parameter.kind})"
        raise ValueError(f"{where} cannot be {value!r} ({error}); give {accepted}") from None


def _default(query: str, parameter: Parameter) -> Bindable | None:
    """Parse a default written in SPARQL syntax; None for UNDEF (the variable stays free)."""
    if parameter.default == "UNDEF":
        return None
    text = f"PREFIX xsd: <{XSD}> SELECT ?v {{ VALUES ?v {{ {parameter.default} }} }}"
    terms = [solution["v"] for solution in ox.Store().query(text)]
    # Re-parse as user input would be, so a default obeys the same rules as a value.
    if len(terms) != 1 or _parse(query, parameter, terms[0].value) != terms[0]:
        raise ValueError(f"{parameter.default} is not one {parameter.kind}")
    return terms[0]


def bind(query: CannedQuery, values: Mapping[str, str]) -> dict[str, Bindable]:
    """Parse each user value into an RDF term of its parameter's kind; defaults fill the gaps.

    Raises ValueError naming the parameter and the accepted form. An UNDEF default leaves its
    variable out, so the query ranges over every value.
    """
    known = {parameter.name: parameter for parameter in query.parameters}
    for name in values:
        if name not in known:
            takes = ", ".join(sorted(known)) or "no parameters"
            raise ValueError(f"query {query.name} has no parameter {name!r}; it takes: {takes}")
    terms = {n: _parse(query.name, p, values[n]) for n, p in known.items() if n in values}
    defaults = {n: _default(query.name, p) for n, p in known.items() if n not in values}
    return terms | {name: term for name, term in defaults.items() if term is not None}


KEYS = ("title", "description", "param", "example")
PARAM = re.compile(r"(?P<name>[A-Za-z_]\w*) (?P<kind>\w+) (?P<default>\S.*?) — (?P<text>\S.*)")


def _load(path: Path) -> CannedQuery:
    sparql, name = path.read_text(encoding="utf-8"), path.stem
    entries: list[list] = []  # [line number, key, value], continuation lines joined
    for number, line in enumerate(sparql.splitlines(), start=1):
        if not line.startswith("#"):
            break
        key = re.fullmatch(r"# ([a-z]+): (.+)", line.rstrip())
        if re.match(r"#  +\S", line) and entries:
            entries[-1][2] += " " + line[1:].strip()
        elif key and key[1] in KEYS:
            entries.append([number, key[1], key[2].strip()])
        elif line.strip() != "#":
            raise ValueError(f"{path}:{number}: expected '# KEY: value' or a '#   ' continuation")
    fields: dict[str, str] = {}
    parameters: list[Parameter] = []
    for number, key, value in entries:
        where, match = f"{path}:{number}", PARAM.fullmatch(value)
        if key != "param" and key in fields:
            raise ValueError(f"{where}: second '# {key}:' line")
        if key != "param":
            fields[key] = value
        elif not match:
            raise ValueError(f"{where}: expected '# param: VARNAME TYPE DEFAULT — description'")
        elif match["kind"] not in KINDS:
            raise ValueError(f"{where}: kind {match['kind']!r} is not one of {', '.join(KINDS)}")
        elif any(match["name"] == p.name for p in parameters):
            raise ValueError(f"{where}: parameter {match['name']} declared twice")
        elif not re.search(rf"\?{match['name']}\b", sparql):
            raise ValueError(f"{where}: the query never uses ?{match['name']}")
        else:
            parameters.append(Parameter(*match.group("name", "kind", "default", "text")))
            try:
                _default(name, parameters[-1])
            except (ValueError, SyntaxError) as error:
                raise ValueError(f"{where}: bad default: {error}") from None
    command, needed = f"kzkg query {name}", {"title", "description", "example"}
    if needed - fields.keys() or not fields["example"].startswith(command):
        raise ValueError(f"{path}:1: needs '# title:', '# description:', '# example: {command} …'")
    try:
        ox.Store().query(sparql)  # on an empty store: checks the syntax, costs nothing
    except SyntaxError as error:
        raise ValueError(f"{path}: not valid SPARQL: {error}") from None
    return CannedQuery(name=name, parameters=tuple(parameters), sparql=sparql, path=path, **fields)


def load_catalogue(directory: Path) -> dict[str, CannedQuery]:
    """Read every NAME.rq in directory, by name. Raises ValueError naming FILE:LINE of a fault."""
    return {path.stem: _load(path) for path in sorted(Path(directory).glob("*.rq"))}


def _render(term: object) -> str | None:
    if isinstance(term, ox.NamedNode):
        return _compact(term.value)
    return term.value if isinstance(term, ox.Literal) else None if term is None else str(term)


def run(query: CannedQuery, store: ox.Store, values: Mapping[str, str]) -> ResultTable:
    """Run a SELECT query, values bound as RDF terms; ValueError for a bad value or non-SELECT."""
    terms = bind(query, values)
    substitutions = {ox.Variable(name): term for name, term in terms.items()}
    solutions = store.query(query.sparql, substitutions=substitutions)
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
    rows = [["" if cell is None else cell for cell in row] for row in result.rows]
    csv.writer(out, lineterminator="\n").writerows([result.columns, *rows])
    return out.getvalue()


def _json(result: ResultTable, width: int) -> str:
    return json.dumps(result.to_dict(), ensure_ascii=False, indent=2) + "\n"


# Registered by name, so a new output format is one function and one entry.
FORMATS: dict[str, Callable[[ResultTable, int], str]] = {"table": _table, "csv": _csv}
FORMATS["json"] = _json


def format_table(result: ResultTable, fmt: str = "table", *, width: int = 120) -> str:
    """Render a result as a rich text table, CSV or JSON; width applies to the table only.

    >>> print(format_table(ResultTable(["a", "b"], [["x", None]]), "csv"), end="")
    a,b
    x,
    """
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")
    return FORMATS[fmt](result, width)
