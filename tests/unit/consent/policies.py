"""Consent policies the consent tests share, and a hypothesis strategy for any valid one."""

from __future__ import annotations

from datetime import date

from hypothesis import strategies as st

from hearth.consent.policy import (
    Buyers,
    ConsentPolicy,
    Currency,
    DateRange,
    Duty,
    Identifiers,
    LocationGrid,
    Price,
    PrivacyChoices,
    Purpose,
    Scope,
    TimeRounding,
    Urls,
    parse_currency,
)

HEART_RATE = "HKQuantityTypeIdentifierHeartRate"
ALICE = "0x" + "a1" * 20
BOB = "0x" + "b0" * 20
USDC_TOKEN = "0xA0b86991c6218b36c1d19D4a2e9Eb0cE3606eB48"

# The issue's example sentence, word for word.
ISSUE_SENTENCE = (
    "Researchers at universities may use your heart rate from 2019–2024, hours rounded, "
    "for 1 year, for 0.01 ETH. They may not resell it or try to find out who you are."
)


def issue_example(dataset_id: int = 1) -> ConsentPolicy:
    """The policy behind the issue's example sentence. Device names are kept: with the
    default (dropped) the sentence gains ", without device names"."""
    return ConsentPolicy(
        dataset_id,
        purposes=frozenset({Purpose.ACADEMIC_RESEARCH}),
        scope=Scope((HEART_RATE,), DateRange(date(2019, 1, 1), date(2024, 12, 31))),
        duties=frozenset({Duty.NO_RESALE, Duty.NO_REIDENTIFICATION}),
        price=Price.parse("0.01", parse_currency("ETH")),
        privacy=PrivacyChoices(identifiers=Identifiers.KEEP, time=TimeRounding.HOUR),
    )


def sellable(dataset_id: int, price: str = "0.01") -> ConsentPolicy:
    """A policy that allows a sale: one purpose and a price."""
    return ConsentPolicy(
        dataset_id,
        purposes=frozenset({Purpose.ACADEMIC_RESEARCH}),
        price=Price.parse(price, parse_currency("ETH")),
    )


_addresses = st.text("0123456789abcdef", min_size=40, max_size=40).map(lambda h: "0x" + h)
_days = st.dates(min_value=date(2000, 1, 1), max_value=date(2040, 12, 31))
_ranges = st.tuples(_days, _days).map(lambda pair: DateRange(min(pair), max(pair)))
_type_names = st.sampled_from(
    [HEART_RATE, "HKQuantityTypeIdentifierStepCount", "browser.visit", "location.point"]
)
_currencies = st.one_of(
    st.sampled_from([Currency("ETH", 18), Currency("USDC", 6, USDC_TOKEN)]),
    st.builds(
        Currency,
        # Symbols as tokens have them ("USDC.e"); a bare "." is allowed but reads as nothing.
        st.from_regex(r"[A-Za-z]([A-Za-z0-9.]{0,9}[A-Za-z0-9])?", fullmatch=True),
        st.integers(0, 36),
        st.one_of(st.none(), _addresses),
    ),
)

privacy_choices = st.builds(
    PrivacyChoices,
    identifiers=st.sampled_from(Identifiers),
    time=st.sampled_from(TimeRounding),
    location=st.sampled_from(LocationGrid),
    places_radius_m=st.integers(0, 100_000),
    exclude_types=st.lists(_type_names, max_size=3).map(tuple),
    exclude_dates=st.lists(_ranges, max_size=3).map(tuple),
    daily_min_count=st.integers(0, 1_000_000),
    urls=st.sampled_from(Urls),
    titles=st.booleans(),
)

policies = st.builds(
    ConsentPolicy,
    dataset_id=st.integers(1, 10_000),
    purposes=st.frozensets(st.sampled_from(Purpose)),
    scope=st.builds(
        Scope,
        st.lists(_type_names, max_size=3).map(tuple),
        st.one_of(st.none(), _ranges),
    ),
    buyers=st.builds(
        Buyers,
        st.lists(_addresses, max_size=3).map(tuple),
        st.lists(_addresses, max_size=3).map(tuple),
    ),
    licence_days=st.integers(1, 36_500),
    offer_expires=st.one_of(st.none(), _days),
    duties=st.frozensets(st.sampled_from(Duty)),
    price=st.one_of(st.none(), st.builds(Price, st.integers(0, 10**30), _currencies)),
    privacy=privacy_choices,
)
