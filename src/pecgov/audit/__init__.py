"""X-2: the append-only audit ledger, an HMAC-SHA256 chain over events and the history rows they wrote."""
