"""Amounts of coin and tokens, in words ("0.01 ETH") and in the chain's smallest units."""

from __future__ import annotations

from decimal import ROUND_CEILING, Decimal, localcontext
from typing import Protocol

# Enough digits for any uint256 with 36 decimals.
_PRECISION = 100


class LocalRate(Protocol):
    """A person's own estimate of what one coin is worth locally ("1 ETH is about 2500 EUR");
    `hearth.consent.rates.ExchangeRate` is one."""

    @property
    def symbol(self) -> str: ...

    @property
    def local(self) -> str: ...

    @property
    def rate(self) -> Decimal: ...


def in_coins(units: int, decimals: int) -> Decimal:
    """``units`` of the smallest denomination as a number of whole coins."""
    with localcontext() as ctx:
        ctx.prec = _PRECISION
        return Decimal(units).scaleb(-decimals)


def to_units(amount: Decimal, decimals: int) -> int:
    """Whole coins to the smallest units, rounding a fraction of a unit up."""
    with localcontext() as ctx:
        ctx.prec = _PRECISION
        return int(amount.scaleb(decimals).to_integral_value(rounding=ROUND_CEILING))


def amount_text(units: int, decimals: int, symbol: str) -> str:
    """``1230000000000000, 18, "ETH"`` -> ``"0.00123 ETH"``: every significant digit, no more."""
    number = in_coins(units, decimals)
    text = format(number, "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return f"{text} {symbol}"


def local_text(units: int, decimals: int, rate: LocalRate) -> str:
    """The same amount as an estimate in the person's currency: ``"about 3.08 EUR"``."""
    value = in_coins(units, decimals) * rate.rate
    if value != 0 and abs(value) < Decimal("0.01"):
        return f"less than 0.01 {rate.local}"
    return f"about {value.quantize(Decimal('0.01')):f} {rate.local}"
