"""A synthetic but realistic Apple Health `export.zip` of N Records, streamed to disk.

Shaped like an export written by iOS 17 for someone with an iPhone and an Apple Watch, whose
history ends on 2023-12-31 and reaches back a year for 200k records, four and a half years
for 1M and to April 2015 for 5M (records per day being what makes an export big):
`apple_health_export/export.xml` opens with the XML declaration and the internal DTD
(`<!DOCTYPE HealthData [...]>` with its ELEMENT and ATTLIST lines), then `<HealthData>`,
`<ExportDate>`, `<Me>`, the Records grouped by type and in time order within a type (as iOS
writes them), the Workouts (statistics, events, a route file in `workout-routes/`) and one
ActivitySummary per day. The record mix is about 55% heart rate from the Watch, whose
`device` string carries a new `0x...` address on every record, then steps, distance and
energy from the phone and the Watch, category records with text values (sleep, stand
hours), about 20% of records with 1 to 3 MetadataEntry children, and about 1% HRV records
with their beat lists. Sources' versions and hardware change with the years. Times are
local with their UTC offset: `-0800`/`-0700` in California for the first 40% of the
history, then `+0100`/`+0200` in Paris. The meal key is spelled one way only: real exports
mix `Meal` and `meal`, but the peer stops at that ("duplicate column name").

The XML is generated and compressed piece by piece (ZIP_DEFLATED), never held whole, so 5M
records (about 2.3 GB of XML) is as feasible as 200k. Output is deterministic for a seed.

    .venv/bin/python bench/health_export.py --records N [--seed S] [--out FILE] [--interleaved]
"""

from __future__ import annotations

import argparse
import heapq
import json
import os
import random
import sys
import time
import zipfile
from bisect import bisect_left
from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass
from datetime import UTC, date, datetime, timedelta
from itertools import chain
from pathlib import Path
from typing import IO

ROOT = Path(__file__).resolve().parent.parent
CACHE = ROOT / ".bench"
FOLDER = "apple_health_export"

# The person's history ends here and reaches back further the more records there are: a
# Watch wearer gathers about 600 a day, so 200k Records are a year, 1M four and a half, and
# 5M go back to the first Apple Watch (April 2015), at a denser 1,500 a day.
LAST_DAY = date(2023, 12, 31)
RECORDS_PER_DAY = 600
MIN_DAYS, MAX_DAYS = 365, 3_170
MOVED_AT = 0.4  # from California to Europe, this far into the history
EXPORTED = "2024-01-03 09:14:52 +0100"
DAY = 86_400
WORKOUTS_PER_RECORDS = 20_000  # one workout per this many records (at least 3)
CHUNK_RECORDS = 2_000  # records formatted per write into the zip

WATCH = "Alex’s Apple Watch"  # with the typographic apostrophe iOS puts in device names
PHONE = "Alex’s iPhone"

_ROOT_ELEMENT = (
    "<!ELEMENT HealthData (ExportDate,Me,(Record|Correlation|Workout|ActivitySummary|"
    "ClinicalRecord|Audiogram|VisionPrescription)*)>"
)
_NOTE = (
    "<!-- Note: Any Records that appear as children of a correlation also appear as top-level "
    "records in this document. -->"
)
DTD = f"""<!DOCTYPE HealthData [
<!-- HealthKit Export Version: 13 -->
{_ROOT_ELEMENT}
<!ATTLIST HealthData
  locale CDATA #REQUIRED
>
<!ELEMENT ExportDate EMPTY>
<!ATTLIST ExportDate
  value CDATA #REQUIRED
>
<!ELEMENT Me EMPTY>
<!ATTLIST Me
  HKCharacteristicTypeIdentifierDateOfBirth                   CDATA #REQUIRED
  HKCharacteristicTypeIdentifierBiologicalSex                 CDATA #REQUIRED
  HKCharacteristicTypeIdentifierBloodType                     CDATA #REQUIRED
  HKCharacteristicTypeIdentifierFitzpatrickSkinType           CDATA #REQUIRED
  HKCharacteristicTypeIdentifierCardioFitnessMedicationsUse   CDATA #REQUIRED
>
<!ELEMENT Record ((MetadataEntry|HeartRateVariabilityMetadataList)*)>
<!ATTLIST Record
  type          CDATA #REQUIRED
  unit          CDATA #IMPLIED
  value         CDATA #IMPLIED
  sourceName    CDATA #REQUIRED
  sourceVersion CDATA #IMPLIED
  device        CDATA #IMPLIED
  creationDate  CDATA #IMPLIED
  startDate     CDATA #REQUIRED
  endDate       CDATA #REQUIRED
>
{_NOTE}
<!ELEMENT Correlation ((MetadataEntry|Record)*)>
<!ATTLIST Correlation
  type          CDATA #REQUIRED
  sourceName    CDATA #REQUIRED
  sourceVersion CDATA #IMPLIED
  device        CDATA #IMPLIED
  creationDate  CDATA #IMPLIED
  startDate     CDATA #REQUIRED
  endDate       CDATA #REQUIRED
>
<!ELEMENT Workout ((MetadataEntry|WorkoutEvent|WorkoutRoute|WorkoutStatistics)*)>
<!ATTLIST Workout
  workoutActivityType   CDATA #REQUIRED
  duration              CDATA #IMPLIED
  durationUnit          CDATA #IMPLIED
  totalDistance         CDATA #IMPLIED
  totalDistanceUnit     CDATA #IMPLIED
  totalEnergyBurned     CDATA #IMPLIED
  totalEnergyBurnedUnit CDATA #IMPLIED
  sourceName            CDATA #REQUIRED
  sourceVersion         CDATA #IMPLIED
  device                CDATA #IMPLIED
  creationDate          CDATA #IMPLIED
  startDate             CDATA #REQUIRED
  endDate               CDATA #REQUIRED
>
<!ELEMENT WorkoutEvent (MetadataEntry?)>
<!ATTLIST WorkoutEvent
  type         CDATA #REQUIRED
  date         CDATA #REQUIRED
  duration     CDATA #IMPLIED
  durationUnit CDATA #IMPLIED
>
<!ELEMENT WorkoutStatistics EMPTY>
<!ATTLIST WorkoutStatistics
  type      CDATA #REQUIRED
  startDate CDATA #REQUIRED
  endDate   CDATA #REQUIRED
  average   CDATA #IMPLIED
  minimum   CDATA #IMPLIED
  maximum   CDATA #IMPLIED
  sum       CDATA #IMPLIED
  unit      CDATA #IMPLIED
>
<!ELEMENT WorkoutRoute ((MetadataEntry|FileReference)*)>
<!ATTLIST WorkoutRoute
  sourceName    CDATA #REQUIRED
  sourceVersion CDATA #IMPLIED
  device        CDATA #IMPLIED
  creationDate  CDATA #IMPLIED
  startDate     CDATA #REQUIRED
  endDate       CDATA #REQUIRED
>
<!ELEMENT FileReference EMPTY>
<!ATTLIST FileReference
  path CDATA #REQUIRED
>
<!ELEMENT ActivitySummary EMPTY>
<!ATTLIST ActivitySummary
  dateComponents           CDATA #IMPLIED
  activeEnergyBurned       CDATA #IMPLIED
  activeEnergyBurnedGoal   CDATA #IMPLIED
  activeEnergyBurnedUnit   CDATA #IMPLIED
  appleMoveTime            CDATA #IMPLIED
  appleMoveTimeGoal        CDATA #IMPLIED
  appleExerciseTime        CDATA #IMPLIED
  appleExerciseTimeGoal    CDATA #IMPLIED
  appleStandHours          CDATA #IMPLIED
  appleStandHoursGoal      CDATA #IMPLIED
>
<!ELEMENT MetadataEntry EMPTY>
<!ATTLIST MetadataEntry
  key   CDATA #REQUIRED
  value CDATA #REQUIRED
>
<!ELEMENT HeartRateVariabilityMetadataList (InstantaneousBeatsPerMinute*)>
<!ELEMENT InstantaneousBeatsPerMinute EMPTY>
<!ATTLIST InstantaneousBeatsPerMinute
  bpm  CDATA #REQUIRED
  time CDATA #REQUIRED
>
]>
"""

HEAD = (
    '<HealthData locale="en_US">\n'
    f' <ExportDate value="{EXPORTED}"/>\n'
    ' <Me HKCharacteristicTypeIdentifierDateOfBirth="1988-04-02" '
    'HKCharacteristicTypeIdentifierBiologicalSex="HKBiologicalSexFemale" '
    'HKCharacteristicTypeIdentifierBloodType="HKBloodTypeNotSet" '
    'HKCharacteristicTypeIdentifierFitzpatrickSkinType="HKFitzpatrickSkinTypeNotSet" '
    'HKCharacteristicTypeIdentifierCardioFitnessMedicationsUse="None"/>\n'
)

# (from this day on: watchOS version, Watch hardware, iOS version, iPhone hardware)
ERAS = [
    (date(2015, 4, 24), "1.0", "Watch1,2", "8.3", "iPhone7,2"),
    (date(2015, 9, 16), "2.0", "Watch1,2", "9.0", "iPhone7,2"),
    (date(2016, 3, 21), "2.2", "Watch1,2", "9.3", "iPhone7,2"),
    (date(2016, 9, 13), "3.0", "Watch1,2", "10.0", "iPhone9,3"),
    (date(2017, 3, 27), "3.2", "Watch2,4", "10.3", "iPhone9,3"),
    (date(2017, 9, 20), "4.0", "Watch2,4", "11.0", "iPhone9,3"),
    (date(2018, 4, 2), "4.3.1", "Watch2,4", "11.3", "iPhone9,3"),
    (date(2018, 9, 18), "5.0.1", "Watch2,4", "12.0.1", "iPhone9,3"),
    (date(2019, 3, 27), "5.2", "Watch2,4", "12.2", "iPhone9,3"),
    (date(2019, 9, 25), "6.0", "Watch5,4", "13.1", "iPhone12,1"),
    (date(2020, 3, 25), "6.2", "Watch5,4", "13.4", "iPhone12,1"),
    (date(2020, 9, 17), "7.0", "Watch5,4", "14.0", "iPhone12,1"),
    (date(2021, 4, 27), "7.4", "Watch5,4", "14.5", "iPhone12,1"),
    (date(2021, 9, 21), "8.0", "Watch5,4", "15.0", "iPhone12,1"),
    (date(2022, 3, 15), "8.5", "Watch5,4", "15.4", "iPhone12,1"),
    (date(2022, 9, 13), "9.0", "Watch7,2", "16.0", "iPhone14,5"),
    (date(2023, 3, 28), "9.4", "Watch7,2", "16.4", "iPhone14,5"),
    (date(2023, 9, 19), "10.0", "Watch7,2", "17.0", "iPhone14,5"),
]


# ------------------------------------------------------------------ time


class Clock:
    """UTC seconds to Apple's local "2019-01-10 08:46:42 -0800", fast (millions of calls).

    `start` and `end` bound the history in UTC seconds. The offset is looked up per UTC day
    (DST and the move switch at midnight UTC, close enough for a benchmark), the date per
    local day, the time of day from a table.
    """

    def __init__(self, records: int) -> None:
        days = min(MAX_DAYS, max(MIN_DAYS, round(records / RECORDS_PER_DAY)))
        last = (LAST_DAY - date(1970, 1, 1)).days
        self.start = (last - days) * DAY
        self.end = last * DAY
        moved = date(1970, 1, 1) + timedelta(days=last - days + int(days * MOVED_AT))
        self.moved_utc = (moved - date(1970, 1, 1)).days * DAY
        self.first_day = self.start // DAY - 1
        days = self.end // DAY + 3 - self.first_day
        self.offsets: list[int] = []
        self.offset_text: list[str] = []
        self.eras: list[int] = []
        self.zones: list[str] = []
        era = 0
        for index in range(days):
            day = date(1970, 1, 1) + timedelta(days=self.first_day + index)
            while era + 1 < len(ERAS) and ERAS[era + 1][0] <= day:
                era += 1
            self.eras.append(era)
            if day < moved:
                summer = (3, 12) <= (day.month, day.day) < (11, 5)
                minutes = -420 if summer else -480
                self.zones.append("America/Los_Angeles")
            else:
                summer = (3, 27) <= (day.month, day.day) < (10, 30)
                minutes = 120 if summer else 60
                self.zones.append(
                    "Europe/London" if summer and day.year == 2020 else "Europe/Paris"
                )
            self.offsets.append(minutes * 60)
            sign = "-" if minutes < 0 else "+"
            self.offset_text.append(f"{sign}{abs(minutes) // 60:02d}{abs(minutes) % 60:02d}")
        self.hms = [f"{s // 3600:02d}:{s // 60 % 60:02d}:{s % 60:02d}" for s in range(DAY)]
        self._dates: dict[int, str] = {}

    def text(self, utc: int) -> str:
        index = utc // DAY - self.first_day
        local = utc + self.offsets[index]
        day = local // DAY
        found = self._dates.get(day)
        if found is None:
            found = self._dates[day] = (date(1970, 1, 1) + timedelta(days=day)).isoformat()
        return f"{found} {self.hms[local % DAY]} {self.offset_text[index]}"

    def era(self, utc: int) -> int:
        return self.eras[utc // DAY - self.first_day]

    def zone(self, utc: int) -> str:
        return self.zones[utc // DAY - self.first_day]

    def local_seconds(self, utc: int) -> int:
        return utc + self.offsets[utc // DAY - self.first_day]


# ------------------------------------------------------------------ sources


def _device(name: str, model: str, hardware: str, software: str) -> Callable[[int], str]:
    manufacturer = "Apple Inc."
    tail = (
        f"&gt;, name:{name}, manufacturer:{manufacturer}, model:{model}, "
        f"hardware:{hardware}, software:{software}&gt;"
    )

    def device(address: int) -> str:
        return f' device="&lt;&lt;HKDevice: 0x{address:09x}{tail}"'

    return device


@dataclass(frozen=True)
class Source:
    name: str
    kind: str  # "watch", "phone" or "app" (third-party apps write no device)
    app_version: str = ""

    def head(self, era: int) -> tuple[str, Callable[[int], str] | None]:
        """' sourceName=".." sourceVersion=".."' and the device writer, for this era."""
        _, watch_os, watch_hw, ios, phone_hw = ERAS[era]
        if self.kind == "watch":
            version = watch_os
            device = _device("Apple Watch", "Watch", watch_hw, watch_os)
        elif self.kind == "phone":
            version = ios
            device = _device("iPhone", "iPhone", phone_hw, ios)
        else:
            return f' sourceName="{self.name}" sourceVersion="{self.app_version}"', None
        return f' sourceName="{self.name}" sourceVersion="{version}"', device


WATCH_SOURCE = Source(WATCH, "watch")
PHONE_SOURCE = Source(PHONE, "phone")
HEALTH_MATE = Source("Health Mate", "app", "6.4.1")
MY_FITNESS_PAL = Source("MyFitnessPal", "app", "23.12.0")
AUTO_SLEEP = Source("AutoSleep", "app", "6.2.1")

Meta = list[tuple[str, str]]
# (value, duration seconds, metadata) for a record starting at the given UTC second
Values = Callable[[random.Random, int], tuple[str, int, Meta | None]]


@dataclass(frozen=True)
class RecordType:
    name: str
    share: float  # of all Records
    unit: str | None  # None: a category record, which has no unit attribute
    sources: tuple[tuple[Source, float], ...]  # (source, weight)
    values: Values
    beats: bool = False  # HRV: a HeartRateVariabilityMetadataList follows


def _heart_rate(rng: random.Random, at: int) -> tuple[str, int, Meta | None]:
    bpm = 52 + int(rng.random() * 38) + (int(rng.random() * 80) if rng.random() < 0.08 else 0)
    meta = None
    if rng.random() < 0.33:
        meta = [("HKMetadataKeyHeartRateMotionContext", "1" if rng.random() < 0.3 else "0")]
    return str(bpm), 0, meta


def _steps(rng: random.Random, at: int) -> tuple[str, int, Meta | None]:
    return str(5 + int(rng.random() * 900)), 60 + int(rng.random() * 540), None


def _distance(rng: random.Random, at: int) -> tuple[str, int, Meta | None]:
    return f"{0.002 + rng.random() * 0.35:.6g}", 60 + int(rng.random() * 540), None


def _active_energy(rng: random.Random, at: int) -> tuple[str, int, Meta | None]:
    return f"{0.05 + rng.random() * 9:.3f}", 30 + int(rng.random() * 90), None


def _basal_energy(rng: random.Random, at: int) -> tuple[str, int, Meta | None]:
    return f"{0.8 + rng.random() * 1.4:.3f}", 60 + int(rng.random() * 540), None


def _exercise(rng: random.Random, at: int) -> tuple[str, int, Meta | None]:
    return "1", 60, None


def _flights(rng: random.Random, at: int) -> tuple[str, int, Meta | None]:
    return str(1 + int(rng.random() * 3)), 10 + int(rng.random() * 120), None


def _stand(rng: random.Random, at: int) -> tuple[str, int, Meta | None]:
    stood = rng.random() < 0.7
    return (
        "HKCategoryValueAppleStandHourStood" if stood else "HKCategoryValueAppleStandHourIdle",
        3600,
        None,
    )


SLEEP_STAGES_ERA = next(i for i, era in enumerate(ERAS) if era[1] == "7.0")
_SLEEP_WATCH = (
    "HKCategoryValueSleepAnalysisAsleepCore",
    "HKCategoryValueSleepAnalysisAsleepCore",
    "HKCategoryValueSleepAnalysisAsleepDeep",
    "HKCategoryValueSleepAnalysisAsleepREM",
    "HKCategoryValueSleepAnalysisAwake",
    "HKCategoryValueSleepAnalysisInBed",
)
_SLEEP_APP = ("HKCategoryValueSleepAnalysisInBed", "HKCategoryValueSleepAnalysisAsleepUnspecified")


def _sleep(clock: Clock) -> Values:
    def values(rng: random.Random, at: int) -> tuple[str, int, Meta | None]:
        meta: Meta = [("HKTimeZone", clock.zone(at))]
        if clock.era(at) >= SLEEP_STAGES_ERA:  # watchOS 7 brought sleep stages
            value = _SLEEP_WATCH[int(rng.random() * len(_SLEEP_WATCH))]
        else:
            value = _SLEEP_APP[int(rng.random() * 2)]
            meta.append(("Asleep", f"{rng.random() * 9:.4f}"))
        if rng.random() < 0.4:
            meta.append(("HKMetadataKeySyncVersion", "1"))
        return value, 120 + int(rng.random() * 3000), meta

    return values


def _audio(rng: random.Random, at: int) -> tuple[str, int, Meta | None]:
    return f"{45 + rng.random() * 40:.4f}", 1800, None


def _hrv(rng: random.Random, at: int) -> tuple[str, int, Meta | None]:
    return f"{18 + rng.random() * 80:.4f}", 55 + int(rng.random() * 10), None


def _resting(rng: random.Random, at: int) -> tuple[str, int, Meta | None]:
    return str(50 + int(rng.random() * 20)), 8 * 3600, None


def _walking_hr(rng: random.Random, at: int) -> tuple[str, int, Meta | None]:
    return str(85 + int(rng.random() * 25)), 6 * 3600, None


def _oxygen(rng: random.Random, at: int) -> tuple[str, int, Meta | None]:
    meta = [("HKMetadataKeyBarometricPressure", f"{99 + rng.random() * 4:.1f} kPa")]
    return f"{0.93 + rng.random() * 0.07:.2f}", 0, meta


def _body_mass(rng: random.Random, at: int) -> tuple[str, int, Meta | None]:
    meta = [
        ("Health Mate App Version", HEALTH_MATE.app_version),
        ("Withings User Identifier", "12345678"),
        ("Modified Date", datetime.fromtimestamp(at + 60, UTC).strftime("%Y-%m-%d %H:%M:%S +0000")),
    ]
    return f"{150 + rng.random() * 12:.4g}", 0, meta


def _dietary(rng: random.Random, at: int) -> tuple[str, int, Meta | None]:
    meal = ("Breakfast", "Lunch", "Dinner", "Snacks")[int(rng.random() * 4)]
    # One spelling only: real exports also have "Meal", but healthkit-to-sqlite (the peer)
    # stops at both in one export ("duplicate column name: metadata_meal").
    return str(80 + int(rng.random() * 700)), 0, [("meal", meal)]


def record_types(clock: Clock) -> list[RecordType]:
    watch_only = ((WATCH_SOURCE, 1.0),)
    phone_and_watch = ((PHONE_SOURCE, 0.6), (WATCH_SOURCE, 0.4))
    q = "HKQuantityTypeIdentifier"
    c = "HKCategoryTypeIdentifier"
    return [
        RecordType(q + "BodyMass", 0.001, "lb", ((HEALTH_MATE, 1.0),), _body_mass),
        RecordType(q + "HeartRate", 0.55, "count/min", watch_only, _heart_rate),
        RecordType(q + "StepCount", 0.12, "count", phone_and_watch, _steps),
        RecordType(q + "DistanceWalkingRunning", 0.09, "mi", phone_and_watch, _distance),
        RecordType(q + "BasalEnergyBurned", 0.033, "Cal", watch_only, _basal_energy),
        RecordType(q + "ActiveEnergyBurned", 0.10, "Cal", watch_only, _active_energy),
        RecordType(q + "FlightsClimbed", 0.015, "count", ((PHONE_SOURCE, 1.0),), _flights),
        RecordType(q + "DietaryEnergyConsumed", 0.004, "Cal", ((MY_FITNESS_PAL, 1.0),), _dietary),
        RecordType(q + "AppleExerciseTime", 0.02, "min", watch_only, _exercise),
        RecordType(q + "OxygenSaturation", 0.004, "%", watch_only, _oxygen),
        RecordType(q + "RestingHeartRate", 0.002, "count/min", watch_only, _resting),
        RecordType(q + "EnvironmentalAudioExposure", 0.01, "dBASPL", watch_only, _audio),
        RecordType(q + "WalkingHeartRateAverage", 0.002, "count/min", watch_only, _walking_hr),
        RecordType(q + "HeartRateVariabilitySDNN", 0.009, "ms", watch_only, _hrv, beats=True),
        RecordType(
            c + "SleepAnalysis", 0.02, None, ((AUTO_SLEEP, 0.3), (WATCH_SOURCE, 0.7)), _sleep(clock)
        ),
        RecordType(c + "AppleStandHour", 0.02, None, watch_only, _stand),
    ]


# ------------------------------------------------------------------ writing


@dataclass
class Written:
    records: int = 0
    workouts: int = 0
    route_points: int = 0
    activity_summaries: int = 0
    with_metadata: int = 0
    hrv_with_beats: int = 0
    xml_bytes: int = 0


def _beats(clock: Clock, rng: random.Random, at: int) -> str:
    local = clock.local_seconds(at) % DAY
    lines = ["  <HeartRateVariabilityMetadataList>\n"]
    moment = float(local)
    for _ in range(60 + int(rng.random() * 45)):
        moment += 0.6 + rng.random() * 0.5
        seconds = int(moment) % DAY
        hour = seconds // 3600
        half = "AM" if hour < 12 else "PM"
        hour12 = hour % 12 or 12
        hundredths = int((moment % 1) * 100)
        bpm = 55 + int(rng.random() * 30)
        clock_time = f"{hour12}:{seconds // 60 % 60:02d}:{seconds % 60:02d}.{hundredths:02d}"
        lines.append(f'   <InstantaneousBeatsPerMinute bpm="{bpm}" time="{clock_time} {half}"/>\n')
    lines.append("  </HeartRateVariabilityMetadataList>\n")
    return "".join(lines)


def _records(
    kind: RecordType, count: int, clock: Clock, rng: random.Random, written: Written
) -> Iterator[tuple[int, str]]:
    """``count`` Records of one type, strictly increasing start times over the whole span."""
    if count <= 0:
        return
    step = (clock.end - clock.start) / count
    jitter = min(0.8, max(0.0, (step - 1) / step))  # starts stay distinct
    sources = [s for s, _ in kind.sources]
    weights = [w for _, w in kind.sources]
    cumulative = [sum(weights[: i + 1]) / sum(weights) for i in range(len(weights))]
    several = len(sources) > 1
    heads: dict[tuple[int, int], tuple[str, Callable[[int], str] | None]] = {}
    type_attr = f' <Record type="{kind.name}"'
    unit_attr = f' unit="{kind.unit}"' if kind.unit is not None else ""
    text = clock.text
    random_ = rng.random
    values = kind.values
    for i in range(count):
        start = clock.start + int((i + random_() * jitter) * step)
        which = bisect_left(cumulative, random_()) if several else 0
        era = clock.era(start)
        head = heads.get((which, era))
        if head is None:
            head = heads[(which, era)] = sources[which].head(era)
        value, duration, meta = values(rng, start)
        end = start + duration
        created = end + 1 + int(random_() * 400)
        device = head[1](0x280000000 + int(random_() * 0x0FFFFFFF)) if head[1] else ""
        attrs = (
            f"{type_attr}{head[0]}{device}{unit_attr} creationDate="
            f'"{text(created)}" startDate="{text(start)}" endDate="{text(end)}" value="{value}"'
        )
        if meta is None and not kind.beats:
            yield start, attrs + "/>\n"
            continue
        parts = [attrs, ">\n"]
        if meta:
            written.with_metadata += 1
            parts += [f'  <MetadataEntry key="{k}" value="{v}"/>\n' for k, v in meta]
        if kind.beats:
            written.hrv_with_beats += 1
            parts.append(_beats(clock, rng, start))
        parts.append(" </Record>\n")
        yield start, "".join(parts)


_WORKOUTS = [
    # (activity type, with a route, distance type, minutes)
    ("HKWorkoutActivityTypeRunning", True, "DistanceWalkingRunning", (20, 60)),
    ("HKWorkoutActivityTypeWalking", True, "DistanceWalkingRunning", (20, 70)),
    ("HKWorkoutActivityTypeCycling", True, "DistanceCycling", (25, 90)),
    ("HKWorkoutActivityTypeTraditionalStrengthTraining", False, None, (30, 60)),
    ("HKWorkoutActivityTypeYoga", False, None, (20, 45)),
]


def _route_gpx(rng: random.Random, start: int, seconds: int, home: bool) -> tuple[bytes, int]:
    """A GPX file like the Health app writes: one point a second with speed and accuracy."""
    lat = 37.77 + rng.random() * 0.05 if home else 48.85 + rng.random() * 0.05
    lng = -122.42 + rng.random() * 0.05 if home else 2.33 + rng.random() * 0.05
    ele = 5 + rng.random() * 30
    created = datetime.fromtimestamp(start + seconds + 120, UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    name = datetime.fromtimestamp(start, UTC).strftime("Route %Y-%m-%d %-I:%M%p").lower()
    lines = [
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<gpx version="1.1" creator="Apple Health Export" '
        'xmlns="http://www.topografix.com/GPX/1/1" '
        'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
        'xsi:schemaLocation="http://www.topografix.com/GPX/1/1 '
        'http://www.topografix.com/GPX/1/1/gpx.xsd">\n'
        f"  <metadata>\n    <time>{created}</time>\n  </metadata>\n"
        f"  <trk>\n    <name>{name.capitalize()}</name>\n    <trkseg>\n"
    ]
    for second in range(seconds):
        lat += (rng.random() - 0.4) * 0.00004
        lng += (rng.random() - 0.4) * 0.00004
        ele += (rng.random() - 0.5) * 0.2
        moment = datetime.fromtimestamp(start + second, UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
        lines.append(
            f'      <trkpt lon="{lng:.6f}" lat="{lat:.6f}"><ele>{ele:.6f}</ele>'
            f"<time>{moment}</time><extensions><speed>{1 + rng.random() * 3:.6f}</speed>"
            f"<course>{rng.random() * 360:.6f}</course><hAcc>{2 + rng.random() * 8:.6f}</hAcc>"
            f"<vAcc>{1 + rng.random() * 6:.6f}</vAcc></extensions></trkpt>\n"
        )
    lines.append("    </trkseg>\n  </trk>\n</gpx>\n")
    return "".join(lines).encode(), seconds


def _workouts(
    count: int, clock: Clock, rng: random.Random, archive: zipfile.ZipFile, written: Written
) -> Iterator[str]:
    names: set[str] = set()
    step = (clock.end - clock.start) / count
    for i in range(count):
        day_start = clock.start + int((i + rng.random() * 0.9) * step) // DAY * DAY
        # a local morning or evening
        start = day_start - clock.offsets[day_start // DAY - clock.first_day] + 7 * 3600
        start += int(rng.random() * 12 * 3600)
        activity, outdoor, distance, (low, high) = _WORKOUTS[int(rng.random() * len(_WORKOUTS))]
        minutes = low + rng.random() * (high - low)
        seconds = int(minutes * 60)
        end = start + seconds
        era = clock.era(start)
        head, device = WATCH_SOURCE.head(era)
        text = clock.text
        dates = f'startDate="{text(start)}" endDate="{text(end)}"'
        energy = minutes * (6 + rng.random() * 6)
        lines = [
            f' <Workout workoutActivityType="{activity}" duration="{minutes:.15g}" '
            f'durationUnit="min"{head}{device(0x280000000 + int(rng.random() * 0x0FFFFFFF)) if device else ""} '  # noqa: E501
            f'creationDate="{text(end + 30)}" {dates}>\n',
            f'  <MetadataEntry key="HKIndoorWorkout" value="{0 if outdoor else 1}"/>\n',
            f'  <MetadataEntry key="HKTimeZone" value="{clock.zone(start)}"/>\n',
            f'  <MetadataEntry key="HKAverageMETs" value="{4 + rng.random() * 8:.5g} kcal/hr·kg"/>\n',  # noqa: E501
        ]
        if outdoor:
            lines.append(
                f'  <MetadataEntry key="HKWeatherTemperature" value="{50 + rng.random() * 30:.5g} degF"/>\n'  # noqa: E501
                f'  <MetadataEntry key="HKWeatherHumidity" value="{3000 + int(rng.random() * 6000)} %"/>\n'  # noqa: E501
            )
        halfway = start + seconds // 2
        lines.append(
            f'  <WorkoutEvent type="HKWorkoutEventTypeSegment" date="{text(start)}" '
            f'duration="{minutes / 2:.15g}" durationUnit="min"/>\n'
            f'  <WorkoutEvent type="HKWorkoutEventTypeSegment" date="{text(halfway)}" '
            f'duration="{minutes / 2:.15g}" durationUnit="min"/>\n'
        )
        lines.append(
            f'  <WorkoutStatistics type="HKQuantityTypeIdentifierActiveEnergyBurned" {dates} '
            f'sum="{energy:.15g}" unit="Cal"/>\n'
            f'  <WorkoutStatistics type="HKQuantityTypeIdentifierBasalEnergyBurned" {dates} '
            f'sum="{minutes * 1.1:.15g}" unit="Cal"/>\n'
            f'  <WorkoutStatistics type="HKQuantityTypeIdentifierHeartRate" {dates} '
            f'average="{110 + rng.random() * 50:.15g}" minimum="{80 + int(rng.random() * 20)}" '
            f'maximum="{165 + int(rng.random() * 20)}" unit="count/min"/>\n'
        )
        if distance:
            lines.append(
                f'  <WorkoutStatistics type="HKQuantityTypeIdentifier{distance}" {dates} '
                f'sum="{minutes * (0.08 + rng.random() * 0.1):.15g}" unit="mi"/>\n'
            )
        if outdoor:
            local = datetime.fromtimestamp(clock.local_seconds(start), UTC)
            name = local.strftime("route_%Y-%m-%d_%-I.%M%p").lower()  # route_2019-06-11_3.00pm
            while name in names:
                name += "_1"
            names.add(name)
            gpx, points = _route_gpx(rng, start, seconds, start < clock.moved_utc)
            archive.writestr(_member(f"workout-routes/{name}.gpx"), gpx)
            written.route_points += points
            lines.append(
                f'  <WorkoutRoute{head} creationDate="{text(end + 60)}" {dates}>\n'
                '   <MetadataEntry key="HKMetadataKeySyncVersion" value="2"/>\n'
                f'   <MetadataEntry key="HKMetadataKeySyncIdentifier" value="{_uuid(rng)}"/>\n'
                f'   <FileReference path="/workout-routes/{name}.gpx"/>\n'
                "  </WorkoutRoute>\n"
            )
        lines.append(" </Workout>\n")
        written.workouts += 1
        yield "".join(lines)


def _member(name: str) -> zipfile.ZipInfo:
    """A zip entry dated like the export (so the same seed gives the same bytes)."""
    info = zipfile.ZipInfo(f"{FOLDER}/{name}", date_time=(2024, 1, 3, 9, 14, 52))
    info.compress_type = zipfile.ZIP_DEFLATED
    info.external_attr = 0o644 << 16
    return info


def _uuid(rng: random.Random) -> str:
    digits = f"{rng.getrandbits(128):032X}"
    return f"{digits[:8]}-{digits[8:12]}-{digits[12:16]}-{digits[16:20]}-{digits[20:]}"


def _activity_summaries(clock: Clock, rng: random.Random, written: Written) -> Iterator[str]:
    first = (clock.start + clock.offsets[1]) // DAY
    last = (clock.end - 1 + clock.offsets[-3]) // DAY
    for day in range(first, last + 1):
        text = (date(1970, 1, 1) + timedelta(days=day)).isoformat()
        written.activity_summaries += 1
        yield (
            f' <ActivitySummary dateComponents="{text}" '
            f'activeEnergyBurned="{150 + rng.random() * 700:.6g}" activeEnergyBurnedGoal="500" '
            'activeEnergyBurnedUnit="Cal" appleMoveTime="0" appleMoveTimeGoal="0" '
            f'appleExerciseTime="{int(rng.random() * 90)}" appleExerciseTimeGoal="30" '
            f'appleStandHours="{4 + int(rng.random() * 12)}" appleStandHoursGoal="12"/>\n'
        )


def _start(item: tuple[int, str]) -> int:
    return item[0]


def _chunks(lines: Iterator[str], size: int = CHUNK_RECORDS) -> Iterator[str]:
    batch: list[str] = []
    for line in lines:
        batch.append(line)
        if len(batch) >= size:
            yield "".join(batch)
            batch = []
    if batch:
        yield "".join(batch)


def write_export(path: Path, records: int, seed: int = 1, *, interleaved: bool = False) -> Written:
    """Write an `export.zip` holding ``records`` Records (plus workouts and summaries).

    ``interleaved`` orders the Records by time across types instead of grouping them by
    type as iOS does (a harder case for writers that group by type, the peer among them).

    Returns what it wrote (callers that only want the file can ignore it)."""
    rng = random.Random(seed)
    clock = Clock(records)
    kinds = record_types(clock)
    counts = [round(records * kind.share) for kind in kinds]
    counts[1] += records - sum(counts)  # heart rate takes up the rounding
    written = Written()
    workouts = max(3, records // WORKOUTS_PER_RECORDS)
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(path.name + ".partial")
    big = records > 3_000_000  # over 2 GiB of XML needs ZIP64 from the start
    with zipfile.ZipFile(partial, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        # Workouts write their GPX files into the zip as they go, so the XML is collected
        # in a temporary member order: routes first would need them before export.xml is
        # done. Simplest honest order: write the routes (and the workout XML text, which is
        # small) first, then stream export.xml.
        workout_xml = "".join(_workouts(workouts, clock, rng, archive, written))
        with archive.open(_member("export.xml"), "w", force_zip64=big) as xml:
            out = _Counting(xml)
            out.write('<?xml version="1.0" encoding="UTF-8"?>\n')
            out.write(DTD)
            out.write(HEAD)
            streams = [
                _records(kind, count, clock, rng, written)
                for kind, count in zip(kinds, counts, strict=True)
            ]
            ordered = heapq.merge(*streams, key=_start) if interleaved else chain(*streams)
            for chunk in _chunks(text for _, text in ordered):
                out.write(chunk)
            written.records = sum(counts)
            out.write(workout_xml)
            for chunk in _chunks(_activity_summaries(clock, rng, written)):
                out.write(chunk)
            out.write("</HealthData>\n")
            written.xml_bytes = out.bytes
    os.replace(partial, path)
    return written


class _Counting:
    def __init__(self, raw: IO[bytes]) -> None:
        self._raw = raw
        self.bytes = 0

    def write(self, text: str) -> None:
        data = text.encode()
        self.bytes += len(data)
        self._raw.write(data)


def cached_export(
    records: int, seed: int = 1, *, interleaved: bool = False, quiet: bool = False
) -> Path:
    """The export for ``records`` and ``seed`` under .bench/, generated the first time.

    Next to it, `<name>.json` says what it holds (see `export_counts`).
    """
    path = CACHE / export_name(records, seed, interleaved)
    if not path.exists() or not _counts_file(path).exists():
        if not quiet:
            print(f"generating {path.name} ...", file=sys.stderr, flush=True)
        started = time.perf_counter()
        written = write_export(path, records, seed, interleaved=interleaved)
        _counts_file(path).write_text(json.dumps(asdict(written), indent=2) + "\n")
        if not quiet:
            print(
                f"  {written.records:,} records, {written.xml_bytes / 1e6:.1f} MB of XML, "
                f"zip {path.stat().st_size / 1e6:.1f} MB, {time.perf_counter() - started:.1f} s",
                file=sys.stderr,
                flush=True,
            )
    return path


def export_name(records: int, seed: int, interleaved: bool = False) -> str:
    return f"health-export-{records}-s{seed}{'-interleaved' if interleaved else ''}.zip"


def export_counts(path: Path) -> dict[str, int]:
    """What a cached export holds: records, workouts, route_points, xml_bytes, ..."""
    counts: dict[str, int] = json.loads(_counts_file(path).read_text())
    return counts


def _counts_file(path: Path) -> Path:
    return path.with_name(path.stem + ".json")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--records", type=int, default=200_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--out", type=Path, help="where to write (default: cached in .bench/)")
    parser.add_argument(
        "--interleaved", action="store_true", help="Records in time order across types"
    )
    args = parser.parse_args(argv)
    started = time.perf_counter()
    if args.out is None:
        path = cached_export(args.records, args.seed, interleaved=args.interleaved, quiet=True)
        counts = export_counts(path)
    else:
        path = args.out
        counts = asdict(write_export(path, args.records, args.seed, interleaved=args.interleaved))
    seconds = time.perf_counter() - started
    print(f"{path}: {path.stat().st_size / 1e6:.1f} MB zip in {seconds:.1f} s")
    for name, value in counts.items():
        print(f"  {name:<20} {value:>14,}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
