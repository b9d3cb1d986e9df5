"""Deliveries pinned to IPFS through its HTTP API, on the sandbox.

The IPFS node here is a stand-in (tests/unit/market/ipfs_standin.py): a local HTTP server
speaking the /api/v0/add and /api/v0/cat calls Hearth makes, as Kubo documents them; no IPFS
daemon can be installed on the test machines. What is real: the multipart upload streamed
from the outbox file, the CID named on chain, the fetch back and the buyer's verification.
"""

from __future__ import annotations

import hashlib
import socket
from pathlib import Path

import pytest

from hearth.errors import NotAllowed, UsageError
from hearth.market import buyer, fulfil, ipfs, offers
from hearth.market.chain import session
from hearth.vault import Role, Vault
from tests.unit.market.conftest import as_ana, as_ben
from tests.unit.market.helpers import Approvals
from tests.unit.market.ipfs_standin import IpfsStandIn, raw_cid


def _sold(path: Path, dataset_id: int, folder: Path) -> int:
    """Ana offers, Ben buys; the purchase id."""
    offer_file = folder / "offer.json"
    with as_ana(path) as ana:
        offers.make_offer(ana, dataset_id, Approvals(), out=offer_file)
    with as_ben(path) as ben:
        return buyer.buy(ben, offers.load_offer(offer_file), Approvals()).purchase_id


def _delivered_uri(vault: Vault, purchase_id: int) -> str:
    with session(vault, need_wallet=False) as market:
        [event] = market.contract.events.Delivered().get_logs(
            from_block=0, argument_filters={"purchaseId": purchase_id}
        )
    return str(event["args"]["uri"])


def test_a_delivery_is_pinned_and_named_on_chain_by_its_cid_and_the_buyer_fetches_it(
    household: tuple[Path, int], tmp_path: Path
) -> None:
    path, dataset_id = household
    with IpfsStandIn() as node:
        with as_ana(path) as ana:
            ipfs.set_api_url(ana, node.url + "/")
        purchase_id = _sold(path, dataset_id, tmp_path)
        with as_ana(path) as ana:
            report = fulfil.fulfil(ana, Approvals())
            on_chain = _delivered_uri(ana, purchase_id)
        [delivered] = report.delivered
        package = Path(delivered["package"])
        [added] = node.added
        # The outbox file, byte for byte, pinned; its CID is what the chain names.
        assert added.data == package.read_bytes() and added.name == package.name
        assert added.query["pin"] == ["true"]
        assert delivered["uri"] == on_chain == f"ipfs://{raw_cid(added.data)}"
        assert report.notes == []
        with as_ana(path) as ana:
            [sale] = fulfil.sales(ana)
            prepared = [e for e in ana.audit_entries() if e.action == "market.delivery_prepared"]
        assert sale.uri == on_chain and prepared[0].details["uri"] == on_chain

        with as_ben(path) as ben:
            fetched = ipfs.fetch_delivery(ben, on_chain)
            assert fetched.parent == path / ipfs.INBOX
            assert hashlib.sha256(fetched.read_bytes()).digest() == (
                hashlib.sha256(package.read_bytes()).digest()
            )
            received = buyer.receive(ben, fetched, tmp_path / "bought")
        assert (tmp_path / "bought" / "data" / "heart_rate.csv").is_file()
        assert received.purchase_id == purchase_id


def _closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])  # nothing listens there once it is closed


@pytest.mark.parametrize("trouble", ["away", "refusing"])
def test_an_ipfs_api_in_trouble_is_a_sentence_and_the_delivery_names_the_outbox_file(
    household: tuple[Path, int], tmp_path: Path, trouble: str
) -> None:
    path, dataset_id = household
    with IpfsStandIn(fail="repo is locked by another process") as node:
        url = node.url if trouble == "refusing" else f"http://127.0.0.1:{_closed_port()}"
        with as_ana(path) as ana:
            ipfs.set_api_url(ana, url)
        purchase_id = _sold(path, dataset_id, tmp_path)
        with as_ana(path) as ana:
            report = fulfil.fulfil(ana, Approvals())
            on_chain = _delivered_uri(ana, purchase_id)
    [delivered] = report.delivered  # delivered all the same
    name = Path(delivered["package"]).name
    assert delivered["uri"] == on_chain == name
    [note] = report.notes
    host = url.removeprefix("http://")
    if trouble == "away":
        assert note.startswith(f"Sale {purchase_id}: The IPFS API at {host} did not answer")
    else:
        assert note.startswith(
            f"Sale {purchase_id}: The IPFS API at {host} refused to add the package (HTTP 500: "
            "repo is locked by another process)."
        )
    assert note.endswith(
        f"Its delivery names the outbox file {name} instead: hand that file to the buyer."
    )


def test_the_ipfs_api_setting_is_checked_kept_and_logged_by_host_only(
    vault: Vault, vault_path: Path
) -> None:
    assert ipfs.api_url(vault) is None
    for bad in ("ftp://127.0.0.1:5001", "127.0.0.1:5001", "http://h:5001/?key=1", "http://h:x"):
        with pytest.raises(UsageError):
            ipfs.set_api_url(vault, bad)
    stored = ipfs.set_api_url(vault, "http://user:secret@127.0.0.1:5001/api/v0/")
    assert stored == ipfs.api_url(vault) == "http://user:secret@127.0.0.1:5001"
    [entry] = [e for e in vault.audit_entries() if e.action == "market.ipfs_set"]
    assert entry.details == {"host": "127.0.0.1:5001"}  # never the key in the URL
    ipfs.set_api_url(vault, None)
    assert ipfs.api_url(vault) is None

    vault.add_member("Kit", Role.CHILD, "kit's own long passphrase")
    vault.close()
    with (
        Vault.unlock(vault_path, "Kit", "kit's own long passphrase") as kit,
        pytest.raises(NotAllowed),
    ):
        ipfs.set_api_url(kit, "http://127.0.0.1:5001")


def test_only_ipfs_addresses_of_a_package_are_fetched(vault: Vault) -> None:
    assert ipfs.cid_of("ipfs://" + raw_cid(b"x")) == raw_cid(b"x")
    for not_one in ("sale-1.age", "ipfs://", "ipfs://../../etc/passwd", "https://x/ipfs/bafy"):
        assert ipfs.cid_of(not_one) is None
    with pytest.raises(UsageError, match="set your IPFS node's API"):
        ipfs.fetch_delivery(vault, "ipfs://" + raw_cid(b"x"))
