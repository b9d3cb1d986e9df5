"""The consent core's words (purposes, states, refusals, the withdrawal note) in the person's
language, and the words of the privacy choices.

The core writes its sentences in English. Rather than a second set of words that could drift
from it, the GUI translates exactly the core's strings: they are listed here so lupdate
collects them, and a test checks that every one the core can say is on the list. A core
string missing from the list shows in English, never as something else.
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from hearth.consent.policy import (
    PURPOSE_WORDS,
    Identifiers,
    LocationGrid,
    Purpose,
    TimeRounding,
)
from hearth.consent.receipts import ConsentEvent
from hearth.consent.store import PolicyState

CONTEXT = "Consent"

CORE_TEXTS = (
    QT_TRANSLATE_NOOP("Consent", "Researchers at universities"),
    QT_TRANSLATE_NOOP(
        "Consent",
        "Studies at universities and research institutes that publish what they find.",
    ),
    QT_TRANSLATE_NOOP("Consent", "Public health bodies"),
    QT_TRANSLATE_NOOP(
        "Consent",
        "Health agencies and charities tracking illness and wellbeing in the population.",
    ),
    QT_TRANSLATE_NOOP("Consent", "Companies improving their products"),
    QT_TRANSLATE_NOOP(
        "Consent", "Firms studying how people use devices and services to make them better."
    ),
    QT_TRANSLATE_NOOP("Consent", "AI developers"),
    QT_TRANSLATE_NOOP("Consent", "Training or testing machine-learning models."),
    QT_TRANSLATE_NOOP("Consent", "Advertisers"),
    QT_TRANSLATE_NOOP(
        "Consent", "Choosing or measuring advertising, including ads shown to people like you."
    ),
    QT_TRANSLATE_NOOP("Consent", "Waiting for a guardian to approve the new terms."),
    QT_TRANSLATE_NOOP("Consent", "On offer under these terms."),
    QT_TRANSLATE_NOOP("Consent", "Consent withdrawn: not on offer."),
    QT_TRANSLATE_NOOP("Consent", "Not on offer: no terms set yet."),
    QT_TRANSLATE_NOOP("Consent", "The policy allows no purpose yet: choose at least one."),
    QT_TRANSLATE_NOOP("Consent", "The policy has no price yet."),
    QT_TRANSLATE_NOOP(
        "Consent",
        "No new sale of this data can happen from now on. Copies that buyers already "
        "received cannot be called back; their licence terms still bind them.",
    ),
)


def core_words(text: str) -> str:
    """One of the core's English sentences in the person's language (as is when unlisted)."""
    return QCoreApplication.translate(CONTEXT, text)


def purpose_who(purpose: Purpose) -> str:
    """ "Researchers at universities": who the purpose lets in."""
    return core_words(PURPOSE_WORDS[purpose][0])


def purpose_explanation(purpose: Purpose) -> str:
    return core_words(PURPOSE_WORDS[purpose][1])


def state_name(state: PolicyState) -> str:
    """A policy version's state in a word or two, for the history table."""
    names = {
        PolicyState.AWAITING_APPROVAL: QCoreApplication.translate(
            "SharingWords", "Waiting for approval"
        ),
        PolicyState.ACTIVE: QCoreApplication.translate("SharingWords", "On offer"),
        PolicyState.SUPERSEDED: QCoreApplication.translate("SharingWords", "Replaced"),
        PolicyState.WITHDRAWN: QCoreApplication.translate("SharingWords", "Withdrawn"),
    }
    return names[state]


def event_name(event: str) -> str:
    """A consent record's event (`ConsentEvent`'s value) in a word or two."""
    names: dict[str, str] = {
        ConsentEvent.GIVEN: QCoreApplication.translate("SharingWords", "Consent given"),
        ConsentEvent.CHANGED: QCoreApplication.translate("SharingWords", "Terms changed"),
        ConsentEvent.AWAITING_APPROVAL: QCoreApplication.translate(
            "SharingWords", "Asked for approval"
        ),
        ConsentEvent.APPROVED: QCoreApplication.translate("SharingWords", "Approved"),
        ConsentEvent.WITHDRAWN: QCoreApplication.translate("SharingWords", "Consent withdrawn"),
    }
    return names.get(event, event)  # a StrEnum key is found by its string


# Each privacy choice: its name in a list, and what it removes, said without a map.


def identifier_choices() -> list[tuple[Identifiers, str, str]]:
    return [
        (
            Identifiers.DROP,
            QCoreApplication.translate("SharingWords", "Leave them out"),
            QCoreApplication.translate(
                "SharingWords",
                "Buyers see no device or app names at all, so they cannot tell your watch "
                "from your phone.",
            ),
        ),
        (
            Identifiers.PSEUDONYM,
            QCoreApplication.translate("SharingWords", "Replace them with codes"),
            QCoreApplication.translate(
                "SharingWords",
                "Each device gets a code such as “source 3”, different for every buyer: "
                "records can be told apart, but names such as “Ana’s iPhone” are gone.",
            ),
        ),
        (
            Identifiers.KEEP,
            QCoreApplication.translate("SharingWords", "Keep them"),
            QCoreApplication.translate(
                "SharingWords",
                "Names are sent as your devices wrote them; they often contain your first "
                "name or the model you own.",
            ),
        ),
    ]


def time_choices() -> list[tuple[TimeRounding, str, str]]:
    return [
        (
            TimeRounding.EXACT,
            QCoreApplication.translate("SharingWords", "Exact"),
            QCoreApplication.translate(
                "SharingWords", "Times to the second, as your devices recorded them."
            ),
        ),
        (
            TimeRounding.MINUTE,
            QCoreApplication.translate("SharingWords", "To the minute"),
            QCoreApplication.translate(
                "SharingWords", "Seconds are removed: 08:14:37 becomes 08:14."
            ),
        ),
        (
            TimeRounding.HOUR,
            QCoreApplication.translate("SharingWords", "To the hour"),
            QCoreApplication.translate(
                "SharingWords",
                "Minutes are removed: 08:14 becomes 08:00, so buyers know the hour of your "
                "morning walk, not the minute you left home.",
            ),
        ),
        (
            TimeRounding.DAY,
            QCoreApplication.translate("SharingWords", "Day only"),
            QCoreApplication.translate(
                "SharingWords",
                "Times are removed: buyers see which day something happened, not when.",
            ),
        ),
    ]


def location_choices() -> list[tuple[LocationGrid, str, str]]:
    return [
        (
            LocationGrid.EXACT,
            QCoreApplication.translate("SharingWords", "Exact"),
            QCoreApplication.translate(
                "SharingWords", "Positions to a few metres: enough to find a front door."
            ),
        ),
        (
            LocationGrid.M100,
            QCoreApplication.translate("SharingWords", "About 100 m"),
            QCoreApplication.translate(
                "SharingWords",
                "Positions moved to a grid of about 100 m: the street, not the house.",
            ),
        ),
        (
            LocationGrid.KM1,
            QCoreApplication.translate("SharingWords", "About 1 km"),
            QCoreApplication.translate(
                "SharingWords",
                "Positions moved to a grid of about 1 km: the neighbourhood, not the street.",
            ),
        ),
        (
            LocationGrid.KM10,
            QCoreApplication.translate("SharingWords", "About 10 km"),
            QCoreApplication.translate(
                "SharingWords",
                "Positions moved to a grid of about 10 km: the town, not the neighbourhood.",
            ),
        ),
    ]
