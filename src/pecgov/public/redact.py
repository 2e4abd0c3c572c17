"""Withholding text from a published document (PUB-1, X-1): a pure function, no Django.

Approved minutes are written from the whole record, items taken in private included. Before the
public reads them, every private text the record holds is replaced by what the public page says
in its place. Longer texts go first, so a private title that contains another is replaced whole.
"""

from __future__ import annotations

from collections.abc import Iterable

# Shorter texts (a blank reason, "Yes") would match innocent words.
SHORTEST = 4


def redact(text: str, secrets: Iterable[tuple[str, str]]) -> str:
    """`text` with every `secret` (stripped, at least SHORTEST characters) replaced by its
    stand-in, and each line of a multi-line secret too."""
    pairs: dict[str, str] = {}
    for secret, stand_in in secrets:
        for part in [secret, *secret.splitlines()]:
            part = part.strip()
            if len(part) >= SHORTEST:
                pairs.setdefault(part, stand_in)
    for secret in sorted(pairs, key=len, reverse=True):
        text = text.replace(secret, pairs[secret])
    return text
