"""Every write to a plan or business case (PBC-1 to PBC-4): submit, attach documents, scrutinise,
put on the next meeting able to decide, decide, return, withdraw. The route is `routing`, the
lifecycle `lifecycle` (a move it does not list is refused) and the meeting's decisions reach a
case through `sync`. Who may do each is the `rules` permission asked through `require`."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.utils import timezone

from pecgov.actors import SYSTEM, Actor, SystemActor, require
from pecgov.audit.recording import actor_user, save_tracked
from pecgov.commissioning.enums import (
    CLOSED,
    STATUS_HINTS,
    CaseKind,
    CaseStatus,
    DirectorOutcome,
)
from pecgov.commissioning.lifecycle import move, refuse_move, text, transition_error
from pecgov.commissioning.models import BusinessCase, CaseDocument
from pecgov.commissioning.routing import affected_organisations, conflicted_with, route_for
from pecgov.commissioning.scrutiny import scrutiny_missing, scrutiny_record, scrutiny_since
from pecgov.delegation import scheme as engine
from pecgov.delegation.enums import Decider
from pecgov.errors import DomainError, NotPermitted
from pecgov.meetings import services as meeting_services
from pecgov.meetings.enums import ItemKind, MeetingStatus
from pecgov.meetings.models import AgendaItem, Meeting
from pecgov.policy.services import effective_policy
from pecgov.servicekit import event, require_lead
from pecgov.trust.enums import OrganisationKind
from pecgov.trust.models import Organisation, Person
from pecgov.trust.roles import roles_of
from pecgov.uploads import check_upload

__all__ = [
    "MAX_VALUE",
    "SYSTEM",
    "affected_organisations",
    "case_resubmit",
    "case_return",
    "case_schedule",
    "case_submit",
    "case_withdraw",
    "conflicted_with",
    "director_decide",
    "director_problem",
    "document_add",
    "meetings_able_to_decide",
    "route_for",
    "schedule_problem",
    "scrutiny_missing",
    "scrutiny_record",
    "scrutiny_since",
    "transition_error",
]

# The largest value the database holds (a signed 64-bit integer, on SQLite and PostgreSQL).
MAX_VALUE = 2**63 - 1
# Two submissions at once may both read the same highest reference: the loser tries again.
REFERENCE_ATTEMPTS = 5
NOT_IN_TRUST = "This case is not in your trust."
SUBMITTER_OR_LEAD = "Only the submitting organisation's lead or the governance lead can do this."


def _require_submitter_or_lead(actor: Actor, case: BusinessCase) -> None:
    """The "commissioning.act_as_submitter" permission, saying which part failed (X-1)."""
    require(actor, "trust.view", case, message=NOT_IN_TRUST)
    require(actor, "commissioning.act_as_submitter", case, message=SUBMITTER_OR_LEAD)


# Submission (PBC-1) and routing (PBC-2) ---------------------------------------------


def _value_problem(value: Any) -> str:
    """PBC-1: a case costs something: £0 or less has nothing for anyone to approve."""
    if value is None or value == "":
        return "Enter the value of the case in pounds"
    if isinstance(value, bool) or not isinstance(value, int):
        return "Enter the value in whole pounds, like 45000"
    if value <= 0:
        return "The value must be more than £0: enter the value in whole pounds, like 45000"
    if value > MAX_VALUE:
        return "The value is too large: enter the value in whole pounds, like 45000"
    return ""


def _validate_case(fields: dict[str, Any]) -> None:
    errors: dict[str, str | list[str]] = {}
    if fields.get("kind") not in CaseKind.values:
        errors["kind"] = "Select whether this is a business case or a commissioning plan"
    if not text(fields.get("title")):
        errors["title"] = "Enter a short title for the case"
    if not text(fields.get("service")):
        errors["service"] = "Describe the service: what will be commissioned, for whom"
    if problem := _value_problem(fields.get("value")):
        errors["value"] = problem
    if not text(fields.get("patient_focus")):
        errors["patient_focus"] = (
            "Say how the service is patient focused and how it addresses health inequalities"
        )
    if not text(fields.get("evidence")):
        errors["evidence"] = "Give the supporting data and evidence"
    if errors:
        raise DomainError(errors)


def _check_submitter(actor: Actor, trust: Organisation, submitter: Organisation | None) -> None:
    """A practice or PBC group of this trust, which the actor may submit for (PBC-1, X-1)."""
    if (
        submitter is None
        or submitter.trust_id != trust.pk
        or submitter.kind not in {OrganisationKind.PRACTICE, OrganisationKind.PBC_GROUP}
    ):
        raise DomainError({"submitter": "Select the practice or PBC group submitting the case"})
    require(
        actor,
        "commissioning.submit_for",
        submitter,
        message="You can only submit cases for your own practice or PBC group.",
    )


def case_submit(
    *,
    actor: Actor,
    trust: Organisation,
    submitter: Organisation | None,
    kind: str,
    title: str,
    service: str,
    value: int | None,
    patient_focus: str,
    evidence: str,
    documents: list[UploadedFile] | None = None,
    submitted_on: dt.date | None = None,
) -> BusinessCase:
    """A practice or PBC group submits a plan or case; it is routed at once (PBC-1, PBC-2)."""
    _check_submitter(actor, trust, submitter)
    assert submitter is not None
    fields = {
        "kind": kind,
        "title": title,
        "service": service,
        "value": value,
        "patient_focus": patient_focus,
        "evidence": evidence,
    }
    _validate_case(fields)
    assert isinstance(value, int)
    policy = effective_policy(trust)
    documents = list(documents or [])
    for upload in documents:
        check_upload(policy, upload, field="documents", noun="document")
    scheme, chosen, committee = route_for(trust, kind, value)
    submitted_on = submitted_on or timezone.localdate()
    target_days = policy["pbc.target_days"]
    case = BusinessCase(
        trust=trust,
        submitter=submitter,
        submitted_by=actor_user(actor),
        submitted_on=submitted_on,
        target_date=submitted_on + dt.timedelta(days=target_days if isinstance(target_days, int) else 0),
        scheme=scheme,
        decider=chosen.decider,
        route_reason=chosen.reason,
        committee=committee,
        value=value,
        **{key: text(fields[key]) for key in ("kind", "title", "service", "patient_focus", "evidence")},
    )
    with transaction.atomic():
        _save_with_reference(actor, case)
        event(
            actor,
            "case.submit",
            case,
            trust.pk,
            f"{case.reference} submitted by {submitter}; {chosen.reason}",
        )
        for upload in documents:
            _save_document(actor, case, "", upload)
    return case


def _save_with_reference(actor: Actor, case: BusinessCase) -> None:
    """Give the new case the next free reference and save it. Each try is a savepoint: if
    another submission took the reference meanwhile (the unique constraint refuses it), only
    this insert is undone and the next number is tried (PBC-1)."""
    for _attempt in range(REFERENCE_ATTEMPTS):
        case.reference = next_reference(case.trust, case.kind, case.submitted_on.year)
        try:
            with transaction.atomic():
                save_tracked(case, actor=actor, reason="Submitted")
            return
        except IntegrityError:
            case.pk = None
            continue
    raise DomainError("Several cases were submitted at the same moment: submit the case again.")


def next_reference(trust: Organisation, kind: str, year: int) -> str:
    """BC-2007-001, BC-2007-002, ... (CP- for a plan): one more than the highest that year."""
    stem = f"{'BC' if kind == CaseKind.BUSINESS_CASE else 'CP'}-{year}-"
    numbers = [
        int(tail)
        for tail in (
            ref.removeprefix(stem)
            for ref in BusinessCase.objects.filter(trust=trust, reference__startswith=stem).values_list(
                "reference", flat=True
            )
        )
        if tail.isdigit()
    ]
    return f"{stem}{max(numbers, default=0) + 1:03d}"


def _save_document(actor: Actor, case: BusinessCase, title: str, upload: UploadedFile) -> CaseDocument:
    document = CaseDocument(
        case=case,
        title=text(title) or Path(upload.name or "document").stem,
        content_type=upload.content_type or "application/octet-stream",
        size=upload.size or 0,
        uploaded_by=actor_user(actor),
        uploaded_at=timezone.now(),
    )
    document.file.save(f"{case.pk}-{Path(upload.name or 'document').name}", upload, save=False)
    save_tracked(document, actor=actor, reason="Document uploaded")
    event(
        actor,
        "case_document.create",
        document,
        case.trust_id,
        f"{case.reference}: uploaded '{document.title}'",
    )
    return document


def document_add(
    *, actor: Actor, case: BusinessCase, title: str, upload: UploadedFile | None
) -> CaseDocument:
    _require_submitter_or_lead(actor, case)
    if case.status in CLOSED:
        raise DomainError(f"Documents cannot be added because {STATUS_HINTS[case.status]}.")
    check_upload(effective_policy(case.trust), upload, noun="document")
    assert upload is not None
    with transaction.atomic():
        return _save_document(actor, case, title, upload)


# Scheduling and deciding (PBC-2, MTG-6) ------------------------------------------------


def meetings_able_to_decide(case: BusinessCase, after: dt.datetime | None = None) -> list[Meeting]:
    """Scheduled meetings of the deciding committee from now on, soonest first (MTG-6)."""
    if case.committee_id is None:
        return []
    return list(
        Meeting.objects.filter(
            committee_id=case.committee_id,
            status=MeetingStatus.SCHEDULED,
            starts_at__gte=after or timezone.now(),
        ).order_by("starts_at")[:12]
    )


def schedule_problem(case: BusinessCase) -> str:
    """Why the case cannot go on a meeting's agenda now, or "" (PBC-2, PBC-3, MTG-6)."""
    if case.committee_id is None:
        return "The scheme gives this case to an executive director: it does not go to a meeting."
    problem = transition_error(case.status, CaseStatus.ON_AGENDA)
    if problem:
        return problem
    missing = scrutiny_missing(case)
    if missing:
        return "Finish the scrutiny before the case goes to a meeting. Still to assess: " + "; ".join(missing)
    return ""


def director_problem(case: BusinessCase) -> str:
    """Why an executive director cannot decide the case now, or "" (PBC-2, DH 5.8)."""
    if case.decider != Decider.EXECUTIVE_DIRECTOR:
        return (
            f"The scheme of delegation gives this case to {engine.DECIDER_NAMES[case.decider]}: "
            "an executive director cannot decide it."
        )
    if case.status != CaseStatus.WITH_DIRECTOR:
        return f"An executive director cannot decide the case now because {STATUS_HINTS[case.status]}."
    return ""


def case_schedule(
    *, actor: Actor, case: BusinessCase, meeting: Meeting | None, recording_past: bool = False
) -> AgendaItem:
    """Put the case on the agenda of a meeting of the committee that decides it. The item
    names the submitter and its PBC groups, so the meeting screens conflicts (COI-2).

    The meeting must be a scheduled one still to come. `recording_past` lets the system alone,
    loading the record of earlier meetings (the demo, an import), use one already held."""
    require_lead(actor, case.trust_id)
    if recording_past and not isinstance(actor, SystemActor):
        raise NotPermitted("Only the system can record a case on a meeting that has already happened.")
    problem = schedule_problem(case)
    if problem:
        raise DomainError(problem)
    if meeting is None or meeting.committee_id != case.committee_id:
        raise DomainError({"meeting": f"Select a meeting of {case.committee}, which decides this case"})
    if meeting.status == MeetingStatus.CANCELLED:
        raise DomainError(
            {"meeting": "That meeting has been cancelled: select a meeting that is going ahead"}
        )
    on = timezone.localtime(meeting.starts_at).date()
    if not recording_past and (
        meeting.status != MeetingStatus.SCHEDULED or meeting.starts_at < timezone.now()
    ):
        raise DomainError({"meeting": "Select a meeting that has not happened yet"})
    if on < case.submitted_on:
        raise DomainError({"meeting": "Select a meeting on or after the day the case was submitted"})
    with transaction.atomic():
        item = meeting_services.item_add(
            actor=actor,
            meeting=meeting,
            title=f"{case.reference}: {case.title} ({case.submitter})",
            kind=ItemKind.RECOMMENDATION if case.decider == Decider.PEC_RECOMMENDS else ItemKind.DECISION,
            description=(
                f"{case.get_kind_display()} from {case.submitter}, value £{case.value:,}. "
                f"{case.service}\n\nRoute: {case.route_reason}"
            ),
            affected=affected_organisations(case.submitter, on),
        )
        case.agenda_item = item
        move(
            case,
            CaseStatus.ON_AGENDA,
            actor=actor,
            reason=f"On the agenda of {meeting}",
            fields=["agenda_item"],
        )
    return item


def director_decide(
    *, actor: Actor, case: BusinessCase, outcome: str, reasons: str, decided_on: dt.date | None = None
) -> BusinessCase:
    """An executive director decides a small case, with reasons (PBC-2, DH 5.8).

    Only a case the scheme gives to an executive director, once scrutiny has passed it to
    them: the lifecycle alone would also let a case on a meeting's agenda or with the Board be
    approved, and those are the meeting's or the Board's to decide."""
    require(
        actor,
        "commissioning.decide_director",
        case,
        message="Only an executive director can decide this case.",
    )
    if not isinstance(actor, SystemActor):
        person_id = roles_of(actor).person_id
        person = Person.objects.filter(pk=person_id).first() if person_id else None
        conflict = conflicted_with(person, case, timezone.localdate()) if person else ""
        if conflict:
            raise NotPermitted(f"{conflict}: another director must decide it.")
    problem = director_problem(case)
    if problem:
        raise DomainError(problem)
    if outcome not in DirectorOutcome.values:
        raise DomainError({"outcome": "Select approve or reject"})
    if not text(reasons):
        raise DomainError({"reasons": "Enter the reasons for the decision"})
    today = timezone.localdate()
    decided_on = decided_on or today
    if decided_on < case.submitted_on:
        raise DomainError({"decided_on": "The decision cannot be before the case was submitted"})
    if decided_on > today:
        raise DomainError({"decided_on": "The decision date must be today or in the past"})
    case.director_outcome, case.decision_reasons = outcome, text(reasons)
    case.decided_on, case.decided_by = decided_on, actor_user(actor)
    with transaction.atomic():
        move(
            case,
            outcome,
            actor=actor,
            reason="Decided by the executive director",
            fields=["director_outcome", "decision_reasons", "decided_on", "decided_by"],
        )
    return case


def case_return(*, actor: Actor, case: BusinessCase, reason: str) -> BusinessCase:
    """The governance lead sends a case back for more information (PBC-2): from submission,
    scrutiny, the director or a deferral; not once a meeting or the Board holds it."""
    require_lead(actor, case.trust_id)
    refuse_move(case, CaseStatus.RETURNED)
    if not text(reason):
        raise DomainError({"reason": "Say what more the submitter needs to provide"})
    case.status_note = text(reason)
    with transaction.atomic():
        move(
            case,
            CaseStatus.RETURNED,
            actor=actor,
            reason=f"Returned: {case.status_note}",
            fields=["status_note"],
        )
    return case


def case_resubmit(*, actor: Actor, case: BusinessCase, note: str = "") -> BusinessCase:
    """The submitter (or the governance lead) sends a returned case back: scrutiny starts again."""
    _require_submitter_or_lead(actor, case)
    refuse_move(case, CaseStatus.SUBMITTED)
    case.status_note = text(note)
    with transaction.atomic():
        move(
            case,
            CaseStatus.SUBMITTED,
            actor=actor,
            reason=f"Resubmitted. {text(note)}",
            fields=["status_note"],
        )
    return case


def case_withdraw(*, actor: Actor, case: BusinessCase, reason: str) -> BusinessCase:
    """The submitter (or the governance lead) withdraws an open case that no meeting or Board holds."""
    _require_submitter_or_lead(actor, case)
    refuse_move(case, CaseStatus.WITHDRAWN)
    if not text(reason):
        raise DomainError({"reason": "Say why the case is withdrawn"})
    case.status_note = text(reason)
    case.decided_on = timezone.localdate()
    with transaction.atomic():
        move(
            case,
            CaseStatus.WITHDRAWN,
            actor=actor,
            reason=f"Withdrawn: {case.status_note}",
            fields=["status_note", "decided_on"],
        )
    return case
