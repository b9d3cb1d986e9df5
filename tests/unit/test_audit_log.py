"""The audit log is a hash chain: any edit, deletion or cut-off of entries is detected."""

from __future__ import annotations

import itertools
import json

import pytest
import sqlcipher3

from hearth.vault import Vault
from hearth.vault.audit import GENESIS_HASH, entry_hash
from hearth.vault.database import transaction

from .vault_helpers import OWNER, PASSPHRASE


@pytest.fixture
def logged(vault: Vault) -> Vault:
    """The open vault with six audit entries (vault.created + five)."""
    for i in range(2, 7):
        vault.record("test.step", {"n": i})
    assert len(vault.audit_entries()) == 6
    return vault


def drop_triggers(vault: Vault) -> None:
    vault.db.execute("DROP TRIGGER audit_log_no_update")
    vault.db.execute("DROP TRIGGER audit_log_no_delete")


def test_each_entry_carries_the_hash_of_the_one_before(logged: Vault) -> None:
    entries = logged.audit_entries()
    assert [e.seq for e in entries] == [1, 2, 3, 4, 5, 6]
    assert entries[0].prev_hash == GENESIS_HASH
    for before, entry in itertools.pairwise(entries):
        assert entry.prev_hash == before.hash
    for e in entries:
        assert e.hash == entry_hash(
            e.seq, e.at, e.member_id, e.actor, e.action, e.details, e.prev_hash
        )
    assert entries[0].actor == OWNER and entries[0].action == "vault.created"


def test_an_untouched_log_verifies(logged: Vault) -> None:
    report = logged.verify_audit_log()
    assert (report.ok, report.entries, report.problem, report.first_bad_seq) == (
        True,
        6,
        None,
        None,
    )


def test_the_log_can_be_filtered_by_action_and_actor(logged: Vault) -> None:
    assert [e.seq for e in logged.audit_entries(action="test.step")] == [2, 3, 4, 5, 6]
    assert len(logged.audit_entries(actor="ana")) == 6
    assert logged.audit_entries(actor="Ben") == []


def test_updating_an_entry_is_refused_by_the_database(logged: Vault) -> None:
    with pytest.raises(sqlcipher3.DatabaseError, match="append-only"):
        logged.db.execute("UPDATE audit_log SET details = '{}' WHERE seq = 3")
    assert logged.audit_entries()[2].details == {"n": 3}


def test_deleting_an_entry_is_refused_by_the_database(logged: Vault) -> None:
    with pytest.raises(sqlcipher3.DatabaseError, match="append-only"):
        logged.db.execute("DELETE FROM audit_log WHERE seq = 6")
    assert len(logged.audit_entries()) == 6
    assert logged.verify_audit_log().ok


@pytest.mark.parametrize(
    "column,value",
    [
        ("details", '{"n": 33}'),
        ("actor", "Mallory"),
        ("action", "test.other"),
        ("at", "2000-01-01T00:00:00Z"),
        ("member_id", None),
        ("details", "not json"),
    ],
)
def test_an_edited_entry_is_detected_with_its_number(
    logged: Vault, column: str, value: object
) -> None:
    drop_triggers(logged)
    logged.db.execute(f"UPDATE audit_log SET {column} = ? WHERE seq = 3", (value,))  # noqa: S608
    report = logged.verify_audit_log()
    assert not report.ok
    assert report.first_bad_seq == 3
    assert report.problem == "entry 3 was edited"
    assert report.entries == 2  # entries 1 and 2 were still fine


def test_an_edit_that_recomputes_the_entrys_own_hash_breaks_the_next_link(
    logged: Vault,
) -> None:
    drop_triggers(logged)
    e = logged.audit_entries()[2]
    forged = {"n": 333}
    digest = entry_hash(e.seq, e.at, e.member_id, e.actor, e.action, forged, e.prev_hash)
    logged.db.execute(
        "UPDATE audit_log SET details = ?, hash = ? WHERE seq = 3", (json.dumps(forged), digest)
    )
    report = logged.verify_audit_log()
    assert (report.ok, report.first_bad_seq) == (False, 4)
    assert report.problem == "entry 4 does not follow entry 3"


def test_a_deleted_middle_entry_is_detected_with_its_number(logged: Vault) -> None:
    drop_triggers(logged)
    logged.db.execute("DELETE FROM audit_log WHERE seq = 3")
    report = logged.verify_audit_log()
    assert (report.ok, report.first_bad_seq, report.problem) == (False, 3, "entry 3 is missing")


def test_deleting_and_renumbering_is_still_detected(logged: Vault) -> None:
    drop_triggers(logged)
    with transaction(logged.db):
        logged.db.execute("DELETE FROM audit_log WHERE seq = 3")
        logged.db.execute("UPDATE audit_log SET seq = seq - 1 WHERE seq > 3")
    report = logged.verify_audit_log()
    assert (report.ok, report.first_bad_seq) == (False, 3)


@pytest.mark.parametrize("keep", [5, 3, 1, 0])
def test_deleting_the_newest_entries_is_detected_by_the_head_anchor(
    logged: Vault, keep: int
) -> None:
    drop_triggers(logged)
    logged.db.execute("DELETE FROM audit_log WHERE seq > ?", (keep,))
    report = logged.verify_audit_log()
    assert not report.ok
    assert report.problem == "the newest entries were removed"
    assert report.first_bad_seq == keep + 1


def test_moving_the_head_anchor_alone_is_detected(logged: Vault) -> None:
    e = logged.audit_entries()[4]
    logged.db.execute(
        "UPDATE vault_info SET value = ? WHERE key = 'audit_head'", (f"{e.seq}:{e.hash}",)
    )
    assert not logged.verify_audit_log().ok


def test_entries_keep_being_appended_and_verified_across_unlocks(vault: Vault) -> None:
    path = vault.path
    vault.record("test.first")
    vault.close()
    with Vault.unlock(path, OWNER, PASSPHRASE) as again:
        again.record("test.second", {"k": "v"})
        entries = again.audit_entries()
        assert [e.action for e in entries][-2:] == ["test.first", "test.second"]
        assert entries[-1].prev_hash == entries[-2].hash
        assert again.verify_audit_log().ok


def test_an_entry_is_written_in_the_same_transaction_as_the_change(vault: Vault) -> None:
    """A change that fails leaves no audit entry claiming it happened."""
    before = len(vault.audit_entries())
    with pytest.raises(RuntimeError), transaction(vault.db):
        vault.audit("test.doomed")
        raise RuntimeError("the change failed")
    assert len(vault.audit_entries()) == before
    assert vault.verify_audit_log().ok
