"""`hearth network list|use|add` as a script runs it, and the CLI's answer to a SigningRequest."""

from __future__ import annotations

import io
import json
import socket
from pathlib import Path

import pytest

from hearth.cli.approve import approver
from hearth.errors import UsageError
from hearth.wallet.networks import presets
from hearth.wallet.signing import KnownContracts, SigningRequest, Transfer, transaction_request
from tests.cli.test_cli_vault import assert_one_sentence, hearth, made
from tests.unit.wallet.chain_doubles import FakeNode

_ = made  # fixture


def test_a_new_vault_lists_the_presets_with_the_sandbox_in_use(made: Path) -> None:
    result = hearth("--vault", made, "network", "list", "--json")
    assert result.returncode == 0, result.stderr
    document = json.loads(result.stdout)
    assert document["current"] == "sandbox"
    assert [n["name"] for n in document["networks"]] == list(presets())
    sandbox = document["networks"][0]
    assert (sandbox["rpc"], sandbox["current"], sandbox["real_money"]) == (
        "builtin:sandbox",
        True,
        False,
    )
    text = hearth("--vault", made, "network", "list")
    assert text.returncode == 0
    assert "* sandbox" in text.stdout.replace("  ", " ")


def test_use_changes_the_vaults_network_to_a_known_one_only(made: Path) -> None:
    result = hearth("--vault", made, "network", "use", "gnosis", "--json")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == {"network": "gnosis", "chain_id": 100}
    unknown = hearth("--vault", made, "network", "use", "mainnet")
    assert unknown.returncode == 2
    assert_one_sentence(unknown)
    assert "no network called 'mainnet'" in unknown.stderr
    listed = json.loads(hearth("--vault", made, "network", "list", "--json").stdout)
    assert listed["current"] == "gnosis"


def test_add_checks_the_nodes_chain_id(made: Path) -> None:
    with FakeNode(424242) as node:
        added = hearth(
            "--vault", made, "network", "add", "mine", "--rpc", f"{node.url}/key123", "--json"
        )
        refused = hearth("--vault", made, "network", "add", "base", "--rpc", node.url)
    assert added.returncode == 0, added.stderr
    network = json.loads(added.stdout)["network"]
    assert (network["name"], network["chain_id"], network["rpc"]) == (
        "mine",
        424242,
        node.url.removeprefix("http://"),
    )
    assert "key123" not in added.stdout
    assert refused.returncode == 7
    assert_one_sentence(refused)
    assert "is on chain 424242, not chain 8453" in refused.stderr


def test_a_node_that_does_not_answer_exits_7_with_a_sentence(made: Path) -> None:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    result = hearth(
        "--vault", made, "network", "add", "mine", "--rpc", f"http://127.0.0.1:{port}", "--json"
    )
    assert result.returncode == 7
    assert "did not answer" in json.loads(result.stdout)["error"]["message"]


# ----------------------------------------------------------------- the approve callback


def _request() -> SigningRequest:
    return transaction_request(
        Transfer("0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC", 10**16),
        action="Send 0.01 ETH to 0x3C…BC",
        network=presets()["base"],
        account="0x70997970C51812dc3A010C7d01b50e0d17dc79C8",
        contracts=KnownContracts(),
        max_fee_wei=10**13,
    )


def test_yes_approves_and_still_shows_the_request(capsys: pytest.CaptureFixture[str]) -> None:
    assert approver(yes=True)(_request()) is True
    captured = capsys.readouterr()
    assert captured.out == ""  # stdout stays free for --json
    assert "Send 0.01 ETH to 0x3C…BC" in captured.err
    assert "Network fee: at most 0.00001 ETH" in captured.err


def test_without_a_terminal_or_yes_nothing_is_approved(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr("hearth.cli.passphrases.is_interactive", lambda: False)
    with pytest.raises(UsageError, match="add --yes"):
        approver(yes=False)(_request())


@pytest.mark.parametrize(
    ("typed", "approved"), [("y\n", True), ("yes\n", True), ("\n", False), ("n\n", False)]
)
def test_at_a_terminal_only_yes_approves(
    monkeypatch: pytest.MonkeyPatch, typed: str, approved: bool
) -> None:
    monkeypatch.setattr("hearth.cli.passphrases.is_interactive", lambda: True)
    monkeypatch.setattr("sys.stdin", io.StringIO(typed))
    assert approver(yes=False)(_request()) is approved
