"""Check a built bundle the way a person's computer would run it: `make bundle-test` on Linux,
and the release workflow on each OS's runner.

    python packaging/check_bundle.py [dist/hearth/hearth] [--require-keyring]

Runs the frozen executable, never the source tree: `--version` (the version from the
package metadata, compared with pyproject.toml), `--self-test --json` with no screen and no
network, then `init` of a throwaway vault with the real key derivation and `doctor
--support-bundle` on it (integrity checked, the ZIP read back, its throwaway passphrase
nowhere in it). On Linux it also asks `ldd` whether every library and Qt plugin in the bundle
finds what it links to (the xcb and wayland plugins are never loaded offscreen), and runs the
self-test inside a private D-Bus session with gnome-keyring-daemon, when both are installed,
so the keyring step must find the Secret Service, as it would on a desktop. Elsewhere,
--require-keyring says the OS keyring must be found (Windows Credential Locker, macOS
Keychain).

Only the standard library: it runs with whatever Python the runner has. Exit 0 when all passed.
"""

from __future__ import annotations

import argparse
import json
import os
import secrets
import shutil
import subprocess
import sys
import tempfile
import tomllib
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_EXE = ROOT / "dist" / "hearth" / ("hearth.exe" if sys.platform == "win32" else "hearth")
TIMEOUT_S = 300
SUPPORT_BUNDLE_MEMBERS = {"report.json", "logs/hearth.log", "README.txt"}


class CheckFailed(Exception):
    """One check did not pass; its message says which and why."""


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Check a built Hearth bundle.")
    parser.add_argument("exe", nargs="?", type=Path, default=DEFAULT_EXE)
    parser.add_argument(
        "--require-keyring",
        action="store_true",
        help="the OS keyring must be usable (always, on Linux, when gnome-keyring is installed)",
    )
    args = parser.parse_args(argv)
    exe = args.exe.resolve()
    if not exe.is_file():
        print(f"No bundle at {exe}: build it with 'make package' first.", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory(prefix="hearth-bundle-check-") as folder:
        check = BundleCheck(exe, Path(folder), args.require_keyring)
        return check.run()


class BundleCheck:
    def __init__(self, exe: Path, folder: Path, require_keyring: bool) -> None:
        self.exe = exe
        self.folder = folder
        self.env = _clean_environment(folder)
        self.secret_service = sys.platform.startswith("linux") and all(
            shutil.which(p) for p in ("dbus-run-session", "gnome-keyring-daemon")
        )
        self.require_keyring = require_keyring or self.secret_service
        self.failures: list[str] = []

    def run(self) -> int:
        checks = [
            ("version", self.version),
            ("self-test", self.self_test),
            ("doctor and support bundle", self.doctor),
        ]
        if sys.platform.startswith("linux"):
            checks.append(("linked libraries", self.linked_libraries))
        for name, check in checks:
            try:
                detail = check()
            except CheckFailed as exc:
                self.failures.append(name)
                print(f"FAILED   {name}: {exc}", flush=True)
            else:
                print(f"ok       {name}: {detail}", flush=True)
        if self.failures:
            print(f"{len(self.failures)} of {len(checks)} bundle checks FAILED.")
            return 1
        print(f"All {len(checks)} bundle checks passed.")
        return 0

    # ------------------------------------------------------------- the checks

    def version(self) -> str:
        expected = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["version"]
        shown = self._run("--version").stdout.strip()
        if shown != f"hearth {expected}":
            raise CheckFailed(f"--version says {shown!r}, pyproject.toml says {expected}")
        return shown

    def self_test(self) -> str:
        command = ["--self-test", "--json"]
        if self.require_keyring:
            command.append("--require-keyring")
        result = self._run(*command, with_keyring=self.secret_service, check=False)
        try:
            report = json.loads(result.stdout)
        except json.JSONDecodeError:
            raise CheckFailed(f"no report (exit {result.returncode}): {result.stderr}") from None
        for step in report["steps"]:
            detail = f": {step['detail']}" if step["detail"] else ""
            print(f"  {step['status']:8} {step['seconds']:6.2f} s  {step['name']}{detail}")
        if result.returncode != 0 or not report["passed"]:
            failed = [s["name"] for s in report["steps"] if s["status"] == "FAILED"]
            raise CheckFailed(f"steps failed: {', '.join(failed)}")
        where = "with a private Secret Service" if self.secret_service else "with the OS keyring"
        return f"{len(report['steps'])} steps passed in {report['seconds']:.1f} s ({where})"

    def doctor(self) -> str:
        vault = self.folder / "vault"
        passphrase = secrets.token_urlsafe(18)
        env = {**self.env, "HEARTH_PASSPHRASE": passphrase}
        kit = self.folder / "recovery-kit.txt"
        init = ["--vault", str(vault), "init", "--member", "Check", "--recovery-kit", str(kit)]
        self._run(*init, env=env)
        bundle = self.folder / "support.zip"
        result = self._run(
            "--vault", str(vault), "doctor", "--json", "--support-bundle", str(bundle), env=env
        )
        report = json.loads(result.stdout)
        if not report["healthy"] or report["vault"].get("integrity") != "ok":
            raise CheckFailed(f"the new vault is not healthy: {report['vault']}")
        if report["versions"]["frozen"] != "True":
            raise CheckFailed("doctor does not say it runs frozen")
        with zipfile.ZipFile(bundle) as archive:
            members = set(archive.namelist())
            if members != SUPPORT_BUNDLE_MEMBERS:
                raise CheckFailed(f"the support bundle holds {sorted(members)}")
            recovery_key = _recovery_key(kit)
            for name in members:
                text = archive.read(name).decode("utf-8")
                if passphrase in text or (recovery_key and recovery_key in text):
                    raise CheckFailed(f"{name} in the support bundle holds a secret")
        return (
            f"vault integrity {report['vault']['integrity']}, schema "
            f"{report['vault']['schema_version']}, support bundle of {len(members)} files"
        )

    def linked_libraries(self) -> str:
        internal = self.exe.parent / "_internal"
        files = sorted(p for p in internal.rglob("*.so*") if p.is_file() and not p.is_symlink())
        # The bootloader puts _internal on the library path; ldd is told the same.
        env = {**os.environ, "LD_LIBRARY_PATH": str(internal)}
        result = subprocess.run(
            ["ldd", *map(str, files)], capture_output=True, text=True, env=env, check=False
        )
        missing: list[str] = []
        current = ""
        for line in result.stdout.splitlines():
            if not line.startswith(("\t", " ")):
                current = line.rstrip(":")
            elif "not found" in line:
                missing.append(f"{Path(current).relative_to(internal)} needs {line.split()[0]}")
        if missing:
            raise CheckFailed("; ".join(missing))
        return f"{len(files)} libraries and plugins find every library they link to"

    # ------------------------------------------------------------- running the bundle

    def _run(
        self,
        *argv: str,
        env: dict[str, str] | None = None,
        with_keyring: bool = False,
        check: bool = True,
    ) -> subprocess.CompletedProcess[str]:
        command = [str(self.exe), *argv]
        if with_keyring:
            # gnome-keyring-daemon --unlock reads the password on stdin and creates the
            # "login" keyring keyring's SecretService backend uses; it leaves when the
            # session bus does, at the end of dbus-run-session.
            command = [
                "dbus-run-session", "--", "sh", "-c",
                'printf %s "$KEYRING_PASSWORD" | gnome-keyring-daemon --unlock'
                ' --components=secrets --daemonize >/dev/null && exec "$@"',
                "sh", *command,
            ]  # fmt: skip
            # A new keyring in a throwaway HOME each time: its password guards nothing.
            env = {**(env or self.env), "KEYRING_PASSWORD": secrets.token_urlsafe(12)}
        result = subprocess.run(
            command,
            capture_output=True,
            text=True,
            env=env or self.env,
            stdin=subprocess.DEVNULL,
            timeout=TIMEOUT_S,
            check=False,
        )
        if check and result.returncode != 0:
            raise CheckFailed(
                f"hearth {' '.join(argv[:3])} exited {result.returncode}: {result.stderr.strip()}"
            )
        return result


def _clean_environment(folder: Path) -> dict[str, str]:
    """No screen, no HEARTH_* of the builder's; on Linux a throwaway HOME as well, so the
    check writes no log, setting or keyring into the builder's own folders."""
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith("HEARTH_") and k not in ("DISPLAY", "WAYLAND_DISPLAY")
    }
    env["QT_QPA_PLATFORM"] = "offscreen"
    if sys.platform.startswith("linux"):
        home, runtime = folder / "home", folder / "runtime"
        home.mkdir()
        runtime.mkdir(mode=0o700)
        for name in list(env):
            if name.startswith("XDG_") or name == "DBUS_SESSION_BUS_ADDRESS":
                del env[name]
        env.update(HOME=str(home), XDG_RUNTIME_DIR=str(runtime))
    return env


def _recovery_key(kit: Path) -> str | None:
    """The recovery key line of a recovery kit, to look for it in the support bundle."""
    if not kit.is_file():
        return None
    for line in kit.read_text(encoding="utf-8").splitlines():
        groups = line.strip().split("-")  # eight groups of four (hearth/vault/recovery.py)
        if len(groups) == 8 and all(len(g) == 4 and g.isalnum() for g in groups):
            return line.strip()
    return None


if __name__ == "__main__":
    sys.exit(main())
