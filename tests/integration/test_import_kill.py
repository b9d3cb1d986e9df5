"""A `hearth import` killed at random points leaves the vault as it was, every time."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

from hearth.importers.pipeline import import_path
from hearth.vault import Vault
from tests.conftest import PASSPHRASE
from tests.processes import children_of
from tests.unit.importers.apple_samples import write_heart_rates

# About 52 MB of XML: above pipeline.HELPER_LIMIT, so the writer, the parser and its helper
# all run (three processes to kill or orphan), and still quick to make.
RECORDS = 200_000


def start_import(vault_path: Path, export: Path) -> subprocess.Popen[bytes]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("HEARTH_")}
    env |= {"HEARTH_UNSAFE_FAST_KDF": "1", "HEARTH_PASSPHRASE": PASSPHRASE}
    return subprocess.Popen(
        [sys.executable, "-m", "hearth", "--vault", str(vault_path), "import", str(export)],
        env=env,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )


def alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_bytes()
    except OSError:
        return False
    return state[state.rindex(b")") + 2 : state.rindex(b")") + 3] != b"Z"


def test_killing_an_import_at_random_points_never_leaves_half_a_dataset(tmp_path: Path) -> None:
    vault_path = tmp_path / "vault"
    Vault.create(vault_path, "Ana", PASSPHRASE)[0].close()
    export = write_heart_rates(tmp_path / "export.xml", RECORDS)

    started = time.monotonic()
    finished = start_import(vault_path, export)
    assert finished.wait(timeout=300) == 0, finished.stderr.read() if finished.stderr else ""
    full_run = time.monotonic() - started
    with Vault.unlock(vault_path, "Ana", PASSPHRASE) as vault:
        assert vault.datasets()[0].records == RECORDS
    # Start again from an empty vault for the kills.
    killed_vault = tmp_path / "killed"
    Vault.create(killed_vault, "Ana", PASSPHRASE)[0].close()

    rng = random.Random(2026)
    outcomes = []
    for _ in range(5):
        process = start_import(killed_vault, export)
        time.sleep(rng.uniform(0.05, full_run * 0.95))
        parsers = children_of(process.pid)
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=30)
        # The parser processes notice they are orphans and end (their watchdog).
        deadline = time.monotonic() + 10
        while any(alive(pid) for pid in parsers) and time.monotonic() < deadline:
            time.sleep(0.1)
        assert not any(alive(pid) for pid in parsers)
        with Vault.unlock(killed_vault, "Ana", PASSPHRASE) as vault:
            assert vault.integrity_problems() == []
            assert vault.verify_audit_log().ok
            datasets = vault.datasets()
            # All or nothing: no dataset, or the whole file.
            assert datasets == [] or datasets[0].records == RECORDS
            count = vault.db.execute("SELECT count(*) FROM records").fetchone()[0]
            assert count in (0, RECORDS)
            outcomes.append(count)
            if count:  # it finished before the kill: start the next round empty again
                break

    with Vault.unlock(killed_vault, "Ana", PASSPHRASE) as vault:
        results = import_path(vault, export, separate_process=True)
        assert vault.datasets()[0].records == RECORDS
        assert results[0].result.added in (0, RECORDS)
    assert 0 in outcomes, "every kill came after the import had finished; nothing was tested"
