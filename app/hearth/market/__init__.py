"""The marketplace: signed offers, purchases into escrow, delivery and refunds on chain."""
