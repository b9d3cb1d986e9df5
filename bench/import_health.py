"""Import speed and memory: Hearth against healthkit-to-sqlite and a bare lxml parse.

Prints figures, asserts nothing. For each record count, in one run and on the same generated
`export.zip` (bench/health_export.py, cached in .bench/), each in a fresh process:
(a) the peer, `healthkit-to-sqlite export.zip out.db` (plain SQLite, no encryption, no
dedupe), (b) the parse ceiling: lxml `iterparse(tag="Record")` over export.xml read from the
zip, three attribute reads per Record and `clear()` (and every 10,000 Records the cleared
ones dropped from the root, so memory stays flat), nothing else, (c) `hearth import
export.zip --json` into a new vault made with the real calibrated key derivation. Wall time
and peak RSS of each: VmHWM of every process in the command's tree, sampled from /proc
(Hearth parses in two child processes while the main one writes), every process's RSS and
PSS summed at the same moment, plus the kernel's `ru_maxrss` at exit as a check. Records/s
count the export's `<Record>` elements for all three, though Hearth and the peer also import
the workouts, their route points and the daily activity summaries.

    .venv/bin/python bench/import_health.py [--records N ...] [--seed S] [--json]
        [--keep-vault] [--no-peer] [--interleaved]

`--keep-vault` leaves the vault in .bench/vault-N-sS (passphrase below) for bench/summary.py.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from health_export import CACHE, cached_export, export_counts

UNSAFE_FAST_KDF = "HEARTH_UNSAFE_FAST_KDF"
OWNER = "Ana"
PASSPHRASE = "benchmark passphrase, not a secret"
BIN = Path(sys.executable).parent
DEFAULT_RECORDS = (200_000, 1_000_000)
SAMPLE_S = 0.02  # how often the memory of the command's processes is read
PSS_EVERY = 5  # PSS is read every this many samples (0.1 s): reading it costs more
DISCOVER_S = 0.1  # how often /proc is scanned for new processes in the tree
DROP_EVERY = 10_000  # the lxml ceiling drops its cleared Records from the root this often
KIB_TO_MB = 1024 / 1e6  # memory is printed in MB of 10^6 bytes, as the goal says "150 MB"

# The goals of issue 3 ("Speed").
GOAL_TIMES_PEER = 10.0
GOAL_SHARE_OF_LXML = 0.70
GOAL_PEAK_MB = 150.0
GOAL_PEAK_FROM_RECORDS = 1_000_000


# ------------------------------------------------------------------ measuring a command


@dataclass
class ProcessPeak:
    pid: int
    role: str
    peak_kib: int = 0  # VmHWM, last read
    peak_rss_after_kib: int = 0  # highest VmRSS read once a second process appeared


@dataclass
class Measured:
    seconds: float
    exit_code: int
    stdout: str
    stderr: str
    ru_maxrss_kib: int  # the kernel's figure for the command and its reaped children
    cpu_s: float  # user + system time of the command and its reaped children
    others_cpu_s: float  # CPU time the rest of the machine used meanwhile (other work)
    processes: list[ProcessPeak] = field(default_factory=list)
    # The RSS of every process in the tree added up at the same sample, at its highest:
    # over the whole command, and once a second process appeared (the import itself).
    together_peak_kib: int = 0
    together_import_peak_kib: int = 0
    # The same with each process's PSS (a page shared by N processes counts 1/N in each:
    # the Python runtime, lxml and the other libraries every process maps): what the
    # command really holds in memory, where summed RSS counts shared pages once per process.
    together_import_pss_kib: int = 0

    @property
    def others_cores(self) -> float:
        """How many cores, on average, other processes kept busy during the measurement."""
        return self.others_cpu_s / self.seconds

    def peak_mb(self, role: str) -> float:
        return sum(p.peak_kib for p in self.processes if p.role == role) * KIB_TO_MB

    def tree_peak_mb(self) -> float:
        """The peaks of every process added up (they need not coincide: an upper bound)."""
        return sum(p.peak_kib for p in self.processes) * KIB_TO_MB


def _status_kib(pid: int) -> tuple[int, int] | None:
    """(VmHWM, VmRSS) in KiB, or None when the process is gone."""
    try:
        with open(f"/proc/{pid}/status", "rb") as handle:
            text = handle.read()
    except OSError:
        return None
    hwm = rss = 0
    for line in text.splitlines():
        if line.startswith(b"VmHWM:"):
            hwm = int(line.split()[1])
        elif line.startswith(b"VmRSS:"):
            rss = int(line.split()[1])
    return hwm, rss


def _pss_kib(pid: int) -> int | None:
    """Proportional set size in KiB (shared pages divided among their processes)."""
    try:
        with open(f"/proc/{pid}/smaps_rollup", "rb") as handle:
            text = handle.read()
    except OSError:
        return None
    for line in text.splitlines():
        if line.startswith(b"Pss:"):
            return int(line.split()[1])
    return None


def _machine_busy_s() -> float:
    """CPU seconds all cores have spent busy since boot (from /proc/stat)."""
    with open("/proc/stat") as handle:
        fields = [int(x) for x in handle.readline().split()[1:]]
    idle = fields[3] + (fields[4] if len(fields) > 4 else 0)  # idle + iowait
    busy = sum(fields[:8]) - idle  # user nice system idle iowait irq softirq steal
    return busy / os.sysconf("SC_CLK_TCK")


def _children_of(pids: set[int]) -> list[int]:
    found = []
    for name in os.listdir("/proc"):
        if not name.isdigit():
            continue
        try:
            with open(f"/proc/{name}/stat", "rb") as handle:
                stat = handle.read()
        except OSError:
            continue
        # "pid (comm) state ppid ...": comm may hold spaces, so split after the last ')'.
        ppid = int(stat[stat.rindex(b")") + 2 :].split()[1])
        if ppid in pids and int(name) not in pids:
            found.append(int(name))
    return found


def _role(pid: int, root: int) -> str:
    if pid == root:
        return "main"
    try:
        cmdline = Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        return "child"
    if b"resource_tracker" in cmdline:
        return "resource tracker"
    if b"hearth.importers.parser_processes" in cmdline or b"--hearth-import-parser" in cmdline:
        return "parser"
    if b"spawn_main" in cmdline or b"forkserver" in cmdline:  # multiprocessing's (Windows)
        return "parser"
    return "child"


class _TreeSampler(threading.Thread):
    def __init__(self, root: int) -> None:
        super().__init__(daemon=True)
        self.root = root
        self.peaks: dict[int, ProcessPeak] = {root: ProcessPeak(root, "main")}
        self.together_kib = 0
        self.together_import_kib = 0
        self.together_import_pss_kib = 0
        self.stop = threading.Event()

    def run(self) -> None:
        last_scan = 0.0
        samples = 0
        while not self.stop.is_set():
            samples += 1
            now = time.monotonic()
            if now - last_scan >= DISCOVER_S:
                last_scan = now
                for pid in _children_of(set(self.peaks)):
                    self.peaks[pid] = ProcessPeak(pid, _role(pid, self.root))
            several = len(self.peaks) > 1
            together = 0
            for pid, peak in self.peaks.items():
                status = _status_kib(pid)
                if status is None:
                    continue
                together += status[1]
                peak.peak_kib = max(peak.peak_kib, status[0])
                if several:
                    peak.peak_rss_after_kib = max(peak.peak_rss_after_kib, status[1])
            self.together_kib = max(self.together_kib, together)
            if several:
                self.together_import_kib = max(self.together_import_kib, together)
            if several and samples % PSS_EVERY == 0:  # the kernel walks every page for it
                pss = sum(_pss_kib(pid) or 0 for pid in list(self.peaks))
                self.together_import_pss_kib = max(self.together_import_pss_kib, pss)
            self.stop.wait(SAMPLE_S)


def measure(command: list[str], env: dict[str, str] | None = None) -> Measured:
    """Run ``command`` to its end: wall time, output, and the peak memory of its processes."""
    busy_before = _machine_busy_s()
    self_before = resource.getrusage(resource.RUSAGE_SELF)
    started = time.perf_counter()
    process = subprocess.Popen(
        command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env, text=True
    )
    sampler = _TreeSampler(process.pid)
    sampler.start()
    output: dict[str, str] = {}

    def drain(name: str) -> None:
        stream = getattr(process, name)
        output[name] = stream.read()
        stream.close()

    readers = [threading.Thread(target=drain, args=(name,)) for name in ("stdout", "stderr")]
    for reader in readers:
        reader.start()
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - started
    process.returncode = os.waitstatus_to_exitcode(status)
    sampler.stop.set()
    sampler.join()
    for reader in readers:
        reader.join()
    self_after = resource.getrusage(resource.RUSAGE_SELF)
    cpu_s = usage.ru_utime + usage.ru_stime
    mine = self_after.ru_utime + self_after.ru_stime - self_before.ru_utime - self_before.ru_stime
    return Measured(
        seconds=seconds,
        exit_code=process.returncode,
        stdout=output.get("stdout", ""),
        stderr=output.get("stderr", ""),
        ru_maxrss_kib=usage.ru_maxrss,
        cpu_s=cpu_s,
        others_cpu_s=max(0.0, _machine_busy_s() - busy_before - cpu_s - mine),
        processes=list(sampler.peaks.values()),
        together_peak_kib=sampler.together_kib,
        together_import_peak_kib=sampler.together_import_kib,
        together_import_pss_kib=sampler.together_import_pss_kib,
    )


def _checked(what: str, measured: Measured) -> Measured:
    if measured.exit_code != 0:
        sys.stderr.write(f"{what} failed (exit {measured.exit_code}):\n{measured.stderr[-3000:]}\n")
        raise SystemExit(1)
    return measured


# ------------------------------------------------------------------ the lxml ceiling


def lxml_ceiling(path: Path) -> dict[str, Any]:
    """Runs in the child: iterparse the Records of export.xml straight from the zip."""
    from lxml import etree

    started = time.perf_counter()
    count = 0
    with zipfile.ZipFile(path) as archive:
        name = next(n for n in archive.namelist() if n.endswith("/export.xml"))
        with archive.open(name) as stream:
            for _event, element in etree.iterparse(stream, events=("end",), tag="Record"):
                element.get("type")
                element.get("startDate")
                element.get("value")
                count += 1
                element.clear()
                if count % DROP_EVERY == 0:
                    # The cleared Records stay children of the root: drop them now and then
                    # (a cost too small to see), or 5M of them take 680 MB and slow the parse.
                    root = element.getparent()
                    del root[: root.index(element)]
    return {"records": count, "parse_s": time.perf_counter() - started}


# ------------------------------------------------------------------ one record count


def _hearth_env() -> dict[str, str]:
    env = dict(os.environ)
    env.pop(UNSAFE_FAST_KDF, None)  # the real, calibrated cost: never the test cost
    env["HEARTH_PASSPHRASE"] = PASSPHRASE
    return env


def _hearth(vault: Path, *args: str) -> list[str]:
    return [str(BIN / "hearth"), "--vault", str(vault), *args]


def _role_summary(measured: Measured) -> dict[str, Any]:
    return {
        "seconds": measured.seconds,
        "cpu_s": measured.cpu_s,
        "others_cores": measured.others_cores,
        "ru_maxrss_mb": measured.ru_maxrss_kib * KIB_TO_MB,
        "processes": [
            {
                "role": p.role,
                "peak_mb": p.peak_kib * KIB_TO_MB,
                "peak_rss_during_import_mb": p.peak_rss_after_kib * KIB_TO_MB,
            }
            for p in measured.processes
        ],
    }


def bench_one(
    records: int, seed: int, workdir: Path, peer: bool, keep: bool, interleaved: bool = False
) -> dict[str, Any]:
    export = cached_export(records, seed, interleaved=interleaved)
    counts = export_counts(export)
    result: dict[str, Any] = {
        "records": records,
        "interleaved": interleaved,
        "export": {
            "zip_mb": export.stat().st_size / 1e6,
            **counts,
            "xml_mb": counts["xml_bytes"] / 1e6,
        },
        "load_before": os.getloadavg()[0],
    }

    if peer:
        out_db = workdir / f"peer-{records}.db"
        log(f"{records:,}: healthkit-to-sqlite ...")
        measured = _checked(
            "healthkit-to-sqlite",
            measure([str(BIN / "healthkit-to-sqlite"), str(export), str(out_db), "--silent"]),
        )
        result["peer"] = {
            **_role_summary(measured),
            "peak_mb": measured.tree_peak_mb(),
            "records_per_s": records / measured.seconds,
            "db_mb": out_db.stat().st_size / 1e6,
        }
        out_db.unlink()

    log(f"{records:,}: lxml parse ...")
    measured = _checked(
        "the lxml parse",
        measure([sys.executable, __file__, "--lxml-child", str(export)]),
    )
    parsed = json.loads(measured.stdout)
    result["lxml"] = {
        **_role_summary(measured),
        "peak_mb": measured.tree_peak_mb(),
        "parse_s": parsed["parse_s"],
        "records_seen": parsed["records"],
        "records_per_s": records / parsed["parse_s"],
    }

    log(f"{records:,}: hearth init (calibrating the key derivation) ...")
    vault = workdir / f"vault-{records}"
    env = _hearth_env()
    started = time.perf_counter()
    _checked(
        "hearth init",
        measure(
            _hearth(vault, "init", "--member", OWNER, "--recovery-kit", str(workdir / "kit.txt")),
            env,
        ),
    )
    init_s = time.perf_counter() - started
    (workdir / "kit.txt").unlink()
    # What every command pays before it does anything: Python, imports, Argon2id, SQLCipher.
    unlocks = [
        _checked("hearth datasets", measure(_hearth(vault, "datasets", "--json"), env))
        for _ in range(3)
    ]
    overhead_s = statistics.median(u.seconds for u in unlocks)

    log(f"{records:,}: hearth import ...")
    command = _hearth(vault, "import", str(export), "--json")
    measured = _checked("hearth import", measure(command, env))
    outcome = json.loads(measured.stdout)
    listed = json.loads(
        _checked("hearth datasets", measure(_hearth(vault, "datasets", "--json"), env)).stdout
    )
    import_s = measured.seconds - overhead_s
    result["hearth"] = {
        **_role_summary(measured),
        "init_s": init_s,
        "startup_and_unlock_s": overhead_s,
        # The same command with nothing to import: what the unlock alone peaks at.
        "unlock_only_peak_mb": max(u.together_peak_kib for u in unlocks) * KIB_TO_MB,
        "import_only_s": import_s,
        "records_per_s": records / measured.seconds,
        "import_only_records_per_s": records / import_s,
        "main_peak_mb": measured.peak_mb("main"),
        "parser_peak_mb": measured.peak_mb("parser"),
        "tree_peak_mb": measured.tree_peak_mb(),
        "together_peak_mb": measured.together_peak_kib * KIB_TO_MB,
        "together_during_import_mb": measured.together_import_peak_kib * KIB_TO_MB,
        "together_pss_during_import_mb": measured.together_import_pss_kib * KIB_TO_MB,
        "main_and_parser_during_import_mb": sum(
            p.peak_rss_after_kib for p in measured.processes if p.role in ("main", "parser")
        )
        * KIB_TO_MB,
        "import": outcome,
        "datasets": listed["datasets"],
        "expected_rows": counts["records"]
        + counts["workouts"]
        + counts["route_points"]
        + counts["activity_summaries"],
        "vault_db_mb": (vault / "vault.db").stat().st_size / 1e6,
    }
    if keep:
        kept = CACHE / f"vault-{records}-s{seed}{'-interleaved' if interleaved else ''}"
        shutil.rmtree(kept, ignore_errors=True)
        shutil.move(vault, kept)
        result["hearth"]["kept_vault"] = str(kept)
    else:
        shutil.rmtree(vault)
    return result


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


# ------------------------------------------------------------------ printing


def _verdict(ok: bool) -> str:
    return "met" if ok else "NOT met"


def print_report(result: dict[str, Any]) -> None:
    machine = result["machine"]
    print(
        f"machine: {machine['cpus']} CPUs, Python {machine['python']}, "
        f"lxml {machine['lxml']}, healthkit-to-sqlite {machine['peer']}"
    )
    for run in result["runs"]:
        print()
        rows = _rows(run)
        width = max(len(label) for label, _ in rows)
        for label, value in rows:
            print(f"{label:<{width}}  {value}".rstrip())


def _rows(run: dict[str, Any]) -> list[tuple[str, str]]:
    n = run["records"]
    export, lx, hearth = run["export"], run["lxml"], run["hearth"]
    peer = run.get("peer")
    rows: list[tuple[str, str]] = [
        (
            f"{n:,} Records" + (" (interleaved)" if run.get("interleaved") else ""),
            f"{export['xml_mb']:.1f} MB of XML, zip {export['zip_mb']:.1f} MB; also "
            f"{export['workouts']} workouts, {export['route_points']:,} route points, "
            f"{export['activity_summaries']:,} activity summaries",
        ),
        (
            "  other work on the machine",
            f"load average {run['load_before']:.2f} before; while measuring, other processes "
            "kept busy: "
            + ", ".join(
                f"{name} {run[key]['others_cores']:.2f}"
                for name, key in (("peer", "peer"), ("lxml", "lxml"), ("hearth", "hearth"))
                if key in run
            )
            + " cores",
        ),
    ]
    if peer:
        rows.append(
            (
                "  healthkit-to-sqlite",
                f"{peer['seconds']:8.2f} s {peer['records_per_s']:10,.0f} rec/s  "
                f"peak RSS {peer['peak_mb']:6.1f} MB  (CPU {peer['cpu_s']:.1f} s)",
            )
        )
    rows.append(
        (
            "  lxml iterparse (ceiling)",
            f"{lx['parse_s']:8.2f} s {lx['records_per_s']:10,.0f} rec/s  "
            f"peak RSS {lx['peak_mb']:6.1f} MB  ({lx['seconds']:.2f} s with startup)",
        )
    )
    rows += [
        (
            "  hearth import",
            f"{hearth['seconds']:8.2f} s {hearth['records_per_s']:10,.0f} rec/s  "
            f"peak RSS {hearth['together_peak_mb']:6.1f} MB (all processes at one moment)  "
            f"(CPU {hearth['cpu_s']:.1f} s)",
        ),
        (
            "    without startup + unlock",
            f"{hearth['import_only_s']:8.2f} s {hearth['import_only_records_per_s']:10,.0f} rec/s"
            f"  (startup + unlock {hearth['startup_and_unlock_s']:.2f} s, median of 3 "
            "'hearth datasets')",
        ),
    ]
    for process in hearth["processes"]:
        rows.append(
            (
                f"    peak RSS {process['role']}",
                f"{process['peak_mb']:6.1f} MB (VmHWM); highest RSS once the parser ran "
                f"{process['peak_rss_during_import_mb']:6.1f} MB",
            )
        )
    rows += [
        ("    ru_maxrss at exit", f"{hearth['ru_maxrss_mb']:6.1f} MB (max of main and parser)"),
        (
            "    during the import",
            f"{hearth['main_and_parser_during_import_mb']:6.1f} MB main + parser "
            "(after the unlock's Argon2id memory)"
            if hearth["parser_peak_mb"]
            else "n/a: a small export is parsed in the main process",
        ),
        (
            "    all at one moment",
            f"{hearth['together_peak_mb']:6.1f} MB, during the import "
            f"{hearth['together_during_import_mb']:.1f} MB (every process's RSS summed at the "
            "same sample; the lines above add up peaks that need not coincide)",
        ),
        (
            "    all at one moment, PSS",
            f"{hearth['together_pss_during_import_mb']:6.1f} MB during the import (the same "
            "with pages shared between the processes counted once, not once per process)",
        ),
        ("    vault.db", f"{hearth['vault_db_mb']:.1f} MB"),
    ]
    counted = hearth["datasets"][0]["records"] if hearth["datasets"] else 0
    imported = hearth["import"]
    rows.append(
        (
            "  records check",
            f"vault holds {counted:,}, expected {hearth['expected_rows']:,} "
            f"({'ok' if counted == hearth['expected_rows'] else 'MISMATCH'}); import said "
            f"added {imported['added']:,}, duplicates {imported['duplicates']:,}, "
            f"skipped {sum(i['skipped'] for i in imported['imports']):,}",
        )
    )
    rows.append(("  goals (issue 3)", ""))
    if peer:
        times = hearth["records_per_s"] / peer["records_per_s"]
        times_only = hearth["import_only_records_per_s"] / peer["records_per_s"]
        rows.append(
            (
                f"    >= {GOAL_TIMES_PEER:.0f}x healthkit-to-sqlite",
                f"{times:5.1f}x  {_verdict(times >= GOAL_TIMES_PEER)}  "
                f"(without startup + unlock {times_only:.1f}x)",
            )
        )
    share = hearth["records_per_s"] / lx["records_per_s"]
    share_only = hearth["import_only_records_per_s"] / lx["records_per_s"]
    rows.append(
        (
            f"    >= {GOAL_SHARE_OF_LXML:.0%} of bare lxml",
            f"{share:5.0%}   {_verdict(share >= GOAL_SHARE_OF_LXML)}  "
            f"(without startup + unlock {share_only:.0%})",
        )
    )
    applies = "" if n >= GOAL_PEAK_FROM_RECORDS else " (the goal is for 1M and 5M)"
    during = hearth["together_during_import_mb"]
    whole = hearth["together_peak_mb"]
    rows += [
        (
            f"    peak RSS <= {GOAL_PEAK_MB:.0f} MB, import",
            f"{during:5.1f} MB  {_verdict(during <= GOAL_PEAK_MB)}{applies}  (every process "
            "summed at one moment while the parsers run, after the unlock; PSS "
            f"{hearth['together_pss_during_import_mb']:.1f} MB)",
        ),
        (
            f"    peak RSS <= {GOAL_PEAK_MB:.0f} MB, whole command",
            f"{whole:5.1f} MB  {_verdict(whole <= GOAL_PEAK_MB)}{applies}  (the unlock "
            f"alone, 'hearth datasets': {hearth['unlock_only_peak_mb']:.1f} MB, Argon2id's "
            "128 MiB included)",
        ),
    ]
    return rows


# ------------------------------------------------------------------ main


def _versions() -> dict[str, Any]:
    from importlib.metadata import version

    from lxml import etree

    return {
        "python": platform.python_version(),
        "platform": platform.platform(),
        "cpus": os.cpu_count(),
        "lxml": ".".join(str(part) for part in etree.LXML_VERSION),
        "peer": version("healthkit-to-sqlite"),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--records", type=int, action="append", help="Records in the export (repeatable)"
    )
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--json", action="store_true", help="print one JSON document")
    parser.add_argument("--keep-vault", action="store_true", help="keep the vault in .bench/")
    parser.add_argument("--no-peer", action="store_true", help="skip healthkit-to-sqlite")
    parser.add_argument(
        "--interleaved",
        action="store_true",
        help="Records in time order across types (iOS groups them by type)",
    )
    parser.add_argument("--lxml-child", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.lxml_child:
        json.dump(lxml_ceiling(args.lxml_child), sys.stdout)
        return 0
    if os.environ.get(UNSAFE_FAST_KDF) is not None and not args.json:
        print(f"note: ignoring {UNSAFE_FAST_KDF}; this measures the real cost\n")
    started = time.perf_counter()
    result: dict[str, Any] = {"machine": _versions(), "runs": []}
    with tempfile.TemporaryDirectory(prefix="hearth-bench-") as tmp:
        for records in args.records or DEFAULT_RECORDS:
            run = bench_one(
                records, args.seed, Path(tmp), not args.no_peer, args.keep_vault, args.interleaved
            )
            result["runs"].append(run)
    result["total_s"] = time.perf_counter() - started
    if args.json:
        json.dump(result, sys.stdout, indent=2)
        print()
    else:
        print_report(result)
        print(f"\n(whole benchmark: {result['total_s']:.0f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
