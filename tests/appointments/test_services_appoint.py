"""Appointment services, appointment, offer and completion (APP-3, APP-5, ORG-4): the decision is
refused while the panel breaks the policy, a conflict is unhandled, scores are missing, the
candidate fails a heading or the posts are all offered; acceptance makes the candidate a member
of the committee, so the composition findings change; the round then completes."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.utils import timezone

from pecgov.appointments import services as aps
from pecgov.appointments.enums import ApplicationStatus, CampaignStatus
from pecgov.appointments.framework import competencies
from pecgov.appointments.models import Application, Offer
from pecgov.audit import chain
from pecgov.audit.models import AuditEvent
from pecgov.errors import DomainError, NotPermitted
from pecgov.policy.services import committee_findings, policy_override
from pecgov.trust.enums import MembershipRole
from pecgov.trust.models import Membership, Person
from tests.appointment_factories import (
    Round,
    apply,
    appoint_args,
    close,
    counts,
    interviewed_round,
    link_panel_users,
    make_round,
    score_all,
    score_as,
    shortlist,
    sift_all,
)
from tests.factories import SYSTEM, World, make_person, make_trust, make_user, seat

TODAY = timezone.localdate
ADDED = [c.key for c in competencies("added_value")]


def appoint(rnd: Round, index: int = 0, actor: Any = SYSTEM, **kw: Any) -> Offer:
    return aps.appoint(actor=actor, application=rnd.applications[index], **appoint_args(**kw))


def refused_with_nothing_saved(rnd: Round, words: str, index: int = 0, actor: Any = SYSTEM) -> None:
    before = counts(Application, Offer)
    with pytest.raises(DomainError, match=words):
        appoint(rnd, index, actor)
    assert counts(Application, Offer) == before
    rnd.applications[index].refresh_from_db()
    assert rnd.applications[index].status == ApplicationStatus.SHORTLISTED


def size_facts(world: World, on: dt.date) -> str:
    return next(f.facts for f in committee_findings(world.pec, on=on) if f.rule == "size")


def test_appoint_records_the_decision_and_makes_the_offer(world: World) -> None:
    """APP-3: the decision with reasons, by the panel's chair, and the offer with its terms."""
    rnd = interviewed_round(world)
    offer = appoint(rnd, actor=rnd.chair_user, reason="  Clear leader  ")
    application = Application.objects.get(pk=rnd.applications[0].pk)
    assert application.status == ApplicationStatus.OFFERED
    assert (application.decision_reason, application.decided_by) == ("Clear leader", rnd.chair_user)
    assert (offer.offered_on, offer.accepted, offer.time_commitment) == (TODAY(), None, "2 sessions a week")
    event = AuditEvent.objects.get(action="application.appoint")
    assert {ref["model"] for ref in event.history_refs} == {
        "appointments.HistoricalApplication",
        "appointments.HistoricalOffer",
    }


def test_appoint_by_the_lead(world: World) -> None:
    rnd = interviewed_round(world, 1)
    assert appoint(rnd, actor=world.users["governance_lead"]).pk is not None


@pytest.mark.parametrize("role", ["pct_chair", "member", "pec_chair", "applicant"])
def test_appoint_by_anyone_but_the_panels_chair_or_lead_refused(world: World, role: str) -> None:
    rnd = interviewed_round(world, 1)
    with pytest.raises(NotPermitted):
        appoint(rnd, actor=world.users[role])
    assert Offer.objects.count() == 0


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"reason": " "}, "reason"),
        ({"start_date": None}, "start_date"),
        ({"tenure_terms": ""}, "tenure_terms"),
    ],
)
def test_appoint_needs_reasons_and_terms(world: World, change: dict[str, Any], field: str) -> None:
    rnd = interviewed_round(world, 1)
    with pytest.raises(DomainError) as error:
        appoint(rnd, **change)
    assert list(error.value.errors) == [field]
    assert Offer.objects.count() == 0


def test_appoint_refused_while_the_panel_fails_the_policy(world: World) -> None:
    """APP-4: a panel that breaks the pack (here, a local minimum of 4) cannot appoint."""
    rnd = interviewed_round(world, 1)
    policy_override(actor=SYSTEM, trust=world.trust, key="panel.min_size", value=4, reason="Our rule")
    refused_with_nothing_saved(rnd, "The panel does not meet the policy: 3 panel members")


def test_appoint_refused_while_a_conflict_is_unhandled(world: World) -> None:
    rnd = interviewed_round(world, 1)
    aps.conflict_declare(
        actor=SYSTEM, seat=rnd.seats[1], application=rnd.applications[0], description="Cousin"
    )
    refused_with_nothing_saved(rnd, "conflict with .* has not been handled")


def test_appoint_refused_while_scores_are_missing(world: World) -> None:
    rnd = make_round(world, 1)
    shortlist(rnd)
    for panel_seat in rnd.seats[:2]:
        score_as(panel_seat, rnd.applications[0])
    refused_with_nothing_saved(rnd, "Not every panel member has scored")


def test_appoint_refused_for_a_candidate_below_the_pass_mark_naming_the_heading(world: World) -> None:
    """APP-5: a candidate who shows neither skills nor potential under added value is not appointed."""
    rnd = make_round(world, 1)
    shortlist(rnd)
    score_all(rnd, 5, overrides={(rnd.applications[0].pk, key): 2 for key in ADDED})
    before = counts(Application, Offer)
    with pytest.raises(DomainError) as error:
        appoint(rnd)
    assert error.value.messages == [
        f"{rnd.applications[0].name} did not show skills or development potential under Added value "
        "competencies: the guidance requires both headings (DH Annex B)."
    ]
    assert counts(Application, Offer) == before


def test_appoint_refused_beyond_the_vacancies(world: World) -> None:
    rnd = interviewed_round(world, 3)  # two vacancies
    appoint(rnd, 0)
    appoint(rnd, 1)
    refused_with_nothing_saved(rnd, "All 2 post", index=2)


def test_declined_offer_frees_the_vacancy(world: World) -> None:
    rnd = interviewed_round(world, 3)
    first = appoint(rnd, 0)
    appoint(rnd, 1)
    aps.offer_respond(actor=rnd.applications[0].applicant, offer=first, accept=False)
    assert appoint(rnd, 2).pk is not None


def test_appoint_refused_before_the_shortlist_and_twice(world: World) -> None:
    rnd = make_round(world, 1)
    with pytest.raises(DomainError, match="after interview"):
        appoint(rnd)
    shortlist(rnd)
    score_all(rnd)
    appoint(rnd)
    with pytest.raises(DomainError, match="cannot be appointed: they are offered the post"):
        appoint(rnd)


# Offer and acceptance (APP-3, ORG-4) --------------------------------------------------------------


def test_acceptance_makes_the_candidate_a_member_and_the_composition_changes(world: World) -> None:
    """ORG-4, POL-1: the new member is on the PEC from the start date; the size finding counts them."""
    rnd = interviewed_round(world, 1)
    offer = appoint(rnd)
    start = offer.start_date
    assert size_facts(world, start).startswith("6 members")
    applicant = rnd.applications[0].applicant
    aps.offer_respond(actor=applicant, offer=offer, accept=True)
    person = Person.objects.get(user=applicant)
    membership = Membership.objects.get(person=person)
    assert (person.trust, person.name, person.profession) == (world.trust, rnd.applications[0].name, "gp")
    assert (membership.committee, membership.role, membership.start_date) == (
        world.pec,
        MembershipRole.CLINICAL,
        start,
    )
    assert size_facts(world, start).startswith("7 members")
    offer.refresh_from_db()
    assert (offer.accepted, offer.responded_on, offer.membership) == (True, TODAY(), membership)
    application = Application.objects.get(pk=rnd.applications[0].pk)
    assert (application.status, application.person) == (ApplicationStatus.ACCEPTED, person)
    assert AuditEvent.objects.filter(action="offer.accept").count() == 1
    assert chain.verify().ok


def test_acceptance_uses_the_applicants_existing_person_record(world: World) -> None:
    rnd = make_round(world, 0, closed=False)
    user = world.users["practice_lead"]
    rnd.applications = [
        apply(rnd.campaign, user=user, profession="manager", practising=False, has_caseload=False)
    ]
    close(rnd.campaign)
    shortlist(rnd)
    score_all(rnd)
    people = Person.objects.count()
    aps.offer_respond(actor=user, offer=appoint(rnd), accept=True)
    assert Person.objects.count() == people
    assert Membership.objects.get(committee=world.pec, person__user=user).role == MembershipRole.CLINICAL


def test_acceptance_by_someone_with_a_person_record_in_another_trust(world: World) -> None:
    """A user is a person in one trust only: the new record is made without the account link."""
    elsewhere = make_trust(name="Far PCT", code="FAR")
    rnd = make_round(world, 0, closed=False)
    user = elsewhere.users["member"]
    rnd.applications = [apply(rnd.campaign, user=user)]
    close(rnd.campaign)
    link_panel_users(rnd)
    shortlist(rnd)
    score_all(rnd)
    aps.offer_respond(actor=user, offer=appoint(rnd), accept=True)
    person = Membership.objects.get(committee=world.pec, person__name=rnd.applications[0].name).person
    assert (person.trust, person.user) == (world.trust, None)
    assert chain.verify().ok


def test_decline_creates_nothing(world: World) -> None:
    rnd = interviewed_round(world, 1)
    offer = appoint(rnd)
    before = (Person.objects.count(), Membership.objects.count())
    aps.offer_respond(actor=rnd.applications[0].applicant, offer=offer, accept=False)
    assert (Person.objects.count(), Membership.objects.count()) == before
    offer.refresh_from_db()
    assert (offer.accepted, offer.membership) == (False, None)
    assert Application.objects.get(pk=rnd.applications[0].pk).status == ApplicationStatus.DECLINED
    assert AuditEvent.objects.filter(action="offer.decline").count() == 1


@pytest.mark.parametrize("first", [True, False])
def test_answering_an_offer_twice_refused(world: World, first: bool) -> None:
    rnd = interviewed_round(world, 1)
    offer = appoint(rnd)
    applicant = rnd.applications[0].applicant
    aps.offer_respond(actor=applicant, offer=offer, accept=first)
    before = counts(Offer, Membership, Person)
    with pytest.raises(DomainError, match="already been answered"):
        aps.offer_respond(actor=applicant, offer=offer, accept=not first)
    assert counts(Offer, Membership, Person) == before


@pytest.mark.parametrize("role", ["chief_executive", "member", "applicant"])
def test_offer_answered_only_by_the_applicant_or_the_lead(world: World, role: str) -> None:
    rnd = interviewed_round(world, 1)
    offer = appoint(rnd)
    with pytest.raises(NotPermitted):
        aps.offer_respond(actor=world.users[role], offer=offer, accept=True)
    aps.offer_respond(actor=world.users["governance_lead"], offer=offer, accept=False)


def test_acceptance_refused_when_the_person_already_sits_on_the_committee(world: World) -> None:
    """ORG-4: a member reappointed to the same committee keeps their seat; nothing is saved."""
    person = make_person(world.trust, name="Dr Sitting Member", user=make_user())
    seat(person, world.pec)
    user = person.user
    rnd = make_round(world, 0, closed=False)
    rnd.applications = [apply(rnd.campaign, user=user)]
    close(rnd.campaign)
    shortlist(rnd)
    score_all(rnd)
    offer = appoint(rnd)
    before = counts(Offer, Membership, Person)
    with pytest.raises(DomainError, match="already a member"):
        aps.offer_respond(actor=user, offer=offer, accept=True)
    assert counts(Offer, Membership, Person) == before
    offer.refresh_from_db()
    assert offer.accepted is None


# Completing the round (APP-3) ---------------------------------------------------------------------


def test_campaign_complete_refused_while_an_offer_awaits_an_answer(world: World) -> None:
    rnd = interviewed_round(world, 2)
    appoint(rnd)
    with pytest.raises(DomainError, match="waiting for an answer"):
        aps.campaign_complete(actor=SYSTEM, campaign=rnd.campaign)
    assert rnd.campaign.status == CampaignStatus.SHORTLISTED


def test_campaign_complete_marks_the_rest_not_appointed(world: World) -> None:
    rnd = interviewed_round(world, 3)
    aps.offer_respond(actor=rnd.applications[0].applicant, offer=appoint(rnd), accept=True)
    aps.campaign_complete(actor=world.users["governance_lead"], campaign=rnd.campaign, note="Filled one post")
    statuses = [Application.objects.get(pk=a.pk).status for a in rnd.applications]
    assert statuses == [
        ApplicationStatus.ACCEPTED,
        ApplicationStatus.NOT_APPOINTED,
        ApplicationStatus.NOT_APPOINTED,
    ]
    assert rnd.campaign.status == CampaignStatus.COMPLETE
    assert rnd.campaign.shortlist_note == "Filled one post"
    with pytest.raises(DomainError, match="already complete"):
        aps.campaign_complete(actor=SYSTEM, campaign=rnd.campaign)


def test_campaign_complete_refused_for_the_panels_chair(world: World) -> None:
    rnd = interviewed_round(world, 1)
    with pytest.raises(NotPermitted):
        aps.campaign_complete(actor=rnd.chair_user, campaign=rnd.campaign)


def test_full_round_leaves_a_verifiable_audit_trail(world: World) -> None:
    """X-2: after a whole round (plan, post, campaign, panel, applications, sift, shortlist,
    scores, reads, appointment, acceptance, completion) the hash chain verifies."""
    aps.plan_create(actor=SYSTEM, trust=world.trust, title="Plan", target_date=dt.date(2007, 10, 1))
    rnd = make_round(world, 2)
    link_panel_users(rnd)
    sift_all(rnd)
    shortlist(rnd)
    score_all(rnd)
    aps.score_sheet_read(
        actor=world.users["governance_lead"], application=rnd.applications[0], scorer=rnd.seats[0].person
    )
    offer = appoint(rnd)
    aps.offer_respond(actor=rnd.applications[0].applicant, offer=offer, accept=True)
    aps.campaign_complete(actor=SYSTEM, campaign=rnd.campaign)
    result = chain.verify()
    assert result.ok, result.problem
    actions = set(AuditEvent.objects.values_list("action", flat=True))
    assert {
        "appointment_plan.create",
        "campaign.advertise",
        "panel.add",
        "application.submit",
        "sift.score",
        "campaign.shortlist",
        "interview.score",
        "score_sheet.read",
        "application.appoint",
        "offer.accept",
        "campaign.complete",
    } <= actions
