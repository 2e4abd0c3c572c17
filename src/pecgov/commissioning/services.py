"""Every write to a plan or business case (PBC-1 to PBC-4): submit, attach documents, scrutinise,
route by the scheme of delegation, put on the next meeting able to decide, decide, return,
withdraw. The lifecycle is `enums.CASE_TRANSITIONS`; a move it does not list is refused."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone

from pecgov.audit.recording import actor_user, save_tracked
from pecgov.commissioning.enums import (
    CASE_TRANSITIONS,
    STATUS_HINTS,
    Aspect,
    Assessment,
    CaseKind,
    CaseStatus,
    Criterion,
    DirectorOutcome,
)
from pecgov.commissioning.models import BusinessCase, CaseDocument, Scrutiny
from pecgov.delegation import scheme as engine
from pecgov.delegation.enums import Decider
from pecgov.delegation.models import Scheme
from pecgov.errors import DomainError, NotPermitted
from pecgov.interests import queries as iq
from pecgov.interests import screening
from pecgov.meetings import services as meeting_services
from pecgov.meetings.enums import BoardOutcome, ItemKind, MeetingStatus, Outcome
from pecgov.meetings.models import AgendaItem, BoardDecision, Meeting
from pecgov.policy.services import effective_policy
from pecgov.servicekit import SYSTEM, event, require_lead
from pecgov.trust.enums import CommitteeKind, LinkKind, OrganisationKind
from pecgov.trust.models import Committee, Organisation, OrganisationLink, Person
from pecgov.trust.queries import current_q
from pecgov.trust.roles import roles_of
from pecgov.uploads import check_upload

__all__ = ["SYSTEM"]

# Which committee each decider means (TOR-2); an executive director needs none.
DECIDER_COMMITTEE: dict[str, str] = {
    Decider.PBC_APPROVALS: CommitteeKind.PBC_APPROVALS,
    Decider.PEC_RECOMMENDS: CommitteeKind.PEC,
    Decider.BOARD: CommitteeKind.BOARD,
}
VERBS: dict[str, str] = {
    CaseStatus.SUBMITTED: "resubmitted",
    CaseStatus.SCRUTINY: "scrutinised",
    CaseStatus.RETURNED: "returned for more information",
    CaseStatus.WITH_DIRECTOR: "passed to the executive director",
    CaseStatus.ON_AGENDA: "put on a meeting's agenda",
    CaseStatus.DEFERRED: "deferred",
    CaseStatus.RECOMMENDED: "recommended to the Board",
    CaseStatus.APPROVED: "approved",
    CaseStatus.REJECTED: "rejected",
    CaseStatus.WITHDRAWN: "withdrawn",
}


def transition_error(status: str, to: str) -> str | None:
    """Why the lifecycle refuses a move, in plain words; None if the move is allowed."""
    if to in CASE_TRANSITIONS[status]:
        return None
    return f"The case cannot be {VERBS[to]} now because {STATUS_HINTS[status]}."


def _move(case: BusinessCase, to: str, *, actor: Any, reason: str, fields: list[str] | None = None) -> None:
    problem = transition_error(case.status, to)
    if problem:
        raise DomainError(problem)
    case.status = to
    save_tracked(case, actor=actor, reason=reason, update_fields=["status", *(fields or [])])
    event(
        actor,
        f"case.{to}",
        case,
        case.trust_id,
        f"{case.reference}: {CaseStatus(to).label}. {reason}".strip(),
    )


def _require_submitter_or_lead(actor: Any, case: BusinessCase) -> None:
    if actor == SYSTEM:
        return
    roles = roles_of(actor)
    if roles.trust_id != case.trust_id:
        raise NotPermitted("This case is not in your trust.")
    if not (roles.is_governance_lead or case.submitter_id in roles.practice_ids):
        raise NotPermitted("Only the submitting organisation's lead or the governance lead can do this.")


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


# Submission (PBC-1) and routing (PBC-2) ---------------------------------------------


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


# The largest value the database holds (a signed 64-bit integer, on SQLite and PostgreSQL).
MAX_VALUE = 2**63 - 1


def _text(value: Any) -> str:
    """Free text as entered, trimmed; anything that is not text counts as not entered."""
    return value.strip() if isinstance(value, str) else ""


def _validate_case(fields: dict[str, Any]) -> None:
    errors: dict[str, str | list[str]] = {}
    if fields.get("kind") not in CaseKind.values:
        errors["kind"] = "Select whether this is a business case or a commissioning plan"
    if not _text(fields.get("title")):
        errors["title"] = "Enter a short title for the case"
    if not _text(fields.get("service")):
        errors["service"] = "Describe the service: what will be commissioned, for whom"
    value = fields.get("value")
    if value is None or value == "":
        errors["value"] = "Enter the value of the case in pounds"
    elif isinstance(value, bool) or not isinstance(value, int):
        errors["value"] = "Enter the value in whole pounds, like 45000"
    elif value < 0:
        errors["value"] = "The value cannot be negative: enter £0 or more"
    elif value > MAX_VALUE:
        errors["value"] = "The value is too large: enter the value in whole pounds, like 45000"
    if not _text(fields.get("patient_focus")):
        errors["patient_focus"] = (
            "Say how the service is patient focused and how it addresses health inequalities"
        )
    if not _text(fields.get("evidence")):
        errors["evidence"] = "Give the supporting data and evidence"
    if errors:
        raise DomainError(errors)


def case_submit(
    *,
    actor: Any,
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
    if (
        submitter is None
        or submitter.trust_id != trust.pk
        or submitter.kind
        not in {
            OrganisationKind.PRACTICE,
            OrganisationKind.PBC_GROUP,
        }
    ):
        raise DomainError({"submitter": "Select the practice or PBC group submitting the case"})
    if actor != SYSTEM:
        roles = roles_of(actor)
        if roles.trust_id != trust.pk or not (roles.is_governance_lead or submitter.pk in roles.practice_ids):
            raise NotPermitted("You can only submit cases for your own practice or PBC group.")
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
    with transaction.atomic():
        case = save_tracked(
            BusinessCase(
                trust=trust,
                reference=_next_reference(trust, kind, submitted_on.year),
                kind=kind,
                title=_text(title),
                service=_text(service),
                value=value,
                patient_focus=_text(patient_focus),
                evidence=_text(evidence),
                submitter=submitter,
                submitted_by=actor_user(actor),
                submitted_on=submitted_on,
                target_date=submitted_on
                + dt.timedelta(days=target_days if isinstance(target_days, int) else 0),
                scheme=scheme,
                decider=chosen.decider,
                route_reason=chosen.reason,
                committee=committee,
            ),
            actor=actor,
            reason="Submitted",
        )
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


def _next_reference(trust: Organisation, kind: str, year: int) -> str:
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


def _save_document(actor: Any, case: BusinessCase, title: str, upload: UploadedFile) -> CaseDocument:
    document = CaseDocument(
        case=case,
        title=_text(title) or Path(upload.name or "document").stem,
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


def document_add(*, actor: Any, case: BusinessCase, title: str, upload: UploadedFile | None) -> CaseDocument:
    _require_submitter_or_lead(actor, case)
    if case.status in {CaseStatus.APPROVED, CaseStatus.REJECTED, CaseStatus.WITHDRAWN}:
        raise DomainError(f"Documents cannot be added because {STATUS_HINTS[case.status]}.")
    check_upload(effective_policy(case.trust), upload, noun="document")
    assert upload is not None
    with transaction.atomic():
        return _save_document(actor, case, title, upload)


# Scrutiny (PBC-3) ----------------------------------------------------------------------


def scrutiny_since(case: BusinessCase) -> dt.datetime | None:
    """When the current round of scrutiny began: the case's last resubmission, or None if it
    was never returned. A returned case comes back changed, so what was assessed before no
    longer counts: both aspects are assessed again (PBC-3)."""
    since: dt.datetime | None = (
        case.history.filter(status=CaseStatus.SUBMITTED, history_type="~")
        .order_by("-history_date")
        .values_list("history_date", flat=True)
        .first()
    )
    return since


def scrutiny_missing(case: BusinessCase) -> list[str]:
    """The aspects and criteria not yet assessed in this round, as "Clinical scrutiny: Patient focus"."""
    rows = case.scrutiny.all()
    since = scrutiny_since(case)
    if since is not None:
        rows = rows.filter(recorded_at__gte=since)
    done = set(rows.values_list("aspect", "criterion"))
    return [
        f"{aspect.label}: {criterion.label}"
        for aspect in Aspect
        for criterion in Criterion
        if (aspect.value, criterion.value) not in done
    ]


def scrutiny_record(
    *,
    actor: Any,
    case: BusinessCase,
    aspect: str,
    assessor: Person | None,
    assessments: dict[str, tuple[str, str]],
) -> list[Scrutiny]:
    """Record one aspect of scrutiny against every stated criterion (PBC-3, DH 5.3).

    The assessor must not be conflicted with the case. When both aspects are complete, a case
    for an executive director goes to them (PBC-2); a committee case waits to be scheduled.
    """
    if actor != SYSTEM:
        roles = roles_of(actor)
        if roles.trust_id != case.trust_id or not actor.has_perm("commissioning.scrutinise"):
            raise NotPermitted("Only the governance lead, PEC members and directors can record scrutiny.")
        if assessor is not None and not roles.is_governance_lead and assessor.pk != roles.person_id:
            raise NotPermitted("You can record only your own assessment.")
    if aspect not in Aspect.values:
        raise DomainError({"aspect": "Select clinical or organisational scrutiny"})
    if assessor is None or assessor.trust_id != case.trust_id:
        raise DomainError({"assessor": "Select who made the assessment"})
    if case.status not in {CaseStatus.SUBMITTED, CaseStatus.SCRUTINY}:
        raise DomainError(f"Scrutiny cannot be recorded now because {STATUS_HINTS[case.status]}.")
    today = timezone.localdate()
    conflict = conflicted_with(assessor, case, today)
    if conflict:
        raise DomainError({"assessor": f"{conflict}: ask someone without an interest to assess it"})
    errors: dict[str, str | list[str]] = {}
    for criterion in Criterion:
        choice, comment = assessments.get(criterion.value, ("", ""))
        if choice not in Assessment.values:
            errors[f"{criterion.value}_assessment"] = f"Select how the case meets '{criterion.label}'"
        elif not _text(comment):
            errors[f"{criterion.value}_comment"] = f"Explain the assessment of '{criterion.label}'"
    if errors:
        raise DomainError(errors)
    rows = []
    with transaction.atomic():
        for criterion in Criterion:
            choice, comment = assessments[criterion.value]
            row = Scrutiny.objects.filter(case=case, aspect=aspect, criterion=criterion.value).first()
            row = row or Scrutiny(case=case, aspect=aspect, criterion=criterion.value)
            row.assessment, row.comment, row.assessor, row.recorded_at = (
                choice,
                _text(comment),
                assessor,
                timezone.now(),
            )
            rows.append(save_tracked(row, actor=actor, reason=f"{Aspect(aspect).label} recorded"))
        event(
            actor,
            "case.scrutiny_record",  # not "case.scrutiny": that is the move into scrutiny
            rows,
            case.trust_id,
            f"{case.reference}: {Aspect(aspect).label} by {assessor}",
        )
        if case.status == CaseStatus.SUBMITTED:
            _move(case, CaseStatus.SCRUTINY, actor=actor, reason="Scrutiny started")
        if not scrutiny_missing(case) and case.decider == Decider.EXECUTIVE_DIRECTOR:
            _move(
                case,
                CaseStatus.WITH_DIRECTOR,
                actor=actor,
                reason="Scrutiny complete: routed to the executive director",
            )
    return rows


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


def case_schedule(
    *, actor: Any, case: BusinessCase, meeting: Meeting | None, recording_past: bool = False
) -> AgendaItem:
    """Put the case on the agenda of a meeting of the committee that decides it. The item
    names the submitter and its PBC groups, so the meeting screens conflicts (COI-2).

    The meeting must be a scheduled one still to come. `recording_past` lets the system alone,
    loading the record of earlier meetings (the demo, an import), use one already held."""
    require_lead(actor, case.trust_id)
    if recording_past and actor != SYSTEM:
        raise NotPermitted("Only the system can record a case on a meeting that has already happened.")
    if case.committee_id is None:
        raise DomainError("The scheme gives this case to an executive director: it does not go to a meeting.")
    problem = transition_error(case.status, CaseStatus.ON_AGENDA)
    if problem:
        raise DomainError(problem)
    missing = scrutiny_missing(case)
    if missing:
        raise DomainError(
            "Finish the scrutiny before the case goes to a meeting. Still to assess: " + "; ".join(missing)
        )
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
        _move(
            case,
            CaseStatus.ON_AGENDA,
            actor=actor,
            reason=f"On the agenda of {meeting}",
            fields=["agenda_item"],
        )
    return item


def director_decide(
    *, actor: Any, case: BusinessCase, outcome: str, reasons: str, decided_on: dt.date | None = None
) -> BusinessCase:
    """An executive director decides a small case, with reasons (PBC-2, DH 5.8).

    Only a case the scheme gives to an executive director, once scrutiny has passed it to
    them: the lifecycle alone would also let a case on a meeting's agenda or with the Board be
    approved, and those are the meeting's or the Board's to decide."""
    if actor != SYSTEM:
        roles = roles_of(actor)
        if roles.trust_id != case.trust_id or not (roles.is_executive_director or roles.is_chief_executive):
            raise NotPermitted("Only an executive director can decide this case.")
        person = Person.objects.filter(pk=roles.person_id).first() if roles.person_id else None
        conflict = conflicted_with(person, case, timezone.localdate()) if person else ""
        if conflict:
            raise NotPermitted(f"{conflict}: another director must decide it.")
    if case.decider != Decider.EXECUTIVE_DIRECTOR:
        raise DomainError(
            f"The scheme of delegation gives this case to {engine.DECIDER_NAMES[case.decider]}: "
            "an executive director cannot decide it."
        )
    if case.status != CaseStatus.WITH_DIRECTOR:
        raise DomainError(
            f"An executive director cannot decide the case now because {STATUS_HINTS[case.status]}."
        )
    if outcome not in DirectorOutcome.values:
        raise DomainError({"outcome": "Select approve or reject"})
    if not _text(reasons):
        raise DomainError({"reasons": "Enter the reasons for the decision"})
    today = timezone.localdate()
    decided_on = decided_on or today
    if decided_on < case.submitted_on:
        raise DomainError({"decided_on": "The decision cannot be before the case was submitted"})
    if decided_on > today:
        raise DomainError({"decided_on": "The decision date must be today or in the past"})
    case.director_outcome, case.decision_reasons = outcome, _text(reasons)
    case.decided_on, case.decided_by = decided_on, actor_user(actor)
    with transaction.atomic():
        _move(
            case,
            outcome,
            actor=actor,
            reason="Decided by the executive director",
            fields=["director_outcome", "decision_reasons", "decided_on", "decided_by"],
        )
    return case


def _refuse_move(case: BusinessCase, to: str) -> None:
    """Check the lifecycle before changing anything on the caller's object."""
    problem = transition_error(case.status, to)
    if problem:
        raise DomainError(problem)


def case_return(*, actor: Any, case: BusinessCase, reason: str) -> BusinessCase:
    """The governance lead sends a case back for more information (PBC-2): from submission,
    scrutiny, the director or a deferral; not once a meeting or the Board holds it."""
    require_lead(actor, case.trust_id)
    _refuse_move(case, CaseStatus.RETURNED)
    if not _text(reason):
        raise DomainError({"reason": "Say what more the submitter needs to provide"})
    case.status_note = _text(reason)
    with transaction.atomic():
        _move(
            case,
            CaseStatus.RETURNED,
            actor=actor,
            reason=f"Returned: {case.status_note}",
            fields=["status_note"],
        )
    return case


def case_resubmit(*, actor: Any, case: BusinessCase, note: str = "") -> BusinessCase:
    """The submitter (or the governance lead) sends a returned case back: scrutiny starts again."""
    _require_submitter_or_lead(actor, case)
    _refuse_move(case, CaseStatus.SUBMITTED)
    case.status_note = _text(note)
    with transaction.atomic():
        _move(
            case,
            CaseStatus.SUBMITTED,
            actor=actor,
            reason=f"Resubmitted. {_text(note)}",
            fields=["status_note"],
        )
    return case


def case_withdraw(*, actor: Any, case: BusinessCase, reason: str) -> BusinessCase:
    """The submitter (or the governance lead) withdraws an open case that no meeting or Board holds."""
    _require_submitter_or_lead(actor, case)
    _refuse_move(case, CaseStatus.WITHDRAWN)
    if not _text(reason):
        raise DomainError({"reason": "Say why the case is withdrawn"})
    case.status_note = _text(reason)
    case.decided_on = timezone.localdate()
    with transaction.atomic():
        _move(
            case,
            CaseStatus.WITHDRAWN,
            actor=actor,
            reason=f"Withdrawn: {case.status_note}",
            fields=["status_note", "decided_on"],
        )
    return case


# Committee decisions come from the meeting record (PBC-2, MTG-3) ------------------------


# The item kind the scheme's decider needs: the PEC only recommends to the Board (PBC-2).
ITEM_KIND_FOR = {
    Decider.PBC_APPROVALS: ItemKind.DECISION,
    Decider.PEC_RECOMMENDS: ItemKind.RECOMMENDATION,
    Decider.BOARD: ItemKind.DECISION,
}


def sync_from_item(*, actor: Any, item: AgendaItem) -> BusinessCase | None:
    """After a meeting decides an item, move its case: approved, rejected, deferred, or (for
    the PEC) recommended to the Board. Called inside the decision's transaction, so refusing
    here undoes the decision.

    Refused: only noting the case (it would stay on an agenda that is over, with no way on),
    and deciding it as the wrong kind of item (the agenda item's kind can be edited; a PEC
    "decision" would approve what the scheme says only the Board may)."""
    case = BusinessCase.objects.filter(agenda_item=item).first()
    if case is None:
        return None
    if item.outcome == Outcome.NOTED:
        raise DomainError(
            {
                "outcome": f"This item is {case.reference}, a {case.get_kind_display().lower()}: "
                "approve, reject or defer it. A case cannot only be noted."
            }
        )
    expected = ITEM_KIND_FOR.get(Decider(case.decider))
    if expected is not None and item.kind != expected:
        raise DomainError(
            f"This item is {case.reference}, which the scheme of delegation gives to "
            f"{engine.DECIDER_NAMES[case.decider]}: change the item back to "
            f"'{ItemKind(expected).label}' before deciding it."
        )
    day = timezone.localtime(item.meeting.starts_at).date()
    if item.outcome == Outcome.DEFERRED:
        target = CaseStatus.DEFERRED
    elif item.outcome == Outcome.REJECTED:
        target = CaseStatus.REJECTED
    elif item.kind == ItemKind.RECOMMENDATION:
        target = CaseStatus.RECOMMENDED
    else:
        target = CaseStatus.APPROVED
    fields = []
    if target in {CaseStatus.APPROVED, CaseStatus.REJECTED}:
        case.decided_on, fields = day, ["decided_on"]
    _move(case, target, actor=actor, reason=f"{item.meeting}: {item.get_outcome_display()}", fields=fields)
    return case


def sync_from_cancelled(*, actor: Any, meeting: Meeting) -> list[BusinessCase]:
    """A cancelled meeting cannot decide its cases: each goes back to wait for the next
    meeting able to decide it (DEFERRED can be scheduled again; MTG-6)."""
    cases = list(
        BusinessCase.objects.filter(agenda_item__meeting=meeting, status=CaseStatus.ON_AGENDA).select_related(
            "agenda_item"
        )
    )
    for case in cases:
        assert case.agenda_item is not None
        if case.agenda_item.is_decided:
            continue
        _move(
            case,
            CaseStatus.DEFERRED,
            actor=actor,
            reason=f"{meeting} was cancelled: schedule another meeting",
        )
    return cases


def sync_from_board(*, actor: Any, decision: BoardDecision) -> BusinessCase | None:
    """The Board's decision on a PEC recommendation closes the case (PBC-2, MTG-3)."""
    case = BusinessCase.objects.filter(agenda_item_id=decision.item_id).first()
    if case is None or case.status != CaseStatus.RECOMMENDED or decision.outcome == BoardOutcome.DEFERRED:
        return None
    target = CaseStatus.REJECTED if decision.outcome == BoardOutcome.REJECTED else CaseStatus.APPROVED
    case.decided_on = decision.decided_on
    _move(
        case,
        target,
        actor=actor,
        reason=f"The Board: {decision.get_outcome_display()}",
        fields=["decided_on"],
    )
    return case
