"""X-2: the append-only audit ledger, a SHA-256 hash chain over events and the history rows they wrote."""
