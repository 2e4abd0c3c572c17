"""The data version the page cache keys on (src/pecgov/ui/pagecache.py)."""

from __future__ import annotations

import secrets

from django.db import models


def new_epoch() -> str:
    return secrets.token_hex(8)


class DataVersion(models.Model):
    """One row: a number that goes up after every committed write to the application's data.

    A rendered page is kept under the version it was rendered at, so any write makes every
    kept page unreachable at once; nothing has to know which pages a write touched.
    """

    id = models.PositiveSmallIntegerField(primary_key=True, default=1)
    version = models.BigIntegerField(default=0)
    # New whenever the row is made again (a database emptied and loaded afresh), so a version
    # number seen before can never name a page kept from other data.
    epoch = models.CharField(max_length=32, default=new_epoch)

    def __str__(self) -> str:
        return f"data version {self.epoch}:{self.version}"
