"""Where Hearth keeps things on this computer."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import platformdirs

APP_NAME = "Hearth"
VAULT_ENV = "HEARTH_VAULT"


def default_vault_path() -> Path:
    """The vault used when none is named: $HEARTH_VAULT, else the user's data folder."""
    configured = os.environ.get(VAULT_ENV)
    if configured:
        return Path(configured).expanduser()
    return platformdirs.user_data_path(APP_NAME, appauthor=False) / "vault"


def log_dir() -> Path:
    return platformdirs.user_log_path(APP_NAME, appauthor=False)


def resources_dir() -> Path:
    """The `resources/` folder: inside a frozen bundle, or beside `app/` in a source tree."""
    frozen_root = getattr(sys, "_MEIPASS", None)
    if frozen_root:
        return Path(frozen_root) / "resources"
    return Path(__file__).resolve().parents[2] / "resources"
