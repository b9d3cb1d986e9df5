"""Setting, approving and withdrawing a dataset's consent policy, kept in the vault.

Every step writes a new policy version or moves a version's state, a consent record
(`receipts.py`) and an audit entry, in one transaction. Who may do what:
- a member sets and withdraws the policies of their own datasets;
- a child's policy waits for a guardian (owner or adult), who can also set or withdraw it;
- withdrawing takes effect at once for future sales (copies already delivered stay delivered).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from hearth.consent.odrl import dataset_uid, terms_hash
from hearth.consent.policy import ConsentPolicy, Purpose
from hearth.consent.receipts import ConsentEvent, consent_record
from hearth.consent.summary import DataDescription, summarize
from hearth.errors import NotAllowed, PolicyRefused, UsageError
from hearth.vault import Member, Role, Vault
from hearth.vault.audit import now_iso
from hearth.vault.database import Connection

WITHDRAWN_NOTE = (
    "No new sale of this data can happen from now on. Copies that buyers already received "
    "cannot be called back; their licence terms still bind them."
)


class PolicyState(StrEnum):
    AWAITING_APPROVAL = "awaiting-approval"
    ACTIVE = "active"
    SUPERSEDED = "superseded"
    WITHDRAWN = "withdrawn"


_LIVE = (PolicyState.ACTIVE, PolicyState.AWAITING_APPROVAL)


@dataclass(frozen=True)
class PolicyVersion:
    id: int
    dataset_id: int
    version: int
    policy: ConsentPolicy
    terms_hash: str
    state: PolicyState
    set_by: str
    set_at: str
    approved_by: str | None
    approved_at: str | None
    ended_at: str | None

    def to_json(self) -> dict[str, Any]:
        return {
            "version": self.version,
            "state": self.state.value,
            "terms_hash": self.terms_hash,
            "set_by": self.set_by,
            "set_at": self.set_at,
            "approved_by": self.approved_by,
            "approved_at": self.approved_at,
            "ended_at": self.ended_at,
            "policy": self.policy.to_json(),
        }


@dataclass(frozen=True)
class ConsentStatus:
    """Where a dataset's consent stands: the policy sales follow, and one waiting if any."""

    dataset_id: int
    title: str
    member: str
    member_role: Role
    data: DataDescription
    active: PolicyVersion | None
    waiting: PolicyVersion | None
    withdrawn: bool

    @property
    def needs_guardian(self) -> bool:
        return self.member_role is Role.CHILD

    def sentence(self) -> str:
        if self.waiting is not None:
            return "Waiting for a guardian to approve the new terms."
        if self.active is not None:
            return "On offer under these terms."
        if self.withdrawn:
            return "Consent withdrawn: not on offer."
        return "Not on offer: no terms set yet."


# ---------------------------------------------------------------------- reading


def status(vault: Vault, dataset_id: int) -> ConsentStatus:
    with vault.reading() as conn:
        title, member = _dataset(conn, dataset_id)
        versions = _versions(conn, dataset_id)
        data = describe(conn, dataset_id)
    by_state = {v.state: v for v in versions}  # oldest first, so the newest of each state wins
    latest = versions[-1] if versions else None
    return ConsentStatus(
        dataset_id=dataset_id,
        title=title,
        member=member.name,
        member_role=member.role,
        data=data,
        active=by_state.get(PolicyState.ACTIVE),
        waiting=by_state.get(PolicyState.AWAITING_APPROVAL),
        withdrawn=latest is not None and latest.state is PolicyState.WITHDRAWN,
    )


def history(vault: Vault, dataset_id: int) -> list[PolicyVersion]:
    with vault.reading() as conn:
        _dataset(conn, dataset_id)
        return _versions(conn, dataset_id)


def effective_policy(
    vault: Vault, dataset_id: int, *, purpose: Purpose | None = None, buyer: str | None = None
) -> PolicyVersion:
    """The active policy, checked for this purpose and buyer; `PolicyRefused` (exit 8) with
    the rule that refuses otherwise."""
    current = status(vault, dataset_id)
    if current.active is None:
        if current.waiting is not None:
            raise PolicyRefused(
                f"'{current.title}' belongs to a child: a guardian must approve its terms first."
            )
        if current.withdrawn:
            raise PolicyRefused(f"Consent for '{current.title}' was withdrawn.")
        raise PolicyRefused(f"'{current.title}' has no consent policy: set one first.")
    refusal = current.active.policy.refusal(purpose, buyer)
    if refusal is not None:
        raise PolicyRefused(refusal)
    return current.active


def summary_of(vault: Vault, policy: ConsentPolicy) -> str:
    with vault.reading() as conn:
        _dataset(conn, policy.dataset_id)  # an unknown dataset is a sentence, not a crash
        return summarize(policy, describe(conn, policy.dataset_id))


def describe(conn: Connection, dataset_id: int) -> DataDescription:
    """The words and flags the summary needs, from the dataset row and its record types."""
    row = conn.execute(
        "SELECT title, source, first_at, last_at FROM datasets WHERE id = ?", (dataset_id,)
    ).fetchone()
    title, _source, first_at, last_at = row
    types = conn.execute(
        "SELECT DISTINCT t.id, t.name FROM daily_rollups r JOIN record_types t ON t.id = r.type_id "
        "WHERE r.dataset_id = ?",
        (dataset_id,),
    ).fetchall()
    names = {name for _, name in types}
    has_locations = any(
        # The first thousand records of a type show whether it carries positions; reading
        # them all would cost seconds on a big dataset.
        conn.execute(
            "SELECT EXISTS (SELECT 1 FROM (SELECT lat FROM records WHERE dataset_id = ? "
            "AND type_id = ? LIMIT 1000) WHERE lat IS NOT NULL)",
            (dataset_id, type_id),
        ).fetchone()[0]
        for type_id, _ in types
    )
    return DataDescription(
        name=title,
        first_year=int(first_at[:4]) if first_at else None,
        last_year=int(last_at[:4]) if last_at else None,
        has_web_pages="browser.visit" in names,
        has_locations=has_locations,
    )


def consent_records(vault: Vault, dataset_id: int | None = None) -> list[dict[str, Any]]:
    """The consent records, oldest first, as exported (`hearth consent export`)."""
    sql = "SELECT record, signature FROM consent_records"
    params: tuple[Any, ...] = ()
    if dataset_id is not None:
        sql += " WHERE dataset_id = ?"
        params = (dataset_id,)
    with vault.reading() as conn:
        rows = conn.execute(sql + " ORDER BY id", params).fetchall()
    out = []
    for record_text, signature in rows:
        record = json.loads(record_text)
        if signature:
            record["signature"] = json.loads(signature)
        out.append(record)
    return out


# ---------------------------------------------------------------------- changing


def set_policy(vault: Vault, policy: ConsentPolicy) -> PolicyVersion:
    """Save `policy` as the dataset's next version. It becomes active at once, unless the
    dataset is a child's and a guardian did not set it: then it waits for approval (and the
    terms in force until then stay in force)."""
    actor = _acting(vault)
    with vault.writing() as conn:
        title, owner = _dataset(conn, policy.dataset_id)
        _may_decide(actor, owner, title)
        previous = _versions(conn, policy.dataset_id)
        version = previous[-1].version + 1 if previous else 1
        waits = owner.role is Role.CHILD and not actor.role.is_guardian
        state = PolicyState.AWAITING_APPROVAL if waits else PolicyState.ACTIVE
        # Terms a guardian need not approve replace both the active and any waiting terms;
        # a child's new waiting terms replace only older waiting ones.
        replaced = [PolicyState.AWAITING_APPROVAL] if waits else list(_LIVE)
        ended = now_iso()
        for old_state in replaced:
            conn.execute(
                "UPDATE consent_policies SET state = 'superseded', ended_at = ? "
                "WHERE dataset_id = ? AND state = ?",
                (ended, policy.dataset_id, old_state.value),
            )
        uid = dataset_uid(vault.vault_id, policy.dataset_id)
        digest = terms_hash(policy, uid)
        at = now_iso()
        guardian_sets_childs = owner.role is Role.CHILD and actor.id != owner.id
        cursor = conn.execute(
            "INSERT INTO consent_policies (dataset_id, version, policy, terms_hash, state, "
            "set_by, set_at, approved_by, approved_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                policy.dataset_id,
                version,
                json.dumps(policy.to_json(), sort_keys=True),
                digest,
                state.value,
                actor.id,
                at,
                actor.id if guardian_sets_childs else None,
                at if guardian_sets_childs else None,
            ),
        )
        policy_id = int(cursor.lastrowid or 0)
        event = (
            ConsentEvent.AWAITING_APPROVAL
            if waits
            else ConsentEvent.CHANGED
            if previous
            else ConsentEvent.GIVEN
        )
        _write_record(vault, conn, policy_id, event, actor, owner, state, at)
        vault.audit(
            "consent.set",
            {
                "dataset_id": policy.dataset_id,
                "version": version,
                "terms_hash": digest,
                "state": state.value,
            },
        )
        return _version(conn, policy_id)


def approve(vault: Vault, dataset_id: int) -> PolicyVersion:
    """A guardian approves the child's waiting policy; it becomes the one sales follow."""
    actor = _acting(vault)
    with vault.writing() as conn:
        title, owner = _dataset(conn, dataset_id)
        if owner.role is not Role.CHILD:
            raise UsageError(f"'{title}' is not a child's dataset; its terms need no approval.")
        if not actor.role.is_guardian:
            raise NotAllowed("Only a guardian (the owner or an adult) can approve a child's terms.")
        waiting = [
            v for v in _versions(conn, dataset_id) if v.state is PolicyState.AWAITING_APPROVAL
        ]
        if not waiting:
            raise UsageError(f"No terms for '{title}' are waiting for approval.")
        at = now_iso()
        conn.execute(
            "UPDATE consent_policies SET state = 'superseded', ended_at = ? "
            "WHERE dataset_id = ? AND state = 'active'",
            (at, dataset_id),
        )
        conn.execute(
            "UPDATE consent_policies SET state = 'active', approved_by = ?, approved_at = ? "
            "WHERE id = ?",
            (actor.id, at, waiting[-1].id),
        )
        _write_record(
            vault, conn, waiting[-1].id, ConsentEvent.APPROVED, actor, owner, PolicyState.ACTIVE, at
        )
        vault.audit(
            "consent.approved",
            {"dataset_id": dataset_id, "version": waiting[-1].version},
        )
        return _version(conn, waiting[-1].id)


def withdraw(vault: Vault, dataset_id: int) -> None:
    """Stop every future sale of this dataset now (active and waiting terms alike)."""
    actor = _acting(vault)
    with vault.writing() as conn:
        title, owner = _dataset(conn, dataset_id)
        _may_decide(actor, owner, title)
        live = [v for v in _versions(conn, dataset_id) if v.state in _LIVE]
        if not live:
            raise UsageError(f"'{title}' is not on offer; there is nothing to withdraw.")
        at = now_iso()
        for version in live:
            conn.execute(
                "UPDATE consent_policies SET state = 'withdrawn', ended_at = ? WHERE id = ?",
                (at, version.id),
            )
            _write_record(
                vault,
                conn,
                version.id,
                ConsentEvent.WITHDRAWN,
                actor,
                owner,
                PolicyState.WITHDRAWN,
                at,
            )
        vault.audit(
            "consent.withdrawn",
            {"dataset_id": dataset_id, "versions": [v.version for v in live]},
        )


# ---------------------------------------------------------------------- helpers


def member_urn(vault: Vault, member_id: int) -> str:
    return f"urn:hearth:{vault.vault_id}:member:{member_id}"


def _acting(vault: Vault) -> Member:
    if vault.member is None:
        raise NotAllowed("Unlock with your own passphrase to decide about sharing.")
    return vault.member


def _may_decide(actor: Member, owner: Member, title: str) -> None:
    if actor.id == owner.id:
        return
    if owner.role is Role.CHILD and actor.role.is_guardian:
        return
    raise NotAllowed(f"Only {owner.name} decides how '{title}' is shared.")


def _dataset(conn: Connection, dataset_id: int) -> tuple[str, Member]:
    row = conn.execute(
        "SELECT d.title, m.id, m.name, m.role, m.created_at FROM datasets d "
        "JOIN members m ON m.id = d.member_id WHERE d.id = ?",
        (dataset_id,),
    ).fetchone()
    if row is None:
        raise UsageError(f"There is no dataset {dataset_id}; `hearth datasets` lists them.")
    return row[0], Member(row[1], row[2], Role(row[3]), row[4])


_VERSION_SQL = (
    "SELECT p.id, p.dataset_id, p.version, p.policy, p.terms_hash, p.state, s.name, p.set_at, "
    "a.name, p.approved_at, p.ended_at FROM consent_policies p "
    "JOIN members s ON s.id = p.set_by LEFT JOIN members a ON a.id = p.approved_by "
)


def _versions(conn: Connection, dataset_id: int) -> list[PolicyVersion]:
    rows = conn.execute(_VERSION_SQL + "WHERE p.dataset_id = ? ORDER BY p.version", (dataset_id,))
    return [_row_to_version(row) for row in rows.fetchall()]


def _version(conn: Connection, policy_id: int) -> PolicyVersion:
    return _row_to_version(conn.execute(_VERSION_SQL + "WHERE p.id = ?", (policy_id,)).fetchone())


def _row_to_version(row: Any) -> PolicyVersion:
    return PolicyVersion(
        id=row[0],
        dataset_id=row[1],
        version=row[2],
        policy=ConsentPolicy.from_json(json.loads(row[3])),
        terms_hash=row[4],
        state=PolicyState(row[5]),
        set_by=row[6],
        set_at=row[7],
        approved_by=row[8],
        approved_at=row[9],
        ended_at=row[10],
    )


def _write_record(
    vault: Vault,
    conn: Connection,
    policy_id: int,
    event: ConsentEvent,
    actor: Member,
    owner: Member,
    state: PolicyState,
    at: str,
) -> None:
    version = _version(conn, policy_id)
    record = consent_record(
        event=event,
        at=at,
        principal=member_urn(vault, owner.id),
        actor=member_urn(vault, actor.id),
        actor_role=actor.role.value,
        policy=version.policy,
        policy_uid=dataset_uid(vault.vault_id, version.dataset_id) + ":terms",
        version=version.version,
        terms_hash=version.terms_hash,
        state=state.value,
        notice=summarize(version.policy, describe(conn, version.dataset_id)),
        guardian=member_urn(vault, actor.id)
        if owner.role is Role.CHILD and actor.id != owner.id
        else None,
    )
    conn.execute(
        "INSERT INTO consent_records (record_id, dataset_id, policy_id, event, at, record) "
        "VALUES (?, ?, ?, ?, ?, ?)",
        (
            record["record_id"],
            version.dataset_id,
            policy_id,
            event.value,
            at,
            json.dumps(record, sort_keys=True, ensure_ascii=False),
        ),
    )
