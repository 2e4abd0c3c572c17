"""The implementation checklist: DH Annex C's actions as a tracked plan (EFF-1)."""
