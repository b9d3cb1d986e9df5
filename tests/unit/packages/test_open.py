"""Opening a package as its buyer: everything verified or nothing written, and a failure
names the file and what is wrong with it."""

from __future__ import annotations

import io
import json
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pyrage
import pytest

from hearth.consent.store import set_policy
from hearth.errors import BadInput, UsageError
from hearth.packages.build import build_package
from hearth.packages.merkle import merkle_root
from hearth.packages.open import open_package
from hearth.vault import Vault
from tests.unit.packages.helpers import APPLE, decrypt, import_fixtures, new_identity, policy


@pytest.fixture
def sealed(vault: Vault, shared_fixtures: Path, tmp_path: Path) -> tuple[Path, Path, Any]:
    """A package of the Apple Health fixture, the buyer's key file and identity."""
    ids = import_fixtures(vault, shared_fixtures, APPLE)
    set_policy(vault, policy(ids["apple-health"]))
    identity, key_file = new_identity(tmp_path)
    built = build_package(
        vault, ids["apple-health"], recipient=str(identity.to_public()), out=tmp_path / "p.age"
    )
    return built.path, key_file, identity


def _reseal(path: Path, identity: Any, change: Callable[[dict[str, bytes]], None]) -> None:
    """Decrypt, change the files, zip and encrypt again to the same buyer (what anyone who
    knows the buyer's public key could do)."""
    with zipfile.ZipFile(io.BytesIO(decrypt(path, identity))) as archive:
        files = {name: archive.read(name) for name in archive.namelist()}
    change(files)
    data = io.BytesIO()
    with zipfile.ZipFile(data, "w") as archive:
        for name, content in files.items():
            archive.writestr(name, content)
    path.write_bytes(pyrage.encrypt(data.getvalue(), [identity.to_public()]))


def _leftovers(folder: Path, *keep: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p not in keep)


def test_a_package_opens_verified_into_the_folder(
    sealed: tuple[Path, Path, Any], tmp_path: Path
) -> None:
    path, key_file, _ = sealed
    opened = open_package(path, key_file, tmp_path / "bought")
    assert opened.verified and opened.rows == 7
    assert opened.files[0] == "manifest.json"
    manifest = json.loads((tmp_path / "bought" / "manifest.json").read_text())
    assert opened.merkle_root == manifest["merkle_root"]
    assert opened.terms_hash == manifest["terms_hash"]
    assert sorted(p.name for p in (tmp_path / "bought" / "data").iterdir()) == [
        "body_mass_index.csv",
        "heart_rate.csv",
        "hkactivity_summary.csv",
        "hkworkout_route.csv",
        "running.csv",
    ]
    assert opened.to_json() == {
        "verified": True,
        "merkle_root": opened.merkle_root,
        "terms_hash": opened.terms_hash,
        "files": opened.files,
        "rows": 7,
    }


def _fails(path: Path, key_file: Path, tmp_path: Path, match: str) -> None:
    before = _leftovers(tmp_path)
    with pytest.raises(BadInput, match=match):
        open_package(path, key_file, tmp_path / "bought")
    assert _leftovers(tmp_path) == before  # no output folder, no staging folder


def test_a_flipped_byte_fails(sealed: tuple[Path, Path, Any], tmp_path: Path) -> None:
    path, key_file, _ = sealed
    data = bytearray(path.read_bytes())
    data[len(data) // 2] ^= 0x01
    path.write_bytes(bytes(data))
    _fails(path, key_file, tmp_path, "truncated or was changed")


def test_a_truncated_package_fails(sealed: tuple[Path, Path, Any], tmp_path: Path) -> None:
    path, key_file, _ = sealed
    path.write_bytes(path.read_bytes()[:-100])
    _fails(path, key_file, tmp_path, "truncated")


def test_someone_else_s_identity_fails(sealed: tuple[Path, Path, Any], tmp_path: Path) -> None:
    path, _, _ = sealed
    other = tmp_path / "other"
    other.mkdir()
    _, other_key = new_identity(other)
    _fails(path, other_key, tmp_path, "Wrong identity: this package was not encrypted to you")


def test_an_altered_csv_fails_naming_the_file(
    sealed: tuple[Path, Path, Any], tmp_path: Path
) -> None:
    path, key_file, identity = sealed

    def change(files: dict[str, bytes]) -> None:
        files["data/heart_rate.csv"] = files["data/heart_rate.csv"].replace(b"72.0", b"73.0")

    _reseal(path, identity, change)
    _fails(path, key_file, tmp_path, "data/heart_rate.csv does not match its hash in the manifest")


def test_a_manifest_with_another_root_fails(sealed: tuple[Path, Path, Any], tmp_path: Path) -> None:
    path, key_file, identity = sealed

    def change(files: dict[str, bytes]) -> None:
        manifest = json.loads(files["manifest.json"])
        manifest["merkle_root"] = "0x" + "00" * 32
        files["manifest.json"] = json.dumps(manifest).encode()

    _reseal(path, identity, change)
    _fails(path, key_file, tmp_path, "Merkle root does not match")


def test_a_manifest_with_other_terms_fails(sealed: tuple[Path, Path, Any], tmp_path: Path) -> None:
    path, key_file, identity = sealed

    def change(files: dict[str, bytes]) -> None:
        manifest = json.loads(files["manifest.json"])
        manifest["policy"]["prohibition"] = []  # "may resell" after all
        files["manifest.json"] = json.dumps(manifest).encode()

    _reseal(path, identity, change)
    _fails(path, key_file, tmp_path, "licence terms do not match its terms hash")


def test_a_manifest_hash_changed_to_match_an_altered_file_breaks_the_root(
    sealed: tuple[Path, Path, Any], tmp_path: Path
) -> None:
    import hashlib

    path, key_file, identity = sealed

    def change(files: dict[str, bytes]) -> None:
        files["data/heart_rate.csv"] += (
            b"2024-01-01T00:00:00.000Z,2024-01-01T00:00:00.000Z,1,,,,\r\n"
        )
        manifest = json.loads(files["manifest.json"])
        for table in manifest["distribution"]:
            if table["path"] == "data/heart_rate.csv":
                table["sha256"] = hashlib.sha256(files["data/heart_rate.csv"]).hexdigest()
                table["rows"] += 1
        manifest["rows"] += 1
        files["manifest.json"] = json.dumps(manifest).encode()

    _reseal(path, identity, change)
    _fails(path, key_file, tmp_path, "Merkle root does not match")


def test_a_file_missing_or_unlisted_or_escaping_fails(
    sealed: tuple[Path, Path, Any], tmp_path: Path
) -> None:
    path, key_file, identity = sealed
    original = path.read_bytes()

    _reseal(path, identity, lambda files: files.pop("data/running.csv"))
    _fails(path, key_file, tmp_path, "data/running.csv is listed in the manifest but missing")

    path.write_bytes(original)
    _reseal(path, identity, lambda files: files.update({"data/extra.csv": b"a\r\n"}))
    _fails(path, key_file, tmp_path, "data/extra.csv is in the package but not in its manifest")

    path.write_bytes(original)
    _reseal(path, identity, lambda files: files.update({"../escape.csv": b"a\r\n"}))
    _fails(path, key_file, tmp_path, "should not")
    assert not (tmp_path.parent / "escape.csv").exists()


def test_a_zip_bomb_is_not_unpacked(sealed: tuple[Path, Path, Any], tmp_path: Path) -> None:
    path, key_file, identity = sealed

    data = io.BytesIO()
    with zipfile.ZipFile(data, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("manifest.json", b"{}")
        archive.writestr("data/heart_rate.csv", b"0" * (50 << 20))
    path.write_bytes(pyrage.encrypt(data.getvalue(), [identity.to_public()]))
    _fails(path, key_file, tmp_path, "zip bomb")


def test_a_key_file_that_is_not_an_identity_is_refused_without_quoting_it(
    sealed: tuple[Path, Path, Any], tmp_path: Path
) -> None:
    path, _, _ = sealed
    bad = tmp_path / "not-a-key.txt"
    bad.write_text("AGE-SECRET-KEY-1NOTREALLYAKEY\n")
    with pytest.raises(BadInput) as refused:
        open_package(path, bad, tmp_path / "bought")
    assert "NOTREALLY" not in str(refused.value)


def test_an_existing_non_empty_folder_is_not_overwritten(
    sealed: tuple[Path, Path, Any], tmp_path: Path
) -> None:
    path, key_file, _ = sealed
    target = tmp_path / "bought"
    target.mkdir()
    (target / "mine.txt").write_text("keep")
    with pytest.raises(UsageError, match="not empty"):
        open_package(path, key_file, target)
    assert [p.name for p in target.iterdir()] == ["mine.txt"]


def test_merkle_root_definition() -> None:
    import hashlib

    a, b, c = (hashlib.sha256(x).hexdigest() for x in (b"a", b"b", b"c"))

    def leaf(path: str, digest: str) -> bytes:
        return hashlib.sha256(b"\x00" + path.encode() + b"\x00" + bytes.fromhex(digest)).digest()

    def node(left: bytes, right: bytes) -> bytes:
        return hashlib.sha256(b"\x01" + left + right).digest()

    assert merkle_root({}) == "0x" + hashlib.sha256(b"").hexdigest()
    assert merkle_root({"data/a.csv": a}) == "0x" + leaf("data/a.csv", a).hex()
    three = {"data/c.csv": c, "data/a.csv": a, "data/b.csv": b}  # order given does not matter
    expected = node(node(leaf("data/a.csv", a), leaf("data/b.csv", b)), leaf("data/c.csv", c))
    assert merkle_root(three) == "0x" + expected.hex()
    assert merkle_root({"data/a.csv": b, "data/b.csv": a}) != merkle_root(
        {"data/a.csv": a, "data/b.csv": b}
    )
