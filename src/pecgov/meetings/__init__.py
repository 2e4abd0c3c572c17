"""MTG: meetings, agenda items, papers, attendance, quorum, decisions, votes, minutes and actions."""
