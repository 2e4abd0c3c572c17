"""Agenda packs (PUB-2): one PDF per meeting, built on the task queue, frozen with its SHA-256,
served as stored; a public version without the items taken in private (PUB-1).

Other apps ask `agenda_pack_for(meeting, public)` and link to the url names
`meetings:agenda_pack` (signed in) and `meetings:agenda_pack_public` (anyone).
"""

from pecgov.meetings.packs.services import agenda_pack_for, rebuild_on_commit

__all__ = ["agenda_pack_for", "rebuild_on_commit"]
