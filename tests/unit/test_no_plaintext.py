"""No passphrase, recovery key, data key or vault content is ever written outside vault.db's
encryption: not in the vault folder (WAL, backups, set-aside copies included), not in temp."""

from __future__ import annotations

import os
import tempfile
import uuid
from collections.abc import Iterable
from pathlib import Path

import pytest

from hearth.vault import Role, Vault, restore_backup, rotation
from hearth.vault.database import transaction
from hearth.vault.recovery import recovery_secret


def encodings(text: str) -> list[bytes]:
    return [text.encode("utf-8"), text.encode("utf-16-le"), text.encode("utf-16-be")]


def key_forms(key: bytes) -> list[bytes]:
    return [key, *encodings(key.hex()), *encodings(key.hex().upper())]


def files_under(*folders: Path) -> Iterable[Path]:
    for folder in folders:
        yield from (p for p in folder.rglob("*") if p.is_file())


def where_found(needles: dict[str, list[bytes]], *folders: Path) -> list[tuple[str, str]]:
    """(what, file) for every needle found in the raw bytes of any file under ``folders``."""
    found = []
    for path in files_under(*folders):
        data = path.read_bytes()
        for what, forms in needles.items():
            if any(form in data for form in forms):
                found.append((what, str(path)))
    return found


def test_the_scan_finds_a_marker_where_one_is_in_the_clear(tmp_path: Path) -> None:
    """The search below would be worthless if it could not see a marker; member names are
    deliberately visible in keyslots.json (unlock screen labels), so one serves as control."""
    label = f"Ben {uuid.uuid4().hex}"
    vault, _ = Vault.create(tmp_path / "vault", "Ana", "a long enough passphrase")
    with vault:
        vault.add_member(label, Role.ADULT, "another long passphrase")
    (tmp_path / "note.txt").write_bytes(label.encode("utf-16-le"))
    found = where_found({"label": encodings(label)}, tmp_path)
    assert sorted(Path(f).name for _, f in found) == ["keyslots.json", "note.txt"]


def test_no_secret_or_record_value_is_ever_written_in_the_clear(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    temp = tmp_path / "temp"
    temp.mkdir()
    monkeypatch.setenv("TMPDIR", str(temp))
    monkeypatch.setattr(tempfile, "tempdir", None)
    assert tempfile.gettempdir() == str(temp)
    home = Path(os.environ["HOME"])
    path = tmp_path / "vault"

    owner_pass = f"owner-passphrase-{uuid.uuid4().hex}"
    adult_pass = f"adult-passphrase-{uuid.uuid4().hex}"
    new_pass = f"changed-passphrase-{uuid.uuid4().hex}"
    note = f"record-note-{uuid.uuid4().hex}"
    title = f"dataset-title-{uuid.uuid4().hex}"
    needles: dict[str, list[bytes]] = {
        "owner passphrase": encodings(owner_pass),
        "adult passphrase": encodings(adult_pass),
        "changed passphrase": encodings(new_pass),
        "audit note": encodings(note),
        "dataset title": encodings(title),
    }

    def assert_nothing_in_the_clear(step: str) -> None:
        found = where_found(needles, path, temp, home)
        assert found == [], f"after {step}: {found}"

    vault, recovery_key = Vault.create(path, "Ana", owner_pass)
    needles["recovery key"] = [
        *encodings(recovery_key),
        *encodings(recovery_key.replace("-", "")),
        *encodings(recovery_key.lower()),
        recovery_secret(recovery_key),
    ]
    needles["data key 1"] = key_forms(vault._data_key)
    vault.add_member("Ben", Role.ADULT, adult_pass)
    vault.record("test.note", {"note": note})
    with transaction(vault.db):
        vault.db.execute(
            "INSERT INTO datasets (member_id, title, source, created_at) VALUES (1, ?, 's', 'x')",
            (title,),
        )
    assert (path / "vault.db-wal").exists()
    assert_nothing_in_the_clear("writing, vault open (WAL present)")
    made = vault.backup()
    assert_nothing_in_the_clear("a backup")
    real_write_pending = rotation.write_pending
    pending_files: list[bytes] = []

    def write_pending_and_scan(vault_path: Path, sealed: bytes) -> None:
        real_write_pending(vault_path, sealed)
        pending_files.append((vault_path / rotation.PENDING_FILE).read_bytes())
        assert_nothing_in_the_clear("writing the pending key slots")

    monkeypatch.setattr(rotation, "write_pending", write_pending_and_scan)
    vault.rotate_data_key()
    monkeypatch.setattr(rotation, "write_pending", real_write_pending)
    needles["data key 2"] = key_forms(vault._data_key)
    (pending,) = pending_files
    assert not any(form in pending for form in needles["data key 2"])
    assert_nothing_in_the_clear("rotating the data key")
    vault.change_passphrase("Ben", new_pass)
    vault.close()
    assert_nothing_in_the_clear("changing a passphrase and closing")

    restored = restore_backup(made, path, "Ana", owner_pass)
    assert [d.title for d in restored.datasets()] == [title]  # the content really is there
    restored.close()
    assert list(path.glob("backups/before-restore-*"))
    assert_nothing_in_the_clear("restoring a backup")
    with Vault.unlock(path, "Ana", owner_pass) as again:
        assert again.audit_entries(action="test.note")[0].details == {"note": note}
    assert_nothing_in_the_clear("unlocking again")
