"""Signing consent records from the command line: right after `consent set|approve|withdraw`,
and later with `consent sign` for records made before the wallet (or left unsigned).

A record is signed only when the member has a wallet and approves the request, at the
terminal or with --yes; otherwise it is kept unsigned, marked so, and the command says how to
sign it later. The wallet layer (web3, the keyring) is loaded only when there is a wallet.
"""

from __future__ import annotations

import argparse
import sys
from typing import Literal

from hearth.cli import output, passphrases
from hearth.cli.commands import acting_member, command
from hearth.consent import signatures
from hearth.errors import UserCancelled
from hearth.vault import Vault

SignatureState = Literal["signed", "unsigned", "no wallet"]


def unlock(args: argparse.Namespace) -> tuple[Vault, str | None]:
    """Unlock as `open_vault` does, keeping the member's passphrase for a keystore-file
    wallet (asked once, not again when signing). With the recovery key there is none."""
    if args.recovery_key_file is not None:
        vault = Vault.unlock_with_recovery_key(
            args.vault, passphrases.recovery_key(args.recovery_key_file)
        )
        return vault, None
    member = acting_member(args)
    passphrase = passphrases.current_passphrase(args.passphrase_file, member)
    return Vault.unlock(args.vault, member, passphrase), passphrase


def sign_new_records(
    vault: Vault, args: argparse.Namespace, passphrase: str | None, dataset_id: int
) -> SignatureState:
    """Offer to sign the acting member's unsigned records of ``dataset_id``; what became of
    them. Says on stderr (never stdout, which may carry JSON) why a record stays unsigned."""
    if vault.member is None or not signatures.has_wallet(vault):
        return "no wallet"
    if not (args.yes or passphrases.is_interactive()):
        _later(dataset_id, "there is no terminal to ask at and --yes was not given")
        return "unsigned"
    try:
        _sign(vault, args, passphrase, dataset_id)
    except UserCancelled:
        _later(dataset_id, "you did not approve the signature")
        return "unsigned"
    return "signed"


def _sign(
    vault: Vault, args: argparse.Namespace, passphrase: str | None, dataset_id: int | None
) -> int:
    from hearth.cli.approve import approver
    from hearth.wallet.signer import statement_signer

    signer = statement_signer(vault, approver(args.yes), passphrase)
    return signatures.sign_my_records(vault, signer.sign_statement, signer.address, dataset_id)


def _later(dataset_id: int, why: str) -> None:
    sys.stderr.write(
        f"The consent record is kept unsigned ({why}); sign it later with "
        f"'hearth consent sign {dataset_id}'.\n"
    )


@command("consent sign")
def consent_sign(args: argparse.Namespace) -> int:
    from hearth.cli.consent_command import resolve_dataset

    vault, passphrase = unlock(args)
    with vault:
        dataset_id = None if args.dataset is None else resolve_dataset(vault, args.dataset)
        waiting = len(signatures.unsigned_records(vault, dataset_id))
        signed = _sign(vault, args, passphrase, dataset_id) if waiting else 0
    message = (
        f"Signed {signed} consent record(s) with your wallet."
        if signed
        else "All your consent records are signed already."
    )
    return output.finish(args.json, {"signed": signed}, message)
