"""The exchange rate a member enters for price estimates: kept per member and coin, never
part of the terms."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from hearth.consent.policy import KNOWN_CURRENCIES, Price
from hearth.consent.rates import estimate, estimate_words, rate_of, set_rate
from hearth.errors import UsageError
from hearth.vault import Role, Vault
from tests.conftest import OWNER, PASSPHRASE

BO_PASSPHRASE = "maple kettle harbour wind"


def test_a_rate_is_kept_per_member_and_replaced_when_entered_again(
    vault: Vault, vault_path: Path
) -> None:
    assert rate_of(vault, "ETH") is None
    set_rate(vault, "eth", "eur", "2500")
    set_rate(vault, "ETH", "USD", "2700.50")
    kept = rate_of(vault, "ETH")
    assert kept is not None
    assert (kept.symbol, kept.local, kept.rate, kept.source) == (
        "ETH",
        "USD",
        Decimal("2700.5"),
        "entered",
    )
    assert rate_of(vault, "USDC") is None
    vault.add_member("Bo", Role.ADULT, BO_PASSPHRASE)
    vault.close()
    with Vault.unlock(vault_path, "Bo", BO_PASSPHRASE) as bo:
        assert rate_of(bo, "ETH") is None, "Bo's estimates are his own"
    with Vault.unlock(vault_path, OWNER, PASSPHRASE) as again:
        assert again.audit_entries(action="exchange_rate.set")[-1].details == {
            "symbol": "ETH",
            "local": "USD",
        }


@pytest.mark.parametrize(
    ("local", "rate", "sentence"),
    [
        ("EUR", "-3", "An exchange rate is a number above zero."),
        ("EUR", "0", "An exchange rate is a number above zero."),
        ("EUR", "lots", "'lots' is not a number."),
        ("EURO", "2", "'EURO' is not a currency code; write three letters, such as EUR."),
    ],
)
def test_a_bad_rate_is_one_sentence_and_changes_nothing(
    vault: Vault, local: str, rate: str, sentence: str
) -> None:
    set_rate(vault, "ETH", "EUR", "2000")
    with pytest.raises(UsageError) as refused:
        set_rate(vault, "ETH", local, rate)
    assert str(refused.value) == sentence
    kept = rate_of(vault, "ETH")
    assert kept is not None and kept.rate == Decimal(2000)


def test_the_estimate_is_the_price_times_the_rate_to_the_cent(vault: Vault) -> None:
    rate = set_rate(vault, "ETH", "EUR", "2500")
    price = Price.parse("0.0123", KNOWN_CURRENCIES["ETH"])
    assert estimate(price, rate) == Decimal("30.75")
    assert estimate_words(price, rate) == "about 30.75 EUR at the rate you entered"
