"""Demo meetings and declarations for Avonmere PCT (MTG-1 to MTG-5, COI-1 to COI-6), made through the services.

A year of PEC and PBC approvals committee meetings with attendance, decisions,
minutes and actions; declarations for every PEC member covering the Alliance's
cases (GP partners, a PBC lead, the provider arm's staff, a commissioning-support
link, a GP who is also a provider); one nil return; one withheld entry; a past
meeting where a GP member's own practice's business case was recommended to the
Board with the conflict handled and the Board's decision recorded; and an
upcoming meeting with a provider-arm business case still to be screened.
"""

from __future__ import annotations

import datetime as dt
import itertools
from typing import Any

from django.utils import timezone

from pecgov.actors import SYSTEM
from pecgov.demo import public as demo_public
from pecgov.interests import services as isv
from pecgov.interests.enums import Handling, ReturnKind, Withholding
from pecgov.meetings import services as ms
from pecgov.meetings.conflicts import services as conflict_services
from pecgov.meetings.enums import BoardOutcome, Contribution, ItemKind, Outcome
from pecgov.meetings.models import AgendaItem, Meeting
from pecgov.meetings.queries import item_row
from pecgov.trust.enums import CommitteeKind, MembershipRole
from pecgov.trust.models import Committee, Organisation, Person
from pecgov.trust.queries import current_q


def _at(day: dt.date, hour: int = 14) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour, 0)))


def build(trust: Organisation) -> None:
    today = timezone.localdate()
    people = {p.name: p for p in Person.objects.filter(trust=trust)}
    orgs = {o.name: o for o in Organisation.objects.filter(trust=trust)}
    pec = Committee.objects.get(trust=trust, kind=CommitteeKind.PEC)
    approvals = Committee.objects.get(trust=trust, kind=CommitteeKind.PBC_APPROVALS)
    _declarations(people, orgs, today)

    def meeting(committee: Committee, day: dt.date, location: str) -> Meeting:
        m = ms.meeting_create(actor=SYSTEM, committee=committee, starts_at=_at(day), location=location)
        return m

    def routine(m: Meeting, day: dt.date, past: bool, absent: set[str]) -> None:
        for person in _seated(m.committee, day):
            status = "apologies" if person.name in absent else "present"
            if past:
                ms.attendance_set(actor=SYSTEM, meeting=m, person=person, status=status)
        items = [
            ("Minutes of the previous meeting and matters arising", ItemKind.INFORMATION),
            ("Finance and activity report", ItemKind.INFORMATION),
            ("Quality, safety and clinical governance report", ItemKind.DISCUSSION),
        ]
        for title, kind in items:
            item = ms.item_add(actor=SYSTEM, meeting=m, title=title, kind=kind)
            if past:
                ms.item_decide(
                    actor=SYSTEM,
                    item=item,
                    outcome=Outcome.NOTED,
                    contribution=Contribution.NOTED_ONLY,
                    reasons="",
                )

    first = today.replace(day=1)
    pec_meetings: list[tuple[Meeting, dt.date]] = []
    for months_ago in range(12, -2, -1):
        month = (first.month - months_ago - 1) % 12 + 1
        year = first.year + (first.month - months_ago - 1) // 12
        pec_day = dt.date(year, month, 10)
        approvals_day = dt.date(year, month, 24)
        for committee, day, location in (
            (pec, pec_day, "Boardroom, Avonmere House"),
            (approvals, approvals_day, "Meeting room 2, Avonmere House"),
        ):
            past = day < today
            m = meeting(committee, day, location)
            routine(m, day, past, {"Imran Shah"} if months_ago % 4 == 0 else set())
            if committee == pec:
                pec_meetings.append((m, day))

    m, day = next((m, d) for m, d in reversed(pec_meetings) if d < today - dt.timedelta(days=20))
    _fairfield_case(m, day, pec, orgs, people, today)
    demo_public.private_item([mm for mm, d in pec_meetings if d < today])  # PUB-1

    # Minutes: approved at the next meeting, except the latest held meeting (a draft).
    held = [(mm, d) for mm, d in pec_meetings if d < today]
    for (earlier, _), (later, _) in itertools.pairwise(held):
        minutes = ms.minutes_draft(actor=SYSTEM, meeting=earlier)
        ms.minutes_approve(actor=SYSTEM, minutes=minutes, at_meeting=later)
    if held:
        ms.minutes_draft(actor=SYSTEM, meeting=held[-1][0])

    # Upcoming: the provider arm bids for a physiotherapy triage service (COI-2: provider arm bidding).
    upcoming = next(mm for mm, d in pec_meetings if d >= today)
    ms.item_add(
        actor=SYSTEM,
        meeting=upcoming,
        kind=ItemKind.RECOMMENDATION,
        title="Business case: community physiotherapy triage by Avonmere Community Services (£95,000 a year)",
        description="The trust's provider arm proposes a telephone triage service for musculoskeletal referrals.",
        affected=[orgs["Avonmere Community Services"]],
    )


def _seated(committee: Committee, day: dt.date) -> list[Person]:
    return [m.person for m in committee.memberships.filter(current_q(day)).select_related("person")]


def _fairfield_case(
    m: Meeting,
    day: dt.date,
    pec: Committee,
    orgs: dict[str, Organisation],
    people: dict[str, Person],
    today: dt.date,
) -> None:
    """A GP member's own practice's business case, recommended to the Board: conflicts handled,
    votes, the decision dated by its meeting, the Board's decision and so the statement frozen
    as sent (COI-2, COI-3, COI-5, COI-6, COI-8)."""
    fairfield = orgs["Fairfield Surgery"]
    case = ms.item_add(
        actor=SYSTEM,
        meeting=m,
        kind=ItemKind.RECOMMENDATION,
        title="Business case: extended-hours diabetes clinic at Fairfield Surgery (£180,000 a year)",
        description="Riverside PBC Group proposes an extended-hours diabetes clinic hosted by Fairfield Surgery "
        "for patients across the South locality.",
        affected=[fairfield, orgs["Riverside PBC Group"]],
    )
    _handle_all(
        case,
        reason_note="A financial interest in the proposal. Answered the committee's questions on the "
        "service model, then left the room for the decision.",
    )
    handled_now = item_row(case).handled
    for person in _seated(pec, day):
        handled = handled_now.get(person.pk)
        if handled is None or not handled.excluded_from_decision:
            ms.vote_record(actor=SYSTEM, item=case, person=person, choice="for")
    ms.item_decide(
        actor=SYSTEM,
        item=case,
        outcome=Outcome.APPROVED_WITH_CHANGES,
        contribution=Contribution.DEBATED_CHANGED,
        reasons="Meets the locality's diabetes priorities and reduces outpatient referrals; value for money shown.",
        evidence="Practice diabetes registers, referral data for 2 years, NICE guidance on type 2 diabetes, "
        "patient survey of 240 responses.",
        changes_made="Clinic to accept patients from all South locality practices, not only Riverside members; "
        "six-month review of uptake by practice.",
    )
    ms.board_decision_record(
        actor=SYSTEM,
        item=case,
        decided_on=day + dt.timedelta(days=14),
        outcome=BoardOutcome.ACCEPTED,
        conflicts_considered=True,
        note="The Board read the statement of conflicts with the recommendation.",
    )
    ms.action_add(
        actor=SYSTEM,
        meeting=m,
        item=case,
        description="Report uptake of the diabetes clinic by practice",
        owner=people["Dr Tom Hollis"],
        due_date=today + dt.timedelta(days=60),
    )
    ms.action_add(
        actor=SYSTEM,
        meeting=m,
        description="Circulate the revised locality diabetes pathway",
        owner=people["Dr Grace Okonkwo"],
        due_date=today + dt.timedelta(days=14),
    )


def _handle_all(item: AgendaItem, reason_note: str) -> None:
    """Every flagged person's conflict handled. The chair's own conflict is ruled on by another
    member present, who chairs the item, after advice from the clinical reference group (COI-8)."""
    row = item_row(item)
    day = timezone.localtime(item.meeting.starts_at).date()
    chairs = set(
        item.meeting.committee.memberships.filter(current_q(day), role=MembershipRole.CHAIR).values_list(
            "person_id", flat=True
        )
    )
    present = [a.person for a in item.meeting.attendance.select_related("person").order_by("person__name")]
    for person_id, conflicts in row.people.items():
        first = conflicts[0]
        person = Person.objects.get(pk=person_id)
        handling = conflict_services.proposed_handling(
            financial=any(c.financial for c in conflicts),
            default_for_financial=conflict_services.financial_default(item.meeting.committee.trust),
        )
        is_chair = person_id in chairs
        ruler = next((p for p in present if p.pk not in row.people), None) if is_chair else None
        conflict_services.conflict_record(
            actor=SYSTEM,
            item=item,
            person=person,
            handling=handling,
            interest=first.explanation,
            reason=reason_note
            if handling != Handling.NO_ACTION
            else "Not a financial interest in this case.",
            declaration=None,
            ruled_by=ruler,
            referred_to="Avonmere clinical reference group" if is_chair else "",
            referral_advice="The chair should take no part in the decision; they may answer questions "
            "on the service model."
            if is_chair
            else "",
            referred_on=day - dt.timedelta(days=7) if is_chair else None,
        )


def _declarations(people: dict[str, Person], orgs: dict[str, Organisation], today: dt.date) -> None:
    def declare(
        name: str,
        org: str | None,
        category: str,
        description: str,
        start: dt.date,
        end: dt.date | None = None,
        org_name: str = "",
    ) -> Any:
        return isv.declaration_create(
            actor=SYSTEM,
            person=people[name],
            category=category,
            organisation=orgs[org] if org else None,
            organisation_name=org_name,
            description=description,
            start_date=start,
            end_date=end,
        )

    y = today.year
    declare("Dr Anika Rahman", "Abbey Road Medical Centre", "financial", "GP partner", dt.date(2012, 4, 1))
    declare(
        "Dr Anika Rahman",
        "North and East Avonmere PBC Consortium",
        "non_financial_professional",
        "Clinical lead of the PBC consortium",
        dt.date(y - 3, 4, 1),
    )
    declare(
        "Dr Anika Rahman",
        "Clearpath Healthcare Ltd",
        "financial",
        "Shareholding in a private provider of minor surgery (GP as both commissioner and provider)",
        dt.date(y - 2, 6, 1),
    )
    declare("Dr Tom Hollis", "Fairfield Surgery", "financial", "GP partner", dt.date(2009, 10, 1))
    declare("Dr Grace Okonkwo", "Kingsway Surgery", "financial", "GP partner", dt.date(2015, 1, 1))
    declare(
        "Dr Grace Okonkwo",
        "Meridian Commissioning Support Ltd",
        "indirect",
        "Spouse is a director of the commissioning-support company",
        dt.date(y - 1, 9, 1),
    )
    declare("Dr Martin Bennett", "Riverside Surgery", "financial", "Salaried GP", dt.date(y - 2, 9, 1))
    declare(
        "Dr Martin Bennett",
        "Avonmere Hospitals NHS Foundation Trust",
        "non_financial_professional",
        "Honorary clinical adviser to the diabetes service",
        dt.date(y - 3, 1, 1),
        dt.date(y - 1, 3, 31),
    )
    declare(
        "Julie Fraser",
        "Avonmere Community Services",
        "financial",
        "Employed as community matron",
        dt.date(2016, 5, 1),
    )
    declare(
        "Carys Lewis",
        "Avonmere Community Services",
        "financial",
        "Manages the physiotherapy service",
        dt.date(2018, 2, 1),
    )
    withheld = declare(
        "Dr Folake Adeyemi",
        "Avonmere Council for Voluntary Service",
        "non_financial_personal",
        "Trustee of a domestic abuse refuge run by the council",
        dt.date(y - 4, 1, 1),
    )
    isv.declaration_withhold(
        actor=SYSTEM,
        declaration=withheld,
        withholding=Withholding.DETAILS,
        reason="Publishing the refuge's name could put residents at risk; agreed with the PEC chair.",
    )
    declare(
        "Gareth Pryce",
        None,
        "non_financial_professional",
        "Board member of a regional health innovation network",
        dt.date(y - 1, 1, 1),
        org_name="Southmoor Health Innovation Network",
    )
    declare(
        "Cllr Anne Tiverton",
        "Avonmere County Council",
        "indirect",
        "Elected councillor and director of adult social care",
        dt.date(y - 5, 5, 1),
    )
    isv.interest_return_make(actor=SYSTEM, person=people["Imran Shah"], kind=ReturnKind.NIL)
