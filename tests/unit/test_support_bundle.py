"""`hearth doctor --support-bundle FILE`: the facts a helper needs, and none of the planted
secrets or personal values, whether they were in the log (written by the app or by hand),
the environment, or the vault itself."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from eth_account import Account

from hearth.importers.pipeline import import_path
from hearth.logs import log_file
from hearth.vault import Vault
from tests.conftest import PASSPHRASE

Account.enable_unaudited_hdwallet_features()

AGE_IDENTITY = "AGE-SECRET-KEY-1QQPQ8C0FSSU8X2FZH5S4DLXP9HRYSHQ7M6GHAF0CKY7W4GU8XYCQ2LZ2XV"
# Personal values from records: a heart-rate metadata string and a visited page.
MOTION_NOTE = "Sedentary-at-Rosalind-Clinic-4471"
VISITED_URL = "https://clinic.example/patients/ana-4471/results?token=77aa"


def _export_with_metadata(path: Path) -> Path:
    stamp = "2024-02-01 08:00:00 +0000"
    path.write_text(
        '<?xml version="1.0" encoding="UTF-8"?>\n<HealthData locale="en_US">\n'
        f' <Record type="HKQuantityTypeIdentifierHeartRate" sourceName="Watch" unit="count/min"'
        f' creationDate="{stamp}" startDate="{stamp}" endDate="{stamp}" value="64">\n'
        f'  <MetadataEntry key="HKMetadataKeyHeartRateMotionContext" value="{MOTION_NOTE}"/>\n'
        f'  <MetadataEntry key="HKWebsite" value="{VISITED_URL}"/>\n'
        " </Record>\n</HealthData>\n",
        encoding="utf-8",
    )
    return path


def _hearth(*args: str | Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "hearth", *map(str, args)],
        capture_output=True,
        text=True,
        env=env,
        stdin=subprocess.DEVNULL,
        timeout=120,
        check=False,
    )


@pytest.fixture
def planted(vault: Vault, tmp_path: Path) -> dict[str, str]:
    """A vault holding the personal values, and every secret planted in the log (by the
    app's own logging and as raw lines an older version might have left) and in the
    environment the doctor runs in. Returns the secrets by name."""
    account, words = Account.create_with_mnemonic()
    key_hex = bytes(account.key).hex()
    import_path(vault, _export_with_metadata(tmp_path / "export.xml"))
    vault.close()
    secrets = {
        "passphrase": PASSPHRASE,
        "mnemonic": words,
        "private key": key_hex,
        "age identity": AGE_IDENTITY,
        "motion note": MOTION_NOTE,
        "visited url": VISITED_URL,
        "url path": "patients/ana-4471",
    }
    # Through the app's logging, in the ways a careless line could write them.
    script = f"""
import logging
from hearth.logs import setup_logging
setup_logging()
log = logging.getLogger("hearth.importers")
log.info("unlocking with passphrase=%s", {PASSPHRASE!r})
log.info("restored wallet %s / 0x%s", {words!r}, {key_hex!r})
log.info("buyer identity %s", {AGE_IDENTITY!r})
log.info("fetched %s", {VISITED_URL!r})
try:
    float({MOTION_NOTE!r})
except ValueError:
    log.exception("could not read a record")
"""
    subprocess.run([sys.executable, "-c", script], check=True, env=os.environ.copy())
    # Raw lines, as if written before redaction existed.
    with log_file().open("a", encoding="utf-8") as raw:
        raw.write(f"2020-01-01 OLD password: {PASSPHRASE}\n")
        raw.write(f"2020-01-01 OLD words {words}\n2020-01-01 OLD key {key_hex}\n")
        raw.write(f"2020-01-01 OLD {AGE_IDENTITY} {VISITED_URL}\n")
    return secrets


def _bundle_env(secrets: dict[str, str]) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("HEARTH_")}
    env["HEARTH_UNSAFE_FAST_KDF"] = "1"
    env["HEARTH_PASSPHRASE"] = secrets["passphrase"]
    env["WALLET_WORDS"] = secrets["mnemonic"]
    env["ETH_PRIVATE_KEY"] = secrets["private key"]
    env["AGE_IDENTITY"] = secrets["age identity"]
    env["LAST_NOTE"] = secrets["motion note"]
    env["LAST_URL"] = secrets["visited url"]
    return env


def _unzipped(bundle: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(bundle) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def test_the_bundle_holds_the_facts(
    planted: dict[str, str], vault_path: Path, tmp_path: Path
) -> None:
    bundle = tmp_path / "support.zip"
    result = _hearth(
        "--vault", vault_path, "doctor", "--support-bundle", bundle, env=_bundle_env(planted)
    )
    assert result.returncode == 0, result.stderr
    members = _unzipped(bundle)
    assert set(members) == {"report.json", "logs/hearth.log", "README.txt"}
    report = json.loads(members["report.json"])
    doctor = report["doctor"]
    for name in ("hearth", "python", "sqlcipher", "pyside6", "web3", "pyrage"):
        assert doctor["versions"][name], name
    assert doctor["keyring"]["backend"].startswith("keyring.backends.")
    assert doctor["vault"]["integrity"] == "ok"  # the passphrase was given: checked
    assert doctor["vault"]["schema_version"] >= 1
    assert report["system"]["os"] and report["qt"]["platform_requested"] == "offscreen"
    assert "offscreen" in report["qt"]["platform_plugins"]
    listed = {f["name"]: f["bytes"] for f in report["vault_files"]}
    assert listed["vault.db"] == (vault_path / "vault.db").stat().st_size
    assert "keyslots.json" in listed
    assert b"could not read a record" in members["logs/hearth.log"]  # the log is there
    assert "HEARTH_PASSPHRASE" not in members["report.json"].decode()
    assert (bundle.stat().st_mode & 0o777) == 0o600


def test_no_planted_secret_or_personal_value_is_in_the_bundle(
    planted: dict[str, str], vault_path: Path, tmp_path: Path
) -> None:
    bundle = tmp_path / "support.zip"
    result = _hearth(
        "--vault", vault_path, "doctor", "--support-bundle", bundle, env=_bundle_env(planted)
    )
    assert result.returncode == 0, result.stderr
    raw = bundle.read_bytes()
    unpacked = b"\n".join(_unzipped(bundle).values()).lower()
    printed = (result.stdout + result.stderr).lower()
    for name, secret in planted.items():
        words = secret.split()
        # Pairs of the words too: a phrase cut in two would still be most of a wallet.
        pairs = [" ".join(words[i : i + 2]) for i in range(0, len(words) - 1, 3)]
        pieces = [secret] + (pairs if name == "mnemonic" else [])
        for piece in pieces:
            needle = piece.lower().encode()
            assert needle not in unpacked, f"{name} in the bundle"
            assert needle not in raw.lower(), f"{name} in the raw zip"
            assert piece.lower() not in printed, f"{name} printed"


def test_without_a_passphrase_the_bundle_is_made_and_says_the_vault_was_not_checked(
    planted: dict[str, str], vault_path: Path, tmp_path: Path
) -> None:
    env = _bundle_env(planted)
    del env["HEARTH_PASSPHRASE"]
    bundle = tmp_path / "support.zip"
    result = _hearth("--vault", vault_path, "doctor", "--support-bundle", bundle, "--json", env=env)
    assert result.returncode == 0, result.stderr
    report = json.loads(_unzipped(bundle)["report.json"])
    assert "integrity" not in report["doctor"]["vault"]
    assert report["doctor"]["vault"]["exists"] is True
    assert json.loads(result.stdout)["support_bundle"] == str(bundle)


def test_a_wrong_passphrase_still_gives_a_bundle_that_says_so(
    planted: dict[str, str], vault_path: Path, tmp_path: Path
) -> None:
    env = _bundle_env(planted)
    env["HEARTH_PASSPHRASE"] = "not the passphrase at all"
    bundle = tmp_path / "support.zip"
    result = _hearth("--vault", vault_path, "doctor", "--support-bundle", bundle, env=env)
    assert bundle.is_file(), result.stderr
    report = json.loads(_unzipped(bundle)["report.json"])
    assert report["doctor"]["vault"]["integrity"].startswith("not checked:")
    assert "not the passphrase" not in _unzipped(bundle)["report.json"].decode()


def test_a_folder_or_missing_folder_is_one_sentence(vault_path: Path, tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith("HEARTH_")}
    for target in (tmp_path, tmp_path / "nowhere" / "b.zip"):
        result = _hearth("--vault", vault_path, "doctor", "--support-bundle", target, env=env)
        assert result.returncode == 2
        assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr
