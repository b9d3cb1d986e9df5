"""The command line's answer to a SigningRequest: show it in words, then ask, or --yes.

Everything goes to stderr (the request, the question) so that ``--json`` output on stdout
stays one JSON document. Without a terminal to ask at and without --yes, nothing is signed.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import TYPE_CHECKING

from hearth.cli import passphrases
from hearth.errors import UsageError

if TYPE_CHECKING:  # the wallet layer pulls in web3 (1.5 s): only commands that sign load it
    from hearth.wallet.signing import SigningRequest


def approver(yes: bool) -> Callable[[SigningRequest], bool]:
    """The approve callback for the Signer: ``yes`` approves every request (for scripts)."""

    def approve(request: SigningRequest) -> bool:
        sys.stderr.write("\n".join(request.lines()) + "\n")
        if yes:
            sys.stderr.write("Approved with --yes.\n")
            return True
        if not passphrases.is_interactive():
            raise UsageError(
                "This needs your approval and there is no terminal to ask at; add --yes to "
                "approve it in a script."
            )
        question = "Sign this? [y/N] " if request.kind == "typed-data" else "Send this? [y/N] "
        sys.stderr.write(question)
        sys.stderr.flush()
        answer = sys.stdin.readline().strip().lower()
        return answer in ("y", "yes")

    return approve
