"""PUB-1: the published site: membership, the register of interests, minutes, decisions, statements."""
