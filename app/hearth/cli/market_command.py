"""`hearth market deploy|offer|offers|cancel|buy|fulfil|receive|withdraw|refund|sales|purchases`
and `hearth market ipfs show|set|off`.

Every command acts for one member with their own passphrase (a keystore-file wallet opens with
it too), and takes --yes to approve what it signs without asking. The market layer (web3,
py-evm for the sandbox) is imported inside each command, so other commands start fast.
"""

from __future__ import annotations

import argparse
import re
import sys
import time
from pathlib import Path
from typing import Any

from hearth.cli import output, passphrases
from hearth.cli.approve import approver
from hearth.cli.commands import acting_member, command
from hearth.cli.consent_command import resolve_dataset
from hearth.errors import ChainError, NotAllowed, UsageError, UserFacingError
from hearth.progress import CancelToken
from hearth.vault import Vault

FULFIL_INTERVAL_S = 15.0


def _open(args: argparse.Namespace) -> tuple[Vault, str]:
    """Unlock as the acting member, keeping the passphrase for a keystore-file wallet."""
    if args.recovery_key_file is not None:
        raise NotAllowed(
            "The market acts for a member: unlock with your own passphrase, not the recovery key."
        )
    member = acting_member(args)
    passphrase = passphrases.current_passphrase(args.passphrase_file, member)
    return Vault.unlock(args.vault, member, passphrase), passphrase


@command("market deploy")
def market_deploy(args: argparse.Namespace) -> int:
    from hearth.market.chain import deploy_market

    vault, passphrase = _open(args)
    with vault:
        address, tx = deploy_market(
            vault,
            approver(args.yes),
            treasury=args.treasury,
            fee_bps=args.fee_bps,
            delivery_days=args.delivery_days,
            passphrase=passphrase,
        )
    return output.finish(
        args.json,
        {"market": address, "tx": tx},
        f"The Hearth market is at {address}; offers on this network now use it.",
    )


@command("market offer")
def market_offer(args: argparse.Namespace) -> int:
    from hearth.market.offers import make_offer

    out: Path = args.out
    if not out.parent.is_dir():
        raise UsageError(f"The folder {out.parent} does not exist.")
    vault, passphrase = _open(args)
    bar = output.ProgressBar()
    with vault:
        dataset_id = resolve_dataset(vault, args.dataset)
        try:
            document = make_offer(
                vault,
                dataset_id,
                approver(args.yes),
                out=out,
                days=args.days,
                max_sales=args.max_sales,
                passphrase=passphrase,
                progress=bar,
                cancel=CancelToken(),
            )
        finally:
            bar.finish()
    return output.finish(
        args.json,
        {"offer": str(out), "offer_id": document.offer_id},
        f"Wrote the offer {document.offer_id} to {out}: publish it where buyers can find it. "
        "Run 'hearth market fulfil' to deliver what they buy.",
    )


@command("market offers")
def market_offers(args: argparse.Namespace) -> int:
    from hearth.market.offers import read_offers

    found = read_offers(args.where)
    if args.json:
        output.emit_json({"offers": [c.to_json() for c in found]})
    elif not found:
        output.say(f"No offers in {args.where}.")
    else:
        for checked in found:
            doc = checked.to_json()
            if checked.document is None:
                output.say(f"{checked.source}: not an offer. {' '.join(checked.problems)}")
                continue
            verdict = "valid" if checked.valid else "NOT VALID: " + " ".join(checked.problems)
            output.say(
                f"{doc['title']} for {doc['price']} from {doc['seller']} "
                f"(chain {doc['chain_id']}, until {doc['expires'][:10]}): {verdict}\n"
                f"  {doc['terms']}\n  offer {doc['offer_id']}  ({checked.source})"
            )
    # A list with no valid offer in it is a bad input for a script; some valid ones are fine.
    return 0 if any(c.valid for c in found) else 4


@command("market cancel")
def market_cancel(args: argparse.Namespace) -> int:
    from hearth.market.cancel import cancel_offers

    if (args.offer_id is None) == (args.dataset is None):
        raise UsageError("Name the offer to cancel (its id), or give --dataset DATASET.")
    if args.offer_id is not None and not re.fullmatch(r"0x[0-9a-fA-F]{64}", args.offer_id):
        raise UsageError(
            "An offer id is 0x and 64 hexadecimal digits, as 'hearth market offers' shows it."
        )
    vault, passphrase = _open(args)
    with vault:
        dataset_id = None if args.dataset is None else resolve_dataset(vault, args.dataset)
        report = cancel_offers(
            vault,
            approver(args.yes),
            offer_id=None if args.offer_id is None else args.offer_id.lower(),
            dataset_id=dataset_id,
            passphrase=passphrase,
        )
    if args.json:
        output.emit_json(report.to_json())
        return 0
    for item in report.cancelled:
        output.say(
            f"Cancelled the offer {item['offer_id']} of '{item['title']}' ({item['tx']}): nobody "
            "can buy it any more. Copies already delivered cannot be called back."
        )
    for item in report.left_open:
        output.say(f"Still open, the offer {item['offer_id']}: {item['reason']}.")
    if not report.cancelled and not report.left_open:
        output.say("No offer of this dataset is open on this network; nothing was sent.")
    return 0


def offer_to_cancel(
    vault: Vault, args: argparse.Namespace, passphrase: str | None, dataset_id: int
) -> dict[str, Any]:
    """Right after consent for ``dataset_id`` was withdrawn: its offers still open on the
    vault's network are cancelled with --yes or when the person agrees at the terminal;
    otherwise (declined, no terminal, the node away) stderr says plainly that they can still be
    bought and how to cancel them. What became of them, for --json."""
    from hearth.market.cancel import offers_made

    made = offers_made(vault, dataset_id)
    if not made:
        return {"cancelled": [], "open": []}  # no offer, no chain to ask
    from hearth.market.cancel import cancel_offers, open_offers
    from hearth.wallet.networks import current_network

    network = current_network(vault)
    title = made[0].title
    how = f"'hearth market cancel --dataset {dataset_id}'"
    elsewhere = sorted({o.chain_id for o in made if o.chain_id != network.chain_id})
    if elsewhere:
        chains = ", ".join(str(c) for c in elsewhere)
        _tell(
            f"Offers of '{title}' were also made on other networks (chain {chains}); switch "
            f"to each with 'hearth network use NAME' and cancel them there with {how}."
        )
    try:
        still_open = open_offers(vault, dataset_id)
    except ChainError as exc:
        _tell(
            f"{exc} Offers of '{title}' may still be open on {network.title}: cancel them with "
            f"{how} once it answers."
        )
        return {"cancelled": [], "open": [o.offer_id for o in made]}
    if not still_open:
        return {"cancelled": [], "open": []}
    count = f"{len(still_open)} offer{'s' if len(still_open) > 1 else ''}"
    _tell(
        f"{count} of '{title}' can still be bought on {network.title}: the market takes a "
        "purchase of a signed offer until it is cancelled on chain (the buyer would pay, get "
        "nothing, and wait for a refund)."
    )
    cancelled: list[dict[str, Any]] = []
    reasons: dict[str, str] = {}
    problem = "there is no terminal to ask at and --yes was not given"
    if args.yes or passphrases.is_interactive():
        try:
            report = cancel_offers(
                vault, approver(args.yes), dataset_id=dataset_id, passphrase=passphrase
            )
            cancelled = report.cancelled
            reasons = {item["offer_id"]: item["reason"] for item in report.left_open}
            problem = "it could not be cancelled"
        except UserFacingError as exc:  # consent is withdrawn all the same: say, do not fail
            problem = str(exc).rstrip(".")
    if cancelled:
        _tell(f"Cancelled {len(cancelled)} of them on chain: nobody can buy those any more.")
    try:
        left = [o.offer_id for o in open_offers(vault, dataset_id)]
    except ChainError:
        done = {c["offer_id"] for c in cancelled}
        left = [o.offer_id for o in still_open if o.offer_id not in done]
    for offer_id in left:
        _tell(f"Still open on chain: {offer_id} ({reasons.get(offer_id, problem)}).")
    if left:
        _tell(f"Cancel what is still open with {how} (--yes to approve without asking).")
    return {"cancelled": cancelled, "open": left}


def _tell(sentence: str) -> None:
    # stderr: stdout may be carrying the one JSON document.
    sys.stderr.write(sentence + "\n")


@command("market ipfs show")
def market_ipfs_show(args: argparse.Namespace) -> int:
    from hearth.market import ipfs

    vault, _passphrase = _open(args)
    with vault:
        url = ipfs.api_url(vault)
    host = None if url is None else ipfs.host_of(url)
    return output.finish(
        args.json,
        {"ipfs_api": host},
        "No IPFS node is set: deliveries name the outbox file."
        if host is None
        else f"Deliveries are pinned to the IPFS node at {host}.",
    )


@command("market ipfs set")
def market_ipfs_set(args: argparse.Namespace) -> int:
    from hearth.market import ipfs

    vault, _passphrase = _open(args)
    with vault:
        url = ipfs.set_api_url(vault, args.url)
    assert url is not None
    host = ipfs.host_of(url)
    return output.finish(
        args.json,
        {"ipfs_api": host},
        f"Deliveries are pinned to the IPFS node at {host} from now on, and named on chain "
        "by their ipfs:// address.",
    )


@command("market ipfs off")
def market_ipfs_off(args: argparse.Namespace) -> int:
    from hearth.market import ipfs

    vault, _passphrase = _open(args)
    with vault:
        ipfs.set_api_url(vault, None)
    return output.finish(
        args.json, {"ipfs_api": None}, "Deliveries name the outbox file again, without IPFS."
    )


@command("market buy")
def market_buy(args: argparse.Namespace) -> int:
    from hearth.market.buyer import buy
    from hearth.market.offers import load_offer

    document = load_offer(args.offer)  # a bad offer is refused before the passphrase
    vault, passphrase = _open(args)
    with vault:
        bought = buy(vault, document, approver(args.yes), passphrase=passphrase)
    return output.finish(
        args.json,
        {"purchase_id": bought.purchase_id, "tx": bought.tx_hash},
        f"Bought: purchase {bought.purchase_id} ({bought.tx_hash}). The seller has until "
        f"{time.strftime('%Y-%m-%d %H:%M', time.gmtime(bought.deadline))} UTC to deliver; "
        "then 'hearth market receive FILE --out DIR' checks and opens the package.",
    )


@command("market fulfil")
def market_fulfil(args: argparse.Namespace) -> int:
    from hearth.market.fulfil import fulfil

    if args.confirmations is not None and args.confirmations < 0:
        raise UsageError("--confirmations takes a number of blocks, 0 or more.")
    vault, passphrase = _open(args)
    delivered: list[dict[str, Any]] = []
    refused: list[dict[str, Any]] = []
    notes: list[str] = []
    approve = approver(args.yes)
    with vault:
        while True:
            bar = output.ProgressBar()
            try:
                report = fulfil(
                    vault,
                    approve,
                    outbox=args.outbox,
                    confirmations=args.confirmations,
                    passphrase=passphrase,
                    progress=bar,
                    cancel=CancelToken(),
                )
            except ChainError as exc:
                if args.once:
                    raise
                # Watching: a node that went away is tried again, nothing is lost meanwhile.
                sys.stderr.write(f"{exc}\n")
                report = None
            except KeyboardInterrupt:
                break
            finally:
                bar.finish()
            if report is not None:
                delivered += report.delivered
                refused += report.refused
                notes += report.notes
                if not args.json:
                    for note in report.notes:
                        sys.stderr.write(f"{note}\n")
                    for item in report.delivered:
                        where = (
                            f" ({item['uri']})"
                            if (item.get("uri") or "").startswith("ipfs:")
                            else ""
                        )
                        output.say(
                            f"Delivered sale {item['purchase_id']}: {item['package']}{where}"
                        )
                    for item in report.refused:
                        output.say(f"Not delivered, sale {item['purchase_id']}: {item['reason']}")
            if args.once:
                break
            try:
                time.sleep(args.interval)
            except KeyboardInterrupt:
                break
    if args.json:
        output.emit_json({"delivered": delivered, "refused": refused, "notes": notes})
    elif not delivered and not refused:
        output.say("Nothing to deliver.")
    return 0


@command("market receive")
def market_receive(args: argparse.Namespace) -> int:
    from hearth.market import ipfs
    from hearth.market.buyer import receive

    on_ipfs = str(args.package).startswith(ipfs.SCHEME)
    if on_ipfs and ipfs.cid_of(args.package) is None:
        raise UsageError(f"{args.package} is not the ipfs:// address of a package.")
    if not on_ipfs and not Path(args.package).is_file():
        raise UsageError(f"There is no package at {args.package}.")
    vault, passphrase = _open(args)
    bar = output.ProgressBar()
    with vault:
        package = ipfs.fetch_delivery(vault, args.package) if on_ipfs else Path(args.package)
        try:
            received = receive(
                vault,
                package,
                args.out,
                purchase_id=args.purchase,
                passphrase=passphrase,
                progress=bar,
                cancel=CancelToken(),
            )
        finally:
            bar.finish()
    return output.finish(
        args.json,
        received.to_json(),
        f"Verified: purchase {received.purchase_id} is the data the offer committed to "
        f"(Merkle root {received.merkle_root}); {received.rows} rows in {len(received.files)} "
        f"files are in {received.out_dir}.",
    )


@command("market withdraw")
def market_withdraw(args: argparse.Namespace) -> int:
    from hearth.market.buyer import withdraw

    vault, passphrase = _open(args)
    with vault:
        amount, tx = withdraw(vault, approver(args.yes), passphrase=passphrase)
    return output.finish(
        args.json,
        {"withdrawn": str(amount), "tx": tx},
        f"Withdrew your earnings to your wallet ({tx}).",
    )


@command("market refund")
def market_refund(args: argparse.Namespace) -> int:
    from hearth.market.buyer import refund

    vault, passphrase = _open(args)
    with vault:
        tx = refund(vault, args.purchase_id, approver(args.yes), passphrase=passphrase)
    return output.finish(
        args.json,
        {"refunded": args.purchase_id, "tx": tx},
        f"Purchase {args.purchase_id} was refunded to your wallet ({tx}).",
    )


@command("market sales")
def market_sales(args: argparse.Namespace) -> int:
    from hearth.market.fulfil import sales
    from hearth.wallet.info import wallet_info

    vault, _passphrase = _open(args)
    with vault:
        info = wallet_info(vault)
        listed = [] if info is None else sales(vault, seller=info.address)
    if args.json:
        output.emit_json({"sales": [s.to_json() for s in listed]})
        return 0
    if not listed:
        output.say("No sales yet.")
        return 0
    rows = [(s.purchase_id, s.state, s.buyer, s.price, s.note or "") for s in listed]
    output.say(output.table(["sale", "state", "buyer", "price (wei)", "note"], rows))
    return 0


@command("market purchases")
def market_purchases(args: argparse.Namespace) -> int:
    from hearth.market.buyer import purchases

    vault, _passphrase = _open(args)
    with vault:
        listed = purchases(vault)
    if args.json:
        output.emit_json({"purchases": [p.to_json() for p in listed]})
        return 0
    if not listed:
        output.say("No purchases yet.")
        return 0
    rows = [(p.purchase_id, p.state, p.offer.title, p.offer.offer.seller, p.price) for p in listed]
    output.say(output.table(["purchase", "state", "dataset", "seller", "price (wei)"], rows))
    return 0


# ------------------------------------------------------------------ the grammar


def add_parsers(
    sub: argparse._SubParsersAction[argparse.ArgumentParser], shared: argparse.ArgumentParser
) -> None:
    """Declare `hearth market ...` under the command list."""
    market_p = sub.add_parser("market", help="sell and buy licences: offers, sales, purchases")
    market_sub = market_p.add_subparsers(
        dest="market_command", metavar="ACTION", required=True, parser_class=type(market_p)
    )
    yes = argparse.ArgumentParser(add_help=False)
    yes.add_argument("--yes", action="store_true", help="approve what is signed without asking")

    def add(name: str, help_text: str) -> argparse.ArgumentParser:
        p = market_sub.add_parser(
            name, parents=[shared, yes], help=help_text, description=help_text
        )
        p.set_defaults(command=f"market {name}")
        return p

    deploy_p = add("deploy", "put a new Hearth market on the vault's network")
    deploy_p.add_argument(
        "--fee-bps", type=int, default=0, metavar="N", help="protocol fee, 0-500 basis points"
    )
    deploy_p.add_argument("--treasury", metavar="ADDR", help="who receives the fee")
    deploy_p.add_argument(
        "--delivery-days", type=int, default=3, metavar="N", help="days a seller has to deliver"
    )

    offer_p = add("offer", "sign an offer of a dataset under its terms and write it to a file")
    offer_p.add_argument("dataset", metavar="DATASET", help="its id or exact title")
    offer_p.add_argument("--out", type=Path, required=True, metavar="FILE")
    offer_p.add_argument("--days", type=int, default=30, metavar="N", help="open for N days")
    offer_p.add_argument(
        "--max-sales", type=int, default=100, metavar="N", help="at most N sales (default 100)"
    )

    offers_p = add("offers", "list and check the offers in a file, a folder or at a URL")
    offers_p.add_argument("where", metavar="PATH|URL")

    cancel_p = add("cancel", "cancel an offer on chain (or every open offer of a dataset)")
    cancel_p.add_argument("offer_id", nargs="?", metavar="OFFER_ID", help="the offer's 0x id")
    cancel_p.add_argument(
        "--dataset", metavar="DATASET", help="all its open offers, by id or title"
    )

    buy_p = add("buy", "buy an offer (from its file or URL) with your wallet")
    buy_p.add_argument("offer", metavar="FILE|URL")

    fulfil_p = add("fulfil", "deliver what buyers bought from you (watches until Ctrl-C)")
    fulfil_p.add_argument("--once", action="store_true", help="one pass, then stop")
    fulfil_p.add_argument(
        "--outbox", type=Path, metavar="DIR", help="where packages go (default: VAULT/outbox)"
    )
    fulfil_p.add_argument(
        "--confirmations",
        type=int,
        metavar="N",
        help="blocks to wait on top of a purchase (default 0 on the sandbox, else 2)",
    )
    fulfil_p.add_argument(
        "--interval",
        type=float,
        default=FULFIL_INTERVAL_S,
        metavar="S",
        help="seconds between passes while watching",
    )

    receive_p = add("receive", "check a delivered package against the chain and open it")
    receive_p.add_argument(
        "package", metavar="PACKAGE", help="the package file, or its ipfs://CID (needs an IPFS API)"
    )
    receive_p.add_argument("--out", type=Path, required=True, metavar="DIR")
    receive_p.add_argument("--purchase", type=int, metavar="N", help="which purchase it is for")

    add("withdraw", "pay your earnings held by the market out to your wallet")

    refund_p = add("refund", "take back the payment of an undelivered purchase after its deadline")
    refund_p.add_argument("purchase_id", type=int, metavar="PURCHASE_ID")

    add("sales", "purchases of your offers and how their delivery went")

    ipfs_p = market_sub.add_parser(
        "ipfs", help="the IPFS node deliveries are pinned to", description="the IPFS node"
    )
    ipfs_sub = ipfs_p.add_subparsers(
        dest="ipfs_command", metavar="ACTION", required=True, parser_class=type(ipfs_p)
    )

    def add_ipfs(name: str, help_text: str) -> argparse.ArgumentParser:
        p = ipfs_sub.add_parser(name, parents=[shared], help=help_text, description=help_text)
        p.set_defaults(command=f"market ipfs {name}")
        return p

    add_ipfs("show", "which IPFS node deliveries are pinned to, if any")
    set_p = add_ipfs("set", "pin deliveries to the IPFS node with this HTTP API")
    set_p.add_argument("url", metavar="URL", help="its HTTP API, such as http://127.0.0.1:5001")
    add_ipfs("off", "stop pinning deliveries to IPFS")
    add("purchases", "what you bought")
