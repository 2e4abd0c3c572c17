"""Effectiveness surveys of PEC members, the Board and partners, anonymous by default (EFF-2; DH Annex C)."""
