"""The `hearth` command line: thin, it parses, calls the core, and prints.

Exit codes (also in docs/cli.md): 0 ok, 1 unexpected, 2 usage or missing vault, 3 wrong
passphrase, 4 bad input file, 5 vault in use, 6 vault damaged, 7 chain or network error,
8 refused by consent policy, 9 cancelled.
"""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Sequence
from pathlib import Path

from hearth import __version__
from hearth.cli import (
    consent_command,
    import_command,
    market_command,
    network_command,
    output,
    package_command,
    wallet_command,
)
from hearth.cli.commands import COMMANDS, add_subcommands
from hearth.errors import HearthError, UserCancelled, UserFacingError, VaultDamaged
from hearth.logs import log_file, setup_logging
from hearth.paths import default_vault_path
from hearth.vault.advice import damage_sentence

log = logging.getLogger("hearth.cli")
_ = import_command  # registers `hearth import`


class _Parser(argparse.ArgumentParser):
    """argparse that reports a usage error as one sentence and exit code 2."""

    def error(self, message: str) -> None:  # type: ignore[override]
        sys.stderr.write(f"{message[0].upper()}{message[1:]}. See 'hearth --help'.\n")
        raise SystemExit(2)


def common_options() -> argparse.ArgumentParser:
    """Options accepted before or after the command (`--json datasets` = `datasets --json`)."""
    shared = argparse.ArgumentParser(add_help=False)
    shared.add_argument(
        "--vault",
        type=Path,
        default=argparse.SUPPRESS,
        metavar="DIR",
        help="the vault folder (default: $HEARTH_VAULT or your data folder)",
    )
    shared.add_argument(
        "--member",
        default=argparse.SUPPRESS,
        metavar="NAME",
        help="who is acting (default: the owner, or the only member)",
    )
    shared.add_argument(
        "--passphrase-file",
        type=Path,
        default=argparse.SUPPRESS,
        metavar="FILE",
        help="read the passphrase from the first line of FILE",
    )
    shared.add_argument(
        "--recovery-key-file",
        type=Path,
        default=argparse.SUPPRESS,
        metavar="FILE",
        help="unlock with the recovery key in FILE instead of a passphrase",
    )
    shared.add_argument(
        "--json",
        action="store_true",
        default=argparse.SUPPRESS,
        help="print one JSON document on stdout",
    )
    return shared


def build_parser() -> argparse.ArgumentParser:
    shared = common_options()
    parser = _Parser(
        prog="hearth",
        parents=[shared],
        description="Hearth keeps your household's exported data in an encrypted vault. "
        "Run 'hearth' with no command to open the app.",
    )
    parser.add_argument("--version", action="version", version=f"hearth {__version__}")
    add_subcommands(parser, shared)
    # Commands kept in their own modules declare their words under the same COMMAND list.
    subcommands = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    consent_command.add_parsers(subcommands, shared)
    package_command.add_parsers(subcommands, shared)
    network_command.add_parsers(subcommands, shared)
    wallet_command.add_parsers(subcommands, shared)
    market_command.add_parsers(subcommands, shared)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command; returns the exit code."""
    parser = build_parser()
    args = parser.parse_args(argv)
    args.vault = getattr(args, "vault", None) or default_vault_path()
    args.json = getattr(args, "json", False)
    for name in ("member", "passphrase_file", "recovery_key_file"):
        setattr(args, name, getattr(args, name, None))
    if getattr(args, "command", None) is None:
        parser.print_help(sys.stderr)
        return 2
    try:
        return COMMANDS[args.command](args)
    except (UserCancelled, KeyboardInterrupt) as exc:
        return _fail(args, UserCancelled.exit_code, "Cancelled.", exc)
    except VaultDamaged as exc:
        return _fail(args, exc.exit_code, damage_sentence(exc, args.vault), exc)
    except UserFacingError as exc:
        return _fail(args, exc.exit_code, str(exc), exc)
    except HearthError as exc:
        return _fail(args, exc.exit_code, str(exc) or "Something went wrong.", exc)
    except Exception:
        setup_logging()
        log.exception("unexpected error in 'hearth %s'", args.command)
        return _fail(args, 1, f"Something went wrong. Details were written to {log_file()}.")


def _fail(
    args: argparse.Namespace, code: int, sentence: str, error: BaseException | None = None
) -> int:
    sys.stderr.write(sentence + "\n")
    if args.json:
        done = output.completed(error) if error is not None else {}
        output.emit_json({"error": {"message": sentence, "exit_code": code}, **done})
    return code
