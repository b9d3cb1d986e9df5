"""The audit log: an append-only, hash-chained record of everything done to the vault.

Each entry's hash covers its own content and the previous entry's hash, and the newest hash
is also kept in `vault_info` (the "head"), so editing, deleting or cutting off entries is
detected by `verify`. Triggers refuse UPDATE and DELETE on the table. Details must never
contain a secret or a record value: they describe what happened, not the data.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from hearth.vault.database import Connection
from hearth.vault.keyslots import canonical_json

GENESIS_HASH = "0" * 64
_HEAD_KEY = "audit_head"


@dataclass(frozen=True)
class AuditEntry:
    seq: int
    at: str
    member_id: int | None
    actor: str
    action: str
    details: dict[str, Any]
    prev_hash: str
    hash: str


@dataclass(frozen=True)
class AuditReport:
    """What `verify` found: ``ok`` with the number of entries, or the first problem."""

    ok: bool
    entries: int
    problem: str | None = None
    first_bad_seq: int | None = None


def now_iso() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds").replace("+00:00", "Z")


def entry_hash(
    seq: int,
    at: str,
    member_id: int | None,
    actor: str,
    action: str,
    details: dict[str, Any],
    prev_hash: str,
) -> str:
    payload = {
        "seq": seq,
        "at": at,
        "member_id": member_id,
        "actor": actor,
        "action": action,
        "details": details,
        "prev_hash": prev_hash,
    }
    return hashlib.sha256(canonical_json(payload)).hexdigest()


def append(
    conn: Connection,
    *,
    actor: str,
    member_id: int | None,
    action: str,
    details: dict[str, Any] | None = None,
) -> AuditEntry:
    """Add one entry; call inside the transaction that makes the change it describes."""
    details = details or {}
    last = conn.execute("SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1").fetchone()
    seq, prev_hash = (last[0] + 1, last[1]) if last else (1, GENESIS_HASH)
    at = now_iso()
    digest = entry_hash(seq, at, member_id, actor, action, details, prev_hash)
    conn.execute(
        "INSERT INTO audit_log (seq, at, member_id, actor, action, details, prev_hash, hash) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        (seq, at, member_id, actor, action, json.dumps(details, sort_keys=True), prev_hash, digest),
    )
    conn.execute(
        "INSERT INTO vault_info (key, value) VALUES (?, ?) "
        "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        (_HEAD_KEY, f"{seq}:{digest}"),
    )
    return AuditEntry(seq, at, member_id, actor, action, details, prev_hash, digest)


def entries(
    conn: Connection, *, action: str | None = None, actor: str | None = None
) -> Iterator[AuditEntry]:
    """Entries oldest first, optionally only one action or one actor."""
    sql = "SELECT seq, at, member_id, actor, action, details, prev_hash, hash FROM audit_log"
    where, params = [], []
    if action:
        where.append("action = ?")
        params.append(action)
    if actor:
        where.append("actor = ? COLLATE NOCASE")
        params.append(actor)
    if where:
        sql += " WHERE " + " AND ".join(where)
    for row in conn.execute(sql + " ORDER BY seq", params):
        yield AuditEntry(row[0], row[1], row[2], row[3], row[4], json.loads(row[5]), row[6], row[7])


def verify(conn: Connection) -> AuditReport:
    """Recompute the chain; report the first entry that was edited, removed or cut off."""
    expected_seq, prev_hash, count = 1, GENESIS_HASH, 0
    rows = conn.execute(
        "SELECT seq, at, member_id, actor, action, details, prev_hash, hash "
        "FROM audit_log ORDER BY seq"
    )
    for seq, at, member_id, actor, action, details_json, stored_prev, stored_hash in rows:
        if seq != expected_seq:
            return _broken(count, expected_seq, f"entry {expected_seq} is missing")
        try:
            details = json.loads(details_json)
        except ValueError:
            return _broken(count, seq, f"entry {seq} was edited")
        recomputed = entry_hash(seq, at, member_id, actor, action, details, stored_prev)
        if stored_prev != prev_hash:
            return _broken(count, seq, f"entry {seq} does not follow entry {seq - 1}")
        if recomputed != stored_hash:
            return _broken(count, seq, f"entry {seq} was edited")
        prev_hash, expected_seq, count = stored_hash, seq + 1, count + 1
    head = conn.execute("SELECT value FROM vault_info WHERE key = ?", (_HEAD_KEY,)).fetchone()
    expected_head = f"{count}:{prev_hash}" if count else None
    if (head[0] if head else None) != expected_head:
        return _broken(count, count + 1, "the newest entries were removed")
    return AuditReport(ok=True, entries=count)


def _broken(count: int, seq: int, problem: str) -> AuditReport:
    return AuditReport(ok=False, entries=count, problem=problem, first_bad_seq=seq)
