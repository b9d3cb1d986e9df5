"""Datasets as the vault lists them (the importers fill them)."""

from __future__ import annotations

from dataclasses import dataclass

from hearth.vault.database import Connection


@dataclass(frozen=True)
class Dataset:
    id: int
    title: str
    source: str
    member: str
    records: int
    first: str | None
    last: str | None

    def to_json(self) -> dict[str, object]:
        return {
            "id": self.id,
            "title": self.title,
            "source": self.source,
            "member": self.member,
            "records": self.records,
            "first": self.first,
            "last": self.last,
        }


def list_datasets(conn: Connection, *, member_id: int | None = None) -> list[Dataset]:
    sql = (
        "SELECT d.id, d.title, d.source, m.name, d.record_count, d.first_at, d.last_at "
        "FROM datasets d JOIN members m ON m.id = d.member_id"
    )
    params: tuple[object, ...] = ()
    if member_id is not None:
        sql += " WHERE d.member_id = ?"
        params = (member_id,)
    rows = conn.execute(sql + " ORDER BY d.id", params).fetchall()
    return [Dataset(*row) for row in rows]
