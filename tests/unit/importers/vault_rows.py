"""Reading back what an import put in the vault, for the activity, browser and media tests."""

from __future__ import annotations

import json
from typing import Any

from hearth.vault import Vault


def rows(vault: Vault, type_name: str) -> list[dict[str, Any]]:
    """Every record of ``type_name`` with its source's names, oldest first; meta decoded."""
    cursor = vault.db.execute(
        "SELECT r.day, r.start_ms, r.end_ms, s.name AS source, s.version, s.device, r.value, "
        "r.unit, r.lat, r.lng, r.meta FROM records r "
        "JOIN record_types t ON t.id = r.type_id JOIN record_sources s ON s.id = r.source_id "
        "WHERE t.name = ? ORDER BY r.start_ms, r.value",
        (type_name,),
    )
    names = [column[0] for column in cursor.description]
    found = []
    for row in cursor:
        record = dict(zip(names, row, strict=True))
        record["meta"] = json.loads(record["meta"]) if record["meta"] else {}
        found.append(record)
    return found


def counts(vault: Vault) -> dict[str, int]:
    """Records per type name."""
    return dict(
        vault.db.execute(
            "SELECT t.name, count(*) FROM records r JOIN record_types t ON t.id = r.type_id "
            "GROUP BY t.name"
        ).fetchall()
    )


def everything(vault: Vault) -> list[tuple[Any, ...]]:
    """Every record, source and dataset row: to prove a failed import changed nothing."""
    return [
        *vault.db.execute("SELECT * FROM records ORDER BY 1, 2, 3, 4, 5, 6, 7").fetchall(),
        *vault.db.execute("SELECT * FROM record_sources ORDER BY id").fetchall(),
        *vault.db.execute("SELECT id, source FROM datasets ORDER BY id").fetchall(),
        *vault.db.execute("SELECT id, sha256 FROM imports ORDER BY id").fetchall(),
    ]


def stored_text(vault: Vault) -> str:
    """Every value, meta and source name in the vault as one string, to search for leaks."""
    parts = [
        str(row)
        for row in vault.db.execute("SELECT value, meta FROM records").fetchall()
        + vault.db.execute("SELECT name, version, device FROM record_sources").fetchall()
        + vault.db.execute("SELECT title, source FROM datasets").fetchall()
    ]
    return "\n".join(parts)
