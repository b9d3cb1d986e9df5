"""The exchange rate a member entered ("1 ETH is about 2500 EUR") for price estimates.

A rate is only ever shown as an estimate next to a price: it is never part of the terms, the
ODRL document or the terms hash. One rate per member and coin; entering a new one replaces it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from hearth.consent.policy import Price
from hearth.errors import NotAllowed, UsageError
from hearth.vault import Member, Vault
from hearth.vault.audit import now_iso

ENTERED = "entered"  # the `source` of a rate the person typed in themselves


@dataclass(frozen=True)
class ExchangeRate:
    symbol: str  # the price's currency ("ETH")
    local: str  # the person's own currency ("EUR")
    rate: Decimal  # how many `local` one `symbol` is worth, by the person's estimate
    source: str
    as_of: str


def rate_of(vault: Vault, symbol: str) -> ExchangeRate | None:
    """The acting member's rate for ``symbol``, or None when they entered none."""
    member = _acting(vault)
    with vault.reading() as conn:
        row = conn.execute(
            "SELECT symbol, local, rate, source, as_of FROM exchange_rates "
            "WHERE member_id = ? AND symbol = ?",
            (member.id, symbol.upper()),
        ).fetchone()
    if row is None:
        return None
    return ExchangeRate(row[0], row[1], Decimal(row[2]), row[3], row[4])


def set_rate(vault: Vault, symbol: str, local: str, rate: str) -> ExchangeRate:
    """Remember that one ``symbol`` is about ``rate`` ``local`` (both as typed)."""
    member = _acting(vault)
    symbol, local = symbol.strip().upper(), local.strip().upper()
    if not re.fullmatch(r"[A-Z0-9.]{1,11}", symbol):
        raise UsageError(f"'{symbol}' is not a currency symbol.")
    if not re.fullmatch(r"[A-Z]{3}", local):
        raise UsageError(f"'{local}' is not a currency code; write three letters, such as EUR.")
    value = parse_rate(rate)
    as_of = now_iso()
    with vault.writing() as conn:
        conn.execute(
            "INSERT INTO exchange_rates (member_id, symbol, local, rate, source, as_of) "
            "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (member_id, symbol) DO UPDATE SET "
            "local = excluded.local, rate = excluded.rate, source = excluded.source, "
            "as_of = excluded.as_of",
            (member.id, symbol, local, format(value, "f"), ENTERED, as_of),
        )
        vault.audit("exchange_rate.set", {"symbol": symbol, "local": local})
    return ExchangeRate(symbol, local, value, ENTERED, as_of)


def parse_rate(text: str) -> Decimal:
    """A positive number as typed ("2500", "2500.5"); anything else is one plain sentence."""
    try:
        value = Decimal(text.strip())
    except InvalidOperation:
        raise UsageError(f"'{text}' is not a number.") from None
    if not value.is_finite() or value <= 0:
        raise UsageError("An exchange rate is a number above zero.")
    return value.normalize()


def estimate(price: Price, rate: ExchangeRate) -> Decimal:
    """The price in the person's own currency at their rate, to the cent."""
    return (price.amount * rate.rate).quantize(Decimal("0.01"))


def estimate_words(price: Price, rate: ExchangeRate) -> str:
    """What the plain-language summary appends to the price: "about 25.00 EUR at the rate
    you entered"."""
    return f"about {estimate(price, rate)} {rate.local} at the rate you entered"


def _acting(vault: Vault) -> Member:
    if vault.member is None:
        raise NotAllowed("Unlock with your own passphrase to keep exchange rates.")
    return vault.member
