"""Printing for the command line: one JSON document with --json, readable text otherwise."""

from __future__ import annotations

import json
import sys
from collections.abc import Sequence
from typing import Any

from hearth.progress import Progress


def emit_json(document: dict[str, Any]) -> None:
    """The one JSON document a --json run prints on stdout."""
    sys.stdout.write(json.dumps(document, indent=2, ensure_ascii=False) + "\n")


def note_completed(error: BaseException, document: dict[str, Any]) -> None:
    """What a command had done when ``error`` stopped it: with --json the error document
    carries it beside the error, so a script still learns what changed."""
    error.hearth_completed = document  # type: ignore[attr-defined]


def completed(error: BaseException) -> dict[str, Any]:
    """What `note_completed` noted on ``error`` (nothing when the command had done nothing)."""
    return dict(getattr(error, "hearth_completed", {}))


def say(text: str) -> None:
    sys.stdout.write(text + "\n")


def finish(as_json: bool, document: dict[str, Any], sentence: str) -> int:
    """A command's result: ``document`` with --json, else ``sentence``. Returns exit code 0."""
    if as_json:
        emit_json(document)
    else:
        say(sentence)
    return 0


def table(headers: Sequence[str], rows: Sequence[Sequence[object]]) -> str:
    """A plain text table with columns padded to their widest cell."""
    cells = [[str(h) for h in headers]] + [["" if c is None else str(c) for c in r] for r in rows]
    widths = [max(len(row[i]) for row in cells) for i in range(len(headers))]
    lines = ["  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)) for row in cells]
    lines.insert(1, "  ".join("-" * w for w in widths))
    return "\n".join(line.rstrip() for line in lines)


class ProgressBar:
    """A one-line bar on stderr, drawn only when a person is watching the terminal."""

    WIDTH = 30

    def __init__(self, enabled: bool | None = None) -> None:
        self.enabled = sys.stderr.isatty() if enabled is None else enabled
        self._drawn = False

    def __call__(self, update: Progress) -> None:
        if not self.enabled:
            return
        fraction = update.fraction
        if fraction is None:
            line = f"{update.message} {update.done} {update.unit}"
        else:
            filled = int(fraction * self.WIDTH)
            bar = "#" * filled + "-" * (self.WIDTH - filled)
            line = f"[{bar}] {fraction:4.0%} {update.message}"
        sys.stderr.write("\r" + line[:79].ljust(79))
        sys.stderr.flush()
        self._drawn = True

    def finish(self) -> None:
        if self._drawn:
            sys.stderr.write("\n")
            self._drawn = False
