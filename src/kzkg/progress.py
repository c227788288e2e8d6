"""Progress display for the pipeline's steps: a spinner and elapsed time per step on a terminal.

The pipeline only announces each step by name; this module decides how that looks. Off a
terminal (CI logs, pipes) or with ``--quiet`` it shows nothing, so logs stay clean.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager

from rich.console import Console
from rich.progress import Progress, SpinnerColumn, TaskID, TextColumn, TimeElapsedColumn


@contextmanager
def steps(console: Console, *, quiet: bool = False) -> Iterator[Callable[[str], None]]:
    """Yield an ``announce(step)`` callback; each announced step is shown until the next one."""
    if quiet or not console.is_terminal:
        yield lambda step: None
        return
    columns = (
        SpinnerColumn(finished_text="✓"),
        TextColumn("{task.description}"),
        TimeElapsedColumn(),
    )
    with Progress(*columns, console=console) as progress:
        current: list[TaskID] = []

        def finish() -> None:
            if current:
                progress.update(current[-1], total=1, completed=1)

        def announce(step: str) -> None:
            finish()
            current.append(progress.add_task(step, total=None))

        yield announce
        finish()
