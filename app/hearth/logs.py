"""The application log: rotating files in the user's log folder, every record redacted.

Never log a secret or a record value; log what happened and to which dataset id. The
redaction filter (hearth/redact.py) is the net under that rule, not a licence to break it.
"""

from __future__ import annotations

import logging
import logging.handlers
from pathlib import Path

from hearth.paths import log_dir
from hearth.redact import RedactingFilter

LOG_NAME = "hearth.log"
MAX_BYTES = 1_000_000
BACKUP_COUNT = 5
FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"


def log_file() -> Path:
    return log_dir() / LOG_NAME


def log_files() -> list[Path]:
    """The current log and its rotated copies, newest first."""
    candidates = [log_file()] + [
        log_file().with_name(f"{LOG_NAME}.{n}") for n in range(1, BACKUP_COUNT + 1)
    ]
    return [path for path in candidates if path.is_file()]


def setup_logging(level: int = logging.INFO) -> None:
    """Send the `hearth` loggers to a rotating file, redacted (idempotent)."""
    logger = logging.getLogger("hearth")
    # Python's fallback for a warning nobody handles writes to stderr: redacted too.
    redact_handler(logging.lastResort)
    if any(isinstance(h, logging.handlers.RotatingFileHandler) for h in logger.handlers):
        return
    log_dir().mkdir(parents=True, exist_ok=True, mode=0o700)
    handler = logging.handlers.RotatingFileHandler(
        log_file(), maxBytes=MAX_BYTES, backupCount=BACKUP_COUNT, encoding="utf-8"
    )
    handler.setFormatter(logging.Formatter(FORMAT))
    redact_handler(handler)
    logger.addHandler(handler)
    logger.setLevel(level)


def redact_handler(handler: logging.Handler | None) -> None:
    """Put the redaction filter on ``handler`` once; every handler Hearth adds gets it."""
    if handler is not None and not any(isinstance(f, RedactingFilter) for f in handler.filters):
        handler.addFilter(RedactingFilter())
