"""Search across what a user may see, and a public search over what is published (PUB-1, PUB-2,
X-1): one index table, PostgreSQL full-text search or SQLite FTS5 behind one function."""
