"""How fast a dataset's summary comes back: what the Datasets page reads when a dataset is
opened, `hearth.vault.browse.summarize` (every type's count and days) and the `daily_series`
of the type it shows first (its biggest).

Prints figures, asserts nothing. Each case unlocks its vault, then times those two calls on
`vault.browsing`, the connection the GUI uses: the first time on the freshly unlocked vault
(which also opens that connection, as the page's first call does), then the median of
`--repeat` times; and, for comparison, the per-type counts computed from the records
themselves (one run), checked against the summary's.

Two kinds of vault:
- the generated Apple Health export, imported: the vault `bench/import_health.py
  --keep-vault` left in .bench/vault-N-sS, built here if missing (real calibrated key
  derivation, then an import; about a minute for 1M records). `--records 0` skips it.
- `--wide TYPES DAYS` (repeatable): a vault whose `daily_rollups` hold TYPES x DAYS rows, about
  `--wide-records` (5M) records' worth of counts, made in a temporary folder in a second or
  two by inserting rollup rows directly (no records; the test key derivation). The summary's
  cost follows the number of type-days, not of records, so this is the worst case a long
  history of many types gives, which a generated export does not reach.

    .venv/bin/python bench/summary.py [--records N] [--seed S] [--wide TYPES DAYS ...]
        [--wide-records N] [--repeat N] [--json] [--no-scan]
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from health_export import CACHE, cached_export
from hearth.importers.pipeline import import_path
from hearth.vault import Vault
from hearth.vault.browse import TypeSummary, daily_series, summarize
from hearth.vault.database import Connection
from hearth.vault.keyslots import UNSAFE_TEST_COST
from import_health import OWNER, PASSPHRASE, UNSAFE_FAST_KDF

GOAL_MS = 100.0  # issue 3: "on 5M records returns in well under 100 ms"

# The counts without rollups: what the page would cost if it read the records.
COUNTS_FROM_RECORDS = "SELECT type_id, count(*) FROM records WHERE dataset_id = ? GROUP BY type_id"
WIDE_FIRST_DAY = 16_436  # 2015-01-01, in days since 1970-01-01
WIDE_SOURCE = "bench-wide"


def vault_path(records: int, seed: int) -> Path:
    return CACHE / f"vault-{records}-s{seed}"


def build_vault(path: Path, records: int, seed: int) -> float:
    """A vault holding the generated export; returns the seconds the import took."""
    export = cached_export(records, seed)
    print(f"building {path.name} (calibrating, then importing) ...", file=sys.stderr, flush=True)
    partial = path.with_name(path.name + ".partial")
    shutil.rmtree(partial, ignore_errors=True)
    vault, _ = Vault.create(partial, OWNER, PASSPHRASE)
    with vault:
        started = time.perf_counter()
        import_path(vault, export)
        seconds = time.perf_counter() - started
    partial.rename(path)
    return seconds


def build_wide_vault(path: Path, types: int, days: int, records: int, seed: int) -> int:
    """A vault with one dataset whose rollups hold ``types`` x ``days`` rows adding up to
    about ``records`` records (counts drawn around the mean, a fifth of the types without
    numbers, as text-valued types have); returns the records counted."""
    rng = random.Random(seed)
    top = max(1, round(2 * records / (types * days)) - 1)  # counts 1..top average records
    vault, _ = Vault.create(path, OWNER, PASSPHRASE, cost=UNSAFE_TEST_COST)
    counted = 0
    with vault, vault.writing() as conn:
        member_id = next(m.id for m in vault.members() if m.name == OWNER)
        cursor = conn.execute(
            "INSERT INTO datasets (member_id, title, source, created_at) "
            "VALUES (?, 'Wide rollups', ?, '2026-01-01T00:00:00Z')",
            (member_id, WIDE_SOURCE),
        )
        dataset_id = cursor.lastrowid
        for index in range(types):
            type_id = conn.execute(
                "INSERT INTO record_types (name) VALUES (?)",
                (f"HKQuantityTypeIdentifierBenchWide{index:03d}",),
            ).lastrowid
            numbers = index % 5 != 4
            rows = []
            for day in range(WIDE_FIRST_DAY, WIDE_FIRST_DAY + days):
                count = rng.randint(1, top)
                counted += count
                if numbers:
                    low, high = rng.uniform(40, 80), rng.uniform(80, 180)
                    rows.append(
                        (dataset_id, type_id, day, count, count * (low + high) / 2, low, high)
                    )
                else:
                    rows.append((dataset_id, type_id, day, count, None, None, None))
            conn.executemany(
                "INSERT INTO daily_rollups (dataset_id, type_id, day, count, total, minimum, "
                "maximum) VALUES (?, ?, ?, ?, ?, ?, ?)",
                rows,
            )
        conn.execute("UPDATE datasets SET record_count = ? WHERE id = ?", (counted, dataset_id))
    return counted


def opening(conn: Connection, dataset_id: int) -> list[TypeSummary]:
    """What opening a dataset on the Datasets page reads."""
    summaries = summarize(conn, dataset_id)
    if summaries:
        daily_series(conn, dataset_id, summaries[0].type_id)
    return summaries


def measure(path: Path, repeat: int, scan: bool) -> dict[str, Any]:
    """Unlock, then time `opening` on `vault.browsing`: first call, then ``repeat`` more."""
    result: dict[str, Any] = {"load_1min": os.getloadavg()[0]}
    started = time.perf_counter()
    vault = Vault.unlock(path, OWNER, PASSPHRASE)
    result["unlock_s"] = time.perf_counter() - started
    with vault:
        dataset = vault.datasets()[0]
        started, cpu_started = time.perf_counter(), time.process_time()
        conn = vault.browsing
        opened = time.perf_counter()
        first = opening(conn, dataset.id)
        result["first_ms"] = (time.perf_counter() - started) * 1000
        result["first_cpu_ms"] = (time.process_time() - cpu_started) * 1000
        result["first_open_ms"] = (opened - started) * 1000
        times, cpu_times = [], []
        for _ in range(repeat):
            started, cpu_started = time.perf_counter(), time.process_time()
            opening(conn, dataset.id)
            times.append((time.perf_counter() - started) * 1000)
            cpu_times.append((time.process_time() - cpu_started) * 1000)
        result.update(
            dataset_records=dataset.records,
            summary_records=sum(s.count for s in first),
            types=len(first),
            rollup_rows=conn.execute(
                "SELECT count(*) FROM daily_rollups WHERE dataset_id = ?", (dataset.id,)
            ).fetchone()[0],
            repeat=repeat,
            median_ms=statistics.median(times),
            median_cpu_ms=statistics.median(cpu_times),
            max_ms=max(times),
            vault_db_mb=(path / "vault.db").stat().st_size / 1e6,
        )
        if scan:
            started = time.perf_counter()
            from_records = conn.execute(COUNTS_FROM_RECORDS, (dataset.id,)).fetchall()
            result["from_records_ms"] = (time.perf_counter() - started) * 1000
            rolled = {s.type_id: s.count for s in first}
            result["rollups_match_records"] = rolled == dict(from_records)
    return result


def run_export(records: int, seed: int, repeat: int, scan: bool) -> dict[str, Any]:
    path = vault_path(records, seed)
    result: dict[str, Any] = {"case": f"export {records:,}", "vault": str(path)}
    if not path.exists():
        result["build_import_s"] = build_vault(path, records, seed)
    result.update(measure(path, repeat, scan))
    return result


def run_wide(types: int, days: int, records: int, seed: int, repeat: int) -> dict[str, Any]:
    result: dict[str, Any] = {"case": f"wide {types} x {days}"}
    with tempfile.TemporaryDirectory(prefix="hearth-wide-") as folder:
        path = Path(folder) / "vault"
        started = time.perf_counter()
        build_wide_vault(path, types, days, records, seed)
        result["build_s"] = time.perf_counter() - started
        result.update(measure(path, repeat, scan=False))  # no records to scan
    return result


def print_table(result: dict[str, Any]) -> None:
    def ms(value: float) -> str:
        return f"{value:8.1f} ms"

    rows = [
        ("case", f"{result['case']} (load average {result['load_1min']:.2f} before it)"),
        (
            "vault",
            f"{result['dataset_records']:,} records in the dataset, vault.db "
            f"{result['vault_db_mb']:.0f} MB",
        ),
        ("", f"{result['types']} types, {result['rollup_rows']:,} daily rollup rows"),
    ]
    if "build_import_s" in result:
        rows.append(("built now: import", f"{result['build_import_s']:8.2f} s"))
    if "build_s" in result:
        rows.append(("built now: rollup rows", f"{result['build_s']:8.2f} s"))
    rows += [
        ("unlock", ms(result["unlock_s"] * 1000)),
        (
            "summary, first on a fresh unlock",
            f"{ms(result['first_ms'])}  (CPU {result['first_cpu_ms']:.1f} ms; opening "
            f"vault.browsing {result['first_open_ms']:.1f} ms of it)",
        ),
        (
            f"summary, median of {result['repeat']}",
            f"{ms(result['median_ms'])}  (CPU {result['median_cpu_ms']:.1f} ms)",
        ),
        (f"summary, slowest of {result['repeat']}", ms(result["max_ms"])),
    ]
    if "from_records_ms" in result:
        same = "same counts" if result["rollups_match_records"] else "COUNTS DIFFER"
        rows.append(
            ("per-type counts from the records", f"{ms(result['from_records_ms'])}  ({same})")
        )
    worst = max(result["first_ms"], result["median_ms"])
    verdict = "met" if worst < GOAL_MS else "NOT met"
    rows.append((f"goal < {GOAL_MS:.0f} ms (issue 3)", f"{verdict} (worst of first and median)"))
    width = max(len(label) for label, _ in rows)
    for label, value in rows:
        print(f"{label:<{width}}  {value}".rstrip())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--records", type=int, default=1_000_000, help="0: no export vault")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument(
        "--wide",
        type=int,
        nargs=2,
        action="append",
        default=[],
        metavar=("TYPES", "DAYS"),
        help="also a vault of TYPES x DAYS rollup rows (repeatable)",
    )
    parser.add_argument("--wide-records", type=int, default=5_000_000)
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--json", action="store_true", help="print one JSON document")
    parser.add_argument("--no-scan", action="store_true", help="skip the scan of the records")
    args = parser.parse_args(argv)
    if os.environ.pop(UNSAFE_FAST_KDF, None) is not None and not args.json:
        print(f"note: ignoring {UNSAFE_FAST_KDF}; this measures the real cost\n")
    results = []
    if args.records:
        results.append(run_export(args.records, args.seed, args.repeat, not args.no_scan))
    for types, days in args.wide:
        results.append(run_wide(types, days, args.wide_records, args.seed, args.repeat))
    if args.json:
        json.dump(results, sys.stdout, indent=2)
        print()
    else:
        for index, result in enumerate(results):
            if index:
                print()
            print_table(result)
    return 0


if __name__ == "__main__":
    sys.exit(main())
