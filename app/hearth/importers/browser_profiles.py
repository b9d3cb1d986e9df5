"""Where browsers keep their history, so the GUI can offer "Import my browser history".

Chrome, Chromium, Edge and Brave keep one `History` SQLite file per profile folder under their
"User Data" folder; Firefox one `places.sqlite` per profile under its profiles folder. The
places differ per operating system; `system`, `home` and `env` can be given so tests build a
fake home for each of them.

A profile's display name comes from the browser's own list (Chromium's `Local State`,
Firefox's `profiles.ini`) for the person choosing; records get the folder name instead (see
`profile_of`), because the display name is often the person's own name.
"""

from __future__ import annotations

import configparser
import json
import os
import platform
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path, PurePath

CHROMIUM_HISTORY = "History"
FIREFOX_HISTORY = "places.sqlite"
_LOCAL_STATE_MAX = 16 * 1024 * 1024


@dataclass(frozen=True)
class BrowserProfile:
    browser: str  # "Chrome", "Chromium", "Edge", "Brave" or "Firefox"
    profile: str  # the name the browser shows for the profile
    history_path: Path


def discover_browser_profiles(
    home: Path | None = None,
    system: str | None = None,
    env: Mapping[str, str] | None = None,
) -> list[BrowserProfile]:
    """Every browser profile with a history file on this computer (or in ``home``)."""
    home = home if home is not None else Path.home()
    system = system or platform.system()
    env = env if env is not None else os.environ
    found: list[BrowserProfile] = []
    for browser, folder in _chromium_folders(home, system, env):
        found.extend(_chromium_profiles(browser, folder))
    for folder in _firefox_folders(home, system, env):
        found.extend(_firefox_profiles(folder))
    return found


def _chromium_folders(
    home: Path, system: str, env: Mapping[str, str]
) -> Iterator[tuple[str, Path]]:
    """(browser, its "User Data" folder) for each place a Chromium browser may use."""
    if system == "Windows":
        local = Path(env.get("LOCALAPPDATA") or home / "AppData" / "Local")
        yield "Chrome", local / "Google" / "Chrome" / "User Data"
        yield "Chromium", local / "Chromium" / "User Data"
        yield "Edge", local / "Microsoft" / "Edge" / "User Data"
        yield "Brave", local / "BraveSoftware" / "Brave-Browser" / "User Data"
    elif system == "Darwin":
        support = home / "Library" / "Application Support"
        yield "Chrome", support / "Google" / "Chrome"
        yield "Chromium", support / "Chromium"
        yield "Edge", support / "Microsoft Edge"
        yield "Brave", support / "BraveSoftware" / "Brave-Browser"
    else:
        config = Path(env.get("XDG_CONFIG_HOME") or home / ".config")
        yield "Chrome", config / "google-chrome"
        yield "Chromium", config / "chromium"
        yield "Chromium", home / "snap" / "chromium" / "common" / "chromium"
        yield "Edge", config / "microsoft-edge"
        yield "Brave", config / "BraveSoftware" / "Brave-Browser"


def _firefox_folders(home: Path, system: str, env: Mapping[str, str]) -> Iterator[Path]:
    """Folders holding Firefox's profiles.ini and its profile folders."""
    if system == "Windows":
        roaming = Path(env.get("APPDATA") or home / "AppData" / "Roaming")
        yield roaming / "Mozilla" / "Firefox"
    elif system == "Darwin":
        yield home / "Library" / "Application Support" / "Firefox"
    else:
        yield home / ".mozilla" / "firefox"
        yield home / "snap" / "firefox" / "common" / ".mozilla" / "firefox"
        yield home / ".var" / "app" / "org.mozilla.firefox" / ".mozilla" / "firefox"


def _chromium_profiles(browser: str, user_data: Path) -> list[BrowserProfile]:
    if not user_data.is_dir():
        return []
    names = _chromium_names(user_data / "Local State")
    found = []
    for folder in sorted(user_data.iterdir()):
        history = folder / CHROMIUM_HISTORY
        if folder.name != "System Profile" and history.is_file():
            found.append(BrowserProfile(browser, names.get(folder.name, folder.name), history))
    return found


def _chromium_names(local_state: Path) -> dict[str, str]:
    """Profile folder -> the name Chrome shows, from its `Local State` file."""
    try:
        if local_state.stat().st_size > _LOCAL_STATE_MAX:
            return {}
        state = json.loads(local_state.read_text(encoding="utf-8"))
        cache = state["profile"]["info_cache"]
        return {
            folder: str(info["name"])
            for folder, info in cache.items()
            if isinstance(info, dict) and info.get("name")
        }
    except (OSError, ValueError, KeyError, TypeError):
        return {}


def _firefox_profiles(root: Path) -> list[BrowserProfile]:
    if not root.is_dir():
        return []
    found: list[BrowserProfile] = []
    seen: set[Path] = set()
    for name, folder in _firefox_ini(root):
        history = folder / FIREFOX_HISTORY
        if history.is_file() and folder not in seen:
            seen.add(folder)
            found.append(BrowserProfile("Firefox", name, history))
    # Profiles profiles.ini does not list (a damaged or missing file) are still history.
    for parent in (root, root / "Profiles"):
        if not parent.is_dir():
            continue
        for folder in sorted(parent.iterdir()):
            history = folder / FIREFOX_HISTORY
            if folder not in seen and history.is_file():
                seen.add(folder)
                found.append(BrowserProfile("Firefox", _firefox_folder_name(folder.name), history))
    return found


def _firefox_ini(root: Path) -> list[tuple[str, Path]]:
    """(profile name, folder) from profiles.ini, in its order."""
    ini = configparser.ConfigParser(interpolation=None)
    try:
        ini.read(root / "profiles.ini", encoding="utf-8")
    except (configparser.Error, UnicodeDecodeError):
        return []
    listed = []
    for section in ini.sections():
        if not section.startswith("Profile") or "Path" not in ini[section]:
            continue
        entry = ini[section]
        path = entry["Path"].replace("\\", "/")
        folder = root / path if entry.get("IsRelative", "1") == "1" else Path(entry["Path"])
        listed.append((entry.get("Name") or _firefox_folder_name(folder.name), folder))
    return listed


def _firefox_folder_name(folder: str) -> str:
    """ "a1b2c3d4.default-release" -> "default-release" (the prefix is random)."""
    return folder.split(".", 1)[1] if "." in folder else folder


# ------------------------------------------------------------------ naming an imported file

_CHROMIUM_MARKERS: tuple[tuple[tuple[str, ...], str], ...] = (
    (("google-chrome",), "Chrome"),
    (("google", "chrome"), "Chrome"),
    (("chromium",), "Chromium"),
    (("microsoft-edge",), "Edge"),
    (("microsoft edge",), "Edge"),
    (("microsoft", "edge"), "Edge"),
    (("bravesoftware",), "Brave"),
)


def profile_of(path: PurePath, *, firefox: bool) -> tuple[str, str]:
    """(browser, profile folder) for a history file, judged by where it lies; for a file
    outside any browser's folder, the browser family and ""."""
    folders = [part.lower() for part in path.parts[:-1]]
    if firefox:
        inside = any(part in ("firefox", ".mozilla") for part in folders)
        return "Firefox", _firefox_folder_name(path.parent.name) if inside else ""
    for marker, browser in _CHROMIUM_MARKERS:
        for i in range(len(folders) - len(marker) + 1):
            if tuple(folders[i : i + len(marker)]) == marker:
                return browser, path.parent.name
    return "Chromium-based browser", ""
