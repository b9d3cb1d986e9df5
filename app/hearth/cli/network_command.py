"""`hearth network list|use|add`: which chain the vault uses, and your own RPC URLs."""

from __future__ import annotations

import argparse
from typing import Any

from hearth.cli import output
from hearth.cli.commands import command, open_vault
from hearth.wallet.networks import (
    Network,
    add_network,
    current_network,
    host_of,
    networks,
    use_network,
)


def add_parsers(
    sub: argparse._SubParsersAction[argparse.ArgumentParser], shared: argparse.ArgumentParser
) -> None:
    """Declare `hearth network ...` under the command list."""
    network_p = sub.add_parser("network", help="the chain the vault uses: list, use, add")
    network_sub = network_p.add_subparsers(
        dest="network_command", metavar="ACTION", required=True, parser_class=type(network_p)
    )

    def add(name: str, help_text: str) -> argparse.ArgumentParser:
        p = network_sub.add_parser(name, parents=[shared], help=help_text, description=help_text)
        p.set_defaults(command=f"network {name}")
        return p

    add("list", "the networks you can use; * marks the vault's")
    use_p = add("use", "make NAME the network the vault uses")
    use_p.add_argument("name", metavar="NAME")
    add_p = add("add", "add a network by RPC URL, or give a preset your own RPC URL")
    add_p.add_argument("name", metavar="NAME")
    add_p.add_argument("--rpc", required=True, metavar="URL", help="the node's JSON-RPC URL")
    add_p.add_argument(
        "--chain-id",
        type=int,
        metavar="N",
        help="the chain id the node must answer (default: the preset's, or what a new node says)",
    )


def _document(network: Network, current: str) -> dict[str, Any]:
    # The RPC URL's host only: providers put API keys in the rest of it.
    return {
        "name": network.name,
        "title": network.title,
        "chain_id": network.chain_id,
        "currency": network.currency.symbol,
        "rpc": network.rpc_url if network.builtin else host_of(network.rpc_url),
        "explorer": network.explorer,
        "real_money": network.real_money,
        "custom": not network.preset,
        "current": network.name == current,
    }


@command("network list")
def network_list(args: argparse.Namespace) -> int:
    with open_vault(args) as vault:
        current = current_network(vault).name
        listed = [_document(n, current) for n in networks(vault)]
    if args.json:
        output.emit_json({"current": current, "networks": listed})
        return 0
    rows = [
        (
            "*" if n["current"] else "",
            n["name"],
            n["chain_id"],
            n["currency"],
            n["rpc"] + (" (yours)" if n["custom"] else ""),
            "real money" if n["real_money"] else "test money",
        )
        for n in listed
    ]
    output.say(output.table(["", "name", "chain id", "coin", "node", "money"], rows))
    return 0


@command("network use")
def network_use(args: argparse.Namespace) -> int:
    with open_vault(args) as vault:
        network = use_network(vault, args.name)
    money = "real money" if network.real_money else "test money with no value"
    return output.finish(
        args.json,
        {"network": network.name, "chain_id": network.chain_id},
        f"The vault now uses {network.title} (chain {network.chain_id}, {money}).",
    )


@command("network add")
def network_add(args: argparse.Namespace) -> int:
    with open_vault(args) as vault:
        network = add_network(vault, args.name, args.rpc, args.chain_id)
        current = current_network(vault).name
    return output.finish(
        args.json,
        {"network": _document(network, current)},
        f"Added {network.name}: the node at {host_of(network.rpc_url)} answers chain "
        f"{network.chain_id}. Use it with 'hearth network use {network.name}'.",
    )
