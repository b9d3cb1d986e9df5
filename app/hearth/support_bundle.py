"""The support bundle: one ZIP a person can send to whoever helps them, with the facts that
help (versions, OS, Qt platform, keyring backend, the vault's health and files, recent logs)
and nothing that is theirs to keep (no secret, no record value, no file content).

Everything written into it passes through `hearth.redact` once more, logs included, so a
secret that reached a log before redaction existed (or through a bug) stops here.
"""

from __future__ import annotations

import importlib.util
import io
import json
import os
import platform
import sys
import zipfile
from collections.abc import Mapping
from datetime import UTC, datetime
from importlib import metadata
from pathlib import Path
from typing import Any

from hearth.atomic import write_atomically
from hearth.errors import UsageError
from hearth.logs import log_files
from hearth.redact import redact

# The most recent log text that goes in, in bytes; enough for a few days of ordinary use.
LOG_TAIL_BYTES = 2_000_000
# Environment variables whose value helps and is never personal. Any other variable is
# not mentioned at all (HEARTH_PASSPHRASE in particular: not even whether it is set).
ENV_VALUES = (
    "QT_QPA_PLATFORM",
    "QT_SCALE_FACTOR",
    "XDG_SESSION_TYPE",
    "XDG_CURRENT_DESKTOP",
    "DESKTOP_SESSION",
    "LANG",
    "LC_ALL",
    "HEARTH_UNSAFE_FAST_KDF",
)
# Variables whose presence matters (a display, a session bus) but whose value is not needed.
ENV_PRESENCE = ("DISPLAY", "WAYLAND_DISPLAY", "DBUS_SESSION_BUS_ADDRESS", "HEARTH_VAULT")


def write_support_bundle(out: Path, doctor_report: Mapping[str, Any], vault_path: Path) -> Path:
    """Write the bundle to ``out`` (owner-only permissions) from the doctor's report."""
    out = Path(out)
    if out.is_dir():
        raise UsageError(f"{out} is a folder; give the support bundle a file name.")
    if not out.parent.is_dir():
        raise UsageError(f"The folder {out.parent} does not exist.")
    facts = {
        "made_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "doctor": doctor_report,
        "system": system_facts(),
        "qt": qt_facts(),
        "environment": environment_facts(os.environ),
        "vault_files": vault_file_list(vault_path),
    }
    members = {
        "report.json": json.dumps(facts, indent=2, sort_keys=True, default=str) + "\n",
        "logs/hearth.log": recent_logs(),
        "README.txt": _README,
    }
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, text in members.items():
            archive.writestr(name, redact(text))
    write_atomically(out, buffer.getvalue())
    return out


def system_facts() -> dict[str, str]:
    return {
        "os": platform.system(),
        "os_release": platform.release(),
        "os_version": platform.version(),
        "machine": platform.machine(),
        "python": sys.version.split()[0],
        "python_implementation": platform.python_implementation(),
        "frozen": str(bool(getattr(sys, "frozen", False))),
    }


def qt_facts() -> dict[str, Any]:
    """What Qt would run on, found without importing Qt (the core never starts a GUI): the
    PySide6 version, the platform plugins present, and the session's display kind."""
    facts: dict[str, Any] = {"platform_requested": os.environ.get("QT_QPA_PLATFORM", "default")}
    try:
        facts["pyside6"] = metadata.version("PySide6")
    except metadata.PackageNotFoundError:
        try:
            facts["pyside6"] = metadata.version("PySide6-Essentials")
        except metadata.PackageNotFoundError:
            facts["pyside6"] = "not installed"
    facts["platform_plugins"] = _platform_plugins()
    facts["platform_likely"] = _likely_platform(facts["platform_plugins"])
    return facts


def _platform_plugins() -> list[str]:
    spec = importlib.util.find_spec("PySide6")
    if spec is None or not spec.submodule_search_locations:
        return []
    found: set[str] = set()
    for folder in spec.submodule_search_locations:
        for plugins in (Path(folder) / "Qt" / "plugins", Path(folder) / "plugins"):
            platforms = plugins / "platforms"
            if platforms.is_dir():
                found.update(_plugin_name(p.name) for p in platforms.iterdir() if p.is_file())
    return sorted(found)


def _plugin_name(file_name: str) -> str:
    stem = file_name.split(".", 1)[0]
    return stem.removeprefix("lib").removeprefix("q")


def _likely_platform(plugins: list[str]) -> str:
    """The platform plugin Qt 6 picks when QT_QPA_PLATFORM does not name one."""
    requested = os.environ.get("QT_QPA_PLATFORM")
    if requested:
        return requested.split(":", 1)[0]
    if sys.platform == "win32":
        return "windows"
    if sys.platform == "darwin":
        return "cocoa"
    wayland = os.environ.get("XDG_SESSION_TYPE") == "wayland" or "WAYLAND_DISPLAY" in os.environ
    if wayland and "wayland" in plugins:
        return "wayland"
    if "DISPLAY" in os.environ:
        return "xcb"
    return "none: no display (Qt will fail to start a window)"


def environment_facts(environ: Mapping[str, str]) -> dict[str, str]:
    facts = {name: environ[name] for name in ENV_VALUES if name in environ}
    facts.update({name: "set" for name in ENV_PRESENCE if name in environ})
    return facts


def vault_file_list(vault_path: Path) -> list[dict[str, Any]]:
    """Every file in the vault folder by relative name and size: never a byte of content."""
    if not vault_path.is_dir():
        return []
    listing = []
    for path in sorted(vault_path.rglob("*")):
        if path.is_file() and not path.is_symlink():
            listing.append(
                {"name": path.relative_to(vault_path).as_posix(), "bytes": path.stat().st_size}
            )
    return listing


def recent_logs(limit: int = LOG_TAIL_BYTES) -> str:
    """The newest ``limit`` bytes of the log files, oldest first, each line redacted again."""
    chunks: list[str] = []
    left = limit
    for path in log_files():  # newest first
        if left <= 0:
            break
        data = path.read_bytes()
        part = data[-left:]
        left -= len(part)
        text = part.decode("utf-8", errors="replace")
        if len(part) < len(data):
            text = text.split("\n", 1)[-1]  # start on a whole line
        chunks.append(f"===== {path.name} =====\n{text}")
    return redact("\n".join(reversed(chunks))) if chunks else "(no log yet)\n"


_README = """\
Hearth support bundle

report.json      versions, operating system, Qt, keyring backend, the vault's health and the
                 names and sizes of the files in its folder (never their content)
logs/hearth.log  the most recent log lines

Nothing in here is a passphrase, key, wallet word or a value from your data: every part was
checked for them and anything shaped like a secret was replaced by [redacted] or similar.
"""
