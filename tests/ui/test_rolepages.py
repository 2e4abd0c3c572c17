"""Pages kept once per role set (src/pecgov/ui/rolepages.py): two people with the same roles
share one render, and each is served their own name, CSRF token and nonce; a person's own
parts (their actions) are never served to another (X-1, X-3, X-4 at national scale; ADM-1).

These tests commit for real (`transactional_db`): the data version goes up on commit.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pytest
from django.conf import settings
from django.middleware import csrf
from django.test import Client
from django.urls import reverse

from pecgov.actors import SYSTEM
from pecgov.meetings.services import minutes as minute_services
from pecgov.trust import services as trust_services
from pecgov.trust.enums import GrantRole, MembershipRole
from pecgov.trust.models import Person
from pecgov.ui import rolepages
from tests.factories import World, make_person, make_user, seat
from tests.meeting_factories import make_meeting

pytestmark = pytest.mark.usefixtures("transactional_db", "page_cache_on")

TOKENS = re.compile(rb'name="csrfmiddlewaretoken" value="([A-Za-z0-9]{64})"')
HEADER = re.compile(rb"<header\b.*?</header>", re.S)
unmask = csrf._unmask_cipher_token  # type: ignore[attr-defined]  # Django's own, untyped in the stubs
mask = csrf._mask_cipher_secret  # type: ignore[attr-defined]


def named_user(username: str, first: str, last: str) -> Any:
    return make_user(username, first_name=first, last_name=last)


def second_member(world: World) -> tuple[Any, Person]:
    """Another clinical PEC member with an account: the same role set as world's "member"."""
    user = named_user(f"member-two-{world.trust.ods_code.lower()}", "Bethany", "Second")
    person = make_person(world.trust, name="Bethany Second", user=user)
    seat(person, world.pec, MembershipRole.CLINICAL)
    return user, person


def second_lead(world: World) -> Any:
    user = named_user(f"lead-two-{world.trust.ods_code.lower()}", "Lionel", "Second")
    trust_services.role_grant(actor=SYSTEM, user=user, trust=world.trust, role=GrantRole.GOVERNANCE_LEAD)
    return user


def signed_in(user: Any, *, enforce_csrf: bool = False) -> Client:
    client = Client(enforce_csrf_checks=enforce_csrf)
    client.force_login(user)
    return client


def get(client: Client, path: str) -> Any:
    response = client.get(path)
    assert response.status_code == 200, path
    return response


def header(response: Any) -> bytes:
    found = HEADER.search(response.content)
    assert found is not None
    return found.group(0)


def csrf_secret(client: Client) -> str:
    return str(client.cookies[settings.CSRF_COOKIE_NAME].value)


def test_two_members_with_the_same_roles_share_one_render_each_with_their_own_name(world: World) -> None:
    """X-3: the second member is served the first one's render, with their own name in the header."""
    first = world.users["member"]
    first.first_name, first.last_name = "Aisha", "First"
    first.save()
    second, _ = second_member(world)
    path = reverse("trust:committee_detail", args=[world.pec.pk])

    a = get(signed_in(first), path)
    b = get(signed_in(second), path)

    assert a["X-Page-Cache"] == "miss"
    assert b["X-Page-Cache"] == "hit"
    assert b"Bethany Second" in header(b)
    assert b"Aisha First" not in header(b)
    assert b"Aisha First" in header(a)
    assert rolepages.NAME_MARK.encode() not in b.content


def test_two_leads_share_a_page_with_forms_each_with_tokens_of_their_own_secret(world: World) -> None:
    """X-4: the forms on a shared page carry the visitor's CSRF token, never the first renderer's,
    and the visitor's form posts."""
    meeting = make_meeting(world.pec)
    path = reverse("meetings:meeting_detail", args=[meeting.pk])
    lead_a, lead_b = (
        signed_in(world.users["governance_lead"]),
        signed_in(second_lead(world), enforce_csrf=True),
    )
    get(lead_a, path)  # the first visit sets the CSRF cookie and is not kept
    get(lead_b, path)
    a = get(lead_a, path)
    b = get(lead_b, path)

    assert a["X-Page-Cache"] == "miss"
    assert b["X-Page-Cache"] == "hit"
    tokens_b = TOKENS.findall(b.content)
    assert tokens_b, "the lead's meeting page has forms"
    assert csrf_secret(lead_a) != csrf_secret(lead_b)
    assert {unmask(t.decode()) for t in tokens_b} == {csrf_secret(lead_b)}
    assert rolepages.CSRF_MARK.encode() not in b.content

    form_action = reverse("meetings:minutes_draft", args=[meeting.pk])
    posted = lead_b.post(form_action, {"csrfmiddlewaretoken": tokens_b[0].decode()})
    assert posted.status_code == 302  # accepted: the token is lead B's own


def test_a_lead_and_a_member_do_not_share(world: World) -> None:
    """X-1: a different role set gets its own render: the member is never shown the lead's links."""
    meeting = make_meeting(world.pec)
    path = reverse("meetings:meeting_detail", args=[meeting.pk])
    lead = signed_in(world.users["governance_lead"])
    get(lead, path)
    lead_page = get(lead, path)
    member_page = get(signed_in(world.users["member"]), path)

    assert lead_page["X-Page-Cache"] in {"miss", "hit"}
    assert member_page["X-Page-Cache"] == "miss"
    add_action = reverse("meetings:action_create", args=[meeting.pk]).encode()
    assert add_action in lead_page.content
    assert add_action not in member_page.content


def test_an_action_owner_sees_their_button_and_a_role_mate_never_gets_it(world: World) -> None:
    """'Your actions' stay the person's own: the owner's render is not served to another member."""
    meeting = make_meeting(world.pec)
    owner_user, owner = second_member(world)
    minute_services.action_add(
        actor=world.users["governance_lead"],
        meeting=meeting,
        description="Send the audit report",
        owner=owner,
        due_date=dt.date.today() + dt.timedelta(days=7),
    )
    path = reverse("meetings:meeting_detail", args=[meeting.pk])
    owner_client, other_client = signed_in(owner_user), signed_in(world.users["member"])
    get(owner_client, path)  # the owner's first visit sets the CSRF cookie and is not kept

    owner_page = get(owner_client, path)
    other_page = get(other_client, path)
    owner_again = get(owner_client, path)
    other_again = get(other_client, path)

    assert b"Mark as done" in owner_page.content
    assert other_page["X-Page-Cache"] == "miss"
    assert b"Mark as done" not in other_page.content
    assert owner_again["X-Page-Cache"] == "hit"
    assert b"Mark as done" in owner_again.content
    assert other_again["X-Page-Cache"] == "hit"
    assert b"Mark as done" not in other_again.content


def test_signed_out_readers_share_the_public_register_and_a_signed_in_reader_does_not(world: World) -> None:
    """PUB-1: one render for every signed-out reader; a signed-in reader gets their own header."""
    path = reverse("public:public_register") + f"?trust={world.trust.ods_code}"
    assert Client().get(path)["X-Page-Cache"] == "miss"
    assert Client().get(path)["X-Page-Cache"] == "hit"
    member = get(signed_in(world.users["member"]), path)
    assert member["X-Page-Cache"] == "miss"
    assert world.users["member"].get_username().encode() in header(member)


def test_a_name_the_header_holds_more_than_once_is_kept_per_session(world: World) -> None:
    """When the name cannot be told apart in the header, the page is not shared: kept per session."""
    tricky = make_user("nhsuk")  # the header's class names hold it many times
    person = make_person(world.trust, name="Tricky Member", user=tricky)
    seat(person, world.pec, MembershipRole.CLINICAL)
    path = reverse("trust:committee_detail", args=[world.pec.pk])
    tricky_client = signed_in(tricky)

    assert get(tricky_client, path)["X-Page-Cache"] == "miss"
    assert get(signed_in(world.users["member"]), path)["X-Page-Cache"] == "miss"  # not tricky's page
    assert get(tricky_client, path)["X-Page-Cache"] == "hit"  # kept for tricky's session


def test_a_page_still_holding_the_renderers_token_is_refused_for_sharing(rf: Any) -> None:
    """The last check before sharing: a token of the renderer's secret anywhere (not in a form's
    input) keeps the page per session."""
    from django.contrib.auth.models import AnonymousUser

    secret = csrf._get_new_csrf_string()
    request = rf.get("/")
    request.user = AnonymousUser()
    request.COOKIES[settings.CSRF_COOKIE_NAME] = secret
    token = mask(secret).encode()
    assert rolepages._holds_the_person(request, b'<p data-token="' + token + b'">')
    assert rolepages._holds_the_person(request, b"<p>" + secret.encode() + b"</p>")
    assert not rolepages._holds_the_person(request, b'<p data-token="' + mask("x" * 32).encode() + b'">')


def test_a_write_in_the_trust_renders_a_shared_page_again(world: World) -> None:
    """The role-set page is keyed on the trust's data version like any kept page."""
    second, _ = second_member(world)
    path = reverse("trust:committee_detail", args=[world.pec.pk])
    get(signed_in(world.users["member"]), path)
    assert get(signed_in(second), path)["X-Page-Cache"] == "hit"
    trust_services.committee_update(
        actor=world.users["governance_lead"], committee=world.pec, name="Renamed PEC"
    )
    page = get(signed_in(second), path)
    assert page["X-Page-Cache"] == "miss"
    assert b"Renamed PEC" in page.content
