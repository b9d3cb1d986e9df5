"""A whole Google Takeout (German names): each source its own dataset, in either process."""

from __future__ import annotations

import copy
import json
import tempfile
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from hearth.errors import BadInput
from hearth.importers import google_takeout
from hearth.importers.export import Entry, Export
from hearth.importers.pipeline import import_path
from hearth.importers.registry import by_name, detect
from hearth.importers.sink import RecordSink
from hearth.progress import Progress
from hearth.vault import Vault
from hearth.vault.records import Labels
from tests.conftest import OWNER, PASSPHRASE
from tests.unit.importers.test_google_takeout_samples import (
    ANDROID_PATH,
    ANDROID_VISIT,
    BAKERY_VISIT,
    CYCLING,
    FIT_QUIET,
    FIT_WALK,
    FIX_PARIS_MS,
    FIX_SYDNEY_ISO,
    HEART_RATES,
    IOS_PATH,
    IOS_VISIT,
    POSITION_SYDNEY,
    RUN_SESSION,
    SLEEP,
    STEPS,
    VISIT_EXAMPLE,
    VISIT_NEWS,
    android_timeline,
    browser_history,
    fit_day,
    fit_session,
    fitbit_json,
    ios_timeline,
    records_json,
    semantic_month,
    write_zip,
)


def german_takeout() -> dict[str, bytes]:
    return {
        "Takeout/archive_browser.html": b"<html><body>Archiv</body></html>",
        "Takeout/Chrome/Verlauf.json": browser_history(VISIT_EXAMPLE, VISIT_NEWS),
        "Takeout/Standortverlauf (Zeitachse)/Records.json": records_json(
            FIX_PARIS_MS, FIX_SYDNEY_ISO
        ),
        "Takeout/Standortverlauf (Zeitachse)/Semantic Location History/2020/2020_JANUAR.json": (
            semantic_month(CYCLING, BAKERY_VISIT)
        ),
        "Takeout/Standortverlauf (Zeitachse)/Zeitachse.json": android_timeline(
            [ANDROID_VISIT, ANDROID_PATH], [POSITION_SYDNEY]
        ),
        "Takeout/Fit/Tägliche Aktivitätswerte/2021-03-01.csv": fit_day(FIT_QUIET, FIT_WALK),
        "Takeout/Fit/Alle Sitzungen/2021-03-01T07_30_00+01_00_LAUFEN.json": fit_session(
            RUN_SESSION
        ),
        "Takeout/Fitbit/Global Export Data/heart_rate-2020-01-01.json": fitbit_json(HEART_RATES),
        "Takeout/Fitbit/Global Export Data/sleep-2020-01-01.json": fitbit_json(SLEEP),
        "Takeout/Google Fotos/Urlaub/IMG_0001.jpg.json": (
            b'{"title": "IMG_0001.jpg", "geoData": {"latitude": 48.1, "longitude": 11.5}}'
        ),
    }


EXPECTED = {
    "google-chrome": 2,
    "google-location": 2 + 2 + 4,  # fixes; ride and visit; Timeline visit, 2 path points, fix
    "google-fit": 2 + 13 + 1,  # the quiet quarter's 2 metrics, the walk's 13, the session
    "fitbit": 2 + 1 + 2,  # heart rates; the night and its 2 stages
}


def per_dataset(vault: Vault) -> dict[str, int]:
    return {d.source: d.records for d in vault.datasets()}


def all_rows(vault: Vault) -> list[tuple[Any, ...]]:
    return vault.db.execute(
        "SELECT d.source, t.name, r.day, r.start_ms, r.end_ms, s.name, s.device, r.value, "
        "r.unit, r.lat, r.lng, r.meta FROM records r JOIN datasets d ON d.id = r.dataset_id "
        "JOIN record_types t ON t.id = r.type_id JOIN record_sources s ON s.id = r.source_id "
        "ORDER BY 1, 2, 4, 8"
    ).fetchall()


def test_each_source_in_a_german_takeout_becomes_its_own_dataset(
    vault: Vault, tmp_path: Path
) -> None:
    path = write_zip(tmp_path / "takeout-20240101T000000Z-001.zip", german_takeout())
    outcomes = import_path(vault, path, separate_process=False)
    assert {o.source: o.result.added for o in outcomes} == EXPECTED
    assert all(o.result.skipped == 0 for o in outcomes)
    assert per_dataset(vault) == EXPECTED
    titles = {d.source: d.title for d in vault.datasets()}
    assert titles["google-location"] == "Google Location History"


def test_the_parser_process_gives_the_same_rows_as_in_process(vault: Vault, tmp_path: Path) -> None:
    path = write_zip(tmp_path / "takeout.zip", german_takeout())
    outcomes = import_path(vault, path, separate_process=True)
    assert {o.source: o.result.added for o in outcomes} == EXPECTED
    in_child = all_rows(vault)
    other, _ = Vault.create(tmp_path / "second-vault", OWNER, PASSPHRASE)
    with other:
        import_path(other, path, separate_process=False)
        assert all_rows(other) == in_child


def test_a_truncated_file_in_the_child_process_is_bad_input_and_changes_nothing(
    vault: Vault, tmp_path: Path
) -> None:
    files = german_takeout()
    records = files["Takeout/Standortverlauf (Zeitachse)/Records.json"]
    files["Takeout/Standortverlauf (Zeitachse)/Records.json"] = records[:-25]
    path = write_zip(tmp_path / "takeout.zip", files)
    with pytest.raises(BadInput, match=r"^Records\.json is truncated"):
        import_path(vault, path, expected="google-location", separate_process=True)
    assert vault.datasets() == []


def test_progress_counts_bytes_up_to_the_size_of_the_claimed_files(
    vault: Vault, tmp_path: Path
) -> None:
    files = german_takeout()
    path = write_zip(tmp_path / "takeout.zip", files)
    seen: list[Progress] = []
    import_path(
        vault, path, expected="google-location", separate_process=False, progress=seen.append
    )
    location_bytes = sum(len(data) for name, data in files.items() if "Standortverlauf" in name)
    assert seen[-1].unit == "bytes"
    assert seen[-1].done == seen[-1].total == location_bytes


def test_ios_and_android_timelines_merge_into_the_location_dataset(
    vault: Vault, tmp_path: Path
) -> None:
    (tmp_path / "android").mkdir()
    (tmp_path / "android" / "Timeline.json").write_bytes(android_timeline([ANDROID_VISIT]))
    (tmp_path / "iphone").mkdir()
    (tmp_path / "iphone" / "location-history.json").write_bytes(ios_timeline(IOS_VISIT, IOS_PATH))
    import_path(vault, tmp_path / "android" / "Timeline.json", separate_process=False)
    import_path(vault, tmp_path / "iphone" / "location-history.json", separate_process=False)
    assert per_dataset(vault) == {"google-location": 3}


def test_each_file_is_sniffed_once_however_many_google_importers_ask(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = write_zip(tmp_path / "takeout.zip", german_takeout())
    sniffed: list[str] = []
    original = google_takeout._sniff

    def counting_sniff(export: Export, entry: Entry) -> str | None:
        sniffed.append(entry.name)
        return original(export, entry)

    monkeypatch.setattr(google_takeout, "_sniff", counting_sniff)
    with Export(path) as export:
        matches = detect(export)
    assert {m.importer for m in matches} >= set(EXPECTED)
    assert sorted(sniffed) == sorted(
        n for n in german_takeout() if n.endswith(".json") or n.endswith(".csv")
    )


def test_a_takeout_with_nothing_hearth_reads_lists_the_supported_exports(
    vault: Vault, tmp_path: Path
) -> None:
    path = write_zip(
        tmp_path / "takeout.zip",
        {
            "Takeout/Google Fotos/IMG_0001.jpg.json": b'{"title": "IMG_0001.jpg"}',
            "Takeout/Kontakte/Alle Kontakte.vcf": b"BEGIN:VCARD\r\nEND:VCARD\r\n",
        },
    )
    with pytest.raises(BadInput, match="does not recognise") as refused:
        import_path(vault, path, separate_process=False)
    assert "Google Location History" in str(refused.value)
    assert "Fitbit" in str(refused.value)
    assert vault.datasets() == []


# ------------------------------------------------------------------ mutated inputs

SEEDS: dict[str, tuple[str, bytes]] = {
    "chrome": ("BrowserHistory.json", browser_history(VISIT_EXAMPLE, VISIT_NEWS)),
    "records": ("Records.json", records_json(FIX_PARIS_MS, FIX_SYDNEY_ISO)),
    "semantic": ("2020_JANUARY.json", semantic_month(CYCLING, BAKERY_VISIT)),
    "android": (
        "Timeline.json",
        android_timeline([ANDROID_VISIT, ANDROID_PATH], [POSITION_SYDNEY]),
    ),
    "ios": ("location-history.json", ios_timeline(IOS_VISIT, IOS_PATH)),
    "fit-day": ("2021-03-01.csv", fit_day(FIT_QUIET, FIT_WALK)),
    "fit-session": ("RUNNING.json", fit_session(RUN_SESSION)),
    "fitbit-series": ("steps-2020-01-01.json", fitbit_json(STEPS)),
    "fitbit-sleep": ("sleep-2020-01-01.json", fitbit_json(SLEEP)),
}

mutation = st.tuples(
    st.sampled_from(["flip", "cut", "insert", "drop"]), st.integers(0, 1 << 16), st.integers(0, 255)
)


def mutate(data: bytes, steps: list[tuple[str, int, int]]) -> bytes:
    buffer = bytearray(data)
    for kind, where, amount in steps:
        if not buffer:
            break
        at = where % len(buffer)
        if kind == "flip":
            buffer[at] ^= amount or 1
        elif kind == "cut":
            del buffer[at:]
        elif kind == "insert":
            buffer[at:at] = bytes([amount]) * 3
        else:
            del buffer[at : at + amount % 64 + 1]
    return bytes(buffer)


@settings(
    max_examples=400,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(seed=st.sampled_from(sorted(SEEDS)), steps=st.lists(mutation, min_size=1, max_size=4))
def test_mutated_takeout_files_import_or_raise_bad_input(
    seed: str, steps: list[tuple[str, int, int]]
) -> None:
    name, data = SEEDS[seed]
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / name
        path.write_bytes(mutate(data, steps))
        try:
            with Export(path) as export:
                for match in detect(export):
                    sink = RecordSink(Labels({}, {}), lambda batch: None)
                    by_name(match.importer).read(export, match, sink)
                    sink.flush()
        except BadInput as refused:
            assert str(refused)


# Structure-aware: well-formed JSON whose fields hold the wrong kind of value. Byte
# mutations rarely get past the parser; these reach every field's handling and the vault.
ODD_VALUES = [
    None,
    True,
    0,
    -1,
    1e308,
    2**70,
    "",
    "x",
    "NaN",
    "1e999",
    [],
    {},
    [1],
    {"a": 1},
    "geo:",
    "°",
    "99/99/99 99:99:99",
    "2024-13-01T00:00:00Z",
    "9" * 30,
]


def _leaf_paths(node: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    found = [prefix] if prefix else []
    children = (
        node.items()
        if isinstance(node, dict)
        else enumerate(node)
        if isinstance(node, list)
        else []
    )
    for key, child in children:
        found += _leaf_paths(child, (*prefix, key))
    return found


@settings(
    max_examples=200,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(
    seed=st.sampled_from(sorted(s for s in SEEDS if SEEDS[s][0].endswith(".json"))),
    picks=st.lists(
        st.tuples(st.integers(0, 10_000), st.sampled_from(ODD_VALUES)), min_size=1, max_size=3
    ),
)
def test_fields_of_the_wrong_kind_are_skipped_or_refused_never_a_crash(
    vault: Vault, seed: str, picks: list[tuple[int, Any]]
) -> None:
    name, data = SEEDS[seed]
    document = json.loads(data)
    for where, odd in picks:
        paths = _leaf_paths(document)
        if not paths:
            break
        *parents, last = paths[where % len(paths)]
        holder = document
        for key in parents:
            holder = holder[key]
        # A copy: the same nested list placed twice could end up inside itself.
        holder[last] = copy.deepcopy(odd)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / name
        path.write_text(json.dumps(document))
        try:
            import_path(vault, path, separate_process=False)
        except BadInput as refused:
            assert str(refused)
    assert vault.integrity_problems() == []
