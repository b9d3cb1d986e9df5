"""Small, realistic Google Takeout and Fitbit files, built in code for the importer tests.

Shapes follow real exports (key order, number-or-string quirks, both timestamp forms);
values are made up. No tests here: the test_google_takeout_* and test_fitbit modules use
these builders.
"""

from __future__ import annotations

import json
import zipfile
from pathlib import Path
from typing import Any

from hearth.vault import Vault

# ------------------------------------------------------------------ Chrome

VISIT_EXAMPLE = {
    "favicon_url": "https://www.example.org/favicon.ico",
    "page_transition": "LINK",
    "title": "Example Domain",
    "url": "https://www.example.org/",
    "client_id": "c2VjcmV0LWNsaWVudA==",
    "time_usec": 1609459200123456,  # 2021-01-01T00:00:00.123456Z
}
VISIT_NEWS = {
    "favicon_url": "https://news.example.com/favicon.ico",
    "page_transition": "TYPED",
    "title": "Nachrichten – Übersicht",
    "url": "https://news.example.com/?q=wetter",
    "client_id": "c2VjcmV0LWNsaWVudA==",
    "time_usec": 1609545600000000,  # 2021-01-02T00:00:00Z
}


def browser_history(*visits: dict[str, Any]) -> bytes:
    return json.dumps({"Browser History": list(visits)}, indent=4, ensure_ascii=False).encode()


# ------------------------------------------------------------------ Records.json

FIX_PARIS_MS = {  # the old form: timestampMs as a string
    "latitudeE7": 488566000,
    "longitudeE7": 23522000,
    "accuracy": 20,
    "altitude": 35,
    "verticalAccuracy": 3,
    "velocity": 0,
    "activity": [
        {
            "timestampMs": "1577836801000",
            "activity": [{"type": "STILL", "confidence": 92}, {"type": "TILTING", "confidence": 8}],
        }
    ],
    "source": "WIFI",
    "deviceTag": 1234567890,
    "platformType": "ANDROID",
    "timestampMs": "1577836800000",  # 2020-01-01T00:00:00Z
}
FIX_SYDNEY_ISO = {  # the newer form: ISO timestamp
    "latitudeE7": -338567800,
    "longitudeE7": 1512152000,
    "accuracy": 5,
    "source": "GPS",
    "deviceTag": -98765,
    "platformType": "IOS",
    "timestamp": "2022-06-01T10:00:00.123Z",
}
FIX_WRAPPED_E7 = {  # an old export's overflowed E7: 2**32 - 338567800 is -33.85678°
    "latitudeE7": 2**32 - 338567800,
    "longitudeE7": 1512152000,
    "accuracy": 12,
    "deviceTag": -98765,
    "timestamp": "2022-06-01T10:05:00Z",
}
FIX_WITHOUT_LATITUDE = {"longitudeE7": 23522000, "timestampMs": "1577836900000"}


def records_json(*fixes: dict[str, Any]) -> bytes:
    return json.dumps({"locations": list(fixes)}, indent=2).encode()


# ------------------------------------------------------------------ Semantic Location History

CYCLING = {
    "activitySegment": {
        "startLocation": {"latitudeE7": 488566000, "longitudeE7": 23522000},
        "endLocation": {"latitudeE7": 488600000, "longitudeE7": 23600000},
        "duration": {
            "startTimestamp": "2020-01-15T08:00:00Z",
            "endTimestamp": "2020-01-15T08:30:00.500Z",
        },
        "distance": 1234,
        "activityType": "CYCLING",
        "confidence": "HIGH",
        "activities": [
            {"activityType": "CYCLING", "probability": 92.5},
            {"activityType": "WALKING", "probability": 5.1},
        ],
    }
}
BAKERY_VISIT = {
    "placeVisit": {
        "location": {
            "latitudeE7": 488600000,
            "longitudeE7": 23600000,
            "placeId": "ChIJD7fiBh9u5kcRYJSMaMOCCwQ",
            "address": "1 Rue de l'Exemple, 75001 Paris",
            "name": "Boulangerie Exemple",
            "semanticType": "TYPE_SEARCHED_ADDRESS",
            "sourceInfo": {"deviceTag": 1234567890},
            "locationConfidence": 89.5,
        },
        "duration": {"startTimestampMs": "1579077000500", "endTimestampMs": "1579080600000"},
        "placeConfidence": "HIGH_CONFIDENCE",
        "visitConfidence": 95,
        "editConfirmationStatus": "NOT_CONFIRMED",
    }
}
VISIT_WITHOUT_DURATION = {"placeVisit": {"location": {"placeId": "ChIJ-no-time"}}}


def semantic_month(*objects: dict[str, Any]) -> bytes:
    return json.dumps({"timelineObjects": list(objects)}, indent=2).encode()


# ------------------------------------------------------------------ Timeline.json (Android)

ANDROID_VISIT = {
    "startTime": "2024-01-01T10:00:00.000+01:00",
    "endTime": "2024-01-01T11:30:00.000+01:00",
    "startTimeTimezoneUtcOffsetMinutes": 60,
    "endTimeTimezoneUtcOffsetMinutes": 60,
    "visit": {
        "hierarchyLevel": 0,
        "probability": 0.9,
        "topCandidate": {
            "placeId": "ChIJ-android-cafe",
            "semanticType": "UNKNOWN",
            "probability": 0.8,
            "placeLocation": {"latLng": "48.8566°, 2.3522°"},
        },
    },
}
ANDROID_WALK = {
    "startTime": "2024-01-01T11:30:00.000+01:00",
    "endTime": "2024-01-01T12:00:00.000+01:00",
    "activity": {
        "start": {"latLng": "48.8566°, 2.3522°"},
        "end": {"latLng": "48.86°, 2.36°"},
        "distanceMeters": 1500.5,
        "probability": 0.95,
        "topCandidate": {"type": "WALKING", "probability": 0.9},
    },
}
ANDROID_PATH = {
    "startTime": "2024-01-01T23:00:00.000+01:00",
    "endTime": "2024-01-02T01:00:00.000+01:00",
    "timelinePath": [
        {"point": "48.8566°, 2.3522°", "time": "2024-01-01T23:30:00.000+01:00"},
        {"point": "-33.8567844°,151.213108°", "time": "2024-01-02T00:10:00.000+01:00"},
    ],
}
ANDROID_MEMORY = {
    "startTime": "2024-01-01T00:00:00.000+01:00",
    "endTime": "2024-01-03T00:00:00.000+01:00",
    "timelineMemory": {"note": {"note": "a private note"}},
}
POSITION_SYDNEY = {  # local day 2024-01-01, UTC day 2023-12-31
    "position": {
        "LatLng": "-33.8567844°, 151.213108°",
        "accuracyMeters": 13,
        "altitudeMeters": 40.5,
        "source": "WIFI",
        "timestamp": "2024-01-01T00:30:00.000+11:00",
        "speedMetersPerSecond": 0.5,
    }
}
WIFI_SCAN = {
    "wifiScan": {
        "deliveryTime": "2024-01-01T10:00:00.000+01:00",
        "devicesRecords": [{"mac": 123456789012345, "rawRssi": -70}],
    }
}
ACTIVITY_RECORD = {
    "activityRecord": {
        "probableActivities": [{"type": "STILL", "confidence": 0.9}],
        "timestamp": "2024-01-01T10:00:00.000+01:00",
    }
}
LOCATION_PROFILE = {
    "frequentPlaces": [
        {"placeId": "ChIJ-profile-home", "placeLocation": "48.1°, 11.5°", "label": "HOME"}
    ],
    "persona": {"travelModeAffinities": [{"mode": "WALKING", "affinity": 0.5}]},
}


def android_timeline(
    segments: list[dict[str, Any]], signals: list[dict[str, Any]] | None = None
) -> bytes:
    document = {
        "semanticSegments": segments,
        "rawSignals": signals if signals is not None else [],
        "userLocationProfile": LOCATION_PROFILE,
    }
    return json.dumps(document, indent=2, ensure_ascii=False).encode()


# ------------------------------------------------------------------ Timeline (iOS)

IOS_VISIT = {
    "endTime": "2024-03-01T09:30:00.000-05:00",
    "startTime": "2024-03-01T08:00:00.000-05:00",
    "visit": {
        "hierarchyLevel": "0",
        "topCandidate": {
            "probability": "0.785",
            "semanticType": "Unknown",
            "placeID": "ChIJ-ios-office",
            "placeLocation": "geo:40.712776,-74.005974",
        },
        "probability": "0.63",
    },
}
IOS_WALK = {
    "endTime": "2024-03-01T09:45:00.000-05:00",
    "startTime": "2024-03-01T09:30:00.000-05:00",
    "activity": {
        "probability": "0.99",
        "end": "geo:40.720000,-74.000000",
        "topCandidate": {"type": "walking", "probability": "0.0"},
        "distanceMeters": "350.0",
        "start": "geo:40.712776,-74.005974",
    },
}
IOS_PATH = {  # the path point is 20:12 local on March 1st, 01:12 UTC on March 2nd
    "endTime": "2024-03-01T22:00:00.000-05:00",
    "startTime": "2024-03-01T20:00:00.000-05:00",
    "timelinePath": [
        {"point": "geo:40.730000,-73.990000", "durationMinutesOffsetFromStartTime": "12"}
    ],
}


def ios_timeline(*segments: dict[str, Any]) -> bytes:
    return json.dumps(list(segments), indent=2).encode()


# ------------------------------------------------------------------ Google Fit

FIT_HEADER = (
    "Start time,End time,Move Minutes count,Calories (kcal),Distance (m),Heart Points,"
    "Heart Minutes,Average heart rate (bpm),Max heart rate (bpm),Min heart rate (bpm),"
    "Low latitude (deg),Low longitude (deg),High latitude (deg),High longitude (deg),"
    "Average speed (m/s),Max speed (m/s),Min speed (m/s),Step count,Inactive duration (ms),"
    "Walking duration (ms)"
)
FIT_QUIET = "00:00:00.000+01:00,00:15:00.000+01:00,,16.5,,,,,,,,,,,,,,,900000,"
FIT_WALK = (
    "08:00:00.000+01:00,08:15:00.000+01:00,5,30.25,400.5,2,1,95.5,120,80,"
    "48.85,2.35,48.86,2.36,1.2,2.5,0.5,612,,300000"
)
FIT_LAST = "23:45:00.000+01:00,00:00:00.000+01:00,,16.5,,,,,,,,,,,,,,,900000,"
FIT_SUMMARY_HEADER = (
    "Date,Move Minutes count,Calories (kcal),Distance (m),Heart Points,Heart Minutes,Step count"
)


def fit_day(*rows: str, header: str = FIT_HEADER) -> bytes:
    return ("\r\n".join((header, *rows)) + "\r\n").encode()


def fit_summary(*rows: str) -> bytes:
    return ("\r\n".join((FIT_SUMMARY_HEADER, *rows)) + "\r\n").encode()


RUN_SESSION = {
    "fitnessActivity": "running",
    "startTime": "2021-03-01T06:30:00.000Z",
    "endTime": "2021-03-01T07:00:00Z",
    "duration": "1800.000s",
    "segment": [
        {
            "fitnessActivity": "running",
            "startTime": "2021-03-01T06:30:00.000Z",
            "endTime": "2021-03-01T07:00:00Z",
        }
    ],
    "aggregate": [
        {"metricName": "com.google.calories.expended", "floatValue": 250.5},
        {"metricName": "com.google.step_count.delta", "intValue": 3000},
        {"metricName": "com.google.distance.delta", "floatValue": 4000.25},
    ],
}


def fit_session(session: dict[str, Any]) -> bytes:
    return json.dumps(session, indent=2).encode()


# ------------------------------------------------------------------ Fitbit

HEART_RATES: list[dict[str, Any]] = [
    {"dateTime": "01/01/20 00:00:05", "value": {"bpm": 72, "confidence": 2}},
    {"dateTime": "01/01/20 00:00:10", "value": {"bpm": 74, "confidence": 3}},
]
STEPS: list[dict[str, Any]] = [
    {"dateTime": "01/01/20 00:00:00", "value": "0"},
    {"dateTime": "01/01/20 00:01:00", "value": "12"},
]
RESTING: list[dict[str, Any]] = [
    {"dateTime": "01/01/20 00:00:00", "value": {"date": "01/01/20", "value": 58.4, "error": 6.8}}
]
ZONES: list[dict[str, Any]] = [
    {
        "dateTime": "01/01/20 00:00:00",
        "value": {"valuesInZones": {"IN_DEFAULT_ZONE_1": 30.0, "BELOW_DEFAULT_ZONE_1": 1200.0}},
    }
]
SLEEP: list[dict[str, Any]] = [
    {
        "logId": 26589710670,
        "dateOfSleep": "2020-01-01",
        "startTime": "2019-12-31T23:30:00.000",
        "endTime": "2020-01-01T07:00:00.000",
        "duration": 27000000,
        "minutesToFallAsleep": 0,
        "minutesAsleep": 400,
        "minutesAwake": 50,
        "minutesAfterWakeup": 0,
        "timeInBed": 450,
        "efficiency": 93,
        "type": "stages",
        "infoCode": 0,
        "levels": {
            "summary": {
                "deep": {"count": 3, "minutes": 80, "thirtyDayAvgMinutes": 70},
                "wake": {"count": 20, "minutes": 50, "thirtyDayAvgMinutes": 45},
            },
            "data": [
                {"dateTime": "2019-12-31T23:30:00.000", "level": "wake", "seconds": 30},
                {"dateTime": "2019-12-31T23:30:30.000", "level": "light", "seconds": 600},
            ],
        },
        "mainSleep": True,
    }
]
EXERCISE: list[dict[str, Any]] = [
    {
        "logId": 27865432109,
        "activityName": "Walk",
        "activityTypeId": 90013,
        "averageHeartRate": 96,
        "calories": 201,
        "duration": 1843000,
        "activeDuration": 1843000,
        "steps": 3012,
        "logType": "auto_detected",
        "lastModified": "01/01/20 09:00:00",
        "startTime": "01/01/20 08:00:00",
        "hasGps": False,
        "tcxLink": "https://www.fitbit.com/activities/exercise/27865432109?export=tcx",
    }
]
WEIGHT: list[dict[str, Any]] = [
    {
        "logId": 1577865600000,
        "weight": 150.2,
        "bmi": 22.3,
        "date": "01/01/20",
        "time": "08:00:00",
        "source": "API",
    }
]


def fitbit_json(rows: list[dict[str, Any]]) -> bytes:
    return json.dumps(rows, indent=2).encode()


# ------------------------------------------------------------------ shared


def write_zip(path: Path, entries: dict[str, bytes]) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in entries.items():
            archive.writestr(name, data)
    return path


def write_folder(path: Path, entries: dict[str, bytes]) -> Path:
    for name, data in entries.items():
        target = path / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
    return path


def rows(vault: Vault, type_name: str) -> list[dict[str, Any]]:
    """The records of ``type_name``, with their source's labels and meta decoded."""
    cursor = vault.db.execute(
        "SELECT r.day, r.start_ms, r.end_ms, s.name, s.version, s.device, r.value, r.unit, "
        "r.lat, r.lng, r.meta FROM records r JOIN record_types t ON t.id = r.type_id "
        "JOIN record_sources s ON s.id = r.source_id WHERE t.name = ? "
        "ORDER BY r.start_ms, r.value",
        (type_name,),
    )
    names = [c[0] for c in cursor.description]
    found = [dict(zip(names, row, strict=True)) for row in cursor]
    for row in found:
        row["meta"] = json.loads(row["meta"]) if row["meta"] else None
    return found


def type_counts(vault: Vault) -> dict[str, int]:
    return dict(
        vault.db.execute(
            "SELECT t.name, count(*) FROM records r JOIN record_types t ON t.id = r.type_id "
            "GROUP BY t.name"
        ).fetchall()
    )


def day_of(iso_date: str) -> int:
    """Days since 1970-01-01 of "YYYY-MM-DD", as the records' ``day`` column has them."""
    from datetime import date

    return (date.fromisoformat(iso_date) - date(1970, 1, 1)).days
