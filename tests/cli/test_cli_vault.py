"""The `hearth` command as a script or a person runs it: a real process, real exit codes."""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from hearth.vault import Vault
from hearth.vault.schema import LATEST_VERSION
from tests.conftest import PASSPHRASE

NEW = "a brand new passphrase"


def hearth(
    *args: str | Path, env: dict[str, str] | None = None, passphrase: str | None = PASSPHRASE
) -> subprocess.CompletedProcess[str]:
    """Run `python -m hearth ARGS` with no terminal attached, like a script would."""
    full_env = {k: v for k, v in os.environ.items() if not k.startswith("HEARTH_")}
    full_env["HEARTH_UNSAFE_FAST_KDF"] = "1"
    if passphrase is not None:
        full_env["HEARTH_PASSPHRASE"] = passphrase
    full_env.update(env or {})
    return subprocess.run(
        [sys.executable, "-m", "hearth", *map(str, args)],
        capture_output=True,
        text=True,
        env=full_env,
        stdin=subprocess.DEVNULL,
        timeout=60,
        check=False,
    )


def folder_digest(path: Path) -> dict[str, str]:
    return {
        str(p.relative_to(path)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(path.rglob("*"))
        if p.is_file()
    }


def assert_one_sentence(result: subprocess.CompletedProcess[str]) -> None:
    assert "Traceback" not in result.stderr
    assert result.stderr.count("\n") == 1, result.stderr


@pytest.fixture
def made(tmp_path: Path) -> Path:
    """A vault made through the CLI, owner Ana, with its recovery kit beside it."""
    vault = tmp_path / "vault"
    result = hearth("--vault", vault, "init", "--member", "Ana", "--recovery-kit", tmp_path / "kit")
    assert result.returncode == 0, result.stderr
    return vault


def recovery_key_from_kit(kit: Path) -> str:
    lines = kit.read_text().splitlines()
    return lines[lines.index("Recovery key:") + 2].strip()


def test_init_creates_the_vault_and_a_private_recovery_kit(tmp_path: Path) -> None:
    vault, kit = tmp_path / "vault", tmp_path / "kit.txt"
    result = hearth("--vault", vault, "init", "--member", "Ana", "--recovery-kit", kit, "--json")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == {
        "vault": str(vault),
        "owner": "Ana",
        "recovery_kit": str(kit),
    }
    assert {"vault.db", "keyslots.json", "LOCK", "backups"} <= {p.name for p in vault.iterdir()}
    assert kit.stat().st_mode & 0o777 == 0o600
    key = recovery_key_from_kit(kit)
    assert key not in result.stdout + result.stderr
    with Vault.unlock_with_recovery_key(vault, key) as opened:
        assert [m.name for m in opened.members()] == ["Ana"]


def test_init_without_a_place_for_the_recovery_kit_is_refused_in_a_script(tmp_path: Path) -> None:
    result = hearth("--vault", tmp_path / "vault", "init", "--member", "Ana")
    assert result.returncode == 2
    assert "--recovery-kit" in result.stderr
    assert not (tmp_path / "vault").exists()


def test_wrong_passphrase_exits_3_names_the_member_and_changes_nothing(made: Path) -> None:
    before = folder_digest(made)
    result = hearth("--vault", made, "unlock-check", passphrase="not the passphrase")
    assert result.returncode == 3
    assert result.stderr == "Wrong passphrase for Ana.\n"
    assert result.stdout == ""
    assert folder_digest(made) == before


def test_missing_vault_exits_2_with_the_init_hint(tmp_path: Path) -> None:
    result = hearth("--vault", tmp_path / "nothing-here", "datasets")
    assert result.returncode == 2
    assert "hearth init --member" in result.stderr
    assert_one_sentence(result)


def test_no_passphrase_without_a_terminal_is_a_usage_error(made: Path) -> None:
    result = hearth("--vault", made, "datasets", passphrase=None)
    assert result.returncode == 2
    assert "HEARTH_PASSPHRASE" in result.stderr
    assert_one_sentence(result)


def test_passphrase_file_is_read_up_to_its_first_newline(made: Path, tmp_path: Path) -> None:
    secret = tmp_path / "pass"
    secret.write_text(PASSPHRASE + "\n")
    result = hearth("--vault", made, "unlock-check", "--passphrase-file", secret, passphrase=None)
    assert result.returncode == 0, result.stderr


def test_vault_open_elsewhere_exits_5(made: Path) -> None:
    with Vault.unlock(made, "Ana", PASSPHRASE):
        before = folder_digest(made)
        result = hearth("--vault", made, "datasets")
        assert folder_digest(made) == before
    assert result.returncode == 5
    assert "open in another" in result.stderr
    assert_one_sentence(result)


def test_damaged_vault_db_exits_6_naming_the_file_and_the_newest_backup(made: Path) -> None:
    assert hearth("--vault", made, "backup").returncode == 0
    db = made / "vault.db"
    data = bytearray(db.read_bytes())
    data[len(data) // 2] ^= 0x01
    db.write_bytes(bytes(data))
    before = folder_digest(made)
    result = hearth("--vault", made, "unlock-check")
    assert result.returncode == 6
    assert "vault.db" in result.stderr
    newest = sorted((made / "backups").iterdir())[-1]
    assert str(newest) in result.stderr
    assert_one_sentence(result)
    assert folder_digest(made) == before


def test_damaged_keyslots_exits_6_naming_keyslots(made: Path) -> None:
    slots = made / "keyslots.json"
    text = slots.read_text()
    slots.write_text(text.replace('"key_epoch": 1', '"key_epoch": 2'))
    result = hearth("--vault", made, "datasets")
    assert result.returncode == 6
    assert "keyslots.json" in result.stderr
    assert "There is no backup" in result.stderr
    assert_one_sentence(result)


def test_datasets_json_has_the_documented_shape(made: Path) -> None:
    with Vault.unlock(made, "Ana", PASSPHRASE) as vault:
        vault.db.execute(
            "INSERT INTO datasets (member_id, title, source, created_at, record_count, first_at, "
            "last_at) VALUES (1, 'Heart rate', 'apple-health', '2026-01-01T00:00:00Z', 42, "
            "'2019-01-01T00:00:00Z', '2024-12-31T23:59:00Z')"
        )
    result = hearth("--vault", made, "datasets", "--json")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == {
        "datasets": [
            {
                "id": 1,
                "title": "Heart rate",
                "source": "apple-health",
                "member": "Ana",
                "records": 42,
                "first": "2019-01-01T00:00:00Z",
                "last": "2024-12-31T23:59:00Z",
            }
        ]
    }


def test_global_options_work_before_and_after_the_command(made: Path) -> None:
    before = hearth("--json", "--vault", made, "member", "list")
    after = hearth("member", "list", "--vault", made, "--json")
    assert before.returncode == after.returncode == 0
    assert json.loads(before.stdout) == json.loads(after.stdout)


def test_members_are_added_listed_and_removed_by_the_owner(made: Path) -> None:
    added = hearth(
        "--vault",
        made,
        "member",
        "add",
        "Ben",
        "--role",
        "child",
        "--json",
        env={"HEARTH_NEW_PASSPHRASE": "ben's own passphrase"},
    )
    assert added.returncode == 0, added.stderr
    assert json.loads(added.stdout) == {"member": {"name": "Ben", "role": "child"}}
    listed = json.loads(hearth("--vault", made, "member", "list", "--json").stdout)
    assert [(m["name"], m["role"]) for m in listed["members"]] == [
        ("Ana", "owner"),
        ("Ben", "child"),
    ]
    refused = hearth("--vault", made, "member", "remove", "Ben")
    assert refused.returncode == 2 and "--yes" in refused.stderr
    removed = hearth("--vault", made, "member", "remove", "Ben", "--yes")
    assert removed.returncode == 0, removed.stderr
    gone = hearth("--vault", made, "--member", "Ben", "datasets", passphrase="ben's own passphrase")
    assert gone.returncode == 2
    assert "no member called 'Ben'" in gone.stderr


def test_a_child_cannot_add_members(made: Path) -> None:
    hearth(
        "--vault",
        made,
        "member",
        "add",
        "Ben",
        "--role",
        "child",
        env={"HEARTH_NEW_PASSPHRASE": "ben's own passphrase"},
    )
    result = hearth(
        "--vault",
        made,
        "--member",
        "Ben",
        "member",
        "add",
        "Cy",
        passphrase="ben's own passphrase",
        env={"HEARTH_NEW_PASSPHRASE": "cy's passphrase"},
    )
    assert result.returncode == 2
    assert result.stderr == "Only the vault's owner can add members.\n"


def test_passwd_changes_only_that_members_passphrase(made: Path) -> None:
    hearth(
        "--vault",
        made,
        "member",
        "add",
        "Ben",
        env={"HEARTH_NEW_PASSPHRASE": "ben's own passphrase"},
    )
    changed = hearth("--vault", made, "member", "passwd", env={"HEARTH_NEW_PASSPHRASE": NEW})
    assert changed.returncode == 0, changed.stderr
    assert hearth("--vault", made, "unlock-check").returncode == 3
    assert hearth("--vault", made, "unlock-check", passphrase=NEW).returncode == 0
    ben = hearth(
        "--vault", made, "--member", "ben", "unlock-check", passphrase="ben's own passphrase"
    )
    assert ben.returncode == 0, ben.stderr


def test_recovery_key_sets_a_forgotten_passphrase(made: Path, tmp_path: Path) -> None:
    key_file = tmp_path / "typed-key"
    key_file.write_text(recovery_key_from_kit(tmp_path / "kit").lower().replace("-", " ") + "\n")
    result = hearth(
        "--vault",
        made,
        "--recovery-key-file",
        key_file,
        "member",
        "passwd",
        "Ana",
        passphrase=None,
        env={"HEARTH_NEW_PASSPHRASE": NEW},
    )
    assert result.returncode == 0, result.stderr
    assert hearth("--vault", made, "unlock-check", passphrase=NEW).returncode == 0


def test_audit_verify_reports_an_edited_entry(made: Path) -> None:
    assert hearth("--vault", made, "audit", "verify").returncode == 0
    with Vault.unlock(made, "Ana", PASSPHRASE) as vault:
        vault.db.execute("DROP TRIGGER audit_log_no_update")
        vault.db.execute("UPDATE audit_log SET actor = 'Mallory' WHERE seq = 1")
    result = hearth("--vault", made, "audit", "verify", "--json")
    assert result.returncode == 6
    assert json.loads(result.stdout)["first_bad_entry"] == 1
    assert "entry 1 was edited" in result.stderr


def test_backup_then_restore_brings_back_the_earlier_members(made: Path, tmp_path: Path) -> None:
    out = tmp_path / "usb-stick"
    made_backup = hearth("--vault", made, "backup", "--out", out, "--json")
    assert made_backup.returncode == 0, made_backup.stderr
    backup_dir = Path(json.loads(made_backup.stdout)["backup"])
    hearth(
        "--vault",
        made,
        "member",
        "add",
        "Ben",
        env={"HEARTH_NEW_PASSPHRASE": "ben's own passphrase"},
    )
    restored = hearth("--vault", made, "restore", backup_dir, "--yes", "--json")
    assert restored.returncode == 0, restored.stderr
    listed = json.loads(hearth("--vault", made, "member", "list", "--json").stdout)
    assert [m["name"] for m in listed["members"]] == ["Ana"]
    kept = [p.name for p in (made / "backups").iterdir() if p.name.startswith("before-restore-")]
    assert len(kept) == 1


def test_restore_into_an_empty_folder_creates_the_vault(made: Path, tmp_path: Path) -> None:
    backup_dir = Path(json.loads(hearth("--vault", made, "backup", "--json").stdout)["backup"])
    elsewhere = tmp_path / "new-computer"
    result = hearth("--vault", elsewhere, "restore", backup_dir, "--yes")
    assert result.returncode == 0, result.stderr
    assert hearth("--vault", elsewhere, "unlock-check").returncode == 0


def test_a_damaged_backup_is_refused_and_the_vault_is_untouched(made: Path) -> None:
    backup_dir = Path(json.loads(hearth("--vault", made, "backup", "--json").stdout)["backup"])
    db = backup_dir / "vault.db"
    data = bytearray(db.read_bytes())
    data[-100] ^= 0xFF
    db.write_bytes(bytes(data))
    before = folder_digest(made)
    result = hearth("--vault", made, "restore", backup_dir, "--yes")
    assert result.returncode == 4
    assert "damaged" in result.stderr
    assert_one_sentence(result)
    assert folder_digest(made) == before


def test_rekey_keeps_every_passphrase_working(made: Path) -> None:
    hearth(
        "--vault",
        made,
        "member",
        "add",
        "Ben",
        env={"HEARTH_NEW_PASSPHRASE": "ben's own passphrase"},
    )
    assert hearth("--vault", made, "rekey", "--yes").returncode == 0
    assert hearth("--vault", made, "unlock-check").returncode == 0
    ben = hearth(
        "--vault", made, "--member", "Ben", "unlock-check", passphrase="ben's own passphrase"
    )
    assert ben.returncode == 0


def test_doctor_reports_facts_and_no_secret(made: Path, tmp_path: Path) -> None:
    result = hearth("--vault", made, "doctor", "--json")
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert report["healthy"] is True
    assert report["vault"]["integrity"] == "ok"
    assert report["vault"]["schema_version"] == LATEST_VERSION
    assert report["vault"]["weak_key_derivation"]  # the tests' fast key derivation is flagged
    assert "sqlcipher" in report["versions"] and "backend" in report["keyring"]
    with Vault.unlock(made, "Ana", PASSPHRASE) as vault:
        data_key = vault._data_key.hex()
    everything = result.stdout + result.stderr
    for secret in (PASSPHRASE, recovery_key_from_kit(tmp_path / "kit"), data_key):
        assert secret not in everything


def test_usage_errors_are_one_sentence_with_exit_2(made: Path) -> None:
    result = hearth("--vault", made, "member", "frobnicate")
    assert result.returncode == 2
    assert_one_sentence(result)


def test_an_unexpected_error_is_logged_and_reported_generically(
    made: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from hearth.cli import commands, main
    from hearth.logs import log_file

    def explode(args: object) -> int:
        raise RuntimeError("internal detail")

    monkeypatch.setitem(commands.COMMANDS, "datasets", explode)
    code = main.main(["--vault", str(made), "datasets"])
    captured = capsys.readouterr()
    assert code == 1
    assert "Something went wrong" in captured.err and "internal detail" not in captured.err
    assert "Traceback" in log_file().read_text() and "internal detail" in log_file().read_text()


class _InterruptedImport:
    """A module finder that acts as Ctrl-C pressed while ``name`` is being imported."""

    def __init__(self, name: str) -> None:
        self.name = name

    def find_spec(self, name: str, path: object = None, target: object = None) -> None:
        if name == self.name:
            raise KeyboardInterrupt


def test_ctrl_c_while_the_command_line_loads_is_cancelled_without_a_traceback(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from hearth import launcher

    monkeypatch.delitem(sys.modules, "hearth.cli.main", raising=False)
    monkeypatch.setattr(sys, "meta_path", [_InterruptedImport("hearth.cli.main"), *sys.meta_path])
    monkeypatch.setattr(sys, "argv", ["hearth", "datasets"])
    with pytest.raises(SystemExit) as ended:
        launcher.main()
    assert ended.value.code == 9
    assert capsys.readouterr().err == "Cancelled.\n"
