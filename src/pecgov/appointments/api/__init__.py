"""Appointments over the API (PUB-2; APP-1 to APP-7): what the pages show (reads.py), the
setting-up and assessing forms (writes.py), competencies, notice and panel conflicts
(panel_writes.py), the appointment, offer and chair recommendation (decision_writes.py) and an
applicant's own applications (applicant_writes.py), on one router."""

from pecgov.appointments.api import applicant_writes, decision_writes, panel_writes, reads, writes
from pecgov.appointments.api.reads import router

__all__ = ["applicant_writes", "decision_writes", "panel_writes", "reads", "router", "writes"]
