"""POL: policy packs (data files), trust overrides and compliance findings."""
