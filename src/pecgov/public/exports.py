"""Every public list as a spreadsheet (PUB-2): the same rows the public pages show, from the
same queries, so a CSV never says more than its page."""

from __future__ import annotations

from collections.abc import Iterator

from django.http import FileResponse, Http404, HttpRequest
from django.utils import timezone

from pecgov.meetings.models import Meeting
from pecgov.public import queries
from pecgov.public.common import csv_response, public_view
from pecgov.trust.models import Committee, Organisation


def _name(trust: Organisation, what: str) -> str:
    return f"{what}-{queries.trust_key(trust)}-{timezone.localdate().isoformat()}.csv"


def member_rows(members: queries.CommitteeMembers) -> Iterator[list[object]]:
    yield ["Name", "Role", "Profession", "Since", "Until", "Lead areas", "Co-opted for", "Current"]
    for seat, current in [(s, "Yes") for s in members.current] + [(s, "No") for s in members.past]:
        m = seat.membership
        yield [
            m.person.name,
            m.get_role_display(),
            m.person.get_profession_display(),
            m.start_date.isoformat(),
            m.end_date.isoformat() if m.end_date else "",
            "; ".join(seat.lead_areas),
            m.co_opted_scope,
            current,
        ]


@public_view
def committee_members_csv(request: HttpRequest, trust: Organisation, pk: int) -> FileResponse:
    try:
        members = queries.committee_members(trust.pk, pk)
    except Committee.DoesNotExist as error:
        raise Http404 from error
    return csv_response(member_rows(members), _name(trust, f"members-{members.committee.pk}"))


@public_view
def meetings_csv(request: HttpRequest, trust: Organisation) -> FileResponse:
    rows: list[list[object]] = [["Committee", "Date and time", "Location", "Status"]]
    for m in queries.meetings(trust.pk):
        rows.append(
            [m.committee.name, timezone.localtime(m.starts_at).isoformat(), m.location, m.state_label]
        )
    return csv_response(rows, _name(trust, "meetings"))


@public_view
def attendance_csv(request: HttpRequest, trust: Organisation, pk: int) -> FileResponse:
    try:
        view = queries.meeting_page(trust.pk, pk)
    except Meeting.DoesNotExist as error:
        raise Http404 from error
    rows: list[list[object]] = [["Name", "Attended as", "Attendance"]]
    rows += [[a.person.name, a.get_kind_display(), a.get_status_display()] for a in view.attendance]
    return csv_response(rows, _name(trust, f"attendance-{pk}"))


def decision_rows(trust: Organisation) -> Iterator[list[object]]:
    yield [
        "Date",
        "Committee",
        "Item",
        "Kind",
        "Outcome",
        "What the committee did",
        "Reasons",
        "What the committee changed",
        "Conflicts of interest and how they were handled",
    ]
    for item in queries.decided_items(trust.pk):
        conflicts = "; ".join(
            f"{c.person.name}: {c.get_handling_display()}"
            + (f" ({queries.public_reason(c)})" if queries.public_reason(c) else "")
            for c in item.conflicts.all()
        )
        yield [
            (item.decided_on or timezone.localtime(item.meeting.starts_at).date()).isoformat(),
            item.meeting.committee.name,
            f"{item.number}. {item.title}",
            item.get_kind_display(),
            item.get_outcome_display(),
            item.get_contribution_display(),
            item.reasons,
            item.changes_made,
            conflicts,
        ]


@public_view
def decisions_csv(request: HttpRequest, trust: Organisation) -> FileResponse:
    return csv_response(decision_rows(trust), _name(trust, "decisions"))


@public_view
def cases_csv(request: HttpRequest, trust: Organisation) -> FileResponse:
    rows: list[list[object]] = [
        ["Reference", "Business case", "Submitted by", "Outcome", "Decided by", "Decided on", "Reasons"]
    ]
    rows += [
        [
            r.case.reference,
            r.case.title,
            r.case.submitter.name,
            r.outcome,
            r.decider,
            r.decided_on.isoformat(),
            r.reasons,
        ]
        for r in queries.decided_cases(trust.pk)
    ]
    return csv_response(rows, _name(trust, "business-case-decisions"))
