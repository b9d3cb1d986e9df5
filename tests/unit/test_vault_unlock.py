"""Creating and unlocking a vault: who gets in, who does not, and that refusing changes nothing."""

from __future__ import annotations

from pathlib import Path

import pytest

from hearth.errors import UsageError, VaultDamaged, VaultMissing, WrongPassphrase
from hearth.vault import Vault
from hearth.vault.recovery import new_recovery_key

from .vault_helpers import OWNER, PASSPHRASE, snapshot


@pytest.fixture
def closed_vault(vault_path: Path) -> tuple[Path, str]:
    """A closed vault owned by Ana, and its recovery key."""
    vault, recovery_key = Vault.create(vault_path, OWNER, PASSPHRASE)
    vault.record("test.something_happened", {"n": 1})
    vault.close()
    return vault_path, recovery_key


def test_a_new_vault_folder_holds_exactly_the_documented_files(vault_path: Path) -> None:
    vault, _ = Vault.create(vault_path, OWNER, PASSPHRASE)
    vault.close()
    assert sorted(p.name for p in vault_path.iterdir()) == [
        "LOCK",
        "backups",
        "keyslots.json",
        "vault.db",
    ]
    assert (vault_path / "backups").is_dir()


def test_the_owner_unlocks_the_vault_they_created(closed_vault: tuple[Path, str]) -> None:
    path, _ = closed_vault
    with Vault.unlock(path, OWNER, PASSPHRASE) as vault:
        assert vault.member is not None
        assert (vault.member.name, vault.member.role.value) == (OWNER, "owner")
        assert [e.action for e in vault.audit_entries()] == [
            "vault.created",
            "test.something_happened",
        ]


def test_member_names_are_matched_without_regard_to_case_or_spacing(
    closed_vault: tuple[Path, str],
) -> None:
    path, _ = closed_vault
    with Vault.unlock(path, "  ana ", PASSPHRASE) as vault:
        assert vault.member is not None and vault.member.name == OWNER


def test_a_wrong_passphrase_is_refused_with_the_members_name(
    closed_vault: tuple[Path, str],
) -> None:
    path, _ = closed_vault
    with pytest.raises(WrongPassphrase) as refused:
        Vault.unlock(path, "ana", "correct horse battery stapler")
    assert str(refused.value) == "Wrong passphrase for Ana."
    assert refused.value.exit_code == 3


@pytest.mark.parametrize(
    "attempt",
    [
        pytest.param(lambda p, _rk: Vault.unlock(p, OWNER, "not the passphrase"), id="passphrase"),
        pytest.param(lambda p, _rk: Vault.unlock(p, "Zoe", PASSPHRASE), id="unknown-member"),
        pytest.param(
            lambda p, _rk: Vault.unlock_with_recovery_key(p, new_recovery_key()), id="recovery"
        ),
        pytest.param(lambda p, _rk: Vault.unlock_with_recovery_key(p, "not a key"), id="not-a-key"),
    ],
)
def test_a_refused_unlock_changes_no_byte_and_leaves_no_file_behind(
    closed_vault: tuple[Path, str], attempt
) -> None:
    path, recovery_key = closed_vault
    before = snapshot(path)
    assert "LOCK" in before and "vault.db" in before
    with pytest.raises((WrongPassphrase, UsageError)):
        attempt(path, recovery_key)
    assert snapshot(path) == before
    # The lock was let go: the right passphrase still gets in straight away.
    Vault.unlock(path, OWNER, PASSPHRASE).close()


def test_an_unknown_member_is_a_usage_error_naming_them(closed_vault: tuple[Path, str]) -> None:
    path, _ = closed_vault
    with pytest.raises(UsageError, match="no member called 'Zoe'") as refused:
        Vault.unlock(path, "Zoe", PASSPHRASE)
    assert not isinstance(refused.value, WrongPassphrase)


def test_a_folder_without_a_vault_is_vault_missing_with_the_init_hint(tmp_path: Path) -> None:
    for where in (tmp_path / "nothing-here", tmp_path):
        with pytest.raises(VaultMissing, match="hearth init") as missing:
            Vault.unlock(where, OWNER, PASSPHRASE)
        assert missing.value.exit_code == 2
    assert list(tmp_path.iterdir()) == []  # looking did not create anything


def test_a_vault_db_without_its_key_slots_is_damage_not_a_missing_vault(
    closed_vault: tuple[Path, str],
) -> None:
    path, _ = closed_vault
    (path / "keyslots.json").unlink()
    with pytest.raises(VaultDamaged) as damaged:
        Vault.unlock(path, OWNER, PASSPHRASE)
    assert damaged.value.file == "keyslots.json"


def test_key_slots_without_their_vault_db_is_damage_naming_vault_db(
    closed_vault: tuple[Path, str],
) -> None:
    path, _ = closed_vault
    (path / "vault.db").unlink()
    with pytest.raises(VaultDamaged) as damaged:
        Vault.unlock(path, OWNER, PASSPHRASE)
    assert damaged.value.file == "vault.db"


def test_creating_a_vault_where_one_exists_is_refused_and_touches_nothing(
    closed_vault: tuple[Path, str],
) -> None:
    path, _ = closed_vault
    before = snapshot(path)
    with pytest.raises(UsageError, match="already a vault"):
        Vault.create(path, "Mallory", "another long passphrase")
    assert snapshot(path) == before


def test_a_too_short_passphrase_is_refused_at_creation(vault_path: Path) -> None:
    with pytest.raises(UsageError, match="at least 8 characters"):
        Vault.create(vault_path, OWNER, "short")
    assert not (vault_path / "keyslots.json").exists()


def test_the_recovery_key_unlocks_the_vault(closed_vault: tuple[Path, str]) -> None:
    path, recovery_key = closed_vault
    with Vault.unlock_with_recovery_key(path, recovery_key) as vault:
        assert vault.member is None
        assert vault.actor == "recovery key"
        assert [m.name for m in vault.members()] == [OWNER]


def test_the_recovery_key_works_typed_in_lowercase_with_spaces(
    closed_vault: tuple[Path, str],
) -> None:
    path, recovery_key = closed_vault
    typed = "  " + recovery_key.lower().replace("-", " ") + "\n"
    assert typed.strip() != recovery_key
    with Vault.unlock_with_recovery_key(path, typed) as vault:
        assert vault.member is None


def test_a_different_recovery_key_does_not_unlock(closed_vault: tuple[Path, str]) -> None:
    path, recovery_key = closed_vault
    other = new_recovery_key()
    assert other != recovery_key
    with pytest.raises(WrongPassphrase, match="does not open this vault"):
        Vault.unlock_with_recovery_key(path, other)


def test_a_recovery_key_with_one_character_changed_does_not_unlock(
    closed_vault: tuple[Path, str],
) -> None:
    path, recovery_key = closed_vault
    changed = ("B" if recovery_key[0] != "B" else "C") + recovery_key[1:]
    with pytest.raises(WrongPassphrase):
        Vault.unlock_with_recovery_key(path, changed)


def test_a_passphrase_is_not_a_recovery_key(closed_vault: tuple[Path, str]) -> None:
    path, _ = closed_vault
    with pytest.raises(WrongPassphrase, match="not a recovery key"):
        Vault.unlock_with_recovery_key(path, PASSPHRASE)


def test_the_vault_id_of_the_database_matches_its_key_slots(vault: Vault) -> None:
    stored = vault.db.execute("SELECT value FROM vault_info WHERE key = 'vault_id'").fetchone()
    assert stored[0] == vault.vault_id == vault.slots.vault_id


def test_the_unlock_screen_lists_members_without_a_passphrase(vault: Vault) -> None:
    from hearth.vault import Role

    vault.add_member("Ben", Role.ADULT, "ben's own passphrase")
    vault.add_member("Cleo", Role.CHILD, "cleo's own passphrase")
    labels = Vault.members_of(vault.path)
    assert [(label.name, label.role) for label in labels] == [
        ("Ana", "owner"),
        ("Ben", "adult"),
        ("Cleo", "child"),
    ]


def test_vault_files_are_private_to_their_owner(vault_path: Path) -> None:
    from hearth.vault import Vault

    opened, _ = Vault.create(vault_path, "Ana", "correct horse battery staple")
    with opened:
        made = opened.backup()
    for file in (vault_path / "vault.db", vault_path / "keyslots.json", made / "vault.db"):
        assert file.stat().st_mode & 0o777 == 0o600, file


def test_a_backup_folder_cannot_be_unlocked_in_place(vault_path: Path) -> None:
    import pytest

    from hearth.errors import UsageError
    from hearth.vault import Vault

    opened, _ = Vault.create(vault_path, "Ana", "correct horse battery staple")
    with opened:
        made = opened.backup()
    before = {p.name: p.read_bytes() for p in made.iterdir()}
    with pytest.raises(UsageError, match="is a backup"):
        Vault.unlock(made, "Ana", "correct horse battery staple")
    assert {p.name: p.read_bytes() for p in made.iterdir()} == before
