"""The `hearth` executable: the app with no command, the command line otherwise."""

from __future__ import annotations

import sys
from pathlib import Path

from hearth.paths import default_vault_path


def main() -> None:
    argv = sys.argv[1:]
    vault = _gui_vault(argv)
    if vault is not None:
        from hearth.ui.app import run  # Qt is loaded only when the window is wanted

        sys.exit(run(vault))
    from hearth.cli.main import main as cli_main

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
