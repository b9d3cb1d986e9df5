"""The printed recovery key: readable groups, forgiving of how a person types it back."""

from __future__ import annotations

import re

import pytest

from hearth.errors import WrongPassphrase
from hearth.vault.recovery import RECOVERY_BYTES, new_recovery_key, recovery_secret


def test_a_recovery_key_is_eight_groups_of_four_base32_characters() -> None:
    key = new_recovery_key()
    assert re.fullmatch(r"[A-Z2-7]{4}(-[A-Z2-7]{4}){7}", key), key
    assert len(recovery_secret(key)) == RECOVERY_BYTES == 20
    assert len({new_recovery_key() for _ in range(20)}) == 20


def test_case_spaces_and_dashes_do_not_matter() -> None:
    key = new_recovery_key()
    secret = recovery_secret(key)
    for typed in (
        key.lower(),
        key.replace("-", ""),
        key.replace("-", " "),
        f"  {key.lower().replace('-', '  ')}\n",
        key.replace("-", "_"),
    ):
        assert recovery_secret(typed) == secret, typed


def test_digits_that_look_like_letters_are_read_as_those_letters() -> None:
    key = "OIBG-OIBG-AAAA-BBBB-CCCC-DDDD-EEEE-FFFF"
    assert recovery_secret(
        key.replace("O", "0").replace("I", "1").replace("B", "8").replace("G", "9")
    ) == recovery_secret(key)


@pytest.mark.parametrize(
    "typed",
    [
        "",
        "ABCD",
        "ABCD-EFGH-IJKL-MNOP-QRST-UVWX-YZ23-456",  # one character short
        "ABCD-EFGH-IJKL-MNOP-QRST-UVWX-YZ23-4567-AAAA",  # a group too many
        "correct horse battery",
    ],
)
def test_something_that_is_not_a_recovery_key_is_told_so(typed: str) -> None:
    assert recovery_secret("ABCD-EFGH-IJKL-MNOP-QRST-UVWX-YZ23-4567")  # the shape that works
    with pytest.raises(WrongPassphrase, match="not a recovery key"):
        recovery_secret(typed)
