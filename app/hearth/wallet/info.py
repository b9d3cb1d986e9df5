"""The public half of a member's wallet, as the vault's `wallets` table keeps it: whether
there is one, its address and age recipient, and where its secret lives.

Apart from `accounts` (which makes, restores and opens wallets) because reading it needs
neither the keyring nor eth-account, and loading those takes about a second: the windows and
commands that only show a wallet, or ask whether there is one, start without them.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

from eth_typing import ChecksumAddress

from hearth.errors import NotAllowed, UsageError
from hearth.vault import Member, Vault
from hearth.vault.members import find_member

Storage = Literal["keyring", "keystore-file"]
STORAGES: tuple[Storage, ...] = ("keyring", "keystore-file")
MIN_KEYSTORE_PASSWORD = 8


@dataclass(frozen=True)
class WalletInfo:
    """The public half of a member's wallet, as the vault keeps it."""

    member: str
    address: ChecksumAddress
    age_recipient: str
    storage: Storage
    created_at: str
    words_confirmed: bool

    def to_json(self) -> dict[str, Any]:
        return {
            "member": self.member,
            "address": self.address,
            "age_recipient": self.age_recipient,
            "storage": self.storage,
            "created_at": self.created_at,
            "words_confirmed": self.words_confirmed,
        }


class NoWallet(UsageError):
    """The member has no wallet yet."""


def wallet_info(vault: Vault, member: str | None = None) -> WalletInfo | None:
    """The public half of ``member``'s wallet (default: the acting member), or None."""
    if member is None:
        return wallet_of(vault, acting_member(vault))
    with vault.reading() as conn:
        found = find_member(conn, member)
    return wallet_of(vault, found)


def require_wallet(vault: Vault) -> WalletInfo:
    """The acting member's wallet; `NoWallet` when they have none."""
    info = wallet_of(vault, acting_member(vault))
    if info is None:
        raise NoWallet("You have no wallet yet. Create one with 'hearth wallet create'.")
    return info


def acting_member(vault: Vault) -> Member:
    """The member who unlocked the vault: a wallet is always someone's own."""
    if vault.member is None:
        raise NotAllowed("Unlock with your own passphrase to use a wallet.")
    return vault.member


def wallet_of(vault: Vault, member: Member) -> WalletInfo | None:
    with vault.reading() as conn:
        row = conn.execute(
            "SELECT address, age_recipient, storage, created_at, words_shown FROM wallets "
            "WHERE member_id = ?",
            (member.id,),
        ).fetchone()
    if row is None:
        return None
    return WalletInfo(member.name, row[0], row[1], row[2], row[3], bool(row[4]))
