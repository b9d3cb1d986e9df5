"""A process SIGKILLed during a data key rotation leaves a vault that unlocks, whole.

The child process rotates the key of a vault of a few MB. It is killed either by itself at a
named step (deterministic), or by this test after a random delay (whatever step that hits:
often in the middle of `PRAGMA rekey` or of the checkpoint that follows it).
"""

from __future__ import annotations

import hashlib
import os
import random
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from hearth.vault import Role, Vault, rotation
from hearth.vault.database import transaction

OWNER, PASSPHRASE = "Ana", "correct horse battery staple"
BEN, BEN_PASS = "Ben", "ben's own passphrase"

ROTATOR = r"""
import os, signal, sys
from pathlib import Path
from hearth.vault import Vault, rotation

path, point = Path(sys.argv[1]), sys.argv[2]

def die():
    os.kill(os.getpid(), signal.SIGKILL)

vault = Vault.unlock(path, "Ana", os.environ["TEST_VAULT_PASSPHRASE"])

class DyingConnection:
    def __init__(self, conn):
        self._conn = conn
    def execute(self, sql, *args):
        result = self._conn.execute(sql, *args)
        if sql.startswith("PRAGMA rekey"):
            die()
        return result
    def __getattr__(self, name):
        return getattr(self._conn, name)

if point == "after-pending":
    real_write_pending = rotation.write_pending
    def write_pending(*args):
        real_write_pending(*args)
        die()
    rotation.write_pending = write_pending
elif point == "after-rekey":
    vault._conn = DyingConnection(vault._conn)
elif point == "before-slots":
    Vault._write_slots = lambda self, slots: die()
elif point == "after-slots":
    real_write_slots = Vault._write_slots
    def write_slots(self, slots):
        real_write_slots(self, slots)
        die()
    Vault._write_slots = write_slots
elif point == "after-discard":
    real_discard = rotation.discard_pending
    def discard(vault_path):
        real_discard(vault_path)
        die()
    rotation.discard_pending = discard

print("rotating", flush=True)
vault.rotate_data_key()
print("rotated", flush=True)
vault.close()
"""


def digest_of_scratch(vault: Vault) -> str:
    digest = hashlib.sha256()
    for row in vault.db.execute("SELECT id, v FROM scratch ORDER BY id"):
        digest.update(repr(row).encode())
    return digest.hexdigest()


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str, str]:
    """A closed vault of about 7 MB (Ana, Ben, a scratch table); copied for every run."""
    path = tmp_path_factory.mktemp("rotation") / "vault"
    vault, recovery_key = Vault.create(path, OWNER, PASSPHRASE)
    with vault:
        vault.add_member(BEN, Role.ADULT, BEN_PASS)
        with transaction(vault.db):
            vault.db.execute("CREATE TABLE scratch (id INTEGER PRIMARY KEY, v BLOB)")
            vault.db.executemany("INSERT INTO scratch (v) VALUES (randomblob(400))", [()] * 15_000)
        digest = digest_of_scratch(vault)
    return path, recovery_key, digest


def start_rotator(path: Path, point: str) -> subprocess.Popen[str]:
    env = {**os.environ, "HEARTH_UNSAFE_FAST_KDF": "1", "TEST_VAULT_PASSPHRASE": PASSPHRASE}
    return subprocess.Popen(
        [sys.executable, "-c", ROTATOR, str(path), point],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def describe(path: Path) -> str:
    """What the crash left on disk, for the failure message."""
    names = sorted(p.name for p in path.iterdir())
    wal = path / "vault.db-wal"
    return f"{names}, wal={wal.stat().st_size if wal.exists() else None}"


def assert_whole(path: Path, recovery_key: str, digest: str, left: str) -> None:
    with Vault.unlock(path, OWNER, PASSPHRASE) as vault:
        assert digest_of_scratch(vault) == digest, left
        assert vault.integrity_problems() == [], left
        assert vault.verify_audit_log().ok, left
        assert vault.slots.key_epoch in (1, 2), left
    assert not (path / rotation.PENDING_FILE).exists(), left
    Vault.unlock(path, BEN, BEN_PASS).close()
    Vault.unlock_with_recovery_key(path, recovery_key).close()


@pytest.mark.parametrize(
    "point", ["after-pending", "after-rekey", "before-slots", "after-slots", "after-discard"]
)
def test_a_rotation_killed_at_each_step_leaves_a_whole_vault(
    template: tuple[Path, str, str], tmp_path: Path, point: str
) -> None:
    source, recovery_key, digest = template
    path = tmp_path / "vault"
    shutil.copytree(source, path)
    child = start_rotator(path, point)
    out, err = child.communicate(timeout=120)
    assert child.returncode == -signal.SIGKILL, (out, err)
    assert "rotating" in out and "rotated" not in out
    left = describe(path)
    assert (path / rotation.PENDING_FILE).exists() == (point != "after-discard"), left
    assert_whole(path, recovery_key, digest, left)


@pytest.mark.parametrize("seed", range(6))
def test_a_rotation_killed_at_a_random_moment_leaves_a_whole_vault(
    template: tuple[Path, str, str], tmp_path: Path, seed: int
) -> None:
    source, recovery_key, digest = template
    path = tmp_path / "vault"
    shutil.copytree(source, path)
    child = start_rotator(path, "random")
    assert child.stdout is not None
    assert child.stdout.readline().strip() == "rotating"
    # The rotation of this vault takes tens of milliseconds; aim across all of it.
    time.sleep(random.Random(seed).uniform(0, 0.12))
    child.kill()
    child.wait()
    left = describe(path)
    assert_whole(path, recovery_key, digest, left)
