"""Commands that never talk to a chain must not pay for loading the chain libraries.

web3 and eth_utils take about two seconds to import on this machine, which every `hearth
import` or `hearth datasets` paid when a command module imported them at its top.
"""

from __future__ import annotations

import subprocess
import sys

HEAVY = ("web3", "eth_utils", "eth_account", "PySide6")


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
