"""The `hearth` executable: the app with no command, `--self-test`, the command line otherwise."""

from __future__ import annotations

import time

STARTED = time.perf_counter()  # for the self-test's start-up figure where /proc is missing

import multiprocessing  # noqa: E402
import sys  # noqa: E402
from pathlib import Path  # noqa: E402

from hearth.importers.parser_processes import PARSER_FLAG, child_main  # noqa: E402
from hearth.logs import setup_logging  # noqa: E402
from hearth.paths import default_vault_path  # noqa: E402


def main() -> None:
    # In the frozen app, the importer's parser processes start through this executable;
    # these turn such a start into the child's work instead of a second app (the flag on
    # Linux and macOS, freeze_support on Windows: see hearth.importers.parser_processes).
    argv = sys.argv[1:]
    if argv[:1] == [PARSER_FLAG]:
        child_main(argv[1:])
        return
    multiprocessing.freeze_support()
    setup_logging()
    if argv[:1] == ["--self-test"]:
        from hearth.selftest import main as self_test

        sys.exit(self_test(argv[1:]))
    vault = _gui_vault(argv)
    if vault is not None:
        from hearth.ui.app import run  # Qt is loaded only when the window is wanted

        sys.exit(run(vault))
    try:
        from hearth.cli.main import main as cli_main
    except KeyboardInterrupt:
        # Ctrl-C while the command's modules still load (about 0.3 s): nothing has been
        # touched yet, and it is said as the command line says it once running.
        sys.stderr.write("Cancelled.\n")
        sys.exit(9)
    sys.exit(cli_main(argv))


def _gui_vault(argv: list[str]) -> Path | None:
    """The vault to open in the app when ``argv`` names no command, else None."""
    if not argv:
        return default_vault_path()
    if len(argv) == 2 and argv[0] == "--vault":
        return Path(argv[1])
    if len(argv) == 1 and argv[0].startswith("--vault="):
        return Path(argv[0].split("=", 1)[1])
    return None
