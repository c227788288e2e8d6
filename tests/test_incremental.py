"""A validation that reuses the cached one gives the verdicts of a full validation.

Two levels: the SHACL part (:mod:`kzkg.units`) against full validation over hundreds of mutated
seed graphs, and the whole command (:mod:`kzkg.incremental`) against ``--full`` on every broken
contribution of tests/data/invalid/, applied to a corpus whose validation was cached.
"""

from __future__ import annotations

import random
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from corpus import INVALID, MINIMAL, apply_example, invalid_examples, kzkg

from kzkg.emit import REGISTRY_GRAPH
from kzkg.errors import InputError
from kzkg.incremental import validate_seeds
from kzkg.pipeline import build
from kzkg.progress import Silent
from kzkg.unit_store import UnitStore
from kzkg.units import NeedsFull, revalidate, store_full
from kzkg.validate import violations_of

GENERATE = Path(__file__).resolve().parents[1] / "benchmarks" / "generate.py"


def full(graphs: dict[str, list[str]]) -> list:
    lines = dict.fromkeys(line for found in graphs.values() for line in found)
    return sorted(violations_of("".join(f"{line}\n" for line in lines).encode("utf-8")))


def mutate(rng: random.Random, lines: list[str], pool: list[str], nodes: list[str]) -> list[str]:
    """Delete a triple, point one at another node, copy one in from another graph, or give
    one another subject: the damage a converter bug or a hand edit could do."""
    lines = list(lines)
    kind = rng.randrange(4)
    for _ in range(rng.randint(1, 3)):
        at = rng.randrange(len(lines))
        s, p, o = lines[at][:-2].split(" ", 2)
        if kind == 0:
            del lines[at]
        elif kind == 1:
            lines[at] = f"{s} {p} {rng.choice(nodes)} ."
        elif kind == 2:
            lines.append(rng.choice(pool))
        else:
            lines[at] = f"{rng.choice(nodes)} {p} {o} ."
    return list(dict.fromkeys(lines))


@pytest.fixture(scope="module")
def synthetic_build(tmp_path_factory):
    """80 generated articles: small graphs, linked by contradictions, as a large corpus is."""
    folder = tmp_path_factory.mktemp("synthetic") / "seeds"
    command = [sys.executable, str(GENERATE), "--articles", "80", "--seed", "3"]
    done = subprocess.run([*command, "--out", str(folder)], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    return build(folder, None, validate=False)


@pytest.mark.parametrize(("corpus", "mutations"), [("seed_build", 30), ("synthetic_build", 80)])
def test_partial_shacl_gives_the_full_verdicts(request, corpus, mutations, tmp_path):
    built = request.getfixturevalue(corpus)
    graphs = {g: list(found) for g, found in built.ordered.graph_lines.items()}
    articles = sorted(g for g in graphs if g != REGISTRY_GRAPH)
    pool = [line for g in articles for line in graphs[g]]
    nodes = sorted({line.split(" ", 1)[0] for line in pool})
    store = UnitStore(tmp_path / "cache.sqlite")
    with store.transaction():
        store_full(store, graphs, full(graphs))
    rng = random.Random(20261123)
    partial, smaller = 0, 0
    for step in range(mutations):
        graph = rng.choice(articles)
        changed = {graph: mutate(rng, graphs[graph], pool, nodes)}
        if step % 20 == 19:
            changed[rng.choice(articles)] = []  # a whole article graph removed
        graphs.update(changed)
        expected = full(graphs)
        try:
            with store.transaction():
                done = revalidate(store, changed, {})
        except NeedsFull:
            with store.transaction():
                store_full(store, graphs, expected)
            continue
        partial += 1
        smaller += done.context < len(pool) // 2
        assert done.violations == expected, f"{corpus}, mutation {step} of {graph}"
        for name, lines in changed.items():
            if not lines:  # the removed graph comes back, as a contribution would restore it
                graphs[name] = list(built.ordered.graph_lines[name])
                with store.transaction():
                    store_full(store, graphs, full(graphs))
    assert partial >= mutations // 2, f"only {partial} of {mutations} were judged in part"
    assert any(full(graphs)), "the mutations produced violations to compare"
    if corpus == "synthetic_build":
        assert smaller >= partial // 2, "most partial validations read less than half the graph"


def test_a_change_outside_the_bounds_is_validated_in_full(seed_build, tmp_path):
    graphs = {g: list(found) for g, found in seed_build.ordered.graph_lines.items()}
    store = UnitStore(tmp_path / "cache.sqlite")
    with store.transaction():
        store_full(store, graphs, full(graphs))
    registry_node = graphs[REGISTRY_GRAPH][0].split(" ", 1)[0]
    article = next(g for g in graphs if g != REGISTRY_GRAPH)
    label = f'{registry_node} <http://www.w3.org/2000/01/rdf-schema#label> "x" .'
    with pytest.raises(NeedsFull, match="registry node"):
        revalidate(store, {article: [*graphs[article], label]}, {})
    with pytest.raises(NeedsFull, match="registry graph"):
        revalidate(store, {REGISTRY_GRAPH: []}, {})


class StepNames(Silent, list[str]):
    """Progress that records the names of the steps, in order."""

    def __call__(self, step: str, total: int | None = None) -> None:
        self.append(step)


def _outcome(seeds: Path, cache: Path) -> tuple[list[str], list[str], list[str]]:
    """(problems, violations, steps) of a cached validation."""
    steps = StepNames()
    try:
        report = validate_seeds(seeds, cache, progress=steps).report
    except InputError as exc:
        return [str(p) for p in exc.problems], [], list(steps)
    return [], [str(v) for v in report.violations], list(steps)


@pytest.mark.parametrize("name", invalid_examples())
def test_a_broken_contribution_gets_the_full_verdict(tmp_path, name):
    seeds, cache = tmp_path / "seeds", tmp_path / "cache.sqlite"
    shutil.copytree(MINIMAL, seeds)
    assert _outcome(seeds, cache) == ([], [], ["read", "convert", "cache", "validate"])
    apply_example(INVALID / name, seeds)
    problems, violations, _ = _outcome(seeds, cache)
    full_problems, full_violations, _ = _outcome(seeds, None)
    assert problems or violations, f"{name}: nothing found"
    assert (problems, violations) == (full_problems, full_violations), name


def test_most_broken_contributions_are_checked_in_part(tmp_path):
    """The examples that touch only an article file are judged without reading the rest."""
    partial = []
    for name in invalid_examples():
        seeds, cache = tmp_path / name / "seeds", tmp_path / name / "cache.sqlite"
        shutil.copytree(MINIMAL, seeds)
        _outcome(seeds, cache)
        apply_example(INVALID / name, seeds)
        if any(step.startswith("read 1 changed") for step in _outcome(seeds, cache)[2]):
            partial.append(name)
    assert len(partial) >= 50, f"only {len(partial)} examples were checked in part: {partial}"


def test_the_command_reuses_the_cache_and_says_how(tmp_path):
    seeds = tmp_path / "seeds"
    shutil.copytree(MINIMAL, seeds)
    first = kzkg("validate", "--seeds", ".", cwd=seeds)
    assert first.code == 0 and "validated in full" in first.stdout, first.stdout + first.stderr
    again = kzkg("validate", "--seeds", ".", cwd=seeds)
    assert "no file changed" in again.stdout, again.stdout
    article = next(p for p in sorted(seeds.glob("*.yaml")) if p.name != "entities.yaml")
    article.write_text(article.read_text("utf-8") + "\n# reviewed\n", "utf-8")
    edited = kzkg("validate", "--seeds", ".", cwd=seeds)
    assert edited.code == 0 and "1 changed article re-validated" in edited.stdout, edited.stdout
    forced = kzkg("validate", "--seeds", ".", "--full", cwd=seeds)
    assert "validated in full (asked for)" in forced.stdout, forced.stdout
    registry = seeds / "entities.yaml"
    registry.write_text(registry.read_text("utf-8") + "\n# reviewed\n", "utf-8")
    changed = kzkg("validate", "--seeds", ".", cwd=seeds)
    assert "validated in full (entities.yaml changed)" in changed.stdout, changed.stdout


def test_a_damaged_cache_means_a_full_validation_not_a_failure(tmp_path):
    damaged = tmp_path / "cache.sqlite"
    damaged.write_bytes(b"not a database\n" * 100)
    run = kzkg("validate", "--seeds", str(MINIMAL), "--cache", str(damaged), cwd=tmp_path)
    assert run.code == 0, run.stderr
    assert "cannot be used: file is not a database" in run.stdout, run.stdout


def _second_article(seeds: Path) -> None:
    """A new article like the first; its second claim still contradicts the first article's."""
    yaml = (seeds / "short-note.yaml").read_text("utf-8")
    for old, new in [
        ("id: short-note", "id: short-note-2"),
        ("text: short-note.txt", "text: short-note-2.txt"),
        ("id: kosanov-kremlin-plans-drafted", "id: kosanov-kremlin-plans-drafted-2"),
        ("id: abenov-submarine", "id: abenov-submarine-2"),
    ]:
        yaml = yaml.replace(old, new)
    (seeds / "short-note-2.yaml").write_text(yaml, "utf-8")
    shutil.copy(seeds / "short-note.txt", seeds / "short-note-2.txt")


def test_an_article_added_and_removed_is_checked_in_part(tmp_path):
    seeds, cache = tmp_path / "seeds", tmp_path / "cache.sqlite"
    shutil.copytree(MINIMAL, seeds)
    _outcome(seeds, cache)
    _second_article(seeds)
    problems, violations, steps = _outcome(seeds, cache)
    assert "read 1 changed article" in steps, steps
    assert (problems, violations) == _outcome(seeds, None)[:2] == ([], []), problems
    (seeds / "short-note-2.yaml").unlink()
    problems, violations, steps = _outcome(seeds, cache)
    assert "read 1 changed article" in steps, steps
    assert (problems, violations) == _outcome(seeds, None)[:2] == ([], []), problems
    (seeds / "short-note.yaml").write_text(
        (seeds / "short-note.yaml").read_text("utf-8").replace("stance: warns", "stance: warn"),
        "utf-8",
    )
    problems, _, steps = _outcome(seeds, cache)
    assert "read 1 changed article" in steps and problems == _outcome(seeds, None)[0], problems
    assert any("warn" in p for p in problems), problems


def test_a_cached_folder_that_is_gone_gets_the_usual_message(tmp_path):
    seeds, cache = tmp_path / "seeds", tmp_path / "cache.sqlite"
    shutil.copytree(MINIMAL, seeds)
    _outcome(seeds, cache)
    shutil.rmtree(seeds)
    run = kzkg("validate", "--seeds", str(seeds), "--cache", str(cache), cwd=tmp_path)
    assert run.code == 1 and "seeds folder not found" in run.stderr, run.stderr


def test_two_validations_sharing_a_cache_both_succeed(tmp_path):
    """The second waits for SQLite's lock rather than failing on it."""
    cache = tmp_path / "cache.sqlite"
    command = [sys.executable, "-m", "kzkg", "validate", "--full", "--seeds", str(MINIMAL)]
    runs = [
        subprocess.Popen(
            [*command, "--cache", str(cache)],
            cwd=tmp_path,
            text=True,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
        for _ in range(3)
    ]
    for run in runs:
        out, err = run.communicate(timeout=120)
        assert run.returncode == 0 and "conforms" in out, err
    again = kzkg("validate", "--seeds", str(MINIMAL), "--cache", str(cache), cwd=tmp_path)
    assert "no file changed" in again.stdout, again.stdout + again.stderr
