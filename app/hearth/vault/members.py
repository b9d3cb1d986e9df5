"""The people who share a vault and what their role lets them do."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from hearth.errors import UsageError
from hearth.vault.database import Connection


class Role(StrEnum):
    OWNER = "owner"  # created the vault; adds and removes members, rotates the key
    ADULT = "adult"  # manages their own data; can approve a child's consent
    CHILD = "child"  # their offers need a guardian's approval

    @property
    def is_guardian(self) -> bool:
        return self in (Role.OWNER, Role.ADULT)


@dataclass(frozen=True)
class Member:
    id: int
    name: str
    role: Role
    created_at: str

    @property
    def slot_id(self) -> str:
        return f"member-{self.id}"


MAX_NAME_LENGTH = 60


def clean_name(name: str) -> str:
    """A member's name as stored, or `UsageError` saying what is wrong with it."""
    cleaned = " ".join(name.split())
    if not cleaned:
        raise UsageError("A member needs a name.")
    if len(cleaned) > MAX_NAME_LENGTH:
        raise UsageError(f"A member's name can be at most {MAX_NAME_LENGTH} characters long.")
    if any(not ch.isprintable() for ch in cleaned):
        raise UsageError("A member's name cannot contain control characters.")
    return cleaned


def parse_role(text: str) -> Role:
    try:
        return Role(text.strip().lower())
    except ValueError:
        raise UsageError(f"Unknown role {text!r}: choose owner, adult or child.") from None


def list_members(conn: Connection) -> list[Member]:
    rows = conn.execute("SELECT id, name, role, created_at FROM members ORDER BY id").fetchall()
    return [Member(r[0], r[1], Role(r[2]), r[3]) for r in rows]


def find_member(conn: Connection, name: str) -> Member:
    row = conn.execute(
        "SELECT id, name, role, created_at FROM members WHERE name = ? COLLATE NOCASE",
        (clean_name(name),),
    ).fetchone()
    if row is None:
        raise UsageError(f"There is no member called {name!r} in this vault.")
    return Member(row[0], row[1], Role(row[2]), row[3])


def insert_member(conn: Connection, name: str, role: Role, created_at: str) -> Member:
    name = clean_name(name)
    exists = conn.execute("SELECT 1 FROM members WHERE name = ? COLLATE NOCASE", (name,))
    if exists.fetchone():
        raise UsageError(f"There is already a member called {name!r}.")
    cursor = conn.execute(
        "INSERT INTO members (name, role, created_at) VALUES (?, ?, ?)",
        (name, role.value, created_at),
    )
    assert cursor.lastrowid is not None
    return Member(cursor.lastrowid, name, role, created_at)


def delete_member(conn: Connection, member: Member) -> None:
    owned = conn.execute("SELECT count(*) FROM datasets WHERE member_id = ?", (member.id,))
    count = int(owned.fetchone()[0])
    if count:
        raise UsageError(
            f"{member.name} still has {count} dataset(s) in the vault. Delete them first, "
            "then remove the member."
        )
    conn.execute("DELETE FROM members WHERE id = ?", (member.id,))
