"""Appointments over the API (PUB-2; APP-1 to APP-7): what the pages show (reads.py) and the
setting-up and assessing forms (writes.py), on one router."""

from pecgov.appointments.api import reads, writes
from pecgov.appointments.api.reads import router

__all__ = ["reads", "router", "writes"]
