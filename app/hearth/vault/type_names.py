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
