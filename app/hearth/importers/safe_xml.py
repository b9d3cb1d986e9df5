"""The one way importers parse XML. Exports are untrusted: entities are never resolved (no
billion laughs, no external entities), the network is never used, the DTD is never loaded,
and lxml's size limits stay on."""

from __future__ import annotations

import gc
from typing import IO, Any

from lxml import etree

_HARDENED: dict[str, Any] = {
    "resolve_entities": False,
    "no_network": True,
    "load_dtd": False,
    "huge_tree": False,
}


def parser(**extra: Any) -> Any:
    """An `etree.XMLParser` with the hardened options (plus ``extra``, e.g. remove_comments)."""
    return etree.XMLParser(**_HARDENED, **extra)


def iterparse(source: IO[bytes] | Any, tag: str | tuple[str, ...] | list[str]) -> Any:
    """The end of each element named ``tag`` (lxml syntax: "{*}trkpt" for any namespace)."""
    return etree.iterparse(source, events=("end",), tag=tag, **_HARDENED)


# A young-generation threshold this high means the process collects rarely on purpose
# (Python's default is 700; the parser processes set 50,000).
_RARE_COLLECTIONS = 10_000


def free_parsers() -> None:
    """Free the iterparses that are done with (call it once their loop has returned).

    An iterparse is a reference cycle with its document in it, so only the collector frees
    it. A parser process makes full collections rare (`workers._few_collections`): there,
    without this, each Apple Health workout route's document stayed in memory until the end
    of the import (60 MB at 5M records), and a full collection is cheap (what was loaded at
    start is frozen). Where the collector runs as usual (the app, importing a small file
    itself) it frees them in its own time, and a full collection with Qt loaded takes tens
    of milliseconds of the GUI's time per file: not forced there."""
    if not gc.isenabled() or gc.get_threshold()[0] >= _RARE_COLLECTIONS:
        gc.collect()
