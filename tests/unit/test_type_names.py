"""Record types in words, and which of them add up over a day (the chart's default)."""

from __future__ import annotations

import pytest

from hearth.vault.type_names import adds_up, type_label


@pytest.mark.parametrize(
    ("name", "label"),
    [
        ("HKQuantityTypeIdentifierHeartRate", "Heart rate"),
        ("HKQuantityTypeIdentifierVO2Max", "VO2 max"),
        ("google-fit.step_count", "Google-fit step count"),
    ],
)
def test_a_type_reads_as_words(name: str, label: str) -> None:
    assert type_label(name) == label


@pytest.mark.parametrize(
    "name",
    [
        "HKQuantityTypeIdentifierStepCount",
        "HKQuantityTypeIdentifierDistanceWalkingRunning",
        "HKQuantityTypeIdentifierActiveEnergyBurned",
        "HKQuantityTypeIdentifierFlightsClimbed",
        "HKQuantityTypeIdentifierAppleExerciseTime",
        "HKQuantityTypeIdentifierDietaryWater",
        "google-fit.step_count",
        "google-fit.calories",
    ],
)
def test_steps_distance_energy_and_food_add_up(name: str) -> None:
    assert adds_up(name)


@pytest.mark.parametrize(
    "name",
    [
        "HKQuantityTypeIdentifierHeartRate",
        "HKQuantityTypeIdentifierRestingHeartRate",
        "HKQuantityTypeIdentifierBodyMass",
        "HKQuantityTypeIdentifierOxygenSaturation",
        "HKQuantityTypeIdentifierWalkingSpeed",
        "HKQuantityTypeIdentifierHeartRateVariabilitySDNN",
        "fitbit.heart_rate",
        "fitbit.weight",
    ],
)
def test_rates_and_levels_do_not(name: str) -> None:
    assert not adds_up(name)
