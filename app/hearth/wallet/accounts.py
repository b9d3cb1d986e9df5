"""What a member does with their wallet: create, restore, export, back up, delete; and the
two calls the layers above use to sign and to open packages (`unlock_account`,
`age_identity`). Looking at it (address, where the secret is) is `hearth.wallet.info`, which
needs neither the keyring nor eth-account.

Every call acts for the member who unlocked the vault. The vault's `wallets` table keeps only
the public half (address, age recipient, where the secret is); the secret lives in the OS
keyring (`secret_store`) or, when the member chose it, in a passphrase-encrypted keystore file
in the vault folder (`keystore_file`). Order of writes: the secret first, then the row and its
audit entry in one transaction; a failed transaction removes the secret it just wrote, so a
failure leaves either no wallet or a whole one.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from typing import Any

import pyrage  # type: ignore[import-untyped]
from eth_account import Account
from eth_account.signers.local import LocalAccount

from hearth.errors import UsageError, VaultDamaged
from hearth.vault import Member, Vault
from hearth.vault.audit import now_iso
from hearth.wallet import keystore_file, secret_store
from hearth.wallet.info import (
    MIN_KEYSTORE_PASSWORD,
    STORAGES,
    Storage,
    WalletInfo,
    acting_member,
    require_wallet,
    wallet_of,
)
from hearth.wallet.keys import (
    WalletSecret,
    keystore_json,
    new_words,
    secret_from_keystore,
    secret_from_words,
)

log = logging.getLogger(__name__)


class PassphraseNeeded(UsageError):
    """The wallet is in a keystore file, which opens only with the member's passphrase."""


# ----------------------------------------------------------------- making a wallet


def create_wallet(
    vault: Vault, words: int = 12, storage: Storage = "keyring", passphrase: str | None = None
) -> WalletInfo:
    """A new wallet for the acting member. ``passphrase`` (their vault passphrase) is needed
    only for ``storage="keystore-file"``."""
    member = acting_member(vault)
    existing = wallet_of(vault, member)
    if existing is not None:
        raise UsageError(
            f"You already have a wallet ({existing.address}); a member has one wallet."
        )
    _check_storage(vault, storage, passphrase)
    secret = secret_from_words(new_words(words))
    return _install(vault, member, secret, storage, passphrase, "wallet.created", {"words": words})


def restore_from_words(
    vault: Vault,
    words: str | Sequence[str],
    storage: Storage = "keyring",
    passphrase: str | None = None,
) -> WalletInfo:
    """Bring back a wallet from its 12 or 24 backup words (`BadInput` on a wrong checksum)."""
    member = acting_member(vault)
    text = words if isinstance(words, str) else " ".join(words)
    secret = secret_from_words(text)
    _check_storage(vault, storage, passphrase)
    return _install(
        vault, member, secret, storage, passphrase, "wallet.restored", {"from": "words"}
    )


def restore_from_keystore(
    vault: Vault,
    json_text: str,
    password: str,
    storage: Storage = "keyring",
    passphrase: str | None = None,
) -> WalletInfo:
    """Bring back a wallet from a Web3 Secret Storage file (MetaMask, geth, `export_keystore`).

    Such a file holds the key but not the words, so the wallet has no backup words afterwards.
    """
    member = acting_member(vault)
    secret = secret_from_keystore(json_text, password)
    _check_storage(vault, storage, passphrase)
    return _install(
        vault, member, secret, storage, passphrase, "wallet.restored", {"from": "keystore"}
    )


def restore_from_keyring(vault: Vault) -> WalletInfo:
    """List again a wallet whose secret is still in the keyring but which the vault forgot
    (e.g. after restoring a backup made before the wallet existed)."""
    member = acting_member(vault)
    secret = secret_store.load(vault.vault_id, member.id)
    if secret is None:
        raise UsageError("The system keyring holds no wallet for you in this vault.")
    return _install(vault, member, secret, "keyring", None, "wallet.restored", {"from": "keyring"})


# ----------------------------------------------------------------- handing it out


def export_keystore(vault: Vault, password: str, passphrase: str) -> str:
    """The account as Web3 Secret Storage JSON under a new ``password`` (MetaMask, geth).

    It hands out the key itself, so like `reveal_words` it asks for the vault passphrase
    again, even though the vault is open.
    """
    if len(password) < MIN_KEYSTORE_PASSWORD:
        raise UsageError(
            f"A keystore password needs at least {MIN_KEYSTORE_PASSWORD} characters; the file "
            "is only as safe as it."
        )
    vault.check_passphrase(passphrase)
    info = require_wallet(vault)
    secret = _load_secret(vault, info, passphrase)
    exported = keystore_json(secret, password, iterations=keystore_file.scrypt_n())
    vault.record("wallet.keystore_exported", {"address": info.address})
    return exported


def reveal_words(vault: Vault, passphrase: str) -> list[str]:
    """The backup words, after checking the member's vault passphrase again."""
    vault.check_passphrase(passphrase)
    info = require_wallet(vault)
    secret = _load_secret(vault, info, passphrase)
    if secret.mnemonic is None:
        raise UsageError(
            "This wallet was restored from a keystore file, so it has no backup words; keep an "
            "exported keystore file as its backup instead ('hearth wallet export')."
        )
    vault.record("wallet.words_shown", {"address": info.address})
    return secret.mnemonic.split()


def mark_words_confirmed(vault: Vault) -> None:
    """Note that the member wrote the words down and answered the quiz."""
    info = require_wallet(vault)
    member = acting_member(vault)
    with vault.writing() as conn:
        conn.execute("UPDATE wallets SET words_shown = 1 WHERE member_id = ?", (member.id,))
        vault.audit("wallet.words_confirmed", {"address": info.address})


def delete_wallet(vault: Vault) -> None:
    """Forget the member's wallet: the row, then the secret (keyring entry or file).

    The row goes first: should removing the secret then fail, the secret survives (and
    `restore_from_keyring` can list it again) instead of a row whose key is gone.
    """
    member = acting_member(vault)
    info = require_wallet(vault)
    with vault.writing() as conn:
        conn.execute("DELETE FROM wallets WHERE member_id = ?", (member.id,))
        vault.audit("wallet.deleted", {"address": info.address, "storage": info.storage})
    _remove_secret(vault, member, info.storage)
    log.info("wallet deleted for member id %s", member.id)


def rewrap_keystore_file(vault: Vault, old_passphrase: str, new_passphrase: str) -> None:
    """After the member changed their vault passphrase, encrypt their keystore-file wallet
    under the new one (a keyring wallet needs nothing). Checks the new one against the vault."""
    info = require_wallet(vault)
    if info.storage != "keystore-file":
        return
    vault.check_passphrase(new_passphrase)
    member = acting_member(vault)
    secret = _load_secret(vault, info, old_passphrase)
    keystore_file.write(
        vault.path,
        vault_id=vault.vault_id,
        member_id=member.id,
        secret=secret,
        passphrase=new_passphrase,
    )
    vault.record("wallet.file_rewrapped", {"address": info.address})


# ----------------------------------------------------------------- for the layers above


def unlock_account(vault: Vault, passphrase: str | None = None) -> LocalAccount:
    """The acting member's account, for the Signer. A keystore-file wallet needs the
    member's ``passphrase`` (`PassphraseNeeded` otherwise); a keyring wallet does not."""
    info = require_wallet(vault)
    member = acting_member(vault)
    if info.storage == "keystore-file":
        key = keystore_file.read_private_key(
            vault.path,
            vault_id=vault.vault_id,
            member_id=member.id,
            passphrase=_need(passphrase),
        )
        account: LocalAccount = Account.from_key(key)
    else:
        account = _load_secret(vault, info, passphrase).account()
    if account.address != info.address:
        raise _mismatch(info)
    return account


def age_identity(vault: Vault, passphrase: str | None = None) -> Any:
    """The acting member's age X25519 identity (`pyrage.x25519.Identity`), to open packages
    bought for them. Passphrase as for `unlock_account`."""
    info = require_wallet(vault)
    return pyrage.x25519.Identity.from_str(_load_secret(vault, info, passphrase).age_identity)


# ----------------------------------------------------------------- helpers


def _check_storage(vault: Vault, storage: Storage, passphrase: str | None) -> None:
    """Refuse early (before any key is made) what the chosen storage cannot do."""
    if storage not in STORAGES:
        raise UsageError("A wallet is kept in the system keyring or in a keystore file.")
    if storage == "keystore-file":
        vault.check_passphrase(_need(passphrase))
    else:
        secret_store.check_usable()


def _install(
    vault: Vault,
    member: Member,
    secret: WalletSecret,
    storage: Storage,
    passphrase: str | None,
    action: str,
    details: dict[str, Any],
) -> WalletInfo:
    existing = wallet_of(vault, member)
    # Restoring the wallet the vault already lists puts its secret back (a new computer, a
    # wiped keyring); restoring a different one would hide the listed one's money.
    if existing is not None and existing.address != secret.address:
        raise UsageError(
            f"You already have a wallet ({existing.address}); delete it first with "
            "'hearth wallet delete' if you really mean to replace it."
        )
    with vault.reading() as conn:
        taken = conn.execute(
            "SELECT member_id FROM wallets WHERE address = ? AND member_id != ?",
            (secret.address, member.id),
        ).fetchone()
    if taken is not None:
        raise UsageError("That wallet already belongs to another member of this vault.")
    stored_before = _stored_secret(vault, member, storage, passphrase)
    if stored_before is not None and stored_before.address != secret.address:
        how = "'hearth wallet restore --from-keyring'" if storage == "keyring" else "its words"
        raise UsageError(
            f"The {_storage_words(storage)} already holds another wallet of yours "
            f"({stored_before.address}) that this vault does not list. Bring it back with {how} "
            "instead of replacing it."
        )
    if stored_before is not None and secret.mnemonic is None:
        secret = stored_before  # a keystore brings no words: keep the ones already stored
    _save_secret(vault, member, secret, storage, passphrase)
    created_at = existing.created_at if existing else now_iso()
    try:
        with vault.writing() as conn:
            conn.execute(
                "INSERT INTO wallets (member_id, address, age_recipient, storage, created_at, "
                "words_shown) VALUES (?, ?, ?, ?, ?, 0) ON CONFLICT (member_id) DO UPDATE SET "
                "storage = excluded.storage",
                (member.id, secret.address, secret.age_recipient, storage, created_at),
            )
            vault.audit(action, {"address": secret.address, "storage": storage, **details})
    except BaseException:
        if stored_before is None:
            _remove_secret(vault, member, storage)
        raise
    if existing is not None and existing.storage != storage:
        _remove_secret(vault, member, existing.storage)
    log.info("%s for member id %s: %s (%s)", action, member.id, secret.address, storage)
    info = wallet_of(vault, member)
    assert info is not None
    return info


def _stored_secret(
    vault: Vault, member: Member, storage: Storage, passphrase: str | None
) -> WalletSecret | None:
    """What ``storage`` already holds for the member, whether or not the vault lists it."""
    if storage == "keyring":
        return secret_store.load(vault.vault_id, member.id)
    if not keystore_file.exists(vault.path, member.id):
        return None
    return keystore_file.read_secret(
        vault.path, vault_id=vault.vault_id, member_id=member.id, passphrase=_need(passphrase)
    )


def _save_secret(
    vault: Vault, member: Member, secret: WalletSecret, storage: Storage, passphrase: str | None
) -> None:
    if storage == "keyring":
        secret_store.save(vault.vault_id, member.id, secret)
    else:
        keystore_file.write(
            vault.path,
            vault_id=vault.vault_id,
            member_id=member.id,
            secret=secret,
            passphrase=_need(passphrase),
        )


def _load_secret(vault: Vault, info: WalletInfo, passphrase: str | None) -> WalletSecret:
    member = acting_member(vault)
    if info.storage == "keystore-file":
        secret = keystore_file.read_secret(
            vault.path, vault_id=vault.vault_id, member_id=member.id, passphrase=_need(passphrase)
        )
    else:
        found = secret_store.load(vault.vault_id, member.id)
        if found is None:
            raise UsageError(
                f"Your wallet's secret ({info.address}) is not in this computer's system "
                "keyring (a new computer, or a cleared keyring?). Restore it from your backup "
                "words with 'hearth wallet restore'."
            )
        secret = found
    if secret.address != info.address:
        raise _mismatch(info)
    return secret


def _remove_secret(vault: Vault, member: Member, storage: Storage) -> None:
    if storage == "keyring":
        secret_store.delete(vault.vault_id, member.id)
    else:
        keystore_file.delete(vault.path, member.id)


def _mismatch(info: WalletInfo) -> VaultDamaged:
    where = _storage_words(info.storage)
    return VaultDamaged(
        f"The wallet secret in the {where} is not the one for {info.address} that the vault "
        "lists; restore the right one from its backup words.",
        file="vault.db",
    )


def _storage_words(storage: Storage) -> str:
    return "system keyring" if storage == "keyring" else "keystore file"


def _need(passphrase: str | None) -> str:
    if passphrase is None:
        raise PassphraseNeeded(
            "Your wallet is kept in a keystore file protected by your passphrase; give your "
            "passphrase to use it."
        )
    return passphrase
