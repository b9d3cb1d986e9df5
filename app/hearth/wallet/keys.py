"""A member's wallet keys: the backup words, the Ethereum account and the age identity.

The backup words are a BIP-39 mnemonic (12 or 24 English words); the account is the one at
m/44'/60'/0'/0/0, so the same words open the same account in MetaMask or any other wallet.
The age X25519 identity (for receiving purchased packages) is derived from the account's
private key, not drawn at random: restoring from the words *or* from an exported keystore
file then brings back the same age identity, so packages bought before still open.

Nothing here touches storage; `secret_store` and `keystore_file` keep a `WalletSecret`.
Messages never quote a word, a key or an identity: only positions and counts.
"""

from __future__ import annotations

import json
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import pyrage  # type: ignore[import-untyped]
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from eth_account import Account
from eth_account.hdaccount.mnemonic import Mnemonic
from eth_account.signers.local import LocalAccount
from eth_account.types import Language
from eth_typing import ChecksumAddress
from eth_utils.address import is_checksum_address, is_hex_address, to_checksum_address

from hearth.errors import BadInput, UsageError, WrongPassphrase

ACCOUNT_PATH = "m/44'/60'/0'/0/0"
WORD_COUNTS = (12, 24)
# The label of the age identity derivation; changing it changes every member's age identity.
AGE_DERIVATION_INFO = b"hearth wallet age-x25519 identity v1"
_AGE_SECRET_HRP = "age-secret-key-"  # noqa: S105 (the Bech32 prefix, not a secret)

# eth-account marks HD wallets as unaudited; BIP-39/BIP-32 derivation is what every wallet
# does, and we check it against the published BIP-39 test vectors in the unit tests.
Account.enable_unaudited_hdwallet_features()


class KeystorePasswordWrong(WrongPassphrase):
    """The keystore file's own password (not a vault passphrase) is wrong."""


@dataclass(frozen=True)
class WalletSecret:
    """Everything secret about one member's wallet; ``repr`` shows only the address.

    ``mnemonic`` is None when the wallet was restored from a keystore file (which carries the
    key, not the words).
    """

    address: ChecksumAddress
    private_key: bytes = field(repr=False)
    age_identity: str = field(repr=False)
    mnemonic: str | None = field(repr=False, default=None)

    @property
    def age_recipient(self) -> str:
        return str(pyrage.x25519.Identity.from_str(self.age_identity).to_public())

    def account(self) -> LocalAccount:
        account: LocalAccount = Account.from_key(self.private_key)
        return account

    def to_json_bytes(self) -> bytes:
        """The form kept in the keyring (or encrypted in the keystore file)."""
        return json.dumps(
            {
                "version": 1,
                "address": self.address,
                "private_key": self.private_key.hex(),
                "age_identity": self.age_identity,
                "mnemonic": self.mnemonic,
            },
            sort_keys=True,
        ).encode("utf-8")

    @classmethod
    def from_json_bytes(cls, raw: bytes) -> WalletSecret:
        """Parse what `to_json_bytes` wrote and check that its parts belong together."""
        try:
            body: dict[str, Any] = json.loads(raw.decode("utf-8"))
            if body["version"] != 1:
                raise ValueError("unknown version")
            secret = secret_from_private_key(bytes.fromhex(body["private_key"]))
            mnemonic = body["mnemonic"]
        except (ValueError, KeyError, TypeError, UnicodeDecodeError):
            raise BadInput("The stored wallet secret is damaged and cannot be read.") from None
        if secret.address != body["address"] or secret.age_identity != body["age_identity"]:
            raise BadInput("The stored wallet secret does not match its own address.")
        if mnemonic is not None and secret_from_words(str(mnemonic)).address != secret.address:
            raise BadInput("The stored wallet words do not match the stored key.")
        return WalletSecret(secret.address, secret.private_key, secret.age_identity, mnemonic)


def new_words(count: int = 12) -> str:
    """A fresh BIP-39 mnemonic of ``count`` words from the OS random source."""
    if count not in WORD_COUNTS:
        raise UsageError("A wallet has 12 or 24 backup words; choose one of those.")
    return Mnemonic(Language.ENGLISH).generate(count)


def normalize_words(text: str) -> str:
    """The words as BIP-39 reads them: NFKD, lower case, single spaces; or `BadInput` saying
    which position is wrong (never the word itself, which may be a typo of a real one)."""
    words = unicodedata.normalize("NFKD", text).lower().split()
    if len(words) not in WORD_COUNTS:
        raise BadInput(
            f"Backup words come in 12 or 24; {len(words)} were given. Check that every word is "
            "there, separated by spaces."
        )
    wordlist = set(Mnemonic(Language.ENGLISH).wordlist)
    for position, word in enumerate(words, start=1):
        if word not in wordlist:
            raise BadInput(
                f"Word {position} is not one of the 2048 BIP-39 English words; check its spelling."
            )
    phrase = " ".join(words)
    if not Mnemonic(Language.ENGLISH).is_mnemonic_valid(phrase):
        raise BadInput(
            "These words do not fit together (their BIP-39 checksum is wrong): check each word "
            "and their order."
        )
    return phrase


def secret_from_words(text: str) -> WalletSecret:
    """The wallet that ``text`` (BIP-39 words) stands for."""
    phrase = normalize_words(text)
    account = Account.from_mnemonic(phrase, account_path=ACCOUNT_PATH)
    key = bytes(account.key)
    return WalletSecret(account.address, key, _age_identity_for(key), phrase)


def secret_from_private_key(private_key: bytes) -> WalletSecret:
    """The wallet of a bare private key (from a keystore file): no backup words."""
    if len(private_key) != 32:
        raise BadInput("A wallet key is 32 bytes long; this one is not.")
    try:
        account = Account.from_key(private_key)
    except (ValueError, TypeError):
        raise BadInput("That is not a valid Ethereum private key.") from None
    return WalletSecret(account.address, private_key, _age_identity_for(private_key))


def secret_from_keystore(json_text: str, password: str) -> WalletSecret:
    """Open a Web3 Secret Storage keystore (MetaMask, geth, `export_keystore`)."""
    try:
        keyfile = json.loads(json_text)
    except ValueError:
        raise BadInput("That keystore file is not JSON.") from None
    if not isinstance(keyfile, dict) or "crypto" not in {k.lower() for k in keyfile}:
        raise BadInput("That file is not an Ethereum keystore (Web3 Secret Storage) file.")
    try:
        key = Account.decrypt(keyfile, password)
    except ValueError as exc:
        if "MAC mismatch" in str(exc):
            raise KeystorePasswordWrong(
                "That password does not open the keystore file; nothing was changed."
            ) from None
        raise BadInput("The keystore file is damaged or of an unsupported kind.") from None
    except (KeyError, TypeError, NotImplementedError):
        raise BadInput("The keystore file is damaged or of an unsupported kind.") from None
    secret = secret_from_private_key(bytes(key))
    stated = keyfile.get("address")
    if stated and to_checksum_address("0x" + str(stated).removeprefix("0x")) != secret.address:
        raise BadInput("The keystore file's key does not match the address written in it.")
    return secret


def keystore_json(secret: WalletSecret, password: str, *, iterations: int | None = None) -> str:
    """A Web3 Secret Storage v3 file (scrypt) for the account, importable by MetaMask and geth."""
    encrypted = Account.encrypt(secret.private_key, password, kdf="scrypt", iterations=iterations)
    return json.dumps(encrypted, indent=2)


def checked_address(text: str) -> ChecksumAddress:
    """An address a person typed or pasted: all lower or all upper case is accepted; mixed case
    must match its EIP-55 checksum, because a mistyped letter there is exactly what it catches."""
    candidate = text.strip()
    if not is_hex_address(candidate):
        raise BadInput("That is not an Ethereum address (0x followed by 40 hexadecimal digits).")
    digits = candidate[2:]
    if digits != digits.lower() and digits != digits.upper() and not is_checksum_address(candidate):
        raise BadInput(
            "That address has a wrong capital letter (EIP-55 checksum); copy it again from its "
            "source."
        )
    return to_checksum_address(candidate)


def _age_identity_for(private_key: bytes) -> str:
    seed = HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=AGE_DERIVATION_INFO).derive(
        private_key
    )
    return _bech32_encode(_AGE_SECRET_HRP, seed).upper()


# ----------------------------------------------------------------- Bech32 (BIP-173), for age

_CHARSET = "qpzry9x8gf2tvdw0s3jn54khce6mua7l"


def _bech32_polymod(values: Sequence[int]) -> int:
    generator = (0x3B6A57B2, 0x26508E6D, 0x1EA119FA, 0x3D4233DD, 0x2A1462B3)
    chk = 1
    for value in values:
        top = chk >> 25
        chk = (chk & 0x1FFFFFF) << 5 ^ value
        for i in range(5):
            chk ^= generator[i] if (top >> i) & 1 else 0
    return chk


def _bech32_encode(hrp: str, data: bytes) -> str:
    # 8-bit bytes regrouped into 5-bit values, zero-padded at the end.
    acc, bits, five_bit = 0, 0, []
    for byte in data:
        acc = (acc << 8) | byte
        bits += 8
        while bits >= 5:
            bits -= 5
            five_bit.append((acc >> bits) & 31)
    if bits:
        five_bit.append((acc << (5 - bits)) & 31)
    expanded = [ord(c) >> 5 for c in hrp] + [0] + [ord(c) & 31 for c in hrp]
    polymod = _bech32_polymod([*expanded, *five_bit, 0, 0, 0, 0, 0, 0]) ^ 1
    checksum = [(polymod >> 5 * (5 - i)) & 31 for i in range(6)]
    return hrp + "1" + "".join(_CHARSET[d] for d in five_bit + checksum)
