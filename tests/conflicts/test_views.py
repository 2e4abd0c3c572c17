"""The agenda item page over HTTP: who is conflicted and why, handling, votes, the decision and
concerns (COI-2 to COI-4, MTG-2 to MTG-4, X-4)."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pytest
from django.test import Client

from pecgov.audit.models import AuditEvent
from pecgov.interests import services as isv
from pecgov.meetings.models import AgendaItem, ConflictConcern, ItemConflict, Vote
from pecgov.policy.services import policy_choose_pack
from tests.conflicts.helpers import explanation, handle_all, url
from tests.factories import SYSTEM, World
from tests.meeting_factories import conflicted_item, make_item

pytestmark = pytest.mark.django_db


def checked_handling(html: str) -> list[str]:
    """The handling preselected on each row of the conflicts table."""
    selects = re.findall(r'<select[^>]*name="c\d+-handling".*?</select>', html, re.S)
    return [v for s in selects for v in re.findall(r'value="(\w+)"\s*selected', s)]


def table_post(item: AgendaItem, rows: dict[int, dict[str, Any]]) -> dict[str, Any]:
    """The conflicts table as the browser posts it: each row's fields under `c<person id>-`."""
    data: dict[str, Any] = {}
    for person_id, fields in rows.items():
        fields = {"interest": explanation(item, person_id)} | fields
        data |= {f"c{person_id}-{name}": value for name, value in fields.items()}
    return data


@pytest.mark.parametrize("role", ["governance_lead", "pec_chair"])
def test_item_page_flags_the_chair_with_an_explanation(role: str, world: World, client_for: Any) -> None:
    _, item, chair = conflicted_item(world, days=-1)

    response = client_for(role).get(url("item_detail", item))

    assert response.status_code == 200
    html = response.content.decode()
    assert f'id="conflict-{chair.pk}"' in html
    assert (
        explanation(item, chair.pk)
        == f"{chair.name} works at {world.practice.name}, which this item affects."
    )
    assert explanation(item, chair.pk) in html
    assert "Not handled yet" in html
    # COI-8: the lead is offered the form; the chair is not offered a ruling on their own conflict.
    assert (f'id="c{chair.pk}-handling"' in html) is (role == "governance_lead")
    assert ('id="conflicts-form"' in html) is (role == "governance_lead")


def test_item_page_proposes_the_dh_default_for_a_financial_interest(world: World, lead_client: Any) -> None:
    _, item, _ = conflicted_item(world, days=-1)

    html = lead_client.get(url("item_detail", item)).content.decode()

    assert checked_handling(html) == ["exclude_decision"]


def test_item_page_proposes_the_alliance_default_under_the_alliance_pack(
    world: World, lead_client: Any
) -> None:
    policy_choose_pack(actor=SYSTEM, trust=world.trust, pack="alliance2006")
    _, item, _ = conflicted_item(world, days=-1)

    html = lead_client.get(url("item_detail", item)).content.decode()

    assert checked_handling(html) == ["exclude_debate"]


def test_item_page_proposes_no_action_for_a_non_financial_interest(world: World, lead_client: Any) -> None:
    meeting, _, _ = conflicted_item(world, days=-1)
    other = make_item(meeting, title="Voluntary sector bid", affected=[world.trust])
    isv.declaration_create(
        actor=SYSTEM,
        person=world.people["member"],
        category="non_financial_personal",
        organisation=world.trust,
        description="Spouse works at the trust",
        start_date=dt.date(2020, 1, 1),
    )

    html = lead_client.get(url("item_detail", other)).content.decode()

    assert "Spouse works at the trust" in html
    assert checked_handling(html) == ["no_action"]


def test_member_sees_the_flag_without_forms(world: World, client_for: Any) -> None:
    _, item, chair = conflicted_item(world, days=-1)

    response = client_for("member").get(url("item_detail", item))

    html = response.content.decode()
    assert response.status_code == 200
    assert explanation(item, chair.pk) in html
    assert 'id="conflicts-form"' not in html
    assert 'id="vote-form"' not in html
    assert 'id="decide-form"' not in html


def test_recording_exclude_decision_shows_it(world: World, lead_client: Any) -> None:
    _, item, chair = conflicted_item(world, days=-1)

    response = lead_client.post(
        url("conflict_record", item, person_pk=chair.pk),
        {
            "handling": "exclude_decision",
            "interest": explanation(item, chair.pk),
            "reason": "",
            "ruled_by": world.people["member"].pk,
        },
    )

    assert response.status_code == 302
    record = ItemConflict.objects.get(item=item, person=chair)
    assert (record.handling, record.interest) == ("exclude_decision", explanation(item, chair.pk))
    html = lead_client.get(response["Location"]).content.decode()
    assert "Excluded from the decision, may give advice" in html
    assert "Excluded: cannot vote" in html


def test_the_chair_can_record_handling(world: World, client_for: Any) -> None:
    """The chair rules on another member's conflict (COI-3)."""
    _, item, _chair = conflicted_item(world, days=-1)
    member = world.people["member"]
    isv.declaration_create(
        actor=SYSTEM,
        person=member,
        category="financial",
        organisation=world.practice,
        description="Partner",
        start_date=dt.date(2020, 1, 1),
    )

    response = client_for("pec_chair").post(
        url("conflict_record", item, person_pk=member.pk),
        {"handling": "exclude_debate", "interest": "Partner at the practice"},
    )

    assert response.status_code == 302
    assert ItemConflict.objects.get(item=item, person=member).handling == "exclude_debate"


def test_the_chair_cannot_rule_on_their_own_conflict(world: World, client_for: Any) -> None:
    """No one rules on their own conflict (COI-8): refused, nothing saved."""
    _, item, chair = conflicted_item(world, days=-1)

    response = client_for("pec_chair").post(
        url("conflict_record", item, person_pk=chair.pk),
        {"handling": "exclude_debate", "interest": explanation(item, chair.pk)},
    )

    assert response.status_code == 403
    assert not ItemConflict.objects.filter(item=item, person=chair).exists()


def test_the_chairs_conflict_names_who_ruled_and_chaired_the_item(world: World, lead_client: Any) -> None:
    """The lead recording the chair's conflict must say who ruled on it; the record shows they
    chaired the item, with the advice sought first (COI-8)."""
    _, item, chair = conflicted_item(world, days=-1)
    post = {"handling": "exclude_debate", "interest": explanation(item, chair.pk)}

    missing = lead_client.post(url("conflict_record", item, person_pk=chair.pk), post)
    done = lead_client.post(
        url("conflict_record", item, person_pk=chair.pk),
        post
        | {
            "ruled_by": world.people["member"].pk,
            "referred_to": "Avonmere clinical reference group",
            "referral_advice": "Exclude the chair from the debate",
            "referred_on-day": "1",
            "referred_on-month": "3",
            "referred_on-year": "2007",
        },
    )

    assert missing.status_code == 400
    assert "Select who ruled on the chair&#39;s conflict" in missing.content.decode()
    assert done.status_code == 302
    record = ItemConflict.objects.get(item=item, person=chair)
    assert (record.ruled_by, record.referred_to) == (
        world.people["member"],
        "Avonmere clinical reference group",
    )
    html = lead_client.get(url("item_detail", item)).content.decode()
    assert f"Ruled on by {world.people['member'].name}, who chaired this item." in html
    assert "Advice sought from Avonmere clinical reference group (1 March 2007): Exclude the chair" in html


def test_no_action_without_reason_returns_400_and_saves_nothing(world: World, lead_client: Any) -> None:
    _, item, chair = conflicted_item(world, days=-1)
    events = AuditEvent.objects.count()

    response = lead_client.post(
        url("conflict_record", item, person_pk=chair.pk),
        {"handling": "no_action", "interest": explanation(item, chair.pk), "reason": "  "},
    )

    assert response.status_code == 400
    html = response.content.decode()
    assert "There is a problem" in html
    assert "Enter why no action is needed" in html
    assert f'href="#c{chair.pk}-reason"' in html
    assert ItemConflict.objects.count() == 0
    assert AuditEvent.objects.count() == events


def test_no_action_with_reason_is_recorded(world: World, lead_client: Any) -> None:
    _, item, chair = conflicted_item(world, days=-1)

    response = lead_client.post(
        url("conflict_record", item, person_pk=chair.pk),
        {
            "handling": "no_action",
            "interest": explanation(item, chair.pk),
            "reason": "Left the practice",
            "ruled_by": world.people["member"].pk,
        },
    )

    assert response.status_code == 302
    html = lead_client.get(response["Location"]).content.decode()
    assert "No action needed" in html
    # The reason shows once: in the row's reason box, ready to change.
    assert html.count("Left the practice") == 1
    assert re.search(rf'name="c{chair.pk}-reason"[^>]*>\s*Left the practice', html)


def test_handling_without_a_choice_returns_400(world: World, lead_client: Any) -> None:
    _, item, chair = conflicted_item(world, days=-1)

    response = lead_client.post(
        url("conflict_record", item, person_pk=chair.pk), {"interest": explanation(item, chair.pk)}
    )

    assert response.status_code == 400
    assert "Select how the conflict is handled" in response.content.decode()
    assert ItemConflict.objects.count() == 0


def test_handling_for_a_person_in_another_trust_is_404(
    world: World, other_world: World, lead_client: Any
) -> None:
    _, item, _ = conflicted_item(world, days=-1)
    outsider = other_world.people["member"]

    response = lead_client.post(
        url("conflict_record", item, person_pk=outsider.pk), {"handling": "exclude_decision", "interest": "x"}
    )

    assert response.status_code == 404


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("conflict_record", {"handling": "exclude_decision", "interest": "x"}),
        ("vote_record", {"choice": "for"}),
        ("item_decide", {"outcome": "approved", "contribution": "debated_agreed", "reasons": "Good"}),
    ],
)
def test_member_cannot_handle_vote_or_decide(
    name: str, data: dict[str, Any], world: World, client_for: Any
) -> None:
    _, item, chair = conflicted_item(world, days=-1)
    extra = {"person_pk": chair.pk} if name == "conflict_record" else {}
    if name == "vote_record":
        data = data | {"person": world.people["member"].pk}

    response = client_for("member").post(url(name, item, **extra), data)

    assert response.status_code == 403
    assert ItemConflict.objects.count() == 0
    assert Vote.objects.count() == 0
    item.refresh_from_db()
    assert item.outcome == ""


def test_member_can_raise_a_concern_and_it_shows(world: World, client_for: Any) -> None:
    _, item, _ = conflicted_item(world, days=-1)
    member = client_for("member")

    assert member.get(url("concern_create", item)).status_code == 200
    response = member.post(url("concern_create", item), {"text": "The chair stayed for the debate."})

    assert response.status_code == 302
    concern = ConflictConcern.objects.get(item=item)
    assert concern.raised_by == world.people["member"]
    html = client_for("pct_chair").get(url("item_detail", item)).content.decode()
    assert "The chair stayed for the debate." in html
    assert world.people["member"].name in html


def test_empty_concern_returns_400(world: World, client_for: Any) -> None:
    _, item, _ = conflicted_item(world, days=-1)

    response = client_for("member").post(url("concern_create", item), {"text": ""})

    assert response.status_code == 400
    assert "Enter your concern" in response.content.decode()
    assert ConflictConcern.objects.count() == 0


def test_someone_off_the_committee_cannot_raise_a_concern(world: World, client_for: Any) -> None:
    _, item, _ = conflicted_item(world, days=-1)

    response = client_for("pct_chair").post(url("concern_create", item), {"text": "Worried"})

    assert response.status_code == 403
    assert ConflictConcern.objects.count() == 0


def test_vote_for_the_excluded_chair_returns_400_and_saves_nothing(world: World, lead_client: Any) -> None:
    _, item, chair = conflicted_item(world, days=-1)
    handle_all(item)

    response = lead_client.post(url("vote_record", item), {"person": chair.pk, "choice": "for"})

    assert response.status_code == 400
    html = response.content.decode()
    assert "cannot be recorded" in html
    assert "There is a problem" in html
    assert Vote.objects.count() == 0


def test_vote_for_a_present_member_is_recorded(world: World, lead_client: Any) -> None:
    _, item, _ = conflicted_item(world, days=-1)
    member = world.people["member"]

    response = lead_client.post(url("vote_record", item), {"person": member.pk, "choice": "against"})

    assert response.status_code == 302
    assert Vote.objects.get(item=item, person=member).choice == "against"
    html = lead_client.get(url("item_detail", item)).content.decode()
    assert "Against" in html


def test_deciding_with_an_unhandled_conflict_returns_400_naming_the_person(
    world: World, lead_client: Any
) -> None:
    _, item, chair = conflicted_item(world, days=-1)

    response = lead_client.post(
        url("item_decide", item),
        {"outcome": "approved", "contribution": "debated_agreed", "reasons": "Good value"},
    )

    assert response.status_code == 400
    html = response.content.decode()
    assert "Record how each conflict is handled before deciding" in html
    assert chair.name in re.search(r"nhsuk-error-summary.*?</div>", html, re.S).group(0)  # type: ignore[union-attr]
    item.refresh_from_db()
    assert item.outcome == ""


def test_deciding_approved_with_changes_needs_the_changes(world: World, lead_client: Any) -> None:
    _, item, _ = conflicted_item(world, days=-1)
    handle_all(item)

    response = lead_client.post(
        url("item_decide", item),
        {"outcome": "approved_with_changes", "contribution": "debated_changed", "reasons": "Good"},
    )

    assert response.status_code == 400
    assert "Describe what the committee changed" in response.content.decode()


def test_full_path_handle_vote_decide_shows_the_outcome(world: World, lead_client: Any) -> None:
    _, item, chair = conflicted_item(world, days=-1)
    record = lead_client.post(
        url("conflict_record", item, person_pk=chair.pk),
        {
            "handling": "exclude_decision",
            "interest": explanation(item, chair.pk),
            "ruled_by": world.people["member"].pk,
        },
    )
    votes = [
        lead_client.post(url("vote_record", item), {"person": world.people[role].pk, "choice": "for"})
        for role in ("member", "executive_director")
    ]
    decided = lead_client.post(
        url("item_decide", item),
        {
            "outcome": "approved_with_changes",
            "contribution": "debated_changed",
            "reasons": "Shorter waits for patients",
            "evidence": "Referral data 2006/07",
            "changes_made": "A review after six months",
        },
    )

    assert [record.status_code, *(v.status_code for v in votes), decided.status_code] == [302, 302, 302, 302]
    item = AgendaItem.objects.get(pk=item.pk)
    assert (item.outcome, item.contribution) == ("approved_with_changes", "debated_changed")
    html = lead_client.get(url("item_detail", item)).content.decode()
    for text in (
        "Approved with changes",
        "Debated and changed",
        "Shorter waits for patients",
        "Referral data 2006/07",
        "A review after six months",
    ):
        assert text in html
    assert 'id="decide-form"' not in html
    assert 'id="vote-form"' not in html
    assert 'id="conflicts-form"' not in html


def test_item_page_of_another_trust_is_404(world: World, other_world: World, client_for: Any) -> None:
    _, item, _ = conflicted_item(other_world)

    assert client_for("governance_lead").get(url("item_detail", item)).status_code == 404


def test_information_item_has_no_votes_or_quorum(world: World, lead_client: Any) -> None:
    meeting, _, _ = conflicted_item(world, days=-1)
    info = make_item(meeting, kind="information", title="Annual report")

    html = lead_client.get(url("item_detail", info)).content.decode()

    assert "No quorum is needed for this kind of item." in html
    assert 'id="votes"' not in html
    assert 'id="board"' not in html


@pytest.mark.parametrize("name", ["conflict_record", "vote_record", "item_decide"])
def test_post_only_urls_send_anonymous_to_sign_in_and_hide_items_from_other_trusts(
    name: str, world: World, other_world: World, client_for: Any
) -> None:
    _, item, chair = conflicted_item(world, days=-1)
    target = url(name, item, **({"person_pk": chair.pk} if name == "conflict_record" else {}))
    outsider = Client()
    outsider.force_login(other_world.users["governance_lead"])

    assert client_for("anonymous").post(target, {}).status_code == 302
    assert outsider.post(target, {}).status_code == 404
    assert client_for("governance_lead").get(target).status_code == 405


# The conflicts table: every flagged person's handling in one form (COI-3) --------------------


def _flag_member(world: World) -> Any:
    """A second flagged person on the item: the member, a partner at the chair's practice."""
    member = world.people["member"]
    isv.declaration_create(
        actor=SYSTEM,
        person=member,
        category="financial",
        organisation=world.practice,
        description="Partner",
        start_date=dt.date(2020, 1, 1),
    )
    return member


def test_the_table_shows_each_person_once_with_the_proposal_preselected(
    world: World, lead_client: Any
) -> None:
    _, item, chair = conflicted_item(world, days=-1)
    member = _flag_member(world)

    html = lead_client.get(url("item_detail", item)).content.decode()

    assert html.count('id="conflicts-form"') == 1
    assert html.count("Save handling") == 1
    assert html.count('id="conflicts-table"') == 1
    for person in (chair, member):
        assert html.count(f'id="conflict-{person.pk}"') == 1
        assert html.count(f'name="c{person.pk}-handling"') == 1
        assert html.count(f'name="c{person.pk}-reason"') == 1
    assert checked_handling(html) == ["exclude_decision", "exclude_decision"]
    # Only the chair's own conflict asks who ruled on it (COI-8).
    assert f'name="c{chair.pk}-ruled_by"' in html
    assert f'name="c{member.pk}-ruled_by"' not in html


def test_saving_the_table_records_every_row(world: World, lead_client: Any) -> None:
    _, item, chair = conflicted_item(world, days=-1)
    member = _flag_member(world)
    data = table_post(
        item,
        {
            chair.pk: {"handling": "exclude_debate", "ruled_by": world.people["executive_director"].pk},
            member.pk: {"handling": "no_action", "reason": "Left the partnership last year"},
        },
    )

    response = lead_client.post(url("item_detail", item), data)

    assert response.status_code == 302
    records = {c.person_id: c for c in ItemConflict.objects.filter(item=item)}
    assert (records[chair.pk].handling, records[member.pk].handling) == ("exclude_debate", "no_action")
    assert records[member.pk].reason == "Left the partnership last year"
    html = lead_client.get(response["Location"]).content.decode()
    assert html.count("Left the partnership last year") == 1


def test_a_broken_row_saves_nothing_and_is_shown_on_that_row(world: World, lead_client: Any) -> None:
    """The rows are saved in one transaction: a broken rule on one row saves no row (X-4)."""
    _, item, chair = conflicted_item(world, days=-1)
    member = _flag_member(world)
    events = AuditEvent.objects.count()
    data = table_post(
        item,
        {
            chair.pk: {"handling": "exclude_debate", "ruled_by": world.people["executive_director"].pk},
            member.pk: {"handling": "no_action", "reason": " "},
        },
    )

    response = lead_client.post(url("item_detail", item), data)

    assert response.status_code == 400
    html = response.content.decode()
    assert "Enter why no action is needed" in html
    assert f'href="#c{member.pk}-reason"' in html
    assert ItemConflict.objects.count() == 0
    assert AuditEvent.objects.count() == events
    # What was chosen stays on the page.
    selects = re.findall(r'<select[^>]*name="c\d+-handling".*?</select>', html, re.S)
    assert len(selects) == 2


def test_the_chairs_row_needs_who_ruled(world: World, lead_client: Any) -> None:
    _, item, chair = conflicted_item(world, days=-1)

    response = lead_client.post(
        url("item_detail", item), table_post(item, {chair.pk: {"handling": "exclude_debate"}})
    )

    assert response.status_code == 400
    assert f'href="#c{chair.pk}-ruled_by"' in response.content.decode()
    assert ItemConflict.objects.count() == 0


def test_the_chair_saves_the_table_without_their_own_row(world: World, client_for: Any) -> None:
    """The chair's own row is not in their form (COI-8); posting it changes nothing."""
    _, item, chair = conflicted_item(world, days=-1)
    member = _flag_member(world)
    data = table_post(
        item,
        {member.pk: {"handling": "exclude_debate"}, chair.pk: {"handling": "no_action", "reason": "Mine"}},
    )

    response = client_for("pec_chair").post(url("item_detail", item), data)

    assert response.status_code == 302
    assert ItemConflict.objects.get(item=item, person=member).handling == "exclude_debate"
    assert not ItemConflict.objects.filter(item=item, person=chair).exists()


def test_a_member_cannot_save_the_table(world: World, client_for: Any) -> None:
    _, item, chair = conflicted_item(world, days=-1)

    response = client_for("member").post(
        url("item_detail", item), table_post(item, {chair.pk: {"handling": "exclude_debate"}})
    )

    assert response.status_code == 403
    assert ItemConflict.objects.count() == 0
