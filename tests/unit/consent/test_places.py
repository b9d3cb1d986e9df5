"""Marked places: kept per member inside the vault, never written anywhere by position."""

from __future__ import annotations

import json
import math
from dataclasses import replace
from pathlib import Path

import pytest

from hearth.consent import store
from hearth.consent.places import Place, distance_m, forget_place, mark_place, places_of
from hearth.consent.policy import PrivacyChoices
from hearth.errors import NotAllowed, UsageError
from hearth.importers.pipeline import import_path
from hearth.vault import Role, Vault
from tests.unit.importers.apple_samples import write_heart_rates

from ..vault_helpers import OWNER, PASSPHRASE
from .policies import sellable

HOME = (48.8566137, 2.3522219)  # digits no other number in a vault would have
WORK = (48.8738412, 2.2950275)
BEN, BEN_PASS = "Ben", "ben's own passphrase"


def place_rows(vault: Vault) -> list[tuple[object, ...]]:
    with vault.reading() as conn:
        return list(conn.execute("SELECT * FROM places ORDER BY id").fetchall())


def coordinate_texts(*points: tuple[float, float]) -> list[str]:
    """How a coordinate could show up in text: repr and the usual shorter roundings."""
    found = []
    for lat, lng in points:
        for value in (lat, lng):
            found += [repr(value), f"{value:.5f}", f"{value:.4f}"]
    return found


def test_a_member_marks_lists_moves_and_forgets_places(vault: Vault) -> None:
    member = vault.member
    assert member is not None
    assert mark_place(vault, " Work ", *WORK) == Place("Work", *WORK)
    mark_place(vault, "Home", 0.0, 0.0)
    mark_place(vault, "Home", *HOME)  # marking a label again moves it
    assert places_of(vault, member.id) == [Place("Home", *HOME), Place("Work", *WORK)]
    forget_place(vault, "Work ")  # typed as loosely as it was marked
    assert places_of(vault, member.id) == [Place("Home", *HOME)]


def test_forgetting_an_unknown_place_says_so_and_changes_nothing(vault: Vault) -> None:
    mark_place(vault, "Home", *HOME)
    before = len(vault.audit_entries())
    with pytest.raises(UsageError, match="You have no place called 'Gym'"):
        forget_place(vault, "Gym")
    assert len(vault.audit_entries()) == before
    assert len(place_rows(vault)) == 1


@pytest.mark.parametrize(
    ("label", "lat", "lng", "sentence"),
    [
        ("", 1.0, 1.0, "Give the place a short name"),
        ("   ", 1.0, 1.0, "Give the place a short name"),
        ("x" * 61, 1.0, 1.0, "Give the place a short name"),
        ("Home", 90.5, 0.0, "not a position on Earth"),
        ("Home", -91.0, 0.0, "not a position on Earth"),
        ("Home", 0.0, 180.1, "not a position on Earth"),
        ("Home", 0.0, -181.0, "not a position on Earth"),
        ("Home", math.nan, 0.0, "not a position on Earth"),
        ("Home", 0.0, math.nan, "not a position on Earth"),
        ("Home", math.inf, 0.0, "not a position on Earth"),
    ],
)
def test_a_bad_place_is_refused_before_anything_is_written(
    vault: Vault, label: str, lat: float, lng: float, sentence: str
) -> None:
    before = len(vault.audit_entries())
    with pytest.raises(UsageError, match=sentence):
        mark_place(vault, label, lat, lng)
    assert place_rows(vault) == []
    assert len(vault.audit_entries()) == before


def test_the_edges_of_the_map_are_positions(vault: Vault) -> None:
    mark_place(vault, "North pole", 90.0, 180.0)
    mark_place(vault, "Antimeridian", -90.0, -180.0)
    assert len(place_rows(vault)) == 2


def test_each_member_has_their_own_places(vault: Vault, vault_path: Path) -> None:
    owner = vault.member
    assert owner is not None
    ben = vault.add_member(BEN, Role.ADULT, BEN_PASS)
    mark_place(vault, "Home", *HOME)
    vault.close()
    with Vault.unlock(vault_path, BEN, BEN_PASS) as as_ben:
        assert places_of(as_ben, ben.id) == []
        mark_place(as_ben, "Home", *WORK)  # the same label is Ben's own
        with pytest.raises(UsageError, match="no place called 'Work'"):
            forget_place(as_ben, "Work")
        assert places_of(as_ben, ben.id) == [Place("Home", *WORK)]
        assert places_of(as_ben, owner.id) == [Place("Home", *HOME)]


def test_the_recovery_key_cannot_mark_places(vault_path: Path) -> None:
    vault, recovery_key = Vault.create(vault_path, OWNER, PASSPHRASE)
    vault.close()
    with Vault.unlock_with_recovery_key(vault_path, recovery_key) as recovered:
        with pytest.raises(NotAllowed, match="Unlock with your own passphrase"):
            mark_place(recovered, "Home", *HOME)
        with pytest.raises(NotAllowed):
            forget_place(recovered, "Home")


def test_the_audit_log_and_consent_records_name_places_but_never_their_position(
    vault: Vault, tmp_path: Path
) -> None:
    [outcome] = import_path(vault, write_heart_rates(tmp_path / "export.xml", 10))
    dataset = outcome.result.dataset_id
    mark_place(vault, "Home", *HOME)
    mark_place(vault, "Work", *WORK)
    mark_place(vault, "Work", *HOME)
    forget_place(vault, "Work")
    policy = replace(sellable(dataset), privacy=PrivacyChoices(places_radius_m=500))
    store.set_policy(vault, policy)
    store.withdraw(vault, dataset)

    entries = [e for e in vault.audit_entries() if e.action.startswith("place.")]
    assert [(e.action, e.details) for e in entries] == [
        ("place.marked", {"label": "Home"}),
        ("place.marked", {"label": "Work"}),
        ("place.marked", {"label": "Work"}),
        ("place.forgotten", {"label": "Work"}),
    ]
    logged = json.dumps([(e.action, e.details) for e in vault.audit_entries()])
    records = json.dumps(store.consent_records(vault))
    with vault.reading() as conn:
        stored_policies = json.dumps(conn.execute("SELECT policy FROM consent_policies").fetchall())
    for text in coordinate_texts(HOME, WORK):
        assert text not in logged
        assert text not in records
        assert text not in stored_policies
    assert "places the person marked stay in the vault" in records
    assert vault.verify_audit_log().ok


def test_no_file_of_the_vault_holds_a_position_in_plaintext(vault: Vault, vault_path: Path) -> None:
    mark_place(vault, "Home", *HOME)
    vault.close()
    for path in vault_path.rglob("*"):
        if path.is_file():
            data = path.read_bytes()
            for text in coordinate_texts(HOME):
                assert text.encode() not in data, path.name
            assert b"Home" not in data, path.name


def test_distances_on_the_globe() -> None:
    assert distance_m(*HOME, *HOME) == 0.0
    # One degree of latitude is about 111.2 km on a sphere of the mean Earth radius.
    assert distance_m(0.0, 0.0, 1.0, 0.0) == pytest.approx(111_195, abs=1)
    # Paris to London, about 343.5 km.
    assert distance_m(48.8566, 2.3522, 51.5074, -0.1278) == pytest.approx(343_500, rel=0.005)
    # Across the antimeridian is short, not most of the way round.
    assert distance_m(0.0, 179.9995, 0.0, -179.9995) == pytest.approx(111.2, abs=0.5)
    # Antipodes: half the circumference, with no domain error from rounding.
    assert distance_m(0.0, 0.0, 0.0, 180.0) == pytest.approx(math.pi * 6_371_000)
    assert distance_m(*HOME, *WORK) == distance_m(*WORK, *HOME)
