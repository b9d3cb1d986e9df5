"""Hearth: a household's encrypted data vault and data-licensing marketplace."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("hearth-vault")
except PackageNotFoundError:  # running from a source tree that was not installed
    __version__ = "0.0.0+source"
