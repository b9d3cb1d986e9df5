"""The application log: rotating files in the user's log folder.

Never log a secret or a record value; log what happened and to which dataset id.
"""

from __future__ import annotations

import logging
import logging.handlers
from pathlib import Path

from hearth.paths import log_dir

LOG_NAME = "hearth.log"


def log_file() -> Path:
    return log_dir() / LOG_NAME


def setup_logging(level: int = logging.INFO) -> None:
    """Send the `hearth` loggers to a rotating file (idempotent)."""
    logger = logging.getLogger("hearth")
    if any(isinstance(h, logging.handlers.RotatingFileHandler) for h in logger.handlers):
        return
    log_dir().mkdir(parents=True, exist_ok=True)
    handler = logging.handlers.RotatingFileHandler(
        log_file(), maxBytes=1_000_000, backupCount=5, encoding="utf-8"
    )
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    logger.addHandler(handler)
    logger.setLevel(level)
