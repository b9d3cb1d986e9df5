"""`hearth wallet create|restore|show|export|words|delete`: the acting member's wallet.

Secrets never come from the command line's arguments (they would stay in the shell history and
in `ps`): backup words come from a file or a hidden prompt, keystore passwords from
``HEARTH_KEYSTORE_PASSWORD`` or a hidden prompt. Wallet commands unlock with the member's own
passphrase, which a keystore-file wallet also opens with.
"""

from __future__ import annotations

import argparse
import getpass
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from hearth.atomic import write_atomically
from hearth.cli import output, passphrases
from hearth.cli.commands import acting_member, command, confirm
from hearth.errors import BadInput, ChainError, UsageError
from hearth.vault import Vault

if TYPE_CHECKING:
    from hearth.wallet.info import Storage, WalletInfo

# The wallet layer (eth-account, web3) is imported inside each command: it takes seconds to
# load, and every other `hearth` command should not pay for it.

# The name of an environment variable, not a secret.
KEYSTORE_PASSWORD_ENV = "HEARTH_KEYSTORE_PASSWORD"  # noqa: S105
_STORAGE_WORDS = {"keyring": "the system keyring", "keystore-file": "a keystore file"}
_CLEAR_SCREEN = "\033[2J\033[3J\033[H"  # screen and scroll-back, so the words do not linger


def add_parsers(
    sub: argparse._SubParsersAction[argparse.ArgumentParser], shared: argparse.ArgumentParser
) -> None:
    """Declare `hearth wallet ...` under the command list."""
    wallet_p = sub.add_parser("wallet", help="your wallet: create, restore, show, export, words")
    wallet_sub = wallet_p.add_subparsers(
        dest="wallet_command", metavar="ACTION", required=True, parser_class=type(wallet_p)
    )

    def add(name: str, help_text: str, *more: argparse.ArgumentParser) -> argparse.ArgumentParser:
        p = wallet_sub.add_parser(
            name, parents=[shared, *more], help=help_text, description=help_text
        )
        p.set_defaults(command=f"wallet {name}")
        return p

    storage = argparse.ArgumentParser(add_help=False)
    storage.add_argument(
        "--keystore-file",
        action="store_true",
        help="keep the secret in a file in the vault folder, encrypted under your passphrase, "
        "instead of the system keyring (for computers without one)",
    )

    create_p = add("create", "make a new wallet (12 or 24 backup words)", storage)
    create_p.add_argument("--words", type=int, choices=(12, 24), default=12)

    restore_p = add("restore", "bring back a wallet from its words or a keystore file", storage)
    source = restore_p.add_mutually_exclusive_group()
    source.add_argument(
        "--words-file", type=Path, metavar="FILE", help="read the backup words from FILE"
    )
    source.add_argument(
        "--keystore",
        type=Path,
        metavar="FILE",
        help=f"a Web3 keystore JSON file (password from ${KEYSTORE_PASSWORD_ENV} or a prompt)",
    )
    source.add_argument(
        "--from-keyring",
        action="store_true",
        help="list again a wallet the system keyring still holds but the vault forgot",
    )

    add("show", "your address, age recipient and balance")

    export_p = add("export", "write your key as a keystore file MetaMask and geth import")
    export_p.add_argument("--out", type=Path, metavar="FILE", required=True)

    add("words", "show your backup words once, then ask three of them back")

    delete_p = add("delete", "remove your wallet from this vault and the keyring")
    delete_p.add_argument("--yes", action="store_true", help="do not ask for confirmation")


# ----------------------------------------------------------------- commands


@command("wallet create")
def wallet_create(args: argparse.Namespace) -> int:
    from hearth.wallet import accounts

    vault, passphrase = _open(args)
    with vault:
        info = accounts.create_wallet(
            vault, words=args.words, storage=_storage(args), passphrase=passphrase
        )
    return _finish(
        args,
        info,
        f"Created a wallet for {info.member}: {info.address}\n"
        "Write down its backup words now with 'hearth wallet words': without them, a lost "
        "computer means lost money.",
    )


@command("wallet restore")
def wallet_restore(args: argparse.Namespace) -> int:
    from hearth.wallet import accounts

    # Secrets first, so that a bad file is refused before the passphrase is asked for.
    words = keystore = password = None
    if args.keystore is not None:
        keystore = _read_text(args.keystore, "keystore file")
        password = _keystore_password(new=False)
    elif not args.from_keyring:
        words = _backup_words(args.words_file)
    vault, passphrase = _open(args)
    with vault:
        storage = _storage(args)
        if keystore is not None and password is not None:
            info = accounts.restore_from_keystore(vault, keystore, password, storage, passphrase)
        elif words is not None:
            info = accounts.restore_from_words(vault, words, storage, passphrase)
        else:
            info = accounts.restore_from_keyring(vault)
    sentence = f"Restored the wallet {info.address} for {info.member}."
    if args.words_file is not None:
        sentence += f"\n{args.words_file} holds your backup words in plain text: delete it now."
    return _finish(args, info, sentence)


@command("wallet show")
def wallet_show(args: argparse.Namespace) -> int:
    from hearth.wallet.info import require_wallet

    vault, _passphrase = _open(args)
    with vault:
        info = require_wallet(vault)
        chain = _chain_facts(vault)
    if args.json:
        output.emit_json(
            {
                "address": info.address,
                "age_recipient": info.age_recipient,
                "balance_wei": chain["balance_wei"],
                "network": chain["network"],
                "balance_problem": chain["problem"],
                "storage": info.storage,
                "words_confirmed": info.words_confirmed,
                "member": info.member,
            }
        )
        return 0
    network = chain["network"]
    lines = [
        f"Wallet of {info.member}",
        f"  address        {info.address}",
        f"  age recipient  {info.age_recipient}",
        f"  kept in        {_STORAGE_WORDS[info.storage]}",
        f"  network        {network['title']}",
        f"  balance        {chain['balance_text']}",
    ]
    if chain["problem"]:
        lines.append(f"  ({chain['problem']})")
    if not info.words_confirmed:
        lines.append("Your backup words are not written down yet: run 'hearth wallet words'.")
    output.say("\n".join(lines))
    return 0


@command("wallet export")
def wallet_export(args: argparse.Namespace) -> int:
    from hearth.wallet import accounts
    from hearth.wallet.info import require_wallet

    out: Path = args.out
    if out.exists():
        raise UsageError(f"{out} already exists; choose a new file for the keystore.")
    password = _keystore_password(new=True)
    vault, passphrase = _open(args)
    with vault:
        info = require_wallet(vault)
        exported = accounts.export_keystore(vault, password, passphrase)
    write_atomically(out, exported.encode("utf-8"))
    address = info.address
    return output.finish(
        args.json,
        {"keystore": str(out), "address": address},
        f"Wrote the keystore of {address} to {out}. It opens with the password you just chose; "
        "keep both apart.",
    )


@command("wallet words")
def wallet_words(args: argparse.Namespace) -> int:
    from hearth.wallet import accounts
    from hearth.wallet.backup_quiz import quiz_passed, quiz_positions

    if args.json:
        raise UsageError(
            "'hearth wallet words' shows your backup words only to a person, not as JSON."
        )
    if not (sys.stdin.isatty() and sys.stdout.isatty()):
        raise UsageError(
            "'hearth wallet words' shows your backup words only at a terminal, where you can "
            "write them down."
        )
    vault, passphrase = _open(args)
    with vault:
        words = accounts.reveal_words(vault, passphrase)
        output.say(
            "Write these words down, in order, on paper. Anyone who sees them can take your "
            "money; nobody from Hearth will ever ask for them.\n"
        )
        rows = (len(words) + 2) // 3
        for row in range(rows):
            cells = [
                f"{i + 1:>2}. {words[i]:<10}"
                for i in range(row, len(words), rows)
                if i < len(words)
            ]
            output.say("   ".join(cells).rstrip())
        input("\nPress Enter when they are written down (the screen will be cleared). ")
        sys.stdout.write(_CLEAR_SCREEN)
        sys.stdout.flush()
        answers: dict[int, str] = {}
        for position in quiz_positions(len(words)):
            answers[position] = input(f"Word {position}: ")
        if not quiz_passed(" ".join(words), answers):
            raise UsageError(
                "That does not match your words, so they are not marked as written down; run "
                "'hearth wallet words' again."
            )
        accounts.mark_words_confirmed(vault)
    output.say("Correct. Keep the paper somewhere safe, away from this computer.")
    return 0


@command("wallet delete")
def wallet_delete(args: argparse.Namespace) -> int:
    from hearth.wallet import accounts
    from hearth.wallet.info import NoWallet, wallet_info

    vault, _passphrase = _open(args)
    with vault:
        info = wallet_info(vault)
        if info is None:
            raise NoWallet("You have no wallet in this vault.")
        confirm(
            args,
            f"Delete the wallet {info.address}? Without its backup words or an exported "
            "keystore file, the money in it is lost for good.",
        )
        accounts.delete_wallet(vault)
    return output.finish(
        args.json, {"deleted": info.address}, f"Deleted the wallet {info.address}."
    )


# ----------------------------------------------------------------- shared steps


def _open(args: argparse.Namespace) -> tuple[Vault, str]:
    """Unlock as the acting member and keep the passphrase for a keystore-file wallet."""
    if args.recovery_key_file is not None:
        raise UsageError(
            "Wallet commands act for a member: unlock with your own passphrase, not the "
            "recovery key."
        )
    member = acting_member(args)
    passphrase = passphrases.current_passphrase(args.passphrase_file, member)
    return Vault.unlock(args.vault, member, passphrase), passphrase


def _storage(args: argparse.Namespace) -> Storage:
    return "keystore-file" if args.keystore_file else "keyring"


def _finish(args: argparse.Namespace, info: WalletInfo, sentence: str) -> int:
    return output.finish(args.json, info.to_json(), sentence)


def _read_text(path: Path, what: str) -> str:
    try:
        return path.read_text("utf-8")
    except OSError as exc:
        raise BadInput(f"Cannot read the {what} {path}: {exc.strerror}.") from None
    except UnicodeDecodeError:
        raise BadInput(f"The {what} {path} is not UTF-8 text.") from None


def _backup_words(file: Path | None) -> str:
    if file is not None:
        return _read_text(file, "words file")
    if passphrases.is_interactive():
        return getpass.getpass("Your 12 or 24 backup words, separated by spaces (not shown): ")
    raise UsageError(
        "No backup words: type them at a terminal or give --words-file FILE (never on the "
        "command line itself)."
    )


def _keystore_password(*, new: bool) -> str:
    if KEYSTORE_PASSWORD_ENV in os.environ:
        return os.environ[KEYSTORE_PASSWORD_ENV]
    if not passphrases.is_interactive():
        raise UsageError(
            f"No keystore password: type it at a terminal or set {KEYSTORE_PASSWORD_ENV}."
        )
    if not new:
        return getpass.getpass("The keystore file's password: ")
    first = getpass.getpass("A new password for the keystore file: ")
    if getpass.getpass("Type it again: ") != first:
        raise UsageError("The two passwords are different; nothing was written.")
    return first


def _chain_facts(vault: Vault) -> dict[str, Any]:
    """The network and the balance there, asked as the Wallet page asks it (so the built-in
    sandbox answers too); a node that does not answer leaves the balance unknown (with the
    reason) instead of failing `show`."""
    from hearth.market.balance import wallet_balance
    from hearth.wallet import networks
    from hearth.wallet.amounts import amount_text

    network = networks.current_network(vault)
    facts: dict[str, Any] = {
        "network": {
            "name": network.name,
            "title": network.title,
            "chain_id": network.chain_id,
            "currency": network.currency.symbol,
        },
        "balance_wei": None,
        "balance_text": "unknown",
        "problem": None,
    }
    try:
        wei = wallet_balance(vault).wei
    except ChainError as exc:
        facts["problem"] = str(exc)
    else:
        currency = network.currency
        facts["balance_wei"] = wei
        facts["balance_text"] = amount_text(wei, currency.decimals, currency.symbol)
    return facts
