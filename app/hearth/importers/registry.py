"""The importers Hearth knows: the built-in ones plus any a package registers under the
entry-point group `hearth.importers` (each entry point names an object with the `Importer`
protocol)."""

from __future__ import annotations

import logging
from functools import lru_cache
from importlib import metadata

from hearth.errors import BadInput
from hearth.importers.base import Importer, Match
from hearth.importers.export import Export

ENTRY_POINT_GROUP = "hearth.importers"
log = logging.getLogger(__name__)


def _builtin() -> list[Importer]:
    from hearth.importers.activity_files import ACTIVITY_FILES
    from hearth.importers.apple_health import APPLE_HEALTH
    from hearth.importers.browser_history import BROWSER_HISTORY
    from hearth.importers.fitbit import FITBIT
    from hearth.importers.google_takeout import CHROME_TAKEOUT
    from hearth.importers.netflix import NETFLIX
    from hearth.importers.spotify import SPOTIFY
    from hearth.importers.takeout_fit import GOOGLE_FIT
    from hearth.importers.takeout_location import GOOGLE_LOCATION

    return [
        APPLE_HEALTH,
        CHROME_TAKEOUT,
        GOOGLE_LOCATION,
        GOOGLE_FIT,
        FITBIT,
        ACTIVITY_FILES,
        BROWSER_HISTORY,
        SPOTIFY,
        NETFLIX,
    ]


@lru_cache(maxsize=1)
def importers() -> tuple[Importer, ...]:
    found: dict[str, Importer] = {i.name: i for i in _builtin()}
    for point in metadata.entry_points(group=ENTRY_POINT_GROUP):
        try:
            plugin = point.load()
        except Exception:  # a broken plug-in must not stop Hearth from starting
            log.exception("cannot load importer plug-in %s", point.name)
            continue
        found.setdefault(plugin.name, plugin)
    return tuple(found.values())


def by_name(name: str) -> Importer:
    for importer in importers():
        if importer.name == name:
            return importer
    known = ", ".join(i.name for i in importers())
    raise BadInput(f"Unknown kind of export {name!r}; Hearth knows: {known}.")


def detect(export: Export, expected: str | None = None) -> list[Match]:
    """Every importer's claim on ``export``, surest first; `BadInput` when nobody claims it.

    With ``expected`` (the person chose "Apple Health"), only that importer may claim it, and
    the error says what the file looks like instead when another importer would.
    """
    matches = [m for i in importers() if (m := i.sniff(export)) is not None]
    matches.sort(key=lambda m: -m.confidence)
    if expected is not None:
        wanted = [m for m in matches if m.importer == expected]
        if wanted:
            return wanted
        title = by_name(expected).title
        if matches:
            other = by_name(matches[0].importer).title
            raise BadInput(f"This looks like {_article(other)} export, not {title}.")
        hint = by_name(expected).hint
        raise BadInput(f"{export.path.name} is not {_article(title)} export. {hint}")
    if not matches:
        supported = ", ".join(i.title for i in importers())
        raise BadInput(
            f"Hearth does not recognise {export.path.name}. It reads exports from: {supported}."
        )
    return matches


def _article(title: str) -> str:
    return f"an {title}" if title[:1].lower() in "aeiou" else f"a {title}"
