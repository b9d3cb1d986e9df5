"""Where the command line gets passphrases and recovery keys from.

In order: ``--passphrase-file``, then the ``HEARTH_PASSPHRASE`` environment variable, then an
interactive prompt when a person is at the terminal. A script without any of these gets a
usage error instead of a prompt it cannot answer. Secrets are never echoed or logged.
"""

from __future__ import annotations

import getpass
import os
import sys
from pathlib import Path

from hearth.errors import BadInput, UsageError

# Names of environment variables, not secrets.
PASSPHRASE_ENV = "HEARTH_PASSPHRASE"  # noqa: S105
NEW_PASSPHRASE_ENV = "HEARTH_NEW_PASSPHRASE"  # noqa: S105
RECOVERY_KEY_ENV = "HEARTH_RECOVERY_KEY"


def is_interactive() -> bool:
    return sys.stdin.isatty()


def read_secret_file(path: Path) -> str:
    """The first line of ``path`` (a trailing newline is not part of the secret)."""
    try:
        text = path.read_text("utf-8")
    except OSError as exc:
        raise BadInput(f"Cannot read the passphrase file {path}: {exc.strerror}.") from None
    except UnicodeDecodeError:
        raise BadInput(f"The passphrase file {path} is not UTF-8 text.") from None
    return text.splitlines()[0] if text else ""


def current_passphrase(file: Path | None, member: str) -> str:
    """The passphrase that opens ``member``'s slot."""
    if file is not None:
        return read_secret_file(file)
    if PASSPHRASE_ENV in os.environ:
        return os.environ[PASSPHRASE_ENV]
    if is_interactive():
        return getpass.getpass(f"Passphrase for {member}: ")
    raise UsageError(
        f"No passphrase for {member}: type it at a terminal, set {PASSPHRASE_ENV}, or use "
        "--passphrase-file."
    )


def new_passphrase(file: Path | None, env: str, member: str) -> str:
    """A passphrase being set for ``member``: typed twice at a terminal."""
    if file is not None:
        return read_secret_file(file)
    if env in os.environ:
        return os.environ[env]
    if is_interactive():
        first = getpass.getpass(f"New passphrase for {member}: ")
        second = getpass.getpass("Type it again: ")
        if first != second:
            raise UsageError("The two passphrases are different; nothing was changed.")
        return first
    raise UsageError(
        f"No new passphrase for {member}: type it at a terminal, set {env}, or use "
        "--new-passphrase-file."
    )


def recovery_key(file: Path | None) -> str:
    if file is not None:
        return read_secret_file(file)
    if RECOVERY_KEY_ENV in os.environ:
        return os.environ[RECOVERY_KEY_ENV]
    if is_interactive():
        return getpass.getpass("Recovery key (from your recovery kit): ")
    raise UsageError(
        f"No recovery key: type it at a terminal, set {RECOVERY_KEY_ENV}, or use "
        "--recovery-key-file."
    )
