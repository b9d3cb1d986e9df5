"""The Datasets page: the family's datasets, and one dataset as a chart and a lazy table."""

from __future__ import annotations

import threading
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
import sqlcipher3
from PySide6.QtCore import QLocale, Qt
from pytestqt.qtbot import QtBot

from hearth.importers.pipeline import import_path
from hearth.ui.main_window import MainWindow
from hearth.ui.models.records_model import (
    CACHED_PAGES,
    PAGE_ROWS,
    SOURCE,
    START,
    VALUE,
    value_text,
)
from hearth.ui.pages import datasets as columns
from hearth.ui.pages.dataset_chart import Bucket, Measure, aggregate
from hearth.ui.pages.dataset_view import COLUMN_GAP
from hearth.ui.pages.datasets import DatasetsPage
from hearth.ui.wording import medium_date, unit_words
from hearth.vault import Role, Vault
from hearth.vault.browse import RecordBrowser
from hearth.vault.type_names import type_label
from tests.conftest import OWNER, PASSPHRASE
from tests.ui.test_accessibility import shortcut_clashes, unnamed
from tests.unit.importers.apple_samples import write_heart_rates

BO_PASSPHRASE = "maple kettle harbour wind"
HEART_RATE = "HKQuantityTypeIdentifierHeartRate"


class CountingBrowser:
    """A real RecordBrowser that notes every page the model asks it for."""

    def __init__(self, browser: RecordBrowser) -> None:
        self._browser = browser
        self.reads: list[tuple[int, int]] = []

    @property
    def count(self) -> int:
        return self._browser.count

    def rows(self, first: int, limit: int) -> list[tuple[Any, ...]]:
        self.reads.append((first, limit))
        return self._browser.rows(first, limit)


@pytest.fixture
def family_vault(vault_path: Path, tmp_path: Path) -> Vault:
    """Ana's vault where Bo imported 500 heart rates and Ana 30,000 (over three days)."""
    vault, _ = Vault.create(vault_path, OWNER, PASSPHRASE)
    vault.add_member("Bo", Role.ADULT, BO_PASSPHRASE)
    vault.close()
    with Vault.unlock(vault_path, "Bo", BO_PASSPHRASE) as bo:
        import_path(bo, write_heart_rates(tmp_path / "bo.xml", 500, seed=3))
    vault = Vault.unlock(vault_path, OWNER, PASSPHRASE)
    import_path(vault, write_heart_rates(tmp_path / "ana.xml", 30_000))
    return vault


@pytest.fixture
def page(qtbot: QtBot, family_vault: Vault) -> DatasetsPage:
    shown = DatasetsPage(family_vault)
    qtbot.addWidget(shown)
    shown.resize(1000, 760)
    shown.show()
    qtbot.waitExposed(shown)
    return shown


MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]


def en_us_date(moment: datetime) -> str:
    """A moment's local date as Hearth writes it in English (US): "Jan 3, 2021"."""
    day = moment.astimezone().date()
    return f"{MONTHS[day.month - 1]} {day.day}, {day.year}"


def cells(page: DatasetsPage, row: int) -> list[str]:
    model = page.model
    return [str(model.data(model.index(row, column))) for column in range(4)]


def click_row(qtbot: QtBot, page: DatasetsPage, row: int) -> None:
    table = page.table
    rect = table.visualRect(page.model.index(row, 0))
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def test_the_datasets_list_shows_each_dataset_with_owner_span_and_size(
    page: DatasetsPage,
) -> None:
    # write_heart_rates: one record every 7 s from 2021-01-01 00:00:00 -0700 (07:00 UTC).
    first = datetime(2021, 1, 1, 7, tzinfo=UTC)
    ana_last = first + timedelta(seconds=7 * 29_999)
    bo_last = first + timedelta(seconds=7 * 499)
    assert page.model.rowCount() == 2
    assert cells(page, 0) == ["Apple Health", "Bo", en_us_date(first), "500"]
    assert cells(page, 1) == [
        "Apple Health",
        "Ana (you)",
        f"{en_us_date(first)} – {en_us_date(ana_last)}",
        "30,000",
    ]
    assert en_us_date(first) != en_us_date(ana_last) and en_us_date(first) == en_us_date(bo_last)
    assert not page.empty.isVisible()


def test_the_list_gives_each_column_room_and_says_a_row_opens(page: DatasetsPage) -> None:
    table, model = page.table, page.model
    header = table.horizontalHeader()
    for column in (columns.OWNER, columns.SPAN, columns.RECORDS):
        widest = max(
            table.fontMetrics().horizontalAdvance(str(model.data(model.index(row, column))))
            for row in range(model.rowCount())
        )
        assert header.sectionSize(column) >= widest + COLUMN_GAP, column
    # Headings line up with their values: text on the left, numbers on the right.
    left, right = Qt.AlignmentFlag.AlignLeft, Qt.AlignmentFlag.AlignRight
    for column, side in (
        (columns.SOURCE, left),
        (columns.OWNER, left),
        (columns.SPAN, left),
        (columns.RECORDS, right),
    ):
        heading = model.headerData(
            column, Qt.Orientation.Horizontal, Qt.ItemDataRole.TextAlignmentRole
        )
        value = model.data(model.index(0, column), Qt.ItemDataRole.TextAlignmentRole)
        assert heading & side and (value or left) & side, column
    tip = model.data(model.index(0, columns.SPAN), Qt.ItemDataRole.ToolTipRole)
    assert tip == "Click to see this dataset's records and a chart of them"
    assert table.viewport().cursor().shape() is Qt.CursorShape.PointingHandCursor


def test_an_empty_vault_points_to_the_import_page(qtbot: QtBot, vault: Vault) -> None:
    empty = DatasetsPage(vault)
    qtbot.addWidget(empty)
    empty.show()
    asked: list[str] = []
    empty.navigate.connect(asked.append)
    assert empty.empty.isVisible() and not empty.table.isVisible()
    empty.import_button.click()
    assert asked == ["import"]


def test_clicking_a_dataset_opens_its_view_with_a_chart_of_its_type(
    qtbot: QtBot, page: DatasetsPage, family_vault: Vault
) -> None:
    click_row(qtbot, page, 1)

    assert page.is_showing_dataset()
    view = page.view
    assert view.heading.text() == "Apple Health"
    assert view.type_choice.currentText() == "Heart rate (30,000)"
    # A day's heart rates are averaged unless the person asks otherwise (a sum means nothing).
    assert view.measure_choice.currentData() == Measure.AVERAGE.value
    assert view.caption.text() == "Average value per day (beats/min)"
    view.choose_measure(Measure.COUNT)
    points = view.chart.points()
    assert view.chart.bucket is Bucket.DAY
    assert [day for day, _ in points] == [date(2021, 1, 1), date(2021, 1, 2), date(2021, 1, 3)]
    assert sum(count for _, count in points) == 30_000
    assert view.caption.text() == "Records per day"

    view.choose_measure(Measure.AVERAGE)
    averages = [value for _, value in view.chart.points()]
    assert len(averages) == 3 and all(50 <= a <= 160 for a in averages)
    assert view.caption.text() == "Average value per day (beats/min)"


def test_browsing_reads_apart_from_a_task_holding_the_vault(
    qtbot: QtBot, page: DatasetsPage, family_vault: Vault
) -> None:
    """A task on the worker thread holds the vault's connection, half-way through a
    transaction; the dataset view reads on a connection of its own, so it neither waits for
    the task nor shows what the task has not committed."""
    holding, release = threading.Event(), threading.Event()

    def task_half_done() -> None:
        with family_vault.reading() as conn:
            conn.execute("BEGIN IMMEDIATE")
            conn.execute("UPDATE daily_rollups SET count = count + 1000000")
            holding.set()
            release.wait(10)
            conn.execute("ROLLBACK")

    task = threading.Thread(target=task_half_done)
    task.start()
    try:
        assert holding.wait(5)
        click_row(qtbot, page, 1)
        view = page.view
        assert view.type_choice.currentText() == "Heart rate (30,000)"
        last = view.model.index(view.model.rowCount() - 1, VALUE)
        assert view.model.data(last)
    finally:
        release.set()
        task.join()
    browsing = family_vault.browsing
    family_vault.close()
    with pytest.raises(sqlcipher3.ProgrammingError):
        browsing.execute("SELECT 1")  # closed with the vault: no key left behind in it


def test_enter_opens_and_esc_goes_back_to_the_same_row(qtbot: QtBot, page: DatasetsPage) -> None:
    page.table.setFocus()
    page.table.setCurrentIndex(page.model.index(1, 0))
    qtbot.keyClick(page.table, Qt.Key.Key_Return)
    assert page.is_showing_dataset()
    qtbot.keyClick(page.view.type_choice, Qt.Key.Key_Escape)
    assert not page.is_showing_dataset()
    assert page.table.selectionModel().selectedRows()[0].row() == 1


def test_the_records_table_shows_local_time_value_with_unit_and_source(
    page: DatasetsPage, family_vault: Vault
) -> None:
    page.open_dataset(1)
    model = page.view.model
    dataset_id = page.view.dataset.id if page.view.dataset else -1
    summary = page.view.summary()
    assert summary is not None
    first = RecordBrowser(family_vault.db, dataset_id, summary.type_id).rows(0, 1)[0]
    start = datetime.fromtimestamp(first[0] / 1000).astimezone()
    hour = start.hour % 12 or 12
    when = model.data(model.index(0, START)).replace("\u202f", " ")
    assert when == (
        f"{en_us_date(start)} {hour}:{start.minute:02d}:{start.second:02d} "
        f"{'AM' if start.hour < 12 else 'PM'}"
    )
    assert model.data(model.index(0, VALUE)) == f"{int(first[2])} beats/min"
    assert model.data(model.index(0, SOURCE)) == "Watch"
    align = Qt.ItemDataRole.TextAlignmentRole
    horizontal = Qt.Orientation.Horizontal
    assert model.headerData(VALUE, horizontal, align) & Qt.AlignmentFlag.AlignRight
    assert model.headerData(START, horizontal, align) & Qt.AlignmentFlag.AlignLeft
    assert model.rowCount() == 30_000


def test_the_lazy_table_reads_few_pages_when_scrolled_to_the_end_and_middle(
    qtbot: QtBot, vault: Vault, tmp_path: Path
) -> None:
    import_path(vault, write_heart_rates(tmp_path / "export.xml", 50_000))
    page = DatasetsPage(vault)
    qtbot.addWidget(page)
    page.resize(1000, 760)
    page.show()
    page.open_dataset(0)
    view = page.view
    summary = view.summary()
    assert summary is not None and view.dataset is not None
    counting = CountingBrowser(RecordBrowser(vault.db, view.dataset.id, summary.type_id))
    view.model.set_source(counting)
    table = view.table
    qtbot.wait(20)  # let the view paint its first rows

    table.scrollToBottom()
    qtbot.wait(20)
    last = table.rowAt(table.viewport().height() - 2)
    assert last == 49_999, "the end of the table is on screen"
    table.scrollTo(view.model.index(25_000, 0), table.ScrollHint.PositionAtCenter)
    qtbot.wait(20)
    table.scrollToTop()
    qtbot.wait(20)

    assert all(first % PAGE_ROWS == 0 and limit == PAGE_ROWS for first, limit in counting.reads)
    pages = {first // PAGE_ROWS for first, _ in counting.reads}
    assert {0, 49_999 // PAGE_ROWS, 25_000 // PAGE_ROWS} <= pages
    assert len(counting.reads) <= 6, counting.reads
    assert len(counting.reads) * PAGE_ROWS <= 3_000, "a few pages of 50,000 rows"


def test_the_page_cache_keeps_only_the_last_few_pages(
    family_vault: Vault, page: DatasetsPage
) -> None:
    page.open_dataset(1)
    view = page.view
    assert view.dataset is not None and view.summary() is not None
    summary = view.summary()
    assert summary is not None
    counting = CountingBrowser(RecordBrowser(family_vault.db, view.dataset.id, summary.type_id))
    model = view.model
    model.set_source(counting)
    for number in range(CACHED_PAGES):
        model.record(number * PAGE_ROWS)
    model.record(0)
    assert len(counting.reads) == CACHED_PAGES, "page 0 came from the cache"
    model.record(CACHED_PAGES * PAGE_ROWS)  # one page more: the least recently used goes
    model.record(PAGE_ROWS)
    assert len(counting.reads) == CACHED_PAGES + 2, "page 1 was dropped and read again"


def test_long_spans_are_drawn_by_week_then_by_month() -> None:
    start = date(2015, 1, 1)
    for days, bucket, most_points in (
        (100, Bucket.DAY, 100),
        (900, Bucket.WEEK, 130),
        (3000, Bucket.MONTH, 100),
    ):
        series = [(start + timedelta(days=d), 2, 10.0) for d in range(0, days, 2)]
        used, points = aggregate(series, Measure.COUNT)
        assert used is bucket
        assert len(points) <= most_points
        # Each point is a day's average over the days its bucket spans: nothing lost or doubled.
        ends = [day for day, _ in points[1:]] + [series[-1][0] + timedelta(days=1)]
        spanned = [(end - day).days for (day, _), end in zip(points, ends, strict=True)]
        added_up = sum(value * days for (_, value), days in zip(points, spanned, strict=True))
        assert added_up == pytest.approx(2 * len(series))
        _, averages = aggregate(series, Measure.AVERAGE)
        assert {value for _, value in averages} == {5.0}


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("en", "Mar 1, 2023"),
        ("en_GB", "1 Mar 2023"),
        ("es", "1 de mar de 2023"),
        ("de", "1. März 2023"),
    ],
)
def test_dates_say_the_month_and_the_whole_year_in_the_persons_language(
    language: str, expected: str
) -> None:
    """Not "3/1/23", which is the 3rd of January to most of the world."""
    before = QLocale()
    QLocale.setDefault(QLocale(language))
    try:
        assert medium_date(date(2023, 3, 1)) == expected
    finally:
        QLocale.setDefault(before)


def test_units_read_as_people_say_them() -> None:
    steps, heart = "HKQuantityTypeIdentifierStepCount", HEART_RATE
    assert unit_words(steps, "count") == "steps"
    assert unit_words("HKQuantityTypeIdentifierFlightsClimbed", "count") == "floors"
    assert unit_words("HKQuantityTypeIdentifierSwimmingStrokeCount", "count") == ""
    assert unit_words(heart, "count/min") == "beats/min"
    assert unit_words("HKQuantityTypeIdentifierRespiratoryRate", "count/min") == "breaths/min"
    assert unit_words("HKQuantityTypeIdentifierBodyTemperature", "degC") == "°C"
    assert unit_words("HKQuantityTypeIdentifierBodyMass", "kg") == "kg"
    assert unit_words("fitbit.steps", None) == ""
    assert value_text(1306.0, unit_words(steps, "count"), QLocale("en")) == "1,306 steps"


def test_weeks_the_data_covers_only_in_part_are_no_dips() -> None:
    """Five steps every day from a Wednesday to a Tuesday, 200 days: every week's point is
    five a day, the first and last weeks too, and the chart starts on that Wednesday."""
    first = date(2023, 3, 1)  # a Wednesday
    series = [(first + timedelta(days=d), 1, 5.0) for d in range(200)]
    bucket, points = aggregate(series, Measure.TOTAL)
    assert bucket is Bucket.WEEK
    assert {value for _, value in points} == {5.0}
    assert points[0][0] == first and points[1][0] == date(2023, 3, 6)  # then each Monday
    assert points[-1][0] <= series[-1][0]


def test_record_type_names_read_as_words() -> None:
    assert type_label(HEART_RATE) == "Heart rate"
    assert type_label("HKQuantityTypeIdentifierVO2Max") == "VO2 max"
    assert type_label("HKCategoryTypeIdentifierSleepAnalysis") == "Sleep analysis"
    assert type_label("browser.visit") == "Browser visit"
    assert type_label("fitbit.sleep_stage") == "Fitbit sleep stage"


@pytest.mark.parametrize("language", ["en", "es"])
def test_datasets_page_and_view_controls_have_names_and_distinct_shortcuts(
    qtbot: QtBot, unlocked: MainWindow, tmp_path: Path, language: str
) -> None:
    assert unlocked.vault is not None
    import_path(unlocked.vault, write_heart_rates(tmp_path / "export.xml", 300))
    if language == "es":
        old = unlocked.workspace
        unlocked.set_language("es")
        qtbot.waitUntil(lambda: unlocked.workspace is not old)
    workspace = unlocked.workspace
    assert workspace is not None
    workspace.show_page("datasets")
    problems = {"list": unnamed(unlocked) + shortcut_clashes(unlocked)}
    workspace.datasets.open_dataset(0)
    problems["view"] = unnamed(unlocked) + shortcut_clashes(unlocked)
    assert problems == {"list": [], "view": []}
