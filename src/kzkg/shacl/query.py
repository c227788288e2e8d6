"""The SPARQL text of a SHACL-SPARQL constraint: checked, and prepared for pre-binding.

SHACL runs a constraint's query once per focus node with ``$this`` *pre-bound*: every
occurrence of the variable, in UNION branches, nested groups, subqueries and FILTERs alike, is
the focus node (SHACL 1.0, section 5.3.1). pyoxigraph's ``substitutions`` do exactly that,
except that ``BOUND($this)`` of a substituted variable is false there, so :func:`prepare`
rewrites it as ``true``. The same section forbids what pre-binding cannot give a meaning to:
MINUS, SERVICE, VALUES, ``AS $this`` for a pre-bound variable, and a subquery that does not
project the pre-bound variables (``SELECT *`` included); :func:`prepare` refuses those as
ill-formed shapes. It also tells whether running the query once with every focus node in a
VALUES block at the top of the WHERE group gives the same rows: it does when ``$this`` occurs
only in that group itself or inside a FILTER [NOT] EXISTS written there (the EXISTS pattern
sees the row's binding, as substitution would), and there is no subquery.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from kzkg.rdf import XSD
from kzkg.shacl.graph import IllFormedShapes

__all__ = ["Prepared", "Reach", "prepare", "reach"]

_TOKEN = re.compile(
    r"""(?P<comment>\#[^\n]*)
    |(?P<string>\"\"\"(?:[^"\\]|\\.|"(?!""))*\"\"\"|'''(?:[^'\\]|\\.|'(?!''))*'''
        |"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*')
    |(?P<iri><[^<>"{}|^`\\\s]*>)
    |(?P<var>[?$][\w\u00b7\u0300-\u036f\u203f\u2040]+)
    |(?P<word>[A-Za-z_][A-Za-z0-9_\-]*(?::[^\s{}()\[\],;]*)?)
    |(?P<mark>\S)""",
    re.VERBOSE,
)
_FORBIDDEN = {"MINUS", "SERVICE", "VALUES"}
_OPTIONAL_BINDINGS = {"shapesGraph", "currentShape"}


@dataclass(frozen=True, slots=True)
class Prepared:
    """A query ready to run: its text, where a VALUES block may open its WHERE group, and the
    variables it reads."""

    text: str
    where: int  # the index just after the outer WHERE group's "{"
    batchable: bool  # one run with every focus node in VALUES gives the rows of one run each
    variables: frozenset[str]


@dataclass(slots=True)
class _Token:
    kind: str
    text: str
    start: int
    end: int


def _tokens(query: str) -> list[_Token]:
    found = []
    for match in _TOKEN.finditer(query):
        kind = match.lastgroup or "mark"
        if kind != "comment":
            found.append(_Token(kind, match.group(), match.start(), match.end()))
    return found


def prepare(query: str, prebound: set[str], where: str, path: str | None = None) -> Prepared:
    """Check ``query`` and rewrite it for pre-binding ``prebound`` (variable names), ``$PATH``
    replaced by ``path`` (a SPARQL property path). ``where`` names the query in errors."""
    tokens = _tokens(query)
    _check(tokens, prebound, where)
    if path is None and any(t.kind == "var" and t.text[1:] == "PATH" for t in tokens):
        raise IllFormedShapes(f"{where}: $PATH outside a property shape")
    out, index, last = [], 0, 0
    while index < len(tokens):
        token = tokens[index]
        replacement = None
        if token.kind == "var" and token.text[1:] == "PATH":
            replacement = path
        elif token.text.upper() == "BOUND" and _is_bound_of(tokens, index, prebound):
            replacement, index = "(true)", index + 3
            token = _Token("word", "", token.start, tokens[index].end)
        if replacement is not None:
            out.append(query[last : token.start] + replacement)
            last = token.end
        index += 1
    text = "".join(out) + query[last:]
    text = _projecting(_tokens(text), _as_select(_tokens(text), text, prebound), prebound)
    rewritten = _tokens(text)
    opening = _outer_where(rewritten, where)
    return Prepared(
        text,
        rewritten[opening].end,
        _batchable(rewritten, opening),
        frozenset(t.text[1:] for t in rewritten if t.kind == "var"),
    )


def _as_select(tokens: list[_Token], text: str, prebound: set[str]) -> str:
    """An ASK query as a SELECT of its pre-bound variables that stops at the first row:
    pyoxigraph substitutes variables of a SELECT projection only."""
    ask = next((t for t in tokens if t.kind == "word" and t.text.upper() == "ASK"), None)
    if ask is None:
        return text
    used = sorted({t.text[1:] for t in tokens if t.kind == "var"} & prebound)
    projection = " ".join(f"?{name}" for name in used) or "*"
    return f"{text[: ask.start]}SELECT {projection} {text[ask.end :]} LIMIT 1"


def _projecting(tokens: list[_Token], text: str, prebound: set[str]) -> str:
    """The query with every pre-bound variable it uses in its outer SELECT projection, where
    pyoxigraph's substitutions require it."""
    used = {t.text[1:] for t in tokens if t.kind == "var"} & prebound
    select = next((i for i, t in enumerate(tokens) if t.text.upper() == "SELECT"), None)
    if select is None:
        return text  # ASK
    projected, depth, at = set(), 0, tokens[select].end
    for token in tokens[select + 1 :]:
        if token.text == "{" or token.text.upper() == "WHERE":
            break
        if token.text == "*":
            return text
        if token.text.upper() in ("DISTINCT", "REDUCED"):
            at = token.end
        depth += {"(": 1, ")": -1}.get(token.text, 0)
        if token.kind == "var" and depth == 0:
            projected.add(token.text[1:])
    missing = "".join(f" ?{name}" for name in sorted(used - projected))
    return text[:at] + missing + text[at:]


def _is_bound_of(tokens: list[_Token], index: int, prebound: set[str]) -> bool:
    window = [t.text for t in tokens[index + 1 : index + 4]]
    return (
        len(window) == 3
        and window[0] == "("
        and window[2] == ")"
        and (window[1][0] in "?$" and window[1][1:] in prebound)
    )


def _check(tokens: list[_Token], prebound: set[str], where: str) -> None:
    for index, token in enumerate(tokens):
        word = token.text.upper() if token.kind == "word" else ""
        if word in _FORBIDDEN:
            raise IllFormedShapes(f"{where}: SHACL-SPARQL forbids {word}")
        if word == "AS":
            following = tokens[index + 1].text if index + 1 < len(tokens) else ""
            if following[:1] in "?$" and following[1:] in prebound:
                raise IllFormedShapes(f"{where}: AS {following} binds a pre-bound variable")
        if word == "SELECT" and index > 0:
            _check_subquery(tokens, index, prebound - _OPTIONAL_BINDINGS, where)


def _check_subquery(tokens: list[_Token], index: int, needed: set[str], where: str) -> None:
    projected, depth = set(), 0
    for token in tokens[index + 1 :]:
        if token.text == "{" or token.text.upper() == "WHERE":
            break
        depth += {"(": 1, ")": -1}.get(token.text, 0)
        if token.text == "*":
            raise IllFormedShapes(f"{where}: a subquery SELECT * hides the pre-bound variables")
        if token.kind == "var" and depth == 0:
            projected.add(token.text[1:])
    missing = sorted(needed - projected)
    if missing:
        raise IllFormedShapes(f"{where}: a subquery does not project ${missing[0]}")


def _outer_where(tokens: list[_Token], where: str) -> int:
    """The index of the "{" that opens the outer query's WHERE group."""
    for index, token in enumerate(tokens):
        if token.text == "{":
            return index
    raise IllFormedShapes(f"{where}: the query has no WHERE group")


def _batchable(tokens: list[_Token], opening: int) -> bool:
    if sum(t.kind == "word" and t.text.upper() == "SELECT" for t in tokens) > 1:
        return False
    stack: list[str] = []  # what opened each group inside the WHERE group
    for index in range(opening + 1, len(tokens)):
        token = tokens[index]
        if token.text == "{":
            before = tokens[index - 1].text.upper()
            stack.append("exists" if before == "EXISTS" and not stack else "group")
        elif token.text == "}":
            if not stack:
                break
            stack.pop()
        elif token.kind == "var" and token.text[1:] == "this" and stack and stack[0] != "exists":
            return False
    return True


_OBSERVERS = {"DATATYPE", "ISNUMERIC", "SAMETERM"}
_TERM_KINDS = {"iri", "var", "word", "string"}
_KEYWORDS = {"BY", "SELECT", "DISTINCT", "REDUCED", "AS", "WHERE", "FILTER", "BIND", "GRAPH"}


@dataclass(frozen=True, slots=True)
class Reach:
    """What a query may learn of literals' terms beyond their values, judged from its text,
    erring towards yes."""

    observes: bool  # asks a datatype or term identity: DATATYPE, isNumeric, sameTerm, a cast
    named: frozenset[str]  # the predicates it names, as <iri>
    open_predicates: bool  # may follow a predicate it does not name (?p, a negated set)
    objects: dict[str, set[str]]  # predicate: the variables written as its objects
    joined: frozenset[str]  # variables written more than once outside expressions


def reach(query: str) -> Reach:
    """:class:`Reach` of a query's text."""
    tokens = _tokens(query)
    prefixes: dict[str, str] = {}
    for index, token in enumerate(tokens[:-2]):
        if token.text.upper() == "PREFIX" and tokens[index + 2].kind == "iri":
            prefixes[tokens[index + 1].text.rstrip(":")] = tokens[index + 2].text[1:-1]
    named: set[str] = set()
    objects: dict[str, set[str]] = {}
    counts: dict[str, int] = {}
    observes = open_predicates = False
    opening = next((i for i, t in enumerate(tokens) if t.text == "{"), len(tokens))
    depth = 0  # of parentheses: variables at 0 are in triple patterns, not expressions
    for index, token in enumerate(tokens):
        depth += {"(": 1, ")": -1}.get(token.text, 0) if index > opening else 0
        iri = _expanded(token, prefixes)
        if iri:
            named.add(f"<{iri}>")
        after = tokens[index + 1].text if index + 1 < len(tokens) else ""
        if token.text.upper() in _OBSERVERS or (iri.startswith(XSD) and after == "("):
            observes = True
        if token.text == "!" and (after[:1] in ("<", "(", "^") or ":" in after or after == "a"):
            open_predicates = True
        if token.kind != "var" or index <= opening:
            continue
        before = tokens[index - 1]
        if depth == 0:
            counts[token.text[1:]] = counts.get(token.text[1:], 0) + 1
        previous = _expanded(before, prefixes)
        if previous and depth == 0:
            objects.setdefault(f"<{previous}>", set()).add(token.text[1:])
        follows_subject = before.kind in _TERM_KINDS or before.text in ("]", ";")
        if follows_subject and before.text.upper() not in _KEYWORDS and index + 1 < len(tokens):
            following = tokens[index + 1]
            open_predicates |= following.kind in _TERM_KINDS or following.text in ("[", "(")
    joined = frozenset(name for name, n in counts.items() if n > 1)
    return Reach(observes, frozenset(named), open_predicates, objects, joined)


def _expanded(token: _Token, prefixes: dict[str, str]) -> str:
    """The IRI a token names, or ""."""
    if token.kind == "iri":
        return token.text[1:-1]
    if token.kind == "word" and ":" in token.text and not token.text.startswith("_:"):
        prefix, _, local = token.text.partition(":")
        namespace = prefixes.get(prefix)
        return "" if namespace is None else namespace + local.rstrip(".")
    return ""
