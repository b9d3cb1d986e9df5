"""The explicit fallback when no keyring works: the wallet in a file in the vault folder,
encrypted under the member's passphrase.

`wallet-member-<id>.json` holds two encrypted parts, each behind its own scrypt derivation:

- ``keystore``: the account key as a standard Web3 Secret Storage v3 object (what MetaMask and
  geth import), so signing needs only the usual keystore decryption;
- ``secret``: the whole `WalletSecret` (words, key, age identity) under AES-256-GCM with a key
  from scrypt; the file's vault id, member id and address are its associated data, so a file
  copied to another member or vault does not open there.

The file is written atomically with mode 0600 and is never created unless the person chose it.
"""

from __future__ import annotations

import base64
import contextlib
import json
import os
from pathlib import Path
from typing import Any

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.scrypt import Scrypt
from eth_account import Account

from hearth.atomic import fsync_directory, write_atomically
from hearth.errors import VaultDamaged, WrongPassphrase
from hearth.vault.keyslots import UNSAFE_FAST_KDF_ENV, canonical_json, passphrase_secret
from hearth.wallet.keys import WalletSecret, secret_from_private_key

FORMAT = "hearth-wallet-keystore"
VERSION = 1
# geth's "standard" scrypt cost (256 MiB, about a second); tests use the documented unsafe cost.
SCRYPT_N = 1 << 18
UNSAFE_TEST_SCRYPT_N = 1 << 10
SCRYPT_R = 8
SCRYPT_P = 1


def file_name(member_id: int) -> str:
    return f"wallet-member-{member_id}.json"


def path_for(vault_path: Path, member_id: int) -> Path:
    return vault_path / file_name(member_id)


def exists(vault_path: Path, member_id: int) -> bool:
    return path_for(vault_path, member_id).exists()


def write(
    vault_path: Path, *, vault_id: str, member_id: int, secret: WalletSecret, passphrase: str
) -> Path:
    """Write the member's wallet file (replacing any), encrypted under ``passphrase``."""
    n = scrypt_n()
    password = passphrase_secret(passphrase).decode("utf-8")
    keystore = Account.encrypt(secret.private_key, password, kdf="scrypt", iterations=n)
    kdf = {"name": "scrypt", "n": n, "r": SCRYPT_R, "p": SCRYPT_P, "salt": _b64(os.urandom(16))}
    header = _header(vault_id, member_id, secret.address)
    nonce = os.urandom(12)
    ciphertext = AESGCM(_derive(passphrase, kdf)).encrypt(
        nonce, secret.to_json_bytes(), _associated_data(header, kdf)
    )
    body = {
        **header,
        "keystore": keystore,
        "secret": {"kdf": kdf, "nonce": _b64(nonce), "ciphertext": _b64(ciphertext)},
    }
    target = path_for(vault_path, member_id)
    write_atomically(target, json.dumps(body, indent=2, sort_keys=True).encode("utf-8") + b"\n")
    return target


def read_private_key(vault_path: Path, *, vault_id: str, member_id: int, passphrase: str) -> bytes:
    """The account key only (one scrypt derivation): what signing needs."""
    body = _read(vault_path, vault_id, member_id)
    password = passphrase_secret(passphrase).decode("utf-8")
    try:
        key = bytes(Account.decrypt(body["keystore"], password))
    except ValueError as exc:
        if "MAC mismatch" in str(exc):
            raise _wrong_passphrase() from None
        raise _damaged(member_id) from None
    except (KeyError, TypeError):
        raise _damaged(member_id) from None
    if secret_from_private_key(key).address != body["address"]:
        raise _damaged(member_id)
    return key


def read_secret(
    vault_path: Path, *, vault_id: str, member_id: int, passphrase: str
) -> WalletSecret:
    """The whole wallet secret (words and age identity included)."""
    body = _read(vault_path, vault_id, member_id)
    header = _header(vault_id, member_id, body["address"])
    try:
        part = body["secret"]
        kdf = part["kdf"]
        key = _derive(passphrase, kdf)
        nonce, ciphertext = _unb64(part["nonce"]), _unb64(part["ciphertext"])
    except (KeyError, TypeError, ValueError):
        raise _damaged(member_id) from None
    try:
        plain = AESGCM(key).decrypt(nonce, ciphertext, _associated_data(header, kdf))
    except InvalidTag:
        # The Web3 keystore's MAC tells a wrong passphrase from a damaged file.
        read_private_key(vault_path, vault_id=vault_id, member_id=member_id, passphrase=passphrase)
        raise _damaged(member_id) from None
    secret = WalletSecret.from_json_bytes(plain)
    if secret.address != body["address"]:
        raise _damaged(member_id)
    return secret


def delete(vault_path: Path, member_id: int) -> None:
    with contextlib.suppress(FileNotFoundError):
        path_for(vault_path, member_id).unlink()
        fsync_directory(vault_path)


def _read(vault_path: Path, vault_id: str, member_id: int) -> dict[str, Any]:
    path = path_for(vault_path, member_id)
    try:
        body = json.loads(path.read_bytes().decode("utf-8"))
    except FileNotFoundError:
        raise VaultDamaged(
            f"{path.name} is missing from the vault folder, so this wallet cannot be opened.",
            file=path.name,
        ) from None
    except (ValueError, UnicodeDecodeError):
        raise _damaged(member_id) from None
    if not isinstance(body, dict) or body.get("format") != FORMAT:
        raise _damaged(member_id)
    if body.get("version", 0) > VERSION:
        raise VaultDamaged(
            f"{path.name} was written by a newer Hearth; update Hearth to open this wallet.",
            file=path.name,
        )
    if body.get("vault_id") != vault_id or body.get("member_id") != member_id:
        raise VaultDamaged(
            f"{path.name} belongs to another vault or member; it was copied here by mistake.",
            file=path.name,
        )
    return body


def _header(vault_id: str, member_id: int, address: str) -> dict[str, Any]:
    return {
        "format": FORMAT,
        "version": VERSION,
        "vault_id": vault_id,
        "member_id": member_id,
        "address": address,
    }


def _associated_data(header: dict[str, Any], kdf: dict[str, Any]) -> bytes:
    return canonical_json({**header, "kdf": kdf})


def _derive(passphrase: str, kdf: dict[str, Any]) -> bytes:
    # Bounded so that an edited file cannot ask for gigabytes of memory.
    if kdf.get("name") != "scrypt" or not UNSAFE_TEST_SCRYPT_N <= int(kdf["n"]) <= 1 << 20:
        raise ValueError("unknown key derivation")
    return Scrypt(
        salt=_unb64(kdf["salt"]), length=32, n=int(kdf["n"]), r=int(kdf["r"]), p=int(kdf["p"])
    ).derive(passphrase_secret(passphrase))


def scrypt_n() -> int:
    return UNSAFE_TEST_SCRYPT_N if os.environ.get(UNSAFE_FAST_KDF_ENV) == "1" else SCRYPT_N


def _wrong_passphrase() -> WrongPassphrase:
    return WrongPassphrase(
        "Wrong passphrase for your wallet file (it opens with the passphrase you had when the "
        "wallet was created or last saved)."
    )


def _damaged(member_id: int) -> VaultDamaged:
    name = file_name(member_id)
    return VaultDamaged(f"{name} is damaged and cannot be read.", file=name)


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _unb64(text: str) -> bytes:
    return base64.b64decode(text.encode("ascii"), validate=True)
