"""The wallet secret in the operating system's keyring (Keychain, Credential Locker, Secret
Service), through the `keyring` package.

One entry per member holds the whole `WalletSecret` as JSON (words, key, age identity): one
entry means one unlock prompt and no half-written wallet. It is filed under ids, never under a
person's name, so the keyring's own listing tells nobody who is in the household:

    service  "hearth:<vault id>"      user  "member-<member id>:wallet"

A keyring that cannot keep a secret (the `fail` or `null` backend of a headless machine, a
locked or absent Secret Service, a plaintext file backend) is reported as `NoUsableKeyring`,
whose sentence offers the explicit alternative: a keystore file under the member's passphrase.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

import keyring
import keyring.errors

from hearth.errors import UsageError

if TYPE_CHECKING:  # keys loads eth-account (a second): not for checking a keyring
    from hearth.wallet.keys import WalletSecret

log = logging.getLogger(__name__)

SERVICE_PREFIX = "hearth:"
# Backends that answer without keeping anything, or keep it unencrypted on disk.
_UNUSABLE_BACKENDS = {"fail.Keyring", "null.Keyring", "file.PlaintextKeyring"}


class NoUsableKeyring(UsageError):
    """No keyring on this computer can keep the wallet's secret safely."""


def entry_names(vault_id: str, member_id: int) -> tuple[str, str]:
    """The (service, user name) the member's wallet secret is filed under."""
    return f"{SERVICE_PREFIX}{vault_id}", f"member-{member_id}:wallet"


def check_usable() -> None:
    """Raise `NoUsableKeyring` unless the current keyring can store and return a secret.

    Reading a (probably absent) entry is enough to make a locked Secret Service try to unlock
    and a missing one fail, without writing anything.
    """
    backend = _backend()
    _reading(backend, "hearth:probe", "probe")


def save(vault_id: str, member_id: int, secret: WalletSecret) -> None:
    """Put ``secret`` in the keyring, replacing the member's entry, and read it back."""
    backend = _backend()
    service, user = entry_names(vault_id, member_id)
    try:
        backend.set_password(service, user, secret.to_json_bytes().decode("utf-8"))
    except keyring.errors.KeyringError as exc:
        raise _unusable(exc) from None
    # Some backends accept a write and keep nothing; find out now, not when money waits.
    if load(vault_id, member_id) != secret:
        raise NoUsableKeyring(
            "The system keyring accepted the wallet's secret but did not keep it. " + _ALTERNATIVE
        )
    log.info("wallet secret stored in the keyring for member id %s", member_id)


def load(vault_id: str, member_id: int) -> WalletSecret | None:
    """The member's wallet secret, or None when the keyring has no entry for them."""
    service, user = entry_names(vault_id, member_id)
    text = _reading(_backend(), service, user)
    from hearth.wallet.keys import WalletSecret

    return None if text is None else WalletSecret.from_json_bytes(text.encode("utf-8"))


def delete(vault_id: str, member_id: int) -> None:
    """Remove the member's entry; no entry is not an error."""
    backend = _backend()
    service, user = entry_names(vault_id, member_id)
    if _reading(backend, service, user) is None:
        return
    try:
        backend.delete_password(service, user)
    except keyring.errors.PasswordDeleteError:
        return  # gone between the read and the delete
    except keyring.errors.KeyringError as exc:
        raise _unusable(exc) from None
    log.info("wallet secret removed from the keyring for member id %s", member_id)


def backend_name() -> str:
    """The keyring backend in use, as `hearth doctor` and the report of a failure name it."""
    backend = keyring.get_keyring()
    return f"{type(backend).__module__}.{type(backend).__name__}"


_ALTERNATIVE = (
    "You can keep the wallet in a keystore file in the vault folder instead, encrypted under "
    "your passphrase (choose 'keystore file', or add --keystore-file)."
)


def _backend() -> Any:
    backend = keyring.get_keyring()
    kind = f"{type(backend).__module__.rsplit('.', 1)[-1]}.{type(backend).__name__}"
    no_chain = getattr(backend, "backends", None) == []  # a chainer with nothing to chain
    if kind in _UNUSABLE_BACKENDS or no_chain:
        raise NoUsableKeyring(
            "This computer has no usable system keyring to keep your wallet's secret. "
            + _ALTERNATIVE
        )
    return backend


def _reading(backend: Any, service: str, user: str) -> str | None:
    try:
        text = backend.get_password(service, user)
    except keyring.errors.KeyringError as exc:
        raise _unusable(exc) from None
    return None if text is None else str(text)


def _unusable(exc: Exception) -> NoUsableKeyring:
    if isinstance(exc, keyring.errors.NoKeyringError):
        problem = "This computer has no usable system keyring to keep your wallet's secret."
    elif isinstance(exc, keyring.errors.KeyringLocked | keyring.errors.InitError):
        problem = (
            "The system keyring is locked or not running (on Linux: the Secret Service, e.g. "
            "GNOME Keyring); unlock it by logging in to your desktop and try again."
        )
    else:
        problem = "The system keyring refused to keep your wallet's secret."
    log.warning("keyring %s failed: %s", backend_name(), type(exc).__name__)
    return NoUsableKeyring(f"{problem} {_ALTERNATIVE}")
