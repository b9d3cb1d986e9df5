"""Members and roles: the owner manages the household; each member has their own key slot."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from hearth.errors import NotAllowed, UsageError, WrongPassphrase
from hearth.vault import Role, Vault
from hearth.vault.database import transaction

from .vault_helpers import OWNER, PASSPHRASE, snapshot

BEN, BEN_PASS = "Ben", "ben's own passphrase"
CLEO, CLEO_PASS = "Cleo", "cleo's own passphrase"


def slots_by_id(path: Path) -> dict[str, dict]:
    raw = json.loads((path / "keyslots.json").read_bytes())
    return {slot["slot_id"]: slot for slot in raw["slots"]}


@pytest.fixture
def family(vault_path: Path) -> tuple[Path, str]:
    """A closed vault: Ana (owner), Ben (adult), Cleo (child); returns path and recovery key."""
    vault, recovery_key = Vault.create(vault_path, OWNER, PASSPHRASE)
    with vault:
        vault.add_member(BEN, Role.ADULT, BEN_PASS)
        vault.add_member(CLEO, Role.CHILD, CLEO_PASS)
    return vault_path, recovery_key


def test_the_owner_adds_an_adult_and_a_child_who_can_each_unlock(
    family: tuple[Path, str],
) -> None:
    path, _ = family
    for name, passphrase, role in ((BEN, BEN_PASS, Role.ADULT), (CLEO, CLEO_PASS, Role.CHILD)):
        with Vault.unlock(path, name, passphrase) as vault:
            assert vault.member is not None
            assert (vault.member.name, vault.member.role) == (name, role)
    with Vault.unlock(path, OWNER, PASSPHRASE) as vault:
        assert [(m.name, m.role) for m in vault.members()] == [
            (OWNER, Role.OWNER),
            (BEN, Role.ADULT),
            (CLEO, Role.CHILD),
        ]
        added = vault.audit_entries(action="member.added")
        assert [(e.actor, e.details) for e in added] == [
            (OWNER, {"member": BEN, "role": "adult"}),
            (OWNER, {"member": CLEO, "role": "child"}),
        ]
    assert set(slots_by_id(path)) == {"member-1", "member-2", "member-3", "recovery"}


def test_each_member_opens_only_with_their_own_passphrase(family: tuple[Path, str]) -> None:
    path, _ = family
    with pytest.raises(WrongPassphrase, match=r"^Wrong passphrase for Ben\.$"):
        Vault.unlock(path, BEN, CLEO_PASS)
    with pytest.raises(WrongPassphrase, match=r"^Wrong passphrase for Cleo\.$"):
        Vault.unlock(path, CLEO, PASSPHRASE)


@pytest.mark.parametrize("who,passphrase", [(BEN, BEN_PASS), (CLEO, CLEO_PASS)])
def test_a_member_who_is_not_the_owner_cannot_add_or_remove_members(
    family: tuple[Path, str], who: str, passphrase: str
) -> None:
    path, _ = family
    before = snapshot(path)
    with Vault.unlock(path, who, passphrase) as vault:
        with pytest.raises(NotAllowed, match="Only the vault's owner"):
            vault.add_member("Dan", Role.CHILD, "dan's own passphrase")
        with pytest.raises(NotAllowed, match="Only the vault's owner"):
            vault.remove_member(CLEO if who == BEN else BEN)
        assert [m.name for m in vault.members()] == [OWNER, BEN, CLEO]
    assert snapshot(path)["keyslots.json"] == before["keyslots.json"]


def test_the_recovery_key_cannot_add_members(family: tuple[Path, str]) -> None:
    path, recovery_key = family
    with Vault.unlock_with_recovery_key(path, recovery_key) as vault:
        with pytest.raises(NotAllowed):
            vault.add_member("Dan", Role.ADULT, "dan's own passphrase")
        with pytest.raises(NotAllowed):
            vault.remove_member(BEN)


def test_a_second_owner_cannot_be_added(vault: Vault) -> None:
    with pytest.raises(UsageError, match="one owner"):
        vault.add_member("Ben", Role.OWNER, BEN_PASS)
    assert [m.name for m in vault.members()] == [OWNER]


def test_the_owner_cannot_be_removed(vault: Vault) -> None:
    with pytest.raises(NotAllowed, match="owner cannot be removed"):
        vault.remove_member(OWNER)
    assert [m.name for m in vault.members()] == [OWNER]


def test_removing_a_member_deletes_their_slot_and_they_can_no_longer_unlock(
    family: tuple[Path, str],
) -> None:
    path, _ = family
    before = slots_by_id(path)
    with Vault.unlock(path, OWNER, PASSPHRASE) as vault:
        vault.remove_member("ben")
        assert [m.name for m in vault.members()] == [OWNER, CLEO]
        assert vault.audit_entries(action="member.removed")[-1].details == {"member": BEN}
    after = slots_by_id(path)
    assert "member-2" not in after
    assert {k: before[k] for k in after} == after  # the others are untouched
    assert "Ben" not in (path / "keyslots.json").read_text("utf-8")
    with pytest.raises(UsageError, match="no member called"):
        Vault.unlock(path, BEN, BEN_PASS)
    Vault.unlock(path, CLEO, CLEO_PASS).close()


def test_a_member_who_owns_datasets_is_not_removed(family: tuple[Path, str]) -> None:
    path, _ = family
    with Vault.unlock(path, OWNER, PASSPHRASE) as vault:
        with transaction(vault.db):
            vault.db.execute(
                "INSERT INTO datasets (member_id, title, source, created_at) "
                "VALUES (2, 'Steps', 'fitbit', '2024-01-01T00:00:00Z')"
            )
        with pytest.raises(UsageError, match="still has 1 dataset"):
            vault.remove_member(BEN)
    Vault.unlock(path, BEN, BEN_PASS).close()


def test_a_slot_left_behind_by_an_interrupted_removal_opens_nothing(
    family: tuple[Path, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Crash after the member's row is gone but before keyslots.json is rewritten."""
    path, _ = family
    with Vault.unlock(path, OWNER, PASSPHRASE) as vault:

        def crash(self: Vault, slots: object) -> None:
            raise KeyboardInterrupt

        monkeypatch.setattr(Vault, "_write_slots", crash)
        with pytest.raises(KeyboardInterrupt):
            vault.remove_member(BEN)
        monkeypatch.undo()
    assert "member-2" in slots_by_id(path)
    with pytest.raises(UsageError, match="removed from this vault"):
        Vault.unlock(path, BEN, BEN_PASS)
    Vault.unlock(path, OWNER, PASSPHRASE).close()  # and the failed unlock let go of LOCK


@pytest.mark.parametrize("duplicate", ["Ben", "ben", "BEN", "  Ben  "])
def test_a_second_member_with_the_same_name_is_refused_whatever_its_case(
    vault: Vault, duplicate: str
) -> None:
    vault.add_member(BEN, Role.ADULT, BEN_PASS)
    slots_before = (vault.path / "keyslots.json").read_bytes()
    with pytest.raises(UsageError, match="already a member called"):
        vault.add_member(duplicate, Role.CHILD, "a different passphrase")
    assert [m.name for m in vault.members()] == [OWNER, BEN]
    assert (vault.path / "keyslots.json").read_bytes() == slots_before


def test_changing_a_passphrase_leaves_other_members_slots_byte_identical(
    family: tuple[Path, str],
) -> None:
    path, recovery_key = family
    before = slots_by_id(path)
    with Vault.unlock(path, BEN, BEN_PASS) as vault:
        vault.change_passphrase(BEN, "ben's brand new passphrase")
    after = slots_by_id(path)
    assert after.keys() == before.keys()
    assert after["member-2"] != before["member-2"]
    for slot_id in ("member-1", "member-3", "recovery"):
        assert after[slot_id] == before[slot_id]
    # ... and every other way in still works, Ben's only with the new passphrase.
    for name, passphrase in ((OWNER, PASSPHRASE), (CLEO, CLEO_PASS)):
        Vault.unlock(path, name, passphrase).close()
    Vault.unlock_with_recovery_key(path, recovery_key).close()
    with pytest.raises(WrongPassphrase):
        Vault.unlock(path, BEN, BEN_PASS)
    with Vault.unlock(path, BEN, "ben's brand new passphrase") as vault:
        changed = vault.audit_entries(action="member.passphrase_changed")
        assert [(e.actor, e.details) for e in changed] == [(BEN, {"member": BEN})]


def test_the_owner_can_reset_another_members_passphrase(family: tuple[Path, str]) -> None:
    path, _ = family
    with Vault.unlock(path, OWNER, PASSPHRASE) as vault:
        vault.change_passphrase(CLEO, "cleo's reset passphrase")
    with pytest.raises(WrongPassphrase):
        Vault.unlock(path, CLEO, CLEO_PASS)
    Vault.unlock(path, CLEO, "cleo's reset passphrase").close()


@pytest.mark.parametrize(
    "who,passphrase,target",
    [(BEN, BEN_PASS, CLEO), (BEN, BEN_PASS, OWNER), (CLEO, CLEO_PASS, BEN)],
)
def test_a_member_who_is_not_the_owner_cannot_reset_someone_elses_passphrase(
    family: tuple[Path, str], who: str, passphrase: str, target: str
) -> None:
    path, _ = family
    before = (path / "keyslots.json").read_bytes()
    with (
        Vault.unlock(path, who, passphrase) as vault,
        pytest.raises(NotAllowed, match=f"Only {target} or the vault's owner"),
    ):
        vault.change_passphrase(target, "a takeover passphrase")
    assert (path / "keyslots.json").read_bytes() == before


def test_a_recovery_key_session_can_set_a_forgotten_passphrase(
    family: tuple[Path, str],
) -> None:
    path, recovery_key = family
    with Vault.unlock_with_recovery_key(path, recovery_key) as vault:
        vault.change_passphrase(OWNER, "ana remembers this one")
        entry = vault.audit_entries(action="member.passphrase_changed")[-1]
        assert (entry.actor, entry.member_id) == ("recovery key", None)
    with pytest.raises(WrongPassphrase):
        Vault.unlock(path, OWNER, PASSPHRASE)
    with Vault.unlock(path, OWNER, "ana remembers this one") as vault:
        assert vault.verify_audit_log().ok


def test_a_new_passphrase_that_is_too_short_is_refused(family: tuple[Path, str]) -> None:
    path, _ = family
    before = (path / "keyslots.json").read_bytes()
    with Vault.unlock(path, BEN, BEN_PASS) as vault, pytest.raises(UsageError):
        vault.change_passphrase(BEN, "short")
    assert (path / "keyslots.json").read_bytes() == before


def test_a_new_recovery_key_replaces_the_old_one(family: tuple[Path, str]) -> None:
    path, old_key = family
    before = slots_by_id(path)
    with Vault.unlock(path, OWNER, PASSPHRASE) as vault:
        new_key = vault.replace_recovery_key()
    after = slots_by_id(path)
    assert {k: v for k, v in after.items() if k != "recovery"} == {
        k: v for k, v in before.items() if k != "recovery"
    }
    with pytest.raises(WrongPassphrase):
        Vault.unlock_with_recovery_key(path, old_key)
    Vault.unlock_with_recovery_key(path, new_key).close()


def test_only_the_owner_makes_a_new_recovery_key(family: tuple[Path, str]) -> None:
    path, _ = family
    with Vault.unlock(path, BEN, BEN_PASS) as vault, pytest.raises(NotAllowed):
        vault.replace_recovery_key()


@pytest.mark.parametrize("name", ["", "   ", "x" * 61, "Ben\x00", "Ben\x1b[2J"])
def test_member_names_that_cannot_be_shown_are_refused(vault: Vault, name: str) -> None:
    with pytest.raises(UsageError):
        vault.add_member(name, Role.ADULT, BEN_PASS)
    assert [m.name for m in vault.members()] == [OWNER]


def test_spacing_in_a_members_name_is_tidied_before_it_is_stored(vault: Vault) -> None:
    member = vault.add_member("  Ben \n  Smith ", Role.ADULT, BEN_PASS)
    assert member.name == "Ben Smith"
    assert [label.name for label in Vault.members_of(vault.path)] == [OWNER, "Ben Smith"]
