-- Where each mined transaction of the journal was mined. A re-organisation of the chain can
-- take a mined transaction out again: until it is buried deep enough to be final, the Signer
-- checks that the block at ``block_number`` still has ``block_hash`` (else it asks the node
-- for the receipt again, and puts a transaction that is gone back to 'signed' to broadcast
-- the same bytes). NULL for entries mined before this was recorded: taken as final.
ALTER TABLE transactions ADD COLUMN block_number INTEGER;
ALTER TABLE transactions ADD COLUMN block_hash TEXT;

CREATE INDEX transactions_mined_at ON transactions (chain_id, address, block_number);
