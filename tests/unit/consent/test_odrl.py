"""The ODRL 2.2 document a policy becomes, and the terms hash that commits to it on chain."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date
from typing import Any

import pytest
from eth_hash.auto import keccak
from hypothesis import given

from hearth.consent.odrl import (
    ODRL_CONTEXT,
    canonical_json,
    dataset_uid,
    terms_hash,
    to_odrl,
)
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

from .policies import ALICE, BOB, HEART_RATE, USDC_TOKEN, issue_example, policies

UID = dataset_uid("0f3c", 7)


def constraints_of(document: dict[str, Any]) -> dict[tuple[str, str], Any]:
    permission = document["permission"][0]
    return {(c["leftOperand"], c["operator"]): c["rightOperand"] for c in permission["constraint"]}


def test_the_document_is_an_odrl_offer_with_its_context_and_profile() -> None:
    document = to_odrl(issue_example(), UID)
    assert document["@context"][0] == ODRL_CONTEXT == "http://www.w3.org/ns/odrl.jsonld"
    assert document["@type"] == "Offer"
    assert document["uid"] == f"{UID}:terms"
    assert document["profile"].startswith("https://")
    # The "hearth:" terms the document uses are declared in its context.
    assert "hearth:" in json.dumps(document)
    assert document["@context"][1]["hearth"].startswith("https://")


def test_the_permission_is_use_of_the_dataset_for_the_chosen_purposes_and_length() -> None:
    document = to_odrl(issue_example(), UID)
    [permission] = document["permission"]
    assert permission["action"] == "use"
    assert permission["target"]["uid"] == UID
    assert permission["target"]["@type"] == "AssetCollection"
    found = constraints_of(document)
    assert found[("purpose", "isAnyOf")] == ["academic-research"]
    licence_length = found[("elapsedTime", "lteq")]  # ODRL's name for it, not a timing
    assert licence_length == "P365D"  # ISO 8601 for 365 days


def test_the_scope_narrows_the_target_not_the_permission() -> None:
    refinement = to_odrl(issue_example(), UID)["permission"][0]["target"]["refinement"]
    assert {
        "leftOperand": "hearth:recordType",
        "operator": "isAnyOf",
        "rightOperand": [HEART_RATE],
    } in (refinement)
    assert {"leftOperand": "dateTime", "operator": "gteq", "rightOperand": "2019-01-01"} in (
        refinement
    )
    assert {"leftOperand": "dateTime", "operator": "lteq", "rightOperand": "2024-12-31"} in (
        refinement
    )
    whole = to_odrl(ConsentPolicy(7), UID)["permission"][0]["target"]
    assert "refinement" not in whole


def test_the_price_is_a_compensate_duty_in_the_smallest_unit() -> None:
    [compensate] = to_odrl(issue_example(), UID)["permission"][0]["duty"]
    assert compensate["action"] == "compensate"
    [amount] = compensate["refinement"]
    assert amount == {
        "leftOperand": "payAmount",
        "operator": "eq",
        "rightOperand": "10000000000000000",
        "unit": "hearth:native:ETH",
        "hearth:decimals": 18,
        "hearth:symbol": "ETH",
    }
    usdc = Price.parse("2.5", Currency("USDC", 6, USDC_TOKEN))
    token_policy = replace(issue_example(), price=usdc)
    [paid] = to_odrl(token_policy, UID)["permission"][0]["duty"][0]["refinement"]
    assert (paid["rightOperand"], paid["unit"]) == ("2500000", USDC_TOKEN.lower())


def test_without_a_price_there_is_no_compensate_duty() -> None:
    duties = to_odrl(ConsentPolicy(7), UID)["permission"][0]["duty"]
    assert [d["action"] for d in duties] == ["delete"]  # delete-on-request is on by default


def test_duties_become_prohibitions_on_selling_and_reidentifying() -> None:
    document = to_odrl(issue_example(), UID)
    assert document["prohibition"] == [
        {"target": UID, "action": "hearth:reidentify"},
        {"target": UID, "action": "sell"},
    ]
    assert all(d["action"] != "delete" for d in document["permission"][0]["duty"])
    everything = to_odrl(replace(issue_example(), duties=frozenset(Duty)), UID)
    assert {"action": "delete", "hearth:when": "on-request"} in everything["permission"][0]["duty"]
    nothing = to_odrl(replace(issue_example(), duties=frozenset()), UID)
    assert nothing["prohibition"] == []


def test_buyers_and_offer_expiry_are_constraints() -> None:
    policy = replace(
        issue_example(),
        buyers=Buyers(allow=(ALICE,), deny=(BOB,)),
        offer_expires=date(2030, 6, 30),
    )
    found = constraints_of(to_odrl(policy, UID))
    assert found[("recipient", "isAnyOf")] == [ALICE]
    assert found[("recipient", "isNoneOf")] == [BOB]
    assert found[("hearth:offerExpires", "lteq")] == "2030-06-30"
    assert ("recipient", "isAnyOf") not in constraints_of(to_odrl(issue_example(), UID))


def test_the_privacy_choices_are_part_of_the_terms() -> None:
    assert to_odrl(issue_example(), UID)["hearth:privacy"] == {
        "identifiers": "keep",
        "urls": "domain",
        "titles": "drop",
        "timeRounding": "hour",
    }
    every = PrivacyChoices(
        identifiers=Identifiers.PSEUDONYM,
        time=TimeRounding.DAY,
        location=LocationGrid.KM1,
        places_radius_m=500,
        exclude_types=("browser.visit",),
        exclude_dates=(DateRange.parse("2020-03-01..2020-03-31"),),
        daily_min_count=5,
        urls=Urls.FULL,
        titles=True,
    )
    assert to_odrl(replace(issue_example(), privacy=every), UID)["hearth:privacy"] == {
        "identifiers": "pseudonym",
        "pseudonyms": "per-buyer",
        "urls": "full",
        "titles": "keep",
        "timeRounding": "day",
        "locationGrid": "1km",
        "placesRadiusMetres": 500,
        "excludeTypes": ["browser.visit"],
        "excludeDates": ["2020-03-01..2020-03-31"],
        "dailySummaryMinCount": 5,
    }


def test_the_document_is_plain_json_with_no_floats() -> None:
    document = to_odrl(issue_example(), UID)
    assert json.loads(canonical_json(document)) == document

    def leaves(node: Any) -> list[Any]:
        if isinstance(node, dict):
            return [leaf for value in node.values() for leaf in leaves(value)]
        if isinstance(node, list):
            return [leaf for value in node for leaf in leaves(value)]
        return [node]

    assert all(isinstance(leaf, str | int | bool) for leaf in leaves(document))


# ------------------------------------------------------------------ terms hash


def test_the_terms_hash_is_keccak_of_the_canonical_document() -> None:
    digest = terms_hash(issue_example(), UID)
    assert len(digest) == 66 and digest.startswith("0x")
    assert digest == "0x" + keccak(canonical_json(to_odrl(issue_example(), UID))).hex()


def test_canonical_json_sorts_keys_and_has_no_spaces() -> None:
    assert canonical_json({"b": 1, "a": ["é", True]}) == '{"a":["é",true],"b":1}'.encode()


def test_equal_policies_built_differently_hash_the_same() -> None:
    a = issue_example()
    b = ConsentPolicy(
        1,
        purposes=frozenset([Purpose.ACADEMIC_RESEARCH]),
        scope=Scope((HEART_RATE, HEART_RATE), DateRange.parse("2019-01-01..2024-12-31")),
        duties=frozenset([Duty.NO_REIDENTIFICATION, Duty.NO_RESALE]),
        price=Price(10**16, parse_currency("eth")),
        privacy=PrivacyChoices(time=TimeRounding.HOUR, identifiers=Identifiers.KEEP),
    )
    assert terms_hash(a, UID) == terms_hash(b, UID)
    stored = ConsentPolicy.from_json(json.loads(json.dumps(a.to_json())))
    assert terms_hash(stored, UID) == terms_hash(a, UID)


@pytest.mark.parametrize(
    "change",
    [
        {"purposes": frozenset({Purpose.ACADEMIC_RESEARCH, Purpose.PUBLIC_HEALTH})},
        {"scope": Scope((HEART_RATE,), DateRange.parse("2019-01-01..2024-12-30"))},
        {"scope": Scope((HEART_RATE, "HKQuantityTypeIdentifierStepCount"))},
        {"buyers": Buyers(allow=(ALICE,))},
        {"buyers": Buyers(deny=(ALICE,))},
        {"licence_days": 366},
        {"offer_expires": date(2030, 1, 1)},
        {"duties": frozenset({Duty.NO_RESALE})},
        {"duties": frozenset(Duty)},
        {"price": Price(10**16 + 1, parse_currency("ETH"))},
        {"price": Price(10**16, Currency("ETH", 18, USDC_TOKEN))},
        {"price": Price(10**16, Currency("WETH", 18))},
        {"price": Price(10**16, Currency("ETH", 17))},
        {"price": None},
        {"privacy": PrivacyChoices(identifiers=Identifiers.KEEP, time=TimeRounding.MINUTE)},
        {"privacy": PrivacyChoices(identifiers=Identifiers.DROP, time=TimeRounding.HOUR)},
        {
            "privacy": PrivacyChoices(
                identifiers=Identifiers.KEEP, time=TimeRounding.HOUR, places_radius_m=200
            )
        },
        {
            "privacy": PrivacyChoices(
                identifiers=Identifiers.KEEP, time=TimeRounding.HOUR, titles=True
            )
        },
        {
            "privacy": PrivacyChoices(
                identifiers=Identifiers.KEEP, time=TimeRounding.HOUR, daily_min_count=3
            )
        },
    ],
)
def test_changing_any_term_changes_the_hash(change: dict[str, Any]) -> None:
    base = issue_example()
    assert terms_hash(replace(base, **change), UID) != terms_hash(base, UID)


def test_the_same_terms_on_another_dataset_hash_differently() -> None:
    policy = issue_example()
    assert terms_hash(policy, dataset_uid("0f3c", 7)) != terms_hash(policy, dataset_uid("0f3c", 8))
    assert terms_hash(policy, dataset_uid("0f3c", 7)) != terms_hash(policy, dataset_uid("9a9a", 7))


def test_the_dataset_uid_names_no_person() -> None:
    assert dataset_uid("0f3c", 7) == "urn:hearth:0f3c:dataset:7"


@given(policies)
def test_any_policy_gives_a_serialisable_offer_whose_hash_survives_storage(
    policy: ConsentPolicy,
) -> None:
    document = to_odrl(policy, UID)
    assert json.loads(canonical_json(document)) == document
    again = ConsentPolicy.from_json(json.loads(json.dumps(policy.to_json())))
    assert terms_hash(again, UID) == terms_hash(policy, UID)
