"""`hearth consent show|set|approve|withdraw|export|history` and `hearth place mark|list|forget`.

`consent set` starts from the dataset's newest terms, so changing one thing keeps the rest.
Everything the command line says is checked before the passphrase is asked for, and a bad
choice is one sentence naming the valid ones (exit 2).
"""

from __future__ import annotations

import argparse
import json
import textwrap
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from hearth.atomic import write_atomically
from hearth.cli import consent_signing, output
from hearth.cli.commands import command, confirm, open_vault
from hearth.consent import store
from hearth.consent.odrl import dataset_uid, to_odrl
from hearth.consent.places import forget_place, mark_place, places_of
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
    parse_date,
    parse_purpose,
)
from hearth.consent.rates import estimate_words, rate_of
from hearth.consent.receipts import SCHEMA
from hearth.errors import NotAllowed, PolicyRefused, UsageError
from hearth.vault import Vault
from hearth.vault.browse import summarize as summarize_types
from hearth.vault.type_names import type_label

# ------------------------------------------------------------------ which dataset


def resolve_dataset(vault: Vault, text: str) -> int:
    """DATASET as typed: its id (as `hearth datasets` lists it), or its exact title when only
    one dataset has that title."""
    datasets = vault.datasets()
    wanted = text.strip()
    if wanted.isdigit():
        for dataset in datasets:
            if dataset.id == int(wanted):
                return dataset.id
    titled = [d for d in datasets if d.title == wanted]
    if len(titled) == 1:
        return titled[0].id
    if titled:
        which = _words([f"{d.id} ({d.member}'s)" for d in titled])
        raise UsageError(f"Several datasets are called '{wanted}': give the id of one of {which}.")
    raise UsageError(f"There is no dataset '{wanted}'; `hearth datasets` lists them.")


# ------------------------------------------------------------------ what `consent set` changes


def _listed(text: str, clear_word: str) -> tuple[str, ...]:
    """ "a, b" -> ("a", "b"); the clear word ("all", "none", ...) alone -> ()."""
    if text.strip().lower() == clear_word:
        return ()
    return tuple(part.strip() for part in text.split(",") if part.strip())


def _enum_choice(name: str, kind: Any) -> Callable[[str], Any]:
    def parse(value: str) -> Any:
        try:
            return kind(value.strip().lower())
        except ValueError:
            choices = _words([member.value for member in kind])
            raise UsageError(
                f"'{value}' is not a choice for {name}; the choices are {choices}."
            ) from None

    return parse


def _titles(value: str) -> bool:
    choices = {"drop": False, "keep": True}
    if value.strip().lower() not in choices:
        raise UsageError(f"'{value}' is not a choice for titles; the choices are drop and keep.")
    return choices[value.strip().lower()]


def _whole_number(name: str, what: str) -> Callable[[str], int]:
    def parse(value: str) -> int:
        try:
            return int(value.strip())
        except ValueError:
            raise UsageError(
                f"{name} takes a whole number of {what}, such as {name}=200 (0 turns it off)."
            ) from None

    return parse


# NAME=VALUE -> (PrivacyChoices field, parser of VALUE). The two `exclude-*` names repeat.
_TRANSFORMS: dict[str, tuple[str, Callable[[str], Any]]] = {
    "identifiers": ("identifiers", _enum_choice("identifiers", Identifiers)),
    "time": ("time", _enum_choice("time", TimeRounding)),
    "location": ("location", _enum_choice("location", LocationGrid)),
    "places": ("places_radius_m", _whole_number("places", "metres")),
    "exclude-type": ("exclude_types", str.strip),
    "exclude-dates": ("exclude_dates", DateRange.parse),
    "daily": ("daily_min_count", _whole_number("daily", "records")),
    "urls": ("urls", _enum_choice("urls", Urls)),
    "titles": ("titles", _titles),
}
_REPEATED = {"exclude-type", "exclude-dates"}


@dataclass
class PolicyChanges:
    """What `consent set` was told, parsed and checked before the vault is opened."""

    policy: dict[str, Any] = field(default_factory=dict)  # ConsentPolicy fields
    privacy: dict[str, Any] = field(default_factory=dict)  # PrivacyChoices fields
    types: tuple[str, ...] | None = None  # record types still to check against the dataset
    allow: tuple[str, ...] | None = None  # None: keep the current list
    deny: tuple[str, ...] | None = None
    price: str | None = None
    currency: str | None = None
    decimals: int | None = None
    token: str | None = None


def parse_changes(args: argparse.Namespace) -> PolicyChanges:
    changes = PolicyChanges(
        price=args.price, currency=args.currency, decimals=args.decimals, token=args.token
    )
    if args.purpose:
        changes.policy["purposes"] = frozenset(parse_purpose(p) for p in args.purpose)
    if args.duty:
        changes.policy["duties"] = _duties(args.duty)
    if args.buyers is not None:
        changes.allow = Buyers(allow=_listed(args.buyers, "anyone")).allow
    if args.deny is not None:
        changes.deny = Buyers(deny=_listed(args.deny, "none")).deny
    if args.types is not None:
        changes.types = _listed(args.types, "all")
    if args.dates is not None:
        changes.policy["dates"] = (
            None if args.dates.strip().lower() == "all" else DateRange.parse(args.dates)
        )
    if args.licence_days is not None:
        ConsentPolicy(0, licence_days=args.licence_days)  # its range, checked now
        changes.policy["licence_days"] = args.licence_days
    if args.expires is not None:
        changes.policy["offer_expires"] = (
            None if args.expires.strip().lower() == "never" else parse_date(args.expires)
        )
    changes.privacy = _transforms(args.transform or [])
    if (args.decimals is not None or args.token is not None) and args.currency is None:
        raise UsageError("--decimals and --token describe a currency: give --currency too.")
    if args.currency is not None and args.price is None:
        raise UsageError(f"Give the price in {args.currency} with --price.")
    if args.price is not None:
        # With no --currency the current one applies; its decimals are checked once it is known.
        currency = (
            parse_currency(args.currency, decimals=args.decimals, token=args.token)
            if args.currency is not None
            else Currency("ANY", 36)
        )
        Price.parse(args.price, currency)
    return changes


def _duties(texts: Sequence[str]) -> frozenset[Duty]:
    if [t.strip().lower() for t in texts] == ["none"]:
        return frozenset()
    duties = set()
    for text in texts:
        try:
            duties.add(Duty(text.strip().lower()))
        except ValueError:
            known = _words([d.value for d in Duty])
            raise UsageError(f"'{text}' is not a duty; the duties are {known} (or none).") from None
    return frozenset(duties)


def _transforms(texts: Sequence[str]) -> dict[str, Any]:
    chosen: dict[str, Any] = {}
    for text in texts:
        name, equals, value = text.partition("=")
        name = name.strip().lower()
        if not equals:
            raise UsageError(
                f"Write each transform as NAME=VALUE, such as time=hour, not '{text}'."
            )
        if name not in _TRANSFORMS:
            known = _words(list(_TRANSFORMS))
            raise UsageError(f"'{name}' is not a transform; the transforms are {known}.")
        attribute, parse = _TRANSFORMS[name]
        if name in _REPEATED:
            # Giving one replaces the old list; NAME=none empties it.
            items = chosen.setdefault(attribute, [])
            if value.strip().lower() != "none":
                items.append(parse(value))
        else:
            chosen[attribute] = parse(value)
    for attribute in ("exclude_types", "exclude_dates"):
        if attribute in chosen:
            chosen[attribute] = tuple(chosen[attribute])
    PrivacyChoices(**chosen)  # range checks now, before the vault is opened
    return chosen


def apply_changes(
    base: ConsentPolicy, changes: PolicyChanges, known_types: list[str]
) -> ConsentPolicy:
    """``base`` with what the command line changed; everything else stays as it was."""
    fields = dict(changes.policy)
    scope = base.scope
    if "dates" in fields:
        scope = replace(scope, dates=fields.pop("dates"))
    if changes.types is not None:
        scope = Scope(tuple(_record_type(t, known_types) for t in changes.types), scope.dates)
    fields["scope"] = scope
    fields["buyers"] = Buyers(
        base.buyers.allow if changes.allow is None else changes.allow,
        base.buyers.deny if changes.deny is None else changes.deny,
    )
    privacy = dict(changes.privacy)
    if "exclude_types" in privacy:
        privacy["exclude_types"] = tuple(
            _record_type(t, known_types) for t in privacy["exclude_types"]
        )
    fields["privacy"] = replace(base.privacy, **privacy)
    if changes.price is not None:
        if changes.currency is not None:
            currency = parse_currency(
                changes.currency, decimals=changes.decimals, token=changes.token
            )
        elif base.price is not None:
            currency = base.price.currency
        else:
            raise UsageError("Say which currency the price is in with --currency, such as ETH.")
        fields["price"] = Price.parse(changes.price, currency)
    return replace(base, **fields)


def _record_type(text: str, known: list[str]) -> str:
    """A record type by its name ("HKQuantityTypeIdentifierHeartRate") or in words ("heart
    rate"), as one of the dataset's own types."""
    for name in known:
        if text == name or text.lower() == type_label(name).lower():
            return name
    if not known:
        raise UsageError("This dataset has no records yet, so it has no record types to choose.")
    raise UsageError(f"'{text}' is not a record type of this dataset; it has {_words(known)}.")


def _dataset_types(vault: Vault, dataset_id: int) -> list[str]:
    with vault.reading() as conn:
        return sorted(t.name for t in summarize_types(conn, dataset_id))


# ------------------------------------------------------------------ consent commands


@command("consent show")
def consent_show(args: argparse.Namespace) -> int:
    with open_vault(args) as vault:
        dataset_id = resolve_dataset(vault, args.dataset)
        current = store.status(vault, dataset_id)
        uid = dataset_uid(vault.vault_id, dataset_id)
        refusal = _refusal(vault, dataset_id)
        active = _version_json(vault, current.active, uid)
        waiting = _version_json(vault, current.waiting, uid)
    if args.json:
        output.emit_json(
            {
                "dataset": _dataset_json(current),
                "sentence": current.sentence(),
                "withdrawn": current.withdrawn,
                "needs_guardian": current.needs_guardian,
                "refusal": refusal,
                "active": active,
                "waiting": waiting,
            }
        )
        return 0
    output.say(f"{current.title}, dataset {dataset_id} ({current.member}'s)")
    output.say(current.sentence())
    if active is not None:
        output.say("")
        output.say(_indented(active["summary"]))
        output.say(_version_lines(active))
    if refusal is not None and active is not None:
        output.say(_indented(f"Not sold now: {refusal}"))
    if waiting is not None:
        output.say("\nWaiting for a guardian to approve:")
        output.say(_indented(waiting["summary"]))
        output.say(_version_lines(waiting))
        output.say(_indented(f"A guardian approves with 'hearth consent approve {dataset_id}'."))
    return 0


@command("consent set")
def consent_set(args: argparse.Namespace) -> int:
    changes = parse_changes(args)
    vault, passphrase = consent_signing.unlock(args)
    with vault:
        dataset_id = resolve_dataset(vault, args.dataset)
        versions = store.history(vault, dataset_id)
        # The newest terms, whatever their state: what the person last decided.
        base = versions[-1].policy if versions else ConsentPolicy(dataset_id)
        policy = apply_changes(base, changes, _dataset_types(vault, dataset_id))
        current = store.status(vault, dataset_id)
        live = current.waiting or current.active
        uid = dataset_uid(vault.vault_id, dataset_id)
        if live is not None and live.policy == policy:
            saved, changed = live, False
        else:
            saved, changed = store.set_policy(vault, policy), True
        signature = consent_signing.sign_new_records(vault, args, passphrase, dataset_id)
        document = _version_json(vault, saved, uid)
        assert document is not None
    if args.json:
        output.emit_json(
            {"dataset": dataset_id, "changed": changed, "record": signature, **document}
        )
        return 0
    output.say(document["summary"])
    output.say("")
    if not changed:
        output.say(f"These are already the terms (version {saved.version}); nothing changed.")
    elif saved.state is store.PolicyState.AWAITING_APPROVAL:
        output.say(
            f"Saved as version {saved.version}. It waits for a guardian (the owner or an adult) "
            f"to approve it with 'hearth consent approve {dataset_id}'."
        )
    else:
        output.say(f"Saved as version {saved.version}; it is active now.")
    return 0


@command("consent approve")
def consent_approve(args: argparse.Namespace) -> int:
    vault, passphrase = consent_signing.unlock(args)
    with vault:
        dataset_id = resolve_dataset(vault, args.dataset)
        approved = store.approve(vault, dataset_id)
        signature = consent_signing.sign_new_records(vault, args, passphrase, dataset_id)
        document = _version_json(vault, approved, dataset_uid(vault.vault_id, dataset_id))
        assert document is not None
    if args.json:
        output.emit_json({"dataset": dataset_id, "record": signature, **document})
        return 0
    output.say(f"Approved version {approved.version}; it is active now.")
    output.say(_indented(document["summary"]))
    return 0


@command("consent withdraw")
def consent_withdraw(args: argparse.Namespace) -> int:
    vault, passphrase = consent_signing.unlock(args)
    with vault:
        dataset_id = resolve_dataset(vault, args.dataset)
        current = store.status(vault, dataset_id)
        if current.active is not None or current.waiting is not None:
            confirm(
                args,
                f"Withdraw consent for '{current.title}'? No new sale will happen; copies "
                "already delivered cannot be called back.",
            )
        store.withdraw(vault, dataset_id)  # says so when there is nothing to withdraw
        # Withdrawn already: a declined signature leaves the record unsigned, not the
        # consent in force.
        signature = consent_signing.sign_new_records(vault, args, passphrase, dataset_id)
        # A signed offer stays valid on chain: cancel it there too, or say plainly it is open.
        from hearth.cli.market_command import offer_to_cancel  # (market_command imports this)

        offers = offer_to_cancel(vault, args, passphrase, dataset_id)
    return output.finish(
        args.json,
        {
            "withdrawn": dataset_id,
            "note": store.WITHDRAWN_NOTE,
            "record": signature,
            "offers": offers,
        },
        store.WITHDRAWN_NOTE,
    )


@command("consent export")
def consent_export(args: argparse.Namespace) -> int:
    with open_vault(args) as vault:
        dataset_id = None if args.dataset is None else resolve_dataset(vault, args.dataset)
        records = store.consent_records(vault, dataset_id)
    document = {"schema_version": SCHEMA, "records": records}
    out: Path | None = args.out
    if out is None:
        output.emit_json(document)  # the export itself is the one JSON document
        return 0
    if out.is_dir():
        raise UsageError(f"{out} is a folder; give a file name for the consent records.")
    write_atomically(out, (json.dumps(document, indent=2, ensure_ascii=False) + "\n").encode())
    return output.finish(
        args.json,
        {"out": str(out), "records": len(records)},
        f"Wrote {len(records)} consent record(s) to {out}.",
    )


@command("consent history")
def consent_history(args: argparse.Namespace) -> int:
    with open_vault(args) as vault:
        dataset_id = resolve_dataset(vault, args.dataset)
        uid = dataset_uid(vault.vault_id, dataset_id)
        versions = [_version_json(vault, v, uid) for v in store.history(vault, dataset_id)]
    if args.json:
        output.emit_json({"dataset": dataset_id, "versions": versions})
        return 0
    if not versions:
        output.say("No terms were ever set for this dataset.")
    for document in versions:
        assert document is not None
        output.say(f"Version {document['version']}: {document['state']}")
        output.say(_indented(document["summary"]))
        output.say(_version_lines(document))
    return 0


def _refusal(vault: Vault, dataset_id: int) -> str | None:
    try:
        store.effective_policy(vault, dataset_id)
    except PolicyRefused as refused:
        return str(refused)
    return None


def _dataset_json(current: store.ConsentStatus) -> dict[str, Any]:
    return {
        "id": current.dataset_id,
        "title": current.title,
        "member": current.member,
        "member_role": current.member_role.value,
    }


def _version_json(
    vault: Vault, version: store.PolicyVersion | None, uid: str
) -> dict[str, Any] | None:
    if version is None:
        return None
    return {
        **version.to_json(),
        "summary": store.summary_of(vault, version.policy),
        "local_estimate": _local_estimate(vault, version.policy.price),
        "odrl": to_odrl(version.policy, uid),
    }


def _local_estimate(vault: Vault, price: Price | None) -> str | None:
    """ "about 25.00 EUR at the rate you entered", from the acting member's own rate: shown
    beside the price, never part of the terms."""
    if price is None or price.units == 0 or vault.member is None:
        return None
    rate = rate_of(vault, price.currency.symbol)
    return None if rate is None else estimate_words(price, rate)


def _version_lines(document: dict[str, Any]) -> str:
    line = f"  Version {document['version']}, set by {document['set_by']} on {document['set_at']}"
    estimate = document["local_estimate"]
    price = "" if not estimate else f"  The price is {estimate}.\n"
    if document["approved_by"]:
        line += f", approved by {document['approved_by']} on {document['approved_at']}"
    if document["ended_at"]:
        line += f", ended {document['ended_at']}"
    return f"{price}{line}.\n  Terms hash {document['terms_hash']}"


def _indented(text: str) -> str:
    return textwrap.fill(text, width=92, initial_indent="  ", subsequent_indent="  ")


def _words(items: Sequence[str]) -> str:
    items = list(items)
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


# ------------------------------------------------------------------ places


@command("place mark")
def place_mark(args: argparse.Namespace) -> int:
    with open_vault(args) as vault:
        place = mark_place(vault, args.label, args.lat, args.lng)
    # The position is not repeated: this line may end up in a script's log.
    return output.finish(args.json, {"place": place.label}, f"Marked {place.label}.")


@command("place list")
def place_list(args: argparse.Namespace) -> int:
    with open_vault(args) as vault:
        if vault.member is None:
            raise NotAllowed("Unlock with your own passphrase to see your places.")
        places = places_of(vault, vault.member.id)
    if args.json:
        output.emit_json(
            {"places": [{"label": p.label, "lat": p.lat, "lng": p.lng} for p in places]}
        )
    elif not places:
        output.say(
            "You have marked no places. Mark one with 'hearth place mark LABEL --lat X --lng Y'."
        )
    else:
        output.say(
            output.table(
                ["Place", "Latitude", "Longitude"], [(p.label, p.lat, p.lng) for p in places]
            )
        )
    return 0


@command("place forget")
def place_forget(args: argparse.Namespace) -> int:
    with open_vault(args) as vault:
        forget_place(vault, args.label)
    return output.finish(
        args.json, {"forgotten": args.label.strip()}, f"Forgot {args.label.strip()}."
    )


# ------------------------------------------------------------------ the grammar


def add_parsers(
    sub: argparse._SubParsersAction[argparse.ArgumentParser], shared: argparse.ArgumentParser
) -> None:
    """Declare `consent ...` and `place ...` under the top-level COMMAND sub-parsers."""

    def add(
        under: argparse._SubParsersAction[argparse.ArgumentParser],
        name: str,
        full_name: str,
        help_text: str,
    ) -> argparse.ArgumentParser:
        p: argparse.ArgumentParser = under.add_parser(
            name, parents=[shared], help=help_text, description=help_text
        )
        p.set_defaults(command=full_name)
        return p

    consent_p = sub.add_parser("consent", help="who may use a dataset, for what and at what price")
    consent = consent_p.add_subparsers(
        dest="consent_command", metavar="ACTION", required=True, parser_class=type(consent_p)
    )
    show = add(consent, "show", "consent show", "a dataset's terms in plain words")
    show.add_argument("dataset", metavar="DATASET", help="its id or exact title")

    set_p = add(
        consent,
        "set",
        "consent set",
        "set a dataset's terms, starting from its newest terms (what you do not give stays)",
    )
    set_p.add_argument("dataset", metavar="DATASET", help="its id or exact title")
    known_purposes = ", ".join(p.value for p in Purpose)
    set_p.add_argument(
        "--purpose",
        action="append",
        metavar="P",
        help=f"an allowed purpose; repeat for more (replaces the old list): {known_purposes}",
    )
    set_p.add_argument("--price", metavar="AMOUNT", help="the price, such as 0.01")
    set_p.add_argument("--currency", metavar="SYMBOL", help="ETH, xDAI, POL, USDC or another")
    set_p.add_argument("--decimals", type=int, metavar="N", help="decimals of another currency")
    set_p.add_argument("--token", metavar="ADDR", help="the ERC-20 token address of the currency")
    set_p.add_argument(
        "--buyers", metavar="ADDR,...", help="only these addresses may buy ('anyone' for all)"
    )
    set_p.add_argument("--deny", metavar="ADDR,...", help="these may never buy ('none' to clear)")
    set_p.add_argument(
        "--types", metavar="TYPE,...", help="only these record types ('all' for every type)"
    )
    set_p.add_argument(
        "--dates", metavar="FROM..TO", help="only these days, e.g. 2019-01-01..2024-12-31 ('all')"
    )
    set_p.add_argument("--licence-days", type=int, metavar="N", help="how long a licence lasts")
    set_p.add_argument("--expires", metavar="DATE", help="last day to buy ('never' to clear)")
    set_p.add_argument(
        "--duty",
        action="append",
        metavar="D",
        help="a duty buyers accept; repeat for more (replaces the old list; 'none' for none): "
        + ", ".join(d.value for d in Duty),
    )
    set_p.add_argument(
        "--transform",
        action="append",
        metavar="NAME=VALUE",
        help="a privacy choice; repeat for more: " + ", ".join(_TRANSFORMS),
    )

    sign_help = "sign the consent record with your wallet without asking"
    set_p.add_argument("--yes", action="store_true", help=sign_help)
    approve = add(consent, "approve", "consent approve", "a guardian approves a child's terms")
    approve.add_argument("dataset", metavar="DATASET", help="its id or exact title")
    approve.add_argument("--yes", action="store_true", help=sign_help)
    withdraw = add(consent, "withdraw", "consent withdraw", "stop every future sale now")
    withdraw.add_argument("dataset", metavar="DATASET", help="its id or exact title")
    withdraw.add_argument(
        "--yes",
        action="store_true",
        help="do not ask for confirmation; sign the record and cancel its open offers too",
    )
    sign = add(
        consent, "sign", "consent sign", "sign your unsigned consent records with your wallet"
    )
    sign.add_argument("dataset", metavar="DATASET", nargs="?", help="only this dataset's")
    sign.add_argument("--yes", action="store_true", help="sign without asking for each")
    export = add(consent, "export", "consent export", "the consent records as JSON")
    export.add_argument("dataset", metavar="DATASET", nargs="?", help="only this dataset's")
    export.add_argument("--out", type=Path, metavar="FILE", help="write them to FILE")
    history = add(consent, "history", "consent history", "every version of a dataset's terms")
    history.add_argument("dataset", metavar="DATASET", help="its id or exact title")

    place_p = sub.add_parser("place", help="places (home, work) packages leave out")
    place = place_p.add_subparsers(
        dest="place_command", metavar="ACTION", required=True, parser_class=type(place_p)
    )
    mark = add(place, "mark", "place mark", "mark (or move) one of your places")
    mark.add_argument("label", metavar="LABEL", help="a short name, such as Home")
    mark.add_argument("--lat", type=float, required=True, metavar="X", help="latitude")
    mark.add_argument("--lng", type=float, required=True, metavar="Y", help="longitude")
    add(place, "list", "place list", "your places and where they are")
    forget = add(place, "forget", "place forget", "forget one of your places")
    forget.add_argument("label", metavar="LABEL")
