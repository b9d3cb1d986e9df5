"""The one way importers parse XML. Exports are untrusted: entities are never resolved (no
billion laughs, no external entities), the network is never used, the DTD is never loaded,
and lxml's size limits stay on."""

from __future__ import annotations

import gc
import re
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
    # The thread's error log keeps earlier files' errors: emptied so that `problem` reads
    # this parse's.
    etree.clear_error_log()
    return etree.iterparse(source, events=("end",), tag=tag, **_HARDENED)


_UNDEFINED_ENTITY = re.compile(r"Entity '([^']{1,40})' not defined")
_POSITION = re.compile(r",? line \d+, column \d+$")


def problem(error: etree.XMLSyntaxError) -> str:
    """What is wrong with a file lxml refused, for a person: lxml's message without the
    positions it counts in the piece it was given (not in the file), and a refused entity
    said as such rather than as "not defined" (iterparse's own message is only "no element
    found" then: the latest error in its log, which keeps earlier ones too, says what)."""
    logged = [entry.message for entry in getattr(error, "error_log", ()) if entry.message]
    messages = [*logged[-1:], str(getattr(error, "msg", "") or error)]
    for message in messages:
        entity = _UNDEFINED_ENTITY.search(message)
        if entity:
            return (
                f"it refers to an entity (&{entity[1]};), which exports never do and Hearth "
                "never expands"
            )
    return _POSITION.sub("", messages[0]).strip() or "it is not well-formed XML"


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
