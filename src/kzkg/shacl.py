"""A fast SHACL engine over pyoxigraph for the constraint components kzkg's shapes use.

pyshacl on rdflib needs minutes of CPU for the seed graph, most of it in SHACL-SPARQL
constraints evaluated by rdflib's query engine once per focus node. This engine reads the same
shapes file, walks the data in a pyoxigraph store and runs each SPARQL constraint once, in
Rust, for all focus nodes. It implements exactly the components listed in ``COMPONENTS`` and
refuses a shapes graph that uses any other (:class:`UnsupportedShape`), so it can never pass
data that pyshacl would reject because of a constraint it silently skipped. The tests check that
both engines give the same verdicts and messages on the seed, valid and invalid corpora.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from pathlib import Path

import pyoxigraph as ox

from kzkg.namespaces import RDF, RDFS, XSD

SH = "http://www.w3.org/ns/shacl#"
Term = ox.NamedNode | ox.BlankNode | ox.Literal
_A, _SUBCLASS = ox.NamedNode(f"{RDF}type"), ox.NamedNode(f"{RDFS}subClassOf")
_FIRST, _REST, _NIL = (ox.NamedNode(f"{RDF}{n}") for n in ("first", "rest", "nil"))

# Shape vocabulary this engine understands; any other sh: predicate in a shape is refused.
STRUCTURE = {
    "path",
    "property",
    "message",
    "severity",
    "name",
    "description",
    "deactivated",
    "sparql",
    "targetClass",
    "targetObjectsOf",
    "targetSubjectsOf",
    "targetNode",
    "flags",
    "qualifiedMinCount",
    "qualifiedMaxCount",
    "prefixes",
    "select",
    "declare",
    "order",
    "group",
    "inversePath",
    "alternativePath",
    "prefix",
    "namespace",
    "NodeShape",
    "PropertyShape",
    "SPARQLConstraint",
    "Violation",
    "Warning",
    "Info",
    "IRI",
    "Literal",
    "BlankNode",
    "BlankNodeOrIRI",
    "IRIOrLiteral",
    "BlankNodeOrLiteral",
}
COMPONENTS = {
    "class",
    "datatype",
    "nodeKind",
    "pattern",
    "languageIn",
    "hasValue",
    "in",
    "minLength",
    "maxLength",
    "minInclusive",
    "maxInclusive",
    "minExclusive",
    "maxExclusive",
    "minCount",
    "maxCount",
    "equals",
    "disjoint",
    "lessThan",
    "node",
    "or",
    "xone",
    "and",
    "not",
    "qualifiedValueShape",
}

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
    f"{XSD}{name}": re.compile(rf"^(?:{pattern})$") for name, pattern in _LEXICAL.items()
}


class UnsupportedShape(ValueError):
    """The shapes use a SHACL feature this engine does not implement; use pyshacl instead."""


@dataclass(frozen=True, slots=True)
class Result:
    """One validation result, as pyshacl would report it."""

    focus: Term
    path: str
    message: str
    severity: str


def _sh(name: str) -> ox.NamedNode:
    return ox.NamedNode(f"{SH}{name}")


_SH_TERMS = {name: _sh(name) for name in STRUCTURE | COMPONENTS}


@dataclass(frozen=True, slots=True)
class ShapeSpec:
    """What checking a node against one shape needs, looked up once per shape."""

    path: Term | None
    components: tuple[tuple[str, Term | None], ...]
    properties: tuple[Term, ...]


class Shapes:
    """The shapes graph, read once into Python dicts, with helpers to walk it."""

    def __init__(self, path: Path) -> None:
        graph = ox.Store()
        graph.load(path=str(path), format=ox.RdfFormat.TURTLE)
        triples = [q.triple for q in graph.quads_for_pattern(None, None, None)]
        for t in triples:
            name = t.predicate.value.removeprefix(SH)
            if t.predicate.value.startswith(SH) and name not in STRUCTURE | COMPONENTS:
                raise UnsupportedShape(f"sh:{name} is not implemented by the fast engine")
        self.index = TripleIndex(triples)
        self.declared = sorted(
            {t.object for t in triples if t.predicate == _sh("declare")}, key=str
        )
        self._components: dict[Term, list[str]] = {}
        self._lists: dict[Term, list[Term]] = {}
        self._specs: dict[Term, ShapeSpec] = {}

    def values(self, node: Term, name: str) -> list[Term]:
        return self.index.objects(node, _SH_TERMS.get(name) or _sh(name))

    def value(self, node: Term, name: str) -> Term | None:
        found = self.values(node, name)
        return found[0] if found else None

    def components(self, shape: Term) -> list[str]:
        """The constraint components a shape uses, in a fixed order."""
        if shape not in self._components:
            names = {p.value.removeprefix(SH) for p in self.index.predicates_of(shape)}
            self._components[shape] = sorted(names & COMPONENTS)
        return self._components[shape]

    def spec(self, shape: Term) -> ShapeSpec:
        """The shape's path, components with their arguments, and property shapes, read once."""
        found = self._specs.get(shape)
        if found is None:
            properties = tuple(p for p in self.values(shape, "property") if not self.deactivated(p))
            components = tuple((c, self.value(shape, c)) for c in self.components(shape))
            found = self._specs[shape] = ShapeSpec(
                self.value(shape, "path"), components, properties
            )
        return found

    def deactivated(self, shape: Term) -> bool:
        flag = self.value(shape, "deactivated")
        return flag is not None and flag.value == "true"

    def items(self, head: Term | None) -> list[Term]:
        if head is None:
            return []
        if head not in self._lists:
            result, node = [], head
            while node != _NIL:
                result.append(self.index.objects(node, _FIRST)[0])
                node = self.index.objects(node, _REST)[0]
            self._lists[head] = result
        return self._lists[head]

    def node_shapes(self) -> list[Term]:
        targets = ("targetClass", "targetObjectsOf", "targetSubjectsOf", "targetNode")
        found = {s for t in targets for s, _ in self.index.by_predicate.get(_sh(t), [])}
        return sorted(found, key=str)


class TripleIndex:
    """The data graph indexed in Python dicts, terms exactly as written.

    Core constraints read the triples through this index rather than the pyoxigraph store: the
    store normalises numeric datatypes (``xsd:nonNegativeInteger`` comes back as
    ``xsd:integer``), which would make ``sh:datatype`` judge a different literal than pyshacl.
    """

    def __init__(self, triples: Iterable[ox.Triple]) -> None:
        self.by_subject: dict[tuple[Term, Term], list[Term]] = defaultdict(list)
        self.by_object: dict[tuple[Term, Term], list[Term]] = defaultdict(list)
        self.by_predicate: dict[Term, list[tuple[Term, Term]]] = defaultdict(list)
        by_subject, by_object, by_predicate = self.by_subject, self.by_object, self.by_predicate
        for t in triples:  # distinct triples; each term fetched once, it is a new object per access
            s, p, o = t.subject, t.predicate, t.object
            by_subject[s, p].append(o)
            by_object[p, o].append(s)
            by_predicate[p].append((s, o))

    def objects(self, subject: Term, predicate: Term) -> list[Term]:
        return self.by_subject.get((subject, predicate), [])

    def subjects(self, predicate: Term, obj: Term) -> list[Term]:
        return self.by_object.get((predicate, obj), [])

    def predicates_of(self, subject: Term) -> list[Term]:
        return [p for (s, p) in self.by_subject if s == subject]


class Validator:
    """Validates one data graph against one shapes graph."""

    def __init__(self, shapes: Shapes, data: TripleIndex, store: ox.Store) -> None:
        self.shapes, self.data, self.store = shapes, data, store
        self._prefixes = "".join(
            f"PREFIX {self.shapes.value(d, 'prefix').value}: <{self.shapes.value(d, 'namespace').value}>\n"  # type: ignore[union-attr]
            for d in self.shapes.declared
        )
        self._classes: dict[Term, set[Term]] = {}
        self._conforms: dict[tuple[Term, Term], bool] = {}

    def run(self) -> list[Result]:
        results: list[Result] = []
        for shape in self.shapes.node_shapes():
            if self.shapes.deactivated(shape):
                continue
            focus = sorted(self._targets(shape), key=str)
            for node in focus:
                results.extend(self.check(shape, node, top=True))
            results.extend(self._sparql(shape, set(focus)))
        return results

    # --- targets and paths -------------------------------------------------------------------

    def _targets(self, shape: Term) -> set[Term]:
        found: set[Term] = set()
        for cls in self.shapes.values(shape, "targetClass"):
            found |= {s for c in self._subclasses(cls) for s in self.data.subjects(_A, c)}
        for p in self.shapes.values(shape, "targetObjectsOf"):
            found |= {o for _, o in self.data.by_predicate.get(p, [])}
        for p in self.shapes.values(shape, "targetSubjectsOf"):
            found |= {s for s, _ in self.data.by_predicate.get(p, [])}
        found |= set(self.shapes.values(shape, "targetNode"))
        return found

    def _subclasses(self, cls: Term) -> set[Term]:
        if cls in self._classes:
            return self._classes[cls]
        seen, stack = {cls}, [cls]
        while stack:
            for sub in self.data.subjects(_SUBCLASS, stack.pop()):
                if sub not in seen:
                    seen.add(sub)
                    stack.append(sub)
        self._classes[cls] = seen
        return seen

    def _path(self, path: Term, node: Term) -> list[Term]:
        if isinstance(path, ox.NamedNode):
            return self.data.objects(node, path)
        inverse = self.shapes.value(path, "inversePath")
        if isinstance(inverse, ox.NamedNode):
            return self.data.subjects(inverse, node)
        alternatives = self.shapes.value(path, "alternativePath")
        if alternatives is not None:
            return list(
                dict.fromkeys(
                    v for p in self.shapes.items(alternatives) for v in self._path(p, node)
                )
            )
        steps = self.shapes.items(path)
        if not steps:
            raise UnsupportedShape(f"path {path} is not implemented by the fast engine")
        current = [node]
        for step in steps:
            current = list(dict.fromkeys(v for c in current for v in self._path(step, c)))
        return current

    # --- constraints -------------------------------------------------------------------------

    def conforms(self, shape: Term, node: Term) -> bool:
        # Nested shapes (an agent, a date value) are asked about the same nodes again and again.
        key = (shape, node)
        found = self._conforms.get(key)
        if found is None:
            found = self._conforms[key] = not any(True for _ in self.check(shape, node, top=False))
        return found

    def check(self, shape: Term, node: Term, *, top: bool) -> Iterator[Result]:
        """Results of ``node`` against ``shape``; nested shapes only need a yes or no."""
        spec = self.shapes.spec(shape)
        values = self._path(spec.path, node) if spec.path is not None else [node]
        for component, arg in spec.components:
            if not self._satisfied(shape, component, arg, node, values):  # type: ignore[arg-type]
                yield self._result(shape, node, spec.path)
                if not top:
                    return
        for prop in spec.properties:
            for value in values:
                yield from self.check(prop, value, top=top)

    def _satisfied(
        self, shape: Term, component: str, arg: Term, node: Term, values: list[Term]
    ) -> bool:
        match component:
            case "minCount":
                return len(values) >= int(arg.value)  # type: ignore[union-attr]
            case "maxCount":
                return len(values) <= int(arg.value)  # type: ignore[union-attr]
            case "equals":
                return set(values) == set(self._path(arg, node))  # type: ignore[arg-type]
            case "disjoint":
                return not set(values) & set(self._path(arg, node))  # type: ignore[arg-type]
            case "lessThan":
                others = self._path(arg, node)  # type: ignore[arg-type]
                return all(_compare(v, o) == -1 for v in values for o in others)
            case "hasValue":
                return arg in values
            case "qualifiedValueShape":
                count = sum(1 for v in values if self.conforms(arg, v))  # type: ignore[arg-type]
                low, high = (
                    self.shapes.value(shape, "qualifiedMinCount"),
                    self.shapes.value(shape, "qualifiedMaxCount"),
                )
                return (low is None or count >= int(low.value)) and (
                    high is None or count <= int(high.value)
                )
        return all(self._value_ok(shape, component, arg, v) for v in values)  # type: ignore[arg-type]

    def _value_ok(self, shape: Term, component: str, arg: Term, value: Term) -> bool:
        match component:
            case "class":
                classes = self._subclasses(arg)
                return not isinstance(value, ox.Literal) and any(
                    c in classes for c in self.data.objects(value, _A)
                )
            case "datatype":
                return (
                    isinstance(value, ox.Literal) and value.datatype == arg and _well_formed(value)
                )
            case "nodeKind":
                return _node_kind(value) in arg.value.removeprefix(SH)
            case "pattern":
                flags = self.shapes.value(shape, "flags")
                compiled = re.compile(
                    arg.value, re.IGNORECASE if flags and "i" in flags.value else 0
                )
                return (
                    not isinstance(value, ox.BlankNode) and compiled.search(value.value) is not None
                )
            case "languageIn":
                allowed = [t.value.lower() for t in self.shapes.items(arg)]
                tag = (value.language or "").lower() if isinstance(value, ox.Literal) else ""
                return any(tag == a or tag.startswith(a + "-") for a in allowed)
            case "in":
                return value in self.shapes.items(arg)
            case "minLength" | "maxLength":
                if isinstance(value, ox.BlankNode):
                    return False
                size = len(value.value)
                return (
                    size >= int(arg.value) if component == "minLength" else size <= int(arg.value)
                )
            case "minInclusive" | "maxInclusive" | "minExclusive" | "maxExclusive":
                order = _compare(value, arg)
                allowed = {
                    "minInclusive": (0, 1),
                    "maxInclusive": (-1, 0),
                    "minExclusive": (1,),
                    "maxExclusive": (-1,),
                }
                return order in allowed[component]
            case "node":
                return self.conforms(arg, value)
            case "not":
                return not self.conforms(arg, value)
            case "and":
                return all(self.conforms(s, value) for s in self.shapes.items(arg))
            case "or":
                return any(self.conforms(s, value) for s in self.shapes.items(arg))
            case "xone":
                return sum(1 for s in self.shapes.items(arg) if self.conforms(s, value)) == 1
        raise UnsupportedShape(f"sh:{component}")

    def _result(self, shape: Term, node: Term, path: Term | None) -> Result:
        message = self.shapes.value(shape, "message")
        severity = self.shapes.value(shape, "severity")
        return Result(
            node,
            path.value if isinstance(path, ox.NamedNode) else "",
            message.value if message else "constraint failed",
            severity.value.removeprefix(SH) if severity else "Violation",
        )

    def _sparql(self, shape: Term, focus: set[Term]) -> Iterator[Result]:
        for constraint in self.shapes.values(shape, "sparql"):
            if self.shapes.deactivated(constraint):
                continue
            select = self.shapes.value(constraint, "select").value.replace("$this", "?this")  # type: ignore[union-attr]
            query = self._prefixes + _prebind(select, focus)
            template = self.shapes.value(constraint, "message") or self.shapes.value(
                shape, "message"
            )
            for row in self.store.query(query):
                this = row["this"]
                if this in focus:
                    message = _fill(template.value if template else "constraint failed", row)
                    path = row["path"] if _has(row, "path") else None
                    yield Result(this, path.value if path is not None else "", message, "Violation")


def _prebind(select: str, focus: set[Term]) -> str:
    """Bind ``?this`` to every focus node at once: a VALUES block opening the WHERE group.

    SHACL pre-binds ``$this`` for each focus node; a query that uses it only inside FILTERs
    would find nothing if ``?this`` were left free, so it must be bound before they run.
    """
    where = re.search(r"\bWHERE\s*\{", select, re.IGNORECASE)
    if where is None:
        raise UnsupportedShape("a SPARQL constraint without a WHERE clause")
    terms = " ".join(str(node) for node in sorted(focus, key=str)) or "UNDEF"
    return f"{select[: where.end()]} VALUES ?this {{ {terms} }} {select[where.end() :]}"


def _fill(template: str, row: ox.QuerySolution) -> str:
    """Substitute ``{?var}`` and ``{$var}`` in a message with the row's values."""
    return re.sub(
        r"\{[?$](\w+)\}",
        lambda m: _term_text(row[m.group(1)]) if _has(row, m.group(1)) else m.group(0),
        template,
    )


def _has(row: ox.QuerySolution, name: str) -> bool:
    try:
        return row[name] is not None
    except (KeyError, IndexError):
        return False


def _term_text(term: Term) -> str:
    return term.value if not isinstance(term, ox.BlankNode) else str(term)


def _node_kind(value: Term) -> str:
    return {ox.NamedNode: "IRI", ox.BlankNode: "BlankNode", ox.Literal: "Literal"}[type(value)]


def _well_formed(value: ox.Literal) -> bool:
    pattern = _LEXICAL_RE.get(value.datatype.value)
    return pattern is None or pattern.match(value.value) is not None


def _compare(a: Term, b: Term) -> int | None:
    """-1, 0 or 1 for comparable literals (numbers, or same-typed text such as dates); else None."""
    if not isinstance(a, ox.Literal) or not isinstance(b, ox.Literal):
        return None
    try:
        x, y = Decimal(a.value), Decimal(b.value)
    except InvalidOperation:
        if a.datatype != b.datatype:
            return None
        x, y = a.value, b.value  # type: ignore[assignment]
    return (x > y) - (x < y)


def validate(triples: Iterable[ox.Triple], shapes_path: Path) -> list[Result]:
    """Every result of validating the graph of ``triples`` against the shapes file."""
    items = list(dict.fromkeys(triples))
    store = ox.Store()
    store.bulk_load(
        ox.serialize(items, format=ox.RdfFormat.N_TRIPLES), format=ox.RdfFormat.N_TRIPLES
    )
    return Validator(Shapes(shapes_path), TripleIndex(items), store).run()
