"""Implementation checklist: the data."""
