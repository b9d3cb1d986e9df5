"""What every importer is: a name, a sniff by content, and a streaming read."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from hearth.importers.export import Export
from hearth.importers.sink import RecordSink


@dataclass(frozen=True)
class Match:
    """An importer's claim on part of an export: which entries, and how sure it is."""

    importer: str
    entries: tuple[str, ...]
    confidence: int = 100  # 100: unmistakable content; lower: a good guess (e.g. by name)


class Importer(Protocol):
    """One source of exports. Register it in `registry` (or via the `hearth.importers`
    entry-point group from another package)."""

    #: the dataset source key, e.g. "apple-health"
    name: str
    #: what a person calls it, e.g. "Apple Health"
    title: str
    #: how to get the export, shown when a file is not recognised: whole sentences
    hint: str

    def sniff(self, export: Export) -> Match | None:
        """Claim the entries of ``export`` this importer reads, judged by their content."""

    def read(self, export: Export, match: Match, sink: RecordSink) -> None:
        """Stream the matched entries into ``sink``: bounded memory whatever their size."""
