"""Each member's wallet: keys in the OS keyring, networks, and the one Signer every
transaction and typed-data signature goes through."""
