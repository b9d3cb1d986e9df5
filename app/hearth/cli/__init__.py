"""cli layer (see ../shared/ARCHITECTURE.md)."""
