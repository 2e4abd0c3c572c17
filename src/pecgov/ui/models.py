"""The data versions the page cache keys on (src/pecgov/ui/dataversion.py)."""

from __future__ import annotations

import secrets

from django.db import models


def new_epoch() -> str:
    return secrets.token_hex(8)


class DataVersion(models.Model):
    """Row 1: a number that goes up after every committed write to the application's data.
    Row 2: one that goes up after a committed write that cannot be tied to one trust.

    A rendered page is kept under the version it was rendered at, so a write makes the kept
    pages it could have changed unreachable at once; nothing has to know which pages a write
    touched.
    """

    id = models.PositiveSmallIntegerField(primary_key=True, default=1)
    version = models.BigIntegerField(default=0)
    # New whenever the row is made again (a database emptied and loaded afresh), so a version
    # number seen before can never name a page kept from other data.
    epoch = models.CharField(max_length=32, default=new_epoch)

    def __str__(self) -> str:
        return f"data version {self.epoch}:{self.version}"


class TrustDataVersion(models.Model):
    """One row per trust: a number that goes up after every committed write naming the trust
    (src/pecgov/ui/dataversion.py), so a write in one trust keeps every other trust's pages."""

    trust_id = models.PositiveIntegerField(primary_key=True)
    version = models.BigIntegerField(default=0)

    def __str__(self) -> str:
        return f"data version of trust {self.trust_id}: {self.version}"
