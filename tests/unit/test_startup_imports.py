"""Commands that never talk to a chain must not pay for loading the chain libraries.

web3 and eth_utils take about two seconds to import on this machine, which every `hearth
import` or `hearth datasets` paid when a command module imported them at its top.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

HEAVY = ("web3", "eth_utils", "eth_account", "PySide6")
CHAIN = ("web3", "eth_utils", "eth_account", "eth_abi", "py_ecc")


def test_the_command_line_loads_no_chain_or_gui_library_until_a_command_needs_it() -> None:
    script = (
        "import sys\n"
        "from hearth.cli.main import build_parser\n"
        "build_parser().parse_args(['datasets'])\n"
        f"print(','.join(sorted(m for m in {HEAVY!r} if m in sys.modules)))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True
    )
    assert done.stdout.strip() == ""


def test_the_main_window_opens_without_the_chain_libraries(tmp_path: Path) -> None:
    """eth-account takes about a second to load: the Wallet and Marketplace pages load it
    when a wallet is made, opened or used, not when the window is built."""
    script = (
        "import os, sys\n"
        "from pathlib import Path\n"
        "from hearth.vault import Vault\n"
        "from hearth.ui.offscreen_window import show_unlocked_window\n"
        f"folder = Path({str(tmp_path)!r})\n"
        "vault, _ = Vault.create(folder / 'vault', 'Ana', 'correct horse battery staple')\n"
        "show_unlocked_window(vault, folder)\n"
        f"print(','.join(sorted(m for m in {CHAIN!r} if m in sys.modules)))\n"
    )
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "HEARTH_UNSAFE_FAST_KDF": "1"}
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True, env=env
    )
    assert done.stdout.strip() == ""
