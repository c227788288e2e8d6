"""SHACL-SPARQL in the fast engine: pre-binding, and the shortcut of one run for all nodes.

SHACL defines a constraint's rows for a focus node as those of its query with ``$this``
replaced by the node. The engine runs the query with pyoxigraph's substitutions instead, or,
when :func:`kzkg.shacl.query.prepare` judges it equivalent, once for all focus nodes with
a VALUES block. Both are held here to that definition: on seeded random graphs, for queries
with ``$this`` in UNION branches, nested groups, OPTIONAL, EXISTS and subqueries, the rows are
those of the query with the node's IRI written in its place. And on kzkg's own shapes the
shortcut gives exactly the results of one run per focus node.
"""

from __future__ import annotations

import random
from pathlib import Path

import pyoxigraph as ox
import pytest
from paths import ROOT

from kzkg.data import SHAPES
from kzkg.rdf.ntriples import lines_of
from kzkg.shacl.engine import (
    IllFormedShapes,
    Shapes,
    TripleIndex,
    UnsupportedShape,
    Validator,
    validate_graphs,
)
from kzkg.shacl.query import prepare
from kzkg.shacl.sparql import SparqlConstraints

SHAPE_GRAPHS = sorted((ROOT / "tests" / "data" / "shapes").glob("*.ttl"))
EX, SH = "http://example.org/", "http://www.w3.org/ns/shacl#"


def run(lines: list[str], *, batch: bool) -> list[tuple[str, ...]]:
    shapes = Shapes(SHAPES)
    store = ox.Store()
    store.extend(ox.parse("\n".join(lines) + "\n", format=ox.RdfFormat.N_TRIPLES))
    validator = Validator(shapes, TripleIndex(lines), SparqlConstraints(shapes, store, batch=batch))
    return [(str(r.focus), str(r.value), r.message, str(r.component)) for r in validator.run()]


def graph_lines(path: Path) -> list[str]:
    quads = ox.parse(path=str(path), format=ox.RdfFormat.TURTLE)
    return lines_of(ox.serialize([q.triple for q in quads], format=ox.RdfFormat.N_TRIPLES))


@pytest.mark.parametrize("graph", SHAPE_GRAPHS, ids=lambda p: p.stem)
def test_one_run_for_all_nodes_gives_the_rows_of_one_run_each(graph: Path):
    lines = graph_lines(graph)
    assert run(lines, batch=True) == run(lines, batch=False)


def test_one_run_for_all_nodes_on_the_seeds(seed_build):
    lines = seed_build.ordered.triple_lines
    assert run(lines, batch=True) == run(lines, batch=False) == []


@pytest.mark.parametrize(
    ("where", "batchable"),
    [
        ("{ $this ex:p ?value . FILTER (?value != 1) }", True),
        ("{ $this ex:p ?value . FILTER NOT EXISTS { ?value ex:q $this } }", True),
        ("{ { $this ex:p ?value } UNION { ?value ex:q $this } }", False),
        ("{ ?value ex:p ?x . { FILTER ($this = ?x) } }", False),
        ("{ ?value ex:p ?x . OPTIONAL { ?x ex:q $this } }", False),
        ("{ { SELECT $this ?value WHERE { $this ex:p ?value } } }", False),
    ],
)
def test_the_shortcut_is_taken_only_where_this_is_in_the_top_group(where: str, batchable: bool):
    query = prepare(f"PREFIX ex: <{EX}> SELECT $this ?value WHERE {where}", {"this"}, "test")
    assert query.batchable is batchable


@pytest.mark.parametrize(
    "select",
    [
        "SELECT $this WHERE { ?x ex:p ?y . MINUS { ?x ex:q ?y } }",
        "SELECT $this WHERE { VALUES ?x { 1 } }",
        "SELECT $this WHERE { SERVICE <http://example.org/s> { ?a ?b ?c } }",
        "SELECT $this WHERE { BIND (1 AS $this) }",
        "SELECT $this WHERE { { SELECT * WHERE { ?a ?b ?c } } }",
        "SELECT $this WHERE { { SELECT ?a WHERE { ?a ?b ?c } } }",
    ],
)
def test_what_pre_binding_cannot_mean_is_ill_formed(select: str):
    with pytest.raises(IllFormedShapes):
        prepare(f"PREFIX ex: <{EX}> {select}", {"this"}, "test")


TEMPLATES = [
    "SELECT $this ?value WHERE {{ {{ $this ex:p ?value }} UNION {{ ?value ex:q $this }} }}",
    "SELECT $this ?value WHERE {{ ?value ex:p ?x . {{ FILTER (?x = $this) }} }}",
    "SELECT $this ?value WHERE {{ ?value ex:p ?x . OPTIONAL {{ ?x ex:q $this }} }}",
    "SELECT $this ?value WHERE {{ {{ SELECT $this ?value WHERE {{ $this ex:q ?value }} }} }}",
    "SELECT $this ?value WHERE {{ $this ex:p ?value . FILTER NOT EXISTS {{ ?value ex:q $this }} }}",
    "SELECT $this ?value WHERE {{ ?value ex:q ?y . FILTER EXISTS {{ {{ $this ex:p ?y }} }} }}",
]


def random_graph(rng: random.Random) -> list[ox.Triple]:
    nodes = [ox.NamedNode(f"{EX}n{i}") for i in range(6)]
    predicates = [ox.NamedNode(f"{EX}p"), ox.NamedNode(f"{EX}q")]
    return [
        ox.Triple(rng.choice(nodes), rng.choice(predicates), rng.choice(nodes))
        for _ in range(rng.randint(3, 15))
    ]


def substituted_rows(data: list[ox.Triple], select: str, node: ox.NamedNode) -> set[str]:
    """SHACL's definition: the query with $this written as the node, run on its own."""
    store = ox.Store()
    store.extend(ox.Quad(t.subject, t.predicate, t.object) for t in data)
    text = f"PREFIX ex: <{EX}> " + select.replace("$this", str(node)).replace(
        f"SELECT {node}", "SELECT"
    )
    return {str(row["value"]) for row in store.query(text)}  # type: ignore[union-attr]


@pytest.mark.parametrize("seed", range(6))
def test_pre_binding_is_substitution_on_random_graphs(seed: int):
    rng = random.Random(seed)
    for template in TEMPLATES:
        select = template.format()
        data = random_graph(rng)
        shape, focus = ox.NamedNode(f"{EX}S"), [ox.NamedNode(f"{EX}n{i}") for i in range(6)]
        constraint = ox.BlankNode("c")
        shapes = [
            *(ox.Triple(shape, ox.NamedNode(f"{SH}targetNode"), n) for n in focus),
            ox.Triple(shape, ox.NamedNode(f"{SH}sparql"), constraint),
            ox.Triple(
                constraint, ox.NamedNode(f"{SH}select"), ox.Literal(f"PREFIX ex: <{EX}> {select}")
            ),
        ]
        results = validate_graphs(data, shapes).results
        for node in focus:
            ours = {str(r.value) for r in results if r.focus == node}
            assert ours == substituted_rows(data, select, node), (select, node, data)


XSD = "http://www.w3.org/2001/XMLSchema#"


def sparql_shape(select: str) -> list[ox.Triple]:
    shape, constraint = ox.NamedNode(f"{EX}S"), ox.BlankNode("c")
    return [
        ox.Triple(shape, ox.NamedNode(f"{SH}targetNode"), ox.NamedNode(f"{EX}n")),
        ox.Triple(shape, ox.NamedNode(f"{SH}sparql"), constraint),
        ox.Triple(
            constraint, ox.NamedNode(f"{SH}select"), ox.Literal(f"PREFIX ex: <{EX}> {select}")
        ),
    ]


def with_values(*pairs: tuple[str, ox.Literal]) -> list[ox.Triple]:
    return [ox.Triple(ox.NamedNode(f"{EX}n"), ox.NamedNode(f"{EX}{p}"), o) for p, o in pairs]


def typed(lexical: str, datatype: str) -> ox.Literal:
    return ox.Literal(lexical, datatype=ox.NamedNode(f"{XSD}{datatype}"))


def test_a_literal_the_store_rewrites_refuses_sparql():
    """The store keeps "01"^^xsd:integer as "1": STR would read another literal."""
    data = with_values(("p", typed("01", "integer")))
    select = "SELECT $this ?value WHERE { $this ex:p ?value . FILTER (STR(?value) = '01') }"
    with pytest.raises(UnsupportedShape, match="store rewrites"):
        validate_graphs(data, sparql_shape(select))


def test_a_retyped_literal_is_reported_as_written():
    """xsd:nonNegativeInteger is stored as xsd:integer: a value test is unaffected, and the
    result names the data's literal, not the store's."""
    seven = typed("7", "nonNegativeInteger")
    select = "SELECT $this ?value WHERE { $this ex:p ?value . FILTER (?value > 5) }"
    results = validate_graphs(with_values(("p", seven)), sparql_shape(select)).results
    assert [r.value for r in results] == [seven]


def test_asking_the_datatype_of_a_retyped_literal_is_refused():
    data = with_values(("p", typed("7", "nonNegativeInteger")))
    select = "SELECT $this ?value WHERE { $this ex:p ?value . FILTER (DATATYPE(?value) != 1) }"
    with pytest.raises(UnsupportedShape, match="datatype"):
        validate_graphs(data, sparql_shape(select))
    # A query that cannot reach those literals runs.
    other = "SELECT $this ?value WHERE { $this ex:q ?value . FILTER (DATATYPE(?value) != 1) }"
    assert validate_graphs(data, sparql_shape(other)).conforms


def test_joining_on_literals_the_store_merges_is_refused():
    """ "7"^^xsd:integer and "7"^^xsd:nonNegativeInteger are two terms, one in the store."""
    data = with_values(("p", typed("7", "nonNegativeInteger")), ("q", typed("7", "integer")))
    select = "SELECT $this WHERE { $this ex:p ?x . $this ex:q ?x . }"
    with pytest.raises(UnsupportedShape, match="joining"):
        validate_graphs(data, sparql_shape(select))
