"""The Apple Health importer on the real fixture and on exports with every known quirk."""

from __future__ import annotations

import gc
import hashlib
import json
import zipfile
from pathlib import Path
from typing import Any

import pytest

from hearth.errors import BadInput
from hearth.importers.pipeline import import_path
from hearth.vault import Vault
from tests.conftest import PASSPHRASE
from tests.unit.importers.apple_samples import (
    IOS16_DOCTYPE,
    write_heart_rates,
    write_quirky_zip,
)


def rows(vault: Vault, type_name: str) -> list[dict[str, Any]]:
    cursor = vault.db.execute(
        "SELECT r.day, r.start_ms, r.end_ms, s.name, s.version, s.device, r.value, r.unit, "
        "r.lat, r.lng, r.meta FROM records r JOIN record_types t ON t.id = r.type_id "
        "JOIN record_sources s ON s.id = r.source_id WHERE t.name = ? ORDER BY r.start_ms, "
        "r.value",
        (type_name,),
    )
    names = [c[0] for c in cursor.description]
    return [dict(zip(names, row, strict=True)) for row in cursor]


def folder_digest(path: Path) -> dict[str, str]:
    return {
        str(p.relative_to(path)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(path.rglob("*"))
        if p.is_file()
    }


@pytest.fixture
def quirky_zip(tmp_path: Path, shared_fixtures: Path) -> Path:
    route = (shared_fixtures / "apple-health" / "route_2019-06-11_3.00pm.gpx").read_bytes()
    return write_quirky_zip(tmp_path / "export.zip", route)


def test_real_fixture_records_are_read_field_by_field(vault: Vault, shared_fixtures: Path) -> None:
    export = shared_fixtures / "apple-health" / "healthkit-to-sqlite-export.xml"
    [outcome] = import_path(vault, export, separate_process=False)
    assert (outcome.source, outcome.result.added, outcome.result.skipped) == ("apple-health", 7, 0)
    [bmi] = rows(vault, "HKQuantityTypeIdentifierBodyMassIndex")
    assert bmi["start_ms"] == 1460993132000  # 2016-04-18 08:25:32 -0700
    assert (bmi["name"], bmi["version"], bmi["value"], bmi["unit"]) == (
        "Health Mate",
        "2160040",
        22.5312,
        "count",
    )
    assert json.loads(bmi["meta"])["Withings Link"] == (
        "withings-bd2://timeline/measure?userid=12345&date=482685932&type=1"
    )
    [pulse] = rows(vault, "HKQuantityTypeIdentifierHeartRate")
    assert pulse["name"] == "Apple\xa0Watch"  # the non-breaking space Apple writes, kept
    assert pulse["device"] == (
        "name:Apple Watch, manufacturer:Apple, model:Watch, hardware:Watch2,4, software:4.3.1"
    )
    [run] = rows(vault, "HKWorkoutActivityTypeRunning")
    assert run["value"] == pytest.approx(5.19412346680959) and run["unit"] == "min"
    assert json.loads(run["meta"])["totalEnergyBurnedUnit"] == "kcal"
    route = rows(vault, "HKWorkoutRoute")
    assert [(p["lat"], p["lng"], p["value"]) for p in route] == [
        (37.7777, -122.426, 21.2677),
        (37.7777, -122.426, 21.2694),
    ]
    summaries = rows(vault, "HKActivitySummary")
    assert [s["value"] for s in summaries] == [590.252, 323.513]
    assert json.loads(summaries[0]["meta"])["appleStandHours"] == 13.0
    [dataset] = vault.datasets()
    assert (dataset.records, dataset.first, dataset.last) == (
        7,
        "2016-04-18T15:25:32Z",
        "2018-09-10T09:28:55Z",
    )


def test_translated_export_with_every_quirk_imports_cleanly(vault: Vault, quirky_zip: Path) -> None:
    [outcome] = import_path(vault, quirky_zip, separate_process=False)
    assert outcome.result.skipped == 0, outcome.skip_reasons
    pulses = rows(vault, "HKQuantityTypeIdentifierHeartRate")
    assert [p["value"] for p in pulses] == [72.0, 74.0]
    # Two different 0x addresses, one device: one source.
    assert len({(p["name"], p["device"]) for p in pulses}) == 1
    assert "0x" not in pulses[0]["device"]
    meals = rows(vault, "HKQuantityTypeIdentifierDietaryEnergyConsumed")
    assert [json.loads(m["meta"]) for m in meals] == [{"meal": "Lunch"}, {"meal": "Dinner"}]
    assert meals[0]["name"] == "MyFoodDiary"  # the stray \x0b is gone
    [hrv] = rows(vault, "HKQuantityTypeIdentifierHeartRateVariabilitySDNN")
    assert json.loads(hrv["meta"])["beats"] == [["7:00:01.12 AM", 61.0], ["7:00:02.08 AM", 63.0]]
    assert len(rows(vault, "HKQuantityTypeIdentifierBloodPressureSystolic")) == 1
    [pressure] = rows(vault, "HKCorrelationTypeIdentifierBloodPressure")
    assert [r["value"] for r in json.loads(pressure["meta"])["records"]] == [121.0, 79.0]
    [sleep] = rows(vault, "HKCategoryTypeIdentifierSleepAnalysis")
    assert sleep["value"] == "HKCategoryValueSleepAnalysisAsleepCore"
    [run] = rows(vault, "HKWorkoutActivityTypeRunning")
    assert json.loads(run["meta"])["statistics"][0]["sum"] == "5.2"
    route = rows(vault, "HKWorkoutRoute")  # from the GPX in workout-routes/
    assert len(route) == 3
    assert (route[0]["start_ms"], route[0]["lat"], route[0]["lng"], route[0]["value"]) == (
        1560290442000,  # 2019-06-11T22:00:42Z
        37.781672,
        -122.396397,
        4.076904,
    )
    assert route[0]["name"] == "Ana’s iPhone"  # the WorkoutRoute's own source
    [ecg] = rows(vault, "HKElectrocardiogram")
    ecg_meta = json.loads(ecg["meta"])
    assert ecg["value"] == "Sinus Rhythm" and ecg["unit"] == "µV"
    assert ecg_meta["samples"] == [-109.034, -115.508, 12.5]  # decimal commas
    assert ecg_meta["sample_rate_hz"] == 512.0
    stored = json.dumps(ecg_meta)
    assert "Ana Example" not in stored and "1990" not in stored  # name and birthday left out


# The same ECG as a phone set to German might write it (the keys translated here by us, not
# copied from a German export): found by the form of its date and its sample rate.
GERMAN_ECG = (
    "Name,Ana Beispiel\n"
    "Geburtsdatum,02.02.1990\n"
    "Aufzeichnungsdatum,2022-10-03 07:00:00 +0200\n"
    "Klassifizierung,Sinusrhythmus\n"
    "Softwareversion,1.90\n"
    "Abtastrate,256 Hertz\n"
    "\n"
    "\n"
    "Ableitung,Ableitung I\n"
    "\n"
    "1,5\n"
    "-2\n"
)


def test_ecgs_in_another_language_are_read_and_broken_ones_skipped_with_a_reason(
    vault: Vault, tmp_path: Path, shared_fixtures: Path
) -> None:
    route = (shared_fixtures / "apple-health" / "route_2019-06-11_3.00pm.gpx").read_bytes()
    broken = {
        "ecg_rate.csv": GERMAN_ECG.replace("Abtastrate,256 Hertz", "Sample Rate,fast"),
        "ecg_words.csv": GERMAN_ECG.replace("-2\n", "-2\nnot a sample\n"),
        "ecg_undated.csv": GERMAN_ECG.replace("2022-10-03 07:00:00 +0200", "yesterday"),
    }
    export = write_quirky_zip(
        tmp_path / "export.zip", route, more_ecgs={"ecg_de.csv": GERMAN_ECG, **broken}
    )
    [outcome] = import_path(vault, export, separate_process=False)
    reasons = " | ".join(outcome.skip_reasons)
    assert "ecg_rate.csv with an unreadable sample rate" in reasons
    assert "unreadable ECG file ecg_words.csv" in reasons
    assert "ecg_undated.csv without a date" in reasons
    english, german = rows(vault, "HKElectrocardiogram")
    assert english["value"] == "Sinus Rhythm"
    assert german["start_ms"] == 1664773200000  # 2022-10-03 05:00 UTC
    assert german["end_ms"] - german["start_ms"] == 7  # 2 samples at 256 Hz
    meta = json.loads(german["meta"])
    assert (meta["samples"], meta["sample_rate_hz"]) == ([1.5, -2.0], 256.0)
    assert "Beispiel" not in german["meta"] and "1990" not in german["meta"]


def test_records_land_on_the_local_day(vault: Vault, quirky_zip: Path) -> None:
    import_path(vault, quirky_zip, separate_process=False)
    [sleep] = rows(vault, "HKCategoryTypeIdentifierSleepAnalysis")
    # 2022-10-01 23:30 +0200 is 21:30 UTC the same day; the local day is 2022-10-01.
    assert sleep["day"] == 19266


def test_reimporting_the_same_file_adds_nothing(vault: Vault, quirky_zip: Path) -> None:
    [first] = import_path(vault, quirky_zip, separate_process=False)
    [again] = import_path(vault, quirky_zip, separate_process=False)
    assert again.result.already_imported and again.result.added == 0
    assert again.result.duplicates == first.result.added
    assert vault.datasets()[0].records == first.result.added


def test_an_overlapping_newer_export_adds_only_what_is_new(vault: Vault, tmp_path: Path) -> None:
    older = write_heart_rates(tmp_path / "older.xml", 100)
    newer = write_heart_rates(tmp_path / "newer.xml", 150)
    import_path(vault, older, separate_process=False)
    [outcome] = import_path(vault, newer, separate_process=False)
    assert (outcome.result.added, outcome.result.duplicates) == (50, 100)
    assert vault.datasets()[0].records == 150
    imports = vault.db.execute("SELECT count(*) FROM imports").fetchone()[0]
    assert imports == 2


def test_parser_in_a_second_process_gives_the_same_rows(
    vault_path: Path, tmp_path: Path, quirky_zip: Path
) -> None:
    def everything(separate: bool, where: Path) -> list[tuple[Any, ...]]:
        opened, _ = Vault.create(where, "Ana", "correct horse battery staple")
        with opened:
            import_path(opened, quirky_zip, separate_process=separate)
            return opened.db.execute(
                "SELECT t.name, day, start_ms, end_ms, s.name, value, unit, lat, lng, meta "
                "FROM records r JOIN record_types t ON t.id = r.type_id "
                "JOIN record_sources s ON s.id = r.source_id ORDER BY 1, 3, 6"
            ).fetchall()

    assert everything(True, tmp_path / "a") == everything(False, tmp_path / "b")


def test_each_record_remembers_its_import(vault: Vault, tmp_path: Path) -> None:
    import_path(vault, write_heart_rates(tmp_path / "a.xml", 10), separate_process=False)
    import_path(vault, write_heart_rates(tmp_path / "b.xml", 15), separate_process=False)
    per_import = vault.db.execute(
        "SELECT import_id, count(*) FROM records GROUP BY import_id ORDER BY import_id"
    ).fetchall()
    assert per_import == [(1, 10), (2, 5)]


def test_rollups_match_the_records(vault: Vault, quirky_zip: Path) -> None:
    import_path(vault, quirky_zip, separate_process=False)
    from_rollups = vault.db.execute(
        "SELECT type_id, day, count FROM daily_rollups ORDER BY 1, 2"
    ).fetchall()
    from_records = vault.db.execute(
        "SELECT type_id, day, count(*) FROM records GROUP BY 1, 2 ORDER BY 1, 2"
    ).fetchall()
    assert from_rollups == from_records


def test_the_import_is_in_the_audit_log_without_record_values(
    vault: Vault, quirky_zip: Path
) -> None:
    import_path(vault, quirky_zip, separate_process=False)
    [entry] = vault.audit_entries(action="import.completed")
    assert entry.details["importer"] == "apple-health"
    assert "Lunch" not in json.dumps(entry.details)
    assert vault.verify_audit_log().ok


# ------------------------------------------------------------------ bad input


def hostile(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


XXE = """<?xml version="1.0"?>
<!DOCTYPE HealthData [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
<HealthData locale="en_US">
 <Record type="HKQuantityTypeIdentifierHeartRate" sourceName="&secret;" unit="count/min" startDate="2022-10-01 10:00:00 +0200" endDate="2022-10-01 10:00:00 +0200" value="70"/>
</HealthData>
"""

LAUGHS = (
    '<?xml version="1.0"?>\n<!DOCTYPE HealthData [\n <!ENTITY a "ha">\n'
    + "".join(f' <!ENTITY {chr(98 + i)} "{("&" + chr(97 + i) + ";") * 10}">\n' for i in range(9))
    + ']>\n<HealthData locale="en_US"><Record type="x" sourceName="&j;" '
    'startDate="2022-10-01 10:00:00 +0200" endDate="2022-10-01 10:00:00 +0200" value="1"/>'
    "</HealthData>\n"
)


ONE_RECORD = (
    '<Record type="HKQuantityTypeIdentifierHeartRate" sourceName="W" '
    'startDate="2022-10-01 10:00:00 +0200" endDate="2022-10-01 10:00:00 +0200" value="70"'
)


@pytest.mark.parametrize(
    ("name", "text", "said"),
    [
        ("xxe.xml", XXE, "refers to an entity (&secret;), which exports never do"),
        ("laughs.xml", LAUGHS, "refers to an entity (&j;)"),
        (
            "truncated.xml",
            '<?xml version="1.0"?>\n<HealthData locale="en_US">\n '
            + ONE_RECORD
            + '/>\n <Record type="HKQu',
            "truncated",
        ),
        (
            "bad-line.xml",
            f'<?xml version="1.0"?>\n<HealthData locale="en">\n {ONE_RECORD}/ >\n</HealthData>\n',
            "damaged",
        ),
    ],
)
def test_hostile_or_broken_xml_is_refused_and_the_vault_is_unchanged(
    vault: Vault, tmp_path: Path, name: str, text: str, said: str
) -> None:
    before = vault.db.execute("SELECT count(*) FROM records").fetchone()
    with pytest.raises(BadInput) as refused:
        import_path(vault, hostile(tmp_path, name, text), separate_process=False)
    assert "export.xml" in str(refused.value) and said in str(refused.value)
    assert "(<string>" not in str(refused.value) and "column" not in str(refused.value)
    assert "root:" not in str(refused.value)  # nothing of /etc/passwd
    assert vault.datasets() == []
    assert vault.db.execute("SELECT count(*) FROM records").fetchone() == before


def test_a_broken_export_fails_the_same_way_in_the_parser_process(
    vault: Vault, tmp_path: Path
) -> None:
    with pytest.raises(BadInput):
        import_path(vault, hostile(tmp_path, "xxe.xml", XXE), separate_process=True)
    assert vault.datasets() == []


def test_the_ios16_dtd_alone_does_not_stop_an_import(vault: Vault, tmp_path: Path) -> None:
    text = (
        '<?xml version="1.0"?>\n' + IOS16_DOCTYPE + '<HealthData locale="en_US">'
        '<Record type="HKQuantityTypeIdentifierStepCount" sourceName="P" unit="count" '
        'startDate="2022-10-01 10:00:00 +0200" endDate="2022-10-01 10:05:00 +0200" '
        'value="120"/></HealthData>'
    )
    [outcome] = import_path(vault, hostile(tmp_path, "eksport.xml", text), separate_process=False)
    assert outcome.result.added == 1


def test_a_zip_bomb_is_refused(vault: Vault, tmp_path: Path) -> None:
    bomb = tmp_path / "export.zip"
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("apple_health_export/export.xml", b"<HealthData>" + b" " * 50_000_000)
    with pytest.raises(BadInput, match="zip bomb"):
        import_path(vault, bomb, separate_process=False)
    assert vault.datasets() == []


@pytest.mark.parametrize(
    "name", ["../../outside.xml", "/etc/outside.xml", "C:/Users/outside.xml", "a/../../x.xml"]
)
def test_a_zip_with_a_path_outside_it_is_refused(vault: Vault, tmp_path: Path, name: str) -> None:
    evil = tmp_path / "export.zip"
    with zipfile.ZipFile(evil, "w") as archive:
        archive.writestr(zipfile.ZipInfo(name), '<HealthData locale="en"></HealthData>')
    with pytest.raises(BadInput, match="unsafe path"):
        import_path(vault, evil, separate_process=False)


def test_a_truncated_zip_is_refused(vault: Vault, quirky_zip: Path, tmp_path: Path) -> None:
    cut = tmp_path / "cut.zip"
    cut.write_bytes(quirky_zip.read_bytes()[: quirky_zip.stat().st_size // 2])
    with pytest.raises(BadInput, match=r"cut\.zip is a zip file that is cut off or damaged"):
        import_path(vault, cut, separate_process=False)
    assert vault.datasets() == []


@pytest.mark.parametrize(
    "content", [b"", b"\x00\x01\x02 random bytes \xff\xfe" * 100, "naïve".encode("utf-16")]
)
def test_files_that_are_not_exports_get_the_list_of_supported_ones(
    vault: Vault, tmp_path: Path, content: bytes
) -> None:
    junk = tmp_path / "export.xml"
    junk.write_bytes(content)
    with pytest.raises(BadInput, match="does not recognise"):
        import_path(vault, junk, separate_process=False)


def test_a_failed_import_changes_no_byte_of_the_vault(
    vault: Vault, vault_path: Path, tmp_path: Path
) -> None:
    vault.close()
    before = folder_digest(vault_path)
    with Vault.unlock(vault_path, "Ana", PASSPHRASE) as reopened, pytest.raises(BadInput):
        import_path(reopened, hostile(tmp_path, "xxe.xml", XXE), separate_process=True)
    assert folder_digest(vault_path) == before


def test_line_reading_and_the_xml_parser_fallback_give_the_same_rows(
    tmp_path: Path, quirky_zip: Path
) -> None:
    """Apple writes one element per line and Hearth reads it by lines; the same export on a
    single line (which no line reader could take) goes through lxml and must agree."""
    with zipfile.ZipFile(quirky_zip) as archive:
        text = archive.read("apple_health_export/exportar.xml").decode()
    body_start = text.index("<HealthData")
    one_line = text[:body_start] + "".join(part.strip() for part in text[body_start:].splitlines())
    by_lines = hostile(tmp_path, "by-lines.xml", text)
    squeezed = hostile(tmp_path, "one-line.xml", one_line)

    def stored(export: Path, where: Path) -> list[tuple[Any, ...]]:
        opened, _ = Vault.create(where, "Ana", PASSPHRASE)
        with opened:
            import_path(opened, export, separate_process=False)
            return opened.db.execute(
                "SELECT t.name, day, start_ms, end_ms, s.name, s.version, s.device, value, unit, "
                "lat, lng, meta FROM records r JOIN record_types t ON t.id = r.type_id "
                "JOIN record_sources s ON s.id = r.source_id ORDER BY 1, 3, 8"
            ).fetchall()

    from_lines = stored(by_lines, tmp_path / "a")
    assert len(from_lines) > 10
    assert from_lines == stored(squeezed, tmp_path / "b")


def test_entities_in_fast_path_values_are_decoded(vault: Vault, tmp_path: Path) -> None:
    text = (
        '<?xml version="1.0"?>\n<HealthData locale="en_US">\n'
        ' <Record type="HKQuantityTypeIdentifierStepCount" sourceName="Tom &amp; Jerry&apos;s '
        '&quot;Phone&quot;" sourceVersion="1&lt;2" device="&lt;&lt;HKDevice: 0xabc&gt;, '
        'name:iPhone &amp; more&gt;" unit="count" creationDate="2022-10-01 10:00:00 +0200" '
        'startDate="2022-10-01 10:00:00 +0200" endDate="2022-10-01 10:05:00 +0200" value="12"/>\n'
        ' <Record type="HKQuantityTypeIdentifierStepCount" sourceName="Caf&#233;" unit="count" '
        'startDate="2022-10-01 11:00:00 +0200" endDate="2022-10-01 11:05:00 +0200" value="7"/>\n'
        "</HealthData>\n"
    )
    import_path(vault, hostile(tmp_path, "export.xml", text), separate_process=False)
    steps = rows(vault, "HKQuantityTypeIdentifierStepCount")
    assert [(r["name"], r["version"], r["device"], r["value"]) for r in steps] == [
        ('Tom & Jerry\'s "Phone"', "1<2", "name:iPhone & more", 12.0),
        ("Café", "", "", 7.0),
    ]


def test_no_route_file_s_parser_outlives_its_file(vault: Vault, quirky_zip: Path) -> None:
    """lxml's iterparse is a reference cycle holding the route's whole document. A parser
    process seldom runs a full collection, so a route file's parser left to the collector
    stayed in memory until the end of the import (60 MB for 5M records)."""
    gc.collect()
    gc.disable()  # as good as never, in a parser process
    try:
        import_path(vault, quirky_zip, separate_process=False)
        left = [o for o in gc.get_objects() if type(o).__name__ in ("iterparse", "XMLPullParser")]
    finally:
        gc.enable()
    assert rows(vault, "HKWorkoutRoute")  # the route was read
    assert left == []
