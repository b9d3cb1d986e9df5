"""A vault made by the first version of Hearth still opens in this one.

The fixture in tests/fixtures/vaults/v1/ was written once by make_v1.py with the first
release's code (schema 1, keyslots.json format 1); it must never be regenerated. This test
has to keep passing in every later version: an upgrade never locks a family out.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from hearth.errors import WrongPassphrase
from hearth.vault import Vault
from hearth.vault.schema import LATEST_VERSION

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "vaults"


@pytest.fixture
def expected() -> dict:
    return json.loads((FIXTURES / "v1.json").read_text("utf-8"))


@pytest.fixture
def v1_vault(tmp_path: Path) -> Path:
    copy = tmp_path / "v1"
    shutil.copytree(FIXTURES / "v1", copy)
    return copy


def test_the_v1_fixture_is_format_1_as_it_was_made(expected: dict) -> None:
    raw = json.loads((FIXTURES / "v1" / "keyslots.json").read_bytes())
    assert raw["version"] == 1 == expected["keyslots_version"]
    assert expected["schema_version"] == 1
    assert sorted(p.name for p in (FIXTURES / "v1").iterdir()) == [
        "LOCK",
        "keyslots.json",
        "vault.db",
    ]


def test_a_v1_vault_opens_with_its_members_datasets_and_audit_log(
    v1_vault: Path, expected: dict
) -> None:
    with Vault.unlock(v1_vault, expected["owner"], expected["owner_passphrase"]) as vault:
        assert vault.vault_id == expected["vault_id"]
        assert [{"name": m.name, "role": m.role.value} for m in vault.members()] == expected[
            "members"
        ]
        assert [d.to_json() for d in vault.datasets()] == expected["datasets"]
        actions = [e.action for e in vault.audit_entries()]
        assert actions == expected["audit_actions"]
        report = vault.verify_audit_log()
        assert report.ok, report.problem
        assert report.entries == len(expected["audit_actions"])
        assert vault.schema_version() == LATEST_VERSION
        assert vault.integrity_problems() == []


def test_every_key_slot_of_a_v1_vault_still_opens_it(v1_vault: Path, expected: dict) -> None:
    with Vault.unlock(v1_vault, expected["adult"], expected["adult_passphrase"]) as vault:
        assert vault.member is not None and vault.member.name == expected["adult"]
    with Vault.unlock_with_recovery_key(v1_vault, expected["recovery_key"]) as vault:
        assert vault.member is None
    with pytest.raises(WrongPassphrase):
        Vault.unlock(v1_vault, expected["owner"], expected["adult_passphrase"])


def test_a_v1_vault_keeps_working_after_the_upgrade(v1_vault: Path, expected: dict) -> None:
    """Opened once (migrated), changed, closed: it opens again and its audit chain holds."""
    with Vault.unlock(v1_vault, expected["owner"], expected["owner_passphrase"]) as vault:
        vault.change_passphrase(expected["adult"], "a new adult passphrase")
        vault.record("test.after_upgrade")
    with Vault.unlock(v1_vault, expected["adult"], "a new adult passphrase") as vault:
        assert vault.schema_version() == LATEST_VERSION
        assert vault.verify_audit_log().ok
        assert vault.audit_entries()[-1].action == "test.after_upgrade"
