"""PBC group services refuse broken rules with a field-keyed message, save nothing when they do,
check who acts, and leave history and an audit event when they succeed (ORG-6, PBC-6, X-2, X-4)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.utils import timezone

from pecgov.audit.models import AuditEvent
from pecgov.commissioning.enums import LinkModel, Maturity, SupportIntensity
from pecgov.commissioning.models import MaturityAssessment, PbcLink, Support
from pecgov.commissioning.pbc import services as ps
from pecgov.errors import NotPermitted
from pecgov.trust import services as ts
from pecgov.trust.enums import MembershipRole, OrganisationKind, Profession
from pecgov.trust.models import Organisation
from tests.factories import START, SYSTEM, World, make_person, seat
from tests.pbc.helpers import leads_committee, make_group, refused, snapshot

TODAY = timezone.localdate()
DAY = dt.timedelta(days=1)


def maturity(group: Organisation, actor: Any = SYSTEM, **kw: Any) -> MaturityAssessment:
    args = {"level": Maturity.DEVELOPING, "assessed_on": START, "note": "Annual review"} | kw
    return ps.maturity_record(actor=actor, group=group, **args)


def support(group: Organisation, actor: Any = SYSTEM, **kw: Any) -> Support:
    args = {
        "description": "Monthly help with budget reports",
        "intensity": SupportIntensity.REGULAR,
        "provided_by": "PCT finance team",
        "start_date": START,
    } | kw
    return ps.support_add(actor=actor, group=group, **args)


def pec_link(world: World, group: Organisation, actor: Any = SYSTEM, **kw: Any) -> PbcLink:
    args = {
        "model": LinkModel.GROUP_MEETS_PEC,
        "arrangements": "Formally each quarter, informally each month",
        "start_date": START,
    } | kw
    return ps.link_create(actor=actor, trust=world.trust, group=group, **args)


def events(action: str) -> list[AuditEvent]:
    return list(AuditEvent.objects.filter(action=action).order_by("id"))


# Maturity (PBC-6) ---------------------------------------------------------------------------


def test_maturity_record_saves_with_history_and_audit_event(world: World) -> None:
    group = make_group(world, "North PBC Group")
    lead = world.users["governance_lead"]
    before = snapshot()
    made = maturity(group, actor=lead, level=Maturity.ESTABLISHED, note="  Leads redesign  ")
    assert (made.level, made.assessed_on, made.note) == (Maturity.ESTABLISHED, START, "Leads redesign")
    assert made.history.count() == 1  # type: ignore[attr-defined]
    assert made.history.first().history_user == lead  # type: ignore[attr-defined, union-attr]
    [event] = events("pbc.maturity_record")
    assert event.trust_id == world.trust.pk
    assert event.actor == lead
    assert "North PBC Group" in event.summary
    assert snapshot()["AuditEvent"] == before["AuditEvent"] + 1


@pytest.mark.parametrize(
    ("changes", "field", "words"),
    [
        ({"level": "5_perfect"}, "level", "Select the group's maturity level"),
        ({"level": ""}, "level", "Select the group's maturity level"),
        ({"assessed_on": None}, "assessed_on", "Enter the date of the assessment"),
        ({"assessed_on": TODAY + DAY}, "assessed_on", "today or in the past"),
    ],
)
def test_maturity_record_refuses_bad_input(
    world: World, changes: dict[str, Any], field: str, words: str
) -> None:
    group = make_group(world)
    error = refused(lambda: maturity(group, **changes))
    assert list(error.errors) == [field]
    assert words in error.errors[field][0]


def test_maturity_record_accepts_today(world: World) -> None:
    assert maturity(make_group(world), assessed_on=TODAY).assessed_on == TODAY


def test_maturity_record_refuses_an_organisation_that_is_not_a_pbc_group(world: World) -> None:
    error = refused(lambda: maturity(world.practice))
    assert error.errors == {"group": ["Select a PBC group or consortium in this trust"]}


@pytest.mark.parametrize("role", ["member", "pec_chair", "practice_lead", "chief_executive"])
def test_maturity_record_is_for_the_governance_lead_only(world: World, role: str) -> None:
    group = make_group(world)
    before = snapshot()
    with pytest.raises(NotPermitted):
        maturity(group, actor=world.users[role])
    assert snapshot() == before


def test_maturity_record_refuses_another_trusts_lead(world: World, other_world: World) -> None:
    group = make_group(world)
    with pytest.raises(NotPermitted):
        maturity(group, actor=other_world.users["governance_lead"])
    assert MaturityAssessment.objects.count() == 0


# Support (PBC-6) ---------------------------------------------------------------------------


def test_support_add_saves_with_audit_event(world: World) -> None:
    group = make_group(world, "South PBC Group")
    made = support(group, actor=world.users["governance_lead"], description="  Weekly coaching  ")
    assert (made.description, made.intensity, made.end_date) == ("Weekly coaching", "regular", None)
    assert made.history.count() == 1  # type: ignore[attr-defined]
    [event] = events("pbc.support_add")
    assert "South PBC Group" in event.summary and event.trust_id == world.trust.pk


@pytest.mark.parametrize(
    ("changes", "field", "words"),
    [
        ({"description": "   "}, "description", "Describe the support"),
        ({"intensity": "daily"}, "intensity", "Select how intensive the support is"),
        ({"start_date": None}, "start_date", "Enter the date the support starts"),
    ],
)
def test_support_add_refuses_bad_input(world: World, changes: dict[str, Any], field: str, words: str) -> None:
    group = make_group(world)
    error = refused(lambda: support(group, **changes))
    assert list(error.errors) == [field]
    assert words in error.errors[field][0]


def test_support_add_names_every_missing_answer_at_once(world: World) -> None:
    group = make_group(world)
    error = refused(lambda: support(group, description="", intensity="", start_date=None))
    assert sorted(error.errors) == ["description", "intensity", "start_date"]


def test_support_add_refuses_a_practice(world: World) -> None:
    error = refused(lambda: support(world.practice))
    assert list(error.errors) == ["group"]


def test_support_add_refuses_a_member(world: World) -> None:
    with pytest.raises(NotPermitted):
        support(make_group(world), actor=world.users["member"])
    assert Support.objects.count() == 0


def test_support_end_saves_end_date_with_audit_event(world: World) -> None:
    made = support(make_group(world))
    ended = ps.support_end(actor=world.users["governance_lead"], support=made, end_date=START + 30 * DAY)
    made.refresh_from_db()
    assert made.end_date == ended.end_date == START + 30 * DAY
    assert made.history.count() == 2  # type: ignore[attr-defined]
    assert len(events("pbc.support_end")) == 1


def test_support_end_refuses_an_end_before_the_start(world: World) -> None:
    made = support(make_group(world))
    error = refused(lambda: ps.support_end(actor=SYSTEM, support=made, end_date=START - DAY))
    assert error.errors == {
        "end_date": ["The end date must be the same as or after the start date (1 April 2020)"]
    }
    made.refresh_from_db()
    assert made.end_date is None


def test_support_end_refuses_a_missing_date(world: World) -> None:
    made = support(make_group(world))
    error = refused(lambda: ps.support_end(actor=SYSTEM, support=made, end_date=None))
    assert error.errors == {"end_date": ["Enter the date the support ends"]}


def test_support_end_refuses_support_already_ended(world: World) -> None:
    made = support(make_group(world))
    ps.support_end(actor=SYSTEM, support=made, end_date=START + DAY)
    error = refused(lambda: ps.support_end(actor=SYSTEM, support=made, end_date=START + 2 * DAY))
    assert error.errors == {"__all__": ["This support has already ended, on 2 April 2020"]}


def test_support_end_allows_ending_on_the_start_date(world: World) -> None:
    made = support(make_group(world))
    assert ps.support_end(actor=SYSTEM, support=made, end_date=START).end_date == START


def test_support_end_refuses_a_member(world: World) -> None:
    made = support(make_group(world))
    with pytest.raises(NotPermitted):
        ps.support_end(actor=world.users["member"], support=made, end_date=TODAY)


# Links to the PEC (ORG-6) -----------------------------------------------------------------


def test_group_meets_pec_link_saves_with_audit_event(world: World) -> None:
    group = make_group(world, "East PBC Group")
    made = pec_link(world, group, actor=world.users["governance_lead"])
    assert (made.model, made.person, made.committee) == (LinkModel.GROUP_MEETS_PEC, None, None)
    assert made.arrangements == "Formally each quarter, informally each month"
    assert made.history.count() == 1  # type: ignore[attr-defined]
    [event] = events("pbc.link_create")
    assert "East PBC Group" in event.summary and "Commissioning group meets the PEC" in event.summary


def test_group_meets_pec_needs_the_arrangements(world: World) -> None:
    group = make_group(world)
    error = refused(lambda: pec_link(world, group, arrangements="  "))
    assert list(error.errors) == ["arrangements"]
    assert "how and how often the group meets the PEC" in error.errors["arrangements"][0]


def test_lead_on_pec_needs_a_person(world: World) -> None:
    group = make_group(world)
    error = refused(lambda: pec_link(world, group, model=LinkModel.LEAD_ON_PEC))
    assert error.errors == {"person": ["Select the lead PBC commissioner"]}


def test_lead_on_pec_refuses_someone_not_on_the_pec_on_the_start_date(world: World) -> None:
    group = make_group(world)
    lead = make_person(world.trust, Profession.GP, name="Dr Ann Lead")
    error = refused(lambda: pec_link(world, group, model=LinkModel.LEAD_ON_PEC, person=lead))
    assert error.errors == {
        "person": [
            "Dr Ann Lead is not a member of the PEC (or co-opted) on that date: add the membership first"
        ]
    }


def test_lead_on_pec_refuses_a_seat_that_starts_after_the_link(world: World) -> None:
    group = make_group(world)
    lead = make_person(world.trust, Profession.GP, name="Dr Late Joiner")
    seat(lead, world.pec, MembershipRole.CLINICAL, start=START + 10 * DAY)
    error = refused(
        lambda: pec_link(world, group, model=LinkModel.LEAD_ON_PEC, person=lead, start_date=START)
    )
    assert list(error.errors) == ["person"]
    made = pec_link(world, group, model=LinkModel.LEAD_ON_PEC, person=lead, start_date=START + 10 * DAY)
    assert made.person == lead


def test_lead_on_pec_accepts_a_co_opted_member(world: World) -> None:
    group = make_group(world)
    lead = make_person(world.trust, Profession.GP, name="Dr Co Opted")
    seat(
        lead,
        world.pec,
        MembershipRole.CO_OPTED,
        start=START,
        end_date=START + 365 * DAY,
        co_opted_scope="PBC lead commissioner",
    )
    made = pec_link(world, group, model=LinkModel.LEAD_ON_PEC, person=lead, start_date=START + 5 * DAY)
    assert (made.model, made.person) == (LinkModel.LEAD_ON_PEC, lead)


def test_lead_on_pec_refuses_a_seat_on_another_committee(world: World) -> None:
    group = make_group(world)
    lead = make_person(world.trust, Profession.GP, name="Dr Board Only")
    seat(lead, world.board, MembershipRole.NON_EXECUTIVE)
    error = refused(lambda: pec_link(world, group, model=LinkModel.LEAD_ON_PEC, person=lead))
    assert "is not a member of the PEC" in error.errors["person"][0]


def test_pec_member_linked_accepts_a_current_member(world: World) -> None:
    group = make_group(world)
    member = world.people["member"]
    made = pec_link(world, group, model=LinkModel.PEC_MEMBER_LINKED, person=member, arrangements="")
    assert made.person == member


def test_pec_member_linked_refuses_a_former_member(world: World) -> None:
    group = make_group(world)
    former = make_person(world.trust, Profession.NURSE, name="Former Member")
    membership = seat(former, world.pec, MembershipRole.CLINICAL)
    ts.membership_end(actor=SYSTEM, membership=membership, end_date=START + DAY, end_reason="stood_down")
    error = refused(lambda: pec_link(world, group, model=LinkModel.PEC_MEMBER_LINKED, person=former))
    assert error.errors == {
        "person": [
            "Former Member is not a current member of the PEC: select a current member, or add the membership first"
        ]
    }


def test_pec_member_linked_needs_a_person(world: World) -> None:
    group = make_group(world)
    error = refused(lambda: pec_link(world, group, model=LinkModel.PEC_MEMBER_LINKED))
    assert error.errors == {"person": ["Select the PEC member linked to the group"]}


def test_leads_committee_accepts_a_committee_of_pbc_leads(world: World) -> None:
    group = make_group(world)
    leads = leads_committee(world)
    made = pec_link(world, group, model=LinkModel.LEADS_COMMITTEE, committee=leads)
    assert made.committee == leads


def test_leads_committee_needs_a_committee(world: World) -> None:
    group = make_group(world)
    error = refused(lambda: pec_link(world, group, model=LinkModel.LEADS_COMMITTEE))
    assert error.errors == {"committee": ["Select the committee of PBC lead commissioners"]}


def test_leads_committee_refuses_a_committee_of_another_kind(world: World) -> None:
    group = make_group(world)
    error = refused(lambda: pec_link(world, group, model=LinkModel.LEADS_COMMITTEE, committee=world.pec))
    assert list(error.errors) == ["committee"]
    assert "is not a committee of PBC lead commissioners" in error.errors["committee"][0]


def test_leads_committee_refuses_another_trusts_committee(world: World, other_world: World) -> None:
    group = make_group(world)
    theirs = leads_committee(other_world)
    error = refused(lambda: pec_link(world, group, model=LinkModel.LEADS_COMMITTEE, committee=theirs))
    assert error.errors == {"committee": ["Select a committee in this trust"]}


def test_link_refuses_a_person_for_a_model_without_one(world: World) -> None:
    group = make_group(world)
    error = refused(lambda: pec_link(world, group, person=world.people["member"]))
    assert list(error.errors) == ["person"]


def test_link_refuses_a_committee_for_a_person_model(world: World) -> None:
    group = make_group(world)
    leads = leads_committee(world)
    error = refused(
        lambda: pec_link(
            world, group, model=LinkModel.PEC_MEMBER_LINKED, person=world.people["member"], committee=leads
        )
    )
    assert list(error.errors) == ["committee"]


@pytest.mark.parametrize(
    ("changes", "field", "words"),
    [
        ({"model": "smoke_signals"}, "model", "Select how the group links to the PEC"),
        ({"start_date": None}, "start_date", "Enter the date the link starts"),
    ],
)
def test_link_refuses_bad_input(world: World, changes: dict[str, Any], field: str, words: str) -> None:
    group = make_group(world)
    error = refused(lambda: pec_link(world, group, **changes))
    assert error.errors == {field: [words]}


def test_link_refuses_a_practice_as_the_group(world: World) -> None:
    error = refused(lambda: pec_link(world, world.practice))
    assert error.errors == {"group": ["Select a PBC group or consortium in this trust"]}


def test_link_refuses_another_trusts_group(world: World, other_world: World) -> None:
    theirs = make_group(other_world)
    error = refused(lambda: pec_link(world, theirs))
    assert list(error.errors) == ["group"]


def test_link_refuses_a_duplicate_open_link(world: World) -> None:
    group = make_group(world, "West PBC Group")
    pec_link(world, group)
    error = refused(lambda: pec_link(world, group, start_date=START + 100 * DAY))
    assert error.errors == {
        "model": ["West PBC Group already has this link to the PEC, from 1 April 2020: end that link first"]
    }


def test_link_refuses_a_duplicate_with_the_same_person(world: World) -> None:
    group = make_group(world)
    member = world.people["member"]
    pec_link(world, group, model=LinkModel.PEC_MEMBER_LINKED, person=member)
    error = refused(lambda: pec_link(world, group, model=LinkModel.PEC_MEMBER_LINKED, person=member))
    assert list(error.errors) == ["person"]
    assert "already has this link to the PEC with" in error.errors["person"][0]


def test_link_allows_the_same_model_with_another_person_or_after_the_first_ended(world: World) -> None:
    group = make_group(world)
    pec_link(world, group, model=LinkModel.PEC_MEMBER_LINKED, person=world.people["member"])
    pec_link(world, group, model=LinkModel.PEC_MEMBER_LINKED, person=world.people["pec_chair"])
    first = pec_link(world, make_group(world), start_date=START)
    ps.link_end(actor=SYSTEM, link=first, end_date=START + DAY)
    again = pec_link(world, first.group, start_date=START + 2 * DAY)
    assert PbcLink.objects.filter(group=first.group).count() == 2
    assert again.end_date is None


def test_link_create_refuses_a_member_and_another_trusts_lead(world: World, other_world: World) -> None:
    group = make_group(world)
    for actor in [world.users["member"], other_world.users["governance_lead"]]:
        with pytest.raises(NotPermitted):
            pec_link(world, group, actor=actor)
    assert PbcLink.objects.count() == 0


def test_link_end_saves_with_audit_event(world: World) -> None:
    made = pec_link(world, make_group(world))
    ps.link_end(actor=world.users["governance_lead"], link=made, end_date=TODAY)
    made.refresh_from_db()
    assert made.end_date == TODAY
    assert made.history.count() == 2  # type: ignore[attr-defined]
    assert len(events("pbc.link_end")) == 1


@pytest.mark.parametrize(
    ("end_date", "expected"),
    [
        (None, {"end_date": ["Enter the date the link ends"]}),
        (
            START - DAY,
            {"end_date": ["The end date must be the same as or after the start date (1 April 2020)"]},
        ),
    ],
)
def test_link_end_refuses_bad_dates(
    world: World, end_date: dt.date | None, expected: dict[str, list[str]]
) -> None:
    made = pec_link(world, make_group(world))
    error = refused(lambda: ps.link_end(actor=SYSTEM, link=made, end_date=end_date))
    assert error.errors == expected


def test_link_end_refuses_a_link_already_ended(world: World) -> None:
    made = pec_link(world, make_group(world))
    ps.link_end(actor=SYSTEM, link=made, end_date=START + DAY)
    error = refused(lambda: ps.link_end(actor=SYSTEM, link=made, end_date=TODAY))
    assert error.errors == {"__all__": ["This link has already ended, on 2 April 2020"]}


def test_link_end_refuses_a_member(world: World) -> None:
    made = pec_link(world, make_group(world))
    with pytest.raises(NotPermitted):
        ps.link_end(actor=world.users["member"], link=made, end_date=TODAY)


def test_pec_member_on_counts_any_role_on_the_pec_only(world: World) -> None:
    person = make_person(world.trust, Profession.AHP)
    assert not ps.pec_member_on(person, world.trust.pk, TODAY)
    seat(person, world.board, MembershipRole.NON_EXECUTIVE)
    assert not ps.pec_member_on(person, world.trust.pk, TODAY)
    seat(person, world.pec, MembershipRole.MANAGEMENT, start=TODAY)
    assert ps.pec_member_on(person, world.trust.pk, TODAY)
    assert not ps.pec_member_on(person, world.trust.pk, TODAY - DAY)


def test_maturity_record_refuses_a_group_changed_to_a_practice(world: World) -> None:
    group = make_group(world)
    ts.organisation_update(actor=SYSTEM, organisation=group, kind=OrganisationKind.PRACTICE)
    error = refused(lambda: maturity(group))
    assert list(error.errors) == ["group"]
