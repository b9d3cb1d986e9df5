"""The stock `age` program (Debian's `age` package) decrypts a Hearth package."""

from __future__ import annotations

import io
import json
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest

from hearth.consent.store import set_policy
from hearth.packages.build import build_package
from hearth.packages.merkle import merkle_root
from hearth.packages.open import open_package
from hearth.vault import Vault
from tests.unit.packages.helpers import APPLE, FIT, import_fixtures, policy

pytestmark = pytest.mark.integration

AGE = shutil.which("age")
AGE_KEYGEN = shutil.which("age-keygen")


@pytest.mark.skipif(
    AGE is None or AGE_KEYGEN is None,
    reason="the stock `age` and `age-keygen` are not on PATH (Debian: apt install age; "
    "`make test` installs it when run as root)",
)
def test_stock_age_decrypts_a_package_and_hearth_opens_it_with_the_same_key(
    vault: Vault, shared_fixtures: Path, tmp_path: Path
) -> None:
    assert AGE is not None and AGE_KEYGEN is not None
    key_file = tmp_path / "buyer.key"
    subprocess.run([AGE_KEYGEN, "-o", str(key_file)], check=True, capture_output=True)
    recipient = subprocess.run(
        [AGE_KEYGEN, "-y", str(key_file)], check=True, capture_output=True, text=True
    ).stdout.strip()

    ids = import_fixtures(vault, shared_fixtures, APPLE, FIT)
    dataset_id = ids["activity-files"]
    set_policy(vault, policy(dataset_id))
    built = build_package(vault, dataset_id, recipient=recipient, out=tmp_path / "p.age")

    plain = subprocess.run(
        [AGE, "--decrypt", "-i", str(key_file), str(built.path)], check=True, capture_output=True
    ).stdout
    with zipfile.ZipFile(io.BytesIO(plain)) as archive:
        assert archive.testzip() is None
        manifest = json.loads(archive.read("manifest.json"))
        import hashlib

        hashes = {
            name: hashlib.sha256(archive.read(name)).hexdigest()
            for name in archive.namelist()
            if name != "manifest.json"
        }
    assert {t["path"]: t["sha256"] for t in manifest["distribution"]} == hashes
    assert manifest["merkle_root"] == merkle_root(hashes) == built.merkle_root
    assert manifest["rows"] == built.rows > 2000

    opened = open_package(built.path, key_file, tmp_path / "bought")
    assert opened.verified and opened.merkle_root == built.merkle_root
