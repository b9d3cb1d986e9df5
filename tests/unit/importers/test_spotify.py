"""Spotify streaming histories (extended, older endsong, basic), built here in their shapes."""

from __future__ import annotations

import json
import tempfile
import zipfile
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from hearth.errors import BadInput
from hearth.importers.export import Export
from hearth.importers.pipeline import import_path
from hearth.importers.spotify import SPOTIFY
from hearth.vault import Vault
from tests.unit.importers.fuzzing import import_without_vault, mutate, mutation
from tests.unit.importers.vault_rows import everything, rows, stored_text

TS_MS = 1672567200000  # 2023-01-01T10:00:00Z


def extended(ts: str, ms_played: int, **fields: Any) -> dict[str, Any]:
    play: dict[str, Any] = {
        "ts": ts,
        "username": "ana.example",
        "platform": "Android OS 12 API 31 (samsung, SM-G991B)",
        "ms_played": ms_played,
        "conn_country": "FR",
        "ip_addr_decrypted": "203.0.113.7",
        "user_agent_decrypted": "unknown",
        "master_metadata_track_name": None,
        "master_metadata_album_artist_name": None,
        "master_metadata_album_album_name": None,
        "spotify_track_uri": None,
        "episode_name": None,
        "episode_show_name": None,
        "spotify_episode_uri": None,
        "reason_start": "trackdone",
        "reason_end": "trackdone",
        "shuffle": False,
        "skipped": None,
        "offline": False,
        "offline_timestamp": 1672567000,
        "incognito_mode": False,
    }
    play.update(fields)
    return play


TRACK = extended(
    "2023-01-01T10:00:00Z",
    215_000,
    master_metadata_track_name="Clair de lune",
    master_metadata_album_artist_name="Claude Debussy",
    master_metadata_album_album_name="Suite bergamasque",
    spotify_track_uri="spotify:track:2dxfLUTiR7lbRvl9jXHx0L",
)
EPISODE = extended(
    "2023-01-01T11:00:00Z",
    1_800_000,
    episode_name="Episode 12",
    episode_show_name="A Podcast",
    spotify_episode_uri="spotify:episode:5Xt5DXGzch68nYYamXrNxZ",
    ip_addr="198.51.100.23",  # the newer exports' name for it
)
NOTHING = extended("2023-01-01T12:00:00Z", 0)


def write_json(path: Path, items: list[Any], *, bom: bool = False) -> Path:
    data = json.dumps(items, indent=2).encode()
    path.write_bytes((b"\xef\xbb\xbf" if bom else b"") + data)
    return path


def test_extended_history_plays_are_read_field_by_field(vault: Vault, tmp_path: Path) -> None:
    path = write_json(tmp_path / "Streaming_History_Audio_2023.json", [TRACK, EPISODE, NOTHING])
    [outcome] = import_path(vault, path, separate_process=False)
    assert outcome.source == "spotify"
    assert outcome.skip_reasons == {"Spotify play without a track, episode or audiobook": 1}
    track, episode = rows(vault, "spotify.play")
    # ts is when the play ended: it started ms_played earlier.
    assert (track["start_ms"], track["end_ms"]) == (TS_MS - 215_000, TS_MS)
    assert track["value"] == "spotify:track:2dxfLUTiR7lbRvl9jXHx0L"
    assert track["meta"] == {
        "track": "Clair de lune",
        "artist": "Claude Debussy",
        "album": "Suite bergamasque",
        "reason_start": "trackdone",
        "reason_end": "trackdone",
        "shuffle": False,
        "offline": False,
        "incognito_mode": False,
        "platform": "Android OS 12 API 31 (samsung, SM-G991B)",
        "country": "FR",
    }
    assert (track["source"], track["version"], track["device"]) == ("Spotify", "", "")
    assert episode["value"] == "spotify:episode:5Xt5DXGzch68nYYamXrNxZ"
    assert episode["meta"]["show"] == "A Podcast"


def test_addresses_user_agents_and_user_names_are_never_imported(
    vault: Vault, tmp_path: Path
) -> None:
    path = write_json(tmp_path / "endsong_0.json", [TRACK, EPISODE])
    import_path(vault, path, separate_process=False)
    stored = stored_text(vault)
    for identifying in ("203.0.113.7", "198.51.100.23", "ana.example", "user_agent", "ip_addr"):
        assert identifying not in stored


def test_the_basic_history_uses_artist_and_track_as_the_value(vault: Vault, tmp_path: Path) -> None:
    basic = [
        {
            "endTime": "2023-01-01 10:00",
            "artistName": "Nina Simone",
            "trackName": "Sinnerman",
            "msPlayed": 61_000,
        },
        {
            "endTime": "2023-01-01 10:30",
            "podcastName": "A Podcast",
            "episodeName": "Episode 12",
            "msPlayed": 120_000,
        },
        {"endTime": "yesterday", "artistName": "X", "trackName": "Y", "msPlayed": 1},
    ]
    path = write_json(tmp_path / "StreamingHistory_music_0.json", basic, bom=True)
    [outcome] = import_path(vault, path, separate_process=False)
    reason = "Spotify play without a usable time or duration"
    assert outcome.skip_reasons == {reason: 1}
    song, episode = rows(vault, "spotify.play")
    assert (song["value"], song["start_ms"], song["end_ms"]) == (
        "Nina Simone — Sinnerman",
        TS_MS - 61_000,
        TS_MS,
    )
    assert song["meta"] == {"artist": "Nina Simone", "track": "Sinnerman"}
    assert episode["value"] == "A Podcast — Episode 12"


def test_reimport_adds_nothing_and_a_newer_export_adds_only_new_plays(
    vault: Vault, tmp_path: Path
) -> None:
    older = write_json(tmp_path / "Streaming_History_Audio_2023.json", [TRACK])
    import_path(vault, older, separate_process=False)
    [again] = import_path(vault, older, separate_process=False)
    assert again.result.already_imported
    newer = tmp_path / "my_spotify_data.zip"
    with zipfile.ZipFile(newer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(
            "Spotify Extended Streaming History/Streaming_History_Audio_2023.json",
            json.dumps([TRACK, EPISODE]),
        )
        archive.writestr("Spotify Extended Streaming History/ReadMeFirst.pdf", b"%PDF-1.4")
    [outcome] = import_path(vault, newer, separate_process=False)
    assert (outcome.result.added, outcome.result.duplicates) == (1, 1)


def test_a_truncated_history_is_refused_and_changes_nothing(vault: Vault, tmp_path: Path) -> None:
    whole = json.dumps([TRACK, EPISODE, TRACK | {"ts": "2023-02-01T10:00:00Z"}])
    path = tmp_path / "Streaming_History_Audio_2023.json"
    path.write_text(whole[: len(whole) * 2 // 3])
    before = everything(vault)
    with pytest.raises(BadInput) as refused:
        import_path(vault, path, separate_process=False)
    assert str(refused.value).startswith("Streaming_History_Audio_2023.json is cut off")
    assert "Clair" not in str(refused.value)
    assert everything(vault) == before


def test_other_json_is_not_claimed(tmp_path: Path) -> None:
    for name, content in [
        ("Userdata.json", {"username": "ana", "email": "ana@example.org"}),
        ("SearchQueries.json", [{"platform": "IPHONE", "searchTime": "2023-01-01"}]),
        ("Records.json", {"locations": [{"timestampMs": "1"}]}),
    ]:
        path = tmp_path / name
        path.write_text(json.dumps(content))
        with Export(path) as export:
            assert SPOTIFY.sniff(export) is None


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(steps=st.lists(mutation, min_size=1, max_size=4))
def test_mutated_histories_import_or_raise_bad_input(steps: list[tuple[str, int, int]]) -> None:
    seed = json.dumps([TRACK, EPISODE, NOTHING]).encode()
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "Streaming_History_Audio_2023.json"
        path.write_bytes(mutate(seed, steps))
        try:
            import_without_vault(path)
        except BadInput as refused:
            assert str(refused)
