"""A record type over time: its daily series from the rollups, drawn with QtCharts.

Thousands of days do not fit on a screen as days, so a long series is gathered into weeks
or months first, as a day's average in each (`aggregate`); the chart then never holds more
than a few hundred points.
"""

from __future__ import annotations

from datetime import date, timedelta
from enum import Enum, StrEnum

from PySide6.QtCharts import (
    QAreaSeries,
    QChart,
    QChartView,
    QDateTimeAxis,
    QLineSeries,
    QValueAxis,
)
from PySide6.QtCore import QDate, QDateTime, QEvent, QLocale, QMargins, QPointF, Qt, QTime
from PySide6.QtGui import QBrush, QColor, QPainter, QPalette, QPen
from PySide6.QtWidgets import QWidget

from hearth.ui.wording import medium_date_format

DAILY_UP_TO = 120  # days shown one by one when the span is this long or shorter
WEEKLY_UP_TO = 3 * 366  # then weeks, then months


class Bucket(Enum):
    DAY = "day"
    WEEK = "week"
    MONTH = "month"


class Measure(StrEnum):
    COUNT = "count"  # how many records
    TOTAL = "total"  # sum of the numeric values
    AVERAGE = "average"  # sum of the values over the number of records


Series = list[tuple[date, int, float | None]]


def bucket_for(first: date, last: date) -> Bucket:
    """Days, weeks or months, so that a span of any length gives a readable chart."""
    span = (last - first).days + 1
    if span <= DAILY_UP_TO:
        return Bucket.DAY
    if span <= WEEKLY_UP_TO:
        return Bucket.WEEK
    return Bucket.MONTH


def bucket_start(day: date, bucket: Bucket) -> date:
    if bucket is Bucket.WEEK:
        return day - timedelta(days=day.weekday())
    if bucket is Bucket.MONTH:
        return day.replace(day=1)
    return day


def _next_start(start: date, bucket: Bucket) -> date:
    if bucket is Bucket.DAY:
        return start + timedelta(days=1)
    if bucket is Bucket.WEEK:
        return start + timedelta(days=7)
    return (start.replace(day=28) + timedelta(days=4)).replace(day=1)


def aggregate(series: Series, measure: Measure) -> tuple[Bucket, list[tuple[date, float]]]:
    """The daily ``series`` as one point per day, week or month (by the span's length).

    Counts and totals are a day's, averaged over each week or month: the bucket's sum over
    the days of it the series spans (a day without records is a zero: nothing happened then).
    So the first and last weeks, which the data only partly covers, are not dips, and months
    of 28 and 31 days compare. An average is the bucket's total over its records, and an
    empty bucket has no point. Each point is at the first day of its bucket the series spans,
    so the chart starts where the data does.
    """
    if not series:
        return Bucket.DAY, []
    first, last = series[0][0], series[-1][0]
    bucket = bucket_for(first, last)
    counts: dict[date, int] = {}
    totals: dict[date, float] = {}
    for day, count, total in series:
        start = bucket_start(day, bucket)
        counts[start] = counts.get(start, 0) + count
        if total is not None:
            totals[start] = totals.get(start, 0.0) + total
    if measure is Measure.AVERAGE:
        return bucket, [
            (max(s, first), totals[s] / counts[s]) for s in sorted(totals) if counts.get(s)
        ]
    points = []
    start = bucket_start(first, bucket)
    while start <= last:
        end = _next_start(start, bucket)
        spanned = (min(end, last + timedelta(days=1)) - max(start, first)).days
        value = counts.get(start, 0) if measure is Measure.COUNT else totals.get(start, 0.0)
        points.append((max(start, first), value / spanned))
        start = end
    return bucket, points


def _midnight(day: date) -> QDateTime:
    """Local midnight at the start of ``day`` (the chart's x axis is in local time)."""
    return QDateTime(QDate(day.year, day.month, day.day), QTime(0, 0))


def _msecs(day: date) -> float:
    return float(_midnight(day).toMSecsSinceEpoch())


class TypeChart(QChartView):
    """One line over time, in the palette's colours; shows what `show_series` was given."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setRenderHint(QPainter.RenderHint.Antialiasing)
        # Nothing to do in a chart from the keyboard; the caption above says what it shows.
        self.viewport().setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setMinimumHeight(180)
        self._points: list[tuple[date, float]] = []
        self._bucket = Bucket.DAY
        self._measure = Measure.COUNT
        chart = QChart()
        chart.legend().hide()
        chart.setMargins(QMargins(4, 4, 4, 4))
        chart.setBackgroundRoundness(6)
        self.setChart(chart)
        self._line = QLineSeries()
        self._floor = QLineSeries()
        self._area = QAreaSeries(self._line, self._floor)
        # The chart owns what it was given; the floor it was not, so the area series must:
        # owned by Python it could be freed while the area series still draws from it.
        self._floor.setParent(self._area)
        self._x = QDateTimeAxis()
        self._x.setTickCount(6)
        self._y = QValueAxis()
        chart.setLocalizeNumbers(True)  # "80,000" in English, "80.000" in Spanish
        chart.addSeries(self._area)
        chart.addSeries(self._line)
        chart.addAxis(self._x, Qt.AlignmentFlag.AlignBottom)
        chart.addAxis(self._y, Qt.AlignmentFlag.AlignLeft)
        for series in (self._area, self._line):
            series.attachAxis(self._x)
            series.attachAxis(self._y)
        self._apply_palette()

    def show_series(self, series: Series, measure: Measure) -> Bucket:
        """Draw ``series`` (a type's `hearth.vault.browse.daily_series`) as ``measure``;
        returns the bucket used."""
        self._measure = measure
        self._bucket, self._points = aggregate(series, measure)
        xy = [QPointF(_msecs(day), value) for day, value in self._points]
        self._line.replace(xy)
        filled = measure is not Measure.AVERAGE
        self._floor.replace([QPointF(p.x(), 0.0) for p in xy] if filled else [])
        self._area.setVisible(filled)
        self._line.setPointsVisible(len(xy) <= 60)
        self._set_ranges()
        return self._bucket

    def points(self) -> list[tuple[date, float]]:
        """What the chart shows: (first day of the day/week/month with data, value)."""
        return list(self._points)

    @property
    def bucket(self) -> Bucket:
        return self._bucket

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:
            self._apply_palette()

    def _set_ranges(self) -> None:
        locale = QLocale()
        monthly = self._bucket is Bucket.MONTH
        self._x.setFormat("MMM yyyy" if monthly else medium_date_format(locale))
        if not self._points:
            return
        first, last = self._points[0][0], self._points[-1][0]
        if first == last:
            first, last = first - timedelta(days=1), last + timedelta(days=1)
        self._x.setRange(_midnight(first), _midnight(last))
        self._x.setTickCount(max(2, min(6, len(self._points))))
        values = [value for _, value in self._points]
        low = 0.0 if self._measure is not Measure.AVERAGE else min(values)
        high = max(values)
        if high <= low:
            high = low + 1.0
        self._y.setRange(low, high)
        self._y.applyNiceNumbers()
        step = (self._y.max() - self._y.min()) / max(1, self._y.tickCount() - 1)
        self._y.setLabelFormat("%.0f" if step >= 1 else "%.2f")
        self.chart().setLocale(locale)

    def _apply_palette(self) -> None:
        palette = self.palette()
        text = palette.color(QPalette.ColorRole.Text)
        base = palette.color(QPalette.ColorRole.Base)
        grid = palette.color(QPalette.ColorRole.Mid)
        faint = QColor(grid)
        faint.setAlphaF(0.45)
        accent = palette.color(QPalette.ColorRole.Highlight)
        chart = self.chart()
        chart.setBackgroundBrush(QBrush(base))
        chart.setBackgroundPen(QPen(grid))
        self.setBackgroundBrush(QBrush(palette.color(QPalette.ColorRole.Window)))
        for axis in (self._x, self._y):
            axis.setLabelsBrush(QBrush(text))
            axis.setLinePenColor(grid)
            axis.setGridLineColor(faint)
        pen = QPen(accent)
        pen.setWidthF(2.0)
        self._line.setPen(pen)
        self._line.setColor(accent)
        fill = QColor(accent)
        fill.setAlphaF(0.18)
        self._area.setBrush(QBrush(fill))
        self._area.setPen(QPen(Qt.PenStyle.NoPen))
