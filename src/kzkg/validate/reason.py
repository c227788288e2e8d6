"""Check that the ontology and the graph are logically consistent, with the HermiT reasoner.

SHACL (shapes/kzkg.shacl.ttl) checks each record's shape from the triples the graph asserts. It
does not reason: it cannot see that a node typed kzo:Person and, elsewhere, kzo:Organisation is
impossible (the classes are disjoint), or that a figure stated by a place makes that place an
agent. HermiT, the OWL 2 DL reasoner bundled with owlready2, reads the ontology's axioms
(disjointness, domains and ranges, functional and irreflexive properties) together with the data
and says whether any world can satisfy them all.

Why it is done this way:

- owlready2 cannot read Turtle or TriG, so every input is parsed with pyoxigraph (strict, and
  fast) and written to one temporary N-Triples file, blank nodes renamed so that two files'
  ``_:b0`` stay two nodes.
- HermiT runs with ``--ignoreUnsupportedDatatypes``: kzkg dates are xsd:date, xsd:gYearMonth or
  xsd:gYear, which are outside the OWL 2 datatype map, and HermiT otherwise refuses the whole
  input. No axiom constrains those literals; SHACL checks them.
- HermiT only says "inconsistent". To say why, the report adds the simple causes it can find
  with SPARQL: a node in two disjoint classes, a self-loop on an irreflexive property, a pair of
  nodes linked by two disjoint properties.
- owlready2's bundled Pellet does not start on the Java 17 installed here; HermiT does.
"""

import os
import shutil
import tempfile
import time
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from pathlib import Path

import pyoxigraph as ox

from kzkg.rdf import OWL, RDF, RDFS
from kzkg.runtime import KzkgError

__all__ = [
    "ConsistencyReport",
    "JavaNotFoundError",
    "ReasonerError",
    "check_consistency",
]


class ReasonerError(KzkgError):
    """The reasoner could not run, so nothing is known about consistency."""


class JavaNotFoundError(ReasonerError):
    """No Java runtime: HermiT is a Java program."""


@dataclass(frozen=True, slots=True)
class ConsistencyReport:
    """The outcome of one consistency check.

    ``explanation`` is empty when consistent; otherwise it says what HermiT found and lists in
    ``suspects`` the simple causes found in the data, one line each.
    """

    consistent: bool
    triples: int
    seconds: float
    reasoner_seconds: float
    explanation: str = ""
    suspects: tuple[str, ...] = ()

    def __str__(self) -> str:
        verdict = "consistent" if self.consistent else "INCONSISTENT"
        line = (
            f"{verdict}: {self.triples:,} triples (ontology + data), "
            f"HermiT {self.reasoner_seconds:.1f} s, {self.seconds:.1f} s in all"
        )
        return f"{line}\n{self.explanation}" if self.explanation else line

    def to_dict(self) -> dict:
        return asdict(self)


def check_consistency(
    ontology_path: str | os.PathLike,
    data_paths: Iterable[str | os.PathLike],
    *,
    java: str | os.PathLike | None = None,
) -> ConsistencyReport:
    """Run HermiT over the ontology and the data files together.

    :param ontology_path: the OWL ontology in any RDF format pyoxigraph reads (ontology/kzkg.ttl).
    :param data_paths: graph files (Turtle, N-Triples, TriG, N-Quads, RDF/XML, JSON-LD; format
        from the file extension). Named graphs are merged into one.
    :param java: the ``java`` executable; by default ``$JAVA_HOME/bin/java`` or ``java`` on PATH.
    :returns: a :class:`ConsistencyReport`.
    :raises JavaNotFoundError: if no Java runtime is found (nothing was checked).
    :raises ReasonerError: if HermiT fails for another reason (nothing was checked).
    :raises FileNotFoundError: if an input file does not exist.
    :raises ValueError: if an input file is not valid RDF, or its format is unknown.

    >>> report = check_consistency("ontology/kzkg.ttl", ["dist/kzkg.ttl"])  # doctest: +SKIP
    >>> report.consistent, round(report.seconds)  # doctest: +SKIP
    (True, 5)
    """
    java_exe = _find_java(java)
    started = time.perf_counter()
    paths = [Path(ontology_path), *(Path(p) for p in data_paths)]
    with tempfile.TemporaryDirectory(prefix="kzkg-reason-") as tmp:
        merged = Path(tmp) / "input.nt"
        store = ox.Store()
        with merged.open("wb") as out:
            for path in paths:
                store.extend(_read_triples(path))
            ox.serialize(store, out, ox.RdfFormat.N_TRIPLES)
        triples = len(store)
        reasoner_started = time.perf_counter()
        consistent = _run_hermit(merged, java_exe)
        reasoner_seconds = time.perf_counter() - reasoner_started
    suspects = () if consistent else _find_suspects(store)
    explanation = "" if consistent else _explain(suspects)
    return ConsistencyReport(
        consistent=consistent,
        triples=triples,
        seconds=round(time.perf_counter() - started, 3),
        reasoner_seconds=round(reasoner_seconds, 3),
        explanation=explanation,
        suspects=suspects,
    )


def _find_java(java: str | os.PathLike | None) -> str:
    candidates = [str(java)] if java else []
    if not java and os.environ.get("JAVA_HOME"):
        candidates.append(str(Path(os.environ["JAVA_HOME"]) / "bin" / "java"))
    if not java:
        candidates.append("java")
    for candidate in candidates:
        found = shutil.which(candidate)
        if found:
            return found
    raise JavaNotFoundError(
        f"HermiT needs a Java runtime (8 or later) and none was found (tried {', '.join(candidates)}). "
        "Install one (Debian: `apt-get install default-jre-headless`) or set JAVA_HOME. "
        "No consistency check was run."
    )


def _read_triples(path: Path) -> Iterable[ox.Quad]:
    """All triples of one file, in the default graph, blank nodes renamed apart."""
    if not path.is_file():
        raise FileNotFoundError(f"{path}: no such file")
    rdf_format = ox.RdfFormat.from_extension(path.suffix.lstrip("."))
    if rdf_format is None:
        raise ValueError(f"{path}: unknown RDF format for extension {path.suffix!r}")
    try:
        quads = list(ox.parse(path=path, format=rdf_format, rename_blank_nodes=True))
    except SyntaxError as error:
        raise ValueError(f"{path}: not valid {rdf_format.name}: {error}") from error
    return [ox.Quad(q.subject, q.predicate, q.object) for q in quads]


def _run_hermit(merged: Path, java_exe: str) -> bool:
    # Imported here: owlready2 is slow to import and only this command needs it.
    import owlready2

    world = owlready2.World()
    previous_java = owlready2.JAVA_EXE
    owlready2.JAVA_EXE = java_exe
    try:
        world.get_ontology(merged.as_uri()).load(format="ntriples")
        owlready2.sync_reasoner_hermit(
            world, infer_property_values=False, debug=0, ignore_unsupported_datatypes=True
        )
    except owlready2.OwlReadyInconsistentOntologyError:
        return False
    except owlready2.OwlReadyJavaError as error:
        raise ReasonerError(f"HermiT failed; no consistency check was run.\n{error}") from error
    finally:
        owlready2.JAVA_EXE = previous_java
        world.close()
    return True


_PREFIXES = f"""
PREFIX owl: <{OWL}>
PREFIX rdf: <{RDF}>
PREFIX rdfs: <{RDFS}>
"""

_DISJOINT_TYPES = (
    _PREFIXES
    + """
SELECT DISTINCT ?x ?a ?b WHERE {
  { ?a owl:disjointWith ?b } UNION { ?b owl:disjointWith ?a } UNION {
    ?axiom a owl:AllDisjointClasses ; owl:members ?list .
    ?list rdf:rest*/rdf:first ?a . ?list rdf:rest*/rdf:first ?b .
  }
  FILTER (isIRI(?a) && isIRI(?b) && STR(?a) < STR(?b))
  ?x rdf:type/rdfs:subClassOf* ?a .
  ?x rdf:type/rdfs:subClassOf* ?b .
} ORDER BY ?x ?a ?b
"""
)

_IRREFLEXIVE_LOOPS = (
    _PREFIXES
    + """
SELECT DISTINCT ?x ?p WHERE { ?p a owl:IrreflexiveProperty . ?x ?p ?x . } ORDER BY ?x ?p
"""
)

_DISJOINT_PROPERTIES = (
    _PREFIXES
    + """
SELECT DISTINCT ?x ?y ?p ?q WHERE {
  { ?p owl:propertyDisjointWith ?q } UNION { ?q owl:propertyDisjointWith ?p }
  FILTER (STR(?p) < STR(?q))
  ?x ?p ?y . ?x ?q ?y .
} ORDER BY ?x ?y
"""
)


def _find_suspects(store: ox.Store) -> tuple[str, ...]:
    lines = [
        f"{row['x'].value} is both a {row['a'].value} and a {row['b'].value}, "
        "which are disjoint classes"
        for row in store.query(_DISJOINT_TYPES)
    ]
    lines += [
        f"{row['x'].value} is linked to itself by {row['p'].value}, which is irreflexive"
        for row in store.query(_IRREFLEXIVE_LOOPS)
    ]
    lines += [
        f"{row['x'].value} is linked to {row['y'].value} by both {row['p'].value} and "
        f"{row['q'].value}, which are disjoint properties"
        for row in store.query(_DISJOINT_PROPERTIES)
    ]
    return tuple(lines)


def _explain(suspects: tuple[str, ...]) -> str:
    if suspects:
        return "HermiT found the ontology and the data inconsistent. Likely causes:\n" + "\n".join(
            f"- {line}" for line in suspects
        )
    return (
        "HermiT found the ontology and the data inconsistent, and no simple cause (a node in two "
        "disjoint classes, a self-loop on an irreflexive property, two disjoint properties "
        "between the same nodes) was found. A node may be used where a property's domain or "
        "range makes it an impossible type: open ontology and data together in Protégé and use "
        "'Explain inconsistency'."
    )
