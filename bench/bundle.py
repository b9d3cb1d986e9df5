"""The frozen app's figures (issue 7): the bundle's size on disk, the time from starting it to
its unlocked main window (offscreen), and how long its self-test takes.

Prints figures, asserts nothing. Runs the bundle `make package` built (dist/hearth), never
the source tree, except for the start-up time of the source tree shown beside the frozen
one. The vault it unlocks is made by the bundle itself (`init` with the real, calibrated key
derivation, then `import` of the self-test's sample), in a temporary HOME so the person's
own folders are not touched. Each timed figure is the median of --repeat fresh processes.

    .venv/bin/python bench/bundle.py [--bundle DIR] [--repeat N] [--build] [--json]

--build first times the clean build itself (the command `make package` runs).
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import secrets
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from import_health import _machine_busy_s

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "resources" / "samples" / "apple-health-export.xml"
BUILD = [
    str(ROOT / ".venv" / "bin" / "pyinstaller"),
    "--noconfirm",
    "--clean",
    "--distpath",
    "dist",
    "--workpath",
    "build",
    "packaging/hearth.spec",
]


def bundle_size(bundle: Path) -> dict[str, Any]:
    """Bytes of every file (links not followed), what they occupy on disk, and the largest
    parts of _internal."""
    files = [p for p in bundle.rglob("*") if p.is_file() and not p.is_symlink()]
    parts: dict[str, int] = {}
    internal = bundle / "_internal"
    for path in files:
        if path.is_relative_to(internal):
            top = path.relative_to(internal).parts[0]
            parts[top] = parts.get(top, 0) + path.stat().st_size
    largest = sorted(parts.items(), key=lambda item: -item[1])[:6]
    tarballs = sorted((bundle.parent).glob("hearth-*-linux-*.tar.gz"))
    return {
        "files": len(files),
        "bytes": sum(p.stat().st_size for p in files),
        "disk_bytes": sum(p.stat().st_blocks * 512 for p in files),
        "largest_parts": [{"name": n, "bytes": b} for n, b in largest],
        "tarball_bytes": tarballs[-1].stat().st_size if tarballs else None,
    }


def timed(command: list[str], env: dict[str, str]) -> dict[str, Any]:
    """Run ``command`` once; its wall and CPU time, stdout, and how busy the rest of the
    machine was meanwhile (in cores: above ~0.3 the neighbours are in the figure)."""
    busy = _machine_busy_s()
    cpu = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    done = subprocess.run(
        command, env=env, capture_output=True, text=True, stdin=subprocess.DEVNULL, check=False
    )
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu_s = (after.ru_utime - cpu.ru_utime) + (after.ru_stime - cpu.ru_stime)
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(command[:3])} exited {done.returncode}: {done.stderr}")
    return {
        "wall_s": wall,
        "cpu_s": cpu_s,
        "others_cores": max(0.0, (_machine_busy_s() - busy - cpu_s) / max(wall, 1e-9)),
        "stdout": done.stdout,
    }


def make_vault(exe: Path, vault: Path, env: dict[str, str]) -> str:
    """A vault made and filled by the bundle; returns its key derivation cost."""
    kit = vault.parent / "recovery-kit.txt"
    timed(
        [str(exe), "--vault", str(vault), "init", "--member", "Ana", "--recovery-kit", str(kit)],
        env,
    )
    timed([str(exe), "--vault", str(vault), "import", str(SAMPLE)], env)
    kit.unlink()
    doctor = json.loads(timed([str(exe), "--vault", str(vault), "doctor", "--json"], env)["stdout"])
    return ", ".join(doctor["vault"]["key_derivation"])


def startup(command: list[str], vault: Path, env: dict[str, str], repeat: int) -> dict[str, Any]:
    runs = []
    for _ in range(repeat):
        run = timed([*command, "--self-test", "--startup", "--vault", str(vault), "--json"], env)
        run["to_window_s"] = json.loads(run.pop("stdout"))["seconds_to_unlocked_window"]
        runs.append(run)
    return _medians(runs)


def self_test(exe: Path, env: dict[str, str], repeat: int) -> dict[str, Any]:
    runs, steps = [], []
    for _ in range(repeat):
        run = timed([str(exe), "--self-test", "--json"], env)
        report = json.loads(run.pop("stdout"))
        if not report["passed"]:
            raise SystemExit(f"The bundle's self-test failed: {report['steps']}")
        run["report_s"] = report["seconds"]
        runs.append(run)
        steps.append({s["name"]: s["seconds"] for s in report["steps"]})
    result = _medians(runs)
    result["steps_s"] = {name: statistics.median(s[name] for s in steps) for name in steps[0]}
    return result


def _medians(runs: list[dict[str, Any]]) -> dict[str, Any]:
    return {key: statistics.median(r[key] for r in runs) for key in runs[0]} | {"runs": runs}


def measure(bundle: Path, repeat: int, build: bool) -> dict[str, Any]:
    result: dict[str, Any] = {}
    if build:
        result["build_s"] = timed(BUILD, dict(os.environ))["wall_s"]
    exe = bundle / "hearth"
    if not exe.is_file():
        raise SystemExit(f"No bundle at {bundle}: run 'make package' first.")
    result["size"] = bundle_size(bundle)
    with tempfile.TemporaryDirectory(prefix="hearth-bench-bundle-") as folder:
        home = Path(folder) / "home"
        home.mkdir()
        env = {
            k: v
            for k, v in os.environ.items()
            if not k.startswith(("HEARTH_", "XDG_")) and k not in ("DISPLAY", "WAYLAND_DISPLAY")
        }
        env |= {
            "HOME": str(home),
            "QT_QPA_PLATFORM": "offscreen",
            "HEARTH_PASSPHRASE": secrets.token_urlsafe(18),
        }
        vault = Path(folder) / "vault"
        result["key_derivation"] = make_vault(exe, vault, env)
        result["startup_frozen"] = startup([str(exe)], vault, env, repeat)
        source = [sys.executable, "-m", "hearth"]
        result["startup_source"] = startup(
            source, vault, env | {"PYTHONPATH": str(ROOT / "app")}, repeat
        )
        result["self_test"] = self_test(exe, env, repeat)
    result["repeat"] = repeat
    return result


def print_table(result: dict[str, Any]) -> None:
    size = result["size"]
    mb = 1024 * 1024
    print(
        f"Bundle dist/hearth: {size['files']} files, {size['bytes'] / mb:.0f} MiB "
        f"({size['disk_bytes'] / mb:.0f} MiB on disk)"
    )
    if size["tarball_bytes"]:
        print(f"  Linux tarball: {size['tarball_bytes'] / mb:.0f} MiB")
    for part in size["largest_parts"]:
        print(f"  {part['name']:28} {part['bytes'] / mb:6.1f} MiB")
    if "build_s" in result:
        print(f"Clean build: {result['build_s']:.0f} s")
    print(
        f"\nMedian of {result['repeat']} fresh processes; vault key derivation "
        f"{result['key_derivation']} (calibrated here)"
    )
    header = f"{'':34} {'to window':>10} {'process':>8} {'CPU':>6} {'others':>7}"
    print(header)
    for label, key in (
        ("start to unlocked window, frozen", "startup_frozen"),
        ("start to unlocked window, source", "startup_source"),
    ):
        r = result[key]
        print(
            f"{label:34} {r['to_window_s']:9.2f}s {r['wall_s']:7.2f}s {r['cpu_s']:5.2f}s "
            f"{r['others_cores']:7.2f}"
        )
    test = result["self_test"]
    print(
        f"{'self-test, frozen':34} {'':>10} {test['wall_s']:7.2f}s {test['cpu_s']:5.2f}s "
        f"{test['others_cores']:7.2f}"
    )
    for name, seconds in test["steps_s"].items():
        print(f"  {name:44} {seconds:5.2f} s")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--bundle", type=Path, default=ROOT / "dist" / "hearth")
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--build", action="store_true", help="time a clean build first")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    os.chdir(ROOT)  # the build command's paths are the repository's
    result = measure(args.bundle.resolve(), args.repeat, args.build)
    if args.json:
        print(json.dumps(result, indent=2))
    else:
        print_table(result)
    return 0


if __name__ == "__main__":
    sys.exit(main())
