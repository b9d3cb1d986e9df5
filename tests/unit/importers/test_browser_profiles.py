"""Finding browser profiles on Linux, macOS and Windows, in fake homes built here."""

from __future__ import annotations

import json
from pathlib import Path, PurePath, PurePosixPath, PureWindowsPath

import pytest

from hearth.importers.browser_profiles import (
    BrowserProfile,
    discover_browser_profiles,
    profile_of,
)

PROFILES_INI = """[Install4F96D1932A9F858E]
Default=abcd1234.default-release

[Profile1]
Name=default
IsRelative=1
Path={prefix}efgh5678.default

[Profile0]
Name=Work
IsRelative=1
Path={prefix}abcd1234.default-release
Default=1

[General]
StartWithLastProfile=1
Version=2
"""


def touch(path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(b"SQLite format 3\x00")
    return path


def local_state(user_data: Path, names: dict[str, str]) -> None:
    info = {folder: {"name": name} for folder, name in names.items()}
    (user_data / "Local State").write_text(json.dumps({"profile": {"info_cache": info}}))


def test_linux_chromium_browsers_and_firefox_are_found(tmp_path: Path) -> None:
    home = tmp_path / "home"
    chrome = home / ".config" / "google-chrome"
    touch(chrome / "Default" / "History")
    touch(chrome / "Profile 1" / "History")
    touch(chrome / "System Profile" / "History")  # Chrome's own, never a person's
    (chrome / "Profile 2").mkdir()  # no History yet
    local_state(chrome, {"Default": "Ana", "Profile 1": "Work"})
    touch(home / ".config" / "chromium" / "Default" / "History")
    touch(home / ".config" / "microsoft-edge" / "Default" / "History")
    touch(home / ".config" / "BraveSoftware" / "Brave-Browser" / "Default" / "History")
    firefox = home / ".mozilla" / "firefox"
    touch(firefox / "abcd1234.default-release" / "places.sqlite")
    touch(firefox / "efgh5678.default" / "places.sqlite")
    (firefox / "profiles.ini").write_text(PROFILES_INI.format(prefix=""))

    found = discover_browser_profiles(home=home, system="Linux", env={})

    assert found == [
        BrowserProfile("Chrome", "Ana", chrome / "Default" / "History"),
        BrowserProfile("Chrome", "Work", chrome / "Profile 1" / "History"),
        BrowserProfile("Chromium", "Default", home / ".config/chromium/Default/History"),
        BrowserProfile("Edge", "Default", home / ".config/microsoft-edge/Default/History"),
        BrowserProfile(
            "Brave", "Default", home / ".config/BraveSoftware/Brave-Browser/Default/History"
        ),
        BrowserProfile("Firefox", "default", firefox / "efgh5678.default" / "places.sqlite"),
        BrowserProfile("Firefox", "Work", firefox / "abcd1234.default-release" / "places.sqlite"),
    ]


def test_linux_honours_xdg_config_home_and_snap_firefox(tmp_path: Path) -> None:
    home = tmp_path / "home"
    config = tmp_path / "elsewhere"
    history = touch(config / "google-chrome" / "Default" / "History")
    snap = home / "snap" / "firefox" / "common" / ".mozilla" / "firefox"
    places = touch(snap / "zz99.default" / "places.sqlite")  # no profiles.ini at all
    found = discover_browser_profiles(
        home=home, system="Linux", env={"XDG_CONFIG_HOME": str(config)}
    )
    assert found == [
        BrowserProfile("Chrome", "Default", history),
        BrowserProfile("Firefox", "default", places),
    ]


def test_macos_profiles_are_found_under_application_support(tmp_path: Path) -> None:
    home = tmp_path / "Users" / "ana"
    support = home / "Library" / "Application Support"
    chrome = touch(support / "Google" / "Chrome" / "Default" / "History")
    edge = touch(support / "Microsoft Edge" / "Profile 3" / "History")
    brave = touch(support / "BraveSoftware" / "Brave-Browser" / "Default" / "History")
    firefox = support / "Firefox"
    places = touch(firefox / "Profiles" / "abcd1234.default-release" / "places.sqlite")
    (firefox / "profiles.ini").write_text(PROFILES_INI.format(prefix="Profiles/"))

    found = discover_browser_profiles(home=home, system="Darwin", env={})

    assert found == [
        BrowserProfile("Chrome", "Default", chrome),
        BrowserProfile("Edge", "Profile 3", edge),
        BrowserProfile("Brave", "Default", brave),
        BrowserProfile("Firefox", "Work", places),
    ]


def test_windows_profiles_are_found_through_localappdata_and_appdata(tmp_path: Path) -> None:
    home = tmp_path / "Users" / "ana"
    local = tmp_path / "Local"
    roaming = tmp_path / "Roaming"
    chrome = touch(local / "Google" / "Chrome" / "User Data" / "Default" / "History")
    edge = touch(local / "Microsoft" / "Edge" / "User Data" / "Default" / "History")
    chromium = touch(local / "Chromium" / "User Data" / "Profile 1" / "History")
    firefox = roaming / "Mozilla" / "Firefox"
    places = touch(firefox / "Profiles" / "abcd1234.default-release" / "places.sqlite")
    # Windows writes profiles.ini paths with forward slashes, older versions with backslashes.
    (firefox / "profiles.ini").write_text(PROFILES_INI.format(prefix="Profiles\\"))

    found = discover_browser_profiles(
        home=home, system="Windows", env={"LOCALAPPDATA": str(local), "APPDATA": str(roaming)}
    )

    assert found == [
        BrowserProfile("Chrome", "Default", chrome),
        BrowserProfile("Chromium", "Profile 1", chromium),
        BrowserProfile("Edge", "Default", edge),
        BrowserProfile("Firefox", "Work", places),
    ]


def test_windows_without_the_variables_uses_the_usual_folders(tmp_path: Path) -> None:
    home = tmp_path / "ana"
    chrome = touch(home / "AppData/Local/Google/Chrome/User Data/Default/History")
    places = touch(home / "AppData/Roaming/Mozilla/Firefox/Profiles/q.default/places.sqlite")
    found = discover_browser_profiles(home=home, system="Windows", env={})
    assert found == [
        BrowserProfile("Chrome", "Default", chrome),
        BrowserProfile("Firefox", "default", places),
    ]


def test_a_home_without_browsers_or_with_broken_lists_is_no_error(tmp_path: Path) -> None:
    home = tmp_path / "home"
    assert discover_browser_profiles(home=home, system="Linux", env={}) == []
    chrome = home / ".config" / "google-chrome"
    history = touch(chrome / "Default" / "History")
    (chrome / "Local State").write_text("{not json")
    firefox = home / ".mozilla" / "firefox"
    places = touch(firefox / "p.default" / "places.sqlite")
    (firefox / "profiles.ini").write_bytes(b"\xff\xfe[Profile0\n")
    assert discover_browser_profiles(home=home, system="Linux", env={}) == [
        BrowserProfile("Chrome", "Default", history),
        BrowserProfile("Firefox", "default", places),
    ]


@pytest.mark.parametrize(
    ("path", "firefox", "expected"),
    [
        (
            PurePosixPath("/home/ana/.config/google-chrome/Default/History"),
            False,
            ("Chrome", "Default"),
        ),
        (
            PureWindowsPath(
                r"C:\Users\ana\AppData\Local\Microsoft\Edge\User Data\Profile 2\History"
            ),
            False,
            ("Edge", "Profile 2"),
        ),
        (
            PurePosixPath(
                "/Users/ana/Library/Application Support/BraveSoftware/Brave-Browser/Default/History"
            ),
            False,
            ("Brave", "Default"),
        ),
        (PurePosixPath("/home/ana/Downloads/History"), False, ("Chromium-based browser", "")),
        (
            PurePosixPath("/home/ana/.mozilla/firefox/abcd1234.default-release/places.sqlite"),
            True,
            ("Firefox", "default-release"),
        ),
        (PurePosixPath("/home/ana/Downloads/places.sqlite"), True, ("Firefox", "")),
    ],
)
def test_an_imported_file_is_named_by_where_it_lies(
    path: PurePath, firefox: bool, expected: tuple[str, str]
) -> None:
    assert profile_of(path, firefox=firefox) == expected
