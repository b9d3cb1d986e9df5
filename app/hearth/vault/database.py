"""Opening `vault.db` with SQLCipher and turning its failures into sentences."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import sqlcipher3

from hearth.errors import VaultDamaged

if TYPE_CHECKING:
    # sqlcipher3 mirrors the sqlite3 module's API but ships no type stubs.
    from sqlite3 import Connection as Connection
    from sqlite3 import DatabaseError as DatabaseError
else:
    Connection = sqlcipher3.Connection
    DatabaseError = sqlcipher3.DatabaseError

DB_FILE = "vault.db"


def connect(path: Path, data_key: bytes, *, cached_statements: int = 128) -> Connection:
    """Open (or create) the SQLCipher file at ``path`` keyed with the raw 256-bit ``data_key``.

    Raises `VaultDamaged` when the file cannot be read with the key: the key itself came out of
    an authenticated key slot, so a failure here means the file was damaged or swapped.
    """
    conn: Connection = sqlcipher3.connect(
        str(path),
        isolation_level=None,
        check_same_thread=False,
        cached_statements=cached_statements,
    )
    try:
        # SQLCipher writes decryption failures to stderr by default; ours become sentences.
        conn.execute("PRAGMA cipher_log_level = NONE")
        # A raw key (x'..') skips SQLCipher's own PBKDF2: our key is random, not a passphrase.
        conn.execute(f"PRAGMA key = \"x'{data_key.hex()}'\"")
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        # Sorts and temp tables stay in memory: SQLite's temp files would hold plaintext.
        conn.execute("PRAGMA temp_store = MEMORY")
        conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("PRAGMA synchronous = FULL")
        conn.execute("PRAGMA foreign_keys = ON")
        conn.execute("PRAGMA busy_timeout = 5000")
    except DatabaseError as exc:
        conn.close()
        raise damaged(exc) from None
    return conn


def create_private_file(path: Path) -> None:
    """Make an empty database file only its owner can read, before SQLite creates it with the
    umask's permissions (its -wal and -shm files then copy these permissions)."""
    path.touch(mode=0o600, exist_ok=False)


def damaged(exc: Exception | None = None) -> VaultDamaged:
    """The error for a `vault.db` that SQLCipher cannot read."""
    return VaultDamaged(
        "vault.db is damaged: it does not pass its encryption check (SQLCipher: "
        f"{exc or 'integrity check failed'}).",
        file=DB_FILE,
    )


@contextlib.contextmanager
def transaction(conn: Connection) -> Iterator[Connection]:
    """BEGIN IMMEDIATE ... COMMIT, rolled back on any exception."""
    conn.execute("BEGIN IMMEDIATE")
    try:
        yield conn
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    conn.execute("COMMIT")


@contextlib.contextmanager
def reading_damage_as_vault_damaged() -> Iterator[None]:
    """Report SQLCipher's page-authentication failures as `VaultDamaged`."""
    try:
        yield
    except DatabaseError as exc:
        message = str(exc)
        if "not a database" in message or "malformed" in message or "hmac" in message.lower():
            raise damaged(exc) from None
        raise


def integrity_problems(conn: Connection) -> list[str]:
    """Every page SQLCipher cannot authenticate plus SQLite's own structural check; [] is clean."""
    problems: list[str] = []
    with contextlib.suppress(DatabaseError):
        problems += [str(row[0]) for row in conn.execute("PRAGMA cipher_integrity_check")]
    try:
        rows = [str(row[0]) for row in conn.execute("PRAGMA integrity_check")]
    except DatabaseError as exc:
        rows = [str(exc)]
    problems += [r for r in rows if r != "ok"]
    return problems


def cipher_version(conn: Connection) -> str:
    return str(conn.execute("PRAGMA cipher_version").fetchone()[0])
