"""Progress display for the pipeline's steps: a bar, or a spinner, and elapsed time per step.

The pipeline announces each step by name, with the number of items it will go through when it
knows it (files read, shapes checked, formats written), and advances it item by item; this
module decides how that looks. Off a terminal (CI logs, pipes) or with ``--quiet`` it shows
nothing, so logs stay clean.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from rich.console import Console
    from rich.progress import Progress, TaskID


class Steps(Protocol):
    """What the pipeline reports its progress to."""

    def __call__(self, step: str, total: int | None = None) -> None:
        """Start ``step`` (ending the one before), which goes through ``total`` items if known."""

    def size(self, total: int) -> None:
        """The current step goes through ``total`` items: for a count known once it has begun."""

    def advance(self, count: int = 1) -> None:
        """``count`` more items of the current step are done."""


class Silent:
    """Steps that show nothing: the default of every function that reports progress."""

    def __call__(self, step: str, total: int | None = None) -> None:
        pass

    def size(self, total: int) -> None:
        pass

    def advance(self, count: int = 1) -> None:
        pass


SILENT = Silent()


class _Shown:
    """Steps shown on a terminal, one line each: a bar with a count when the step has a total,
    a spinner when it has none, and the time it took."""

    def __init__(self, progress: Progress) -> None:
        self._progress = progress
        self._current: TaskID | None = None

    def __call__(self, step: str, total: int | None = None) -> None:
        self.finish()
        self._current = self._progress.add_task(step, total=total)

    def size(self, total: int) -> None:
        if self._current is not None:
            self._progress.update(self._current, total=total)

    def advance(self, count: int = 1) -> None:
        if self._current is not None:
            self._progress.advance(self._current, count)

    def finish(self) -> None:
        if self._current is not None:
            task = self._progress.tasks[-1]
            done = task.total if task.total is not None else 1
            self._progress.update(self._current, total=done, completed=done)


@contextmanager
def steps(console: Console, *, quiet: bool = False) -> Iterator[Steps]:
    """The steps to announce to: shown on ``console`` if it is a terminal and not ``quiet``."""
    if quiet or not console.is_terminal:
        yield SILENT
        return
    # Imported here: the pipeline's modules import this one, and most runs show nothing.
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        SpinnerColumn,
        TextColumn,
        TimeElapsedColumn,
    )

    columns = (
        SpinnerColumn(finished_text="✓"),
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
    )
    with Progress(*columns, console=console) as progress:
        shown = _Shown(progress)
        yield shown
        shown.finish()
