"""Hearth: a household's encrypted data vault and data-licensing marketplace."""

from __future__ import annotations


def __getattr__(name: str) -> str:
    # `hearth.__version__` is looked up when asked for, not on import: importlib.metadata
    # alone costs 6.5 MB of memory, and an import's parser processes, which load `hearth`
    # too, never need it.
    if name != "__version__":
        raise AttributeError(f"module 'hearth' has no attribute {name!r}")
    from importlib.metadata import PackageNotFoundError, version

    try:
        found = version("hearth-vault")
    except PackageNotFoundError:  # running from a source tree that was not installed
        found = "0.0.0+source"
    globals()["__version__"] = found
    return found
