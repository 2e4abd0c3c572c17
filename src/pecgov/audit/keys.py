"""The ledger keys (X-2): HMAC keys kept outside the database, with ids so that they can rotate.

Where the keys come from, first found wins:

* `settings.LEDGER_KEYS` (tests), else the environment variable `PECGOV_LEDGER_KEYS`:
  comma-separated `id:secret` pairs, such as `2026a:Zm9v...,2025b:YmFy...`;
* `PECGOV_LEDGER_KEYS_FILE`: a file (readable only by the service) holding the same pairs, one
  a line, `#` starting a comment.

The first key signs new events and checkpoints; the others only verify what they once signed,
so a key is rotated by putting the new one first and keeping the old one after it for as long
as the ledger is kept. A secret is at least 32 characters (`python -c "import secrets;
print(secrets.token_urlsafe(32))"`). Only in demo or testing mode, with no key set, a fixed
development key (id "dev") is used; in production there is no default.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

DEV_KEY_ID = "dev"
_DEV_SECRET = b"pecgov-development-ledger-key-for-demo-and-tests-only"
MIN_SECRET_LENGTH = 32
_KEY_ID = re.compile(r"[A-Za-z0-9_.-]{1,32}")


@dataclass(frozen=True)
class LedgerKey:
    id: str
    secret: bytes

    def __repr__(self) -> str:  # never print a secret
        return f"LedgerKey({self.id!r})"


def _source() -> tuple[str, str]:
    """(where the keys came from, the text holding them); ("", "") when none is set."""
    configured = getattr(settings, "LEDGER_KEYS", None)
    if configured:
        return "settings.LEDGER_KEYS", str(configured)
    inline = os.environ.get("PECGOV_LEDGER_KEYS", "").strip()
    path = os.environ.get("PECGOV_LEDGER_KEYS_FILE", "").strip()
    if inline and path:
        raise ImproperlyConfigured("Set PECGOV_LEDGER_KEYS or PECGOV_LEDGER_KEYS_FILE, not both.")
    if inline:
        return "PECGOV_LEDGER_KEYS", inline
    if path:
        try:
            return path, Path(path).read_text(encoding="utf-8")
        except OSError as error:
            raise ImproperlyConfigured(f"The ledger key file {path} cannot be read: {error}") from error
    return "", ""


@lru_cache(maxsize=8)
def _parse(where: str, text: str) -> tuple[LedgerKey, ...]:
    keys: list[LedgerKey] = []
    entries = [
        entry.strip()
        for line in text.splitlines()
        for entry in line.split("#", 1)[0].split(",")
        if entry.strip()
    ]
    for number, entry in enumerate(entries, start=1):
        key_id, sep, secret = entry.partition(":")
        key_id, secret = key_id.strip(), secret.strip()
        if not sep or not _KEY_ID.fullmatch(key_id):
            raise ImproperlyConfigured(
                f"Ledger key {number} in {where} must be written id:secret, the id made of "
                "letters, digits, '.', '_' or '-' (at most 32)."
            )
        if len(secret) < MIN_SECRET_LENGTH:
            raise ImproperlyConfigured(
                f"Ledger key '{key_id}' in {where} is too short: use at least {MIN_SECRET_LENGTH} "
                "random characters."
            )
        if any(key.id == key_id for key in keys):
            raise ImproperlyConfigured(f"Ledger key '{key_id}' appears twice in {where}.")
        keys.append(LedgerKey(key_id, secret.encode()))
    return tuple(keys)


def development_allowed() -> bool:
    return bool(getattr(settings, "DEMO_MODE", False) or getattr(settings, "TESTING", False))


def ledger_keys() -> tuple[LedgerKey, ...]:
    """Every configured key, the signing key first; the development key in demo or testing mode
    when none is configured; empty otherwise (production without a key: see `signing_key`)."""
    where, text = _source()
    keys = _parse(where, text) if text else ()
    if not keys and development_allowed():
        return (LedgerKey(DEV_KEY_ID, _DEV_SECRET),)
    return keys


def signing_key() -> LedgerKey:
    """The key new events and checkpoints are signed with. Refuses, rather than write an event
    anyone could forge, when no key is configured outside demo and testing mode."""
    keys = ledger_keys()
    if not keys:
        raise ImproperlyConfigured(
            "No ledger key: set PECGOV_LEDGER_KEYS (id:secret) or PECGOV_LEDGER_KEYS_FILE "
            "before running with PECGOV_DEMO=0."
        )
    return keys[0]


def key_by_id(key_id: str) -> LedgerKey | None:
    return next((key for key in ledger_keys() if key.id == key_id), None)
