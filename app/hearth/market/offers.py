"""Offer files: a seller's signed EIP-712 offer with what a buyer needs to decide.

An offer file is JSON that can be published anywhere (a web page, a mail, a shared folder):

- ``typed_data`` and ``signature``: the EIP-712 `Offer` exactly as signed (listing costs no gas);
- ``offer_id``: its EIP-712 digest, the contract's name for it;
- ``dataset``: the public description of the package (title, tables with their record types,
  row counts and first and last day, the transforms applied) and never a record value;
- ``terms`` (the plain-language summary) and ``odrl`` (the ODRL document, whose keccak-256 is the
  offer's ``termsHash``);
- ``buyers``: the allow list when the offer is not open to anyone (the buyer's proof needs it).

The commitment is the Merkle root of the package the active policy produces, so what is sold is
fixed when it is offered. Sources kept as pseudonyms are named per buyer, which would make the
root differ per buyer: a marketplace package therefore uses the pseudonyms of the one buyer the
terms allow when they allow exactly one, and otherwise the same pseudonyms for every buyer of
the offer (the "anyone" key). Either way the seller's fulfilment rebuilds the same bytes and
the buyer can check them.
"""

from __future__ import annotations

import json
import time
import urllib.error
import urllib.request
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from datetime import time as day_time
from pathlib import Path
from typing import Any

from eth_account import Account
from eth_account.messages import encode_typed_data
from eth_utils.address import to_checksum_address
from eth_utils.crypto import keccak

from hearth.atomic import write_atomically
from hearth.consent.odrl import canonical_json, dataset_uid, to_odrl
from hearth.consent.policy import ConsentPolicy
from hearth.consent.store import effective_policy, status, summary_of
from hearth.errors import BadInput, NotAllowed, UsageError
from hearth.market.chain import COIN, MarketSession, session
from hearth.market.contracts import (
    ANYONE,
    DOMAIN_NAME,
    DOMAIN_VERSION,
    Offer,
    allowlist_root,
    only_buyer,
)
from hearth.progress import CancelToken, ProgressCallback
from hearth.vault import Vault
from hearth.vault.audit import now_iso
from hearth.wallet.amounts import amount_text
from hearth.wallet.signer import Approve

FORMAT = "hearth-offer"
FORMAT_VERSION = 1
DEFAULT_DAYS = 30
DEFAULT_MAX_SALES = 100
MAX_DOWNLOAD_BYTES = 4 << 20  # an offer is a few kilobytes; a list of many still far below
DOWNLOAD_TIMEOUT_S = 15.0


@dataclass(frozen=True)
class OfferDocument:
    """An offer file's content, as written and read."""

    offer: Offer
    chain_id: int
    market: str
    signature: bytes
    network: Mapping[str, Any]
    dataset: Mapping[str, Any]
    terms: str
    odrl: Mapping[str, Any]
    buyers: tuple[str, ...] = ()
    price_text: str = ""

    @property
    def offer_id(self) -> str:
        return "0x" + self.offer.offer_hash(self.chain_id, self.market).hex()

    @property
    def title(self) -> str:
        return str(self.dataset.get("title", "a dataset"))

    def to_json(self) -> dict[str, Any]:
        return {
            "format": FORMAT,
            "format_version": FORMAT_VERSION,
            "offer_id": self.offer_id,
            "network": dict(self.network),
            "typed_data": self.offer.typed_data(self.chain_id, self.market),
            "signature": "0x" + self.signature.hex(),
            "price": {"units": str(self.offer.price), "text": self.price_text},
            "buyers": list(self.buyers),
            "dataset": dict(self.dataset),
            "terms": self.terms,
            "odrl": dict(self.odrl),
        }

    @classmethod
    def from_json(cls, document: Mapping[str, Any]) -> OfferDocument:
        """Read an offer file's JSON; `BadInput` when it is not one (checks come in `verify`)."""
        if not isinstance(document, Mapping) or document.get("format") != FORMAT:
            raise BadInput("This is not a Hearth offer.")
        if document.get("format_version") != FORMAT_VERSION:
            raise BadInput("This offer was written by a different version of Hearth.")
        try:
            typed = document["typed_data"]
            domain = typed["domain"]
            if (domain["name"], domain["version"]) != (DOMAIN_NAME, DOMAIN_VERSION):
                raise BadInput("This offer is not for a Hearth market.")
            signature = str(document["signature"])
            return cls(
                offer=Offer.from_message(typed["message"]),
                chain_id=int(domain["chainId"]),
                market=to_checksum_address(str(domain["verifyingContract"])),
                signature=bytes.fromhex(signature.removeprefix("0x")),
                network=dict(document.get("network") or {}),
                dataset=dict(document["dataset"]),
                terms=str(document["terms"]),
                odrl=dict(document["odrl"]),
                buyers=tuple(to_checksum_address(b) for b in document.get("buyers") or ()),
                price_text=str((document.get("price") or {}).get("text", "")),
            )
        except (KeyError, TypeError, ValueError, AttributeError):
            raise BadInput("This offer is incomplete or damaged.") from None


@dataclass(frozen=True)
class CheckedOffer:
    """One offer as read from a file or URL, with what is wrong with it (nothing = valid)."""

    source: str
    document: OfferDocument | None
    problems: list[str] = field(default_factory=list)
    raw: Mapping[str, Any] | None = None

    @property
    def valid(self) -> bool:
        return self.document is not None and not self.problems

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {"source": self.source, "valid": self.valid}
        if self.problems:
            out["problems"] = self.problems
        doc = self.document
        if doc is not None:
            offer = doc.offer
            out |= {
                "offer_id": doc.offer_id,
                "title": doc.title,
                "seller": offer.seller,
                "price": doc.price_text or str(offer.price),
                "price_units": str(offer.price),
                "expires": datetime.fromtimestamp(offer.expiry, UTC).isoformat(),
                "max_sales": offer.max_sales,
                "chain_id": doc.chain_id,
                "market": doc.market,
                "merkle_root": "0x" + offer.dataset_commitment.hex(),
                "terms_hash": "0x" + offer.terms_hash.hex(),
                "terms": doc.terms,
                "rows": doc.dataset.get("rows"),
            }
        return out


# ----------------------------------------------------------------- making an offer


def package_buyer(policy: ConsentPolicy) -> str | None:
    """Whose pseudonyms a marketplace package uses: the one allowed buyer, or None (anyone)."""
    allow = policy.buyers.allow
    return allow[0] if len(allow) == 1 else None


def buyer_rule(policy: ConsentPolicy) -> bytes:
    allow = policy.buyers.allow
    if not allow:
        return ANYONE
    if len(allow) == 1:
        return only_buyer(allow[0])
    return allowlist_root(list(allow))


def make_offer(
    vault: Vault,
    dataset_id: int,
    approve: Approve,
    *,
    out: Path,
    days: int = DEFAULT_DAYS,
    max_sales: int = DEFAULT_MAX_SALES,
    passphrase: str | None = None,
    progress: ProgressCallback | None = None,
    cancel: CancelToken | None = None,
) -> OfferDocument:
    """Sign an offer of the dataset under its active policy and write it to ``out``.

    `PolicyRefused` (exit 8) when the consent does not allow a sale; nothing is signed then.
    """
    out = Path(out)
    if not out.parent.is_dir():
        raise UsageError(f"The folder {out.parent} does not exist.")
    if out.is_dir():
        raise UsageError(f"{out} is a folder; give the offer a file name.")
    if not 1 <= days <= 3650:
        raise UsageError("An offer is open for 1 to 3,650 days.")
    if not 1 <= max_sales <= 2**32 - 1:
        raise UsageError("An offer allows at least one sale.")
    may_offer(vault, dataset_id)
    version = effective_policy(vault, dataset_id)  # PolicyRefused before anything else
    policy = version.policy
    with session(vault, approve, passphrase=passphrase) as market:
        network = market.network
        price = _price_units(policy, market)
        described = describe_package(vault, policy, progress=progress, cancel=cancel)
        head = market.head()
        expiry = market.chain_time() + days * 86_400
        if policy.offer_expires is not None:
            last = datetime.combine(policy.offer_expires, day_time(23, 59, 59), UTC)
            expiry = min(expiry, int(last.timestamp()))
        uid = dataset_uid(vault.vault_id, dataset_id)
        odrl = to_odrl(policy, uid)
        offer = Offer(
            seller=market.me,
            dataset_commitment=bytes.fromhex(described["merkle_root"][2:]),
            terms_hash=keccak(canonical_json(odrl)),
            price=price,
            expiry=expiry,
            max_sales=max_sales,
            nonce=_next_nonce(vault, market),
            buyers=buyer_rule(policy),
        )
        if "0x" + offer.terms_hash.hex() != version.terms_hash:
            raise UsageError("The terms changed while the offer was made; try again.")
        price_text = amount_text(price, network.currency.decimals, network.currency.symbol)
        typed = offer.typed_data(network.chain_id, market.contract.address)
        until = datetime.fromtimestamp(expiry, UTC).date().isoformat()
        assert market.signer is not None
        signature = market.signer.sign_typed_data(
            typed["domain"],
            typed["types"],
            typed["message"],
            f"Offer '{described['title']}' for {price_text} on {network.title}: up to "
            f"{max_sales} sales until {until}, under the terms you set",
        )
        document = OfferDocument(
            offer=offer,
            chain_id=network.chain_id,
            market=market.contract.address,
            signature=signature,
            network={"name": network.name, "title": network.title, "chain_id": network.chain_id},
            dataset={k: v for k, v in described.items() if k != "merkle_root"},
            terms=summary_of(vault, policy),
            odrl=odrl,
            buyers=tuple(to_checksum_address(a) for a in policy.buyers.allow),
            price_text=price_text,
        )
        with vault.writing() as conn:
            conn.execute(
                "INSERT INTO market_offers (offer_id, chain_id, market, member_id, dataset_id, "
                "policy_id, seller, message, signature, package_buyer, made_at_block, "
                "created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    document.offer_id,
                    network.chain_id,
                    document.market,
                    _member_id(vault),
                    dataset_id,
                    version.id,
                    offer.seller,
                    json.dumps(offer.message(), sort_keys=True),
                    "0x" + signature.hex(),
                    package_buyer(policy),
                    head,
                    now_iso(),
                ),
            )
            vault.audit(
                "market.offer_made",
                {
                    "dataset_id": dataset_id,
                    "offer_id": document.offer_id,
                    "network": network.name,
                    "price": str(price),
                    "merkle_root": described["merkle_root"],
                    "terms_hash": version.terms_hash,
                },
            )
    write_offer(document, out)
    return document


def write_offer(document: OfferDocument, path: Path) -> None:
    text = json.dumps(document.to_json(), indent=2, sort_keys=True, ensure_ascii=False) + "\n"
    # Public by design (it is meant to be published): readable by others.
    write_atomically(Path(path), text.encode("utf-8"), mode=0o644)


def describe_package(
    vault: Vault,
    policy: ConsentPolicy,
    *,
    progress: ProgressCallback | None = None,
    cancel: CancelToken | None = None,
) -> dict[str, Any]:
    """The package's public description and Merkle root: the package builder's own code path,
    run without writing anything (the manifest's fields, minus file hashes)."""
    from hearth.packages.contents import PackageSource, reading_snapshot, run
    from hearth.packages.manifest import manifest_document

    source = PackageSource(vault, policy.dataset_id, policy, package_buyer(policy))
    with reading_snapshot(vault) as conn:
        contents = run(source.steps(conn, progress=progress, cancel=cancel))
    manifest = manifest_document(source, contents)
    tables = [
        {
            "name": table["name"],
            "label": table["label"],
            "record_type": table["record_type"],
            "kind": table["kind"],
            "rows": table["rows"],
            "temporal": table["temporal"],
            "columns": [
                {k: v for k, v in column.items() if k in ("name", "type", "units")}
                for column in table["columns"]
            ],
        }
        for table in manifest["distribution"]
    ]
    return {
        "identifier": manifest["identifier"],
        "title": manifest["title"],
        "description": manifest["description"],
        "temporal": manifest["temporal"],
        "rows": manifest["rows"],
        "tables": tables,
        "transforms": manifest["transforms"],
        "merkle_root": contents.merkle_root,
    }


def may_offer(vault: Vault, dataset_id: int) -> None:
    """The dataset's own member offers it; a guardian offers a child's."""
    member = vault.member
    if member is None:
        raise NotAllowed("Unlock with your own passphrase to make an offer.")
    current = status(vault, dataset_id)
    if current.member == member.name:
        return
    if current.needs_guardian and member.role.is_guardian:
        return
    raise NotAllowed(f"Only {current.member} can offer '{current.title}'.")


def _price_units(policy: ConsentPolicy, market: MarketSession) -> int:
    price = policy.price
    assert price is not None  # effective_policy refuses a policy without one
    coin = market.network.currency
    currency = price.currency
    if (
        currency.token is not None
        or currency.symbol.upper() != coin.symbol.upper()
        or currency.decimals != coin.decimals
    ):
        raise UsageError(
            f"The price is in {currency.symbol}, but offers on {market.network.title} are paid "
            f"in its coin, {coin.symbol}, for now: set the price in {coin.symbol} with "
            "'hearth consent set'."
        )
    return price.units


def _next_nonce(vault: Vault, market: MarketSession) -> int:
    # Milliseconds since 1970, and past every offer this vault signed: distinct across this
    # member's devices too, and `cancelAllBefore(now)` revokes everything older.
    with vault.reading() as conn:
        rows = conn.execute(
            "SELECT message FROM market_offers WHERE chain_id = ? AND seller = ?",
            (market.network.chain_id, market.me),
        ).fetchall()
    last = max((int(json.loads(r[0])["nonce"]) for r in rows), default=-1)
    return max(last + 1, int(time.time() * 1000))


def _member_id(vault: Vault) -> int:
    assert vault.member is not None  # may_offer checked
    return vault.member.id


# ----------------------------------------------------------------- reading and checking


def verify(document: OfferDocument, now: int | None = None) -> list[str]:
    """What is wrong with an offer, in sentences; empty when it is a valid, open offer."""
    problems = []
    offer = document.offer
    typed = offer.typed_data(document.chain_id, document.market)
    signable = encode_typed_data(full_message=typed)
    try:
        signer = Account.recover_message(signable, signature=document.signature)
    except Exception:  # eth-keys raises several types for a malformed signature
        signer = None
    if signer != offer.seller:
        problems.append("Its signature is not the seller's: the offer was altered or forged.")
    if keccak(canonical_json(dict(document.odrl))) != offer.terms_hash:
        problems.append("Its terms are not the ones the seller signed.")
    expected_rule = _rule_of(document.buyers)
    if expected_rule is None or expected_rule != offer.buyers:
        problems.append("Its list of allowed buyers is not the one the seller signed.")
    if offer.payment_token != COIN:
        problems.append("It is paid in a token; Hearth buys with the network's coin only.")
    if offer.expiry < (int(time.time()) if now is None else now):
        until = datetime.fromtimestamp(offer.expiry, UTC).date().isoformat()
        problems.append(f"It expired on {until}.")
    return problems


def _rule_of(buyers: tuple[str, ...]) -> bytes | None:
    try:
        if not buyers:
            return ANYONE
        if len(buyers) == 1:
            return only_buyer(buyers[0])
        return allowlist_root(list(buyers))
    except BadInput:
        return None


def read_offers(where: str | Path, *, now: int | None = None) -> list[CheckedOffer]:
    """The offers in a file, a folder of files, or at an http(s) URL, each checked."""
    text = str(where)
    if text.startswith(("http://", "https://")):
        return _checked(_download(text), text, now)
    path = Path(where)
    if path.is_dir():
        found = []
        for file in sorted(path.glob("*.json")):
            try:
                found += _checked(_read_file(file), str(file), now)
            except BadInput as exc:
                found.append(CheckedOffer(str(file), None, [str(exc)]))
        return found
    if not path.is_file():
        raise UsageError(f"There is no offer file or folder at {path}.")
    return _checked(_read_file(path), str(path), now)


def load_offer(where: str | Path, *, now: int | None = None) -> OfferDocument:
    """Exactly one valid offer from a file or URL, or `BadInput` saying what is wrong."""
    found = read_offers(where, now=now)
    if len(found) != 1:
        raise BadInput(f"{where} holds {len(found)} offers; give the file of one offer.")
    [checked] = found
    if checked.document is None or checked.problems:
        raise BadInput(f"This offer cannot be bought. {' '.join(checked.problems)}")
    return checked.document


def _checked(content: Any, source: str, now: int | None) -> list[CheckedOffer]:
    if isinstance(content, Mapping) and "offers" in content:
        content = content["offers"]
    items = content if isinstance(content, list) else [content]
    found = []
    for index, item in enumerate(items):
        label = source if len(items) == 1 else f"{source}#{index + 1}"
        try:
            document = OfferDocument.from_json(item)
        except BadInput as exc:
            found.append(CheckedOffer(label, None, [str(exc)]))
            continue
        problems = verify(document, now)
        if isinstance(item, Mapping) and item.get("offer_id") not in (None, document.offer_id):
            problems.append("Its offer id is not the id of what the seller signed.")
        found.append(CheckedOffer(label, document, problems, item))
    return found


def _read_file(path: Path) -> Any:
    try:
        if path.stat().st_size > MAX_DOWNLOAD_BYTES:
            raise BadInput(f"{path} is too big to be an offer file.")
        return json.loads(path.read_text("utf-8"))
    except (OSError, UnicodeDecodeError, ValueError):
        raise BadInput(f"{path} is not an offer file (it is not JSON).") from None


def _download(url: str) -> Any:
    request = urllib.request.Request(url, headers={"User-Agent": "Hearth"})  # noqa: S310
    try:
        with urllib.request.urlopen(request, timeout=DOWNLOAD_TIMEOUT_S) as response:  # noqa: S310
            data = response.read(MAX_DOWNLOAD_BYTES + 1)
    except (urllib.error.URLError, OSError, ValueError) as exc:
        reason = getattr(exc, "reason", None) or exc.__class__.__name__
        raise BadInput(f"The offers at {url} could not be fetched ({reason}).") from None
    if len(data) > MAX_DOWNLOAD_BYTES:
        raise BadInput(f"{url} sent more than an offer list can hold; not reading it.")
    try:
        return json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        raise BadInput(f"{url} did not send offers (the answer is not JSON).") from None


def offer_of_record(vault: Vault, offer_id: str) -> tuple[Offer, int, str | None] | None:
    """An offer this vault signed: (offer, dataset id, package buyer), or None."""
    with vault.reading() as conn:
        row = conn.execute(
            "SELECT message, dataset_id, package_buyer FROM market_offers WHERE offer_id = ?",
            (offer_id,),
        ).fetchone()
    if row is None:
        return None
    return Offer.from_message(json.loads(row[0])), int(row[1]), row[2]
