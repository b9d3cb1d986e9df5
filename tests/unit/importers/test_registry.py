"""The registry: the built-in importers, and one that another package adds."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from hearth.importers import registry
from hearth.importers.pipeline import import_path
from hearth.vault import Vault

# A third-party package as pip would install it: a module and a dist-info folder whose
# entry_points.txt registers the module's importer under `hearth.importers`.
PLUGIN = """
from hearth.importers.base import Match


class Notes:
    name = "walk-notes"
    title = "Walk notes"
    hint = "Write one walk a line: minutes since 2020-01-01, then steps."

    def sniff(self, export):
        names = tuple(e.name for e in export.entries if e.basename.endswith(".walks"))
        return Match(self.name, names) if names else None

    def read(self, export, match, sink):
        for name in match.entries:
            with export.open(export.entry(name)) as stream:
                for line in stream.read().decode().splitlines():
                    minutes, steps = line.split()
                    start = 1577836800000 + int(minutes) * 60_000
                    sink.add("Steps", start, start + 60_000, int(steps))
            sink.read_to(export.entry(name).size)


IMPORTER = Notes()
"""


@pytest.fixture
def installed_plugin(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    site = tmp_path / "site"
    (site / "walk_notes-1.0.dist-info").mkdir(parents=True)
    (site / "walk_notes.py").write_text(PLUGIN)
    (site / "walk_notes-1.0.dist-info" / "METADATA").write_text(
        "Metadata-Version: 2.1\nName: walk-notes\nVersion: 1.0\n"
    )
    (site / "walk_notes-1.0.dist-info" / "entry_points.txt").write_text(
        "[hearth.importers]\nwalk-notes = walk_notes:IMPORTER\n"
    )
    monkeypatch.syspath_prepend(str(site))
    monkeypatch.setenv("PYTHONPATH", str(site))  # the parser processes find it too
    registry.importers.cache_clear()
    yield
    registry.importers.cache_clear()


@pytest.mark.parametrize("separate_process", [False, True])
def test_an_importer_from_another_package_is_found_and_imports(
    installed_plugin: None, vault: Vault, tmp_path: Path, separate_process: bool
) -> None:
    assert "walk-notes" in [i.name for i in registry.importers()]
    walks = tmp_path / "march.walks"
    walks.write_text("0 1200\n60 800\n")
    [outcome] = import_path(vault, walks, separate_process=separate_process)
    assert (outcome.source, outcome.result.added) == ("walk-notes", 2)


def test_every_hint_is_whole_sentences() -> None:
    for importer in registry.importers():
        assert importer.hint[:1].isupper() and importer.hint.endswith("."), importer.name
