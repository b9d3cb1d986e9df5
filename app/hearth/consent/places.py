"""Places a member marks (home, work) so packages can leave out what happened near them.

The coordinates never leave the vault: a policy says only "nothing within N metres of your
places", and the package builder reads the places of the dataset's member from here.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from hearth.errors import NotAllowed, UsageError
from hearth.vault import Member, Vault

EARTH_RADIUS_M = 6_371_000.0


@dataclass(frozen=True)
class Place:
    label: str
    lat: float
    lng: float


def places_of(vault: Vault, member_id: int) -> list[Place]:
    with vault.reading() as conn:
        rows = conn.execute(
            "SELECT label, lat, lng FROM places WHERE member_id = ? ORDER BY label", (member_id,)
        ).fetchall()
    return [Place(*row) for row in rows]


def mark_place(vault: Vault, label: str, lat: float, lng: float) -> Place:
    """Mark (or move) one of the acting member's places."""
    member = _acting(vault)
    label = label.strip()
    if not label or len(label) > 60:
        raise UsageError("Give the place a short name, such as Home or Work.")
    if not (-90 <= lat <= 90 and -180 <= lng <= 180) or math.isnan(lat) or math.isnan(lng):
        raise UsageError("That is not a position on Earth (latitude -90..90, longitude -180..180).")
    with vault.writing() as conn:
        conn.execute(
            "INSERT INTO places (member_id, label, lat, lng) VALUES (?, ?, ?, ?) "
            "ON CONFLICT (member_id, label) DO UPDATE SET lat = excluded.lat, lng = excluded.lng",
            (member.id, label, lat, lng),
        )
        # The audit log names the place, never where it is.
        vault.audit("place.marked", {"label": label})
    return Place(label, lat, lng)


def forget_place(vault: Vault, label: str) -> None:
    member = _acting(vault)
    label = label.strip()  # as `mark_place` stored it
    with vault.writing() as conn:
        gone = conn.execute(
            "DELETE FROM places WHERE member_id = ? AND label = ?", (member.id, label)
        ).rowcount
        if not gone:
            raise UsageError(f"You have no place called '{label}'.")
        vault.audit("place.forgotten", {"label": label})


def distance_m(lat1: float, lng1: float, lat2: float, lng2: float) -> float:
    """Great-circle distance (haversine); within a metre or so at the distances that matter."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lng2 - lng1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_M * math.asin(min(1.0, math.sqrt(a)))


def _acting(vault: Vault) -> Member:
    if vault.member is None:
        raise NotAllowed("Unlock with your own passphrase to mark your places.")
    return vault.member
