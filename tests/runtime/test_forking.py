"""Forked workers see their input without it being sent, and only inside their pool."""

from __future__ import annotations

import os
import threading

import pytest

from kzkg.runtime.forking import can_fork, inherited, pool_inheriting

pytestmark = pytest.mark.skipif(not can_fork(), reason="this platform does not fork")


def _describe() -> tuple[int, str]:
    value = inherited()
    assert isinstance(value, dict)
    return os.getpid(), value["name"]


def test_workers_read_the_value_without_it_being_pickled():
    # A lock cannot be pickled: reaching the worker at all proves it was inherited.
    value = {"name": "graph", "lock": threading.Lock()}
    with pool_inheriting(value, 2) as pool:
        found = pool.apply_async(_describe).get(timeout=60)
    assert found[0] != os.getpid(), "the work ran in this process, not a forked one"
    assert found[1] == "graph"


def test_the_value_is_gone_after_the_pool():
    with pool_inheriting("graph", 1) as pool:
        assert pool.apply(inherited) == "graph"
    with pytest.raises(RuntimeError, match="pool_inheriting"):
        inherited()
