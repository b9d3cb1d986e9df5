"""`keyslots.json`: how each member's passphrase (and the recovery key) opens the data key.

Each slot holds an X25519 key pair. Its private key is wrapped with AES-256-GCM under a key
derived by Argon2id from the member's passphrase; the vault's data key is sealed to its public
key (X25519 + HKDF + AES-256-GCM). Why the extra key pair instead of wrapping the data key
directly: the owner can then rotate the data key and re-seal it to every slot without knowing
anyone else's passphrase, and without invalidating the printed recovery kit. A passphrase change
still rewrites only that member's slot. The slot's metadata is the associated data of both
encryptions, so editing a salt, a cost or a key id breaks the slot instead of weakening it.

The whole file carries a sha256 ``checksum`` (any damage is reported as damage, never as a
wrong passphrase) and an HMAC keyed from the data key (a deliberate edit to another member's
slot is caught by whoever unlocks next). The format is specified in docs/formats/vault.md.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import os
import time
import unicodedata
from dataclasses import dataclass, field, replace
from functools import lru_cache
from typing import Any, Literal

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.argon2 import Argon2id
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from hearth.errors import VaultDamaged, WrongPassphrase

FORMAT = "hearth-keyslots"
VERSION = 1
FILE_NAME = "keyslots.json"
DATA_KEY_BYTES = 32
SlotKind = Literal["member", "recovery"]

# Argon2id's memory is fixed and the time cost calibrated: memory is what makes guessing on
# GPUs expensive, and 128 MiB still fits the smallest laptop a family might use.
CALIBRATED_MEMORY_KIB = 128 * 1024
CALIBRATED_LANES = 4
# Below this a slot is reported as weak by `hearth doctor` (only tests create such slots).
MINIMUM_SAFE_MEMORY_KIB = 64 * 1024
UNSAFE_FAST_KDF_ENV = "HEARTH_UNSAFE_FAST_KDF"


@dataclass(frozen=True)
class KdfCost:
    """Argon2id cost parameters; the salt is drawn per slot."""

    memory_kib: int
    iterations: int
    lanes: int

    @property
    def is_weak(self) -> bool:
        return self.memory_kib < MINIMUM_SAFE_MEMORY_KIB or self.iterations < 2


# Only for tests and benchmarks that create many vaults: one unlock in about 10 ms.
UNSAFE_TEST_COST = KdfCost(memory_kib=8 * 1024, iterations=1, lanes=1)


def calibrate(target_seconds: float = 0.5) -> KdfCost:
    """Pick the Argon2id time cost that makes one derivation take about ``target_seconds``."""
    probe = KdfCost(CALIBRATED_MEMORY_KIB, 1, CALIBRATED_LANES)
    iterations = _iterations_for(target_seconds, probe, _seconds_to_derive(probe))
    # One pass also pays for filling the memory, so scaling it up undershoots (about half the
    # target on a laptop); scale again from a measurement of the estimate itself.
    estimate = replace(probe, iterations=iterations)
    iterations = _iterations_for(target_seconds, estimate, _seconds_to_derive(estimate))
    return replace(probe, iterations=iterations)


def _seconds_to_derive(cost: KdfCost) -> float:
    started = time.perf_counter()
    _argon2id(b"calibration", os.urandom(16), cost)
    return max(time.perf_counter() - started, 1e-3)


def _iterations_for(target_seconds: float, measured: KdfCost, seconds: float) -> int:
    return max(2, min(64, round(target_seconds * measured.iterations / seconds)))


@lru_cache(maxsize=1)
def default_cost() -> KdfCost:
    """The cost new slots get: calibrated once per process, or the unsafe test cost by env."""
    if os.environ.get(UNSAFE_FAST_KDF_ENV) == "1":
        return UNSAFE_TEST_COST
    return calibrate()


def passphrase_secret(passphrase: str) -> bytes:
    """The bytes a passphrase stands for: NFC-normalised so the same words typed on another
    keyboard or OS give the same key."""
    return unicodedata.normalize("NFC", passphrase).encode("utf-8")


@dataclass(frozen=True)
class KeySlot:
    """One way into the vault: a member's passphrase or the recovery key."""

    slot_id: str
    kind: SlotKind
    member_id: int | None
    # Display labels for the unlock screen; the only personal detail outside vault.db.
    member_name: str | None
    role: str | None
    cost: KdfCost
    salt: bytes
    public_key: bytes
    wrapped_private_key: bytes  # nonce (12) || AES-GCM ciphertext
    sealed_data_key: bytes  # ephemeral public key (32) || nonce (12) || AES-GCM ciphertext
    created_at: str

    def associated_data(self, vault_id: str, purpose: str, extra: dict[str, Any]) -> bytes:
        """What both encryptions of this slot authenticate besides their ciphertext."""
        return canonical_json(
            {
                "purpose": purpose,
                "vault_id": vault_id,
                "slot_id": self.slot_id,
                "kind": self.kind,
                "member_id": self.member_id,
                "kdf": _cost_json(self.cost, self.salt),
                "public_key": _b64(self.public_key),
                **extra,
            }
        )

    def to_json(self) -> dict[str, Any]:
        return {
            "slot_id": self.slot_id,
            "kind": self.kind,
            "member_id": self.member_id,
            "member_name": self.member_name,
            "role": self.role,
            "kdf": _cost_json(self.cost, self.salt),
            "public_key": _b64(self.public_key),
            "wrapped_private_key": _b64(self.wrapped_private_key),
            "sealed_data_key": _b64(self.sealed_data_key),
            "created_at": self.created_at,
        }

    @classmethod
    def from_json(cls, raw: dict[str, Any]) -> KeySlot:
        kdf = raw["kdf"]
        if kdf["name"] != "argon2id":
            raise ValueError("unknown key derivation")
        return cls(
            slot_id=str(raw["slot_id"]),
            kind=raw["kind"],
            member_id=raw["member_id"],
            member_name=raw["member_name"],
            role=raw["role"],
            cost=KdfCost(int(kdf["memory_kib"]), int(kdf["iterations"]), int(kdf["lanes"])),
            salt=_unb64(kdf["salt"]),
            public_key=_unb64(raw["public_key"]),
            wrapped_private_key=_unb64(raw["wrapped_private_key"]),
            sealed_data_key=_unb64(raw["sealed_data_key"]),
            created_at=str(raw["created_at"]),
        )


def create_slot(
    *,
    vault_id: str,
    slot_id: str,
    kind: SlotKind,
    member_id: int | None,
    member_name: str | None,
    role: str | None,
    secret: bytes,
    data_key: bytes,
    key_epoch: int,
    cost: KdfCost,
    created_at: str,
) -> KeySlot:
    """A new slot that ``secret`` opens, holding ``data_key``."""
    private = X25519PrivateKey.generate()
    public_bytes = private.public_key().public_bytes_raw()
    salt = os.urandom(16)
    unwrapped = KeySlot(
        slot_id=slot_id,
        kind=kind,
        member_id=member_id,
        member_name=member_name,
        role=role,
        cost=cost,
        salt=salt,
        public_key=public_bytes,
        wrapped_private_key=b"",
        sealed_data_key=b"",
        created_at=created_at,
    )
    kek = _argon2id(secret, salt, cost)
    nonce = os.urandom(12)
    wrapped = nonce + AESGCM(kek).encrypt(
        nonce,
        private.private_bytes_raw(),
        unwrapped.associated_data(vault_id, "private-key", {}),
    )
    slot = replace(unwrapped, wrapped_private_key=wrapped)
    return seal_data_key(slot, vault_id=vault_id, data_key=data_key, key_epoch=key_epoch)


def seal_data_key(slot: KeySlot, *, vault_id: str, data_key: bytes, key_epoch: int) -> KeySlot:
    """The same slot holding a (new) data key; needs no passphrase, only the slot's public key."""
    ephemeral = X25519PrivateKey.generate()
    ephemeral_public = ephemeral.public_key().public_bytes_raw()
    shared = ephemeral.exchange(X25519PublicKey.from_public_bytes(slot.public_key))
    aad = slot.associated_data(
        vault_id, "data-key", {"key_epoch": key_epoch, "ephemeral": _b64(ephemeral_public)}
    )
    nonce = os.urandom(12)
    sealed = AESGCM(_seal_key(shared, aad)).encrypt(nonce, data_key, aad)
    return replace(slot, sealed_data_key=ephemeral_public + nonce + sealed)


def open_slot(slot: KeySlot, *, vault_id: str, secret: bytes, key_epoch: int) -> bytes:
    """The data key held by ``slot``; `WrongPassphrase` when ``secret`` does not open it."""
    kek = _argon2id(secret, slot.salt, slot.cost)
    wrapped = slot.wrapped_private_key
    try:
        private_bytes = AESGCM(kek).decrypt(
            wrapped[:12], wrapped[12:], slot.associated_data(vault_id, "private-key", {})
        )
    except InvalidTag:
        raise WrongPassphrase("Wrong passphrase.") from None
    private = X25519PrivateKey.from_private_bytes(private_bytes)
    sealed = slot.sealed_data_key
    ephemeral_public, nonce, ciphertext = sealed[:32], sealed[32:44], sealed[44:]
    aad = slot.associated_data(
        vault_id, "data-key", {"key_epoch": key_epoch, "ephemeral": _b64(ephemeral_public)}
    )
    shared = private.exchange(X25519PublicKey.from_public_bytes(ephemeral_public))
    try:
        return AESGCM(_seal_key(shared, aad)).decrypt(nonce, ciphertext, aad)
    except InvalidTag:
        # The passphrase was right, so the sealed key itself was altered.
        raise VaultDamaged(
            "keyslots.json was changed outside Hearth: this member's key slot does not match.",
            file=FILE_NAME,
        ) from None


@dataclass(frozen=True)
class KeySlotFile:
    """The parsed `keyslots.json`."""

    vault_id: str
    key_epoch: int
    slots: tuple[KeySlot, ...]
    # The MAC as read from disk; `verify_mac` compares it once the data key is known.
    stored_mac: str = field(default="", compare=False, repr=False)

    def slot(self, slot_id: str) -> KeySlot | None:
        return next((s for s in self.slots if s.slot_id == slot_id), None)

    def with_slot(self, slot: KeySlot) -> KeySlotFile:
        """This file with ``slot`` added, or replacing the slot of the same id."""
        others = tuple(s for s in self.slots if s.slot_id != slot.slot_id)
        return replace(self, slots=(*others, slot))

    def without_slot(self, slot_id: str) -> KeySlotFile:
        return replace(self, slots=tuple(s for s in self.slots if s.slot_id != slot_id))

    def _body(self) -> dict[str, Any]:
        return {
            "format": FORMAT,
            "version": VERSION,
            "vault_id": self.vault_id,
            "key_epoch": self.key_epoch,
            "slots": [s.to_json() for s in sorted(self.slots, key=lambda s: s.slot_id)],
        }

    def to_bytes(self, data_key: bytes) -> bytes:
        """Serialise with the MAC (keyed from ``data_key``) and the damage checksum."""
        body = self._body()
        body["mac"] = _file_mac(data_key, body)
        body["checksum"] = hashlib.sha256(canonical_json(body)).hexdigest()
        return json.dumps(body, indent=2, sort_keys=True).encode("utf-8") + b"\n"

    @classmethod
    def from_bytes(cls, raw: bytes) -> KeySlotFile:
        """Parse and check for damage; `VaultDamaged` names the file when anything is off."""
        damaged = VaultDamaged(
            "keyslots.json is damaged: it does not match its checksum.", file=FILE_NAME
        )
        try:
            body = json.loads(raw.decode("utf-8"))
            checksum = body.pop("checksum")
            if not hmac.compare_digest(
                str(checksum), hashlib.sha256(canonical_json(body)).hexdigest()
            ):
                raise damaged
            if body["format"] != FORMAT:
                raise damaged
            if body["version"] > VERSION:
                raise VaultDamaged(
                    "keyslots.json was written by a newer Hearth; update Hearth to open this "
                    "vault.",
                    file=FILE_NAME,
                )
            parsed = cls(
                vault_id=str(body["vault_id"]),
                key_epoch=int(body["key_epoch"]),
                slots=tuple(KeySlot.from_json(s) for s in body["slots"]),
                stored_mac=str(body["mac"]),
            )
        except VaultDamaged:
            raise
        except (ValueError, KeyError, TypeError, AttributeError, UnicodeDecodeError):
            raise damaged from None
        return parsed

    def verify_mac(self, data_key: bytes) -> None:
        """Raise `VaultDamaged` when the file was edited by someone without the data key."""
        if not hmac.compare_digest(self.stored_mac, _file_mac(data_key, self._body())):
            raise VaultDamaged(
                "keyslots.json was changed outside Hearth: its seal does not match. Restore it "
                "from a backup.",
                file=FILE_NAME,
            )


def canonical_json(value: Any) -> bytes:
    """Deterministic JSON bytes for hashing: sorted keys, no spaces, UTF-8."""
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()


def _file_mac(data_key: bytes, body: dict[str, Any]) -> str:
    mac_key = HKDF(
        algorithm=hashes.SHA256(), length=32, salt=None, info=b"hearth keyslots.json mac"
    ).derive(data_key)
    return hmac.new(mac_key, canonical_json(body), hashlib.sha256).hexdigest()


def _seal_key(shared: bytes, aad: bytes) -> bytes:
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=aad).derive(shared)


def _argon2id(secret: bytes, salt: bytes, cost: KdfCost) -> bytes:
    return Argon2id(
        salt=salt,
        length=32,
        iterations=cost.iterations,
        lanes=cost.lanes,
        memory_cost=cost.memory_kib,
    ).derive(secret)


def _cost_json(cost: KdfCost, salt: bytes) -> dict[str, Any]:
    return {
        "name": "argon2id",
        "memory_kib": cost.memory_kib,
        "iterations": cost.iterations,
        "lanes": cost.lanes,
        "salt": _b64(salt),
    }


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _unb64(text: str) -> bytes:
    return base64.b64decode(text.encode("ascii"), validate=True)
