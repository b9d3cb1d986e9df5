"""Talking to a chain node: every failure of the connection becomes one `ChainError` sentence."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from typing import TYPE_CHECKING

from hearth.errors import ChainError

if TYPE_CHECKING:
    from web3.exceptions import Web3RPCError


@contextlib.contextmanager
def talking_to(where: str) -> Iterator[None]:
    """Turn a node that does not answer, or answers nonsense, into `ChainError` naming
    ``where`` (a host or a network's title, never a URL that may hold an API key)."""
    # Imported here, not at the top: whoever talks to a node has loaded web3 (and requests)
    # already, and commands that never do (import, datasets) start a second sooner, and
    # smaller, without them.
    import requests
    from web3.exceptions import (
        BadResponseFormat,
        ProviderConnectionError,
        TimeExhausted,
        Web3RPCError,
    )

    try:
        yield
    except requests.HTTPError as exc:
        status = exc.response.status_code if exc.response is not None else "an"
        raise ChainError(
            f"The node at {where} answered with HTTP error {status}; check the network's RPC URL."
        ) from None
    except (requests.RequestException, ProviderConnectionError, TimeExhausted, OSError):
        raise ChainError(
            f"The node at {where} did not answer; check your internet connection and the "
            "network's RPC URL, then try again."
        ) from None
    except BadResponseFormat:
        raise ChainError(
            f"The address {where} answered, but not as an Ethereum node; check the RPC URL."
        ) from None
    except Web3RPCError as exc:
        raise ChainError(f"The node at {where} refused the request: {rpc_message(exc)}.") from None


def rpc_message(exc: Web3RPCError) -> str:
    """The node's own words for an error, without web3's dictionary dressing."""
    response = exc.rpc_response or {}
    error = response.get("error") if isinstance(response, dict) else None
    if isinstance(error, dict) and isinstance(error.get("message"), str):
        return str(error["message"]).rstrip(".")
    return str(exc.message or exc).rstrip(".")
