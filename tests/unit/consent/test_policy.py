"""The consent policy model: exact prices, checked addresses, a storage form that round-trips."""

from __future__ import annotations

import json
import re
from datetime import date, timedelta
from decimal import Decimal

import pytest
from hypothesis import given

from hearth.consent.policy import (
    Buyers,
    ConsentPolicy,
    Currency,
    DateRange,
    Duty,
    Identifiers,
    Price,
    PrivacyChoices,
    Purpose,
    Scope,
    TimeRounding,
    checked_address,
    parse_currency,
    parse_date,
    parse_purpose,
)
from hearth.errors import BadInput, UsageError

from .policies import ALICE, BOB, USDC_TOKEN, issue_example, policies, sellable

ETH = parse_currency("ETH")
USDC = parse_currency("USDC")


# ------------------------------------------------------------------ prices


@pytest.mark.parametrize(
    ("amount", "currency", "units"),
    [
        ("0.01", ETH, 10**16),
        ("1", ETH, 10**18),
        ("0.000000000000000001", ETH, 1),
        ("  2.5 ", USDC, 2_500_000),
        ("0.000001", USDC, 1),
        ("0", USDC, 0),
        ("1e-6", USDC, 1),
        ("12345678901234567890.5", USDC, 12345678901234567890_500000),
    ],
)
def test_a_price_is_kept_exactly_in_the_smallest_unit(
    amount: str, currency: Currency, units: int
) -> None:
    price = Price.parse(amount, currency)
    assert price.units == units
    assert price.amount == Decimal(amount.strip())


def test_a_price_reads_back_as_the_person_typed_it() -> None:
    assert str(Price.parse("0.01", ETH)) == "0.01 ETH"
    assert str(Price.parse("10", ETH)) == "10 ETH"  # not "1E+1 ETH"
    assert str(Price.parse("2.50", USDC)) == "2.5 USDC"
    assert str(Price.parse("0.000000000000000001", ETH)) == "0.000000000000000001 ETH"


def test_more_decimals_than_the_currency_has_are_refused() -> None:
    with pytest.raises(UsageError, match=re.escape("USDC has 6 decimals; '0.0000001' has more")):
        Price.parse("0.0000001", USDC)
    with pytest.raises(UsageError, match="18 decimals"):
        Price.parse("0.0000000000000000001", ETH)


@pytest.mark.parametrize("amount", ["-1", "-0.01", "NaN", "Infinity", "-Infinity"])
def test_a_negative_or_endless_amount_is_not_a_price(amount: str) -> None:
    with pytest.raises(UsageError, match="is not a price"):
        Price.parse(amount, ETH)


@pytest.mark.parametrize("amount", ["", "ten", "0,01", "1 ETH", "0x10"])
def test_text_that_is_not_a_number_is_not_an_amount(amount: str) -> None:
    with pytest.raises(UsageError, match="is not an amount"):
        Price.parse(amount, ETH)


def test_a_price_built_in_code_cannot_be_negative() -> None:
    with pytest.raises(UsageError, match="cannot be negative"):
        Price(-1, ETH)


# ------------------------------------------------------------------ currencies


def test_known_currencies_need_no_decimals_and_match_in_any_case() -> None:
    assert parse_currency("eth") == Currency("ETH", 18)
    assert parse_currency("usdc") == Currency("USDC", 6)
    assert parse_currency("xdai").symbol == "xDAI"


def test_another_currency_needs_its_decimals() -> None:
    with pytest.raises(UsageError, match="Say how many decimals DAI has"):
        parse_currency("DAI")
    dai = parse_currency("DAI", decimals=18, token=USDC_TOKEN)
    assert dai == Currency("DAI", 18, USDC_TOKEN.lower())


def test_a_known_symbol_with_a_token_is_that_token() -> None:
    bridged = parse_currency("USDC", decimals=6, token=USDC_TOKEN)
    assert bridged.token == USDC_TOKEN.lower()


@pytest.mark.parametrize("symbol", ["", "TOO-LONG-SYMBOL", "E T H", "ETH$"])
def test_a_currency_symbol_is_short_and_plain(symbol: str) -> None:
    with pytest.raises(UsageError):
        Currency(symbol)


@pytest.mark.parametrize("decimals", [-1, 37])
def test_decimals_stay_between_0_and_36(decimals: int) -> None:
    with pytest.raises(UsageError, match="between 0 and 36"):
        Currency("TOK", decimals)


# ------------------------------------------------------------------ addresses and buyers


def test_an_address_is_lower_cased_and_trimmed() -> None:
    assert checked_address(f"  {USDC_TOKEN} ") == USDC_TOKEN.lower()


@pytest.mark.parametrize(
    "text",
    [
        "",
        "0x",
        "a1" * 20,  # no 0x
        "0x" + "a1" * 19,  # 39 bytes
        "0x" + "a1" * 21,
        "0x" + "g1" * 20,
        "0X" + "a1" * 20,
        "vitalik.eth",
    ],
)
def test_anything_but_0x_and_40_hex_digits_is_not_an_address(text: str) -> None:
    with pytest.raises(UsageError, match="is not an Ethereum address"):
        checked_address(text)


def test_buyer_lists_are_sorted_deduplicated_and_lower_cased() -> None:
    buyers = Buyers(allow=(BOB.upper().replace("0X", "0x"), ALICE, BOB))
    assert buyers.allow == (ALICE, BOB)


def test_anyone_may_buy_unless_denied_and_the_deny_list_wins() -> None:
    assert Buyers().admits(ALICE)
    assert not Buyers(deny=(ALICE,)).admits(ALICE)
    only_alice = Buyers(allow=(ALICE,))
    assert only_alice.admits(ALICE.upper().replace("0X", "0x"))
    assert not only_alice.admits(BOB)
    assert not Buyers(allow=(ALICE,), deny=(ALICE,)).admits(ALICE)


def test_a_bad_address_in_a_buyer_list_is_refused() -> None:
    with pytest.raises(UsageError, match="not an Ethereum address"):
        Buyers(allow=("0x1234",))


# ------------------------------------------------------------------ dates, purposes


def test_a_date_range_is_inclusive_and_one_date_is_one_day() -> None:
    assert DateRange.parse("2019-01-01..2024-12-31") == DateRange(
        date(2019, 1, 1), date(2024, 12, 31)
    )
    assert DateRange.parse("2020-02-29") == DateRange(date(2020, 2, 29), date(2020, 2, 29))
    assert str(DateRange.parse("2019-01-01..2024-12-31")) == "2019-01-01..2024-12-31"


def test_a_range_that_ends_before_it_starts_is_refused() -> None:
    with pytest.raises(UsageError, match="ends before it starts"):
        DateRange.parse("2024-01-01..2019-01-01")


@pytest.mark.parametrize("text", ["2019-13-01", "01/02/2020", "yesterday", ""])
def test_a_date_is_written_yyyy_mm_dd(text: str) -> None:
    with pytest.raises(UsageError, match="YYYY-MM-DD"):
        parse_date(text)


def test_purposes_come_from_the_fixed_vocabulary() -> None:
    assert parse_purpose(" Academic-Research ") is Purpose.ACADEMIC_RESEARCH
    with pytest.raises(UsageError) as refused:
        parse_purpose("marketing")
    for purpose in Purpose:
        assert purpose.value in str(refused.value)


# ------------------------------------------------------------------ the policy


def test_a_new_policy_allows_nothing_and_protects_by_default() -> None:
    policy = ConsentPolicy(1)
    assert policy.purposes == frozenset()
    assert policy.price is None
    assert policy.duties == frozenset(Duty)
    assert policy.privacy.identifiers is Identifiers.DROP
    assert policy.privacy.titles is False
    assert policy.refusal() == "The policy allows no purpose yet: choose at least one."


def test_the_refusal_names_the_rule_that_refuses() -> None:
    no_price = ConsentPolicy(1, purposes=frozenset({Purpose.PUBLIC_HEALTH}))
    assert no_price.refusal() == "The policy has no price yet."
    policy = sellable(1).with_changes(buyers=Buyers(deny=(BOB,)))
    assert policy.refusal() is None
    assert policy.refusal(Purpose.ACADEMIC_RESEARCH, ALICE) is None
    assert policy.refusal(Purpose.ADVERTISING) == (
        "The policy does not allow the purpose 'advertising'."
    )
    assert policy.refusal(buyer=BOB) == f"The policy does not allow {BOB} to buy."
    yesterday = date.today() - timedelta(days=1)
    expired = policy.with_changes(offer_expires=yesterday)
    assert expired.refusal() == f"The offer expired on {yesterday.isoformat()}."
    assert policy.with_changes(offer_expires=date.today()).refusal() is None


@pytest.mark.parametrize("days", [0, -1, 36_501])
def test_a_licence_lasts_between_a_day_and_a_century(days: int) -> None:
    with pytest.raises(UsageError, match="between 1 day and 100 years"):
        ConsentPolicy(1, licence_days=days)


def test_privacy_choices_are_bounded() -> None:
    with pytest.raises(UsageError, match="between 0 and 100 km"):
        PrivacyChoices(places_radius_m=100_001)
    with pytest.raises(UsageError, match="minimum count"):
        PrivacyChoices(daily_min_count=-1)


def test_equal_choices_given_in_another_order_make_an_equal_policy() -> None:
    a = ConsentPolicy(
        1,
        scope=Scope(("b", "a", "a")),
        buyers=Buyers(allow=(BOB, ALICE)),
        privacy=PrivacyChoices(
            exclude_types=("y", "x"),
            exclude_dates=(DateRange.parse("2021-01-01"), DateRange.parse("2020-01-01")),
        ),
    )
    b = ConsentPolicy(
        1,
        scope=Scope(("a", "b")),
        buyers=Buyers(allow=(ALICE, BOB)),
        privacy=PrivacyChoices(
            exclude_types=("x", "y"),
            exclude_dates=(DateRange.parse("2020-01-01"), DateRange.parse("2021-01-01")),
        ),
    )
    assert a == b
    assert a.to_json() == b.to_json()


# ------------------------------------------------------------------ storage form


def test_the_issue_example_round_trips_through_json_text() -> None:
    policy = issue_example()
    stored = json.dumps(policy.to_json())
    assert ConsentPolicy.from_json(json.loads(stored)) == policy
    assert json.loads(stored)["price"] == {
        "units": "10000000000000000",  # a string: JSON numbers lose digits in other readers
        "symbol": "ETH",
        "decimals": 18,
        "token": None,
    }
    assert json.loads(stored)["privacy"]["time"] == TimeRounding.HOUR.value


@given(policies)
def test_every_policy_round_trips_through_its_storage_form(policy: ConsentPolicy) -> None:
    stored = json.loads(json.dumps(policy.to_json()))
    assert ConsentPolicy.from_json(stored) == policy
    assert ConsentPolicy.from_json(stored).to_json() == policy.to_json()


def test_a_policy_from_another_format_is_refused() -> None:
    stored = issue_example().to_json()
    stored["format"] = 99
    with pytest.raises(BadInput, match="different Hearth"):
        ConsentPolicy.from_json(stored)


@pytest.mark.parametrize(
    "damage",
    [
        lambda d: d.pop("price"),
        lambda d: d.update(purposes=["telepathy"]),
        lambda d: d["privacy"].update(time="fortnight"),
        lambda d: d.update(licence_days="a year"),
        lambda d: d.update(buyers=None),
    ],
)
def test_a_damaged_stored_policy_is_bad_input_not_a_crash(damage: object) -> None:
    stored = issue_example().to_json()
    damage(stored)  # type: ignore[operator]
    with pytest.raises(BadInput, match="not readable"):
        ConsentPolicy.from_json(stored)
