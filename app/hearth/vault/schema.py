"""Numbered schema migrations: `migrations/NNNN_name.sql`, applied in order, one transaction
each."""

from __future__ import annotations

import re
from dataclasses import dataclass
from importlib import resources

import sqlcipher3

from hearth.errors import VaultDamaged
from hearth.vault.database import DB_FILE, Connection

_NAME = re.compile(r"^(\d{4})_[a-z0-9_]+\.sql$")


@dataclass(frozen=True)
class Migration:
    number: int
    name: str
    sql: str


def migrations() -> list[Migration]:
    """Every migration shipped with this version of Hearth, in order."""
    found = []
    for entry in resources.files("hearth.vault.migrations").iterdir():
        match = _NAME.match(entry.name)
        if match:
            found.append(Migration(int(match.group(1)), entry.name, entry.read_text("utf-8")))
    found.sort(key=lambda m: m.number)
    if [m.number for m in found] != list(range(1, len(found) + 1)):
        raise RuntimeError("schema migrations must be numbered 0001, 0002, ... without gaps")
    return found


LATEST_VERSION = len(migrations())


def schema_version(conn: Connection) -> int:
    return int(conn.execute("PRAGMA user_version").fetchone()[0])


def pending(conn: Connection) -> list[Migration]:
    """Migrations this vault has not had yet; `VaultDamaged` when it is newer than Hearth."""
    current = schema_version(conn)
    if current > LATEST_VERSION:
        raise VaultDamaged(
            f"This vault was written by a newer Hearth (schema {current}, this Hearth knows up "
            f"to {LATEST_VERSION}). Update Hearth to open it.",
            file=DB_FILE,
        )
    return [m for m in migrations() if m.number > current]


def apply(conn: Connection, migration: Migration) -> None:
    """Apply one migration atomically; user_version moves inside the same transaction."""
    conn.execute("BEGIN IMMEDIATE")
    try:
        for statement in _statements(migration.sql):
            conn.execute(statement)
        conn.execute(f"PRAGMA user_version = {migration.number:d}")
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    conn.execute("COMMIT")


def _statements(sql: str) -> list[str]:
    """Split a migration into statements (executescript would commit our transaction)."""
    statements: list[str] = []
    buffer = ""
    for line in sql.splitlines(keepends=True):
        if line.lstrip().startswith("--"):
            continue
        buffer += line
        if buffer.strip() and sqlcipher3.complete_statement(buffer):
            statements.append(buffer.strip())
            buffer = ""
    if buffer.strip():
        statements.append(buffer.strip())
    return statements
