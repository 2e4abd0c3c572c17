"""COI: the register of interests, conflict screening and handling, statements to the Board."""
