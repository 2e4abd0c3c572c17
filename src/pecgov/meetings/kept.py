"""The meetings app's reference reads kept per trust data version (X-1 to X-4 at scale), for
every page that screens a trust's meetings: the meeting page and the home page's conflicts
awaiting ruling (COI-2, COI-3)."""

from __future__ import annotations

from pecgov.meetings import queries
from pecgov.trust.models import Organisation
from pecgov.ui.kept import per_trust


def kept_reference(trust: Organisation) -> queries.TrustReference:
    """The trust's links, names and policy, kept for its data version."""
    return per_trust(trust.pk, "meetings.reference", lambda: queries.trust_reference(trust))
