"""Schema migrations are numbered without gaps, applied atomically, and a newer vault is refused."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

import pytest
import sqlcipher3

from hearth.errors import VaultDamaged
from hearth.vault import Vault, schema
from hearth.vault.database import transaction

from .vault_helpers import OWNER, PASSPHRASE, snapshot


def test_migrations_are_numbered_from_one_without_gaps() -> None:
    found = schema.migrations()
    assert [m.number for m in found] == list(range(1, len(found) + 1))
    assert schema.LATEST_VERSION == len(found) >= 1
    for m in found:
        assert m.name.startswith(f"{m.number:04d}_") and m.name.endswith(".sql")


def test_every_sql_file_shipped_is_a_migration() -> None:
    """A misnamed file (0002-records.sql, 2_records.sql) would otherwise be skipped silently."""
    shipped = {
        entry.name
        for entry in resources.files("hearth.vault.migrations").iterdir()
        if entry.name.endswith(".sql")
    }
    assert shipped == {m.name for m in schema.migrations()}


def test_a_gap_in_the_numbering_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "0001_first.sql").write_text("CREATE TABLE a (x);", "utf-8")
    (tmp_path / "0003_third.sql").write_text("CREATE TABLE c (x);", "utf-8")
    monkeypatch.setattr(schema.resources, "files", lambda _package: tmp_path)
    with pytest.raises(RuntimeError, match="without gaps"):
        schema.migrations()


def test_a_new_vault_is_at_the_latest_schema_with_its_triggers(vault: Vault) -> None:
    assert vault.schema_version() == schema.LATEST_VERSION
    triggers = {
        row[0] for row in vault.db.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")
    }
    assert {"audit_log_no_update", "audit_log_no_delete"} <= triggers


def test_a_failing_migration_changes_nothing(vault: Vault) -> None:
    broken = schema.Migration(
        schema.LATEST_VERSION + 1,
        "9999_broken.sql",
        "CREATE TABLE half_done (x INTEGER);\nINSERT INTO no_such_table VALUES (1);\n",
    )
    with pytest.raises(sqlcipher3.OperationalError):
        schema.apply(vault.db, broken)
    assert vault.schema_version() == schema.LATEST_VERSION
    assert (
        vault.db.execute("SELECT 1 FROM sqlite_master WHERE name = 'half_done'").fetchone() is None
    )


def test_a_migration_moves_the_schema_version_with_its_tables(vault: Vault) -> None:
    step = schema.Migration(
        schema.LATEST_VERSION + 1,
        "9999_step.sql",
        "-- a comment line\nCREATE TABLE step_one (x INTEGER);\n"
        "CREATE TRIGGER step_one_t BEFORE DELETE ON step_one\nBEGIN\n"
        "    SELECT RAISE(ABORT, 'no; really');\nEND;\n",
    )
    schema.apply(vault.db, step)
    assert vault.schema_version() == schema.LATEST_VERSION + 1
    names = {row[0] for row in vault.db.execute("SELECT name FROM sqlite_master")}
    assert {"step_one", "step_one_t"} <= names


def test_a_vault_from_a_newer_hearth_is_refused_with_a_request_to_update(
    vault_path: Path,
) -> None:
    vault, _ = Vault.create(vault_path, OWNER, PASSPHRASE)
    with vault, transaction(vault.db):
        vault.db.execute(f"PRAGMA user_version = {schema.LATEST_VERSION + 5:d}")
    before = snapshot(vault_path)
    with pytest.raises(VaultDamaged, match="newer Hearth") as refused:
        Vault.unlock(vault_path, OWNER, PASSPHRASE)
    assert "Update Hearth" in str(refused.value)
    assert refused.value.file == "vault.db"
    assert snapshot(vault_path) == before
