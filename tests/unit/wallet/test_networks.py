"""Network presets, the vault's chosen network, custom RPC URLs and the chain-id check."""

from __future__ import annotations

import socket
from collections.abc import Iterator

import pytest

from hearth.errors import ChainError, NotAllowed, UsageError
from hearth.vault import Role, Vault
from hearth.wallet import networks
from hearth.wallet.networks import (
    add_network,
    connect,
    current_network,
    network_named,
    presets,
    use_network,
)
from tests.conftest import PASSPHRASE
from tests.unit.wallet.chain_doubles import FakeNode


@pytest.fixture
def sepolia_node() -> Iterator[FakeNode]:
    with FakeNode(11155111) as node:
        yield node


def _closed_port_url() -> str:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    return f"http://127.0.0.1:{port}"


def _state(vault: Vault) -> tuple[object, ...]:
    with vault.reading() as conn:
        rows = conn.execute("SELECT * FROM networks").fetchall()
        info = conn.execute("SELECT * FROM vault_info ORDER BY key").fetchall()
    return rows, info, len(vault.audit_entries())


def test_presets_name_each_chain_with_its_chain_id_and_coin() -> None:
    found = {name: (n.chain_id, n.currency.symbol) for name, n in presets().items()}
    assert found == {
        "sandbox": (1337, "ETH"),
        "local": (31337, "ETH"),
        "sepolia": (11155111, "ETH"),
        "base": (8453, "ETH"),
        "polygon": (137, "POL"),
        "gnosis": (100, "xDAI"),
    }
    assert presets()["sandbox"].builtin
    assert not presets()["sandbox"].real_money
    assert presets()["base"].real_money
    assert presets()["base"].tokens["USDC"].decimals == 6
    assert presets()["base"].tx_url("0xab") == "https://basescan.org/tx/0xab"
    assert presets()["local"].tx_url("0xab") is None


def test_a_new_vault_uses_the_sandbox(vault: Vault) -> None:
    assert current_network(vault).name == "sandbox"


def test_using_a_network_is_remembered_and_audited(vault: Vault) -> None:
    use_network(vault, "Base")
    assert current_network(vault).name == "base"
    assert vault.audit_entries(action="network.used")[-1].details["network"] == "base"


def test_an_unknown_network_name_is_refused_with_the_known_names(vault: Vault) -> None:
    before = _state(vault)
    with pytest.raises(UsageError, match=r"no network called 'mainnet'.*sepolia"):
        use_network(vault, "mainnet")
    assert _state(vault) == before


def test_a_custom_network_is_added_after_its_node_answers(vault: Vault) -> None:
    with FakeNode(424242) as node:
        added = add_network(vault, "My-Chain", node.url)
    assert (added.name, added.chain_id, added.preset) == ("my-chain", 424242, False)
    assert network_named(vault, "my-chain").rpc_url == node.url
    assert [n.name for n in networks.networks(vault)][-1] == "my-chain"
    use_network(vault, "my-chain")
    assert current_network(vault).chain_id == 424242


def test_a_custom_network_on_a_known_chain_borrows_its_coin_and_explorer(vault: Vault) -> None:
    with FakeNode(8453) as node:
        added = add_network(vault, "my-base", node.url, chain_id=8453)
    assert added.currency.symbol == "ETH"
    assert added.explorer == "https://basescan.org"
    assert added.real_money


def test_a_preset_can_get_its_own_rpc_url(vault: Vault, sepolia_node: FakeNode) -> None:
    add_network(vault, "sepolia", sepolia_node.url)
    sepolia = network_named(vault, "sepolia")
    assert sepolia.rpc_url == sepolia_node.url
    assert sepolia.chain_id == 11155111
    assert sepolia.title == presets()["sepolia"].title
    assert [n.name for n in networks.networks(vault)].count("sepolia") == 1


def test_a_node_on_another_chain_is_refused_and_nothing_changes(vault: Vault) -> None:
    before = _state(vault)
    with FakeNode(1) as node, pytest.raises(ChainError, match="on chain 1, not chain 8453"):
        add_network(vault, "base", node.url)
    with FakeNode(5) as node, pytest.raises(ChainError, match="on chain 5, not chain 77"):
        add_network(vault, "mine", node.url, chain_id=77)
    assert _state(vault) == before


def test_a_preset_name_with_another_chain_id_is_refused(vault: Vault) -> None:
    with pytest.raises(UsageError, match="chain id 8453, not 1"):
        add_network(vault, "base", "http://127.0.0.1:1", chain_id=1)


def test_a_node_that_does_not_answer_is_a_chain_error(vault: Vault) -> None:
    before = _state(vault)
    with pytest.raises(ChainError, match="did not answer") as caught:
        add_network(vault, "mine", _closed_port_url(), chain_id=5, timeout=2)
    assert caught.value.exit_code == 7
    assert _state(vault) == before


@pytest.mark.parametrize("url", ["ftp://node.example", "node.example:8545", "", "http://"])
def test_a_malformed_rpc_url_is_refused(vault: Vault, url: str) -> None:
    with pytest.raises(UsageError, match="not an RPC URL"):
        add_network(vault, "mine", url, chain_id=5)


def test_the_sandbox_has_no_rpc_url_to_change(vault: Vault) -> None:
    with pytest.raises(UsageError, match="runs inside Hearth"):
        add_network(vault, "sandbox", "http://127.0.0.1:1")


def test_the_audit_log_keeps_the_host_but_not_an_api_key_in_the_url(vault: Vault) -> None:
    with FakeNode(11155111) as node:
        add_network(vault, "sepolia", f"{node.url}/v3/secret-api-key")
    entry = vault.audit_entries(action="network.added")[-1]
    assert entry.details["host"] == "127.0.0.1"
    assert "secret-api-key" not in str(entry.details)


def test_connect_checks_the_chain_id(vault: Vault, sepolia_node: FakeNode) -> None:
    add_network(vault, "sepolia", sepolia_node.url)
    web3 = connect(network_named(vault, "sepolia"))
    assert web3.eth.chain_id == 11155111
    sepolia_node.chain_id = 1  # the provider changed what is behind the URL
    with pytest.raises(ChainError, match="on chain 1, not chain 11155111"):
        connect(network_named(vault, "sepolia"))


def test_a_builtin_chain_nothing_provides_is_refused_in_a_sentence(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # The sandbox is provided by hearth.market when it is imported; without a provider the
    # wallet layer says so instead of failing somewhere inside web3.
    monkeypatch.setattr(networks, "_builtin_openers", {})
    with pytest.raises(ChainError, match="not available in this version"):
        connect(presets()["sandbox"])


def test_a_child_cannot_change_the_network(vault: Vault, vault_path: object) -> None:
    vault.add_member("Ben", Role.CHILD, PASSPHRASE)
    vault.close()
    with Vault.unlock(vault.path, "Ben", PASSPHRASE) as child_vault:
        with pytest.raises(NotAllowed):
            use_network(child_vault, "base")
        with pytest.raises(NotAllowed):
            add_network(child_vault, "mine", "http://127.0.0.1:1", chain_id=5)
        assert current_network(child_vault).name == "sandbox"
