"""A vault: the folder that holds one household's encrypted data.

`Vault.create` makes one, `Vault.unlock` opens it as a member (or `unlock_with_recovery_key`
when every passphrase is forgotten). An open `Vault` holds the folder's `LOCK`, so no other
process can open it until `close`. Every change to members or keys is written to the audit
log in the same transaction as the change itself.
"""

from __future__ import annotations

import contextlib
import secrets
import threading
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from hearth.atomic import write_atomically
from hearth.errors import NotAllowed, UsageError, VaultDamaged, VaultMissing, WrongPassphrase
from hearth.progress import CancelToken, Progress, ProgressCallback, check, report
from hearth.vault import audit, backup, database, rotation, schema
from hearth.vault.database import DB_FILE, Connection
from hearth.vault.datasets import Dataset, list_datasets
from hearth.vault.keyslots import (
    DATA_KEY_BYTES,
    KdfCost,
    KeySlot,
    KeySlotFile,
    create_slot,
    default_cost,
    open_slot,
    passphrase_secret,
    seal_data_key,
)
from hearth.vault.keyslots import (
    FILE_NAME as KEYSLOTS_FILE,
)
from hearth.vault.lock import LOCK_FILE, VaultLock
from hearth.vault.members import (
    Member,
    Role,
    clean_name,
    delete_member,
    find_member,
    insert_member,
    list_members,
)
from hearth.vault.records import ImportWriter
from hearth.vault.recovery import new_recovery_key, recovery_secret

RECOVERY_SLOT = "recovery"
BACKUPS_DIR = "backups"
# Who acts when the vault was opened with the recovery key rather than a passphrase.
RECOVERY_ACTOR = "recovery key"


@dataclass(frozen=True)
class SlotLabel:
    """A member as the unlock screen lists them, read without unlocking anything."""

    name: str
    role: str


class Vault:
    """An unlocked vault. Use as a context manager or call `close`."""

    def __init__(
        self,
        path: Path,
        conn: Connection,
        slots: KeySlotFile,
        data_key: bytes,
        member: Member | None,
        lock: VaultLock,
    ) -> None:
        self.path = path
        self._conn = conn
        self._slots = slots
        self._data_key = data_key
        # None when opened with the recovery key: allowed only to set passphrases.
        self.member = member
        self._lock = lock
        # The GUI reaches the vault from worker threads; one statement sequence at a time.
        self._mutex = threading.RLock()
        self._browsing: Connection | None = None  # see `browsing`

    # ----------------------------------------------------------------- opening and closing

    @classmethod
    def create(
        cls,
        path: Path,
        owner_name: str,
        passphrase: str,
        *,
        cost: KdfCost | None = None,
    ) -> tuple[Vault, str]:
        """Make a new vault at ``path`` owned by ``owner_name``; returns it and its recovery key.

        The recovery key is returned once and never stored: the person must print or write it.
        """
        owner_name = clean_name(owner_name)
        _check_new_passphrase(passphrase)
        if (path / KEYSLOTS_FILE).exists() or (path / DB_FILE).exists():
            raise UsageError(f"There is already a vault at {path}.")
        path.mkdir(parents=True, exist_ok=True, mode=0o700)
        (path / BACKUPS_DIR).mkdir(exist_ok=True, mode=0o700)
        (path / LOCK_FILE).touch(mode=0o600, exist_ok=True)
        lock = VaultLock(path)
        lock.acquire()
        try:
            cost = cost or default_cost()
            data_key = secrets.token_bytes(DATA_KEY_BYTES)
            vault_id = str(uuid.uuid4())
            created_at = audit.now_iso()
            database.create_private_file(path / DB_FILE)
            conn = database.connect(path / DB_FILE, data_key)
            _migrate(conn)
            with database.transaction(conn):
                conn.execute(
                    "INSERT INTO vault_info (key, value) VALUES ('vault_id', ?), ('created_at', ?)",
                    (vault_id, created_at),
                )
                owner = insert_member(conn, owner_name, Role.OWNER, created_at)
                audit.append(
                    conn,
                    actor=owner.name,
                    member_id=owner.id,
                    action="vault.created",
                    details={"owner": owner.name},
                )
            recovery_key = new_recovery_key()
            slots = KeySlotFile(vault_id=vault_id, key_epoch=1, slots=())
            for slot in (
                _member_slot(vault_id, owner, passphrase_secret(passphrase), data_key, 1, cost),
                _recovery_slot(vault_id, recovery_secret(recovery_key), data_key, 1, cost),
            ):
                slots = slots.with_slot(slot)
            write_atomically(path / KEYSLOTS_FILE, slots.to_bytes(data_key))
        except BaseException:
            lock.release()
            raise
        return cls(path, conn, slots, data_key, owner, lock), recovery_key

    @classmethod
    def unlock(cls, path: Path, member_name: str, passphrase: str) -> Vault:
        """Open the vault as ``member_name``; `WrongPassphrase` names them when it does not fit."""
        secret = passphrase_secret(passphrase)

        def key_from(slots: KeySlotFile) -> tuple[bytes, KeySlot]:
            slot = _slot_for_name(slots, member_name)
            try:
                key = open_slot(
                    slot, vault_id=slots.vault_id, secret=secret, key_epoch=slots.key_epoch
                )
            except WrongPassphrase:
                raise WrongPassphrase(f"Wrong passphrase for {slot.member_name}.") from None
            return key, slot

        return cls._unlock(path, key_from)

    @classmethod
    def unlock_with_recovery_key(cls, path: Path, recovery_key: str) -> Vault:
        """Open the vault with the printed recovery key (to set a forgotten passphrase)."""
        secret = recovery_secret(recovery_key)

        def key_from(slots: KeySlotFile) -> tuple[bytes, KeySlot]:
            slot = slots.slot(RECOVERY_SLOT)
            if slot is None:
                raise VaultDamaged("keyslots.json has no recovery slot.", file=KEYSLOTS_FILE)
            try:
                key = open_slot(
                    slot, vault_id=slots.vault_id, secret=secret, key_epoch=slots.key_epoch
                )
            except WrongPassphrase:
                raise WrongPassphrase("That recovery key does not open this vault.") from None
            return key, slot

        return cls._unlock(path, key_from)

    @classmethod
    def _unlock(cls, path: Path, key_from: Callable[[KeySlotFile], tuple[bytes, KeySlot]]) -> Vault:
        with _locked(path) as (lock, slots):
            data_key, slot = key_from(slots)
            slots.verify_mac(data_key)
            try:
                conn = database.connect(path / DB_FILE, data_key)
            except VaultDamaged:
                # A key rotation may have been cut off after `PRAGMA rekey`: the new key
                # waits in the pending file, sealed to the same slots.
                pending = rotation.read_pending(path)
                if pending is None:
                    raise
                data_key, slot = key_from(pending)
                pending.verify_mac(data_key)
                conn = database.connect(path / DB_FILE, data_key)
                write_atomically(path / KEYSLOTS_FILE, pending.to_bytes(data_key))
                slots = pending
            rotation.discard_pending(path)
            try:
                with database.reading_damage_as_vault_damaged():
                    if _stored_vault_id(conn) != slots.vault_id:
                        raise VaultDamaged(
                            "vault.db does not belong to this keyslots.json (another vault's "
                            "file?).",
                            file=DB_FILE,
                        )
                    _migrate(conn)
                    member = _member_by_id(conn, slot.member_id) if slot.member_id else None
            except BaseException:
                conn.close()
                raise
            return cls(path, conn, slots, data_key, member, lock)

    def close(self) -> None:
        """Close the database and release `LOCK`; safe to call twice."""
        with self._mutex:
            if self._lock.held:
                if self._browsing is not None:
                    self._browsing.close()
                    self._browsing = None
                self._conn.close()
                self._data_key = b""
                self._lock.release()

    def __enter__(self) -> Vault:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @staticmethod
    def members_of(path: Path) -> list[SlotLabel]:
        """The members the unlock screen lists, without a passphrase."""
        slots = _read_slots(path)
        return [
            SlotLabel(s.member_name or "", s.role or "")
            for s in sorted(slots.slots, key=lambda s: s.member_id or 0)
            if s.kind == "member"
        ]

    @staticmethod
    def exists(path: Path) -> bool:
        return (path / KEYSLOTS_FILE).exists()

    # ----------------------------------------------------------------- reading

    @property
    def db(self) -> Connection:
        """The SQLCipher connection, for the layers above (importers, consent, market)."""
        return self._conn

    @property
    def vault_id(self) -> str:
        return self._slots.vault_id

    @property
    def actor(self) -> str:
        return self.member.name if self.member else RECOVERY_ACTOR

    @property
    def slots(self) -> KeySlotFile:
        return self._slots

    def members(self) -> list[Member]:
        with self._mutex:
            return list_members(self._conn)

    def datasets(self) -> list[Dataset]:
        with self._mutex, database.reading_damage_as_vault_damaged():
            return list_datasets(self._conn)

    def schema_version(self) -> int:
        with self._mutex:
            return schema.schema_version(self._conn)

    def integrity_problems(self) -> list[str]:
        """Full check of every page (slow on big vaults: `doctor` and `unlock-check` use it)."""
        with self._mutex:
            # cipher_integrity_check reads vault.db itself: bring the WAL's pages in first.
            self._conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            return database.integrity_problems(self._conn)

    def audit_entries(
        self, *, action: str | None = None, actor: str | None = None
    ) -> list[audit.AuditEntry]:
        with self._mutex:
            return list(audit.entries(self._conn, action=action, actor=actor))

    def verify_audit_log(self) -> audit.AuditReport:
        with self._mutex, database.reading_damage_as_vault_damaged():
            return audit.verify(self._conn)

    @contextlib.contextmanager
    def reading(self) -> Iterator[Connection]:
        """The vault's connection for a short read by the layers above (consent, market)."""
        with self._mutex, database.reading_damage_as_vault_damaged():
            yield self._conn

    @contextlib.contextmanager
    def writing(self) -> Iterator[Connection]:
        """One transaction on the vault's connection for the layers above; call `audit` inside
        it so the change and its audit entry commit together."""
        with (
            self._mutex,
            database.reading_damage_as_vault_damaged(),
            database.transaction(self._conn),
        ):
            yield self._conn

    @property
    def browsing(self) -> Connection:
        """A connection of its own for what the screen reads while a person browses a
        dataset (its summary, pages of records), from the GUI thread only. The vault's own
        connection is used by one thread at a time under the vault's lock, which a task on
        the worker thread may hold for seconds; a second reader never waits for it (WAL)
        and never sees another thread's transaction half done. Opened on first use, closed
        with the vault."""
        if self._browsing is None:
            if not self._lock.held:
                raise UsageError("The vault is locked.")
            self._browsing = self.open_reader(cached_statements=16)
        return self._browsing

    def open_reader(self, *, cached_statements: int = 128) -> Connection:
        """A second connection for a long read (building a package) that must not hold up the
        GUI; it sees one consistent snapshot per transaction. The caller closes it.
        ``cached_statements``: how many prepared statements it keeps (a few for a connection
        that runs one long query over and over: each kept statement holds some of the
        connection's lookaside, the memory SQLite gives the values a query makes)."""
        return database.connect(
            self.path / DB_FILE, self._data_key, cached_statements=cached_statements
        )

    def record(self, action: str, details: dict[str, Any] | None = None) -> None:
        """Add an audit entry in its own transaction (for actions outside this class)."""
        with self._mutex, database.transaction(self._conn):
            self.audit(action, details)

    def audit(self, action: str, details: dict[str, Any] | None = None) -> None:
        """Add an audit entry inside the caller's transaction."""
        audit.append(
            self._conn,
            actor=self.actor,
            member_id=self.member.id if self.member else None,
            action=action,
            details=details,
        )

    # ----------------------------------------------------------------- members

    def add_member(self, name: str, role: Role, passphrase: str) -> Member:
        """The owner adds a household member with their own passphrase."""
        self._require_owner("add members")
        if role is Role.OWNER:
            raise UsageError("A vault has one owner; add the new member as an adult or a child.")
        _check_new_passphrase(passphrase)
        with self._mutex:
            cost = default_cost()
            with database.transaction(self._conn):
                member = insert_member(self._conn, name, role, audit.now_iso())
                self.audit("member.added", {"member": member.name, "role": role.value})
                slot = _member_slot(
                    self.vault_id,
                    member,
                    passphrase_secret(passphrase),
                    self._data_key,
                    self._slots.key_epoch,
                    cost,
                )
                # Written before COMMIT: a crash in between leaves a slot without a member,
                # which unlock ignores, never a member without a way in.
                self._write_slots(self._slots.with_slot(slot))
            return member

    def remove_member(self, name: str) -> None:
        """The owner removes a member: their row and their key slot."""
        self._require_owner("remove members")
        with self._mutex:
            member = find_member(self._conn, name)
            if member.role is Role.OWNER:
                raise NotAllowed("The owner cannot be removed from their own vault.")
            with database.transaction(self._conn):
                delete_member(self._conn, member)
                self.audit("member.removed", {"member": member.name})
            # After COMMIT: a crash in between leaves an orphan slot, which opens nothing.
            self._write_slots(self._slots.without_slot(member.slot_id))

    def change_passphrase(self, name: str, new_passphrase: str) -> None:
        """Set ``name``'s passphrase: their own, or anyone's for the owner or the recovery key.

        Rewrites only that member's slot; every other slot stays byte for byte the same.
        """
        _check_new_passphrase(new_passphrase)
        with self._mutex:
            member = find_member(self._conn, name)
            is_self = self.member is not None and self.member.id == member.id
            is_owner = self.member is not None and self.member.role is Role.OWNER
            if not (is_self or is_owner or self.member is None):
                raise NotAllowed(
                    f"Only {member.name} or the vault's owner can change {member.name}'s "
                    "passphrase."
                )
            slot = _member_slot(
                self.vault_id,
                member,
                passphrase_secret(new_passphrase),
                self._data_key,
                self._slots.key_epoch,
                default_cost(),
            )
            self._write_slots(self._slots.with_slot(slot))
            self.record("member.passphrase_changed", {"member": member.name})

    def check_passphrase(self, passphrase: str) -> None:
        """Raise `WrongPassphrase` unless ``passphrase`` opens the acting member's key slot.

        For a second look before something sensitive (showing wallet words) while the vault
        stays open; costs one key derivation, like an unlock.
        """
        if self.member is None:
            raise NotAllowed("Unlock with your own passphrase to do this.")
        slot = self._slots.slot(self.member.slot_id)
        if slot is None:
            raise VaultDamaged("keyslots.json has no slot for you.", file=KEYSLOTS_FILE)
        try:
            open_slot(
                slot,
                vault_id=self.vault_id,
                secret=passphrase_secret(passphrase),
                key_epoch=self._slots.key_epoch,
            )
        except WrongPassphrase:
            raise WrongPassphrase(f"Wrong passphrase for {self.member.name}.") from None

    def replace_recovery_key(self) -> str:
        """The owner makes a new recovery key; the old printed one stops working."""
        self._require_owner("make a new recovery key")
        with self._mutex:
            key = new_recovery_key()
            slot = _recovery_slot(
                self.vault_id,
                recovery_secret(key),
                self._data_key,
                self._slots.key_epoch,
                default_cost(),
            )
            self._write_slots(self._slots.with_slot(slot))
            self.record("vault.recovery_key_replaced")
            return key

    def rotate_data_key(
        self, *, progress: ProgressCallback | None = None, cancel: CancelToken | None = None
    ) -> None:
        """Re-encrypt vault.db under a new random key and re-seal it to every slot.

        Crash-safe: the new key is sealed into every slot (as "pending") before `PRAGMA rekey`,
        and promoted after it, so whichever step a crash interrupts, one of the two keys in
        keyslots.json opens vault.db.
        """
        self._require_owner("change the vault's encryption key")
        with self._mutex:
            check(cancel)
            report(progress, Progress(0, 3, "steps", "Preparing the new key"))
            new_key = secrets.token_bytes(DATA_KEY_BYTES)
            epoch = self._slots.key_epoch + 1
            pending = tuple(
                seal_data_key(s, vault_id=self.vault_id, data_key=new_key, key_epoch=epoch)
                for s in self._slots.slots
            )
            rotated = KeySlotFile(vault_id=self.vault_id, key_epoch=epoch, slots=pending)
            rotation.write_pending(self.path, rotated.to_bytes(new_key))
            report(progress, Progress(1, 3, "steps", "Re-encrypting the vault"))
            # Rekey with an empty WAL and fold the result back into vault.db at once, so no
            # page under either key waits in the WAL when the key slots change.
            self._conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            self._conn.execute(f"PRAGMA rekey = \"x'{new_key.hex()}'\"")
            self._conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            report(progress, Progress(2, 3, "steps", "Saving the key slots"))
            self._data_key = new_key
            self._write_slots(rotated)
            rotation.discard_pending(self.path)
            self.record("vault.data_key_rotated", {"key_epoch": epoch})
            report(progress, Progress(3, 3, "steps", "Done"))

    # ----------------------------------------------------------------- imports

    def begin_import(
        self, *, source: str, title: str, file_name: str, sha256: str, importer: str
    ) -> ImportWriter:
        """Start writing one import into the acting member's dataset for ``source``.

        The writer has its own connection and transaction, so this vault stays readable (and
        the app responsive) while records stream in; nothing is visible until it commits.
        Raises `AlreadyImported` when this exact file was imported into that dataset before.
        """
        if self.member is None:
            raise NotAllowed("Unlock with your own passphrase to import data.")
        return ImportWriter(
            database.connect(self.path / DB_FILE, self._data_key),
            member_id=self.member.id,
            actor=self.member.name,
            source=source,
            title=title,
            file_name=file_name,
            sha256=sha256,
            importer=importer,
        )

    # ----------------------------------------------------------------- backups

    def backup(
        self,
        destination: Path | None = None,
        *,
        progress: ProgressCallback | None = None,
        cancel: CancelToken | None = None,
    ) -> Path:
        """Write an encrypted, consistent copy while the vault is open; returns its folder."""
        with self._mutex:
            made = backup.make_backup(
                self._conn,
                self._slots.to_bytes(self._data_key),
                self._data_key,
                destination or self.path / BACKUPS_DIR,
                vault_id=self.vault_id,
                schema_version=schema.schema_version(self._conn),
                progress=progress,
                cancel=cancel,
            )
            self.record("vault.backup_made", {"backup": made.name})
            return made

    # ----------------------------------------------------------------- helpers

    def _require_owner(self, what: str) -> None:
        if self.member is None or self.member.role is not Role.OWNER:
            raise NotAllowed(f"Only the vault's owner can {what}.")

    def _write_slots(self, slots: KeySlotFile) -> None:
        write_atomically(self.path / KEYSLOTS_FILE, slots.to_bytes(self._data_key))
        self._slots = slots


def newest_backup(vault_path: Path) -> Path | None:
    """The most recent backup folder in the vault's `backups/`, if any."""
    return backup.newest(vault_path / BACKUPS_DIR)


def _member_by_id(conn: Connection, member_id: int) -> Member:
    row = conn.execute(
        "SELECT id, name, role, created_at FROM members WHERE id = ?", (member_id,)
    ).fetchone()
    if row is None:
        raise UsageError("That member was removed from this vault.")
    return Member(row[0], row[1], Role(row[2]), row[3])


def _stored_vault_id(conn: Connection) -> str | None:
    try:
        row = conn.execute("SELECT value FROM vault_info WHERE key = 'vault_id'").fetchone()
    except database.DatabaseError as exc:
        # The key fits but the tables are gone, e.g. vault.db copied without its -wal file.
        if "no such table" in str(exc):
            raise VaultDamaged(
                "vault.db is damaged: its tables are missing.", file=DB_FILE
            ) from None
        raise
    return None if row is None else str(row[0])


def _check_new_passphrase(passphrase: str) -> None:
    # The strength meter guides people; the core refuses only what no meter should allow.
    if len(passphrase) < 8:
        raise UsageError("A passphrase needs at least 8 characters; a few words are best.")


def _member_slot(
    vault_id: str, member: Member, secret: bytes, data_key: bytes, epoch: int, cost: KdfCost
) -> KeySlot:
    return create_slot(
        vault_id=vault_id,
        slot_id=member.slot_id,
        kind="member",
        member_id=member.id,
        member_name=member.name,
        role=member.role.value,
        secret=secret,
        data_key=data_key,
        key_epoch=epoch,
        cost=cost,
        created_at=audit.now_iso(),
    )


def _recovery_slot(
    vault_id: str, secret: bytes, data_key: bytes, epoch: int, cost: KdfCost
) -> KeySlot:
    return create_slot(
        vault_id=vault_id,
        slot_id=RECOVERY_SLOT,
        kind="recovery",
        member_id=None,
        member_name=None,
        role=None,
        secret=secret,
        data_key=data_key,
        key_epoch=epoch,
        cost=cost,
        created_at=audit.now_iso(),
    )


def _migrate(conn: Connection) -> None:
    for migration in schema.pending(conn):
        schema.apply(conn, migration)


def _read_slots(path: Path) -> KeySlotFile:
    if not (path / KEYSLOTS_FILE).exists():
        if (path / DB_FILE).exists():
            raise VaultDamaged(
                "keyslots.json is missing, so vault.db cannot be opened.", file=KEYSLOTS_FILE
            )
        raise VaultMissing(
            f"There is no vault at {path}. Create one with 'hearth init --member YOUR-NAME'."
        )
    slots = KeySlotFile.from_bytes((path / KEYSLOTS_FILE).read_bytes())
    if not (path / DB_FILE).exists():
        raise VaultDamaged("vault.db is missing from the vault folder.", file=DB_FILE)
    # SQLCipher would take an empty file for a new database and write a fresh one over it.
    if (path / DB_FILE).stat().st_size == 0:
        raise VaultDamaged("vault.db is damaged: the file is empty.", file=DB_FILE)
    return slots


def _slot_for_name(slots: KeySlotFile, name: str) -> KeySlot:
    wanted = " ".join(name.split()).casefold()
    for slot in slots.slots:
        if slot.kind == "member" and (slot.member_name or "").casefold() == wanted:
            return slot
    raise UsageError(f"There is no member called {name!r} in this vault.")


@contextlib.contextmanager
def _locked(path: Path) -> Iterator[tuple[VaultLock, KeySlotFile]]:
    """Hold `LOCK` while unlocking; keep it if unlocking succeeds, release it if not."""
    if not path.is_dir():
        raise VaultMissing(
            f"There is no vault at {path}. Create one with 'hearth init --member YOUR-NAME'."
        )
    if (path / backup.MANIFEST).exists():
        # Opening a backup in place would change it (and then fail its own checksums).
        raise UsageError(f"{path} is a backup, not a vault. Bring it back with 'hearth restore'.")
    _read_slots(path)  # a missing vault is a usage error, before we touch the folder
    lock = VaultLock(path)
    lock.acquire()
    try:
        yield lock, _read_slots(path)
    except BaseException:
        lock.release()
        raise
