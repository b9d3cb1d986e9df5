"""Building a package: refusals before any work, determinism, preview = build, no leftovers
and no plaintext outside the buyer's own output folder."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import duckdb
import pytest

from hearth.consent.policy import Purpose
from hearth.consent.store import set_policy, withdraw
from hearth.errors import BadInput, PolicyRefused, UserCancelled
from hearth.packages import build as build_module
from hearth.packages.build import build_package, merkle_root_of
from hearth.packages.merkle import merkle_root
from hearth.packages.preview import preview
from hearth.progress import CancelToken, Progress
from hearth.vault import Vault
from tests.unit.packages.helpers import (
    APPLE,
    FIT,
    GPX,
    decrypt,
    import_fixtures,
    new_identity,
    policy,
    writer_for,
    zip_files,
)

PLANTED = "PLANTED-VALUE-7f3e9c"


def _recipient(tmp_path: Path) -> tuple[Any, str]:
    identity, _ = new_identity(tmp_path)
    return identity, str(identity.to_public())


def test_a_dataset_without_a_policy_is_refused(
    vault: Vault, shared_fixtures: Path, tmp_path: Path
) -> None:
    ids = import_fixtures(vault, shared_fixtures, APPLE)
    _, recipient = _recipient(tmp_path)
    with pytest.raises(PolicyRefused, match="no consent policy"):
        build_package(vault, ids["apple-health"], recipient=recipient, out=tmp_path / "p.age")
    assert not (tmp_path / "p.age").exists()


def test_a_purpose_the_policy_does_not_allow_is_refused_naming_it(
    vault: Vault, shared_fixtures: Path, tmp_path: Path
) -> None:
    ids = import_fixtures(vault, shared_fixtures, APPLE)
    set_policy(vault, policy(ids["apple-health"]))
    _, recipient = _recipient(tmp_path)
    with pytest.raises(PolicyRefused, match="advertising"):
        build_package(
            vault,
            ids["apple-health"],
            recipient=recipient,
            out=tmp_path / "p.age",
            purpose=Purpose.ADVERTISING,
        )


def test_withdrawn_consent_is_refused(vault: Vault, shared_fixtures: Path, tmp_path: Path) -> None:
    ids = import_fixtures(vault, shared_fixtures, APPLE)
    set_policy(vault, policy(ids["apple-health"]))
    withdraw(vault, ids["apple-health"])
    _, recipient = _recipient(tmp_path)
    with pytest.raises(PolicyRefused, match="withdrawn"):
        build_package(vault, ids["apple-health"], recipient=recipient, out=tmp_path / "p.age")


@pytest.mark.parametrize(
    "recipient", ["age1notarecipient", "", "ssh-ed25519 AAAA", "0x" + "a" * 40]
)
def test_an_invalid_recipient_is_refused_before_any_work(
    vault: Vault, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, recipient: str
) -> None:
    def no_work(*args: object, **kwargs: object) -> None:
        raise AssertionError("the policy was read before the recipient was checked")

    monkeypatch.setattr(build_module, "effective_policy", no_work)
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    with pytest.raises(BadInput, match="not an age public key"):
        build_package(vault, 1, recipient=recipient, out=out_dir / "p.age")
    assert list(out_dir.iterdir()) == []


def test_a_secret_key_given_as_recipient_is_refused_and_never_echoed(
    vault: Vault, tmp_path: Path
) -> None:
    identity, _ = new_identity(tmp_path)
    with pytest.raises(BadInput) as refused:
        build_package(vault, 1, recipient=str(identity), out=tmp_path / "p.age")
    assert "secret key" in str(refused.value)
    assert str(identity) not in str(refused.value)


def test_the_same_rows_and_policy_give_the_same_bytes_and_root(
    vault: Vault, shared_fixtures: Path, tmp_path: Path
) -> None:
    ids = import_fixtures(vault, shared_fixtures, FIT, GPX)
    dataset_id = ids["activity-files"]
    set_policy(vault, policy(dataset_id))
    identity, recipient = _recipient(tmp_path)
    first = build_package(vault, dataset_id, recipient=recipient, out=tmp_path / "1.age")
    second = build_package(vault, dataset_id, recipient=recipient, out=tmp_path / "2.age")
    assert first.merkle_root == second.merkle_root and first.rows == second.rows > 3000
    # age encrypts with a fresh key each time; what it encrypts is identical.
    assert first.path.read_bytes() != second.path.read_bytes()
    assert decrypt(first.path, identity) == decrypt(second.path, identity)

    # A newer copy of the same export (different file, same records) changes nothing.
    copy = tmp_path / "korita-again.gpx"
    shutil.copy(shared_fixtures / GPX, copy)
    with copy.open("ab") as handle:
        handle.write(b"\n<!-- exported again -->\n")
    import_fixtures(vault, tmp_path, copy.name)
    third = build_package(vault, dataset_id, recipient=recipient, out=tmp_path / "3.age")
    assert decrypt(third.path, identity) == decrypt(first.path, identity)


def test_the_zip_is_fixed_in_order_times_and_permissions(
    vault: Vault, shared_fixtures: Path, tmp_path: Path
) -> None:
    import io
    import zipfile

    ids = import_fixtures(vault, shared_fixtures, APPLE)
    set_policy(vault, policy(ids["apple-health"]))
    identity, recipient = _recipient(tmp_path)
    built = build_package(vault, ids["apple-health"], recipient=recipient, out=tmp_path / "p.age")
    with zipfile.ZipFile(io.BytesIO(decrypt(built.path, identity))) as archive:
        infos = archive.infolist()
    names = [i.filename for i in infos]
    assert names[-1] == "manifest.json" and names[:-1] == sorted(names[:-1])
    assert {i.date_time for i in infos} == {(1980, 1, 1, 0, 0, 0)}
    assert {i.external_attr >> 16 for i in infos} == {0o100644}


def test_the_manifest_describes_and_commits_to_the_files(
    vault: Vault, shared_fixtures: Path, tmp_path: Path
) -> None:
    import hashlib

    ids = import_fixtures(vault, shared_fixtures, APPLE)
    set_policy(vault, policy(ids["apple-health"]))
    identity, recipient = _recipient(tmp_path)
    built = build_package(
        vault,
        ids["apple-health"],
        recipient=recipient,
        out=tmp_path / "p.age",
        seller_address="0x" + "Ab" * 20,
    )
    files = zip_files(decrypt(built.path, identity))
    manifest = json.loads(files["manifest.json"])
    hashes = {t["path"]: t["sha256"] for t in manifest["distribution"]}
    assert hashes == {
        name: hashlib.sha256(data).hexdigest()
        for name, data in files.items()
        if name != "manifest.json"
    }
    assert manifest["merkle_root"] == merkle_root(hashes) == built.merkle_root
    assert manifest["terms_hash"] == built.terms_hash
    assert manifest["publisher"] == "0x" + "ab" * 20
    assert manifest["rows"] == built.rows == 7
    assert manifest["temporal"] == {"startDate": "2016-04-18", "endDate": "2018-09-10"}
    heart = next(t for t in manifest["distribution"] if t["name"] == "heart_rate")
    value = next(c for c in heart["columns"] if c["name"] == "value")
    assert (value["type"], value["units"]) == ("number", ["count/min"])
    assert "removed" not in json.dumps(manifest)  # counts of what was removed stay private
    assert built.to_json() == {
        "merkle_root": built.merkle_root,
        "terms_hash": built.terms_hash,
        "rows": 7,
        "bytes": built.path.stat().st_size,
    }


def test_every_table_loads_in_duckdb_in_one_line(
    vault: Vault, shared_fixtures: Path, tmp_path: Path
) -> None:
    ids = import_fixtures(vault, shared_fixtures, FIT)
    set_policy(vault, policy(ids["activity-files"]))
    identity, recipient = _recipient(tmp_path)
    built = build_package(vault, ids["activity-files"], recipient=recipient, out=tmp_path / "p.age")
    files = zip_files(decrypt(built.path, identity))
    manifest = json.loads(files["manifest.json"])
    for entry in manifest["distribution"]:
        path = tmp_path / f"{entry['name']}.csv"
        path.write_bytes(files[entry["path"]])
        relation = duckdb.read_csv(str(path))
        assert relation.columns == [c["name"] for c in entry["columns"]]
        assert len(relation.fetchall()) == entry["rows"]
    [(count,)] = duckdb.sql(
        f"select count(*) from '{tmp_path / 'activity_point.csv'}' where lat > 0"  # noqa: S608
    ).fetchall()
    assert count > 2000


def test_preview_shows_exactly_what_the_build_gives(
    vault: Vault, shared_fixtures: Path, tmp_path: Path
) -> None:
    ids = import_fixtures(vault, shared_fixtures, FIT, GPX)
    dataset_id = ids["activity-files"]
    sellable = policy(dataset_id)
    draft = preview(vault, dataset_id, sellable, sample_rows=3)
    set_policy(vault, sellable)
    identity, recipient = _recipient(tmp_path)
    built = build_package(vault, dataset_id, recipient=recipient, out=tmp_path / "p.age")
    in_force = preview(vault, dataset_id, sample_rows=3)
    assert draft == in_force
    assert (draft.merkle_root, draft.terms_hash, draft.rows) == (
        built.merkle_root,
        built.terms_hash,
        built.rows,
    )
    assert merkle_root_of(vault, dataset_id, sellable) == built.merkle_root
    files = zip_files(decrypt(built.path, identity))
    for shown in draft.tables:
        lines = files[f"data/{shown.name}.csv"].decode().split("\r\n")
        assert lines[0].split(",") == shown.columns
        assert len(lines) - 2 == shown.rows
        assert len(shown.sample) == min(3, shown.rows)
    assert draft.to_json()["removed_sentences"] == draft.removed_sentences


def test_preview_of_a_dataset_without_terms_is_refused(vault: Vault, shared_fixtures: Path) -> None:
    ids = import_fixtures(vault, shared_fixtures, APPLE)
    with pytest.raises(PolicyRefused):
        preview(vault, ids["apple-health"])


def test_a_cancel_half_way_leaves_nothing_in_the_output_folder(
    vault: Vault, shared_fixtures: Path, tmp_path: Path
) -> None:
    ids = import_fixtures(vault, shared_fixtures, APPLE)
    set_policy(vault, policy(ids["apple-health"]))
    _, recipient = _recipient(tmp_path)
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    cancel = CancelToken()
    seen: list[Progress] = []

    def cancel_after_first_table(update: Progress) -> None:
        seen.append(update)
        cancel.cancel()

    with pytest.raises(UserCancelled):
        build_package(
            vault,
            ids["apple-health"],
            recipient=recipient,
            out=out_dir / "p.age",
            progress=cancel_after_first_table,
            cancel=cancel,
        )
    assert len(seen) == 1  # it stopped at the next batch
    assert list(out_dir.iterdir()) == []


def test_a_failure_half_way_leaves_nothing_and_keeps_an_older_package(
    vault: Vault, shared_fixtures: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    ids = import_fixtures(vault, shared_fixtures, APPLE)
    set_policy(vault, policy(ids["apple-health"]))
    _, recipient = _recipient(tmp_path)
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    (out_dir / "p.age").write_bytes(b"an older package")

    def broken(*args: object, **kwargs: object) -> bytes:
        raise OSError("disk full")

    monkeypatch.setattr(build_module, "manifest_bytes", broken)
    with pytest.raises(OSError, match="disk full"):
        build_package(vault, ids["apple-health"], recipient=recipient, out=out_dir / "p.age")
    assert [p.name for p in out_dir.iterdir()] == ["p.age"]
    assert (out_dir / "p.age").read_bytes() == b"an older package"


def _plant(vault: Vault, count: int) -> int:
    """A dataset whose every value and metadata text is a planted marker."""
    writer = writer_for(vault, "planted", "0" * 64)
    writer.add_labels([(900, "test.planted")], [(900, ("Planted source", "", ""))])
    writer.add_rows(
        [
            (
                900,
                19000 + i // 100,
                1_641_600_000_000 + i * 1000,
                1_641_600_000_000 + i * 1000,
                900,
                f"{PLANTED}-{i}",
                None,
                None,
                None,
                json.dumps({"code": f"{PLANTED}x{i}"}),
            )
            for i in range(count)
        ]
    )
    return writer.commit(0).dataset_id


def test_no_plaintext_value_is_ever_written_outside_the_buyer_s_folder(
    vault: Vault, tmp_path: Path
) -> None:
    dataset_id = _plant(vault, 20_000)
    set_policy(vault, policy(dataset_id))
    _, recipient = _recipient(tmp_path)
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    marker = PLANTED.encode()

    def scan(_: Progress) -> None:
        for path in out_dir.iterdir():  # the unfinished .part file included
            assert marker not in path.read_bytes()

    built = build_package(
        vault, dataset_id, recipient=recipient, out=out_dir / "p.age", progress=scan
    )
    assert built.rows == 20_000
    scan(Progress(0, 0))
    assert [p.name for p in out_dir.iterdir()] == ["p.age"]
