"""Consent records signed from the command line: at once with --yes, later with `consent sign`,
and never silently (without a terminal or --yes the record stays unsigned and it says so)."""

from __future__ import annotations

import json
from pathlib import Path

from hearth.consent import signatures
from hearth.importers.pipeline import import_path
from hearth.vault import Vault
from tests.cli.test_cli_vault import hearth
from tests.cli.test_cli_wallet import TEST_KEYRING
from tests.conftest import PASSPHRASE
from tests.unit.importers.apple_samples import write_heart_rates

SET = ("consent", "set", "1", "--purpose", "academic-research", "--currency", "ETH", "--price")


def test_records_are_signed_with_yes_kept_unsigned_without_and_signed_later(
    tmp_path: Path,
) -> None:
    path = tmp_path / "vault"
    vault, _ = Vault.create(path, "Ana", PASSPHRASE)
    with vault:
        import_path(vault, write_heart_rates(tmp_path / "export.xml", 10))
    env = {
        "PYTHON_KEYRING_BACKEND": TEST_KEYRING,
        "HEARTH_TEST_KEYRING_FILE": str(tmp_path / "keyring.json"),
        "PYTHONPATH": str(Path(__file__).resolve().parents[2]),
    }

    def run(*args: str) -> dict[str, object]:
        done = hearth("--vault", path, *args, "--json", env=env)
        assert done.returncode == 0, done.stderr
        assert "Traceback" not in done.stderr
        result: dict[str, object] = json.loads(done.stdout)
        return result

    # Before the wallet: nothing to sign with, the record says it is unsigned.
    assert run(*SET, "0.01")["record"] == "no wallet"
    address = run("wallet", "create")["address"]
    # With a wallet but no terminal and no --yes: kept unsigned, and stderr says how to sign.
    done = hearth("--vault", path, *SET, "0.02", "--json", env=env)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["record"] == "unsigned"
    assert "sign it later with 'hearth consent sign 1'" in done.stderr
    # `consent sign` signs the two left from before (each is asked for; --yes answers).
    assert run("consent", "sign", "--yes") == {"signed": 2}
    assert run("consent", "sign", "--yes") == {"signed": 0}
    # --yes signs a new record at once (the request in words goes to stderr).
    assert run(*SET, "0.03", "--yes")["record"] == "signed"
    assert run("consent", "withdraw", "1", "--yes")["record"] == "signed"

    exported = run("consent", "export", "1")
    records = exported["records"]
    assert isinstance(records, list) and len(records) == 4
    assert [signatures.signer_of(r) for r in records] == [address] * 4
