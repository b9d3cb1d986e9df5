"""The one exception tree of Hearth.

Every failure a person can act on is a `UserFacingError` whose message is one plain sentence
(or two: what happened, what to do next). Front ends show that message as it is; anything
that is not a `HearthError` is a bug and gets a logged traceback and a generic sentence.
Each class carries the command line's exit code so that the CLI and the GUI agree on what
kind of failure it was.
"""

from __future__ import annotations


class HearthError(Exception):
    """Root of every error Hearth raises on purpose."""

    exit_code = 1


class UserFacingError(HearthError):
    """An error whose message is written for the person using Hearth."""


class UsageError(UserFacingError):
    """The command was called the wrong way (missing argument, unknown member, ...)."""

    exit_code = 2


class VaultMissing(UsageError):
    """There is no vault where one was expected."""


class WrongPassphrase(UserFacingError):
    """The passphrase or recovery key does not open this member's key slot."""

    exit_code = 3


class BadInput(UserFacingError):
    """A file given to Hearth is not what it should be (broken, hostile, of another kind)."""

    exit_code = 4


class VaultInUse(UserFacingError):
    """Another process has the vault open."""

    exit_code = 5


class VaultDamaged(UserFacingError):
    """A vault file failed its integrity check; the message names the file."""

    exit_code = 6

    def __init__(self, message: str, *, file: str) -> None:
        super().__init__(message)
        self.file = file


class ChainError(UserFacingError):
    """The blockchain node could not be reached or refused a request."""

    exit_code = 7


class PolicyRefused(UserFacingError):
    """The consent policy does not allow what was asked."""

    exit_code = 8


class UserCancelled(HearthError):
    """The person cancelled; front ends stay silent about it."""

    exit_code = 9


class NotAllowed(UserFacingError):
    """The member's role does not allow this action (e.g. only the owner adds members)."""

    exit_code = 2
