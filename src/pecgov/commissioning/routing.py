"""Who decides a case and who may not touch it (PBC-2, COI-2, COI-3): the route the scheme of
delegation gives a case of its kind and value, and the conflict screening that scrutiny, the
director and a meeting all share."""

from __future__ import annotations

import datetime as dt

from pecgov.commissioning.enums import CaseKind
from pecgov.commissioning.models import BusinessCase
from pecgov.delegation import scheme as engine
from pecgov.delegation.enums import Decider
from pecgov.delegation.models import Scheme
from pecgov.errors import DomainError
from pecgov.interests import queries as iq
from pecgov.interests import screening
from pecgov.meetings.enums import ItemKind
from pecgov.trust.enums import CommitteeKind, LinkKind
from pecgov.trust.models import Committee, Organisation, OrganisationLink, Person
from pecgov.trust.queries import current_q

# Which committee each decider means (TOR-2); an executive director needs none.
DECIDER_COMMITTEE: dict[str, str] = {
    Decider.PBC_APPROVALS: CommitteeKind.PBC_APPROVALS,
    Decider.PEC_RECOMMENDS: CommitteeKind.PEC,
    Decider.BOARD: CommitteeKind.BOARD,
}
# The item kind the scheme's decider needs: the PEC only recommends to the Board (PBC-2).
ITEM_KIND_FOR: dict[str, str] = {
    Decider.PBC_APPROVALS: ItemKind.DECISION,
    Decider.PEC_RECOMMENDS: ItemKind.RECOMMENDATION,
    Decider.BOARD: ItemKind.DECISION,
}


def affected_organisations(submitter: Organisation, on: dt.date) -> list[Organisation]:
    """The submitter and the PBC groups it belongs to: screening then flags its partners and
    staff and, through the group links, every member practice's people (COI-2, PBC-2)."""
    groups = [
        link.to_organisation
        for link in OrganisationLink.objects.filter(
            current_q(on), from_organisation=submitter, kind=LinkKind.MEMBER_OF_PBC_GROUP
        ).select_related("to_organisation")
    ]
    return [submitter, *groups]


def conflicted_with(person: Person, case: BusinessCase, on: dt.date) -> str:
    """Why `person` may not scrutinise or decide this case, or "" (COI-2, COI-3, DH 5.7, 5.8).

    The same screening a meeting gives the case's agenda item: the person's declarations in
    force and their own practice or employer, through every organisation link that carries an
    interest, against the submitter and its PBC groups. So a partner of the submitting practice,
    a GP at another practice of its group, or anyone with a declared interest in either is
    conflicted, and scrutiny, the director and the meeting all agree on who is."""
    affected = [o.pk for o in affected_organisations(case.submitter, on)]
    found = screening.screen(
        affected=affected,
        attendees=iq.attendees_for([person.pk], on),
        links=iq.links_for(case.trust_id),
        on=on,
    )
    if not found:
        return ""
    first = found[0]  # the engine lists the shortest chain first
    names = iq.organisation_names(case.trust_id)
    origin = names.get(first.path[0], "an organisation")
    if first.category == screening.EMPLOYMENT:
        lead = f"{person} works at {origin}"
    else:
        lead = f"{person} has declared an interest in {origin}"
    if len(first.path) == 1:
        return f"{lead}, which the case would benefit"
    chain = " → ".join(names.get(org, "an organisation") for org in first.path)
    return f"{lead}, which is linked to the case ({chain})"


def _current_scheme(trust: Organisation, kind: str) -> tuple[Scheme, list[engine.Band]]:
    scheme = Scheme.objects.filter(trust=trust, decision_kind=kind).order_by("-version").first()
    if scheme is None:
        raise DomainError(
            f"The trust has no scheme of delegation for a {CaseKind(kind).label.lower()} yet, so it "
            "cannot be routed. Ask the governance lead to adopt one."
        )
    return scheme, [engine.Band(r.lower, r.upper, r.decider) for r in scheme.rules.order_by("lower")]


def route_for(trust: Organisation, kind: str, value: int) -> tuple[Scheme, engine.Route, Committee | None]:
    """Who decides a case of this kind and value under the scheme in force, and why."""
    scheme, bands = _current_scheme(trust, kind)
    try:
        chosen = engine.route(bands, value, kind_label=CaseKind(kind).label.lower())
    except engine.NoRoute as error:
        raise DomainError({"value": str(error)}) from error
    committee = None
    if chosen.decider in DECIDER_COMMITTEE:
        committee = Committee.objects.filter(trust=trust, kind=DECIDER_COMMITTEE[chosen.decider]).first()
        if committee is None:
            raise DomainError(
                f"The scheme gives this case to {engine.DECIDER_NAMES[chosen.decider]}, but the trust has "
                "no such committee. Ask the governance lead to set it up."
            )
    return scheme, chosen, committee
