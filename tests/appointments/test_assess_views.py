"""The assessment pages over HTTP: applications, sift and shortlist (APP-3), interview scores and
results (APP-5), appointment, offer and the Alliance recommendation (APP-6), confidentiality and
the audit of score-sheet reads (APP-7), bad input (X-4).

A refused post answers 400 with the error summary and the service's message, and saves nothing.
Only the campaign's panel and the governance lead find a campaign or application: anyone else
in the trust gets 404, so they cannot learn who applied.
"""

from __future__ import annotations

import datetime as dt
import html
import re
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from pecgov.appointments import services as aps
from pecgov.appointments.enums import ApplicationStatus, CampaignStatus, ConflictHandling, PanelRole, PostKind
from pecgov.appointments.models import (
    Application,
    ChairRecommendation,
    InterviewScore,
    Offer,
    SiftScore,
)
from pecgov.audit.models import AuditEvent
from pecgov.interests.enums import Category
from pecgov.policy.services import policy_override
from pecgov.trust.models import Membership
from tests.appointment_factories import (
    PDF,
    Round,
    apply,
    appoint_first,
    make_campaign,
    make_round,
    panel_user,
    score_all,
    shortlist,
    sift_all,
)
from tests.factories import SYSTEM, World


def page(response: Any) -> str:
    """The page as a reader sees it, white space collapsed."""
    return " ".join(html.unescape(response.content.decode()).split())


def words(response: Any) -> str:
    """The page's text without its tags, white space collapsed."""
    return " ".join(re.sub(r"<[^>]+>", " ", html.unescape(response.content.decode())).split())


def summary_of(response: Any) -> str:
    text = page(response)
    assert "There is a problem" in text
    return text.split("There is a problem", 1)[1].split("</div>", 1)[0]


def login(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def url(name: str, *args: int) -> str:
    return reverse(f"appointments:{name}", args=args)


@pytest.fixture
def rnd(world: World) -> Round:
    return make_round(world)


@pytest.fixture
def chair(rnd: Round) -> Client:
    """The chief executive, who chairs the panel."""
    return login(rnd.world.users["chief_executive"])


@pytest.fixture
def panellist(rnd: Round) -> Client:
    """The PCT chair: on the panel, not its chair."""
    return login(rnd.world.users["pct_chair"])


def other_panel_member(world: World) -> Client:
    """The PEC member sits on another campaign's panel only."""
    campaign = make_campaign(world)
    aps.seat_add(actor=SYSTEM, campaign=campaign, person=world.people["member"], role=PanelRole.CLINICIAN)
    return login(world.users["member"])


def sift_data(*scores: Any, note: str = "") -> dict[str, Any]:
    data = {f"criterion_{n}": str(s) for n, s in enumerate(scores, start=1) if s is not None}
    return data | {"note_criterion_1": note}


def interview_data(rnd: Round, score: Any = 4, **changes: Any) -> dict[str, str]:
    data = {f"score_{key}": str(score) for key in rnd.post.competency_keys}
    return data | {f"score_{k}": str(v) for k, v in changes.items()}


def appoint_data(**changes: Any) -> dict[str, str]:
    start = timezone.localdate() + dt.timedelta(days=30)
    data = {
        "reason": "Strongest under both headings; clear about commissioning",
        "start_date[day]": str(start.day),
        "start_date[month]": str(start.month),
        "start_date[year]": str(start.year),
        "tenure_terms": "No fixed term; reviewed each year",
        "time_commitment": "2 sessions a week",
    }
    return data | changes


# Who sees the round (APP-7) -----------------------------------------------------------------


@pytest.mark.parametrize("name", ["applications", "sift_overview", "results"])
def test_campaign_pages_app7_only_for_panel_and_lead(
    name: str, rnd: Round, chair: Client, client_for: Any
) -> None:
    target = url(name, rnd.campaign.pk)

    assert chair.get(target).status_code == 200
    assert client_for("governance_lead").get(target).status_code == 200
    assert client_for("member").get(target).status_code == 404
    assert client_for("executive_director").get(target).status_code == 404
    assert other_panel_member(rnd.world).get(target).status_code == 404
    assert client_for("applicant").get(target).status_code == 403
    anonymous = client_for("anonymous").get(target)
    assert anonymous.status_code == 302 and reverse("login") in anonymous["Location"]


@pytest.mark.parametrize("name", ["application_detail", "application_cv", "sift", "interview"])
def test_application_pages_app7_hidden_from_everyone_off_the_panel(
    name: str, rnd: Round, panellist: Client, client_for: Any, other_world: World
) -> None:
    target = url(name, rnd.applications[0].pk)

    assert panellist.get(target).status_code == 200
    assert client_for("member").get(target).status_code == 404
    assert other_panel_member(rnd.world).get(target).status_code == 404
    assert login(other_world.users["governance_lead"]).get(target).status_code == 404
    assert client_for("applicant").get(target).status_code == 403
    # The applicant themself has no trust role: their own pages are elsewhere.
    assert login(rnd.applications[0].applicant).get(target).status_code == 403


def test_applications_list_shows_status_and_own_sift_progress(
    rnd: Round, chair: Client, client_for: Any
) -> None:
    sift_all_by(rnd, 0, rnd.applications[0])

    text = page(chair.get(url("applications", rnd.campaign.pk)))
    lead_text = page(client_for("governance_lead").get(url("applications", rnd.campaign.pk)))

    assert "Dr Applicant 01" in text and "Dr Applicant 03" in text
    assert text.count("Sifted") == 1
    assert text.count("Not sifted yet") == 2
    assert "Received" in text
    assert "Your sift" not in lead_text  # the lead is not on the panel


def sift_all_by(rnd: Round, seat_index: int, application: Application, score: int = 4) -> None:
    aps.sift_record(
        actor=panel_user(rnd.seats[seat_index]),
        application=application,
        scores={n: (score, "") for n in range(1, len(rnd.post.criteria) + 1)},
    )


def test_application_detail_shows_the_application_and_panel_buttons(rnd: Round, chair: Client) -> None:
    application = rnd.applications[0]

    text = page(chair.get(url("application_detail", application.pk)))

    assert "I have led our practice's commissioning for five years." in text
    assert "no interests to declare" in text
    assert url("application_cv", application.pk) in text
    assert "Sift this application" in text
    assert "Score the interview" not in text
    assert "No panel member has a conflict with this candidate" in text


def test_application_detail_shows_declared_interests_conflicts_and_reasons(
    world: World, chair: Client, client_for: Any
) -> None:
    campaign = make_campaign(world)
    declared = apply(
        campaign,
        name="Dr Declared",
        nil_interests=False,
        interests=[aps.DeclaredInterest(Category.FINANCIAL, "Partner in Riverside Surgery", world.practice)],
    )
    seat = aps.seat_add(
        actor=SYSTEM,
        campaign=campaign,
        person=world.people["chief_executive"],
        role=PanelRole.CHIEF_EXECUTIVE,
    )
    aps.conflict_declare(actor=SYSTEM, seat=seat, application=declared, description="We trained together")

    text = page(chair.get(url("application_detail", declared.pk)))

    assert "Partner in Riverside Surgery" in text
    assert "Declared: We trained together" in text
    assert "Not yet handled" in text
    assert "Sift this application" not in text  # applications are still open
    assert client_for("governance_lead").get(url("application_detail", declared.pk)).status_code == 200


def test_application_cv_downloads_as_an_attachment_with_a_safe_name(rnd: Round, panellist: Client) -> None:
    response = panellist.get(url("application_cv", rnd.applications[0].pk))

    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="cv-dr-applicant-01.pdf"'
    assert response["Content-Type"] == "application/pdf"
    assert b"".join(response.streaming_content) == PDF  # type: ignore[attr-defined]


# Sift (APP-3) ---------------------------------------------------------------------------------


def test_sift_records_the_panel_members_scores(rnd: Round, chair: Client) -> None:
    application = rnd.applications[0]

    response = chair.post(url("sift", application.pk), sift_data(4, 3, 5, note="Strong in practice"))

    assert response.status_code == 302
    assert response["Location"] == url("applications", rnd.campaign.pk)
    rows = SiftScore.objects.filter(application=application, scorer=rnd.world.people["chief_executive"])
    assert sorted(rows.values_list("criterion", "score")) == [(1, 4), (2, 3), (3, 5)]
    assert rows.get(criterion=1).note == "Strong in practice"
    again = page(chair.get(url("sift", application.pk)))
    assert "Strong in practice" in again


@pytest.mark.parametrize("bad", ["0", "6", "abc", "-1", "3.5"])
def test_sift_score_off_the_scale_x4_is_refused_and_nothing_saved(
    bad: str, rnd: Round, chair: Client
) -> None:
    before = SiftScore.objects.count()

    response = chair.post(url("sift", rnd.applications[0].pk), sift_data(4, bad, 4))

    assert response.status_code == 400
    assert "Enter a score from 1 to 5" in summary_of(response)
    assert SiftScore.objects.count() == before


def test_sift_missing_score_x4_is_refused(rnd: Round, chair: Client) -> None:
    response = chair.post(url("sift", rnd.applications[0].pk), sift_data(4, None, 4))

    assert response.status_code == 400
    assert "Enter a score from 1 to 5" in summary_of(response)
    assert 'href="#id_criterion_2"' in response.content.decode()
    assert SiftScore.objects.count() == 0


def test_sift_before_the_closing_date_is_refused(world: World) -> None:
    open_round = make_round(world, closed=False)
    client = login(world.users["chief_executive"])
    target = url("sift", open_round.applications[0].pk)

    assert "sift after the closing date" in page(client.get(target))
    response = client.post(target, sift_data(4, 4, 4))

    assert response.status_code == 400
    assert "sift after the closing date" in summary_of(response)
    assert SiftScore.objects.count() == 0


def test_sift_by_a_conflicted_or_stepped_aside_member_is_refused(rnd: Round, panellist: Client) -> None:
    application = rnd.applications[0]
    seat = rnd.seats[1]  # the PCT chair
    aps.conflict_declare(actor=SYSTEM, seat=seat, application=application, description="My niece")

    unhandled = panellist.post(url("sift", application.pk), sift_data(4, 4, 4))
    aps.conflict_handle(
        actor=SYSTEM, seat=seat, application=application, handling=ConflictHandling.STEPS_ASIDE
    )
    stepped = panellist.post(url("sift", application.pk), sift_data(4, 4, 4))

    assert unhandled.status_code == 400
    assert "has not been handled yet" in summary_of(unhandled)
    assert stepped.status_code == 400
    assert "You stepped aside from assessing Dr Applicant 01" in summary_of(stepped)
    assert SiftScore.objects.count() == 0


def test_sift_page_is_for_panel_members_only(rnd: Round, client_for: Any) -> None:
    lead = client_for("governance_lead")

    assert lead.get(url("sift", rnd.applications[0].pk)).status_code == 403
    assert lead.post(url("sift", rnd.applications[0].pk), sift_data(4, 4, 4)).status_code == 403
    assert SiftScore.objects.count() == 0


# Sift overview and shortlist (APP-3) ------------------------------------------------------------


def shortlist_data(rnd: Round, chosen: int = 2) -> dict[str, str]:
    data: dict[str, str] = {"note": "Agreed at the sift meeting"}
    for i, application in enumerate(rnd.applications):
        data[f"decision_{application.pk}"] = "yes" if i < chosen else "no"
        data[f"reason_{application.pk}"] = (
            "Meets the specification" if i < chosen else "Too little experience"
        )
    return data


def test_sift_overview_shows_scores_side_by_side(rnd: Round, chair: Client) -> None:
    sift_all(rnd, score=4)
    sift_all_by(rnd, 2, rnd.applications[0], score=2)

    text = words(chair.get(url("sift_overview", rnd.campaign.pk)))

    assert "Dr Former Member" in text and "Pct_Chair Testshire PCT" in text
    assert "12 (4, 4, 4)" in text
    assert "6 (2, 2, 2)" in text
    assert "10.0" in text  # (12 + 12 + 6) / 3
    assert "Record the shortlist" in text


def test_shortlist_recorded_by_the_chair_with_reasons(rnd: Round, chair: Client) -> None:
    sift_all(rnd)

    response = chair.post(url("sift_overview", rnd.campaign.pk), shortlist_data(rnd))

    assert response.status_code == 302
    statuses = [a.status for a in Application.objects.filter(campaign=rnd.campaign).order_by("name")]
    assert statuses == [ApplicationStatus.SHORTLISTED] * 2 + [ApplicationStatus.NOT_SHORTLISTED]
    text = page(chair.get(url("sift_overview", rnd.campaign.pk)))
    assert "Shortlist recorded: 2 of 3 shortlisted for interview." in text
    assert "Too little experience" in text and "Agreed at the sift meeting" in text
    assert "Record the shortlist" not in text


def test_shortlist_without_a_reason_x4_is_refused(rnd: Round, chair: Client) -> None:
    last = rnd.applications[2]

    response = chair.post(
        url("sift_overview", rnd.campaign.pk), shortlist_data(rnd) | {f"reason_{last.pk}": " "}
    )

    assert response.status_code == 400
    assert "Enter the reason for the decision on Dr Applicant 03" in summary_of(response)
    rnd.campaign.refresh_from_db()
    assert rnd.campaign.status == CampaignStatus.ADVERTISED
    assert not Application.objects.exclude(status=ApplicationStatus.SUBMITTED).exists()


def test_shortlist_without_a_decision_x4_is_refused(rnd: Round, client_for: Any) -> None:
    first = rnd.applications[0]

    response = client_for("governance_lead").post(
        url("sift_overview", rnd.campaign.pk), shortlist_data(rnd) | {f"decision_{first.pk}": "maybe"}
    )

    assert response.status_code == 400
    assert "Select whether Dr Applicant 01 is shortlisted" in summary_of(response)
    assert not Application.objects.exclude(status=ApplicationStatus.SUBMITTED).exists()


def test_shortlist_by_a_panel_member_who_does_not_chair_is_forbidden(rnd: Round, panellist: Client) -> None:
    text = page(panellist.get(url("sift_overview", rnd.campaign.pk)))
    response = panellist.post(url("sift_overview", rnd.campaign.pk), shortlist_data(rnd))

    assert "Record the shortlist" not in text
    assert response.status_code == 403
    assert not Application.objects.exclude(status=ApplicationStatus.SUBMITTED).exists()


# Interview and results (APP-5) --------------------------------------------------------------------


@pytest.fixture
def shortlisted(rnd: Round) -> Round:
    sift_all(rnd)
    shortlist(rnd, chosen=2)
    return rnd


def test_interview_page_groups_competencies_under_headings(shortlisted: Round, chair: Client) -> None:
    text = page(chair.get(url("interview", shortlisted.applications[0].pk)))

    assert "Core management competencies" in text
    assert "Added value competencies" in text
    assert "A good understanding of NHS policies" in text
    assert "Shows the skill or clear development potential" in text


def test_interview_scores_recorded(shortlisted: Round, chair: Client) -> None:
    application = shortlisted.applications[0]

    response = chair.post(url("interview", application.pk), interview_data(shortlisted))

    assert response.status_code == 302
    rows = InterviewScore.objects.filter(application=application)
    assert rows.count() == len(shortlisted.post.competency_keys)
    assert set(rows.values_list("score", flat=True)) == {4}


@pytest.mark.parametrize("bad", ["0", "6", "abc", ""])
def test_interview_score_off_the_scale_or_missing_x4_is_refused(
    bad: str, shortlisted: Round, chair: Client
) -> None:
    key = shortlisted.post.competency_keys[1]

    response = chair.post(
        url("interview", shortlisted.applications[0].pk), interview_data(shortlisted, **{key: bad})
    )

    assert response.status_code == 400
    assert "Enter a score from 1 to 5" in summary_of(response)
    assert InterviewScore.objects.count() == 0


def test_interview_of_a_candidate_not_shortlisted_is_refused(shortlisted: Round, chair: Client) -> None:
    response = chair.post(url("interview", shortlisted.applications[2].pk), interview_data(shortlisted))

    assert response.status_code == 400
    assert "Dr Applicant 03 is not shortlisted for interview." in summary_of(response)
    assert InterviewScore.objects.count() == 0


def added_value_keys(rnd: Round) -> list[str]:
    return [c.key for c in aps.campaign_competencies(rnd.campaign) if c.heading == "added_value"]


def test_results_rank_flag_the_added_value_heading_and_offer_appoint(
    shortlisted: Round, chair: Client, panellist: Client
) -> None:
    weak = shortlisted.applications[1]
    score_all(shortlisted, overrides={(weak.pk, k): 2 for k in added_value_keys(shortlisted)})

    text = page(chair.get(url("results", shortlisted.campaign.pk)))
    panel_text = page(panellist.get(url("results", shortlisted.campaign.pk)))

    assert "Did not show skills or potential under Added value competencies" in text
    assert "Appointable" in text
    assert (
        f'href="{url("appoint", shortlisted.applications[0].pk)}"'
        in chair.get(url("results", shortlisted.campaign.pk)).content.decode()
    )
    assert f"Appoint {weak.name}" not in text
    assert "Appoint Dr Applicant 01" in text
    assert "Appoint Dr Applicant 01" not in panel_text  # the PCT chair does not chair this panel
    sheet = url("score_sheet", weak.pk, shortlisted.former.pk)  # type: ignore[union-attr]
    assert sheet in chair.get(url("results", shortlisted.campaign.pk)).content.decode()


def test_results_show_missing_scores_and_wide_disagreements(shortlisted: Round, chair: Client) -> None:
    first = shortlisted.applications[0]
    key = shortlisted.post.competency_keys[0]
    aps.interview_record(
        actor=panel_user(shortlisted.seats[0]),
        application=first,
        scores={k: (4, "") for k in shortlisted.post.competency_keys},
    )
    aps.interview_record(
        actor=panel_user(shortlisted.seats[2]),
        application=first,
        scores={k: (1 if k == key else 4, "") for k in shortlisted.post.competency_keys},
    )
    total = len(shortlisted.post.competency_keys)

    text = words(chair.get(url("results", shortlisted.campaign.pk)))

    assert "Scores missing" in text
    assert f"Pct_Chair Testshire PCT: {total} competencies to score" in text
    assert "Wide disagreements to discuss" in text
    assert "1 from Dr Former Member" in text
    assert "4 from Chief_Executive Testshire PCT" in text


# Score sheets and the audit of reads (APP-7) -----------------------------------------------------


def test_score_sheet_read_by_the_lead_is_audited_and_not_by_its_author(
    shortlisted: Round, client_for: Any
) -> None:
    score_all(shortlisted)
    application = shortlisted.applications[0]
    former = shortlisted.former
    assert former is not None
    target = url("score_sheet", application.pk, former.pk)
    reads = AuditEvent.objects.filter(action="score_sheet.read")

    author = login(panel_user(shortlisted.seats[2])).get(target)
    assert author.status_code == 200
    assert reads.count() == 0

    response = client_for("governance_lead").get(target)

    assert response.status_code == 200
    assert "Dr Former Member's scores" in page(response)
    assert reads.count() == 1
    event = reads.get()
    assert event.actor == shortlisted.world.users["governance_lead"]
    assert event.data == {"application": application.pk, "scorer": former.pk}


def test_score_sheet_hidden_off_the_panel_and_for_someone_not_on_it(
    shortlisted: Round, chair: Client, client_for: Any
) -> None:
    application = shortlisted.applications[0]
    former = shortlisted.former
    assert former is not None

    assert client_for("member").get(url("score_sheet", application.pk, former.pk)).status_code == 404
    not_on_panel = shortlisted.world.people["member"]
    assert chair.get(url("score_sheet", application.pk, not_on_panel.pk)).status_code == 404
    assert not AuditEvent.objects.filter(action="score_sheet.read").exists()


# Appointment and offer (APP-3, APP-6, ORG-4) ---------------------------------------------------------


def test_appoint_form_defaults_to_the_posts_terms(
    shortlisted: Round, chair: Client, panellist: Client
) -> None:
    score_all(shortlisted)
    target = url("appoint", shortlisted.applications[0].pk)

    text = page(chair.get(target))

    assert "No fixed term; reviewed each year" in text
    assert "2 sessions a week" in text
    assert panellist.get(target).status_code == 403


def test_appoint_makes_the_offer(shortlisted: Round, chair: Client) -> None:
    score_all(shortlisted)
    application = shortlisted.applications[0]

    response = chair.post(url("appoint", application.pk), appoint_data())

    assert response.status_code == 302
    offer = Offer.objects.get(application=application)
    assert offer.time_commitment == "2 sessions a week"
    application.refresh_from_db()
    assert application.status == ApplicationStatus.OFFERED
    assert application.decision_reason == "Strongest under both headings; clear about commissioning"
    assert "Waiting for the candidate's answer" in page(chair.get(url("results", shortlisted.campaign.pk)))


def _reply_by(days: int) -> dict[str, str]:
    day = timezone.localdate() + dt.timedelta(days=days)
    return {
        "respond_by[day]": str(day.day),
        "respond_by[month]": str(day.month),
        "respond_by[year]": str(day.year),
    }


def test_appoint_sets_the_reply_by_date_or_refuses_one_in_the_past(shortlisted: Round, chair: Client) -> None:
    """APP-3, X-4: the date to answer by is on the form; one in the past is refused, nothing saved."""
    score_all(shortlisted)
    application = shortlisted.applications[0]
    target = url("appoint", application.pk)

    past = chair.post(target, appoint_data(**_reply_by(-1)))
    assert past.status_code == 400
    assert "The reply-by date must be today or in the future" in summary_of(past)
    assert not Offer.objects.exists()

    assert chair.post(target, appoint_data(**_reply_by(10))).status_code == 302
    offer = Offer.objects.get(application=application)
    assert offer.respond_by == timezone.localdate() + dt.timedelta(days=10)
    assert f"{offer.respond_by:%-d %B %Y}" in page(chair.get(url("application_detail", application.pk)))


def test_appoint_refused_when_the_candidate_fails_added_value_x4(shortlisted: Round, chair: Client) -> None:
    weak = shortlisted.applications[1]
    score_all(shortlisted, overrides={(weak.pk, k): 2 for k in added_value_keys(shortlisted)})

    response = chair.post(url("appoint", weak.pk), appoint_data())

    assert response.status_code == 400
    assert "did not show skills or development potential under Added value competencies" in summary_of(
        response
    )
    assert not Offer.objects.exists()
    weak.refresh_from_db()
    assert weak.status == ApplicationStatus.SHORTLISTED


def test_appoint_refused_while_scores_are_missing_or_reasons_left_out(
    shortlisted: Round, chair: Client
) -> None:
    target = url("appoint", shortlisted.applications[0].pk)

    missing = chair.post(target, appoint_data())
    score_all(shortlisted)
    no_reason = chair.post(target, appoint_data(reason=""))
    bad_date = chair.post(target, appoint_data(**{"start_date[month]": "13"}))

    assert missing.status_code == 400
    assert "Not every panel member has scored Dr Applicant 01" in summary_of(missing)
    assert no_reason.status_code == 400
    assert "Enter the reasons for the appointment" in summary_of(no_reason)
    assert bad_date.status_code == 400
    assert "Start date must be a real date" in summary_of(bad_date)
    assert not Offer.objects.exists()


@pytest.fixture
def offered(shortlisted: Round) -> Round:
    score_all(shortlisted)
    appoint_first(shortlisted)
    shortlisted.applications[0].refresh_from_db()
    return shortlisted


def test_offer_response_accepted_by_letter_makes_a_member(offered: Round, client_for: Any) -> None:
    lead = client_for("governance_lead")
    application = offered.applications[0]
    target = url("offer_response", application.pk)
    members_before = Membership.objects.filter(committee=offered.world.pec).count()

    assert lead.get(target).status_code == 200
    response = lead.post(target, {"answer": "accept"})

    assert response.status_code == 302
    application.refresh_from_db()
    assert application.status == ApplicationStatus.ACCEPTED
    assert Membership.objects.filter(committee=offered.world.pec).count() == members_before + 1
    text = page(lead.get(target))
    assert "accepted the offer" in text
    assert reverse("trust:committee_detail", args=[offered.world.pec.pk]) in text
    assert "Record the answer" not in text


def test_offer_response_without_an_answer_x4_is_refused(offered: Round, client_for: Any) -> None:
    response = client_for("governance_lead").post(url("offer_response", offered.applications[0].pk), {})

    assert response.status_code == 400
    assert "Select whether the candidate accepted or declined the offer" in summary_of(response)
    assert Offer.objects.get().accepted is None


def test_offer_response_is_the_leads_alone(offered: Round, chair: Client, client_for: Any) -> None:
    target = url("offer_response", offered.applications[0].pk)

    assert chair.get(target).status_code == 403
    assert chair.post(target, {"answer": "accept"}).status_code == 403
    assert client_for("member").get(target).status_code == 404
    assert (
        client_for("governance_lead").get(url("offer_response", offered.applications[1].pk)).status_code
        == 404
    )
    assert Offer.objects.get().accepted is None


# The Alliance chair recommendation (APP-6) ---------------------------------------------------------


@pytest.fixture
def alliance(world: World) -> Round:
    policy_override(
        actor=SYSTEM,
        trust=world.trust,
        key="appointment.chair_model",
        value="membership_recommends",
        reason="We follow the Alliance model for the chair",
    )
    rnd = make_round(world, kind=PostKind.CHAIR)
    sift_all(rnd)
    shortlist(rnd, chosen=2)
    return rnd


def test_recommend_is_404_when_the_panel_appoints_the_chair(shortlisted: Round, client_for: Any) -> None:
    assert client_for("member").get(url("recommend", shortlisted.campaign.pk)).status_code == 404
    assert client_for("governance_lead").get(url("recommend", shortlisted.campaign.pk)).status_code == 404


def test_recommend_by_a_pec_member_shows_names_never_scores(alliance: Round, client_for: Any) -> None:
    member = client_for("member")
    target = url("recommend", alliance.campaign.pk)
    first = alliance.applications[0]

    text = page(member.get(target))
    response = member.post(target, {"application": str(first.pk), "reason": "Leads the locality group well"})

    assert "Dr Applicant 01" in text and "Dr Applicant 02" in text
    assert "Dr Applicant 03" not in text  # not shortlisted
    assert "Mean" not in text and "score" not in text.lower().split("<main", 1)[-1].split("</main>", 1)[0]
    assert response.status_code == 302
    recommendation = ChairRecommendation.objects.get()
    assert recommendation.application == first
    assert recommendation.member == alliance.world.people["member"]
    assert "Leads the locality group well" in page(member.get(target))


def test_recommend_without_a_reason_x4_is_refused(alliance: Round, client_for: Any) -> None:
    response = client_for("pec_chair").post(
        url("recommend", alliance.campaign.pk),
        {"application": str(alliance.applications[0].pk), "reason": ""},
    )

    assert response.status_code == 400
    assert "Enter why you recommend this candidate" in summary_of(response)
    assert not ChairRecommendation.objects.exists()


def test_recommend_refused_to_those_outside_the_pec(
    alliance: Round, client_for: Any, other_world: World
) -> None:
    target = url("recommend", alliance.campaign.pk)

    assert client_for("practice_lead").get(target).status_code == 403
    assert client_for("applicant").get(target).status_code == 403
    assert login(other_world.users["governance_lead"]).get(target).status_code == 404
    chief = client_for("chief_executive")  # on the panel, not on the PEC: may read, not recommend
    assert chief.get(target).status_code == 200
    refused = chief.post(target, {"application": str(alliance.applications[0].pk), "reason": "Strong"})
    assert refused.status_code == 403
    assert not ChairRecommendation.objects.exists()


def test_alliance_pct_chair_appoints_with_recommendations_shown(alliance: Round, client_for: Any) -> None:
    """APP-6: once the membership's recommendation reaches the policy's threshold (here lowered so
    one member's is enough) the PCT chair appoints; the count is shown."""
    score_all(alliance)
    first = alliance.applications[0]
    policy_override(
        actor=SYSTEM,
        trust=alliance.world.trust,
        key="appointment.chair_recommendation_percent",
        value=10,
        reason="One member's recommendation is enough here",
    )
    aps.chair_recommend(
        actor=alliance.world.users["member"],
        campaign=alliance.campaign,
        application=first,
        reason="Unites the PEC",
    )
    pct_chair = client_for("pct_chair")

    results_text = page(pct_chair.get(url("results", alliance.campaign.pk)))
    form_text = page(pct_chair.get(url("appoint", first.pk)))
    chief = client_for("chief_executive").get(url("appoint", first.pk))
    response = pct_chair.post(url("appoint", first.pk), appoint_data())

    assert "Recommended by the PEC's members" in results_text
    assert "Unites the PEC" in results_text
    assert "Appoint Dr Applicant 01" in results_text
    assert "recommends Dr Applicant 01: Unites the PEC" in form_text
    assert "1 of 6 members has recommended Dr Applicant 01; 1 needed" in form_text
    assert chief.status_code == 403  # under the Alliance model the PCT chair appoints
    assert response.status_code == 302
    assert Offer.objects.get().application == first


def test_alliance_appoint_link_waits_for_the_membership_threshold(alliance: Round, client_for: Any) -> None:
    """APP-6: with one of six members recommending, the PCT chair sees the count, no Appoint link,
    and an attempt is refused with the count."""
    score_all(alliance)
    first = alliance.applications[0]
    aps.chair_recommend(
        actor=alliance.world.users["member"],
        campaign=alliance.campaign,
        application=first,
        reason="Unites the PEC",
    )
    pct_chair = client_for("pct_chair")

    results_text = page(pct_chair.get(url("results", alliance.campaign.pk)))
    response = pct_chair.post(url("appoint", first.pk), appoint_data())

    assert "1 of 6 members has recommended one candidate; 4 needed" in results_text
    assert "Appoint Dr Applicant 01" not in results_text
    assert response.status_code == 400
    assert "not agreed a recommendation yet: 1 of 6 members" in page(response)
    assert not Offer.objects.exists()


def test_offer_response_declined_leaves_the_committee_as_it_was(offered: Round, client_for: Any) -> None:
    lead = client_for("governance_lead")
    target = url("offer_response", offered.applications[0].pk)
    members_before = Membership.objects.count()

    response = lead.post(target, {"answer": "decline"})

    assert response.status_code == 302
    assert Membership.objects.count() == members_before
    assert "Declined on" in page(lead.get(target))
    assert Offer.objects.get().accepted is False
