"""The competencies a member was appointed against (APP-2), for their appraisal (PERF-3): the
post's competencies where the seat came from an appointment round, or else DH Annex B's headings
for their seat (the chair's person specification for the chair)."""

from __future__ import annotations

from dataclasses import dataclass

from pecgov.appointments import framework
from pecgov.appointments.models import Offer, TrustCompetency
from pecgov.trust.enums import MembershipRole
from pecgov.trust.models import Membership


@dataclass(frozen=True)
class Line:
    heading: str
    text: str
    source: str


def competencies_for(membership: Membership) -> tuple[str, list[Line]]:
    """Where the list comes from (a sentence), and the competencies (three queries at most)."""
    offer = (
        Offer.objects.filter(membership=membership, accepted=True)
        .select_related("application__campaign__post")
        .first()
    )
    shipped = {c.key: c for c in framework.competencies()}
    if offer is not None:
        post = offer.application.campaign.post
        local = {c.key: c for c in TrustCompetency.objects.filter(trust_id=post.trust_id)}
        lines = []
        for key in post.competency_keys:
            if key in shipped:
                c = shipped[key]
                lines.append(Line(c.heading_name, c.text, c.source))
            elif key in local:
                lines.append(Line("Local competency", local[key].title, "Trust"))
        return f"The competencies of the post '{post.title}' the member was appointed to", lines
    headings = (framework.CHAIR,) if membership.role == MembershipRole.CHAIR else framework.REQUIRED_HEADINGS
    lines = [Line(c.heading_name, c.text, c.source) for h in headings for c in framework.competencies(h)]
    return "DH Annex B's competencies for the seat (no appointment round is recorded)", lines
