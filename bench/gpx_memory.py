"""What reading one long GPX file costs: memory above what the process held before it, and
time, for Hearth's streamed reader and for the whole-tree way it replaced.

Prints figures, asserts nothing (tests/unit/importers/test_gpx.py proves that memory does not
grow with the file, and that both ways give the same records). Generates a ride with
`tests.unit.importers.test_gpx.long_gpx` (100,000 track points with Garmin heart rate and
cadence by default: about 20 MB), then reads it once per `--repeat` with each reader, each
time in a fresh process: `hearth.importers.gpx.read_gpx` ("streamed") and
`test_gpx.whole_tree_read_gpx` ("whole tree": lxml, then gpxpy's object tree, as Hearth read
GPX until December 2026). Both processes import the same modules first. A process's "before"
is its RSS just before the file is opened, its peak the kernel's `ru_maxrss` once read; the
figures are medians.

    .venv/bin/python bench/gpx_memory.py [--points N] [--padding N] [--repeat N] [--json]
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
READERS = {
    "streamed": "hearth.importers.gpx:read_gpx",
    "whole tree": "tests.unit.importers.test_gpx:whole_tree_read_gpx",
}
_CHILD = """
import importlib, json, resource, sys, time
sys.path.insert(0, sys.argv[1])
from hearth.importers.sink import RecordSink
import hearth.importers.gpx, tests.unit.importers.test_gpx  # the same modules for both
module, name = sys.argv[2].split(":")
read = getattr(importlib.import_module(module), name)

def rss_kib():
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    return 0

class Labels:
    types = {}
    sources = {}

sink = RecordSink(Labels(), lambda batch: None)
before = rss_kib()
started = time.perf_counter()
with open(sys.argv[3], "rb") as stream:
    added = read(stream, "ride.gpx", sink)
sink.flush()
seconds = time.perf_counter() - started
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(json.dumps({"added": added, "seconds": seconds, "before_kib": before, "peak_kib": peak}))
"""
KIB_TO_MB = 1024 / 1_000_000


def one_run(reader: str, path: Path) -> dict[str, Any]:
    done = subprocess.run(
        [sys.executable, "-c", _CHILD, str(ROOT), READERS[reader], str(path)],
        capture_output=True,
        text=True,
        check=True,
    )
    found: dict[str, Any] = json.loads(done.stdout)
    return found


def measure(points: int, padding: int, repeat: int) -> dict[str, Any]:
    sys.path.insert(0, str(ROOT))
    from tests.unit.importers.test_gpx import write_long_gpx

    with tempfile.TemporaryDirectory(prefix="hearth-gpx-bench-") as folder:
        path = write_long_gpx(Path(folder) / "ride.gpx", points, padding=padding)
        size = path.stat().st_size
        results = {}
        for reader in READERS:
            runs = [one_run(reader, path) for _ in range(repeat)]
            results[reader] = {
                "records": runs[0]["added"],
                "seconds": statistics.median(r["seconds"] for r in runs),
                "before_mb": statistics.median(r["before_kib"] for r in runs) * KIB_TO_MB,
                "peak_mb": statistics.median(r["peak_kib"] for r in runs) * KIB_TO_MB,
                "above_mb": statistics.median(r["peak_kib"] - r["before_kib"] for r in runs)
                * KIB_TO_MB,
            }
    return {"points": points, "file_mb": size / 1_000_000, "readers": results}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--points", type=int, default=100_000)
    parser.add_argument("--padding", type=int, default=0, help="description chars per point")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    found = measure(args.points, args.padding, args.repeat)
    if args.json:
        print(json.dumps(found, indent=2))
        return
    print(f"GPX of {found['points']:,} track points, {found['file_mb']:.1f} MB")
    for reader, figures in found["readers"].items():
        print(
            f"  {reader:10} {figures['records']:>8,} records  {figures['seconds']:6.2f} s  "
            f"peak {figures['peak_mb']:7.1f} MB, {figures['above_mb']:7.1f} MB above the "
            f"{figures['before_mb']:.1f} MB before reading"
        )


if __name__ == "__main__":
    main()
