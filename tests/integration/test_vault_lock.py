"""Two processes never hold one vault; a killed holder leaves an intact vault the OS unlocks."""

from __future__ import annotations

import os
import selectors
import subprocess
import sys
from pathlib import Path

import pytest

from hearth.errors import VaultInUse
from hearth.vault import Role, Vault, restore_backup

OWNER, PASSPHRASE = "Ana", "correct horse battery staple"

# Holds the vault open and keeps committing audit entries until it is killed.
HOLDER = r"""
import os, sys
from pathlib import Path
from hearth.vault import Vault
vault = Vault.unlock(Path(sys.argv[1]), sys.argv[2], os.environ["TEST_VAULT_PASSPHRASE"])
print("open", flush=True)
i = 0
while True:
    vault.record("holder.tick", {"i": i})
    i += 1
    if i == 20:
        print("writing", flush=True)
"""

# Tries to open the vault once and says what happened.
OPENER = r"""
import os, sys
from pathlib import Path
from hearth.vault import Vault
try:
    Vault.unlock(Path(sys.argv[1]), sys.argv[2], os.environ["TEST_VAULT_PASSPHRASE"]).close()
except Exception as exc:
    print(type(exc).__name__, exc)
else:
    print("opened")
"""


def child_env() -> dict[str, str]:
    return {**os.environ, "HEARTH_UNSAFE_FAST_KDF": "1", "TEST_VAULT_PASSPHRASE": PASSPHRASE}


def wait_for_line(proc: subprocess.Popen[str], expected: str, timeout: float = 60) -> None:
    """Read the child's stdout until ``expected``; fail with its stderr if it dies first."""
    assert proc.stdout is not None
    with selectors.DefaultSelector() as selector:
        selector.register(proc.stdout, selectors.EVENT_READ)
        while True:
            if not selector.select(timeout):
                proc.kill()
                pytest.fail(f"the child did not print {expected!r} in {timeout} s")
            line = proc.stdout.readline()
            if line.strip() == expected:
                return
            if not line:
                proc.wait()
                stderr = proc.stderr.read() if proc.stderr else ""
                pytest.fail(f"the child exited ({proc.returncode}) before {expected!r}: {stderr}")


@pytest.fixture
def closed_vault(tmp_path: Path) -> tuple[Path, Path]:
    """A closed vault with Ben added after its only backup; returns the vault and the backup."""
    path = tmp_path / "vault"
    vault, _ = Vault.create(path, OWNER, PASSPHRASE)
    with vault:
        made = vault.backup()
        vault.add_member("Ben", Role.ADULT, "ben's own passphrase")
    return path, made


def start_holder(path: Path) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(path), OWNER],
        env=child_env(),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def test_a_vault_held_by_another_process_cannot_be_opened_or_restored_over(
    closed_vault: tuple[Path, Path],
) -> None:
    path, made = closed_vault
    holder = start_holder(path)
    try:
        wait_for_line(holder, "writing")
        with pytest.raises(VaultInUse, match="open in another Hearth") as refused:
            Vault.unlock(path, OWNER, PASSPHRASE)
        assert refused.value.exit_code == 5
        with pytest.raises(VaultInUse):
            Vault.unlock_with_recovery_key(path, "AAAA-AAAA-AAAA-AAAA-AAAA-AAAA-AAAA-AAAA")
        with pytest.raises(VaultInUse):
            restore_backup(made, path, OWNER, PASSPHRASE)
        assert not list((path / "backups").glob("before-restore-*"))
    finally:
        holder.kill()
        holder.wait()


def test_after_the_holder_is_killed_the_vault_opens_intact(
    closed_vault: tuple[Path, Path],
) -> None:
    path, _ = closed_vault
    holder = start_holder(path)
    try:
        wait_for_line(holder, "writing")
    finally:
        holder.kill()  # SIGKILL: no close(), no atexit, the OS drops the lock
        holder.wait()
    assert holder.returncode == -9
    assert (path / "vault.db-wal").exists()  # it really died with the vault open
    with Vault.unlock(path, OWNER, PASSPHRASE) as vault:
        assert vault.integrity_problems() == []
        report = vault.verify_audit_log()
        assert report.ok, report.problem
        ticks = [e.details["i"] for e in vault.audit_entries(action="holder.tick")]
        assert len(ticks) >= 20
        assert ticks == list(range(len(ticks)))  # every commit that made it is whole
        assert [m.name for m in vault.members()] == [OWNER, "Ben"]


def test_a_vault_open_in_this_process_cannot_be_opened_by_another(
    closed_vault: tuple[Path, Path],
) -> None:
    path, _ = closed_vault
    with Vault.unlock(path, OWNER, PASSPHRASE):
        opener = subprocess.run(
            [sys.executable, "-c", OPENER, str(path), OWNER],
            env=child_env(),
            capture_output=True,
            text=True,
            timeout=60,
            check=True,
        )
        assert opener.stdout.startswith("VaultInUse "), opener.stdout + opener.stderr
    opener = subprocess.run(
        [sys.executable, "-c", OPENER, str(path), OWNER],
        env=child_env(),
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    assert opener.stdout.strip() == "opened", opener.stdout + opener.stderr
