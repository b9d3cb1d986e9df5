"""Spotify listening history: the extended streaming history (`Streaming_History_Audio_*.json`,
`Streaming_History_Video_*.json`, the older `endsong_*.json`) and the basic one from "Account
data" (`StreamingHistory*.json`, `StreamingHistory_music_*.json`, `..._podcast_*.json`).

Each play is a `spotify.play` record. Spotify stamps a play when it ended (`ts`, `endTime`,
both UTC), so it starts `ms_played` earlier. Its value is the Spotify URI of the track,
episode or audiobook chapter, or "artist — track" where there is none (the basic history
never has one), so the same play in a newer export has the same key.

The extended history carries the IP address, the user agent and, in older files, the user
name of every play. They identify the person and are never read: meta is built from a list
of the fields that are kept, never by removing the ones that are not.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import IO, Any

import ijson

from hearth.errors import BadInput
from hearth.importers.base import Match
from hearth.importers.export import Entry, Export
from hearth.importers.sink import RecordSink
from hearth.vault.records import SourceLabel

NAME = "spotify"
PLAY = "spotify.play"
SOURCE: SourceLabel = ("Spotify", "", "")
MAX_PLAY_MS = 7 * 86_400_000  # a longer play is damage
_BOM = b"\xef\xbb\xbf"
_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
_MILLISECOND = timedelta(milliseconds=1)

# Extended history field -> meta key. Only these are ever read (see the module docstring).
_EXTENDED_META = {
    "master_metadata_track_name": "track",
    "master_metadata_album_artist_name": "artist",
    "master_metadata_album_album_name": "album",
    "episode_name": "episode",
    "episode_show_name": "show",
    "audiobook_title": "audiobook",
    "audiobook_chapter_title": "chapter",
    "reason_start": "reason_start",
    "reason_end": "reason_end",
    "shuffle": "shuffle",
    "skipped": "skipped",
    "offline": "offline",
    "incognito_mode": "incognito_mode",
    "platform": "platform",
    "conn_country": "country",
}
_URIS = ("spotify_track_uri", "spotify_episode_uri", "audiobook_chapter_uri", "audiobook_uri")


class SpotifyImporter:
    name = NAME
    title = "Spotify"
    hint = (
        "Ask for it on spotify.com: Account, Privacy settings, your 'Extended streaming "
        "history' (or 'Account data'), then choose the zip Spotify emails you."
    )

    def sniff(self, export: Export) -> Match | None:
        names = tuple(e.name for e in export.entries if history_shape(export.head(e)))
        return Match(NAME, names) if names else None

    def read(self, export: Export, match: Match, sink: RecordSink) -> None:
        done = 0
        for entry in export.entries_named(match.entries):
            shape = history_shape(export.head(entry))
            play = _extended_play if shape == "extended" else _basic_play
            with export.open(entry) as raw:
                _read_plays(_JsonBytes(raw, sink, done), entry, play, sink)
            done += entry.size
            sink.read_to(done)


SPOTIFY = SpotifyImporter()


def history_shape(head: bytes) -> str | None:
    """ "extended" or "basic" for the start of a Spotify streaming history, else None."""
    text = head.removeprefix(_BOM).lstrip()
    if not text.startswith(b"["):
        return None
    if b'"ts"' in text and b'"ms_played"' in text:
        return "extended"
    if b'"endTime"' in text and b'"msPlayed"' in text:
        return "basic"
    return None


Play = Callable[[dict[str, Any], RecordSink], None]


def _read_plays(stream: _JsonBytes, entry: Entry, play: Play, sink: RecordSink) -> None:
    # ijson's messages quote the bytes around the damage (part of a record): never shown.
    try:
        for item in ijson.items(stream, "item", use_float=True):
            if isinstance(item, dict):
                play(item, sink)
            else:
                sink.skip("Spotify history entry that is not a play")
    except ijson.JSONError:
        raise BadInput(
            f"{entry.name} is cut off or is not valid JSON; nothing from this export was imported."
        ) from None
    except UnicodeDecodeError:
        raise BadInput(f"{entry.name} is not UTF-8 text; nothing was imported.") from None


def _extended_play(item: dict[str, Any], sink: RecordSink) -> None:
    ended = _iso_ms(item.get("ts"))
    played = _duration(item.get("ms_played"))
    if ended is None or played is None:
        sink.skip("Spotify play without a usable time or duration")
        return
    meta = {
        key: item[field]
        for field, key in _EXTENDED_META.items()
        if isinstance(item.get(field), str | bool | int | float)
    }
    uri = next((item[k] for k in _URIS if isinstance(item.get(k), str) and item[k]), None)
    value = (
        uri
        or _title(meta.get("artist"), meta.get("track"))
        or _title(meta.get("show"), meta.get("episode"))
    )
    if not value:
        sink.skip("Spotify play without a track, episode or audiobook")
        return
    sink.add(PLAY, ended - played, ended, value, source=SOURCE, meta=meta or None)


def _basic_play(item: dict[str, Any], sink: RecordSink) -> None:
    ended = _minute_ms(item.get("endTime"))
    played = _duration(item.get("msPlayed"))
    if ended is None or played is None:
        sink.skip("Spotify play without a usable time or duration")
        return
    if isinstance(item.get("podcastName"), str):
        meta = {"show": item.get("podcastName"), "episode": item.get("episodeName")}
        value = _title(meta["show"], meta["episode"])
    else:
        meta = {"artist": item.get("artistName"), "track": item.get("trackName")}
        value = _title(meta["artist"], meta["track"])
    if not value:
        sink.skip("Spotify play without a track or episode")
        return
    kept = {k: v for k, v in meta.items() if isinstance(v, str) and v}
    sink.add(PLAY, ended - played, ended, value, source=SOURCE, meta=kept or None)


def _title(who: Any, what: Any) -> str:
    """ "artist — track", or whichever of the two there is."""
    parts = [p.strip() for p in (who, what) if isinstance(p, str) and p.strip()]
    return " — ".join(parts)


def _duration(value: Any) -> int | None:
    """Milliseconds played, if ``value`` is a possible number of them."""
    if isinstance(value, int) and not isinstance(value, bool) and 0 <= value <= MAX_PLAY_MS:
        return value
    return None


def _iso_ms(text: Any) -> int | None:
    """ "2023-01-01T10:00:00Z" to UTC milliseconds."""
    if not isinstance(text, str):
        return None
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return (moment - _EPOCH) // _MILLISECOND


def _minute_ms(text: Any) -> int | None:
    """The basic history's "2023-01-01 10:00" (UTC) to milliseconds."""
    if not isinstance(text, str):
        return None
    try:
        moment = datetime.strptime(text, "%Y-%m-%d %H:%M").replace(tzinfo=UTC)
    except ValueError:
        return None
    return (moment - _EPOCH) // _MILLISECOND


class _JsonBytes:
    """The file's bytes for ijson, without a UTF-8 byte-order mark (which it refuses),
    reporting how far it has read."""

    def __init__(self, raw: IO[bytes], sink: RecordSink, before: int) -> None:
        self._raw = raw
        self._sink = sink
        self._before = before  # bytes of the export's earlier files
        self._done = 0

    def read(self, size: int = -1) -> bytes:
        data = self._raw.read(size)
        if self._done == 0 and data.startswith(_BOM):
            self._done = len(_BOM)
            data = data[len(_BOM) :] or self._raw.read(size)
        self._done += len(data)
        self._sink.read_to(self._before + self._done)
        return data
