"""The page cache (src/pecgov/ui/pagecache.py): a kept page is served back only to the
session that rendered it (the pages kept once per role set: tests/ui/test_rolepages.py), and
only until the next committed write that could change it.

These tests commit for real (`transactional_db`): the data version goes up on commit.
"""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.contrib import messages
from django.db import transaction
from django.test import Client
from django.urls import reverse

from pecgov.audit import chain
from pecgov.trust import services as trust_services
from pecgov.trust.models import Person, RoleGrant
from pecgov.ui import dataversion, pagecache
from pecgov.ui.models import DataVersion
from tests.conflicts.helpers import decide
from tests.factories import World
from tests.meeting_factories import conflicted_item

pytestmark = pytest.mark.usefixtures("transactional_db", "page_cache_on")

NONCE = re.compile(rb'nonce="([^"]+)"')
CSRF = re.compile(rb'name="csrfmiddlewaretoken" value="[A-Za-z0-9]{64}"')


def same_page(body: bytes) -> bytes:
    return CSRF.sub(b"", NONCE.sub(b"", body))


def number() -> int:
    """The data version's number (the part after its epoch)."""
    return int(dataversion.current_version().rsplit(":", 1)[1])


def lead(world: World) -> Any:
    return world.users["governance_lead"]


def get(client: Client, path: str) -> Any:
    response = client.get(path)
    assert response.status_code == 200, path
    return response


def key_pages(world: World) -> dict[str, str]:
    """Every page that uses the cache, with a URL that shows something."""
    meeting, item, _ = conflicted_item(world)
    decide(item)
    return {
        "home": reverse("home"),
        "committee": reverse("trust:committee_detail", args=[world.pec.pk]),
        "register": reverse("public:public_register") + f"?trust={world.trust.ods_code}",
        "meeting": reverse("meetings:meeting_detail", args=[meeting.pk]),
        "pipeline": reverse("commissioning:pipeline"),
        "statement_pdf": reverse("conflicts:statement_pdf", args=[item.pk]),
    }


@pytest.mark.parametrize("page", ["home", "committee", "register", "meeting", "pipeline", "statement_pdf"])
def test_each_key_page_is_kept_then_rendered_again_after_a_write(world: World, page: str) -> None:
    path = key_pages(world)[page]
    client = Client()
    client.force_login(lead(world))

    get(client, path)  # a page with a form sets the CSRF cookie first, and is not kept then
    first = get(client, path)
    second = get(client, path)
    assert first["X-Page-Cache"] in {"miss", "hit"}
    assert second["X-Page-Cache"] == "hit"
    assert second["Content-Type"] == first["Content-Type"]
    # The same page but for the nonce and the CSRF tokens' masks, new on every answer.
    assert same_page(second.content) == same_page(first.content)

    before = number()
    trust_services.person_update(actor=lead(world), person=world.people["member"], job_title="Job title 0")
    assert number() == before + 1

    assert get(client, path)["X-Page-Cache"] == "miss"


def test_a_write_shows_on_the_next_view(world: World) -> None:
    client = Client()
    client.force_login(lead(world))
    path = reverse("trust:committee_detail", args=[world.pec.pk])
    get(client, path)
    assert get(client, path)["X-Page-Cache"] == "hit"

    trust_services.committee_update(actor=lead(world), committee=world.pec, name="Clinical Executive")

    response = get(client, path)
    assert response["X-Page-Cache"] == "miss"
    assert "Clinical Executive" in response.content.decode()


def test_a_kept_page_is_never_served_to_another_user_or_session(world: World) -> None:
    path = reverse("home")
    lead_client, member_client, lead_again = Client(), Client(), Client()
    lead_client.force_login(lead(world))
    member_client.force_login(world.users["member"])
    lead_again.force_login(lead(world))

    lead_page = get(lead_client, path)
    member_page = get(member_client, path)
    other_session = get(lead_again, path)

    assert lead_page["X-Page-Cache"] == "miss"
    assert member_page["X-Page-Cache"] == "miss"
    assert other_session["X-Page-Cache"] == "miss"
    assert NONCE.sub(b"", lead_page.content) != NONCE.sub(b"", member_page.content)


def test_each_hit_carries_a_fresh_csp_nonce_matching_its_header(world: World) -> None:
    client = Client()
    client.force_login(lead(world))
    first = get(client, reverse("home"))
    hit = get(client, reverse("home"))

    assert hit["X-Page-Cache"] == "hit"
    nonces = set(NONCE.findall(hit.content))
    assert len(nonces) == 1
    nonce = nonces.pop().decode()
    assert f"'nonce-{nonce}'" in hit["Content-Security-Policy"]
    assert nonce not in first.content.decode()
    assert pagecache.NONCE_MARK not in hit.content.decode()


def test_a_page_with_a_waiting_message_is_rendered_and_not_kept(world: World) -> None:
    client = Client()
    client.force_login(lead(world))
    path = reverse("trust:committee_detail", args=[world.pec.pk])
    get(client, path)  # kept

    # A form that redirects here with a message: the message must be shown, not the kept page.
    session_message(client, "Committee updated: the test message.")
    shown = get(client, path)
    assert "Committee updated: the test message." in shown.content.decode()
    assert not shown.has_header("X-Page-Cache")

    after = get(client, path)
    assert after["X-Page-Cache"] == "hit"
    assert "Committee updated: the test message." not in after.content.decode()


def session_message(client: Client, text: str) -> None:
    """Queue a message the way a view does, through the message storage of a real request."""
    from django.contrib.messages.storage import default_storage
    from django.http import HttpRequest, HttpResponse

    request = HttpRequest()
    request.session = client.session
    storage = default_storage(request)
    storage.add(messages.SUCCESS, text)
    response = HttpResponse()
    storage.update(response)
    request.session.save()
    for name, morsel in response.cookies.items():
        client.cookies[name] = morsel.value


def test_a_refused_or_missing_page_is_not_kept(world: World) -> None:
    client = Client()
    client.force_login(lead(world))
    missing = reverse("meetings:meeting_detail", args=[999_999])
    assert client.get(missing).status_code == 404
    assert client.get(missing).status_code == 404
    assert not client.get(missing).has_header("X-Page-Cache")


def test_a_revoked_role_is_refused_at_once_not_served_the_kept_page(world: World) -> None:
    client = Client()
    client.force_login(world.users["member"])
    path = reverse("meetings:meeting_detail", args=[conflicted_item(world)[0].pk])
    get(client, path)
    assert get(client, path)["X-Page-Cache"] == "hit"

    # The member's account is unlinked from their person: the access check runs before the cache
    # and, with a new data version, reads the member's roles afresh.
    assert not RoleGrant.objects.filter(user=world.users["member"]).exists()
    person = Person.objects.get(user=world.users["member"])
    person.user = None
    person.save()

    assert client.get(path).status_code in {302, 403}


def test_a_rolled_back_write_does_not_bump_and_the_next_write_does(world: World) -> None:
    start = number()
    with pytest.raises(RuntimeError), transaction.atomic():
        trust_services.person_update(
            actor=lead(world), person=world.people["member"], job_title="Job title 1"
        )
        raise RuntimeError("the form failed")
    assert number() == start

    with transaction.atomic():
        trust_services.person_update(
            actor=lead(world), person=world.people["member"], job_title="Job title 2"
        )
        trust_services.person_update(
            actor=lead(world), person=world.people["member"], job_title="Job title 3"
        )
        assert number() == start  # not before the commit
    assert number() == start + 1  # once per transaction


def test_a_recorded_read_changes_no_page(world: World) -> None:
    start = number()
    chain.append(actor=lead(world), action="score_sheet.read", trust_id=world.trust.pk, summary="read")
    assert number() == start
    chain.append(actor=lead(world), action="person.updated", trust_id=world.trust.pk, summary="changed")
    assert number() == start + 1


def test_signing_in_and_out_changes_no_page(world: World) -> None:
    """Sign-ins are bookkeeping: they are in the ledger (X-2) but throw away no kept page."""
    user = lead(world)
    user.set_password("a long enough password 1")
    user.save()
    start = number()
    client = Client()
    assert client.login(username=user.get_username(), password="a long enough password 1")
    client.logout()
    assert not client.login(username=user.get_username(), password="wrong")
    assert number() == start
    user.refresh_from_db()
    assert user.last_login is not None  # the sign-in was stamped, and the stamp bumped nothing
    user.first_name = "Renamed"
    user.save()
    assert number() == start + 1  # any other change to the user still does


def test_a_new_day_renders_again(world: World, monkeypatch: pytest.MonkeyPatch) -> None:
    import datetime as dt

    client = Client()
    client.force_login(lead(world))
    get(client, reverse("home"))
    assert get(client, reverse("home"))["X-Page-Cache"] == "hit"

    tomorrow = dt.date.today() + dt.timedelta(days=1)
    monkeypatch.setattr(pagecache.timezone, "localdate", lambda: tomorrow)
    assert get(client, reverse("home"))["X-Page-Cache"] == "miss"


def test_off_when_the_setting_is_off(world: World, settings: Any) -> None:
    settings.PAGE_CACHE = False
    client = Client()
    client.force_login(lead(world))
    get(client, reverse("home"))
    assert not get(client, reverse("home")).has_header("X-Page-Cache")
    before = number()
    trust_services.person_update(actor=lead(world), person=world.people["member"], job_title="Job title 4")
    assert number() == before


def test_the_bench_bypass_header_works_only_under_the_bench(world: World, settings: Any) -> None:
    client = Client()
    client.force_login(lead(world))
    get(client, reverse("home"))
    assert client.get(reverse("home"), HTTP_X_BENCH_NO_CACHE="1")["X-Page-Cache"] == "hit"
    settings.BENCH = True
    assert not client.get(reverse("home"), HTTP_X_BENCH_NO_CACHE="1").has_header("X-Page-Cache")


def test_a_version_row_made_again_has_a_new_epoch_so_old_pages_are_never_reached() -> None:
    dataversion.bump()
    before = dataversion.current_version()
    DataVersion.objects.all().delete()  # a database emptied and loaded afresh
    assert number() == 0
    dataversion.bump()
    after = dataversion.current_version()
    assert number() == 1
    assert after.split(":")[0] != before.split(":")[0]
    assert after != before


def test_api_lists_are_kept_per_caller_and_refused_without_a_sign_in(world: World) -> None:
    from pecgov.api.tokens import token_create, token_revoke

    path = reverse("api-1.0.0:list_people")
    session = Client()
    session.force_login(lead(world))
    assert session.get(path)["X-Page-Cache"] == "miss"
    kept = session.get(path)
    assert kept["X-Page-Cache"] == "hit"
    assert kept["Content-Type"].startswith("application/json")
    assert kept.json()["count"] > 0

    _, key = token_create(actor=lead(world), user=lead(world), name="reports")
    bearer = Client(HTTP_AUTHORIZATION=f"Bearer {key}")
    assert bearer.get(path)["X-Page-Cache"] == "miss"  # not the session's copy
    assert bearer.get(path)["X-Page-Cache"] == "hit"

    anonymous = Client()
    assert anonymous.get(path).status_code == 401
    assert not anonymous.get(path).has_header("X-Page-Cache")
    wrong = Client(HTTP_AUTHORIZATION="Bearer not-a-token")
    assert wrong.get(path).status_code == 401

    token_revoke(actor=lead(world), token=world_token(lead(world)))
    assert bearer.get(path).status_code == 401


def world_token(user: Any) -> Any:
    from pecgov.api.models import ApiToken

    return ApiToken.objects.get(user=user, name="reports")


def test_the_public_api_list_is_kept_for_everyone_signed_out(world: World) -> None:
    path = reverse("api-1.0.0:list_public_declarations") + f"?trust={world.trust.ods_code}"
    assert Client().get(path)["X-Page-Cache"] == "miss"
    assert Client().get(path)["X-Page-Cache"] == "hit"
    trust_services.person_update(actor=lead(world), person=world.people["member"], job_title="Changed")
    assert Client().get(path)["X-Page-Cache"] == "miss"


@pytest.mark.parametrize("page", ["home", "committee", "meeting", "pipeline"])
def test_a_kept_page_costs_a_few_queries_whatever_it_shows(
    world: World, page: str, django_assert_max_num_queries: Any
) -> None:
    """Session, data version and, behind an access check, the user: never the page's own."""
    path = key_pages(world)[page]
    client = Client()
    client.force_login(lead(world))
    get(client, path)
    get(client, path)
    with django_assert_max_num_queries(4):
        assert get(client, path)["X-Page-Cache"] == "hit"


def test_a_deactivated_or_re_passworded_user_is_signed_out_on_the_next_request(world: World) -> None:
    """Users are kept per data version (pecgov.ui.auth); saving one is a new version."""
    path = reverse("trust:committee_detail", args=[world.pec.pk])
    lead_client, member_client = Client(), Client()
    lead_client.force_login(lead(world))
    member_client.force_login(world.users["member"])
    get(lead_client, path)
    get(member_client, path)
    assert get(lead_client, path)["X-Page-Cache"] == "hit"

    user = lead(world)
    user.is_active = False
    user.save()
    assert lead_client.get(path).status_code == 302  # to the sign-in page

    member = world.users["member"]
    member.set_password("a-new-passphrase-2026")
    member.save()
    assert member_client.get(path).status_code == 302


def test_each_request_gets_its_own_copy_of_a_kept_user(world: World) -> None:
    from pecgov.ui.auth import KeptUserBackend

    backend = KeptUserBackend()
    first = backend.get_user(lead(world).pk)
    first.note_from_one_request = "mine"
    first._state.fields_cache["x"] = object()
    second = backend.get_user(lead(world).pk)
    assert second is not first
    assert second.pk == first.pk
    assert not hasattr(second, "note_from_one_request")
    assert "x" not in second._state.fields_cache


def test_threads_asking_for_the_same_page_share_one_render(monkeypatch: pytest.MonkeyPatch) -> None:
    import threading
    import time

    from django.http import HttpResponse
    from django.test import RequestFactory

    monkeypatch.setattr(pagecache, "request_version", lambda request: "test:1")
    renders: list[int] = []

    @pagecache.cached_page
    def slow(request: Any) -> HttpResponse:
        renders.append(1)
        time.sleep(0.2)
        return HttpResponse(b"%PDF-1.7 a statement", content_type="application/pdf")

    answers: list[Any] = []

    def ask() -> None:
        answers.append(slow(RequestFactory().get("/items/1/statement.pdf")))

    threads = [threading.Thread(target=ask) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=10)

    assert len(renders) == 1
    assert sorted(a["X-Page-Cache"] for a in answers) == ["hit", "hit", "hit", "miss"]
    assert {a.content for a in answers} == {b"%PDF-1.7 a statement"}
    assert pagecache._RENDERING == {}
