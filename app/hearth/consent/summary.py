"""The plain-language summary of a consent policy: what the GUI and the CLI show a person.

It is generated from the same `ConsentPolicy` as the ODRL document, so the words cannot say
something the terms do not. Example: "Researchers at universities may use your heart rate from
2019–2024, hours rounded, for 1 year, for 0.01 ETH. They may not resell it or try to find out
who you are."
"""

from __future__ import annotations

from dataclasses import dataclass

from hearth.consent.policy import (
    PURPOSE_WORDS,
    ConsentPolicy,
    Duty,
    Identifiers,
    LocationGrid,
    TimeRounding,
    Urls,
)
from hearth.vault.type_names import type_label

_TIME_WORDS = {
    TimeRounding.MINUTE: "times rounded to the minute",
    TimeRounding.HOUR: "hours rounded",
    TimeRounding.DAY: "days only, no times",
}
_GRID_WORDS = {
    LocationGrid.M100: "places blurred to about 100 m",
    LocationGrid.KM1: "places blurred to about 1 km",
    LocationGrid.KM10: "places blurred to about 10 km",
}


@dataclass(frozen=True)
class DataDescription:
    """What the summary calls the data: the dataset's name and the years it covers."""

    name: str  # "Apple Health"
    first_year: int | None = None
    last_year: int | None = None
    # Which privacy choices matter for this data: URL and title choices only for web visits,
    # location choices only for data with places.
    has_web_pages: bool = False
    has_locations: bool = False


def summarize(policy: ConsentPolicy, data: DataDescription, local_estimate: str = "") -> str:
    """The whole summary; `local_estimate` ("about €25 at the rate you entered") is appended
    to the price when the person set a rate."""
    if not policy.purposes:
        return "Nobody may use this data: no purpose is allowed yet."
    sentences = [_permission(policy, data, local_estimate)]
    sentences.extend(_buyer_sentences(policy))
    sentences.extend(_duty_sentences(policy))
    return " ".join(sentences)


def _permission(policy: ConsentPolicy, data: DataDescription, local_estimate: str) -> str:
    who = [PURPOSE_WORDS[p][0] for p in sorted(policy.purposes)]
    subject = _join([who[0], *(_lower_first(w) for w in who[1:])])
    parts = [f"{subject} may use your {_what(policy, data)}{_when(policy, data)}"]
    parts.extend(_privacy_phrases(policy, data))
    parts.append(f"for {_duration(policy.licence_days)}")
    if policy.price is None:
        parts.append("at a price you have not set yet")
    elif policy.price.units == 0:
        parts.append("for free")
    else:
        price = f"for {policy.price}"
        if local_estimate:
            price += f" ({local_estimate})"
        parts.append(price)
    return ", ".join(parts) + "."


def _what(policy: ConsentPolicy, data: DataDescription) -> str:
    types = [t for t in policy.scope.record_types if t not in policy.privacy.exclude_types]
    if types:
        return _join([type_label(t).lower() for t in types])
    return f"{data.name} data"


def _when(policy: ConsentPolicy, data: DataDescription) -> str:
    if policy.scope.dates:
        first, last = policy.scope.dates.first.year, policy.scope.dates.last.year
    elif data.first_year and data.last_year:
        first, last = data.first_year, data.last_year
    else:
        return ""
    return f" from {first}" if first == last else f" from {first}–{last}"


def _privacy_phrases(policy: ConsentPolicy, data: DataDescription) -> list[str]:
    privacy = policy.privacy
    phrases = []
    if privacy.daily_min_count:
        phrases.append(f"as daily totals of at least {privacy.daily_min_count} records")
    elif privacy.time in _TIME_WORDS:
        phrases.append(_TIME_WORDS[privacy.time])
    if data.has_locations and privacy.location in _GRID_WORDS:
        phrases.append(_GRID_WORDS[privacy.location])
    if data.has_locations and privacy.places_radius_m:
        phrases.append(f"nothing within {_metres(privacy.places_radius_m)} of your places")
    if privacy.identifiers is Identifiers.DROP:
        phrases.append("without device names")
    elif privacy.identifiers is Identifiers.PSEUDONYM:
        phrases.append("with device names replaced by codes")
    if data.has_web_pages and privacy.urls is Urls.DOMAIN:
        phrases.append("web addresses cut to the site")
    if data.has_web_pages and not privacy.titles:
        phrases.append("without page titles")
    if privacy.exclude_types:
        phrases.append(
            "leaving out " + _join([type_label(t).lower() for t in privacy.exclude_types])
        )
    if privacy.exclude_dates:
        phrases.append(
            "leaving out " + _join([_range(r.first, r.last) for r in privacy.exclude_dates])
        )
    return phrases


def _buyer_sentences(policy: ConsentPolicy) -> list[str]:
    sentences = []
    allow, deny = policy.buyers.allow, policy.buyers.deny
    if allow:
        sentences.append(f"Only {_join([short_address(a) for a in allow], 'or')} may buy it.")
    if deny:
        sentences.append(f"{_join([short_address(a) for a in deny], 'and')} may not buy it.")
    if policy.offer_expires:
        sentences.append(f"The offer ends on {policy.offer_expires.isoformat()}.")
    return sentences


def _duty_sentences(policy: ConsentPolicy) -> list[str]:
    nots = []
    if Duty.NO_RESALE in policy.duties:
        nots.append("resell it")
    if Duty.NO_REIDENTIFICATION in policy.duties:
        nots.append("try to find out who you are")
    sentences = []
    if nots:
        sentences.append(f"They may not {_join(nots, 'or')}.")
    if Duty.DELETE_ON_REQUEST in policy.duties:
        sentences.append("They must delete it when you ask.")
    return sentences


def short_address(address: str) -> str:
    """ "0xab…12": enough to recognise an address, short enough for a sentence."""
    return f"{address[:4]}…{address[-2:]}"


def _duration(days: int) -> str:
    if days % 365 == 0:
        years = days // 365
        return "1 year" if years == 1 else f"{years} years"
    if days % 30 == 0 and days < 365:
        months = days // 30
        return "1 month" if months == 1 else f"{months} months"
    return "1 day" if days == 1 else f"{days} days"


def _metres(metres: int) -> str:
    return f"{metres // 1000} km" if metres >= 1000 and metres % 1000 == 0 else f"{metres} m"


def _range(first: object, last: object) -> str:
    return f"{first}" if first == last else f"{first} to {last}"


def _lower_first(words: str) -> str:
    """ "Public health bodies" -> "public health bodies", but "AI developers" stays."""
    if words[1:2].isupper():
        return words
    return words[:1].lower() + words[1:]


def _join(items: list[str], word: str = "and") -> str:
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + f" {word} " + items[-1]
