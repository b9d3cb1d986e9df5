"""Sellers and buyers for the marketplace tests: vaults with a wallet, a dataset and terms."""

from __future__ import annotations

from pathlib import Path

from hearth.consent.policy import (
    Buyers,
    ConsentPolicy,
    Price,
    Purpose,
    parse_currency,
)
from hearth.consent.store import set_policy
from hearth.importers.pipeline import import_path
from hearth.vault import Vault
from hearth.wallet import accounts
from hearth.wallet.info import wallet_info
from hearth.wallet.signing import SigningRequest
from tests.unit.importers.apple_samples import write_heart_rates

PRICE = "0.01"
PRICE_WEI = 10**16


class Approvals:
    """An approve callback that records every request and says yes (or no)."""

    def __init__(self, answer: bool = True) -> None:
        self.answer = answer
        self.requests: list[SigningRequest] = []

    def __call__(self, request: SigningRequest) -> bool:
        self.requests.append(request)
        return self.answer


def sellable(dataset_id: int, price: str = PRICE, allow: tuple[str, ...] = ()) -> ConsentPolicy:
    return ConsentPolicy(
        dataset_id,
        purposes=frozenset({Purpose.ACADEMIC_RESEARCH}),
        price=Price.parse(price, parse_currency("ETH")),
        buyers=Buyers(allow=allow),
    )


def seller_with_terms(vault: Vault, folder: Path, records: int = 40, **terms: object) -> int:
    """Give the acting member a wallet, a heart-rate dataset and sellable terms; its id."""
    if wallet_info(vault) is None:
        accounts.create_wallet(vault)
    export = write_heart_rates(folder / "export.xml", records)
    [outcome] = import_path(vault, export)
    dataset_id = outcome.result.dataset_id
    set_policy(vault, sellable(dataset_id, **terms))  # type: ignore[arg-type]
    return dataset_id
