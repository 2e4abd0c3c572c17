"""Open data in the Popolo shapes (PUB-2): people, organisations and committees, memberships,
vote events per decided item, and meetings with their attendance. The mapping is documented in
docs/open-data.md; the output is validated against the Popolo JSON schemas in the tests.

Popolo has no option for a member who took no part in a vote because of a conflict of interest;
this project adds `recused`, with the conflict and how it was handled on the vote. Everything
comes from `public.queries`, so the JSON publishes only what the public pages show (X-1).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import Prefetch
from django.http import HttpRequest, JsonResponse
from django.utils import timezone

from pecgov.meetings.enums import AttendanceStatus, VoteChoice
from pecgov.meetings.models import AgendaItem, Attendance, ItemConflict, Meeting, Vote
from pecgov.public import queries
from pecgov.public.common import public_view
from pecgov.trust.enums import OrganisationKind
from pecgov.trust.models import Committee, Membership, Organisation, Person

RECUSED = "recused"
OPTIONS = {VoteChoice.FOR: "yes", VoteChoice.AGAINST: "no", VoteChoice.ABSTAIN: "abstain"}


def person_id(pk: int) -> str:
    return f"person/{pk}"


def organisation_id(org: Organisation) -> str:
    return f"organisation/{org.pk}"


def committee_id(pk: int) -> str:
    return f"committee/{pk}"


def utc(moment: dt.datetime) -> str:
    return moment.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def day(value: dt.date | None) -> str | None:
    return value.isoformat() if value else None


def person(p: Person, lead_areas: list[str]) -> dict[str, Any]:
    return {
        "id": person_id(p.pk),
        "name": p.name,
        "profession": p.get_profession_display(),
        "lead_areas": lead_areas,
    }


def organisation(org: Organisation, trust: Organisation) -> dict[str, Any]:
    found: dict[str, Any] = {
        "id": organisation_id(org),
        "name": org.name,
        "classification": org.get_kind_display(),
        "identifiers": [{"scheme": "ODS", "identifier": org.ods_code}] if org.ods_code else [],
        "dissolution_date": day(org.closed_on),
    }
    if org.pk != trust.pk:
        found["parent_id"] = organisation_id(org.parent) if org.parent else organisation_id(trust)
    return found


def committee(c: Committee, trust: Organisation) -> dict[str, Any]:
    return {
        "id": committee_id(c.pk),
        "name": c.name,
        "classification": "committee",
        "committee_kind": c.get_kind_display(),
        "parent_id": committee_id(c.parent_id) if c.parent_id else organisation_id(trust),
    }


def membership(m: Membership) -> dict[str, Any]:
    return {
        "id": f"membership/{m.pk}",
        "person_id": person_id(m.person_id),
        "organization_id": committee_id(m.committee_id),
        "role": m.get_role_display(),
        "label": f"{m.get_role_display()}, {m.committee.name}",
        "start_date": day(m.start_date),
        "end_date": day(m.end_date),
        "co_opted_for": m.co_opted_scope,
    }


def _conflict(c: ItemConflict) -> dict[str, Any]:
    return {
        "interest": queries.public_interest(c),
        "handling": c.get_handling_display(),
        "excluded_from_decision": c.excluded_from_decision,
        "reason": queries.public_reason(c),
        "ruled_by_id": person_id(c.ruled_by_id) if c.ruled_by_id else None,
    }


def _votes(item: AgendaItem) -> list[dict[str, Any]]:
    conflicts = {c.person_id: c for c in item.conflicts.all()}
    votes: list[dict[str, Any]] = []
    struck: dict[int, Vote] = {}
    for v in item.votes.all():
        if v.is_struck:
            struck[v.person_id] = v
            continue
        vote: dict[str, Any] = {"voter_id": person_id(v.person_id), "option": OPTIONS[VoteChoice(v.choice)]}
        if v.person_id in conflicts:
            vote["conflict"] = _conflict(conflicts[v.person_id])
        votes.append(vote)
    for c in conflicts.values():
        if c.excluded_from_decision:
            vote = {"voter_id": person_id(c.person_id), "option": RECUSED, "conflict": _conflict(c)}
            if c.person_id in struck:
                vote["struck_vote"] = {"option": OPTIONS[VoteChoice(struck[c.person_id].choice)]}
            votes.append(vote)
    return votes


def vote_event(item: AgendaItem) -> dict[str, Any]:
    votes = _votes(item)
    options = ["yes", "no", "abstain", RECUSED]
    motion = {
        "id": f"motion/item-{item.pk}",
        "organization_id": committee_id(item.meeting.committee_id),
        "text": item.title,
        "classification": item.get_kind_display(),
        "result": item.get_outcome_display(),
    }
    return {
        "id": f"vote-event/item-{item.pk}",
        "organization_id": committee_id(item.meeting.committee_id),
        "identifier": f"{item.meeting.pk}/{item.number}",
        "motion": motion,
        "start_date": utc(item.meeting.starts_at),
        "result": item.get_outcome_display(),
        "counts": [{"option": o, "value": sum(1 for v in votes if v["option"] == o)} for o in options],
        "votes": votes,
        "meeting_id": f"meeting/{item.meeting.pk}",
    }


def event(m: Meeting, attendance: list[Attendance]) -> dict[str, Any]:
    present = [a for a in attendance if a.status == AttendanceStatus.PRESENT]
    return {
        "id": f"meeting/{m.pk}",
        "name": f"{m.committee.name} meeting",
        "start_date": utc(m.starts_at),
        "location": m.location,
        "status": m.state_label,
        "classification": "meeting",
        "organization_id": committee_id(m.committee_id),
        "attendees": [{"id": person_id(a.person_id), "name": a.person.name} for a in present],
        "attendance": [
            {
                "person_id": person_id(a.person_id),
                "name": a.person.name,
                "status": a.status,
                "attended_as": a.get_kind_display(),
            }
            for a in attendance
        ],
    }


# The documents --------------------------------------------------------------------------------


def persons_of(trust: Organisation) -> list[dict[str, Any]]:
    seats = queries.public_seats(trust.pk)
    leads = queries.lead_areas_by_person({m.person_id for m in seats})
    people = {m.person_id: m.person for m in seats}
    return [person(p, leads.get(p.pk, [])) for p in sorted(people.values(), key=lambda p: (p.name, p.pk))]


def organizations_of(trust: Organisation) -> list[dict[str, Any]]:
    orgs = Organisation.objects.filter(trust=trust).select_related("parent").order_by("name", "id")
    rows = [organisation(o, trust) for o in orgs if o.kind != OrganisationKind.TRUST]
    return [organisation(trust, trust)] + [committee(c, trust) for c in queries.committees(trust.pk)] + rows


def vote_events_of(trust: Organisation) -> list[dict[str, Any]]:
    return [vote_event(i) for i in queries.decided_items(trust.pk) if i.takes_votes]


def events_of(trust: Organisation) -> list[dict[str, Any]]:
    meetings = queries.meetings(trust.pk).prefetch_related(
        Prefetch("attendance", Attendance.objects.select_related("person").order_by("person__name"))
    )
    now = timezone.now()
    return [event(m, list(m.attendance.all()) if m.starts_at <= now else []) for m in meetings]


def _answer(trust: Organisation, key: str, rows: list[dict[str, Any]]) -> JsonResponse:
    return JsonResponse({key: rows, "trust": {"id": organisation_id(trust), "name": trust.name}})


@public_view
def persons(request: HttpRequest, trust: Organisation) -> JsonResponse:
    return _answer(trust, "persons", persons_of(trust))


@public_view
def organizations(request: HttpRequest, trust: Organisation) -> JsonResponse:
    return _answer(trust, "organizations", organizations_of(trust))


@public_view
def memberships(request: HttpRequest, trust: Organisation) -> JsonResponse:
    return _answer(trust, "memberships", [membership(m) for m in queries.public_seats(trust.pk)])


@public_view
def vote_events(request: HttpRequest, trust: Organisation) -> JsonResponse:
    return _answer(trust, "vote_events", vote_events_of(trust))


@public_view
def events(request: HttpRequest, trust: Organisation) -> JsonResponse:
    return _answer(trust, "events", events_of(trust))
