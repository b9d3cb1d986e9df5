"""Consent records in the shape of ISO/IEC TS 27560 (consent record information structure).

One is made for every change, approval and withdrawal. The fields follow the TS's record
structure: record and schema ids, the PII principal (a pseudonymous id, never a name), the
controller (the member themselves: Hearth keeps the data on their computer), the event, the
notice shown (the plain-language summary), the processing (purposes, PII categories, the
transforms, storage duration, recipients), the policy it refers to by terms hash, the state,
and for a child the guardian's part. Signing comes with the wallet (EIP-712 over the record's
canonical hash); until then a record says plainly that it is unsigned.
"""

from __future__ import annotations

import uuid
from enum import StrEnum
from typing import Any

from hearth.consent.odrl import canonical_json
from hearth.consent.policy import ConsentPolicy

SCHEMA = "ISO/IEC TS 27560:2023 (Hearth profile 1)"
UNSIGNED = {"status": "unsigned", "reason": "no wallet yet"}


class ConsentEvent(StrEnum):
    GIVEN = "given"  # first policy for this dataset
    CHANGED = "changed"
    AWAITING_APPROVAL = "awaiting-approval"  # a child set it; a guardian must approve
    APPROVED = "approved"
    WITHDRAWN = "withdrawn"


def consent_record(
    *,
    event: ConsentEvent,
    at: str,
    principal: str,
    actor: str,
    actor_role: str,
    policy: ConsentPolicy,
    policy_uid: str,
    version: int,
    terms_hash: str,
    state: str,
    notice: str,
    guardian: str | None = None,
) -> dict[str, Any]:
    """The record as stored and exported. Ids are pseudonymous: `principal` and `actor` are
    "urn:hearth:<vault>:member:<n>", never names."""
    privacy = policy.privacy
    record: dict[str, Any] = {
        "schema_version": SCHEMA,
        "record_id": f"urn:uuid:{uuid.uuid4()}",
        "pii_principal_id": principal,
        "controller": {"id": principal, "note": "the person keeps the data on their computer"},
        "event": {"type": event.value, "time": at, "by": actor, "role": actor_role},
        "notice": {"language": "en", "text": notice},
        "processing": {
            "purposes": sorted(p.value for p in policy.purposes),
            "pii_categories": list(policy.scope.record_types) or ["all record types"],
            "time_period": str(policy.scope.dates) if policy.scope.dates else None,
            "processing_operations": sorted(
                k
                for k, v in policy.to_json()["privacy"].items()
                if v not in (False, 0, [], "exact")
            ),
            "storage_duration": f"P{policy.licence_days}D",
            "recipients": list(policy.buyers.allow) or ["any buyer who accepts the terms"],
            "excluded_recipients": list(policy.buyers.deny),
            "duties": sorted(d.value for d in policy.duties),
            "transforms": policy.to_json()["privacy"],
        },
        "policy": {"uid": policy_uid, "version": version, "terms_hash": terms_hash},
        "state": state,
        "signature": UNSIGNED,
    }
    if guardian is not None:
        record["guardian"] = {"id": guardian}
    if privacy.places_radius_m:
        record["processing"]["note"] = "places the person marked stay in the vault"
    return record


def record_digest(record: dict[str, Any]) -> bytes:
    """What a wallet signs: the canonical JSON of the record without its signature."""
    return canonical_json({k: v for k, v in record.items() if k != "signature"})
