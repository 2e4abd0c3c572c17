"""Components kept per set of parameters and URLs kept per name (src/pecgov/ui/kept.py): a kept
header never shows one person's name or links to another (X-1, X-3)."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse
from markupsafe import Markup

from pecgov.ui import kept
from tests.factories import World


@pytest.fixture(autouse=True)
def _nothing_kept() -> None:
    kept.forget()


def test_each_person_sees_their_own_name_escaped_in_a_kept_header(client_for: Any, world: World) -> None:
    """X-1, X-3: the header is kept for the role set; the name is filled in per request, escaped."""
    lead = world.users["governance_lead"]
    first = client_for("governance_lead").get("/").content.decode()
    assert (lead.get_full_name() or lead.get_username()) in first

    lead.first_name, lead.last_name = "<b>Eve", "O'Neil</b>"
    lead.save()
    again = client_for("governance_lead").get("/").content.decode()

    assert "&lt;b&gt;Eve O&#39;Neil&lt;/b&gt;" in again
    assert "<b>Eve" not in again
    assert len(kept._COMPONENTS["_library_header"].items) == 1  # one header for the two renders


def test_a_kept_header_does_not_carry_one_role_set_s_links_to_another(client_for: Any, world: World) -> None:
    """X-1: the lead's Staff link is not shown to a member after the lead's header was kept."""
    staff = f'href="{reverse("onboarding:staff_list")}"'
    lead_page = client_for("governance_lead").get("/").content.decode()
    member_page = client_for("member").get("/").content.decode()

    assert staff in lead_page
    assert staff not in member_page
    member = world.users["member"]
    assert (member.get_full_name() or member.get_username()) in member_page
    assert world.users["governance_lead"].get_username() not in member_page


def test_kept_urls_are_what_reverse_answers(db: Any) -> None:
    """The same paths as `reverse`, per name and arguments."""
    assert kept.url("home") == reverse("home")
    assert kept.url("meetings:meeting_detail", 7) == reverse("meetings:meeting_detail", args=[7])
    assert kept.url("meetings:meeting_detail", 8) == reverse("meetings:meeting_detail", args=[8])
    assert kept.url("home") == reverse("home")


def test_markup_and_text_of_one_spelling_are_kept_apart() -> None:
    """A caption given as text is escaped, the same characters given as markup are not."""
    assert kept.freeze({"text": "<b>"}) != kept.freeze({"text": Markup("<b>")})
    assert kept.freeze([1, True]) != kept.freeze([True, 1])
    calls: list[Any] = []

    def component(params: Any) -> str:
        calls.append(params)
        return f"<p>{len(calls)}</p>"

    draw = kept.kept_component(component)
    assert draw({"a": [1, 2]}) == draw({"a": [1, 2]}) == Markup("<p>1</p>")
    assert draw({"a": [1, 3]}) == Markup("<p>2</p>")
    assert draw({"a": object()}) == Markup("<p>3</p>")  # an object is never kept
    assert draw({"a": object()}) == Markup("<p>4</p>")
