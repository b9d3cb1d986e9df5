"""The committed contract artifacts are what the committed sources compile to.

The hash checks need only the checkout (not node_modules): each artifact records the sha256
of every source it was built from. Recompiling needs `npm ci` in contracts/ and is skipped
without it.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from hearth.market.contracts import MARKET, checkout_contracts, load_artifact, stale_sources

CONTRACTS = Path(__file__).resolve().parents[2] / "contracts"
BUILD = CONTRACTS / "build"
PACKAGE_ARTIFACTS = CONTRACTS.parent / "app" / "hearth" / "market" / "artifacts"


def build_artifacts() -> dict[str, dict[str, object]]:
    return {p.stem: json.loads(p.read_text()) for p in sorted(BUILD.glob("*.json"))}


def test_checkout_contracts_folder_is_found() -> None:
    assert checkout_contracts() == CONTRACTS


def test_committed_artifacts_match_the_sources() -> None:
    artifacts = build_artifacts()
    assert {"DataMarket", "TestToken", "ReentrantReceiver"} <= artifacts.keys()
    for name, artifact in artifacts.items():
        assert stale_sources(artifact, CONTRACTS) == [], f"{name}: run contracts/scripts/compile.js"


def test_every_contract_source_is_built() -> None:
    built = {unit for a in build_artifacts().values() for unit in a["sources"]}  # type: ignore[attr-defined]
    sources = {p.relative_to(CONTRACTS).as_posix() for p in (CONTRACTS / "src").rglob("*.sol")}
    assert sources <= built


def test_package_carries_the_app_contracts_as_built() -> None:
    shipped = sorted(p.name for p in PACKAGE_ARTIFACTS.glob("*.json"))
    assert shipped == [f"{MARKET}.json"]  # test contracts stay out of the app
    assert (PACKAGE_ARTIFACTS / shipped[0]).read_bytes() == (BUILD / shipped[0]).read_bytes()
    assert load_artifact() == json.loads((BUILD / shipped[0]).read_text())


def test_artifacts_name_the_pinned_compiler_and_library() -> None:
    pins = json.loads((CONTRACTS / "package.json").read_text())["devDependencies"]
    for artifact in build_artifacts().values():
        compiler = artifact["compiler"]
        assert compiler["npmPackage"] == f"solc@{pins['solc']}"  # type: ignore[index]
        assert compiler["version"].startswith(pins["solc"] + "+commit.")  # type: ignore[index]
        libraries = artifact["libraries"]
        assert libraries["@openzeppelin/contracts"] == pins["@openzeppelin/contracts"]  # type: ignore[index]


def test_a_changed_source_is_noticed(tmp_path: Path) -> None:
    copy = tmp_path / "contracts"
    shutil.copytree(CONTRACTS / "src", copy / "src")
    market = copy / "src" / "DataMarket.sol"
    market.write_text(market.read_text() + "\n// an edit\n")
    (copy / "src" / "test" / "TestToken.sol").unlink()
    assert stale_sources(load_artifact(), copy) == ["src/DataMarket.sol"]
    token = json.loads((BUILD / "TestToken.json").read_text())
    assert stale_sources(token, copy) == ["src/test/TestToken.sol"]


@pytest.mark.skipif(
    not (CONTRACTS / "node_modules" / "solc").is_dir() or shutil.which("node") is None,
    reason="recompiling needs node and `npm ci` in contracts/",
)
def test_recompiling_gives_the_committed_artifacts() -> None:
    result = subprocess.run(
        ["node", "scripts/compile.js", "--check"],
        cwd=CONTRACTS,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
