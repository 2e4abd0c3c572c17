"""The set-up pages' remaining forms over the API (PUB-2; APP-2, APP-3, APP-4, COI-3): a trust's
own competency, notice to an outgoing member from the plan, and a panel member's conflict with a
candidate, declared and handled.

Each calls the service its page calls and asks the page's permission first: the competency and
the notice are the governance lead's ("appointments.manage"); a conflict is declared by the panel
member (or the lead for them) and handled by the panel's chair or the lead, never by the
conflicted member (COI-3). A campaign, seat or candidate the caller may not see is 404 (APP-7);
a broken rule is 422 with the field sent named, and nothing is saved.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Q
from django.http import Http404, HttpRequest
from ninja import Schema, Status

from pecgov.api.auth import WRITE_AUTH
from pecgov.api.listing import fields_as, found, trust_of
from pecgov.api.versions import IF_MATCH_HEADER, READ_VERSION_IN, READ_VERSION_OUT, Editable
from pecgov.appointments import queries, services
from pecgov.appointments.api.reads import router
from pecgov.appointments.enums import ApplicationStatus, StepKey
from pecgov.appointments.models import Application, MemberNotice, PanelConflict, PanelSeat, PlanStep
from pecgov.errors import DomainError
from pecgov.trust.models import Organisation


class CompetencyIn(Schema):
    heading: str = ""
    title: str = ""
    description: str = ""


class CompetencyOut(Schema):
    key: str
    heading: str
    title: str
    description: str


class NoticeIn(Schema):
    membership_id: int | None = None
    given_on: dt.date | None = None
    end_date: dt.date | None = None
    note: str = ""


class NoticeOut(Schema):
    id: int
    step_id: int
    membership_id: int
    person: str
    given_on: dt.date
    end_date: dt.date
    note: str
    recorded_at: dt.datetime


class ConflictDeclareIn(Schema):
    seat_id: int | None = None
    application_id: int | None = None
    description: str = ""


# What handling a conflict sets, by the body's names: handling it again over a change made since
# the caller read it is refused (X-5, 412), as the page's form with its read version is.
HANDLING_EDITS: Editable[PanelConflict] = Editable(
    fields={"handling": "handling", "reason": "handling_reason"},
    labels={"handling": "how the conflict is handled", "reason": "the reason"},
)


class ConflictHandleIn(Schema):
    handling: str = ""
    reason: str = ""
    read_version: str = READ_VERSION_IN


class ConflictOut(Schema):
    id: int
    seat_id: int
    person: str
    application_id: int
    candidate: str
    description: str
    declared: bool
    handling: str
    reason: str
    recorded_at: dt.datetime
    read_version: str = READ_VERSION_OUT


TITLE_MAX = 200  # the page's limit (CompetencyForm)


@router.post("/appointments/competencies", response={201: CompetencyOut}, auth=WRITE_AUTH)
def add_competency(request: HttpRequest, payload: CompetencyIn) -> Any:
    """Add a competency of the trust's own under one of DH Annex B's headings (APP-2): `heading`
    is core, added_value or chair; posts can then be scored against it. Governance lead only."""
    trust = Organisation.objects.get(pk=trust_of(request, "appointments.manage"))
    if len(payload.title) > TITLE_MAX:
        raise DomainError({"title": f"The competency must be {TITLE_MAX} characters or fewer"})
    added = services.competency_add(actor=request.user, trust=trust, **payload.model_dump())
    return Status(201, {f: getattr(added, f) for f in CompetencyOut.model_fields})


@router.post("/appointments/plans/steps/{step_id}/notices", response={201: NoticeOut}, auth=WRITE_AUTH)
def give_notice(request: HttpRequest, step_id: int, payload: NoticeIn) -> Any:
    """Record notice given to a current PEC member whose seat ends with the new PEC, at the plan's
    notice step (APP-3, DH Annex C): who (`membership_id`, a current PEC seat), when they were
    told and the end date they were told. Governance lead only; another step is 404."""
    trust_id = trust_of(request, "appointments.manage")
    step = found(PlanStep.objects.select_related("plan").get, Q(pk=step_id, plan__trust_id=trust_id))
    if step.key != StepKey.NOTICE:
        raise Http404  # as the page: notice is given at the plan's notice step only
    membership = services.outgoing_memberships(step).filter(pk=payload.membership_id or 0).first()
    if membership is None and payload.membership_id is not None:
        already = MemberNotice.objects.filter(step=step, membership_id=payload.membership_id)
        if already.select_related("membership__person").exists():
            person = already.get().membership.person
            raise DomainError({"membership_id": f"{person} has already been given notice at this step"})
    with fields_as({"membership": "membership_id"}):
        record = services.notice_give(
            actor=request.user,
            step=step,
            membership=membership,
            **payload.model_dump(exclude={"membership_id"}),
        )
    return Status(201, notice_out(record))


def notice_out(record: MemberNotice) -> dict[str, Any]:
    return {
        "id": record.pk,
        "step_id": record.step_id,
        "membership_id": record.membership_id,
        "person": record.membership.person.name,
        "given_on": record.given_on,
        "end_date": record.end_date,
        "note": record.note,
        "recorded_at": record.recorded_at,
    }


def conflict_out(record: PanelConflict) -> dict[str, Any]:
    return {
        "id": record.pk,
        "seat_id": record.seat_id,
        "person": record.seat.person.name,
        "application_id": record.application_id,
        "candidate": record.application.name,
        "description": record.description,
        "declared": record.declared,
        "handling": record.handling,
        "reason": record.handling_reason,
        "recorded_at": record.recorded_at,
        "read_version": HANDLING_EDITS.read_version(record),
    }


@router.post("/appointments/campaigns/{campaign_id}/conflicts", response={201: ConflictOut}, auth=WRITE_AUTH)
def declare_conflict(request: HttpRequest, campaign_id: int, payload: ConflictDeclareIn) -> Any:
    """A panel member declares their own conflict with a candidate; the lead may for anyone on the
    panel (APP-4, COI-3). Until the panel's chair or the lead records how it is handled, the member
    cannot sift or score that candidate. Declaring again replaces the description."""
    trust_id = trust_of(request, "appointments.view")
    campaign = found(queries.campaign_in_view, request.user, trust_id, campaign_id)
    seats = [s for s in queries.seats(campaign) if request.user.has_perm("appointments.declare_conflict", s)]
    if not seats:
        raise PermissionDenied("Only the panel member or the governance lead can declare their conflict.")
    # As the form: the caller's only seat is chosen for them; else the seat sent, if theirs to declare.
    only = seats[0] if len(seats) == 1 and payload.seat_id is None else None
    seat = only or next((s for s in seats if s.pk == payload.seat_id), None)
    if seat is None:
        raise DomainError({"seat_id": "Select a member of this panel"})
    application = (
        Application.objects.filter(campaign=campaign, pk=payload.application_id or 0)
        .exclude(status=ApplicationStatus.WITHDRAWN)
        .first()
    )
    if application is None:
        raise DomainError({"application_id": "Select a candidate in this campaign"})
    with fields_as({"seat": "seat_id", "application": "application_id"}):
        record = services.conflict_declare(
            actor=request.user, seat=seat, application=application, description=payload.description
        )
    return Status(201, conflict_out(record))


@router.post(
    "/appointments/panel-seats/{seat_id}/conflicts/{application_id}",
    response={200: ConflictOut},
    auth=WRITE_AUTH,
)
def handle_conflict(
    request: HttpRequest,
    seat_id: int,
    application_id: int,
    payload: ConflictHandleIn,
    if_match: str = IF_MATCH_HEADER,
) -> Any:
    """How a panel member's conflict with a candidate is handled (APP-4, COI-3): `handling` is
    steps_aside or no_action (with a `reason`). The panel's chair or the lead records it, never the
    conflicted member (403). A seat, candidate or conflict the caller cannot see is 404. With the
    conflict's version (If-Match, or `read_version` in the body), handling it over someone else's
    handling since is 412 with what changed (X-5)."""
    trust_id = trust_of(request, "trust.view")
    seat = found(
        PanelSeat.objects.select_related("campaign", "campaign__post", "person").get,
        Q(pk=seat_id, campaign__in=queries.campaigns_for(request.user, trust_id)),
    )
    application = found(Application.objects.get, Q(pk=application_id, campaign_id=seat.campaign_id))
    if (seat.pk, application.pk) not in services.panel_flags(seat.campaign, [seat], [application]):
        raise Http404  # as the page: no conflict is recorded or found for this member and candidate
    if not request.user.has_perm("appointments.handle_conflict", seat):
        raise PermissionDenied(
            "Someone other than the conflicted panel member must record how it is handled."
        )
    with transaction.atomic():
        recorded = PanelConflict.objects.filter(seat=seat, application=application).first()
        if recorded is not None:
            HANDLING_EDITS.check(recorded, if_match=if_match, read_version=payload.read_version)
        record = services.conflict_handle(
            actor=request.user,
            seat=seat,
            application=application,
            handling=payload.handling,
            reason=payload.reason,
        )
    return conflict_out(record)
