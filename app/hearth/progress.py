"""Progress reports and cancellation shared by every long-running core call.

Core functions that take long accept ``progress: ProgressCallback | None`` and
``cancel: CancelToken | None``; the CLI draws a terminal bar from the same reports the GUI
turns into a progress dialog, and tests cancel half-way.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass

from hearth.errors import UserCancelled


@dataclass(frozen=True)
class Progress:
    """How far a long task has come. ``total`` is None when it cannot be known."""

    done: int
    total: int | None
    unit: str = "steps"
    message: str = ""
    # A second count where one helps, e.g. records while ``done`` counts bytes.
    records: int | None = None

    @property
    def fraction(self) -> float | None:
        if not self.total:
            return None
        return min(1.0, self.done / self.total)


ProgressCallback = Callable[[Progress], None]


class CancelToken:
    """A thread-safe flag a front end sets and a core loop checks between steps."""

    def __init__(self) -> None:
        self._event = threading.Event()

    def cancel(self) -> None:
        self._event.set()

    @property
    def cancelled(self) -> bool:
        return self._event.is_set()

    def raise_if_cancelled(self) -> None:
        if self._event.is_set():
            raise UserCancelled("Cancelled.")


def report(progress: ProgressCallback | None, update: Progress) -> None:
    """Send ``update`` to ``progress`` when there is a listener."""
    if progress is not None:
        progress(update)


def check(cancel: CancelToken | None) -> None:
    """Raise `UserCancelled` when ``cancel`` was set."""
    if cancel is not None:
        cancel.raise_if_cancelled()
