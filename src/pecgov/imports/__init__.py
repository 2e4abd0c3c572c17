"""Bringing in the registers a trust already keeps, from CSV and Excel files (PUB-3, ADM-2)."""
