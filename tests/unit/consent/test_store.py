"""Consent kept in the vault: versions, guardian approval, withdrawal, records and the log."""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from pathlib import Path

import pytest

from hearth.consent import store
from hearth.consent.odrl import dataset_uid, terms_hash
from hearth.consent.policy import Buyers, Purpose
from hearth.consent.store import PolicyState
from hearth.consent.summary import summarize
from hearth.errors import NotAllowed, PolicyRefused, UsageError
from hearth.importers.pipeline import import_path
from hearth.vault import Role, Vault
from hearth.vault.database import DatabaseError
from tests.unit.importers.apple_samples import write_heart_rates

from ..vault_helpers import OWNER, PASSPHRASE
from .policies import BOB, issue_example, sellable

BEN, BEN_PASS = "Ben", "ben's own passphrase"
CLEO, CLEO_PASS = "Cleo", "cleo's own passphrase"
PASSPHRASES = {OWNER: PASSPHRASE, BEN: BEN_PASS, CLEO: CLEO_PASS}


@dataclass(frozen=True)
class Family:
    """A closed vault where Ana (owner), Ben (adult) and Cleo (child) each imported a dataset."""

    path: Path
    recovery_key: str
    datasets: dict[str, int]

    @contextmanager
    def as_(self, name: str) -> Iterator[Vault]:
        with Vault.unlock(self.path, name, PASSPHRASES[name]) as vault:
            yield vault


@pytest.fixture
def family(vault_path: Path, tmp_path: Path) -> Family:
    export = write_heart_rates(tmp_path / "export.xml", 30)
    vault, recovery_key = Vault.create(vault_path, OWNER, PASSPHRASE)
    with vault:
        vault.add_member(BEN, Role.ADULT, BEN_PASS)
        vault.add_member(CLEO, Role.CHILD, CLEO_PASS)
    datasets = {}
    for name in (OWNER, BEN, CLEO):
        # Datasets belong to whoever imports them, so each member imports their own.
        with Vault.unlock(vault_path, name, PASSPHRASES[name]) as member_vault:
            [outcome] = import_path(member_vault, export)
            datasets[name] = outcome.result.dataset_id
    assert len(set(datasets.values())) == 3
    return Family(vault_path, recovery_key, datasets)


def rows(vault: Vault, sql: str) -> list[tuple[object, ...]]:
    with vault.reading() as conn:
        return list(conn.execute(sql).fetchall())


def counts(vault: Vault) -> tuple[object, ...]:
    """Policy versions, consent records and audit entries: what every change adds to."""
    [row] = rows(
        vault,
        "SELECT (SELECT count(*) FROM consent_policies), (SELECT count(*) FROM consent_records), "
        "(SELECT count(*) FROM audit_log)",
    )
    return row


# ------------------------------------------------------------------ one's own dataset


def test_a_members_policy_is_active_at_once_with_its_terms_hash(family: Family) -> None:
    dataset = family.datasets[OWNER]
    with family.as_(OWNER) as vault:
        saved = store.set_policy(vault, issue_example(dataset))
        assert (saved.version, saved.state) == (1, PolicyState.ACTIVE)
        assert saved.policy == issue_example(dataset)
        assert saved.terms_hash == terms_hash(
            issue_example(dataset), dataset_uid(vault.vault_id, dataset)
        )
        assert (saved.set_by, saved.approved_by, saved.ended_at) == (OWNER, None, None)
        current = store.status(vault, dataset)
        assert current.active == saved and current.waiting is None
        assert current.sentence() == "On offer under these terms."
        assert (current.title, current.member, current.member_role) == (
            "Apple Health",
            OWNER,
            Role.OWNER,
        )
        assert store.effective_policy(vault, dataset, purpose=Purpose.ACADEMIC_RESEARCH) == saved


def test_a_dataset_with_no_policy_is_not_on_offer_and_sales_are_refused(family: Family) -> None:
    dataset = family.datasets[OWNER]
    with family.as_(OWNER) as vault:
        assert store.status(vault, dataset).sentence() == "Not on offer: no terms set yet."
        with pytest.raises(PolicyRefused, match="has no consent policy: set one first"):
            store.effective_policy(vault, dataset)


def test_a_new_version_supersedes_the_old_and_both_stay_in_the_history(family: Family) -> None:
    dataset = family.datasets[OWNER]
    with family.as_(OWNER) as vault:
        first = store.set_policy(vault, issue_example(dataset))
        second = store.set_policy(vault, replace(issue_example(dataset), licence_days=30))
        assert second.version == 2 and second.terms_hash != first.terms_hash
        versions = store.history(vault, dataset)
        assert [(v.version, v.state) for v in versions] == [
            (1, PolicyState.SUPERSEDED),
            (2, PolicyState.ACTIVE),
        ]
        assert versions[0].ended_at is not None
        assert store.effective_policy(vault, dataset).version == 2
        events = [r["event"]["type"] for r in store.consent_records(vault, dataset)]
        assert events == ["given", "changed"]


def test_the_active_policy_refuses_a_purpose_or_buyer_it_does_not_allow(family: Family) -> None:
    dataset = family.datasets[OWNER]
    with family.as_(OWNER) as vault:
        store.set_policy(vault, replace(sellable(dataset), buyers=Buyers(deny=(BOB,))))
        with pytest.raises(PolicyRefused, match="does not allow the purpose 'advertising'"):
            store.effective_policy(vault, dataset, purpose=Purpose.ADVERTISING)
        with pytest.raises(PolicyRefused, match=f"does not allow {BOB} to buy"):
            store.effective_policy(vault, dataset, buyer=BOB)


def test_a_policy_for_no_purpose_is_stored_but_sells_nothing(family: Family) -> None:
    dataset = family.datasets[OWNER]
    with family.as_(OWNER) as vault:
        store.set_policy(vault, replace(sellable(dataset), purposes=frozenset()))
        with pytest.raises(PolicyRefused, match="allows no purpose yet"):
            store.effective_policy(vault, dataset)


def test_withdrawing_stops_sales_at_once_and_says_so(family: Family) -> None:
    dataset = family.datasets[OWNER]
    with family.as_(OWNER) as vault:
        store.set_policy(vault, sellable(dataset))
        store.effective_policy(vault, dataset)
        store.withdraw(vault, dataset)
        with pytest.raises(PolicyRefused, match="Consent for 'Apple Health' was withdrawn"):
            store.effective_policy(vault, dataset)
        current = store.status(vault, dataset)
        assert current.withdrawn and current.active is None
        assert current.sentence() == "Consent withdrawn: not on offer."
        assert [v.state for v in store.history(vault, dataset)] == [PolicyState.WITHDRAWN]
        assert store.consent_records(vault, dataset)[-1]["event"]["type"] == "withdrawn"
        assert store.consent_records(vault, dataset)[-1]["state"] == "withdrawn"
    # Withdrawal is stored, not remembered by one open session.
    with family.as_(OWNER) as vault:
        with pytest.raises(PolicyRefused, match="withdrawn"):
            store.effective_policy(vault, dataset)
        assert "cannot be called back" in store.WITHDRAWN_NOTE


def test_withdrawing_twice_is_a_plain_sentence_and_adds_nothing(family: Family) -> None:
    dataset = family.datasets[OWNER]
    with family.as_(OWNER) as vault:
        with pytest.raises(UsageError, match="is not on offer; there is nothing to withdraw"):
            store.withdraw(vault, dataset)
        store.set_policy(vault, sellable(dataset))
        store.withdraw(vault, dataset)
        before = counts(vault)
        with pytest.raises(UsageError, match="nothing to withdraw"):
            store.withdraw(vault, dataset)
        assert counts(vault) == before


def test_new_terms_after_a_withdrawal_put_the_data_back_on_offer(family: Family) -> None:
    dataset = family.datasets[OWNER]
    with family.as_(OWNER) as vault:
        store.set_policy(vault, sellable(dataset))
        store.withdraw(vault, dataset)
        again = store.set_policy(vault, sellable(dataset, "0.02"))
        assert (again.version, again.state) == (2, PolicyState.ACTIVE)
        assert not store.status(vault, dataset).withdrawn
        assert store.effective_policy(vault, dataset) == again


# ------------------------------------------------------------------ a child's dataset


def test_a_childs_policy_waits_for_a_guardian(family: Family) -> None:
    dataset = family.datasets[CLEO]
    with family.as_(CLEO) as vault:
        waiting = store.set_policy(vault, sellable(dataset))
        assert waiting.state is PolicyState.AWAITING_APPROVAL
        current = store.status(vault, dataset)
        assert current.needs_guardian and current.active is None and current.waiting == waiting
        assert current.sentence() == "Waiting for a guardian to approve the new terms."
        with pytest.raises(PolicyRefused, match="a guardian must approve its terms first"):
            store.effective_policy(vault, dataset)
        with pytest.raises(NotAllowed, match="Only a guardian"):
            store.approve(vault, dataset)
        [record] = store.consent_records(vault, dataset)
        assert record["event"]["type"] == "awaiting-approval" and "guardian" not in record
    with family.as_(BEN) as vault:
        approved = store.approve(vault, dataset)
        assert (approved.version, approved.state) == (1, PolicyState.ACTIVE)
        assert (approved.set_by, approved.approved_by) == (CLEO, BEN)
        assert approved.approved_at is not None
        assert store.effective_policy(vault, dataset) == approved
        record = store.consent_records(vault, dataset)[-1]
        assert record["event"]["type"] == "approved" and record["event"]["role"] == "adult"
        assert record["guardian"]["id"].startswith(f"urn:hearth:{vault.vault_id}:member:")


def test_the_owner_is_a_guardian_too(family: Family) -> None:
    dataset = family.datasets[CLEO]
    with family.as_(CLEO) as vault:
        store.set_policy(vault, sellable(dataset))
    with family.as_(OWNER) as vault:
        assert store.approve(vault, dataset).approved_by == OWNER


def test_a_childs_new_terms_wait_while_the_approved_ones_stay_in_force(family: Family) -> None:
    dataset = family.datasets[CLEO]
    with family.as_(CLEO) as vault:
        store.set_policy(vault, sellable(dataset))
    with family.as_(BEN) as vault:
        store.approve(vault, dataset)
    with family.as_(CLEO) as vault:
        store.set_policy(vault, sellable(dataset, "5"))
        current = store.status(vault, dataset)
        assert current.active is not None and current.active.version == 1
        assert current.waiting is not None and current.waiting.version == 2
        assert store.effective_policy(vault, dataset).version == 1
    with family.as_(OWNER) as vault:
        store.approve(vault, dataset)
        assert [v.state for v in store.history(vault, dataset)] == [
            PolicyState.SUPERSEDED,
            PolicyState.ACTIVE,
        ]
        assert str(store.effective_policy(vault, dataset).policy.price) == "5 ETH"


def test_a_guardian_sets_a_childs_policy_approved_at_once(family: Family) -> None:
    dataset = family.datasets[CLEO]
    with family.as_(BEN) as vault:
        saved = store.set_policy(vault, sellable(dataset))
        assert saved.state is PolicyState.ACTIVE
        assert (saved.set_by, saved.approved_by) == (BEN, BEN)
        [record] = store.consent_records(vault, dataset)
        assert record["event"]["type"] == "given" and "guardian" in record


def test_approving_needs_a_childs_dataset_with_terms_waiting(family: Family) -> None:
    with family.as_(OWNER) as vault:
        with pytest.raises(UsageError, match="is not a child's dataset"):
            store.approve(vault, family.datasets[BEN])
        with pytest.raises(UsageError, match="No terms for 'Apple Health' are waiting"):
            store.approve(vault, family.datasets[CLEO])


def test_withdrawing_a_child_policy_ends_the_waiting_terms_too(family: Family) -> None:
    dataset = family.datasets[CLEO]
    with family.as_(CLEO) as vault:
        store.set_policy(vault, sellable(dataset))
    with family.as_(BEN) as vault:
        store.approve(vault, dataset)
    with family.as_(CLEO) as vault:
        store.set_policy(vault, sellable(dataset, "5"))
        store.withdraw(vault, dataset)
        assert {v.state for v in store.history(vault, dataset)} == {PolicyState.WITHDRAWN}
        assert store.status(vault, dataset).sentence() == "Consent withdrawn: not on offer."


# ------------------------------------------------------------------ who decides


@pytest.mark.parametrize(
    ("actor", "owner"), [(BEN, OWNER), (OWNER, BEN), (CLEO, BEN), (CLEO, OWNER)]
)
def test_nobody_decides_for_another_adult(family: Family, actor: str, owner: str) -> None:
    dataset = family.datasets[owner]
    with family.as_(owner) as vault:
        store.set_policy(vault, sellable(dataset))
    with family.as_(actor) as vault:
        before = counts(vault)
        with pytest.raises(NotAllowed, match=f"Only {owner} decides how 'Apple Health' is shared"):
            store.set_policy(vault, sellable(dataset, "0"))
        with pytest.raises(NotAllowed, match=f"Only {owner} decides"):
            store.withdraw(vault, dataset)
        assert counts(vault) == before
        assert store.effective_policy(vault, dataset).version == 1


def test_the_recovery_key_cannot_decide_about_sharing(family: Family) -> None:
    dataset = family.datasets[OWNER]
    with Vault.unlock_with_recovery_key(family.path, family.recovery_key) as vault:
        before = counts(vault)
        with pytest.raises(NotAllowed, match="Unlock with your own passphrase"):
            store.set_policy(vault, sellable(dataset))
        with pytest.raises(NotAllowed, match="Unlock with your own passphrase"):
            store.withdraw(vault, dataset)
        with pytest.raises(NotAllowed, match="Unlock with your own passphrase"):
            store.approve(vault, family.datasets[CLEO])
        assert counts(vault) == before


def test_an_unknown_dataset_is_named_with_where_to_look(family: Family) -> None:
    with family.as_(OWNER) as vault:
        for call in (store.status, store.history, store.withdraw):
            with pytest.raises(UsageError, match="There is no dataset 99; `hearth datasets`"):
                call(vault, 99)
        with pytest.raises(UsageError, match="There is no dataset 99"):
            store.set_policy(vault, sellable(99))
        with pytest.raises(UsageError, match="There is no dataset 99"):
            store.summary_of(vault, sellable(99))


# ------------------------------------------------------------------ records and the log


def test_consent_records_are_iso_27560_shaped_pseudonymous_and_unsigned(family: Family) -> None:
    dataset = family.datasets[OWNER]
    with family.as_(OWNER) as vault:
        saved = store.set_policy(vault, issue_example(dataset))
        [record] = store.consent_records(vault, dataset)
        summary = store.summary_of(vault, issue_example(dataset))
        uid = dataset_uid(vault.vault_id, dataset)
    assert record["schema_version"].startswith("ISO/IEC TS 27560")
    assert record["record_id"].startswith("urn:uuid:")
    assert record["pii_principal_id"].startswith("urn:hearth:")
    assert record["event"]["by"] == record["pii_principal_id"]
    assert record["notice"] == {"language": "en", "text": summary}
    assert record["processing"]["purposes"] == ["academic-research"]
    kept_for = record["processing"]["storage_duration"]  # ISO/IEC TS 27560's field name
    assert kept_for == "P365D"
    assert record["policy"] == {
        "uid": f"{uid}:terms",
        "version": 1,
        "terms_hash": saved.terms_hash,
    }
    assert record["signature"] == {"status": "unsigned", "reason": "no wallet yet"}
    text = json.dumps(record)
    assert OWNER not in text and BEN not in text and CLEO not in text


def test_the_summary_matches_the_issue_for_a_heart_rate_dataset(family: Family) -> None:
    dataset = family.datasets[OWNER]
    with family.as_(OWNER) as vault:
        current = store.status(vault, dataset)
        assert store.summary_of(vault, issue_example(dataset)) == summarize(
            issue_example(dataset), current.data
        )
        assert current.data.name == "Apple Health" and not current.data.has_locations


def test_consent_records_cannot_be_deleted_or_edited(family: Family) -> None:
    dataset = family.datasets[OWNER]
    with family.as_(OWNER) as vault:
        store.set_policy(vault, sellable(dataset))
        for sql in (
            "DELETE FROM consent_records",
            "UPDATE consent_records SET record = '{}'",
            "UPDATE consent_records SET event = 'withdrawn'",
            "UPDATE consent_records SET at = '2000-01-01'",
        ):
            with pytest.raises(DatabaseError, match="append-only"), vault.writing() as conn:
                conn.execute(sql)
        assert len(store.consent_records(vault, dataset)) == 1
        assert store.consent_records(vault, dataset)[0]["event"]["type"] == "given"


def test_a_signature_can_be_added_to_a_record_later(family: Family) -> None:
    """The wallet will sign records after the fact; only the signature column may change."""
    dataset = family.datasets[OWNER]
    with family.as_(OWNER) as vault:
        store.set_policy(vault, sellable(dataset))
        with vault.writing() as conn:
            conn.execute("UPDATE consent_records SET signature = ?", (json.dumps({"sig": "0x"}),))
        assert store.consent_records(vault, dataset)[0]["signature"] == {"sig": "0x"}


def test_every_step_is_in_the_audit_log_and_the_log_stays_intact(family: Family) -> None:
    dataset = family.datasets[CLEO]
    with family.as_(CLEO) as vault:
        waiting = store.set_policy(vault, sellable(dataset))
    with family.as_(BEN) as vault:
        store.approve(vault, dataset)
        store.withdraw(vault, dataset)
        entries = [e for e in vault.audit_entries() if e.action.startswith("consent.")]
        assert [(e.actor, e.action) for e in entries] == [
            (CLEO, "consent.set"),
            (BEN, "consent.approved"),
            (BEN, "consent.withdrawn"),
        ]
        assert entries[0].details == {
            "dataset_id": dataset,
            "version": 1,
            "terms_hash": waiting.terms_hash,
            "state": "awaiting-approval",
        }
        assert entries[1].details == {"dataset_id": dataset, "version": 1}
        assert entries[2].details == {"dataset_id": dataset, "versions": [1]}
        report = vault.verify_audit_log()
        assert report.ok, report.problem


def test_consent_export_lists_every_dataset_oldest_first(family: Family) -> None:
    with family.as_(OWNER) as vault:
        store.set_policy(vault, sellable(family.datasets[OWNER]))
        store.set_policy(vault, sellable(family.datasets[CLEO]))
        store.withdraw(vault, family.datasets[OWNER])
        every = store.consent_records(vault)
    assert [r["event"]["type"] for r in every] == ["given", "given", "withdrawn"]
    assert len({r["record_id"] for r in every}) == 3
