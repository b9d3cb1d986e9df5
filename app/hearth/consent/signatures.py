"""Consent records signed with the member's wallet key (EIP-712), once they have a wallet.

A record is signed by the member who made the change it records (the event's "by"), over
typed data that carries the record's id, event, time, principal, terms hash and the sha256 of
its canonical JSON (`record_digest`), so the signature covers every field of the record. The
domain names no chain and no contract: it is a statement kept in the vault and exported with
the records, not a message any contract accepts. Records made before the wallet existed stay
marked unsigned until the member signs them (`sign_my_records`), which they can do at any
time; the record itself never changes, only its signature column is filled in.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from hearth.consent.receipts import record_digest
from hearth.consent.store import member_urn
from hearth.errors import UsageError
from hearth.vault import Vault
from hearth.wallet.info import wallet_of

DOMAIN: dict[str, Any] = {"name": "Hearth consent record", "version": "1"}
TYPES: dict[str, list[dict[str, str]]] = {
    "EIP712Domain": [{"name": "name", "type": "string"}, {"name": "version", "type": "string"}],
    "ConsentRecord": [
        {"name": "recordId", "type": "string"},
        {"name": "event", "type": "string"},
        {"name": "time", "type": "string"},
        {"name": "principal", "type": "string"},
        {"name": "termsHash", "type": "bytes32"},
        {"name": "recordDigest", "type": "bytes32"},
    ],
}
SCHEME = "EIP-712"

# (domain, types, message, what it means in words) -> the 65-byte signature; the wallet's
# `Signer.sign_statement`, which asks the person first and raises UserCancelled on a no.
SignStatement = Callable[
    [Mapping[str, Any], Mapping[str, Sequence[Mapping[str, str]]], Mapping[str, Any], str], bytes
]


@dataclass(frozen=True)
class Unsigned:
    """A consent record the acting member made and has not signed yet."""

    row_id: int
    record: dict[str, Any]
    title: str  # the dataset's title, for the request in words


def typed_message(record: Mapping[str, Any]) -> dict[str, Any]:
    """The `ConsentRecord` message a wallet signs for ``record``."""
    return {
        "recordId": record["record_id"],
        "event": record["event"]["type"],
        "time": record["event"]["time"],
        "principal": record["pii_principal_id"],
        "termsHash": bytes.fromhex(str(record["policy"]["terms_hash"]).removeprefix("0x")),
        "recordDigest": hashlib.sha256(record_digest(dict(record))).digest(),
    }


def has_wallet(vault: Vault) -> bool:
    """Whether the acting member has a wallet to sign with."""
    return vault.member is not None and wallet_of(vault, vault.member) is not None


def unsigned_records(vault: Vault, dataset_id: int | None = None) -> list[Unsigned]:
    """The acting member's own records that carry no signature yet, oldest first."""
    member = vault.member
    if member is None:
        raise UsageError("Consent records are signed by a member; unlock with a passphrase.")
    me = member_urn(vault, member.id)
    sql = (
        "SELECT r.id, r.record, d.title FROM consent_records r "
        "JOIN datasets d ON d.id = r.dataset_id WHERE r.signature IS NULL"
    )
    params: tuple[Any, ...] = ()
    if dataset_id is not None:
        sql += " AND r.dataset_id = ?"
        params = (dataset_id,)
    with vault.reading() as conn:
        rows = conn.execute(sql + " ORDER BY r.id", params).fetchall()
    found = []
    for row_id, text, title in rows:
        record = json.loads(text)
        if record["event"]["by"] == me:
            found.append(Unsigned(int(row_id), record, str(title)))
    return found


def sign_my_records(
    vault: Vault, sign: SignStatement, signer: str, dataset_id: int | None = None
) -> int:
    """Sign every unsigned record of the acting member (of one dataset, or all); how many.

    Each is asked for on its own: a decline (UserCancelled) stops there and keeps what was
    signed before it.
    """
    count = 0
    for item in unsigned_records(vault, dataset_id):
        event = item.record["event"]["type"]
        version = item.record["policy"]["version"]
        signature = sign(
            DOMAIN,
            TYPES,
            typed_message(item.record),
            f"Sign your consent record for '{item.title}': terms version {version}, {event}",
        )
        stored = {"status": "signed", "scheme": SCHEME, "signer": signer,
                  "signature": "0x" + signature.hex()}  # fmt: skip
        with vault.writing() as conn:
            conn.execute(
                "UPDATE consent_records SET signature = ? WHERE id = ? AND signature IS NULL",
                (json.dumps(stored, sort_keys=True), item.row_id),
            )
            vault.audit(
                "consent.record_signed",
                {"record": item.record["record_id"], "signer": signer},
            )
        count += 1
    return count


def signer_of(record: Mapping[str, Any]) -> str | None:
    """The address that signed ``record`` as it is now, or None when it is unsigned or its
    signature does not match its content (an edited record, a signature from another one)."""
    signature = record.get("signature") or {}
    if signature.get("status") != "signed" or signature.get("scheme") != SCHEME:
        return None
    from eth_account import Account  # only when a signature is checked
    from eth_account.messages import encode_typed_data

    try:
        message = typed_message(record)
        signable = encode_typed_data(DOMAIN, {"ConsentRecord": TYPES["ConsentRecord"]}, message)
        recovered = Account.recover_message(
            signable, signature=bytes.fromhex(str(signature["signature"]).removeprefix("0x"))
        )
    except (KeyError, TypeError, ValueError):
        return None
    claimed = str(signature.get("signer", ""))
    return str(recovered) if recovered.lower() == claimed.lower() else None
