"""The demo's PEC chair round under the Alliance model (APP-6): recommended by the new PEC's members, waiting for the PCT chair."""

from __future__ import annotations

import datetime as dt

from pecgov.actors import SYSTEM
from pecgov.appointments import framework
from pecgov.appointments import services as aps
from pecgov.appointments.enums import PanelRole, PostKind
from pecgov.appointments.models import AppointmentPlan
from pecgov.demo.appointments.people import (
    apply,
    close,
    interview,
    panel_users,
    seat_panel,
    sift,
    user,
)
from pecgov.policy.services import policy_override
from pecgov.trust import services as ts
from pecgov.trust.enums import MembershipRole
from pecgov.trust.models import Committee, Membership, Organisation, Person

CHAIR_MODEL_REASON = (
    "Following the NHS Alliance model, the new PEC recommends its chair and the PCT chair appoints; "
    "agreed by the Board."
)


# The PEC chair under the Alliance model ------------------------------------------------------


def chair_round(
    trust: Organisation,
    plan: AppointmentPlan,
    pec: Committee,
    people: dict[str, Person],
    orgs: dict[str, Organisation],
    today: dt.date,
    target: dt.date,
) -> None:
    # APP-6: the documented switch. The trust keeps DH's pack but records, with its reason, that
    # the new PEC recommends its chair and the PCT chair appoints.
    policy_override(
        actor=SYSTEM,
        trust=trust,
        key="appointment.chair_model",
        value=aps.MEMBERSHIP_RECOMMENDS,
        reason=CHAIR_MODEL_REASON,
    )
    rahman = people["Dr Anika Rahman"]
    # The outgoing chair's term ends the day before the new PEC takes office.
    chair_seat = Membership.objects.get(person=rahman, committee=pec, role=MembershipRole.CHAIR)
    ts.membership_update(actor=SYSTEM, membership=chair_seat, end_date=target - dt.timedelta(days=1))

    post = aps.post_create(
        actor=SYSTEM,
        trust=trust,
        committee=pec,
        title="PEC chair",
        kind=PostKind.CHAIR,
        membership_role=MembershipRole.CHAIR,
        job_description=(
            "Chair of the Professional Executive Committee and a member of the PCT Board: with the PCT chair "
            "and the chief executive, one of the three at the centre of the PCT's leadership (DH 3, 7.1)."
        ),
        person_specification=(
            "A practising clinician in Avonmere with the respect of clinical colleagues\n"
            "Experience of leading commissioning or service change across organisations\n"
            "Able to chair a committee of many professions and hold it to its purpose"
        ),
        time_commitment="4 sessions a week (about 16 hours), with Board and PEC meetings monthly",
        tenure_terms="Three years from the start date, renewable once, subject to annual appraisal (DH 7.2)",
    )
    campaign = aps.campaign_create(
        actor=SYSTEM,
        post=post,
        plan=plan,
        vacancies=1,
        advert=(
            "Avonmere PCT is appointing the chair of its Professional Executive Committee from "
            f"{target:%-d %B %Y}. Following the NHS Alliance model, the members of the new PEC recommend "
            "their chair and the PCT chair makes the appointment."
        ),
        opens_on=today - dt.timedelta(days=60),
        closes_on=today,
    )
    aps.campaign_advertise(actor=SYSTEM, campaign=campaign)
    users = panel_users(trust, people)
    panel = seat_panel(
        campaign,
        [
            (people["David Okafor"], PanelRole.CHIEF_EXECUTIVE),
            (people["Margaret Ellery"], PanelRole.PCT_CHAIR),
            (rahman, PanelRole.OUTGOING_PEC_CHAIR),
        ],
        users,
    )
    osei = apply(
        campaign,
        user("richard.osei", "Dr Richard Osei"),
        "Dr Richard Osei",
        orgs["Hill Top Surgery"],
        title="GP partner, Hill Top Surgery",
        registration=("GMC", "4409712"),
        statement=(
            "Chaired the West locality's GP forum for four years and led its move into practice-based "
            "commissioning; I want the PEC to be the clinical engine of the PCT."
        ),
    )
    kemp = apply(
        campaign,
        user("laura.kemp", "Dr Laura Kemp"),
        "Dr Laura Kemp",
        orgs["Victoria Road Medical Centre"],
        title="GP partner, Victoria Road Medical Centre",
        registration=("GMC", "5127763"),
        statement="Medical director of the out-of-hours co-operative; experienced in urgent care redesign.",
    )
    close(campaign, today - dt.timedelta(days=30), today - dt.timedelta(days=10))
    chief = users["David Okafor"]
    sift(panel, osei, [5, 4, 4])
    sift(panel, kemp, [4, 4, 3])
    aps.shortlist_record(
        actor=chief,
        campaign=campaign,
        decisions={
            osei.pk: (True, "Meets every criterion; long experience of chairing clinicians."),
            kemp.pk: (True, "Meets every criterion; leads change across organisations."),
        },
    )
    for application in (osei, kemp):
        application.refresh_from_db()
    chair_profile = {framework.CORE: (4, 3), framework.ADDED_VALUE: (4, 2), framework.CHAIR: (4, 3)}
    interview(panel, osei, chair_profile)
    interview(
        panel,
        kemp,
        {framework.CORE: (3, 2), framework.ADDED_VALUE: (4, 4), framework.CHAIR: (3, 2)},
        wide={
            rahman: {
                "chairing_meetings": (2, "Little experience of chairing a committee of many professions.")
            },
            people["Margaret Ellery"]: {"chairing_meetings": (4, "Chairs the co-operative's board well.")},
        },
    )
    # Current PEC members recommend (the demo sign-ins pecchair, member and manager).
    for name, application, reason in (
        ("Dr Anika Rahman", osei, "Has the confidence of GPs across all three PBC groups."),
        ("Dr Tom Hollis", kemp, "Her urgent care work is what the PEC must lead next."),
        ("Gareth Pryce", osei, "Chairs well and works easily with managers and the Board."),
    ):
        aps.chair_recommend(actor=users[name], campaign=campaign, application=application, reason=reason)
    # More of the new PEC's members recommend Dr Osei, so the recommendation passes the pack's
    # threshold (more than half of the members) and the PCT chair may appoint (APP-6).
    for name, username in (
        ("Dr Grace Okonkwo", "grace.okonkwo"),
        ("Imran Shah", "imran.shah"),
        ("Julie Fraser", "julie.fraser"),
        ("Carys Lewis", "carys.lewis"),
    ):
        person = people[name]
        if person.user_id is None:
            ts.person_update(actor=SYSTEM, person=person, user=user(username, name))
            person.refresh_from_db()
        assert person.user is not None
        aps.chair_recommend(
            actor=person.user, campaign=campaign, application=osei, reason="The strongest chair of the two."
        )
