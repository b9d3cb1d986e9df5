"""`hearth consent ...` and `hearth place ...` as scripts and people run them."""

from __future__ import annotations

import json
import subprocess
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from hearth.consent.rates import set_rate
from hearth.consent.store import WITHDRAWN_NOTE
from hearth.importers.pipeline import import_path
from hearth.vault import Role, Vault
from tests.cli.test_cli_vault import assert_one_sentence, folder_digest, hearth
from tests.conftest import PASSPHRASE
from tests.unit.importers.apple_samples import write_heart_rates

CLEO, CLEO_PASS = "Cleo", "cleo's own passphrase"
BEN, BEN_PASS = "Ben", "ben's own passphrase"

ISSUE_SENTENCE = (
    "Researchers at universities may use your heart rate from 2019–2024, hours rounded, "
    "for 1 year, for 0.01 ETH. They may not resell it or try to find out who you are."
)
ISSUE_OPTIONS = (
    "--purpose",
    "academic-research",
    "--price",
    "0.01",
    "--currency",
    "ETH",
    "--types",
    "HKQuantityTypeIdentifierHeartRate",
    "--dates",
    "2019-01-01..2024-12-31",
    "--transform",
    "time=hour",
    "--transform",
    "identifiers=keep",
    "--duty",
    "no-resale",
    "--duty",
    "no-reidentification",
)


@dataclass(frozen=True)
class Household:
    """A vault where Ana (owner) imported dataset 1, Cleo (a child) dataset 2, Ben (adult) 3."""

    path: Path

    def run(self, *args: str | Path, member: str | None = None) -> subprocess.CompletedProcess[str]:
        passphrase = {None: PASSPHRASE, CLEO: CLEO_PASS, BEN: BEN_PASS}[member]
        who = ("--member", member) if member else ()
        return hearth("--vault", self.path, *who, *args, passphrase=passphrase)

    def json(self, *args: str | Path, member: str | None = None) -> Any:
        result = self.run(*args, "--json", member=member)
        assert result.returncode == 0, result.stderr
        assert result.stderr == ""
        return json.loads(result.stdout)


@pytest.fixture
def home(vault_path: Path, tmp_path: Path) -> Household:
    export = write_heart_rates(tmp_path / "export.xml", 30)
    vault, _ = Vault.create(vault_path, "Ana", PASSPHRASE)
    with vault:
        import_path(vault, export)
        vault.add_member(CLEO, Role.CHILD, CLEO_PASS)
        vault.add_member(BEN, Role.ADULT, BEN_PASS)
    for name, passphrase in ((CLEO, CLEO_PASS), (BEN, BEN_PASS)):
        with Vault.unlock(vault_path, name, passphrase) as as_member:
            import_path(as_member, export)
    return Household(vault_path)


def test_a_dataset_is_named_by_its_title_when_only_one_has_it(tmp_path: Path) -> None:
    vault, _ = Vault.create(tmp_path / "alone", "Ana", PASSPHRASE)
    with vault:
        import_path(vault, write_heart_rates(tmp_path / "export.xml", 5))
    result = hearth("--vault", tmp_path / "alone", "consent", "show", "Apple Health")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("Apple Health, dataset 1 (Ana's)\n")


def test_a_dataset_without_terms_is_not_on_offer(home: Household) -> None:
    result = home.run("consent", "show", "1")
    assert result.returncode == 0, result.stderr
    assert result.stdout == "Apple Health, dataset 1 (Ana's)\nNot on offer: no terms set yet.\n"
    shown = home.json("consent", "show", "1")
    assert shown["active"] is None and shown["waiting"] is None
    assert shown["refusal"] == "'Apple Health' has no consent policy: set one first."


def test_setting_the_issue_example_prints_its_sentence_and_makes_it_active(
    home: Household,
) -> None:
    result = home.run("consent", "set", "1", *ISSUE_OPTIONS)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[0] == ISSUE_SENTENCE
    assert "Saved as version 1; it is active now." in result.stdout
    shown = home.json("consent", "show", "1")
    active = shown["active"]
    assert (shown["sentence"], shown["refusal"]) == ("On offer under these terms.", None)
    assert active["summary"] == ISSUE_SENTENCE
    assert (active["version"], active["state"], active["set_by"]) == (1, "active", "Ana")
    assert active["terms_hash"].startswith("0x") and len(active["terms_hash"]) == 66
    odrl = active["odrl"]
    assert odrl["@type"] == "Offer" and odrl["@context"][0] == "http://www.w3.org/ns/odrl.jsonld"
    assert odrl["permission"][0]["duty"][0]["action"] == "compensate"
    text = home.run("consent", "show", "1").stdout
    assert active["terms_hash"] in text and "set by Ana" in text


def test_set_json_is_one_document_with_the_summary_and_odrl(home: Household) -> None:
    document = home.json("consent", "set", "1", *ISSUE_OPTIONS)
    assert document["dataset"] == 1 and document["changed"] is True
    assert document["summary"] == ISSUE_SENTENCE
    assert document["policy"]["price"]["units"] == "10000000000000000"
    assert document["odrl"]["prohibition"]


def test_changing_one_thing_keeps_the_rest_and_the_same_terms_add_no_version(
    home: Household,
) -> None:
    first = home.json("consent", "set", "1", *ISSUE_OPTIONS)
    second = home.json("consent", "set", "1", "--licence-days", "30")
    assert second["summary"] == ISSUE_SENTENCE.replace("1 year", "1 month")
    assert second["version"] == 2 and second["terms_hash"] != first["terms_hash"]
    again = home.json("consent", "set", "1", "--licence-days", "30")
    assert again["changed"] is False and again["version"] == 2
    said = home.run("consent", "set", "1", "--licence-days", "30")
    assert "nothing changed" in said.stdout
    price_only = home.json("consent", "set", "1", "--price", "0.5")
    assert "for 0.5 ETH" in price_only["summary"]
    history = home.json("consent", "history", "1")
    assert [(v["version"], v["state"]) for v in history["versions"]] == [
        (1, "superseded"),
        (2, "superseded"),
        (3, "active"),
    ]


def test_list_options_replace_and_their_clear_words_empty_them(home: Household) -> None:
    buyer = "0x" + "ab" * 20
    document = home.json(
        "consent",
        "set",
        "1",
        *ISSUE_OPTIONS,
        "--buyers",
        buyer.upper().replace("0X", "0x"),
        "--expires",
        "2099-12-31",
        "--transform",
        "exclude-dates=2020-03-01..2020-03-31",
        "--transform",
        "places=500",
    )
    assert document["policy"]["buyers"]["allow"] == [buyer]
    assert "Only 0xab…ab may buy it. The offer ends on 2099-12-31." in document["summary"]
    cleared = home.json(
        "consent",
        "set",
        "1",
        "--buyers",
        "anyone",
        "--expires",
        "never",
        "--types",
        "all",
        "--dates",
        "all",
        "--duty",
        "none",
        "--transform",
        "exclude-dates=none",
    )
    policy = cleared["policy"]
    assert policy["buyers"]["allow"] == [] and policy["offer_expires"] is None
    assert policy["record_types"] == [] and policy["dates"] is None
    assert policy["duties"] == [] and policy["privacy"]["exclude_dates"] == []
    assert policy["privacy"]["places_radius_m"] == 500  # not given, so kept


def test_a_record_type_can_be_named_in_words(home: Household) -> None:
    document = home.json(
        "consent", "set", "1", "--purpose", "public-health", "--types", "Heart rate"
    )
    assert document["policy"]["record_types"] == ["HKQuantityTypeIdentifierHeartRate"]


@pytest.mark.parametrize(
    ("options", "sentence"),
    [
        (
            ("--transform", "colour=red"),
            "'colour' is not a transform; the transforms are identifiers, time, location, "
            "places, exclude-type, exclude-dates, daily, urls and titles.",
        ),
        (
            ("--transform", "time=fortnight"),
            "'fortnight' is not a choice for time; the choices are exact, minute, hour and day.",
        ),
        (
            ("--transform", "identifiers=hide"),
            "'hide' is not a choice for identifiers; the choices are drop, pseudonym and keep.",
        ),
        (
            ("--transform", "location=5km"),
            "'5km' is not a choice for location; the choices are exact, 100m, 1km and 10km.",
        ),
        (
            ("--transform", "urls=path"),
            "'path' is not a choice for urls; the choices are full and domain.",
        ),
        (
            ("--transform", "titles=blur"),
            "'blur' is not a choice for titles; the choices are drop and keep.",
        ),
        (
            ("--transform", "places=far"),
            "places takes a whole number of metres, such as places=200 (0 turns it off).",
        ),
        (
            ("--transform", "daily=-1"),
            "The minimum count per day must be between 0 and 1,000,000.",
        ),
        (
            ("--transform", "time"),
            "Write each transform as NAME=VALUE, such as time=hour, not 'time'.",
        ),
        (("--purpose", "marketing"), "'marketing' is not a purpose; the purposes are"),
        (("--duty", "be-nice"), "'be-nice' is not a duty; the duties are"),
        (("--price", "-1", "--currency", "ETH"), "'-1' is not a price."),
        (("--price", "0.0000001", "--currency", "USDC"), "USDC has 6 decimals"),
        (("--currency", "ETH"), "Give the price in ETH with --price."),
        (("--price", "ten"), "'ten' is not an amount."),
        (("--price", "1", "--currency", "DAI"), "Say how many decimals DAI has."),
        (("--price", "1", "--decimals", "6"), "--decimals and --token describe a currency"),
        (("--buyers", "0x12"), "'0x12' is not an Ethereum address"),
        (("--dates", "2024-01-01..2019-01-01"), "ends before it starts"),
        (("--expires", "tomorrow"), "'tomorrow' is not a date (write it as YYYY-MM-DD)."),
        (("--licence-days", "0"), "A licence lasts between 1 day and 100 years."),
    ],
)
def test_a_bad_choice_is_one_sentence_exit_2_before_the_vault_is_opened(
    home: Household, options: tuple[str, ...], sentence: str
) -> None:
    before = folder_digest(home.path)
    # No passphrase: had the vault been opened first, the sentence would ask for one.
    result = hearth("--vault", home.path, "consent", "set", "1", *options, passphrase=None)
    assert result.returncode == 2
    assert sentence in result.stderr
    assert_one_sentence(result)
    assert result.stdout == ""
    assert folder_digest(home.path) == before


def test_a_type_the_dataset_does_not_have_is_refused_and_names_its_types(
    home: Household,
) -> None:
    result = home.run("consent", "set", "1", "--purpose", "public-health", "--types", "steps")
    assert result.returncode == 2
    assert result.stderr == (
        "'steps' is not a record type of this dataset; it has HKQuantityTypeIdentifierHeartRate.\n"
    )
    assert home.json("consent", "history", "1")["versions"] == []


def test_a_price_needs_a_currency_the_first_time(home: Household) -> None:
    result = home.run("consent", "set", "1", "--purpose", "public-health", "--price", "1")
    assert result.returncode == 2
    assert result.stderr == "Say which currency the price is in with --currency, such as ETH.\n"


def test_a_title_shared_by_several_datasets_asks_for_the_id(home: Household) -> None:
    result = home.run("consent", "show", "Apple Health")
    assert result.returncode == 2
    assert result.stderr == (
        "Several datasets are called 'Apple Health': give the id of one of 1 (Ana's), "
        "2 (Cleo's) and 3 (Ben's).\n"
    )
    missing = home.run("consent", "show", "Google Fit")
    assert missing.returncode == 2
    assert missing.stderr == "There is no dataset 'Google Fit'; `hearth datasets` lists them.\n"
    assert home.run("consent", "show", "99").returncode == 2


def test_a_childs_terms_wait_for_a_guardian_who_approves_them(home: Household) -> None:
    child = home.run("consent", "set", "2", *ISSUE_OPTIONS, member=CLEO)
    assert child.returncode == 0, child.stderr
    assert "waits for a guardian" in child.stdout and "hearth consent approve 2" in child.stdout
    shown = home.json("consent", "show", "2", member=CLEO)
    assert shown["sentence"] == "Waiting for a guardian to approve the new terms."
    assert shown["needs_guardian"] and shown["active"] is None
    assert shown["waiting"]["summary"] == ISSUE_SENTENCE
    assert "a guardian must approve" in shown["refusal"]
    text = home.run("consent", "show", "2").stdout
    assert "Waiting for a guardian to approve:" in text and ISSUE_SENTENCE[:40] in text

    by_child = home.run("consent", "approve", "2", member=CLEO)
    assert by_child.returncode == 2
    assert (
        by_child.stderr == "Only a guardian (the owner or an adult) can approve a child's terms.\n"
    )

    approved = home.json("consent", "approve", "2", member=BEN)
    assert (approved["state"], approved["set_by"], approved["approved_by"]) == (
        "active",
        CLEO,
        BEN,
    )
    assert home.json("consent", "show", "2")["refusal"] is None
    again = home.run("consent", "approve", "2")
    assert again.returncode == 2 and "No terms for 'Apple Health' are waiting" in again.stderr


def test_an_adult_cannot_set_another_adults_terms(home: Household) -> None:
    result = home.run("consent", "set", "1", *ISSUE_OPTIONS, member=BEN)
    assert result.returncode == 2
    assert result.stderr == "Only Ana decides how 'Apple Health' is shared.\n"


def test_withdrawing_asks_first_then_says_copies_cannot_be_called_back(home: Household) -> None:
    home.json("consent", "set", "1", *ISSUE_OPTIONS)
    unconfirmed = home.run("consent", "withdraw", "1")
    assert unconfirmed.returncode == 2
    assert "Add --yes to confirm" in unconfirmed.stderr
    assert home.json("consent", "show", "1")["active"] is not None

    result = home.run("consent", "withdraw", "1", "--yes")
    assert result.returncode == 0, result.stderr
    assert result.stdout == WITHDRAWN_NOTE + "\n"
    assert "cannot be called back" in result.stdout
    shown = home.json("consent", "show", "1")
    assert shown["sentence"] == "Consent withdrawn: not on offer."
    assert shown["withdrawn"] and shown["refusal"] == "Consent for 'Apple Health' was withdrawn."

    twice = home.run("consent", "withdraw", "1", "--yes", "--json")
    assert twice.returncode == 2
    assert json.loads(twice.stdout)["error"]["message"] == (
        "'Apple Health' is not on offer; there is nothing to withdraw."
    )


def test_withdraw_json_carries_the_note(home: Household) -> None:
    home.json("consent", "set", "1", *ISSUE_OPTIONS)
    assert home.json("consent", "withdraw", "1", "--yes") == {
        "withdrawn": 1,
        "note": WITHDRAWN_NOTE,
        "record": "no wallet",  # Ana has no wallet to sign the consent record with
        "offers": {"cancelled": [], "open": []},  # nor offers to cancel on chain
    }


def test_consent_records_export_to_a_file_or_stdout(home: Household, tmp_path: Path) -> None:
    home.json("consent", "set", "1", *ISSUE_OPTIONS)
    home.json("consent", "set", "2", *ISSUE_OPTIONS, member=CLEO)
    home.json("consent", "approve", "2")
    home.json("consent", "withdraw", "1", "--yes")

    out = tmp_path / "records.json"
    result = home.run("consent", "export", "--out", out)
    assert result.returncode == 0, result.stderr
    assert result.stdout == f"Wrote 4 consent record(s) to {out}.\n"
    exported = json.loads(out.read_text())
    assert exported["schema_version"].startswith("ISO/IEC TS 27560")
    assert [r["event"]["type"] for r in exported["records"]] == [
        "given",
        "awaiting-approval",
        "approved",
        "withdrawn",
    ]
    assert out.stat().st_mode & 0o777 == 0o600
    only_cleo = home.run("consent", "export", "2")
    assert only_cleo.returncode == 0
    records = json.loads(only_cleo.stdout)["records"]  # the whole stdout is one document
    assert [r["event"]["type"] for r in records] == ["awaiting-approval", "approved"]
    assert home.json("consent", "export", "--out", tmp_path / "again.json") == {
        "out": str(tmp_path / "again.json"),
        "records": 4,
    }


def test_history_lists_every_version_in_words(home: Household) -> None:
    empty = home.run("consent", "history", "1")
    assert empty.stdout == "No terms were ever set for this dataset.\n"
    home.json("consent", "set", "1", *ISSUE_OPTIONS)
    home.json("consent", "set", "1", "--licence-days", "730")
    text = home.run("consent", "history", "1").stdout
    assert "Version 1: superseded" in text and "Version 2: active" in text
    assert "for 2 years" in " ".join(text.split())  # the summary is wrapped


def test_errors_with_json_are_one_error_document(home: Household) -> None:
    result = home.run("consent", "set", "1", "--transform", "colour=red", "--json")
    assert result.returncode == 2
    assert json.loads(result.stdout)["error"]["exit_code"] == 2
    assert_one_sentence(result)


# ------------------------------------------------------------------ places

HOME_LAT, HOME_LNG = "-33.8688197", "151.2092955"


def test_places_are_marked_listed_and_forgotten_without_echoing_positions(
    home: Household,
) -> None:
    marked = home.run("place", "mark", "Home", "--lat", HOME_LAT, "--lng", HOME_LNG)
    assert marked.returncode == 0, marked.stderr
    assert marked.stdout == "Marked Home.\n"
    assert home.json("place", "mark", "Work", "--lat", "48.85", "--lng", "2.35") == {
        "place": "Work"
    }
    listed = home.json("place", "list")
    assert listed == {
        "places": [
            {"label": "Home", "lat": float(HOME_LAT), "lng": float(HOME_LNG)},
            {"label": "Work", "lat": 48.85, "lng": 2.35},
        ]
    }
    assert HOME_LAT in home.run("place", "list").stdout  # the member may see their own
    assert home.json("place", "list", member=BEN) == {"places": []}
    assert home.run("place", "forget", "Work").stdout == "Forgot Work.\n"
    gone = home.run("place", "forget", "Work")
    assert gone.returncode == 2 and gone.stderr == "You have no place called 'Work'.\n"
    for log in Path.home().rglob("*.log"):
        assert HOME_LAT not in log.read_text()


def test_a_position_off_the_earth_is_refused(home: Household) -> None:
    result = home.run("place", "mark", "Home", "--lat", "91", "--lng", "0")
    assert result.returncode == 2
    assert "not a position on Earth" in result.stderr
    assert_one_sentence(result)
    missing = home.run("place", "mark", "Home", "--lat", "1")
    assert missing.returncode == 2
    assert "Traceback" not in missing.stderr


def test_a_rate_the_member_entered_gives_a_marked_estimate_beside_the_price(
    home: Household,
) -> None:
    home.json("consent", "set", "1", *ISSUE_OPTIONS)
    assert home.json("consent", "show", "1")["active"]["local_estimate"] is None
    with Vault.unlock(home.path, "Ana", PASSPHRASE) as vault:
        set_rate(vault, "ETH", "EUR", "2500")
    active = home.json("consent", "show", "1")["active"]
    assert active["local_estimate"] == "about 25.00 EUR at the rate you entered"
    assert active["summary"] == ISSUE_SENTENCE  # the terms do not change with a rate
    assert (
        "The price is about 25.00 EUR at the rate you entered."
        in home.run("consent", "show", "1").stdout
    )
    # Rates are each member's own: Ben entered none.
    assert home.json("consent", "show", "1", member=BEN)["active"]["local_estimate"] is None
