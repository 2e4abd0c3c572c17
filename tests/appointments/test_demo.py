"""The demo trust's appointments (demo data; APP-1 to APP-7): a plan, a closed round for
two GP posts with applicants at every stage, an open nurse post whose panel breaks DH's size rule,
and a PEC chair round under the Alliance model waiting for the PCT chair.

The demo loads once per module inside a transaction that is rolled back at the end; each test
runs in its own savepoint, so a test that acts (the PCT chair appoints) leaves the rest alone.
"""

from __future__ import annotations

import datetime as dt
import io
from collections import Counter
from collections.abc import Iterator
from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db import transaction
from django.test import override_settings
from django.utils import timezone

from pecgov.appointments import queries
from pecgov.appointments import services as aps
from pecgov.appointments.enums import ApplicationStatus, CampaignStatus, PostKind, StepKey
from pecgov.appointments.models import (
    Application,
    AppointmentPlan,
    Campaign,
    ChairRecommendation,
    InterviewScore,
    Offer,
    PanelSeat,
    Post,
    SiftScore,
)
from pecgov.audit.chain import verify
from pecgov.demo.appointments import CHAIR_MODEL_REASON
from pecgov.policy.engine import Status
from pecgov.policy.models import PolicyOverride
from pecgov.policy.services import committee_findings, effective_policy
from pecgov.trust.enums import CommitteeKind, MembershipRole
from pecgov.trust.models import Committee, Membership, Person


@pytest.fixture(scope="module")
def demo(django_db_setup: Any, django_db_blocker: Any, tmp_path_factory: Any) -> Iterator[None]:
    with (
        django_db_blocker.unblock(),
        override_settings(MEDIA_ROOT=tmp_path_factory.mktemp("demo-media")),
        transaction.atomic(),
    ):
        call_command("load_demo", stdout=io.StringIO())
        yield
        transaction.set_rollback(True)


@pytest.fixture
def loaded(demo: None, db: Any) -> None:
    """The demo, with this test's changes rolled back after it."""


pytestmark = pytest.mark.usefixtures("loaded")


def campaign(title: str) -> Campaign:
    return Campaign.objects.select_related("post", "post__committee", "trust").get(post__title=title)


def user(username: str) -> Any:
    return get_user_model().objects.get(username=username)


def named(campaign: Campaign) -> dict[str, Application]:
    return {a.name: a for a in campaign.applications.all()}


def test_plan_has_dh_annex_c_steps_with_owners_dates_and_one_overdue() -> None:
    """APP-1, EFF-1: the nine steps in order; five done, the interviews in progress, the offers late."""
    today = timezone.localdate()
    plan = AppointmentPlan.objects.get()
    assert plan.title == f"Appointing the PEC for {plan.target_date.year}"
    assert 60 <= (plan.target_date - today).days <= 160
    steps = list(plan.steps.order_by("position"))
    assert [s.key for s in steps] == [k for k, _ in StepKey.choices]
    assert all(s.owner_id and s.due_date for s in steps)
    assert [s.key for s in steps if s.done_on] == [
        StepKey.ROLES,
        StepKey.COMPETENCIES,
        StepKey.PANEL,
        StepKey.ADVERTISE,
        StepKey.SIFT,
    ]
    overdue = [s.key for s in steps if not s.done_on and s.due_date and s.due_date < today]
    assert overdue == [StepKey.OFFER]
    interview = next(s for s in steps if s.key == StepKey.INTERVIEW)
    assert interview.done_on is None and interview.due_date and interview.due_date > today
    assert set(plan.campaigns.values_list("post__title", flat=True)) == {
        "Clinical member (GP)",
        "Nurse member",
        "PEC chair",
    }


def test_gp_round_has_six_applicants_at_every_stage() -> None:
    """APP-3, APP-7: two posts, closed; withdrawn, not shortlisted (with the reason), accepted,
    offered to the `applicant` sign-in, and two still shortlisted. Each applicant has their own
    account; only the demo sign-in has a password."""
    gp = campaign("Clinical member (GP)")
    assert gp.vacancies == 2
    assert gp.status == CampaignStatus.SHORTLISTED
    assert gp.closes_on < timezone.localdate()
    assert not aps.accepting_applications(gp)
    apps = named(gp)
    assert Counter(a.status for a in apps.values()) == Counter(
        {
            ApplicationStatus.WITHDRAWN: 1,
            ApplicationStatus.NOT_SHORTLISTED: 1,
            ApplicationStatus.ACCEPTED: 1,
            ApplicationStatus.OFFERED: 1,
            ApplicationStatus.SHORTLISTED: 2,
        }
    )
    assert "criterion 2" in apps["Dr Simon Tate"].shortlist_reason
    assert len({a.applicant_id for a in apps.values()}) == 6
    for application in apps.values():
        assert application.applicant.has_usable_password() == (application.applicant.username == "applicant")

    offered = apps["Dr Alex Morgan"]
    assert offered.status == ApplicationStatus.OFFERED
    assert offered.applicant.username == "applicant"
    assert Offer.objects.get(application=offered).accepted is None
    assert list(queries.applications_of(user("applicant"))) == [offered]

    accepted = apps["Dr Hannah Mercer"]
    offer = Offer.objects.get(application=accepted)
    plan = AppointmentPlan.objects.get()
    assert offer.accepted is True and offer.start_date == plan.target_date
    assert offer.membership is not None
    assert offer.membership.committee.kind == CommitteeKind.PEC
    assert offer.membership.role == MembershipRole.CLINICAL
    assert accepted.person is not None and accepted.person.user_id == accepted.applicant_id


def test_gp_round_scores_are_complete_and_one_candidate_fails_added_value() -> None:
    """APP-5: every panel member scored every interviewed candidate on every competency (bar the
    one who stepped aside); Dr Neil Garside's added value mean is under 3, so he is not
    appointable; the others rank Mercer, Morgan, Blake; at least one wide disagreement."""
    gp = campaign("Clinical member (GP)")
    names = {str(a.pk): a.name for a in gp.applications.all()}
    results = aps.results(gp)
    assert [names[r.candidate] for r in results] == [
        "Dr Hannah Mercer",
        "Dr Alex Morgan",
        "Dr Fiona Blake",
        "Dr Neil Garside",
    ]
    assert all(r.complete for r in results)
    assert [r.rank for r in results] == [1, 2, 3, None]
    by_name = {names[r.candidate]: r for r in results}
    garside = by_name["Dr Neil Garside"]
    assert garside.fails_heading == ("added_value",)
    assert not garside.appointable
    mean = garside.heading_means["added_value"]
    assert mean is not None and mean < 3
    assert all(r.appointable for name, r in by_name.items() if name != "Dr Neil Garside")
    assert any(d.spread >= 2 for r in results for d in r.disagreements)
    competencies = len(gp.post.competency_keys)
    assert InterviewScore.objects.filter(application__campaign=gp).count() == competencies * (4 * 3 - 1)
    # The sift: side-by-side scores from every panel member on each application they may assess.
    criteria = len(gp.post.criteria)
    assert SiftScore.objects.filter(application__campaign=gp).count() == criteria * (5 * 3 - 1)


def test_gp_round_panel_passes_dh_and_shows_a_handled_conflict() -> None:
    """APP-4, COI-3: chief executive (chairing), PCT chair and a former PEC member meet every DH
    rule; the former member's interest in the Riverside group touches Dr Fiona Blake's practice,
    he takes no part in assessing her, and so has no scores for her."""
    gp = campaign("Clinical member (GP)")
    findings = aps.panel_findings(gp)
    assert findings and all(f.status == Status.PASS for f in findings)
    seats = list(gp.seats.select_related("person"))
    assert {(s.person.name, s.is_chair) for s in seats} == {
        ("David Okafor", True),
        ("Margaret Ellery", False),
        ("Dr Owen Price", False),
    }
    flags = list(aps.panel_flags(gp, seats, list(gp.applications.all())).values())
    assert [(f.seat.person.name, f.application.name, f.steps_aside) for f in flags] == [
        ("Dr Owen Price", "Dr Fiona Blake", True)
    ]
    price = Person.objects.get(name="Dr Owen Price")
    blake = named(gp)["Dr Fiona Blake"]
    assert not InterviewScore.objects.filter(application=blake, scorer=price).exists()
    assert not SiftScore.objects.filter(application=blake, scorer=price).exists()


def test_panel_members_see_the_campaigns_they_sit_on() -> None:
    """APP-7: the chief executive and PCT chair sit on every panel; the PEC chair on the chair's."""
    trust_id = campaign("Nurse member").trust_id
    titles = {"Clinical member (GP)", "Nurse member", "PEC chair"}
    for username in ("chiefexec", "pctchair", "lead"):
        seen = {c.post.title for c in queries.campaigns_for(user(username), trust_id)}
        assert seen == titles, username
    assert {c.post.title for c in queries.campaigns_for(user("pecchair"), trust_id)} == {"PEC chair"}
    assert not queries.campaigns_for(user("member"), trust_id).exists()


def test_nurse_post_is_open_and_its_panel_of_two_fails_size() -> None:
    """APP-3, APP-4: on the public list of open posts for about three weeks; the panel of two
    breaks DH's size rule until the lead adds a member."""
    nurse = campaign("Nurse member")
    assert nurse in list(queries.open_campaigns())
    assert 14 <= (nurse.closes_on - timezone.localdate()).days <= 28
    assert aps.accepting_applications(nurse)
    assert not Application.objects.filter(campaign=nurse, applicant__username="applicant").exists()
    size = next(f for f in aps.panel_findings(nurse) if f.rule == "panel.size")
    assert size.status == Status.FAIL
    assert size.action == "Add 1 more person to the panel."
    aps.seat_add(
        actor=aps.SYSTEM, campaign=nurse, person=Person.objects.get(name="Julie Fraser"), role="clinician"
    )
    assert all(f.status != Status.FAIL for f in aps.panel_findings(nurse))


def test_chair_round_follows_the_recorded_alliance_override() -> None:
    """APP-6, POL-1: the override is recorded with its reason; two shortlisted candidates are
    fully scored by a panel that passes; current PEC members have recommended; nobody is
    appointed yet."""
    chair = campaign("PEC chair")
    assert chair.post.kind == PostKind.CHAIR
    override = PolicyOverride.objects.get(key="appointment.chair_model", withdrawn_at__isnull=True)
    assert override.reason == CHAIR_MODEL_REASON
    assert effective_policy(chair.trust).values()["appointment.chair_model"] == aps.MEMBERSHIP_RECOMMENDS
    assert aps.membership_recommends(chair)
    assert chair.status == CampaignStatus.SHORTLISTED
    assert all(f.status == Status.PASS for f in aps.panel_findings(chair))
    assert 3 <= chair.seats.count() <= 4
    results = aps.results(chair)
    assert len(results) == 2 and all(r.appointable for r in results)
    recommendations = list(ChairRecommendation.objects.filter(campaign=chair).select_related("member"))
    current = {p.pk for p in aps.recommenders(chair)}
    assert len(recommendations) >= 3
    assert all(r.member_id in current for r in recommendations)
    assert {r.member.name for r in recommendations} >= {"Dr Anika Rahman", "Dr Tom Hollis", "Gareth Pryce"}
    assert not Offer.objects.filter(application__campaign=chair).exists()
    # The other campaigns are not chair posts, so the override leaves them with the panel.
    assert not aps.membership_recommends(campaign("Clinical member (GP)"))


def test_pct_chair_can_appoint_the_recommended_candidate() -> None:
    """APP-6, ORG-4: signed in as `pctchair`, the appointment goes through, and accepting it
    seats the new chair from the day after the outgoing chair's term ends."""
    chair = campaign("PEC chair")
    plan = AppointmentPlan.objects.get()
    osei = named(chair)["Dr Richard Osei"]
    offer = aps.appoint(
        actor=user("pctchair"),
        application=osei,
        reason="Recommended by most of the new PEC; ranked first at interview.",
        start_date=plan.target_date,
        tenure_terms=chair.post.tenure_terms,
        time_commitment=chair.post.time_commitment,
    )
    aps.offer_respond(actor=user("lead"), offer=offer, accept=True)
    offer.refresh_from_db()
    assert offer.membership is not None and offer.membership.role == MembershipRole.CHAIR
    outgoing = Membership.objects.get(
        person__name="Dr Anika Rahman", committee__kind=CommitteeKind.PEC, role=MembershipRole.CHAIR
    )
    assert outgoing.end_date == plan.target_date - dt.timedelta(days=1)
    assert verify().ok


def test_the_demo_pec_still_fails_only_on_size_today() -> None:
    """POL-2: the GP appointee starts on the plan's target date, so today's PEC is the nine the
    composition journey expects (end one membership and it passes)."""
    pec = Committee.objects.get(kind=CommitteeKind.PEC)
    failing = [f for f in committee_findings(pec) if f.status == Status.FAIL]
    assert [f.rule for f in failing] == ["size"]
    assert failing[0].facts.startswith("9 members")


def test_loading_twice_adds_nothing() -> None:
    """Idempotent: a second load changes no appointment rows and the audit chain stays whole."""
    models: list[Any] = [
        AppointmentPlan,
        Post,
        Campaign,
        PanelSeat,
        Application,
        SiftScore,
        InterviewScore,
        Offer,
        ChairRecommendation,
        PolicyOverride,
        Membership,
        get_user_model(),
    ]
    before = [m.objects.count() for m in models]
    call_command("load_demo", stdout=io.StringIO())
    assert [m.objects.count() for m in models] == before
    assert verify().ok
