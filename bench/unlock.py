"""How long unlocking a vault takes with the real, calibrated key derivation cost.

Prints figures, asserts nothing. Parts of one unlock, each the median of several runs:
(a) Argon2id key derivation + opening the member's key slot + checking the file's MAC,
(b) SQLCipher open (raw key) + first query + the schema migration check, and the whole
`Vault.unlock` + `close`. Then the same for a vault holding 1M records, with the time of a
full `SELECT count(*)` over them and the size of vault.db.

    .venv/bin/python bench/unlock.py [--records N] [--repeat N] [--json] [--workdir DIR]
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from hearth.vault import Vault, database, schema
from hearth.vault.keyslots import FILE_NAME as KEYSLOTS_FILE
from hearth.vault.keyslots import KeySlotFile, calibrate, open_slot, passphrase_secret

UNSAFE_FAST_KDF = "HEARTH_UNSAFE_FAST_KDF"
OWNER = "Ana"
PASSPHRASE = "benchmark passphrase, not a secret"
BATCH = 10_000
SOURCES = ("Ana's Apple Watch", "Ana's iPhone", "Fitbit Charge 6", "Garmin Forerunner 265")


def median_seconds(run: Callable[[], Any], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        run()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def derive_and_open_slot(path: Path) -> bytes:
    """Part (a): what unlocking spends before vault.db is touched."""
    slots = KeySlotFile.from_bytes((path / KEYSLOTS_FILE).read_bytes())
    slot = next(s for s in slots.slots if s.member_name == OWNER)
    key = open_slot(
        slot,
        vault_id=slots.vault_id,
        secret=passphrase_secret(PASSPHRASE),
        key_epoch=slots.key_epoch,
    )
    slots.verify_mac(key)
    return key


def open_database(path: Path, key: bytes) -> None:
    """Part (b): SQLCipher open, the first query, the migration check."""
    conn = database.connect(path / database.DB_FILE, key)
    try:
        conn.execute("SELECT value FROM vault_info WHERE key = 'vault_id'").fetchone()
        schema.pending(conn)
    finally:
        conn.close()


def whole_unlock(path: Path) -> None:
    Vault.unlock(path, OWNER, PASSPHRASE).close()


def measure_unlock(path: Path, repeat: int) -> dict[str, float]:
    key = derive_and_open_slot(path)
    return {
        "kdf_and_slot_s": median_seconds(lambda: derive_and_open_slot(path), repeat),
        "sqlcipher_open_query_migration_s": median_seconds(
            lambda: open_database(path, key), repeat
        ),
        "whole_unlock_s": median_seconds(lambda: whole_unlock(path), repeat),
    }


def fill_records(vault: Vault, count: int) -> None:
    """``count`` rows shaped like imported health records, in one transaction."""
    rng = random.Random(1)
    conn = vault.db
    with database.transaction(conn):
        conn.execute(
            "CREATE TABLE bench_records (id INTEGER PRIMARY KEY, type INTEGER NOT NULL, "
            "start INTEGER NOT NULL, end INTEGER NOT NULL, value REAL, source TEXT NOT NULL)"
        )
        start = 1_600_000_000
        for first in range(0, count, BATCH):
            rows = []
            for _ in range(min(BATCH, count - first)):
                start += rng.randint(30, 600)
                rows.append(
                    (
                        rng.randint(1, 40),
                        start,
                        start + rng.randint(1, 3600),
                        round(rng.uniform(0, 200), 3),
                        rng.choice(SOURCES),
                    )
                )
            conn.executemany(
                "INSERT INTO bench_records (type, start, end, value, source) "
                "VALUES (?, ?, ?, ?, ?)",
                rows,
            )


def count_records(path: Path, key: bytes) -> tuple[int, float]:
    """``SELECT count(*)`` on a fresh connection (every page read and decrypted); count, s."""
    conn = database.connect(path / database.DB_FILE, key)
    try:
        started = time.perf_counter()
        count = int(conn.execute("SELECT count(*) FROM bench_records").fetchone()[0])
        return count, time.perf_counter() - started
    finally:
        conn.close()


def run(workdir: Path, records: int, repeat: int) -> dict[str, Any]:
    started = time.perf_counter()
    cost = calibrate()
    calibration_s = time.perf_counter() - started

    small = workdir / "small"
    Vault.create(small, OWNER, PASSPHRASE, cost=cost)[0].close()
    result: dict[str, Any] = {
        "machine": {
            "python": platform.python_version(),
            "platform": platform.platform(),
            "cpus": os.cpu_count(),
        },
        "kdf": {
            "memory_kib": cost.memory_kib,
            "iterations": cost.iterations,
            "lanes": cost.lanes,
            "calibration_s": calibration_s,
        },
        "repeat": repeat,
        "empty_vault": measure_unlock(small, repeat),
    }
    conn = database.connect(small / database.DB_FILE, derive_and_open_slot(small))
    result["machine"]["sqlcipher"] = database.cipher_version(conn)
    conn.close()

    big = workdir / "big"
    vault, _ = Vault.create(big, OWNER, PASSPHRASE, cost=cost)
    with vault:
        started = time.perf_counter()
        fill_records(vault, records)
        insert_s = time.perf_counter() - started
    big_result = measure_unlock(big, repeat)
    key = derive_and_open_slot(big)
    counts = [count_records(big, key) for _ in range(repeat)]
    assert {count for count, _ in counts} == {records}
    big_result.update(
        records=records,
        insert_s=insert_s,
        count_s=statistics.median(seconds for _, seconds in counts),
        vault_db_bytes=(big / database.DB_FILE).stat().st_size,
    )
    result["records_vault"] = big_result
    return result


def print_table(result: dict[str, Any]) -> None:
    kdf, small, big = result["kdf"], result["empty_vault"], result["records_vault"]
    machine = result["machine"]

    def ms(seconds: float) -> str:
        return f"{seconds * 1000:10.1f} ms"

    rows = [
        (
            "machine",
            f"{machine['cpus']} CPUs, Python {machine['python']}, SQLCipher {machine['sqlcipher']}",
        ),
        (
            "Argon2id cost (calibrated)",
            f"memory {kdf['memory_kib'] // 1024} MiB, "
            f"iterations {kdf['iterations']}, lanes {kdf['lanes']}",
        ),
        ("calibration", ms(kdf["calibration_s"])),
        ("", ""),
        (f"empty vault (median of {result['repeat']})", ""),
        ("  (a) Argon2id + key slot + MAC", ms(small["kdf_and_slot_s"])),
        (
            "  (b) SQLCipher open + query + migrations",
            ms(small["sqlcipher_open_query_migration_s"]),
        ),
        ("  whole Vault.unlock + close", ms(small["whole_unlock_s"])),
        ("", ""),
        (f"vault with {big['records']:,} records", ""),
        ("  insert (one transaction)", ms(big["insert_s"])),
        ("  vault.db size", f"{big['vault_db_bytes'] / 1e6:10.1f} MB"),
        ("  (a) Argon2id + key slot + MAC", ms(big["kdf_and_slot_s"])),
        ("  (b) SQLCipher open + query + migrations", ms(big["sqlcipher_open_query_migration_s"])),
        ("  whole Vault.unlock + close", ms(big["whole_unlock_s"])),
        ("  SELECT count(*) over every record", ms(big["count_s"])),
    ]
    width = max(len(label) for label, _ in rows)
    for label, value in rows:
        print(f"{label:<{width}}  {value}".rstrip())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--records", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--json", action="store_true", help="print one JSON document")
    parser.add_argument("--workdir", type=Path, help="where to make the vaults (default: temp)")
    args = parser.parse_args(argv)
    # The benchmark is about the real cost, never the unsafe test cost the test suite uses.
    if os.environ.pop(UNSAFE_FAST_KDF, None) is not None and not args.json:
        print(f"note: ignoring {UNSAFE_FAST_KDF}; this measures the real cost\n")
    if args.workdir:
        args.workdir.mkdir(parents=True, exist_ok=False)
        result = run(args.workdir, args.records, args.repeat)
    else:
        with tempfile.TemporaryDirectory(prefix="hearth-bench-") as tmp:
            result = run(Path(tmp), args.records, args.repeat)
    if args.json:
        json.dump(result, sys.stdout, indent=2)
        print()
    else:
        print_table(result)
    return 0


if __name__ == "__main__":
    sys.exit(main())
