"""Looking at processes from a test, through /proc (Linux)."""

from __future__ import annotations

from pathlib import Path


def children_of(pid: int) -> set[int]:
    """The processes whose parent is ``pid``."""
    found = set()
    for entry in Path("/proc").iterdir():
        try:
            stat = (entry / "stat").read_bytes()
        except OSError:
            continue
        if entry.name.isdigit() and int(stat[stat.rindex(b")") + 2 :].split()[1]) == pid:
            found.add(int(entry.name))
    return found
