"""Each privacy transform, on real export files, for what it must remove from the package."""

from __future__ import annotations

import json
import math
import re
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from hearth.consent.places import distance_m, mark_place
from hearth.consent.policy import (
    DateRange,
    Identifiers,
    LocationGrid,
    Scope,
    TimeRounding,
    Urls,
)
from hearth.consent.transforms import snap
from hearth.vault import Vault
from tests.unit.packages.helpers import (
    APPLE,
    APPLE_ROUTE,
    CHROME,
    FIT,
    GPX,
    all_bytes,
    import_fixtures,
    package_files,
    policy,
    table,
)

BUYER_A = "0x" + "a1" * 20
BUYER_B = "0x" + "b2" * 20


def _sources(vault: Vault) -> list[str]:
    """Every name, version and device string the imports stored, long enough to find."""
    rows = vault.db.execute("SELECT name, version, device FROM record_sources").fetchall()
    return sorted({text for row in rows for text in row if len(text) >= 5})


def _positions(vault: Vault, dataset_id: int) -> list[tuple[float, float]]:
    return vault.db.execute(
        "SELECT lat, lng FROM records WHERE dataset_id = ? AND lat IS NOT NULL", (dataset_id,)
    ).fetchall()


# ---------------------------------------------------------------------- identifiers


def test_dropped_identifiers_leave_no_device_or_app_name_anywhere_in_the_package(
    vault: Vault, shared_fixtures: Path, tmp_path: Path
) -> None:
    ids = import_fixtures(vault, shared_fixtures, APPLE, APPLE_ROUTE, FIT, GPX, CHROME)
    names = _sources(vault)
    assert "Simon’s iPhone" in names and "Garmin fenix2" in names  # the check can fail
    for dataset_id in ids.values():
        files = package_files(vault, tmp_path, policy(dataset_id, identifiers=Identifiers.DROP))
        found = [n for n in names if n.encode() in all_bytes(files)]
        assert found == []
        assert all(
            "source" not in f.decode().split("\r\n")[0]
            for n, f in files.items()
            if n.endswith(".csv")
        )


def test_kept_identifiers_do_show_the_device_names(
    vault: Vault, shared_fixtures: Path, tmp_path: Path
) -> None:
    ids = import_fixtures(vault, shared_fixtures, FIT)
    files = package_files(
        vault, tmp_path, policy(ids["activity-files"], identifiers=Identifiers.KEEP)
    )
    assert b"Garmin fenix2" in all_bytes(files)


def test_pseudonyms_hide_the_names_are_stable_per_buyer_and_differ_between_buyers(
    vault: Vault, shared_fixtures: Path, tmp_path: Path
) -> None:
    ids = import_fixtures(vault, shared_fixtures, APPLE)
    sellable = policy(ids["apple-health"], identifiers=Identifiers.PSEUDONYM)
    first = package_files(vault, tmp_path, sellable, buyer=BUYER_A)
    again = package_files(vault, tmp_path, sellable, buyer=BUYER_A)
    other = package_files(vault, tmp_path, sellable, buyer=BUYER_B)
    assert [n for n in _sources(vault) if n.encode() in all_bytes(first)] == []

    def pseudonyms(files: dict[str, bytes]) -> set[str]:
        return {
            row["source"] for row in table(files, "body_mass_index") + table(files, "heart_rate")
        }

    assert all(re.fullmatch(r"src-[0-9a-f]{16}", p) for p in pseudonyms(first))
    assert len(pseudonyms(first)) == 2  # Health Mate and the Watch stay apart
    assert pseudonyms(first) == pseudonyms(again)
    assert pseudonyms(first).isdisjoint(pseudonyms(other))


# ---------------------------------------------------------------------- times


@pytest.mark.parametrize(
    ("rounding", "unit_s"),
    [(TimeRounding.MINUTE, 60), (TimeRounding.HOUR, 3600), (TimeRounding.DAY, 86400)],
)
def test_rounded_times_are_the_exact_times_rounded_down(
    vault: Vault, shared_fixtures: Path, tmp_path: Path, rounding: TimeRounding, unit_s: int
) -> None:
    ids = import_fixtures(vault, shared_fixtures, FIT)
    files = package_files(vault, tmp_path, policy(ids["activity-files"], time=rounding))
    exact = vault.db.execute(
        "SELECT start_ms, end_ms FROM records r JOIN record_types t ON t.id = r.type_id "
        "WHERE t.name = 'activity.point' ORDER BY day, start_ms, end_ms, source_id, value"
    ).fetchall()
    rows = table(files, "activity_point")
    assert len(rows) == len(exact) > 2000
    for row, (start_ms, end_ms) in zip(rows, exact, strict=True):
        for text, ms in ((row["start"], start_ms), (row["end"], end_ms)):
            moment = datetime.strptime(text, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=UTC)
            seconds = int(moment.timestamp())
            assert seconds % unit_s == 0
            assert 0 <= ms / 1000 - seconds < unit_s


def test_metadata_dates_and_time_zones_do_not_slip_past_rounding(
    vault: Vault, shared_fixtures: Path, tmp_path: Path
) -> None:
    ids = import_fixtures(vault, shared_fixtures, APPLE)
    files = package_files(vault, tmp_path, policy(ids["apple-health"], time=TimeRounding.DAY))
    everything = all_bytes(files)
    assert b"2016-04-18 15:56:05" not in everything  # Withings' "Modified Date"
    assert b"America/Los_Angeles" not in everything  # a workout's HKTimeZone
    assert b"15:25:32" not in everything


# ---------------------------------------------------------------------- places


@pytest.mark.parametrize(
    ("grid", "step", "decimals"),
    [(LocationGrid.M100, 0.001, 4), (LocationGrid.KM1, 0.01, 3), (LocationGrid.KM10, 0.1, 2)],
)
def test_positions_on_a_grid_have_no_more_precision_than_the_grid_anywhere(
    vault: Vault,
    shared_fixtures: Path,
    tmp_path: Path,
    grid: LocationGrid,
    step: float,
    decimals: int,
) -> None:
    ids = import_fixtures(vault, shared_fixtures, FIT, GPX, APPLE_ROUTE)
    dataset_id = ids["activity-files"]
    files = package_files(vault, tmp_path, policy(dataset_id, location=grid))
    rows = table(files, "activity_point")
    assert len(rows) > 3000
    for row in rows:
        assert row["value"] == ""  # the "lat,lng" copy of the position is gone
        lat = float(row["lat"])
        # Cells are as wide as tall: k steps of longitude, k nearest 1/cos(latitude).
        width = step * max(1, round(1 / math.cos(math.radians(lat))))
        for text, offset, size in ((row["lat"], 90.0, step), (row["lng"], 180.0, width)):
            assert len(text.split(".")[1]) == decimals
            cells = (float(text) + offset) / size - 0.5
            assert abs(cells - round(cells)) < 1e-6  # the centre of a cell
        assert "altitude" not in row["meta"]
    everything = all_bytes(files)
    exact = {f"{lat:.6f}".encode() for lat, _ in _positions(vault, dataset_id)}
    assert [p for p in exact if p in everything] == []


def test_a_move_s_end_position_in_metadata_is_blurred_and_a_place_id_dropped(
    vault: Vault, tmp_path: Path
) -> None:
    from tests.unit.importers.test_google_takeout_samples import (
        BAKERY_VISIT,
        CYCLING,
        semantic_month,
        write_zip,
    )

    takeout = write_zip(
        tmp_path / "takeout.zip",
        {
            "Takeout/Location History/Semantic Location History/2020/2020_JANUARY.json": (
                semantic_month(CYCLING, BAKERY_VISIT)
            )
        },
    )
    from hearth.importers.pipeline import import_path

    dataset_id = import_path(vault, takeout)[0].result.dataset_id
    files = package_files(vault, tmp_path, policy(dataset_id, location=LocationGrid.KM1))
    move = table(files, "location_activity")[0]
    assert json.loads(move["meta"])["end"] == list(snap(48.86, 2.36, LocationGrid.KM1))
    assert (move["lat"], move["lng"]) == tuple(
        f"{v:.3f}" for v in snap(48.8566, 2.3522, LocationGrid.KM1)
    )
    visit = table(files, "location_visit")[0]
    assert visit["value"] == ""
    everything = all_bytes(files)
    for secret in (b"ChIJD7fiBh9u5kcRYJSMaMOCCwQ", b"Boulangerie", b"48.86,", b"2.36]"):
        assert secret not in everything


def test_nothing_within_the_radius_of_a_marked_place_is_left(
    vault: Vault, shared_fixtures: Path, tmp_path: Path
) -> None:
    ids = import_fixtures(vault, shared_fixtures, FIT, GPX)
    dataset_id = ids["activity-files"]
    positions = _positions(vault, dataset_id)
    home = positions[len(positions) // 3]
    mark_place(vault, "Home", *home)
    near = sum(1 for lat, lng in positions if distance_m(lat, lng, *home) <= 300)
    assert 0 < near < len(positions)
    from hearth.packages.preview import preview

    sellable = policy(dataset_id, places_radius_m=300)
    files = package_files(vault, tmp_path, sellable)
    kept = [
        (float(row["lat"]), float(row["lng"]))
        for name in ("activity_point", "activity_session")
        for row in table(files, name)
        if row["lat"]
    ]
    assert len(kept) == len(positions) - near
    assert all(distance_m(lat, lng, *home) > 300 for lat, lng in kept)
    shown = preview(vault, dataset_id, sellable)
    assert shown.removed["near-places"] == near
    assert f"{near:,} points near your places left out" in shown.removed_sentences


# ---------------------------------------------------------------------- types and days


def test_scope_and_exclusions_of_types_and_days_remove_exactly_those_records(
    vault: Vault, shared_fixtures: Path, tmp_path: Path
) -> None:
    from hearth.packages.preview import preview

    ids = import_fixtures(vault, shared_fixtures, APPLE)
    dataset_id = ids["apple-health"]
    everything = policy(dataset_id)
    assert {t.name for t in preview(vault, dataset_id, everything).tables} == {
        "body_mass_index",
        "heart_rate",
        "hkactivity_summary",
        "hkworkout_route",
        "running",
    }
    narrowed = policy(
        dataset_id,
        scope=Scope(
            ("HKActivitySummary", "HKWorkoutRoute", "HKQuantityTypeIdentifierHeartRate"),
            DateRange(date(2016, 1, 1), date(2017, 12, 31)),
        ),
        exclude_types=("HKWorkoutRoute",),
        exclude_dates=(DateRange(date(2016, 11, 16), date(2016, 11, 16)),),
    )
    shown = preview(vault, dataset_id, narrowed)
    assert [(t.name, t.rows) for t in shown.tables] == [("hkactivity_summary", 1)]
    assert shown.removed == {
        "record-types": 2,  # body mass index, the run
        "excluded-types": 2,  # two route points
        "dates": 1,  # the 2018 heart rate
        "excluded-dates": 1,  # one of the two activity summaries
        "identifiers": 1,  # the summary left, without its source's name
    }
    files = package_files(vault, tmp_path, narrowed)
    assert sorted(files) == ["data/hkactivity_summary.csv", "manifest.json"]
    assert table(files, "hkactivity_summary")[0]["start"].startswith("2016-11-15")


def test_daily_summaries_keep_only_days_with_enough_records(
    vault: Vault, shared_fixtures: Path, tmp_path: Path
) -> None:
    ids = import_fixtures(vault, shared_fixtures, FIT, GPX)
    dataset_id = ids["activity-files"]
    per_day = dict(
        vault.db.execute(
            "SELECT date(day * 86400, 'unixepoch'), count(*) FROM records r "
            "JOIN record_types t ON t.id = r.type_id WHERE t.name = 'activity.point' GROUP BY day"
        ).fetchall()
    )
    minimum = 600
    assert any(c < minimum for c in per_day.values()) and any(
        c >= minimum for c in per_day.values()
    )
    files = package_files(vault, tmp_path, policy(dataset_id, daily_min_count=minimum))
    rows = table(files, "activity_point_daily")
    assert {row["day"]: int(row["count"]) for row in rows} == {
        d: c for d, c in per_day.items() if c >= minimum
    }
    assert not any(name.endswith("activity_point.csv") for name in files)
    assert b"45.4" not in all_bytes(files)  # no position in a summary


# ---------------------------------------------------------------------- web and metadata


def test_web_addresses_are_cut_to_their_site_and_titles_dropped(
    vault: Vault, shared_fixtures: Path, tmp_path: Path
) -> None:
    ids = import_fixtures(vault, shared_fixtures, CHROME)
    dataset_id = ids["browser-history"]
    titles = [
        json.loads(m)["title"]
        for (m,) in vault.db.execute("SELECT meta FROM records WHERE meta LIKE '%title%'")
    ]
    assert "Ubuntu Start Page" in titles
    files = package_files(vault, tmp_path, policy(dataset_id, urls=Urls.DOMAIN, titles=False))
    rows = table(files, "browser_visit")
    assert len(rows) == 69
    assert all("/" not in row["value"] and ":" not in row["value"] for row in rows)
    assert {"start.ubuntu.com", "www.google.com"} <= {row["value"] for row in rows}
    everything = all_bytes(files)
    sites = {row["value"] for row in rows}
    leaked = [t for t in titles if len(t) > 4 and t not in sites and t.encode() in everything]
    assert leaked == []
    assert b"http" not in files["data/browser_visit.csv"]

    kept = package_files(vault, tmp_path, policy(dataset_id, urls=Urls.FULL, titles=True))
    assert b"Ubuntu Start Page" in all_bytes(kept)
    assert b"http://start.ubuntu.com/10.04/Google/" in all_bytes(kept)


def test_identifying_metadata_is_dropped_and_measurements_kept(
    vault: Vault, shared_fixtures: Path, tmp_path: Path
) -> None:
    ids = import_fixtures(vault, shared_fixtures, APPLE)
    files = package_files(vault, tmp_path, policy(ids["apple-health"]))
    everything = all_bytes(files)
    for leak in (b"Withings", b"12345", b"withings-bd2", b"Health Mate", b"HKWasUserEntered"):
        assert leak not in everything
    heart = table(files, "heart_rate")[0]
    assert json.loads(heart["meta"]) == {"HKMetadataKeyHeartRateMotionContext": "0"}
    run = json.loads(table(files, "running")[0]["meta"])
    assert run["HKWeatherTemperature"] == "56 degF" and "HKTimeZone" not in run
