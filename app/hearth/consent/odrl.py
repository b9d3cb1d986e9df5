"""A consent policy as a W3C ODRL 2.2 JSON-LD Offer, and its terms hash.

The terms hash is keccak-256 over the canonical JSON of the ODRL document (keys sorted, no
spaces, UTF-8; RFC 8785-style, which is exact here because the document holds only strings,
integers and booleans). It is what the on-chain offer commits to, so a buyer holding the
package's manifest can recompute it. Only the terms go in: no names, no places, no seller (the
offer names the seller), so the same choices for the same dataset always hash the same.
"""

from __future__ import annotations

import json
from typing import Any

from hearth.consent.policy import ConsentPolicy, Duty, Identifiers, LocationGrid, TimeRounding

ODRL_CONTEXT = "http://www.w3.org/ns/odrl.jsonld"
HEARTH_NS = "https://hearth.invalid/ns/consent#"
DPV_NS = "https://w3id.org/dpv#"

# ODRL's own vocabulary where it has the word, Hearth's otherwise.
_DUTY_RULES: dict[Duty, dict[str, Any]] = {
    Duty.NO_RESALE: {"action": "sell"},
    Duty.NO_REIDENTIFICATION: {"action": "hearth:reidentify"},
}


def canonical_json(document: Any) -> bytes:
    return json.dumps(
        document, sort_keys=True, separators=(",", ":"), ensure_ascii=False, allow_nan=False
    ).encode("utf-8")


def terms_hash(policy: ConsentPolicy, dataset_uid: str) -> str:
    """ "0x" + 64 hex digits: keccak-256 of the canonical ODRL document."""
    from eth_hash.auto import keccak  # pycryptodome's, 7 MB: only when a hash is made

    return "0x" + keccak(canonical_json(to_odrl(policy, dataset_uid))).hex()


def dataset_uid(vault_id: str, dataset_id: int) -> str:
    """A stable name for a dataset that says nothing about whose it is."""
    return f"urn:hearth:{vault_id}:dataset:{dataset_id}"


def to_odrl(policy: ConsentPolicy, dataset_uid: str) -> dict[str, Any]:
    target: dict[str, Any] = {"@type": "AssetCollection", "uid": dataset_uid}
    refinements = []
    if policy.scope.record_types:
        refinements.append(
            _constraint("hearth:recordType", "isAnyOf", list(policy.scope.record_types))
        )
    if policy.scope.dates:
        refinements.append(_constraint("dateTime", "gteq", policy.scope.dates.first.isoformat()))
        refinements.append(_constraint("dateTime", "lteq", policy.scope.dates.last.isoformat()))
    if refinements:
        target["refinement"] = refinements

    constraints = [
        _constraint("purpose", "isAnyOf", sorted(p.value for p in policy.purposes)),
        _constraint("elapsedTime", "lteq", f"P{policy.licence_days}D"),
    ]
    if policy.buyers.allow:
        constraints.append(_constraint("recipient", "isAnyOf", list(policy.buyers.allow)))
    if policy.buyers.deny:
        constraints.append(_constraint("recipient", "isNoneOf", list(policy.buyers.deny)))
    if policy.offer_expires:
        # When the offer can be accepted, not how long the licence lasts (elapsedTime above).
        constraints.append(
            _constraint("hearth:offerExpires", "lteq", policy.offer_expires.isoformat())
        )

    duties: list[dict[str, Any]] = []
    if policy.price is not None:
        currency = policy.price.currency
        duties.append(
            {
                "action": "compensate",
                "refinement": [
                    {
                        "leftOperand": "payAmount",
                        "operator": "eq",
                        "rightOperand": str(policy.price.units),
                        "unit": currency.token or f"hearth:native:{currency.symbol}",
                        "hearth:decimals": currency.decimals,
                        "hearth:symbol": currency.symbol,
                    }
                ],
            }
        )
    if Duty.DELETE_ON_REQUEST in policy.duties:
        duties.append({"action": "delete", "hearth:when": "on-request"})

    document: dict[str, Any] = {
        "@context": [ODRL_CONTEXT, {"hearth": HEARTH_NS, "dpv": DPV_NS}],
        "@type": "Offer",
        "uid": f"{dataset_uid}:terms",
        "profile": HEARTH_NS.rstrip("#"),
        "permission": [
            {
                "target": target,
                "action": "use",
                "constraint": constraints,
                "duty": duties,
            }
        ],
        "prohibition": [
            {"target": dataset_uid, **rule}
            for duty, rule in sorted(_DUTY_RULES.items())
            if duty in policy.duties
        ],
        "hearth:privacy": _privacy(policy),
    }
    return document


def _constraint(left: str, operator: str, right: Any) -> dict[str, Any]:
    return {"leftOperand": left, "operator": operator, "rightOperand": right}


def _privacy(policy: ConsentPolicy) -> dict[str, Any]:
    """The transforms the buyer's copy went through: part of the terms, so part of the hash."""
    privacy = policy.privacy
    out: dict[str, Any] = {
        "identifiers": privacy.identifiers.value,
        "urls": privacy.urls.value,
        "titles": "keep" if privacy.titles else "drop",
    }
    if privacy.time is not TimeRounding.EXACT:
        out["timeRounding"] = privacy.time.value
    if privacy.location is not LocationGrid.EXACT:
        out["locationGrid"] = privacy.location.value
    if privacy.places_radius_m:
        out["placesRadiusMetres"] = privacy.places_radius_m
    if privacy.exclude_types:
        out["excludeTypes"] = list(privacy.exclude_types)
    if privacy.exclude_dates:
        out["excludeDates"] = [str(r) for r in privacy.exclude_dates]
    if privacy.daily_min_count:
        out["dailySummaryMinCount"] = privacy.daily_min_count
    if privacy.identifiers is Identifiers.PSEUDONYM:
        out["pseudonyms"] = "per-buyer"
    return out
