"""Does the PEC work? Measures from the record, the annual report with charts and the
guiding-principles scorecard (EFF-2, EFF-3, MTG-4, PBC-4; DH 2.2, 3.1, Annex C)."""
