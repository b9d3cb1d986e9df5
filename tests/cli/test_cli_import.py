"""`hearth import` as scripts and people run it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.cli.test_cli_vault import assert_one_sentence, folder_digest, hearth
from tests.unit.importers.apple_samples import write_heart_rates


@pytest.fixture
def made(tmp_path: Path) -> Path:
    vault = tmp_path / "vault"
    result = hearth("--vault", vault, "init", "--member", "Ana", "--recovery-kit", tmp_path / "kit")
    assert result.returncode == 0, result.stderr
    return vault


def test_import_json_reports_each_import_and_the_totals(made: Path, tmp_path: Path) -> None:
    first = write_heart_rates(tmp_path / "export.xml", 40)
    result = hearth("--vault", made, "import", first, "--json")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == {
        "imports": [
            {
                "path": str(first),
                "source": "apple-health",
                "dataset": 1,
                "added": 40,
                "duplicates": 0,
                "skipped": 0,
            }
        ],
        "added": 40,
        "duplicates": 0,
    }
    newer = write_heart_rates(tmp_path / "newer.xml", 50)
    again = json.loads(hearth("--vault", made, "import", first, newer, "--json").stdout)
    assert [(i["added"], i["duplicates"]) for i in again["imports"]] == [(0, 40), (10, 40)]
    assert (again["added"], again["duplicates"]) == (10, 80)
    datasets = json.loads(hearth("--vault", made, "datasets", "--json").stdout)["datasets"]
    assert [(d["title"], d["member"], d["records"]) for d in datasets] == [
        ("Apple Health", "Ana", 50)
    ]


def test_an_unrecognised_file_exits_4_and_changes_nothing(made: Path, tmp_path: Path) -> None:
    junk = tmp_path / "notes.txt"
    junk.write_text("shopping list")
    before = folder_digest(made)
    result = hearth("--vault", made, "import", junk)
    assert result.returncode == 4
    assert "does not recognise notes.txt" in result.stderr and "Apple Health" in result.stderr
    assert_one_sentence(result)
    assert folder_digest(made) == before


def test_asking_for_the_wrong_kind_names_what_the_file_looks_like(
    made: Path, tmp_path: Path
) -> None:
    export = write_heart_rates(tmp_path / "export.xml", 5)
    result = hearth("--vault", made, "import", export, "--as", "no-such-kind")
    assert result.returncode == 4
    assert "Unknown kind of export" in result.stderr
    assert_one_sentence(result)


def test_a_missing_file_is_bad_input(made: Path, tmp_path: Path) -> None:
    result = hearth("--vault", made, "import", tmp_path / "nowhere.zip")
    assert result.returncode == 4
    assert "does not exist" in result.stderr


def test_an_unreadable_file_among_several_stops_the_command_before_any_is_imported(
    made: Path, tmp_path: Path
) -> None:
    good = write_heart_rates(tmp_path / "export.xml", 5)
    junk = tmp_path / "junk.bin"
    junk.write_bytes(b"\x00\x01 random bytes \xff" * 50)
    before = folder_digest(made)
    result = hearth("--vault", made, "import", good, junk, "--json")
    assert result.returncode == 4
    assert "does not recognise junk.bin" in result.stderr
    assert json.loads(result.stdout)["error"]["exit_code"] == 4
    assert folder_digest(made) == before


def test_a_damaged_file_after_an_imported_one_says_what_was_imported(
    made: Path, tmp_path: Path
) -> None:
    good = write_heart_rates(tmp_path / "export.xml", 5)
    text = write_heart_rates(tmp_path / "cut.xml", 500).read_text()
    cut = tmp_path / "cut.xml"
    cut.write_text(text[: len(text) // 2])  # recognised from its head, damaged further on
    result = hearth("--vault", made, "import", good, cut, "--json")
    assert result.returncode == 4
    assert "truncated" in result.stderr
    document = json.loads(result.stdout)
    assert document["error"]["exit_code"] == 4
    assert [(i["path"], i["added"]) for i in document["imports"]] == [(str(good), 5)]
    assert document["added"] == 5
    plain = hearth("--vault", made, "import", cut)
    assert plain.returncode == 4 and plain.stdout == ""
    datasets = json.loads(hearth("--vault", made, "datasets", "--json").stdout)["datasets"]
    assert [d["records"] for d in datasets] == [5]  # the good file's, nothing of the cut one


def test_a_file_that_is_not_the_kind_asked_for_says_where_to_get_that_kind(
    made: Path, tmp_path: Path
) -> None:
    junk = tmp_path / "junk.bin"
    junk.write_bytes(b"\x00\x01 random bytes \xff" * 50)
    result = hearth("--vault", made, "import", junk, "--as", "apple-health")
    assert result.returncode == 4
    assert result.stderr.startswith("junk.bin is not an Apple Health export. In the Health app")
    assert result.stderr.rstrip().endswith(".")
