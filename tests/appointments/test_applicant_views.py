"""Public posts and the applicant's own pages over HTTP (APP-3, APP-7, ORG-4, X-1, X-4).

A refused application answers 400 with the NHS.UK error summary and the specific message, and
saves nothing: no application, no declared interest, no file. An applicant sees only their own
application: anyone else's, the governance lead's included, answers 404 (not 403).
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from pecgov.appointments import services as aps
from pecgov.appointments.enums import ApplicationStatus
from pecgov.appointments.models import ApplicantInterest, Application, Campaign, Offer
from pecgov.policy.services import policy_override
from pecgov.trust.models import Membership
from tests.appointment_factories import (
    PDF,
    Round,
    apply,
    appoint_first,
    close,
    cv,
    make_campaign,
    make_post,
    make_round,
    panel_user,
    score_all,
    shortlist,
)
from tests.factories import SYSTEM, World, make_user
from tests.trust.helpers import text

PASSWORD = "a-long-test-password-1"


def signed_in(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def flat(response: Any) -> str:
    """The page as a reader sees it, runs of white space made one space."""
    return " ".join(text(response).split())


def summary_of(response: Any) -> str:
    page = flat(response)
    assert "There is a problem" in page
    return page.split("There is a problem", 1)[1].split("</div>", 1)[0]


def stored_files() -> list[Path]:
    return [p for p in Path(settings.MEDIA_ROOT).rglob("*") if p.is_file()]


def form_data(world: World, upload: Any = None, **changes: Any) -> dict[str, Any]:
    data = {
        "name": "Dr Ada Okafor",
        "email": "ada@example.org",
        "profession": "gp",
        "registration_body": "GMC",
        "registration_number": "7654321",
        "practising": "on",
        "has_caseload": "on",
        "organisation": str(world.practice.pk),
        "statement": "I have led commissioning in our locality for five years.",
        "interest_1_category": "financial",
        "interest_1_organisation": str(world.practice.pk),
        "interest_1_description": "Partner in the practice",
        "cv": upload if upload is not None else cv(),
    }
    return {k: v for k, v in (data | changes).items() if v is not None}


@pytest.fixture
def campaign(world: World) -> Campaign:
    return make_campaign(world)


@pytest.fixture
def applicant(world: World) -> Any:
    return world.users["applicant"]


# Public posts (APP-3) -------------------------------------------------------------------------


def test_posts_lists_open_campaigns_to_anyone_without_signing_in(world: World, campaign: Campaign) -> None:
    """APP-3: the public list of open posts with trust, committee, vacancies and closing date."""
    draft = aps.campaign_create(
        actor=SYSTEM,
        post=make_post(world),
        vacancies=1,
        advert="Draft advert",
        opens_on=timezone.localdate(),
        closes_on=timezone.localdate() + dt.timedelta(days=5),
    )
    closed = close(make_campaign(world))
    response = Client().get(reverse("applicants:posts"))
    page = flat(response)

    assert response.status_code == 200
    assert f'data-campaign="{campaign.pk}"' in page
    assert f'data-campaign="{draft.pk}"' not in page
    assert f'data-campaign="{closed.pk}"' not in page
    assert world.trust.name in page
    assert world.pec.name in page
    assert f"{campaign.closes_on:%-d %B %Y}" in page


def test_posts_says_so_when_none_is_open(db: Any) -> None:
    response = Client().get(reverse("applicants:posts"))

    assert response.status_code == 200
    assert "No posts are open for applications at the moment" in flat(response)


def test_post_detail_shows_the_advert_specification_and_competencies(campaign: Campaign) -> None:
    """APP-2, APP-3: what a candidate needs to know, and the button to apply."""
    response = Client().get(reverse("applicants:post_detail", args=[campaign.pk]))
    page = flat(response)

    assert response.status_code == 200
    for shown in [
        campaign.advert,
        campaign.post.job_description,
        "Experience of commissioning",
        "Core management competencies",
        "Added value competencies",
        "2 sessions a week",
        "No fixed term; reviewed each year",
        f"{campaign.closes_on:%-d %B %Y}",
        "Apply for this post",
    ]:
        assert shown in page, shown


def test_post_detail_of_a_draft_campaign_is_not_found(world: World) -> None:
    draft = aps.campaign_create(
        actor=SYSTEM,
        post=make_post(world),
        vacancies=1,
        advert="Not yet",
        opens_on=timezone.localdate(),
        closes_on=timezone.localdate() + dt.timedelta(days=5),
    )

    assert Client().get(reverse("applicants:post_detail", args=[draft.pk])).status_code == 404
    assert Client().get(reverse("applicants:apply", args=[draft.pk])).status_code == 404


def test_post_detail_of_a_closed_campaign_says_applications_closed(campaign: Campaign) -> None:
    close(campaign)
    response = Client().get(reverse("applicants:post_detail", args=[campaign.pk]))
    page = flat(response)

    assert response.status_code == 200
    assert f"Applications closed on {campaign.closes_on:%-d %B %Y}" in page
    assert "Apply for this post" not in page


# Applying (APP-3) -----------------------------------------------------------------------------


def test_apply_without_an_account_offers_sign_in_and_registration(campaign: Campaign) -> None:
    url = reverse("applicants:apply", args=[campaign.pk])
    response = Client().get(url)
    page = text(response)

    assert response.status_code == 200
    assert "Sign in or create an account to apply" in page
    assert f"{reverse('applicants:register')}?next={url}" in page
    assert f"{reverse('login')}?next={url}" in page


def test_apply_posted_without_an_account_goes_to_sign_in(world: World, campaign: Campaign) -> None:
    url = reverse("applicants:apply", args=[campaign.pk])
    response = Client().post(url, form_data(world))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))
    assert Application.objects.count() == 0


def test_apply_saves_the_application_with_interests_and_cv(
    world: World, campaign: Campaign, applicant: Any
) -> None:
    """APP-3: the applicant's own application, their CV stored, their interests declared."""
    client = signed_in(applicant)
    response = client.post(reverse("applicants:apply", args=[campaign.pk]), form_data(world))

    application = Application.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("applicants:my_application", args=[application.pk])
    assert (application.applicant, application.campaign, application.name) == (
        applicant,
        campaign,
        "Dr Ada Okafor",
    )
    assert (application.organisation, application.practising, application.nil_interests) == (
        world.practice,
        True,
        False,
    )
    interest = ApplicantInterest.objects.get()
    assert (interest.category, interest.organisation, interest.description) == (
        "financial",
        world.practice,
        "Partner in the practice",
    )
    assert len(stored_files()) == 1
    assert "has been sent" in flat(client.get(response["Location"]))


def test_apply_with_no_interests_to_declare(world: World, campaign: Campaign, applicant: Any) -> None:
    data = form_data(
        world,
        interest_1_category="",
        interest_1_organisation="",
        interest_1_description="",
        nil_interests="on",
    )
    response = signed_in(applicant).post(reverse("applicants:apply", args=[campaign.pk]), data)

    assert response.status_code == 302
    assert Application.objects.get().nil_interests is True
    assert ApplicantInterest.objects.count() == 0


def test_apply_by_trust_staff_is_allowed(world: World, campaign: Campaign) -> None:
    response = signed_in(world.users["member"]).post(
        reverse("applicants:apply", args=[campaign.pk]), form_data(world)
    )

    assert response.status_code == 302
    assert Application.objects.get().applicant == world.users["member"]


def _refused(client: Client, campaign: Campaign, data: dict[str, Any]) -> str:
    response = client.post(reverse("applicants:apply", args=[campaign.pk]), data)
    assert response.status_code == 400
    assert Application.objects.count() == 0
    assert ApplicantInterest.objects.count() == 0
    assert stored_files() == []
    return summary_of(response)


def test_apply_after_the_closing_date_is_refused(world: World, campaign: Campaign, applicant: Any) -> None:
    """APP-3 bad input: an application after the closing date is refused, nothing saved."""
    close(campaign)
    summary = _refused(signed_in(applicant), campaign, form_data(world))

    assert f"Applications closed on {campaign.closes_on:%-d %B %Y}" in summary


def test_apply_page_after_the_closing_date_shows_no_form(campaign: Campaign, applicant: Any) -> None:
    close(campaign)
    response = signed_in(applicant).get(reverse("applicants:apply", args=[campaign.pk]))
    page = flat(response)

    assert response.status_code == 200
    assert "Applications closed on" in page
    assert "Send application" not in page


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("cv.exe", b"MZ\x90\x00 a program", "The CV must be one of these file types"),
        ("cv.pdf", b"MZ\x90\x00 not a PDF at all", "The CV is not a real PDF"),
        ("cv.pdf", b"", "The selected file is empty"),
        ("cv.pdf", PDF + b"x" * (1024 * 1024), "The CV must be smaller than 1MB"),
    ],
    ids=["forbidden-type", "fake-pdf", "empty", "over-size"],
)
def test_apply_with_a_forbidden_cv_is_refused(
    world: World, campaign: Campaign, applicant: Any, name: str, content: bytes, message: str
) -> None:
    """APP-3 bad input: a CV of a forbidden type or size, or a fake PDF; nothing saved."""
    policy_override(actor=SYSTEM, trust=world.trust, key="papers.max_megabytes", value=1, reason="Test")
    upload = SimpleUploadedFile(name, content, content_type="application/pdf")
    summary = _refused(signed_in(applicant), campaign, form_data(world, upload=upload))

    assert message in summary


def test_apply_without_a_cv_is_refused(world: World, campaign: Campaign, applicant: Any) -> None:
    data = form_data(world)
    del data["cv"]

    assert "Select your CV to upload" in _refused(signed_in(applicant), campaign, data)


def test_apply_without_a_statement_or_interests_shows_every_problem(
    world: World, campaign: Campaign, applicant: Any
) -> None:
    data = form_data(
        world, statement="", interest_1_category="", interest_1_organisation="", interest_1_description=""
    )
    summary = _refused(signed_in(applicant), campaign, data)

    assert "Enter your supporting statement" in summary
    assert "Declare your interests, or confirm you have none to declare" in summary


def test_apply_with_interests_and_nil_is_refused(world: World, campaign: Campaign, applicant: Any) -> None:
    summary = _refused(signed_in(applicant), campaign, form_data(world, nil_interests="on"))

    assert "You have declared interests: do not also confirm you have none" in summary


def test_apply_with_a_half_filled_interest_row_names_it(
    world: World, campaign: Campaign, applicant: Any
) -> None:
    data = form_data(world, interest_2_category="indirect")
    summary = _refused(signed_in(applicant), campaign, data)

    assert "Describe interest 2" in summary


def test_apply_with_another_trusts_organisation_is_refused(
    world: World, other_world: World, campaign: Campaign, applicant: Any
) -> None:
    data = form_data(world, organisation=str(other_world.practice.pk))
    summary = _refused(signed_in(applicant), campaign, data)

    assert "Select a practice or employer in this trust" in summary


def test_apply_twice_for_the_same_post_is_refused(world: World, campaign: Campaign, applicant: Any) -> None:
    first = apply(campaign, user=applicant)
    client = signed_in(applicant)
    response = client.post(reverse("applicants:apply", args=[campaign.pk]), form_data(world))

    assert response.status_code == 400
    assert "You have already applied for this post" in summary_of(response)
    assert list(Application.objects.all()) == [first]
    assert "You have already applied for this post" in flat(
        client.get(reverse("applicants:apply", args=[campaign.pk]))
    )


# Registering -----------------------------------------------------------------------------------


def register_data(**changes: str) -> dict[str, str]:
    data = {
        "username": "ada.okafor",
        "email": "ada@example.org",
        "password1": "violet-harbour-lantern-41",
        "password2": "violet-harbour-lantern-41",
    }
    return data | changes


def test_register_creates_an_account_signs_in_and_goes_to_applications(db: Any) -> None:
    client = Client()
    response = client.post(reverse("applicants:register"), register_data())

    user = get_user_model().objects.get(username="ada.okafor")
    assert response.status_code == 302
    assert response["Location"] == reverse("applicants:my_applications")
    assert user.email == "ada@example.org"
    assert user.check_password("violet-harbour-lantern-41")
    assert int(client.session["_auth_user_id"]) == user.pk


def test_register_goes_on_to_a_safe_next_address(campaign: Campaign) -> None:
    url = reverse("applicants:apply", args=[campaign.pk])
    response = Client().post(f"{reverse('applicants:register')}?next={url}", register_data())

    assert response.status_code == 302
    assert response["Location"] == url


@pytest.mark.parametrize("target", ["https://evil.example/steal", "//evil.example/", "javascript:alert(1)"])
def test_register_ignores_an_unsafe_next_address(db: Any, target: str) -> None:
    response = Client().post(reverse("applicants:register"), register_data(next=target))

    assert response.status_code == 302
    assert response["Location"] == reverse("applicants:my_applications")


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"password2": "a-different-password-99"}, "The passwords do not match"),
        ({"username": "ADMIN-TAKEN"}, "That username is taken: choose another"),
        ({"password1": "password", "password2": "password"}, "This password is too common"),
        ({"email": "not-an-email"}, "Enter an email address in the correct format"),
        ({"username": ""}, "Enter a username"),
    ],
    ids=["mismatch", "taken", "weak", "bad-email", "no-username"],
)
def test_register_with_bad_input_is_refused(db: Any, changes: dict[str, str], message: str) -> None:
    make_user("admin-taken")
    before = get_user_model().objects.count()
    client = Client()
    response = client.post(reverse("applicants:register"), register_data(**changes))

    assert response.status_code == 400
    assert message in summary_of(response)
    assert get_user_model().objects.count() == before
    assert "_auth_user_id" not in client.session


def test_register_when_signed_in_goes_on(applicant: Any) -> None:
    client = signed_in(applicant)

    assert client.get(reverse("applicants:register"))["Location"] == reverse("applicants:my_applications")
    assert client.get(reverse("applicants:register") + "?next=/posts/")["Location"] == "/posts/"


# The applicant's own applications (APP-3, APP-7) ------------------------------------------------


def test_my_applications_lists_only_the_users_own(world: World, campaign: Campaign, applicant: Any) -> None:
    mine = apply(campaign, name="Dr Mine", user=applicant)
    theirs = apply(campaign, name="Dr Theirs")
    response = signed_in(applicant).get(reverse("applicants:my_applications"))
    page = flat(response)

    assert response.status_code == 200
    assert f'data-application="{mine.pk}"' in page
    assert f'data-application="{theirs.pk}"' not in page
    assert "We have your application" in page


def test_my_applications_says_so_when_there_are_none(applicant: Any) -> None:
    page = flat(signed_in(applicant).get(reverse("applicants:my_applications")))

    assert "You have not applied for any posts yet" in page


def test_my_application_shows_what_was_sent_and_never_scores_or_panel_notes(
    world: World, applicant: Any
) -> None:
    """APP-7: the applicant sees their status and hint, never the panel's scores or notes."""
    rnd = make_round(world, 0, closed=False)
    application = apply(rnd.campaign, name="Dr Own", user=applicant)
    close(rnd.campaign)
    aps.sift_record(
        actor=panel_user(rnd.seats[0]),
        application=application,
        scores={i: (2, "PANEL NOTE: weak on teamwork") for i in range(1, len(rnd.post.criteria) + 1)},
    )
    client = signed_in(applicant)
    page = flat(client.get(reverse("applicants:my_application", args=[application.pk])))
    data = client.get(reverse("applicants:my_data", args=[application.pk])).content.decode()

    assert "Dr Own" in page
    assert "I have led our practice's commissioning for five years." in page
    assert "The panel will sift applications after the closing date" in page
    assert "PANEL NOTE" not in page
    assert "PANEL NOTE" not in data
    assert "score" not in data.lower()


def _other_clients(world: World) -> dict[str, Client]:
    return {
        "another applicant": signed_in(make_user()),
        "governance lead": signed_in(world.users["governance_lead"]),
        "panel chair": signed_in(world.users["chief_executive"]),
    }


def test_another_applicant_and_the_lead_get_404_on_an_application(world: World, applicant: Any) -> None:
    """APP-7, X-1: applicant-to-applicant isolation; 404, not 403, on every applicant URL."""
    rnd = make_round(world, 0, closed=False)
    application = apply(rnd.campaign, user=applicant)
    for who, client in _other_clients(world).items():
        for name in ["my_application", "my_data"]:
            url = reverse(f"applicants:{name}", args=[application.pk])
            assert client.get(url).status_code == 404, (who, name)
        for name, data in [("offer_respond", {"decision": "decline"}), ("withdraw", {})]:
            url = reverse(f"applicants:{name}", args=[application.pk])
            assert client.post(url, data).status_code == 404, (who, name)
    application.refresh_from_db()
    assert application.status == ApplicationStatus.SUBMITTED


def test_applicant_pages_send_anonymous_visitors_to_sign_in(campaign: Campaign, applicant: Any) -> None:
    application = apply(campaign, user=applicant)
    for url in [
        reverse("applicants:my_applications"),
        reverse("applicants:my_application", args=[application.pk]),
        reverse("applicants:my_data", args=[application.pk]),
    ]:
        response = Client().get(url)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("login"))


def test_my_data_downloads_the_applicants_own_data(world: World, campaign: Campaign, applicant: Any) -> None:
    """APP-7: the applicant downloads what they gave, as a JSON attachment."""
    application = apply(campaign, name="Dr Data", user=applicant)
    response = signed_in(applicant).get(reverse("applicants:my_data", args=[application.pk]))
    data = json.loads(response.content)

    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert response["Content-Disposition"] == f'attachment; filename="application-{campaign.reference}.json"'
    assert (data["name"], data["campaign"], data["status"]) == ("Dr Data", campaign.reference, "Received")


# Withdrawing (APP-3) --------------------------------------------------------------------------


def test_withdraw_by_post_withdraws_the_application(campaign: Campaign, applicant: Any) -> None:
    application = apply(campaign, user=applicant)
    client = signed_in(applicant)
    url = reverse("applicants:withdraw", args=[application.pk])

    assert client.get(url).status_code == 405
    response = client.post(url)
    application.refresh_from_db()
    assert response.status_code == 302
    assert application.status == ApplicationStatus.WITHDRAWN
    page = flat(client.get(response["Location"]))
    assert "Your application has been withdrawn" in page
    assert "Yes, withdraw my application" not in page


def test_withdraw_when_no_longer_possible_says_why(world: World, applicant: Any) -> None:
    rnd = make_round(world, 0, closed=False)
    application = apply(rnd.campaign, user=applicant)
    aps.application_withdraw(actor=applicant, application=application)
    client = signed_in(applicant)
    response = client.post(reverse("applicants:withdraw", args=[application.pk]))

    assert response.status_code == 302
    assert "The application cannot be withdrawn now: it is withdrawn" in flat(
        client.get(response["Location"])
    )


# The offer (APP-3, ORG-4) -----------------------------------------------------------------------


def offered(world: World) -> tuple[Round, Application, Offer]:
    rnd = make_round(world, 1)
    shortlist(rnd)
    score_all(rnd)
    offer = appoint_first(rnd)
    return rnd, rnd.applications[0], offer


def test_offer_shows_its_terms_with_accept_and_decline(world: World) -> None:
    _rnd, application, offer = offered(world)
    page = flat(
        signed_in(application.applicant).get(reverse("applicants:my_application", args=[application.pk]))
    )

    assert "The panel has offered you the post" in page
    assert f"{offer.start_date:%-d %B %Y}" in page
    assert "No fixed term" in page
    assert "Accept the offer" in page
    assert "Decline the offer" in page


def test_accepting_the_offer_makes_a_membership_on_the_posts_committee(world: World) -> None:
    """APP-3, ORG-4: acceptance creates the membership on the post's committee."""
    rnd, application, offer = offered(world)
    client = signed_in(application.applicant)
    url = reverse("applicants:offer_respond", args=[application.pk])

    assert client.get(url).status_code == 405
    response = client.post(url, {"decision": "accept"})
    application.refresh_from_db()
    offer.refresh_from_db()
    assert response.status_code == 302
    assert (application.status, offer.accepted) == (ApplicationStatus.ACCEPTED, True)
    membership = Membership.objects.get(person__user=application.applicant)
    assert (membership.committee, membership.start_date) == (rnd.post.committee, offer.start_date)
    assert offer.membership == membership
    page = flat(client.get(response["Location"]))
    assert f"You are a member of {world.pec.name}" in page
    assert "Accept the offer" not in page


def test_declining_the_offer_makes_no_membership(world: World) -> None:
    _rnd, application, _offer = offered(world)
    response = signed_in(application.applicant).post(
        reverse("applicants:offer_respond", args=[application.pk]), {"decision": "decline"}
    )
    application.refresh_from_db()

    assert response.status_code == 302
    assert application.status == ApplicationStatus.DECLINED
    assert not Membership.objects.filter(person__user=application.applicant).exists()


@pytest.mark.parametrize("decision", ["", "maybe"])
def test_offer_answer_that_is_neither_accept_nor_decline_changes_nothing(world: World, decision: str) -> None:
    _rnd, application, offer = offered(world)
    client = signed_in(application.applicant)
    response = client.post(reverse("applicants:offer_respond", args=[application.pk]), {"decision": decision})
    offer.refresh_from_db()

    assert offer.accepted is None
    assert "Choose whether to accept or decline the offer" in flat(client.get(response["Location"]))


def test_answering_an_offer_twice_says_it_was_answered(world: World) -> None:
    _rnd, application, _offer = offered(world)
    client = signed_in(application.applicant)
    url = reverse("applicants:offer_respond", args=[application.pk])
    client.post(url, {"decision": "decline"})
    response = client.post(url, {"decision": "accept"})

    assert "The offer has already been answered" in flat(client.get(response["Location"]))
    assert not Membership.objects.filter(person__user=application.applicant).exists()


def test_offer_respond_without_an_offer_is_not_found(campaign: Campaign, applicant: Any) -> None:
    application = apply(campaign, user=applicant)
    response = signed_in(applicant).post(
        reverse("applicants:offer_respond", args=[application.pk]), {"decision": "accept"}
    )

    assert response.status_code == 404


# Home pages ------------------------------------------------------------------------------------


def test_home_for_an_applicant_shows_their_applications_and_open_posts(
    campaign: Campaign, applicant: Any
) -> None:
    application = apply(campaign, name="Dr Home", user=applicant)
    page = flat(signed_in(applicant).get(reverse("home")))

    assert reverse("applicants:my_application", args=[application.pk]) in page
    assert "Posts open for applications" in page
    assert "Your account is not linked to a trust yet" not in page


def test_home_for_a_user_with_no_trust_and_no_applications_links_to_open_posts(applicant: Any) -> None:
    page = flat(signed_in(applicant).get(reverse("home")))

    assert "Your account is not linked to a trust yet" in page
    assert reverse("applicants:posts") in page


def test_public_home_links_to_open_posts(db: Any) -> None:
    page = flat(Client().get(reverse("public:public_home")))

    assert "Posts open for applications" in page
    assert reverse("applicants:posts") in page
