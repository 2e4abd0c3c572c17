"""Meetings over the API (PUB-2): the agenda and conflicts (agenda.py), the record of what
happened (records.py) and the forms' writes (writes.py, edits.py), on one router."""

from pecgov.meetings.api import agenda, edits, records, writes
from pecgov.meetings.api.base import router

__all__ = ["agenda", "edits", "records", "router", "writes"]
