"""A progress bar on stderr for long runs (bulk loading, imports, group reports).

Shown only when stderr is a terminal and the job is long enough to be worth it; otherwise a
silent tracker with the same interface, so callers never branch on it.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

MIN_ITEMS = 200


class Tracker:
    """Counts finished items; ``advance`` moves the bar when there is one."""

    def __init__(self, total: int, bar: Any = None, task: Any = None) -> None:
        self.total = total
        self.done = 0
        self._bar = bar
        self._task = task

    @property
    def shown(self) -> bool:
        return self._bar is not None

    def advance(self, count: int = 1) -> None:
        self.done += count
        if self._bar is not None:
            self._bar.update(self._task, advance=count)


def wanted(total: int, enabled: bool = True, stream: Any = None) -> bool:
    """Whether a bar would be shown for ``total`` items on ``stream`` (default stderr)."""
    stream = sys.stderr if stream is None else stream
    isatty = getattr(stream, "isatty", None)
    return bool(enabled and total >= MIN_ITEMS and isatty is not None and isatty())


@contextmanager
def progress(description: str, total: int, enabled: bool = True) -> Iterator[Tracker]:
    """A :class:`Tracker` for ``total`` items; a transient rich bar on stderr when
    :func:`wanted`."""
    if not wanted(total, enabled):
        yield Tracker(total)
        return
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TextColumn,
        TimeRemainingColumn,
    )

    from spinout.console import console
    from spinout.textsafe import for_terminal

    columns = (TextColumn(for_terminal(description)), BarColumn(), MofNCompleteColumn(),
               TimeRemainingColumn())
    with Progress(*columns, console=console(stderr=True), transient=True) as bar:
        yield Tracker(total, bar, bar.add_task("", total=total))
