"""`hearth import PATH...`: bring exports into the acting member's datasets."""

from __future__ import annotations

import argparse
import time
from pathlib import Path
from typing import Any

from hearth.cli import output
from hearth.cli.commands import command, open_vault
from hearth.errors import HearthError
from hearth.importers.pipeline import ImportOutcome, import_outcomes, recognise
from hearth.progress import CancelToken, Progress


class _ImportBar(output.ProgressBar):
    """The terminal bar with records/s, which is what a person waiting wants to see."""

    def __init__(self) -> None:
        super().__init__()
        self._started = time.monotonic()

    def __call__(self, update: Progress) -> None:
        elapsed = max(time.monotonic() - self._started, 1e-6)
        rate = (update.records or 0) / elapsed
        left = ""
        if update.fraction:
            left = f", {max(0.0, elapsed / update.fraction - elapsed):.0f} s left"
        message = f"{update.records or 0} records, {rate:,.0f}/s{left}"
        super().__call__(Progress(update.done, update.total, update.unit, message))


@command("import")
def import_exports(args: argparse.Namespace) -> int:
    outcomes: list[ImportOutcome] = []
    cancel = CancelToken()
    with open_vault(args) as vault:
        # Every file is recognised before any is read: one that Hearth cannot read stops the
        # command before it has changed anything.
        for path in args.paths:
            recognise(Path(path), args.kind)
        try:
            for path in args.paths:
                bar = _ImportBar()
                try:
                    for outcome in import_outcomes(
                        vault, Path(path), expected=args.kind, progress=bar, cancel=cancel
                    ):
                        outcomes.append(outcome)
                finally:
                    bar.finish()
        except (HearthError, KeyboardInterrupt) as stopped:
            # A damaged file found while reading stops the command, but what was imported
            # before it stays imported (each import is all or nothing on its own): say so.
            if outcomes:
                if args.json:
                    output.note_completed(stopped, _document(outcomes))
                else:
                    _tell(outcomes)
            raise
    if args.json:
        output.emit_json(_document(outcomes))
    else:
        _tell(outcomes)
    return 0


def _document(outcomes: list[ImportOutcome]) -> dict[str, Any]:
    return {
        "imports": [o.to_json() for o in outcomes],
        "added": sum(o.result.added for o in outcomes),
        "duplicates": sum(o.result.duplicates for o in outcomes),
    }


def _tell(outcomes: list[ImportOutcome]) -> None:
    for outcome in outcomes:
        result = outcome.result
        if result.already_imported:
            output.say(f"{outcome.title}: {outcome.path} was imported before; nothing added.")
            continue
        output.say(
            f"{outcome.title}: added {result.added} records, {result.duplicates} already there, "
            f"{result.skipped} skipped (dataset {result.dataset_id})."
        )
        for reason, count in sorted(outcome.skip_reasons.items()):
            output.say(f"  skipped {count}: {reason}")
