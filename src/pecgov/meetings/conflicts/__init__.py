"""The agenda item as a decision: conflicts handled per person, votes, the decision, concerns,
the statement to the Board and the Board's own decision (COI-3 to COI-6, COI-8, MTG-2, MTG-3)."""
