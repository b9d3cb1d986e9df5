"""The plain-language summary: what a person reads before they agree."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest
from hypothesis import given

from hearth.consent.policy import (
    Buyers,
    ConsentPolicy,
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
from hearth.consent.summary import DataDescription, short_address, summarize

from .policies import ALICE, BOB, HEART_RATE, ISSUE_SENTENCE, issue_example, policies

APPLE = DataDescription("Apple Health", 2019, 2024)
BROWSER = DataDescription("Chrome history", 2023, 2023, has_web_pages=True)
TIMELINE = DataDescription("Google Timeline", 2018, 2022, has_locations=True)


def test_the_issue_example_reads_word_for_word() -> None:
    assert summarize(issue_example(), APPLE) == ISSUE_SENTENCE


def test_by_default_device_names_are_dropped_and_the_summary_says_so() -> None:
    dropped = replace(
        issue_example(), privacy=PrivacyChoices(time=TimeRounding.HOUR)
    )  # identifiers=DROP, the default
    assert summarize(dropped, APPLE) == ISSUE_SENTENCE.replace(
        "hours rounded,", "hours rounded, without device names,"
    )
    pseudonyms = replace(
        issue_example(),
        privacy=PrivacyChoices(identifiers=Identifiers.PSEUDONYM, time=TimeRounding.HOUR),
    )
    assert "with device names replaced by codes" in summarize(pseudonyms, APPLE)


def test_a_policy_with_no_purpose_says_nobody_may_use_the_data() -> None:
    assert summarize(ConsentPolicy(1), APPLE) == (
        "Nobody may use this data: no purpose is allowed yet."
    )


def test_several_purposes_are_one_subject() -> None:
    policy = replace(
        issue_example(), purposes=frozenset({Purpose.PUBLIC_HEALTH, Purpose.ACADEMIC_RESEARCH})
    )
    assert summarize(policy, APPLE).startswith(
        "Researchers at universities and public health bodies may use your heart rate"
    )
    three = replace(policy, purposes=frozenset(Purpose) - {Purpose.ADVERTISING})
    assert summarize(three, APPLE).startswith(
        "Researchers at universities, AI developers, companies improving their products and "
        "public health bodies may use"
    )


def test_without_a_scope_the_data_is_named_by_its_dataset_and_years() -> None:
    policy = replace(issue_example(), scope=Scope())
    assert summarize(policy, APPLE).startswith(
        "Researchers at universities may use your Apple Health data from 2019–2024, "
    )
    one_year = DataDescription("Apple Health", 2021, 2021)
    assert " data from 2021, " in summarize(policy, one_year)
    no_years = DataDescription("Apple Health")
    assert "your Apple Health data, hours rounded" in summarize(policy, no_years)


def test_several_record_types_are_listed_in_words() -> None:
    policy = replace(
        issue_example(),
        scope=Scope((HEART_RATE, "HKQuantityTypeIdentifierStepCount")),
    )
    assert "may use your heart rate and step count from 2019–2024" in summarize(policy, APPLE)


def test_an_excluded_type_is_not_named_as_shared_and_is_said_to_be_left_out() -> None:
    steps = "HKQuantityTypeIdentifierStepCount"
    policy = replace(
        issue_example(),
        scope=Scope((HEART_RATE, steps)),
        privacy=PrivacyChoices(identifiers=Identifiers.KEEP, exclude_types=(steps,)),
    )
    text = summarize(policy, APPLE)
    assert "may use your heart rate from" in text
    assert "leaving out step count" in text


@pytest.mark.parametrize(
    ("days", "words"),
    [
        (365, "1 year"),
        (730, "2 years"),
        (30, "1 month"),
        (90, "3 months"),
        (1, "1 day"),
        (45, "45 days"),
        (400, "400 days"),
    ],
)
def test_the_licence_length_is_in_words(days: int, words: str) -> None:
    policy = replace(issue_example(), licence_days=days)
    assert f", for {words}, for 0.01 ETH." in summarize(policy, APPLE)


def test_the_price_is_written_as_typed_free_or_not_yet_set() -> None:
    usdc = replace(issue_example(), price=Price.parse("2.50", parse_currency("USDC")))
    assert ", for 2.5 USDC." in summarize(usdc, APPLE)
    free = replace(issue_example(), price=Price(0, parse_currency("ETH")))
    assert ", for free." in summarize(free, APPLE)
    unset = replace(issue_example(), price=None)
    assert ", at a price you have not set yet." in summarize(unset, APPLE)


def test_a_local_estimate_follows_the_price_marked_as_an_estimate() -> None:
    text = summarize(issue_example(), APPLE, "about €25 at the rate you entered")
    assert "for 0.01 ETH (about €25 at the rate you entered)." in text


@pytest.mark.parametrize(
    ("rounding", "words"),
    [
        (TimeRounding.MINUTE, "times rounded to the minute"),
        (TimeRounding.HOUR, "hours rounded"),
        (TimeRounding.DAY, "days only, no times"),
    ],
)
def test_time_rounding_is_described(rounding: TimeRounding, words: str) -> None:
    policy = replace(
        issue_example(), privacy=PrivacyChoices(identifiers=Identifiers.KEEP, time=rounding)
    )
    assert f"from 2019–2024, {words}, for 1 year" in summarize(policy, APPLE)
    exact = replace(issue_example(), privacy=PrivacyChoices(identifiers=Identifiers.KEEP))
    assert "from 2019–2024, for 1 year" in summarize(exact, APPLE)


def test_daily_totals_replace_the_time_rounding_words() -> None:
    policy = replace(
        issue_example(),
        privacy=PrivacyChoices(
            identifiers=Identifiers.KEEP, time=TimeRounding.HOUR, daily_min_count=5
        ),
    )
    text = summarize(policy, APPLE)
    assert "as daily totals of at least 5 records" in text
    assert "hours rounded" not in text


def test_location_words_appear_only_for_data_with_places() -> None:
    policy = replace(
        issue_example(),
        scope=Scope(),
        privacy=PrivacyChoices(
            identifiers=Identifiers.KEEP, location=LocationGrid.KM1, places_radius_m=2000
        ),
    )
    text = summarize(policy, TIMELINE)
    assert "places blurred to about 1 km" in text
    assert "nothing within 2 km of your places" in text
    assert "blurred" not in summarize(policy, APPLE)
    assert "your places" not in summarize(policy, APPLE)
    metres = replace(policy, privacy=replace(policy.privacy, places_radius_m=250))
    assert "nothing within 250 m of your places" in summarize(metres, TIMELINE)


def test_web_words_appear_only_for_web_visits() -> None:
    policy = replace(issue_example(), scope=Scope(), privacy=PrivacyChoices(urls=Urls.DOMAIN))
    text = summarize(policy, BROWSER)
    assert "web addresses cut to the site" in text
    assert "without page titles" in text
    assert "web addresses" not in summarize(policy, APPLE)
    full = replace(policy, privacy=PrivacyChoices(urls=Urls.FULL, titles=True))
    assert "web addresses" not in summarize(full, BROWSER)
    assert "page titles" not in summarize(full, BROWSER)


def test_excluded_dates_are_listed() -> None:
    policy = replace(
        issue_example(),
        privacy=PrivacyChoices(
            identifiers=Identifiers.KEEP,
            exclude_dates=(
                DateRange.parse("2020-03-01..2020-03-31"),
                DateRange.parse("2021-12-25"),
            ),
        ),
    )
    assert "leaving out 2020-03-01 to 2020-03-31 and 2021-12-25" in summarize(policy, APPLE)


def test_buyer_rules_and_offer_end_are_their_own_sentences() -> None:
    policy = replace(
        issue_example(),
        buyers=Buyers(allow=(ALICE, BOB)),
        offer_expires=date(2030, 6, 30),
    )
    text = summarize(policy, APPLE)
    assert f"Only {short_address(ALICE)} or {short_address(BOB)} may buy it." in text
    assert "The offer ends on 2030-06-30." in text
    denied = replace(issue_example(), buyers=Buyers(deny=(BOB,)))
    assert f"{short_address(BOB)} may not buy it." in summarize(denied, APPLE)


def test_a_short_address_keeps_its_ends() -> None:
    assert short_address(ALICE) == "0xa1…a1"


def test_each_duty_is_said_and_none_is_said_when_absent() -> None:
    every = replace(issue_example(), duties=frozenset(Duty))
    assert summarize(every, APPLE).endswith(
        "They may not resell it or try to find out who you are. They must delete it when you ask."
    )
    resale_only = replace(issue_example(), duties=frozenset({Duty.NO_RESALE}))
    assert summarize(resale_only, APPLE).endswith("They may not resell it.")
    none = replace(issue_example(), duties=frozenset())
    assert summarize(none, APPLE).endswith("for 0.01 ETH.")


@given(policies)
def test_every_policy_has_a_summary_of_whole_sentences(policy: ConsentPolicy) -> None:
    text = summarize(policy, TIMELINE)
    assert text.endswith(".")
    assert "  " not in text and ", ," not in text and " ." not in text
    assert text[0].isupper()
