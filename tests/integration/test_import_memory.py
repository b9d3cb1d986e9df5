"""Big JSON exports are streamed: an import's peak memory does not grow with the file.

Each export is imported twice in a fresh process, from a small file and from one ten times
bigger, and the peak RSS of the two is compared: a reader that loaded the file whole would
need well over the bigger file's size more (Python objects for 30 MB of JSON take several
times that). Parsed in the importing process itself, so its own peak covers everything.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import IO

import pytest

from tests.conftest import PASSPHRASE

SMALL, BIG = 10_000, 100_000
# How much more the big file may take at its peak: batches, rollups and caches grow a little
# with the count of distinct days and types, never with the file.
ALLOWED_GROWTH_MB = 20


def _records_json(out: IO[str], count: int) -> None:
    out.write('{"locations": [\n')
    for i in range(count):
        fix = {
            "latitudeE7": 488566000 + i,
            "longitudeE7": 23522000 - i,
            "accuracy": 20,
            "activity": [{"timestampMs": str(1577836800000 + i * 60_000 + 5), "activity": []}],
            "source": "WIFI",
            "deviceTag": 1234567890,
            "timestampMs": str(1577836800000 + i * 60_000),
        }
        out.write(("," if i else "") + json.dumps(fix, indent=2) + "\n")
    out.write("]}\n")


def _browser_history(out: IO[str], count: int) -> None:
    out.write('{"Browser History": [\n')
    for i in range(count):
        visit = {
            "favicon_url": "https://www.example.org/favicon.ico",
            "page_transition": "LINK",
            "title": f"Example page {i} " + "x" * 120,
            "url": f"https://www.example.org/page/{i}?q=" + "y" * 80,
            "client_id": "c2VjcmV0LWNsaWVudA==",
            "time_usec": 1609459200000000 + i * 37_000_000,
        }
        out.write(("," if i else "") + json.dumps(visit, indent=4) + "\n")
    out.write("]}\n")


def _spotify(out: IO[str], count: int) -> None:
    out.write("[\n")
    for i in range(count):
        play = {
            "ts": f"2023-{1 + i // 40_000 % 12:02d}-{1 + i // 1440 % 28:02d}T"
            f"{i // 60 % 24:02d}:{i % 60:02d}:00Z",
            "platform": "Android OS 12 API 31 (samsung, SM-G991B)",
            "ms_played": 215_000 + i,
            "conn_country": "FR",
            "master_metadata_track_name": f"Track {i % 5000}",
            "master_metadata_album_artist_name": f"Artist {i % 700}",
            "master_metadata_album_album_name": f"Album {i % 1200}",
            "spotify_track_uri": f"spotify:track:{i:022d}",
            "reason_start": "trackdone",
            "reason_end": "trackdone",
            "shuffle": False,
            "skipped": None,
            "offline": False,
        }
        out.write(("," if i else "") + json.dumps(play, indent=2) + "\n")
    out.write("]\n")


EXPORTS: dict[str, tuple[str, Callable[[IO[str], int], None]]] = {
    "location-records": ("Records.json", _records_json),
    "chrome-takeout": ("BrowserHistory.json", _browser_history),
    "spotify": ("Streaming_History_Audio_2023.json", _spotify),
}

MEASURE = """
import resource, sys
from pathlib import Path
from hearth.importers.pipeline import import_path
from hearth.vault import Vault
vault, _ = Vault.create(Path(sys.argv[1]), "Ana", sys.argv[3])
with vault:
    [outcome] = import_path(vault, Path(sys.argv[2]), separate_process=False)
print(outcome.result.added, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
"""


def peak_mb(tmp_path: Path, name: str, write: Callable[[IO[str], int], None], count: int) -> float:
    folder = tmp_path / str(count)
    folder.mkdir()
    export = folder / name
    with export.open("w", encoding="utf-8") as out:
        write(out, count)
    env = os.environ | {"HEARTH_UNSAFE_FAST_KDF": "1"}
    done = subprocess.run(
        [sys.executable, "-c", MEASURE, str(folder / "vault"), str(export), PASSPHRASE],
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    added, peak_kb = (int(word) for word in done.stdout.split())
    assert added == count
    return peak_kb / 1024


@pytest.fixture(params=sorted(EXPORTS))
def export_kind(request: pytest.FixtureRequest) -> Iterator[str]:
    yield request.param


def test_a_ten_times_bigger_json_export_needs_no_more_memory(
    tmp_path: Path, export_kind: str
) -> None:
    name, write = EXPORTS[export_kind]
    small = peak_mb(tmp_path, name, write, SMALL)
    big = peak_mb(tmp_path, name, write, BIG)
    big_file_mb = (tmp_path / str(BIG) / name).stat().st_size / 1e6
    assert big_file_mb > 20  # big enough that loading it whole would show
    assert big - small < ALLOWED_GROWTH_MB, (small, big, big_file_mb)
