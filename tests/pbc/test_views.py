"""PBC group pages over HTTP (ORG-6, PBC-5, PBC-6, X-1, X-4): what each page shows, the lead's
forms saving good input and refusing bad input with a 400 and nothing saved, and read-only
roles refused."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from pecgov.commissioning.enums import CaseKind, LinkModel, Maturity, SupportIntensity
from pecgov.commissioning.models import MaturityAssessment, PbcLink, Support
from pecgov.commissioning.pbc import services as ps
from pecgov.trust import services as ts
from pecgov.trust.enums import LinkKind, MembershipRole, OrganisationKind, Profession
from pecgov.trust.models import Organisation
from tests.commissioning_factories import make_commissioning, submit_case
from tests.factories import START, SYSTEM, World, make_org, make_person, seat
from tests.pbc.helpers import leads_committee, link, make_group, make_locality, snapshot
from tests.trust.helpers import date_fields, date_of, text

TODAY = timezone.localdate()
DAY = dt.timedelta(days=1)


def summary_of(page: str) -> str:
    assert "There is a problem" in page
    return page.split("There is a problem", 1)[1].split("</div>", 1)[0]


def section(page: str, anchor: str) -> str:
    """The HTML of one <section id=anchor> of a page."""
    start = page.index(f'id="{anchor}"')
    return page[start : page.index("</section>", start)]


@pytest.fixture
def group(world: World) -> Organisation:
    return make_group(world, "Riverside PBC Group", practices=2)


def _support(
    group: Organisation, intensity: str = SupportIntensity.REGULAR, end_date: dt.date | None = None, **kw: Any
) -> Support:
    args = {"description": "Monthly budget clinic", "intensity": intensity, "start_date": START} | kw
    made = ps.support_add(actor=SYSTEM, group=group, **args)
    return ps.support_end(actor=SYSTEM, support=made, end_date=end_date) if end_date else made


# The overview (ORG-6, PBC-6) -------------------------------------------------------------------


def test_overview_shows_each_group_with_maturity_support_links_and_practices(
    world: World, group: Organisation, client_for: Any
) -> None:
    ps.maturity_record(actor=SYSTEM, group=group, level=Maturity.DEVELOPING, assessed_on=START)
    ps.maturity_record(actor=SYSTEM, group=group, level=Maturity.ESTABLISHED, assessed_on=START + DAY)
    _support(group, SupportIntensity.LIGHT)
    _support(group, SupportIntensity.REGULAR)
    _support(group, SupportIntensity.INTENSIVE, end_date=START + DAY)  # ended: not current
    ps.link_create(
        actor=SYSTEM,
        trust=world.trust,
        model=LinkModel.PEC_MEMBER_LINKED,
        group=group,
        person=world.people["member"],
        start_date=START,
    )
    make_group(world, "Quiet PBC Group")
    response = client_for("member").get(reverse("pbc:overview"))
    assert response.status_code == 200
    page = text(response)
    row = page.split(f'data-group="{group.pk}"', 1)[1].split("</tr>", 1)[0]
    assert "Established" in row.split("data-maturity", 1)[1].split("</td>", 1)[0]
    support_cell = row.split("data-support", 1)[1].split("</td>", 1)[0]
    assert "2 arrangements" in support_cell and "Most intensive: Regular (monthly)" in support_cell
    links_cell = row.split("data-links", 1)[1].split("</td>", 1)[0]
    assert "PEC member linked to the PBC group: Member Testshire PCT" in links_cell
    assert row.split("data-practices>", 1)[1].split("</td>", 1)[0].strip() == "2"
    quiet = page.split("Quiet PBC Group", 1)[1].split("</tr>", 1)[0]
    assert "Not assessed" in quiet
    assert "Link a group to the PEC" not in page  # the member cannot change anything


def test_overview_lists_the_four_models_with_the_groups_using_each(
    world: World, group: Organisation, lead_client: Any
) -> None:
    ps.link_create(
        actor=SYSTEM,
        trust=world.trust,
        model=LinkModel.LEADS_COMMITTEE,
        group=group,
        committee=leads_committee(world),
        start_date=START,
    )
    page = text(lead_client.get(reverse("pbc:overview")))
    models = section(page, "models")
    rows = {m.value: models.split(f'data-model="{m.value}"', 1)[1].split("</div>", 1)[0] for m in LinkModel}
    assert "Riverside PBC Group" in rows[LinkModel.LEADS_COMMITTEE]
    for model in [LinkModel.GROUP_MEETS_PEC, LinkModel.LEAD_ON_PEC, LinkModel.PEC_MEMBER_LINKED]:
        assert "Not used" in rows[model]
    assert reverse("pbc:link_new") in page


def test_overview_warns_when_support_does_not_taper(
    world: World, group: Organisation, lead_client: Any
) -> None:
    ps.maturity_record(actor=SYSTEM, group=group, level=Maturity.MATURE, assessed_on=START)
    _support(group, SupportIntensity.INTENSIVE)
    page = text(lead_client.get(reverse("pbc:overview")))
    assert "Support that is not tapering" in page
    warnings = page.split('id="taper-warnings"', 1)[1].split("</ul>", 1)[0]
    assert "Riverside PBC Group" in warnings and "still has intensive support" in warnings


def test_overview_has_no_taper_warning_when_support_tapers(
    world: World, group: Organisation, lead_client: Any
) -> None:
    ps.maturity_record(actor=SYSTEM, group=group, level=Maturity.MATURE, assessed_on=START)
    _support(group, SupportIntensity.LIGHT)
    assert "Support that is not tapering" not in text(lead_client.get(reverse("pbc:overview")))


# The group page (ORG-6, PBC-6) -------------------------------------------------------------------


def test_group_page_shows_practices_locality_maturity_support_and_links(
    world: World, group: Organisation, client_for: Any
) -> None:
    locality = make_locality(world, "Riverside locality")
    link(group, locality, LinkKind.IN_LOCALITY)
    former = make_org(world.trust, OrganisationKind.PRACTICE, "Former Surgery")
    link(former, group, LinkKind.MEMBER_OF_PBC_GROUP, end=START + DAY)
    ps.maturity_record(
        actor=SYSTEM, group=group, level=Maturity.STARTING, assessed_on=START, note="First look"
    )
    ps.maturity_record(actor=SYSTEM, group=group, level=Maturity.DEVELOPING, assessed_on=START + 100 * DAY)
    current = _support(group, description="Weekly coaching")
    ended = _support(group, description="Set-up help", end_date=START + 10 * DAY)
    ps.link_create(
        actor=SYSTEM,
        trust=world.trust,
        model=LinkModel.GROUP_MEETS_PEC,
        group=group,
        arrangements="Quarterly with the PEC",
        start_date=START,
    )
    response = client_for("pec_chair").get(reverse("pbc:group", args=[group.pk]))
    assert response.status_code == 200
    page = text(response)
    assert "Riverside locality" in page.split("data-locality", 1)[1].split("</dd>", 1)[0]
    practices = section(page, "practices")
    assert practices.count("<li>") == 2 and "Former Surgery" not in practices
    maturity = section(page, "maturity")
    assert maturity.index("Developing") < maturity.index("Starting up")  # newest first
    assert "First look" in maturity
    support = section(page, "support")
    current_part, past_part = support.split("Past support", 1)
    assert "Weekly coaching" in current_part and "Set-up help" not in current_part
    assert "Set-up help" in past_part
    assert f'data-support="{current.pk}"' in support and f'data-support="{ended.pk}"' not in support
    assert "Quarterly with the PEC" in section(page, "links")
    # A PEC chair sees the page but not the lead's buttons.
    assert reverse("pbc:maturity_new", args=[group.pk]) not in page
    assert reverse("pbc:support_end", args=[current.pk]) not in page


def test_group_page_gives_the_lead_every_button(world: World, group: Organisation, lead_client: Any) -> None:
    current = _support(group)
    made = ps.link_create(
        actor=SYSTEM,
        trust=world.trust,
        model=LinkModel.GROUP_MEETS_PEC,
        group=group,
        arrangements="Monthly",
        start_date=START,
    )
    page = text(lead_client.get(reverse("pbc:group", args=[group.pk])))
    for url in [
        reverse("pbc:maturity_new", args=[group.pk]),
        reverse("pbc:support_new", args=[group.pk]),
        reverse("pbc:support_end", args=[current.pk]),
        f"{reverse('pbc:link_new')}?group={group.pk}",
        reverse("pbc:link_end", args=[made.pk]),
    ]:
        assert url in page


def test_group_page_shows_the_taper_warning(world: World, group: Organisation, lead_client: Any) -> None:
    ps.maturity_record(actor=SYSTEM, group=group, level=Maturity.STARTING, assessed_on=START)
    ps.maturity_record(actor=SYSTEM, group=group, level=Maturity.DEVELOPING, assessed_on=START + 100 * DAY)
    _support(group, SupportIntensity.INTENSIVE, start_date=START + 50 * DAY)
    page = text(lead_client.get(reverse("pbc:group", args=[group.pk])))
    warnings = page.split('id="taper-warnings"', 1)[1].split("</ul>", 1)[0]
    assert "Maturity went up from starting up to developing, but support went up too" in warnings


def test_group_page_answers_404_for_a_practice_or_another_trusts_group(
    world: World, other_world: World, lead_client: Any
) -> None:
    theirs = make_group(other_world)
    assert lead_client.get(reverse("pbc:group", args=[world.practice.pk])).status_code == 404
    assert lead_client.get(reverse("pbc:group", args=[theirs.pk])).status_code == 404


# The lead's forms (PBC-6, ORG-6, X-4) ---------------------------------------------------------------


def test_maturity_form_saves_and_returns_to_the_group(group: Organisation, lead_client: Any) -> None:
    url = reverse("pbc:maturity_new", args=[group.pk])
    assert lead_client.get(url).status_code == 200
    response = lead_client.post(
        url, {"level": Maturity.ESTABLISHED, **date_of("assessed_on", START), "note": "Leads redesign"}
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("pbc:group", args=[group.pk]) + "#maturity"
    [made] = MaturityAssessment.objects.filter(group=group)
    assert (made.level, made.assessed_on, made.note) == (Maturity.ESTABLISHED, START, "Leads redesign")


@pytest.mark.parametrize(
    ("data", "words"),
    [
        ({"level": "", **date_of("assessed_on", START)}, "Select the group's maturity level"),
        ({"level": Maturity.MATURE}, "Enter the date of the assessment"),
        ({"level": Maturity.MATURE, **date_fields("assessed_on", 31, 2, 2020)}, "must be a real date"),
        # A week ahead, not a day: the parameters are made at collection, which may be before midnight.
        (
            {"level": Maturity.MATURE, **date_of("assessed_on", TODAY + 7 * DAY)},
            "must be today or in the past",
        ),
    ],
)
def test_maturity_form_refuses_bad_input_with_400(
    group: Organisation, lead_client: Any, data: dict[str, str], words: str
) -> None:
    before = snapshot()
    response = lead_client.post(reverse("pbc:maturity_new", args=[group.pk]), data)
    assert response.status_code == 400
    assert words in summary_of(text(response))
    assert snapshot() == before


def test_support_forms_add_and_end_support(group: Organisation, lead_client: Any) -> None:
    response = lead_client.post(
        reverse("pbc:support_new", args=[group.pk]),
        {
            "description": "Weekly coaching on budgets",
            "intensity": SupportIntensity.INTENSIVE,
            "provided_by": "PCT PBC team",
            **date_of("start_date", START),
        },
    )
    assert response.status_code == 302
    [made] = Support.objects.filter(group=group)
    assert (made.intensity, made.provided_by) == (SupportIntensity.INTENSIVE, "PCT PBC team")
    end_url = reverse("pbc:support_end", args=[made.pk])
    assert lead_client.get(end_url).status_code == 200
    refused = lead_client.post(end_url, date_of("end_date", START - DAY))
    assert refused.status_code == 400
    assert "must be the same as or after the start date" in summary_of(text(refused))
    made.refresh_from_db()
    assert made.end_date is None
    assert lead_client.post(end_url, date_of("end_date", START + DAY)).status_code == 302
    made.refresh_from_db()
    assert made.end_date == START + DAY
    again = lead_client.post(end_url, date_of("end_date", START + 2 * DAY))
    assert again.status_code == 400
    assert "This support has already ended" in summary_of(text(again))


def test_support_form_refuses_missing_answers(group: Organisation, lead_client: Any) -> None:
    before = snapshot()
    response = lead_client.post(reverse("pbc:support_new", args=[group.pk]), {"description": ""})
    assert response.status_code == 400
    summary = summary_of(text(response))
    for words in [
        "Describe the support",
        "Select how intensive the support is",
        "Enter the date the support starts",
    ]:
        assert words in summary
    assert snapshot() == before


def test_link_form_preselects_the_group(group: Organisation, lead_client: Any) -> None:
    page = text(lead_client.get(reverse("pbc:link_new") + f"?group={group.pk}"))
    assert f'<option value="{group.pk}" selected' in page
    assert reverse("pbc:group", args=[group.pk]) in page  # cancel goes back to the group


def test_link_form_saves_a_lead_on_the_pec(world: World, group: Organisation, lead_client: Any) -> None:
    lead = make_person(world.trust, Profession.GP, name="Dr Lead Commissioner")
    seat(lead, world.pec, MembershipRole.CLINICAL)
    response = lead_client.post(
        reverse("pbc:link_new"),
        {
            "group": group.pk,
            "model": LinkModel.LEAD_ON_PEC,
            "person": lead.pk,
            **date_of("start_date", START),
        },
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("pbc:group", args=[group.pk]) + "#links"
    [made] = PbcLink.objects.filter(group=group)
    assert (made.model, made.person, made.trust) == (LinkModel.LEAD_ON_PEC, lead, world.trust)


def test_link_form_refuses_a_lead_not_on_the_pec_that_day(
    world: World, group: Organisation, lead_client: Any
) -> None:
    lead = make_person(world.trust, Profession.GP, name="Dr Not Yet")
    seat(lead, world.pec, MembershipRole.CLINICAL, start=START + 30 * DAY)
    before = snapshot()
    response = lead_client.post(
        reverse("pbc:link_new"),
        {
            "group": group.pk,
            "model": LinkModel.LEAD_ON_PEC,
            "person": lead.pk,
            **date_of("start_date", START),
        },
    )
    assert response.status_code == 400
    assert (
        "Dr Not Yet is not a member of the PEC (or co-opted) on that date: add the membership first"
        in summary_of(text(response))
    )
    assert snapshot() == before


def test_link_form_refuses_a_group_meeting_without_arrangements(
    group: Organisation, lead_client: Any
) -> None:
    response = lead_client.post(
        reverse("pbc:link_new"),
        {"group": group.pk, "model": LinkModel.GROUP_MEETS_PEC, **date_of("start_date", START)},
    )
    assert response.status_code == 400
    assert "how and how often the group meets the PEC" in summary_of(text(response))
    assert PbcLink.objects.count() == 0


def test_link_form_refuses_another_trusts_group(other_world: World, lead_client: Any) -> None:
    theirs = make_group(other_world)
    response = lead_client.post(
        reverse("pbc:link_new"),
        {
            "group": theirs.pk,
            "model": LinkModel.GROUP_MEETS_PEC,
            "arrangements": "x",
            **date_of("start_date", START),
        },
    )
    assert response.status_code == 400
    assert "Select a PBC group or consortium in this trust" in summary_of(text(response))
    assert PbcLink.objects.count() == 0


def test_link_end_form_ends_the_link(world: World, group: Organisation, lead_client: Any) -> None:
    made = ps.link_create(
        actor=SYSTEM,
        trust=world.trust,
        model=LinkModel.GROUP_MEETS_PEC,
        group=group,
        arrangements="Monthly",
        start_date=START,
    )
    url = reverse("pbc:link_end", args=[made.pk])
    missing = lead_client.post(url, {})
    assert missing.status_code == 400
    assert "Enter the date the link ends" in summary_of(text(missing))
    assert lead_client.post(url, date_of("end_date", TODAY)).status_code == 302
    made.refresh_from_db()
    assert made.end_date == TODAY
    page = text(lead_client.get(reverse("pbc:group", args=[group.pk])))
    assert reverse("pbc:link_end", args=[made.pk]) not in page  # ends today: no button to end it again


# Read-only roles ---------------------------------------------------------------------------------


@pytest.mark.parametrize("role", ["member", "pec_chair", "practice_lead", "executive_director"])
def test_read_only_roles_cannot_change_anything(
    world: World, group: Organisation, client_for: Any, role: str
) -> None:
    current = _support(group)
    made = ps.link_create(
        actor=SYSTEM,
        trust=world.trust,
        model=LinkModel.GROUP_MEETS_PEC,
        group=group,
        arrangements="Monthly",
        start_date=START,
    )
    client = client_for(role)
    assert client.get(reverse("pbc:group", args=[group.pk])).status_code == 200
    before = snapshot()
    posts = [
        (
            reverse("pbc:maturity_new", args=[group.pk]),
            {"level": Maturity.MATURE, **date_of("assessed_on", START)},
        ),
        (
            reverse("pbc:support_new", args=[group.pk]),
            {"description": "x", "intensity": "light", **date_of("start_date", START)},
        ),
        (reverse("pbc:support_end", args=[current.pk]), date_of("end_date", TODAY)),
        (
            reverse("pbc:link_new"),
            {
                "group": group.pk,
                "model": "group_meets_pec",
                "arrangements": "x",
                **date_of("start_date", TODAY),
            },
        ),
        (reverse("pbc:link_end", args=[made.pk]), date_of("end_date", TODAY)),
    ]
    for url, data in posts:
        assert client.get(url).status_code == 403, url
        assert client.post(url, data).status_code == 403, url
    assert snapshot() == before


def test_another_trusts_lead_gets_404_posting_to_this_trusts_objects(
    world: World, other_world: World, group: Organisation
) -> None:
    current = _support(group)
    client = Client()
    client.force_login(other_world.users["governance_lead"])
    before = snapshot()
    assert (
        client.post(reverse("pbc:support_end", args=[current.pk]), date_of("end_date", TODAY)).status_code
        == 404
    )
    assert (
        client.post(
            reverse("pbc:maturity_new", args=[group.pk]),
            {"level": "4_mature", **date_of("assessed_on", START)},
        ).status_code
        == 404
    )
    assert snapshot() == before


# Plans by locality (PBC-5) ---------------------------------------------------------------------------


def test_plans_page_groups_cases_by_locality_with_the_forum(world: World, client_for: Any) -> None:
    setup = make_commissioning(world)  # world.practice is in setup.group
    north = make_locality(world, "North locality", forum="North Area Commissioning Forum")
    south = make_locality(world, "South locality")
    link(world.practice, north, LinkKind.IN_LOCALITY)
    # A practice with no locality of its own, whose group is in the south.
    southern_group = make_group(world, "Southern PBC Group")
    link(southern_group, south, LinkKind.IN_LOCALITY)
    southern_practice = make_org(world.trust, OrganisationKind.PRACTICE, "Southfield Surgery")
    link(southern_practice, southern_group, LinkKind.MEMBER_OF_PBC_GROUP)
    # A group with no locality at all.
    stray = make_group(world, "Stray PBC Group")

    case = submit_case(world, title="Diabetes clinic")
    plan = submit_case(world, kind=CaseKind.COMMISSIONING_PLAN, title="North commissioning plan 2008")
    southern = submit_case(world, submitter=southern_practice, title="Southern physiotherapy")
    stray_case = submit_case(world, submitter=stray, title="Stray dermatology", value=9_000)

    response = client_for("member").get(reverse("pbc:plans"))
    assert response.status_code == 200
    page = text(response)
    north_part = section(page, f"locality-{north.pk}")
    assert "North Area Commissioning Forum" in north_part
    assert north_part.index(plan.reference) < north_part.index(case.reference)  # plans first
    assert setup.group.name in north_part.split(f'data-case="{case.reference}"', 1)[1].split("</tr>", 1)[0]
    south_part = section(page, f"locality-{south.pk}")
    assert "none covers this locality yet" in south_part
    southern_row = south_part.split(f'data-case="{southern.reference}"', 1)[1].split("</tr>", 1)[0]
    assert "Southfield Surgery" in southern_row and "Southern PBC Group" in southern_row
    none_part = section(page, "no-locality")
    assert stray_case.reference in none_part and "£9,000" in none_part
    # Each case appears once, in its locality, with its status.
    for made in [case, plan, southern, stray_case]:
        assert page.count(f'data-case="{made.reference}"') == 1
    case_row = north_part.split(f'data-case="{case.reference}"', 1)[1].split("</tr>", 1)[0]
    assert case.get_status_display() in case_row and "£120,000" in case_row
    # Localities are listed by name, "No locality" last.
    assert page.index("North locality") < page.index("South locality") < page.index('id="no-locality"')


def test_plans_page_is_refused_to_a_practice_lead(world: World, client_for: Any) -> None:
    assert client_for("practice_lead").get(reverse("pbc:plans")).status_code == 403


def test_overview_and_link_form_leave_out_a_group_closed_before_today(world: World, lead_client: Any) -> None:
    closed = make_group(world, "Disbanded PBC Group")
    ts.organisation_update(actor=SYSTEM, organisation=closed, closed_on=TODAY - DAY)
    make_group(world, "Active PBC Group")
    overview = text(lead_client.get(reverse("pbc:overview")))
    assert "Active PBC Group" in overview and "Disbanded PBC Group" not in overview
    form = text(lead_client.get(reverse("pbc:link_new")))
    assert "Active PBC Group" in form and "Disbanded PBC Group" not in form
    assert lead_client.get(reverse("pbc:group", args=[closed.pk])).status_code == 200  # its record stays
