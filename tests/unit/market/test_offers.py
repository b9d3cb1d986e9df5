"""Offer files: signed by the seller, checked by anyone; any change to what was signed, to the
terms or to the allowed buyers is caught, and an expired offer is said to be expired."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from hearth.consent.store import withdraw
from hearth.errors import BadInput, PolicyRefused, UserCancelled
from hearth.market import offers
from hearth.vault import Vault
from tests.unit.market.helpers import Approvals, seller_with_terms

BUYER = "0x70997970C51812dc3A010C7d01b50e0d17dc79C8"


@pytest.fixture
def offer_file(vault: Vault, tmp_path: Path) -> Path:
    dataset_id = seller_with_terms(vault, tmp_path)
    out = tmp_path / "offer.json"
    offers.make_offer(vault, dataset_id, Approvals(), out=out, days=7, max_sales=3)
    return out


def _edited(path: Path, change: Any) -> Path:
    document = json.loads(path.read_text())
    change(document)
    edited = path.with_name("edited.json")
    edited.write_text(json.dumps(document))
    return edited


def test_an_offer_file_verifies_and_describes_the_package_without_values(
    offer_file: Path, vault: Vault
) -> None:
    [checked] = offers.read_offers(offer_file)
    assert checked.valid, checked.problems
    document = json.loads(offer_file.read_text())
    assert document["offer_id"] == checked.document.offer_id  # type: ignore[union-attr]
    [table] = document["dataset"]["tables"]
    assert (table["name"], table["rows"]) == ("heart_rate", 40)
    assert document["terms"].startswith("Researchers at universities may use")
    assert document["typed_data"]["message"]["maxSales"] == 3
    # Nothing in the file is a record's value: only counts, names and days.
    with vault.reading() as conn:
        values = {str(v) for (v,) in conn.execute("SELECT value FROM records")}
    text = offer_file.read_text()
    assert not [v for v in values if f'"{v}"' in text or f": {v}," in text]
    # The vault remembers the offer, with the policy version it was made under.
    with vault.reading() as conn:
        assert conn.execute("SELECT COUNT(*) FROM market_offers").fetchone()[0] == 1


@pytest.mark.parametrize(
    ("what", "change", "problem"),
    [
        ("price", lambda d: d["typed_data"]["message"].update(price=1), "signature"),
        ("seller", lambda d: d["typed_data"]["message"].update(seller=BUYER), "signature"),
        ("terms", lambda d: d["odrl"].update(uid="urn:other"), "terms"),
        ("buyers", lambda d: d.update(buyers=[BUYER]), "allowed buyers"),
        ("offer id", lambda d: d.update(offer_id="0x" + "00" * 32), "offer id"),
    ],
)
def test_a_changed_offer_is_not_valid(
    offer_file: Path, what: str, change: Any, problem: str
) -> None:
    [checked] = offers.read_offers(_edited(offer_file, change))
    assert not checked.valid, what
    assert any(problem in p for p in checked.problems), checked.problems
    with pytest.raises(BadInput, match="cannot be bought"):
        offers.load_offer(_edited(offer_file, change))


def test_an_expired_offer_says_so(offer_file: Path) -> None:
    [checked] = offers.read_offers(offer_file, now=2**40)
    assert [p for p in checked.problems if "expired" in p]


def test_a_file_that_is_not_an_offer_is_one_sentence(offer_file: Path, tmp_path: Path) -> None:
    wrong_domain = _edited(
        offer_file, lambda d: d["typed_data"]["domain"].update(name="Other market")
    )
    [checked] = offers.read_offers(wrong_domain)
    assert checked.problems == ["This offer is not for a Hearth market."]
    garbage = tmp_path / "garbage.json"
    garbage.write_text("{not json")
    with pytest.raises(BadInput, match="not an offer file"):
        offers.read_offers(garbage)
    # A folder lists every file, the broken one with its reason.
    listed = offers.read_offers(tmp_path)
    assert sorted(c.valid for c in listed) == [False, False, True]


def test_declining_the_signature_writes_no_offer(vault: Vault, tmp_path: Path) -> None:
    dataset_id = seller_with_terms(vault, tmp_path)
    out = tmp_path / "offer.json"
    with pytest.raises(UserCancelled):
        offers.make_offer(vault, dataset_id, Approvals(answer=False), out=out)
    assert not out.exists()
    with vault.reading() as conn:
        assert conn.execute("SELECT COUNT(*) FROM market_offers").fetchone()[0] == 0


def test_withdrawn_consent_refuses_an_offer_before_anything_is_signed(
    vault: Vault, tmp_path: Path
) -> None:
    dataset_id = seller_with_terms(vault, tmp_path)
    withdraw(vault, dataset_id)
    approvals = Approvals()
    with pytest.raises(PolicyRefused, match="withdrawn") as refused:
        offers.make_offer(vault, dataset_id, approvals, out=tmp_path / "offer.json")
    assert refused.value.exit_code == 8
    assert approvals.requests == []
    assert not (tmp_path / "offer.json").exists()


def test_an_offer_to_one_buyer_names_them_and_commits_to_their_pseudonyms(
    vault: Vault, tmp_path: Path
) -> None:
    dataset_id = seller_with_terms(vault, tmp_path, allow=(BUYER,))
    document = offers.make_offer(vault, dataset_id, Approvals(), out=tmp_path / "offer.json")
    assert document.buyers == (BUYER,)
    assert document.offer.buyers == bytes(12) + bytes.fromhex(BUYER[2:])
    with vault.reading() as conn:
        [(package_buyer,)] = conn.execute("SELECT package_buyer FROM market_offers")
    assert package_buyer == BUYER.lower()
