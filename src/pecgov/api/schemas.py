"""Request bodies more than one app's API takes, written once (PUB-2)."""

from __future__ import annotations

import datetime as dt

from ninja import Schema


class EndIn(Schema):
    """End a record (a delegation, a lead area, a group's support or link) on a date."""

    end_date: dt.date | None = None
