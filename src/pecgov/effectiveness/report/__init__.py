"""The annual report on the PEC's effectiveness, with charts and its PDF, and the
guiding-principles scorecard's page (EFF-2, EFF-3)."""
