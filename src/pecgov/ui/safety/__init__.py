"""Data safety at the boundary (X-4, X-5): repeated submits answered once, bad text refused
before it reaches the database. A small app of its own so its one table has migrations."""
