"""A person's consent for one dataset: who may use it, for what, for how long, at what price,
and with which privacy choices applied before anything leaves the vault.

`ConsentPolicy` is the one object everything else reads: the ODRL document and its terms hash
(`odrl.py`), the plain-language summary (`summary.py`), the package builder's transforms
(`transforms.py`) and the stored history (`store.py`). It is immutable; an edit makes a new one.
Purposes start empty ("everything off until chosen"); the privacy choices start protective.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from datetime import date
from decimal import Decimal, InvalidOperation
from enum import StrEnum
from typing import Any

from hearth.errors import BadInput, UsageError

POLICY_FORMAT = 1


class Purpose(StrEnum):
    ACADEMIC_RESEARCH = "academic-research"
    PUBLIC_HEALTH = "public-health"
    PRODUCT_RESEARCH = "product-research"
    AI_TRAINING = "ai-training"
    ADVERTISING = "advertising"


# Who the purpose lets in, as the summary's sentence starts, and a one-line explanation.
PURPOSE_WORDS: dict[Purpose, tuple[str, str]] = {
    Purpose.ACADEMIC_RESEARCH: (
        "Researchers at universities",
        "Studies at universities and research institutes that publish what they find.",
    ),
    Purpose.PUBLIC_HEALTH: (
        "Public health bodies",
        "Health agencies and charities tracking illness and wellbeing in the population.",
    ),
    Purpose.PRODUCT_RESEARCH: (
        "Companies improving their products",
        "Firms studying how people use devices and services to make them better.",
    ),
    Purpose.AI_TRAINING: (
        "AI developers",
        "Training or testing machine-learning models.",
    ),
    Purpose.ADVERTISING: (
        "Advertisers",
        "Choosing or measuring advertising, including ads shown to people like you.",
    ),
}


class Duty(StrEnum):
    NO_REIDENTIFICATION = "no-reidentification"
    NO_RESALE = "no-resale"
    DELETE_ON_REQUEST = "delete-on-request"


class Identifiers(StrEnum):
    DROP = "drop"  # no device or source names at all
    PSEUDONYM = "pseudonym"  # a stable random-looking name per source, different per buyer
    KEEP = "keep"


class TimeRounding(StrEnum):
    EXACT = "exact"
    MINUTE = "minute"
    HOUR = "hour"
    DAY = "day"


class LocationGrid(StrEnum):
    EXACT = "exact"
    M100 = "100m"
    KM1 = "1km"
    KM10 = "10km"


class Urls(StrEnum):
    FULL = "full"
    DOMAIN = "domain"


@dataclass(frozen=True)
class DateRange:
    """Inclusive calendar days."""

    first: date
    last: date

    def __post_init__(self) -> None:
        if self.last < self.first:
            raise UsageError(f"The date range {self} ends before it starts.")

    def __str__(self) -> str:
        return f"{self.first.isoformat()}..{self.last.isoformat()}"

    @classmethod
    def parse(cls, text: str) -> DateRange:
        """ "2019-01-01..2024-12-31" (one date alone is that one day)."""
        first, _, last = text.partition("..")
        return cls(parse_date(first), parse_date(last or first))


@dataclass(frozen=True)
class Currency:
    """What the price is paid in: the chain's own coin (token None) or an ERC-20 token."""

    symbol: str
    decimals: int = 18
    token: str | None = None

    def __post_init__(self) -> None:
        if not re.fullmatch(r"[A-Za-z0-9.]{1,11}", self.symbol):
            raise UsageError(f"'{self.symbol}' is not a currency symbol.")
        if not 0 <= self.decimals <= 36:
            raise UsageError("A currency has between 0 and 36 decimals.")
        if self.token is not None:
            object.__setattr__(self, "token", checked_address(self.token))


# The currencies a person can pick without typing a token address; the network decides which
# ERC-20 address applies when an offer is made (issue: marketplace).
KNOWN_CURRENCIES: dict[str, Currency] = {
    "ETH": Currency("ETH", 18),
    "XDAI": Currency("xDAI", 18),
    "POL": Currency("POL", 18),
    "USDC": Currency("USDC", 6),
}


@dataclass(frozen=True)
class Price:
    """An amount in the currency's smallest unit (wei for ETH), so it is exact."""

    units: int
    currency: Currency

    def __post_init__(self) -> None:
        if self.units < 0:
            raise UsageError("A price cannot be negative.")

    @classmethod
    def parse(cls, amount: str, currency: Currency) -> Price:
        """ "0.01" ETH -> 10**16 wei; more decimals than the currency has is refused."""
        try:
            value = Decimal(amount.strip())
        except InvalidOperation:
            raise UsageError(f"'{amount}' is not an amount.") from None
        if not value.is_finite() or value < 0:
            raise UsageError(f"'{amount}' is not a price.")
        units = value.scaleb(currency.decimals)
        if units != units.to_integral_value():
            raise UsageError(
                f"{currency.symbol} has {currency.decimals} decimals; '{amount}' has more."
            )
        return cls(int(units), currency)

    @property
    def amount(self) -> Decimal:
        return Decimal(self.units).scaleb(-self.currency.decimals).normalize()

    def __str__(self) -> str:
        return f"{format(self.amount, 'f')} {self.currency.symbol}"


@dataclass(frozen=True)
class Buyers:
    """Anyone (empty allow list) or only the listed addresses; the deny list always wins."""

    allow: tuple[str, ...] = ()
    deny: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        object.__setattr__(self, "allow", tuple(sorted({checked_address(a) for a in self.allow})))
        object.__setattr__(self, "deny", tuple(sorted({checked_address(a) for a in self.deny})))

    def admits(self, address: str) -> bool:
        address = checked_address(address)
        if address in self.deny:
            return False
        return not self.allow or address in self.allow


@dataclass(frozen=True)
class Scope:
    """Which part of the dataset: some record types (empty = all) and a date range."""

    record_types: tuple[str, ...] = ()
    dates: DateRange | None = None

    def __post_init__(self) -> None:
        object.__setattr__(self, "record_types", tuple(sorted(set(self.record_types))))


@dataclass(frozen=True)
class PrivacyChoices:
    """What is removed or coarsened when a package is built (the vault never changes)."""

    identifiers: Identifiers = Identifiers.DROP
    time: TimeRounding = TimeRounding.EXACT
    location: LocationGrid = LocationGrid.EXACT
    # Drop every point within this many metres of the places the person marked (0 = off).
    # The places themselves stay in the vault; the policy only says that the rule applies.
    places_radius_m: int = 0
    exclude_types: tuple[str, ...] = ()
    exclude_dates: tuple[DateRange, ...] = ()
    # Daily summaries instead of records, with at least this many records per bucket (0 = off).
    daily_min_count: int = 0
    urls: Urls = Urls.DOMAIN
    titles: bool = False  # page titles kept

    def __post_init__(self) -> None:
        object.__setattr__(self, "exclude_types", tuple(sorted(set(self.exclude_types))))
        object.__setattr__(self, "exclude_dates", tuple(sorted(set(self.exclude_dates), key=str)))
        if not 0 <= self.places_radius_m <= 100_000:
            raise UsageError("The distance around your places must be between 0 and 100 km.")
        if not 0 <= self.daily_min_count <= 1_000_000:
            raise UsageError("The minimum count per day must be between 0 and 1,000,000.")


@dataclass(frozen=True)
class ConsentPolicy:
    dataset_id: int
    purposes: frozenset[Purpose] = frozenset()
    scope: Scope = field(default_factory=Scope)
    buyers: Buyers = field(default_factory=Buyers)
    licence_days: int = 365
    offer_expires: date | None = None
    duties: frozenset[Duty] = frozenset(Duty)
    price: Price | None = None
    privacy: PrivacyChoices = field(default_factory=PrivacyChoices)

    def __post_init__(self) -> None:
        if not 1 <= self.licence_days <= 36_500:
            raise UsageError("A licence lasts between 1 day and 100 years.")

    def with_changes(self, **changes: Any) -> ConsentPolicy:
        return replace(self, **changes)

    def refusal(self, purpose: Purpose | None = None, buyer: str | None = None) -> str | None:
        """Why this policy does not allow a sale (for that purpose, to that buyer), or None."""
        if not self.purposes:
            return "The policy allows no purpose yet: choose at least one."
        if purpose is not None and purpose not in self.purposes:
            return f"The policy does not allow the purpose '{purpose.value}'."
        if self.price is None:
            return "The policy has no price yet."
        if buyer is not None and not self.buyers.admits(buyer):
            return f"The policy does not allow {buyer} to buy."
        if self.offer_expires is not None and self.offer_expires < date.today():
            return f"The offer expired on {self.offer_expires.isoformat()}."
        return None

    # ------------------------------------------------------------ storage form

    def to_json(self) -> dict[str, Any]:
        """Hearth's own storage form (the ODRL document is derived from it, not the reverse)."""
        privacy = self.privacy
        return {
            "format": POLICY_FORMAT,
            "dataset_id": self.dataset_id,
            "purposes": sorted(p.value for p in self.purposes),
            "record_types": list(self.scope.record_types),
            "dates": str(self.scope.dates) if self.scope.dates else None,
            "buyers": {"allow": list(self.buyers.allow), "deny": list(self.buyers.deny)},
            "licence_days": self.licence_days,
            "offer_expires": self.offer_expires.isoformat() if self.offer_expires else None,
            "duties": sorted(d.value for d in self.duties),
            "price": None
            if self.price is None
            else {
                "units": str(self.price.units),
                "symbol": self.price.currency.symbol,
                "decimals": self.price.currency.decimals,
                "token": self.price.currency.token,
            },
            "privacy": {
                "identifiers": privacy.identifiers.value,
                "time": privacy.time.value,
                "location": privacy.location.value,
                "places_radius_m": privacy.places_radius_m,
                "exclude_types": list(privacy.exclude_types),
                "exclude_dates": [str(r) for r in privacy.exclude_dates],
                "daily_min_count": privacy.daily_min_count,
                "urls": privacy.urls.value,
                "titles": privacy.titles,
            },
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> ConsentPolicy:
        try:
            if data.get("format") != POLICY_FORMAT:
                raise BadInput("This consent policy was written by a different Hearth.")
            price = data["price"]
            privacy = data["privacy"]
            dates = data["dates"]
            expires = data["offer_expires"]
            return cls(
                dataset_id=int(data["dataset_id"]),
                purposes=frozenset(Purpose(p) for p in data["purposes"]),
                scope=Scope(tuple(data["record_types"]), DateRange.parse(dates) if dates else None),
                buyers=Buyers(tuple(data["buyers"]["allow"]), tuple(data["buyers"]["deny"])),
                licence_days=int(data["licence_days"]),
                offer_expires=parse_date(expires) if expires else None,
                duties=frozenset(Duty(d) for d in data["duties"]),
                price=None
                if price is None
                else Price(
                    int(price["units"]),
                    Currency(price["symbol"], int(price["decimals"]), price["token"]),
                ),
                privacy=PrivacyChoices(
                    identifiers=Identifiers(privacy["identifiers"]),
                    time=TimeRounding(privacy["time"]),
                    location=LocationGrid(privacy["location"]),
                    places_radius_m=int(privacy["places_radius_m"]),
                    exclude_types=tuple(privacy["exclude_types"]),
                    exclude_dates=tuple(DateRange.parse(r) for r in privacy["exclude_dates"]),
                    daily_min_count=int(privacy["daily_min_count"]),
                    urls=Urls(privacy["urls"]),
                    titles=bool(privacy["titles"]),
                ),
            )
        except (KeyError, TypeError, ValueError, AttributeError) as exc:
            raise BadInput(f"This consent policy is not readable ({exc}).") from None


# ------------------------------------------------------------------ small parsers


_ADDRESS = re.compile(r"0x[0-9a-fA-F]{40}")


def checked_address(text: str) -> str:
    """An Ethereum address in lower case (so lists compare and hash the same however typed)."""
    text = text.strip()
    if not _ADDRESS.fullmatch(text):
        raise UsageError(f"'{text}' is not an Ethereum address (0x and 40 hexadecimal digits).")
    return text.lower()


def parse_date(text: str) -> date:
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise UsageError(f"'{text}' is not a date (write it as YYYY-MM-DD).") from None


def parse_purpose(text: str) -> Purpose:
    try:
        return Purpose(text.strip().lower())
    except ValueError:
        known = ", ".join(p.value for p in Purpose)
        raise UsageError(f"'{text}' is not a purpose; the purposes are {known}.") from None


def parse_currency(
    symbol: str, *, decimals: int | None = None, token: str | None = None
) -> Currency:
    """A known symbol ("ETH", "USDC"), or any symbol with its decimals and token address."""
    known = KNOWN_CURRENCIES.get(symbol.strip().upper())
    if known and decimals is None and token is None:
        return known
    if decimals is None:
        raise UsageError(f"Say how many decimals {symbol} has.")
    return Currency(symbol.strip(), decimals, token)
