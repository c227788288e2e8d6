"""`kzkg validate`'s verdict depends on the seeds alone, never on how the run is done.

Seeded random mutations (tests/mutations.py) of seeds folders, each validated through the real
command line in this process twice: in one process (``--jobs 1``) and in two, the SHACL-SPARQL
half in a forked process (forced on these small graphs by lowering ``PARALLEL_FROM``, as
tests/shacl/test_shacl_parallel.py does). Exit code, stdout and stderr must be identical byte for
byte, the exit code 0 or 1, and no message may hold a traceback. Half the steps ask for
``--format json``, whose stdout must parse and agree with the exit code.

Steps build on each other (an edit on top of earlier edits) and start again from a clean
copy now and then. The small example corpora of tests/data/valid/ take most of the steps, the
real seeds some (a seed validation costs about ten times more); ``KZKG_MUTATION_STEPS=N``
runs N steps on each of the two instead, for a deeper search. A failure names the seed, the
step and every mutation since the last clean copy, to replay it.
"""

from __future__ import annotations

import json
import os
import random
import shutil
import signal
from pathlib import Path

import pytest
from click.testing import CliRunner
from corpus import valid_examples
from mutations import Mutator
from paths import ROOT, VALID

from kzkg.cli.main import main
from kzkg.shacl import engine as shacl

pytestmark = pytest.mark.slow

DEEPER = int(os.environ.get("KZKG_MUTATION_STEPS", "0"))
EXAMPLE_STEPS = DEEPER or 500
SEED_STEPS = DEEPER or 20
RESTART = 0.6  # chance that a step starts again from a clean copy
STEP_TIMEOUT = 120  # seconds: a FIFO opened by mistake would block forever


class Stuck(Exception):
    """A validation did not finish in time."""


def _stuck(*_: object) -> None:
    raise Stuck


def validate(seeds: Path, fmt: str, split: bool) -> tuple[int, str, str]:
    """One `kzkg validate` through the command line, in one process or in two."""
    saved = shacl.PARALLEL_FROM
    shacl.PARALLEL_FROM = 0 if split else saved
    try:
        args = ["validate", "--seeds", str(seeds), "--format", fmt, "--quiet"]
        result = CliRunner().invoke(main, [*args, "--jobs", "2" if split else "1"])
    finally:
        shacl.PARALLEL_FROM = saved
    assert result.exception is None or isinstance(result.exception, SystemExit), (
        f"{type(result.exception).__name__} escaped the command: {result.exception!r}"
    )
    return result.exit_code, result.stdout, result.stderr


def walk(bases: list[Path], steps: int, seed: int, work: Path) -> dict[str, int]:
    """``steps`` random mutations from ``bases``, each validated both ways; counts verdicts."""
    rng = random.Random(seed)
    seeds, history = work / "seeds", [""]
    verdicts = {"conforms": 0, "refused": 0}
    previous = signal.signal(signal.SIGALRM, _stuck)
    try:
        for step in range(steps):
            if step == 0 or rng.random() < RESTART:
                shutil.rmtree(work, ignore_errors=True)
                work.mkdir(parents=True)
                base = rng.choice(bases)
                shutil.copytree(base, seeds)
                history = [f"clean copy of {base.name}"]
            history.append(Mutator(seeds, rng)())
            fmt = rng.choice(["text", "json"])
            signal.alarm(STEP_TIMEOUT)
            one, two = validate(seeds, fmt, split=False), validate(seeds, fmt, split=True)
            signal.alarm(0)
            where = f"seed {seed}, step {step}:\n  " + "\n  ".join(history)
            assert one == two, f"one process and two disagree at {where}\n{one}\n{two}"
            code, stdout, stderr = one
            assert code in (0, 1), f"exit {code} at {where}\n{stderr}"
            assert "Traceback" not in stdout + stderr, f"traceback at {where}\n{stderr}"
            if fmt == "json":
                assert json.loads(stdout)["conforms"] is (code == 0), where
            else:
                assert bool(stderr) is (code == 1), f"{where}\n{stderr}"
            verdicts["conforms" if code == 0 else "refused"] += 1
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)
    return verdicts


def test_mutated_examples_get_one_verdict_however_validated(tmp_path):
    bases = [VALID / name for name in valid_examples()]
    verdicts = walk(bases, EXAMPLE_STEPS, seed=15, work=tmp_path / "work")
    assert sum(verdicts.values()) == EXAMPLE_STEPS >= 500 or DEEPER
    assert verdicts["conforms"] > 0 and verdicts["refused"] > 0, verdicts


@pytest.mark.skipif(not (ROOT / "seeds").is_dir(), reason="the seeds are part of the checkout")
def test_mutated_seeds_get_one_verdict_however_validated(tmp_path):
    verdicts = walk([ROOT / "seeds"], SEED_STEPS, seed=1015, work=tmp_path / "work")
    assert verdicts["refused"] > 0, verdicts
