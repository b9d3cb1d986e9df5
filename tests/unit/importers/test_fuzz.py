"""Every importer over mutated inputs: it imports, or says BadInput; nothing else escapes."""

from __future__ import annotations

import json
import tempfile
import zipfile
from collections.abc import Callable
from io import BytesIO
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from hearth.errors import BadInput
from tests.conftest import SHARED_FIXTURES
from tests.unit.importers import test_google_takeout_samples as takeout
from tests.unit.importers.apple_samples import quirky_xml
from tests.unit.importers.fuzzing import import_without_vault, mutate, mutation
from tests.unit.importers.test_netflix import ACTIVITY as NETFLIX_ACTIVITY
from tests.unit.importers.test_spotify import EPISODE, TRACK


def _zip(entries: dict[str, bytes]) -> bytes:
    buffer = BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in entries.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def _fixture(relative: str) -> Callable[[], tuple[str, bytes]]:
    return lambda: (Path(relative).name, (SHARED_FIXTURES / relative).read_bytes())


# Seeds: one small valid input per kind of export. Mutations start from these.
SEEDS: dict[str, Callable[[], tuple[str, bytes]]] = {
    "apple-health-xml": lambda: ("export.xml", quirky_xml().encode()),
    "apple-health-zip": lambda: (
        "export.zip",
        _zip({"apple_health_export/exportar.xml": quirky_xml().encode()}),
    ),
    "takeout-zip": lambda: (
        "takeout.zip",
        _zip(
            {
                "Takeout/Chrome/BrowserHistory.json": takeout.browser_history(
                    takeout.VISIT_EXAMPLE, takeout.VISIT_NEWS
                ),
                "Takeout/Standortverlauf/Records.json": takeout.records_json(
                    takeout.FIX_PARIS_MS, takeout.FIX_SYDNEY_ISO
                ),
            }
        ),
    ),
    "spotify": lambda: (
        "Streaming_History_Audio_2023.json",
        json.dumps([TRACK, EPISODE]).encode(),
    ),
    "netflix": lambda: ("ViewingActivity.csv", NETFLIX_ACTIVITY.encode()),
}
# Real files from real devices (tests/fixtures/real).
SEEDS |= {
    "fit": _fixture("fit/fenix5-run.fit"),
    "gpx": _fixture("gpx/bom.gpx"),
    "korita-gpx": _fixture("gpx/korita.gpx"),
    "chrome-history": _fixture("browser/chrome-History.sqlite"),
}


@settings(
    max_examples=300,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(seed=st.sampled_from(sorted(SEEDS)), steps=st.lists(mutation, min_size=1, max_size=4))
def test_mutated_exports_import_or_raise_bad_input(
    seed: str, steps: list[tuple[str, int, int]]
) -> None:
    name, data = SEEDS[seed]()
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / name
        path.write_bytes(mutate(data, steps))
        try:
            import_without_vault(path)
        except BadInput as refused:
            assert str(refused)  # a sentence, never empty
