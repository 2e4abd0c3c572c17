"""PBC groups: maturity, support and their links to the PEC (ORG-6, PBC-5, PBC-6)."""
