"""Qt item models over the vault, for the pages' views."""
