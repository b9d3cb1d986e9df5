"""Cancelling offers on the sandbox: each offer its own request, a no to one still asks about
the next, and what is cancelled can no longer be bought."""

from __future__ import annotations

from pathlib import Path

import pytest

from hearth.errors import ChainError, UsageError, UserCancelled
from hearth.market import buyer, cancel, offers
from hearth.wallet.signing import SigningRequest
from tests.unit.market.conftest import as_ana, as_ben
from tests.unit.market.helpers import Approvals


class Answers:
    """Says no, then yes, ... in the order given."""

    def __init__(self, *answers: bool) -> None:
        self.answers = list(answers)
        self.asked: list[str] = []

    def __call__(self, request: SigningRequest) -> bool:
        self.asked.append(request.action)
        return self.answers.pop(0)


def test_each_offer_is_its_own_request_and_a_no_leaves_only_that_one_open(
    household: tuple[Path, int], tmp_path: Path
) -> None:
    path, dataset_id = household
    with as_ana(path) as ana:
        made = {
            offers.make_offer(ana, dataset_id, Approvals(), out=tmp_path / f"{n}.json").offer_id: n
            for n in (1, 2)
        }
        listed = [o.offer_id for o in cancel.open_offers(ana, dataset_id)]
        assert sorted(listed) == sorted(made)
        declined, approved = listed  # asked in this order
        answers = Answers(False, True)
        report = cancel.cancel_offers(ana, answers, dataset_id=dataset_id)
        assert len(answers.asked) == 2 and answers.asked[0].startswith("Cancel your offer of")
        assert report.left_open == [
            {"offer_id": declined, "reason": "you did not approve cancelling it"}
        ]
        assert [c["offer_id"] for c in report.cancelled] == [approved]
        assert [o.offer_id for o in cancel.open_offers(ana, dataset_id)] == [declined]
        with pytest.raises(UserCancelled):  # named by id: a no is a no
            cancel.cancel_offers(ana, Approvals(False), offer_id=declined)
        with pytest.raises(UsageError, match="already cancelled; nothing was sent"):
            cancel.cancel_offers(ana, Approvals(), offer_id=approved)
        with pytest.raises(UsageError, match="No offer 0x00"):
            cancel.cancel_offers(ana, Approvals(), offer_id="0x" + "00" * 32)
    with as_ben(path) as ben:
        with pytest.raises(ChainError, match=r"^The seller has cancelled this offer\.$"):
            buyer.buy(ben, offers.load_offer(tmp_path / f"{made[approved]}.json"), Approvals())
        bought = buyer.buy(ben, offers.load_offer(tmp_path / f"{made[declined]}.json"), Approvals())
        assert bought.purchase_id == 1  # the one left open still sells
