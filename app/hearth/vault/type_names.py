"""Record types in words, for the GUI, the CLI and the plain-language consent summary."""

from __future__ import annotations

import re

_APPLE_PREFIXES = (
    "HKQuantityTypeIdentifier",
    "HKCategoryTypeIdentifier",
    "HKCorrelationTypeIdentifier",
    "HKWorkoutActivityType",
    "HKDataType",
)


def type_label(name: str) -> str:
    """A record type's name as words: "HKQuantityTypeIdentifierHeartRate" -> "Heart rate"."""
    for prefix in _APPLE_PREFIXES:
        if name.startswith(prefix) and len(name) > len(prefix):
            name = name[len(prefix) :]
            break
    words = re.sub(r"(?<=[a-z0-9])(?=[A-Z])|[._]+", " ", name).split()
    if not words:
        return name
    # Lower-case the capitalised words after the first, keep acronyms ("VO2") as they are.
    rest = [w.lower() if w[1:].islower() else w for w in words[1:]]
    return " ".join([words[0][:1].upper() + words[0][1:], *rest])


# Types whose values add up over a day: steps, distance, energy, exercise and stand time,
# food and drink. For the others (heart rate, weight, blood oxygen...) a day's sum means
# nothing, and a day's average is the figure a person expects.
_ADDS_UP = re.compile(
    r"step_?count|distance|energy_?burned|calories|flights_?climbed|push_?count|stroke_?count"
    r"|dietary|exercise_?time|stand_?time|move_?time|time_?in_?daylight|times_?fallen"
    r"|alcoholic_?beverages|inhaler_?usage|insulin_?delivery",
    re.IGNORECASE,
)


def adds_up(name: str) -> bool:
    """Whether a day's values of the record type ``name`` are best summed ("10,412 steps")
    rather than averaged ("72 beats a minute")."""
    return _ADDS_UP.search(name) is not None
