"""`hearth --self-test` from the source tree: every step passes on this machine, the report
is one line per step, and it leaves nothing behind (no temporary vault, no settings)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from hearth.paths import log_dir

EXPECTED_STEPS = [
    "create and unlock a vault",
    "import the sample data",
    "set consent terms",
    "build, encrypt, open and verify a package",
    "sign and verify a message",
    "start the sandbox network",
    "keyring backend",
    "open the app window offscreen",
]


def _self_test(tmp_path: Path, *extra: str, **more_env: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("HEARTH_", "QT_QPA"))}
    env.update(more_env)
    env["TMPDIR"] = str(tmp_path)
    env.pop("DISPLAY", None)  # no screen
    return subprocess.run(
        [sys.executable, "-m", "hearth", "--self-test", *extra],
        capture_output=True,
        text=True,
        env=env,
        stdin=subprocess.DEVNULL,
        timeout=300,
        check=False,
    )


def test_every_step_passes_and_nothing_is_left_behind(tmp_path: Path) -> None:
    home = Path(os.environ["HOME"])
    before = set(home.rglob("*"))
    result = _self_test(tmp_path, "--json")
    assert result.returncode == 0, result.stdout + result.stderr
    report = json.loads(result.stdout)
    assert report["passed"] is True
    assert [s["name"] for s in report["steps"]] == EXPECTED_STEPS
    statuses = {s["name"]: s["status"] for s in report["steps"]}
    # A keyring may be missing on a test machine (a warning); everything else must be ok.
    assert statuses.pop("keyring backend") in ("ok", "warning")
    assert set(statuses.values()) == {"ok"}, statuses
    assert list(tmp_path.iterdir()) == []  # the throwaway vault and package are gone
    # Only the log: no vault, no settings in the person's folders.
    made = set(home.rglob("*")) - before
    assert all(p in log_dir().parents or p.is_relative_to(log_dir()) for p in made), made


def test_the_report_is_one_line_per_step_and_a_verdict(tmp_path: Path) -> None:
    result = _self_test(tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    lines = result.stdout.strip().splitlines()
    assert lines[0].startswith("Hearth ") and lines[0].endswith("self-test")
    steps = lines[1:-1]
    assert len(steps) == len(EXPECTED_STEPS)
    for line, name in zip(steps, EXPECTED_STEPS, strict=True):
        status = line.split()[0]
        assert status in ("ok", "warning"), line
        assert f"s  {name}" in line
    assert lines[-1].startswith(f"All {len(EXPECTED_STEPS)} steps passed")


def test_a_failing_step_makes_the_exit_code_non_zero(tmp_path: Path) -> None:
    # The bundled sample is found through the resources folder; without it the import
    # fails, and the steps that need its dataset say they could not run.
    code = (
        "import sys, hearth.selftest as t, hearth.paths as p;"
        "t.resources_dir = lambda: p.Path(sys.argv[1]);"
        "sys.exit(t.main([]))"
    )
    env = {k: v for k, v in os.environ.items() if not k.startswith("HEARTH_")}
    result = subprocess.run(
        [sys.executable, "-c", code, str(tmp_path / "no-resources")],
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
        check=False,
    )
    assert result.returncode == 1
    failed = [line for line in result.stdout.splitlines() if line.startswith("FAILED")]
    assert any("import the sample data" in line for line in failed)
    assert any("not run: needs the imported sample" in line for line in failed)
    assert "steps FAILED" in result.stdout.splitlines()[-1]


def test_without_a_keyring_the_build_check_fails_instead_of_warning(tmp_path: Path) -> None:
    # keyring's own switch for "no backend": what a computer without a keyring daemon gets.
    result = _self_test(
        tmp_path,
        "--json",
        "--require-keyring",
        PYTHON_KEYRING_BACKEND="keyring.backends.fail.Keyring",
    )
    assert result.returncode == 1, result.stdout + result.stderr
    steps = {s["name"]: s for s in json.loads(result.stdout)["steps"]}
    assert steps["keyring backend"]["status"] == "FAILED"
    assert steps["keyring backend"]["detail"].startswith("No usable system keyring")
    assert {s["status"] for n, s in steps.items() if n != "keyring backend"} == {"ok"}
