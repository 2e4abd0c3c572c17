"""The register as it stood on any date, the public register, who is overdue, the
screening inputs, and the statement to the Board (COI-1, COI-2, COI-5, PUB-1)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from pecgov.interests import queries as iq
from pecgov.interests import screening
from pecgov.interests import services as isv
from pecgov.meetings import services as ms
from pecgov.meetings.conflicts import services as conflict_services
from pecgov.meetings.conflicts import statement
from pecgov.meetings.models import AgendaItem
from pecgov.trust import services as ts
from pecgov.trust.enums import LinkKind, MembershipRole, OrganisationKind, Profession
from tests.factories import SYSTEM, World, make_org, make_person, seat
from tests.meeting_factories import conflicted_item, declare, make_item, make_meeting

START, END = dt.date(2021, 1, 1), dt.date(2021, 12, 31)


# The register on a date (COI-1) ------------------------------------------------------------


@pytest.mark.parametrize(
    ("on", "shown"),
    [
        (START - dt.timedelta(days=1), False),
        (START, True),
        (dt.date(2021, 6, 1), True),
        (END, True),
        (END + dt.timedelta(days=1), False),
    ],
    ids=["day-before", "first-day", "inside", "last-day", "day-after"],
)
def test_register_as_it_stood_on_date(world: World, on: dt.date, shown: bool) -> None:
    """A declaration appears on the register only between its start and end dates (COI-1)."""
    declaration = declare(world.people["member"], world.practice, start=START, end=END)
    declare(world.people["pec_chair"], world.practice, start=dt.date(2019, 1, 1))

    ids = list(iq.register(world.trust.pk, on).values_list("id", flat=True))

    assert (declaration.pk in ids) is shown
    assert len(ids) == 1 + shown


def test_register_only_this_trust(world: World, other_world: World) -> None:
    """Another trust's declarations never appear (COI-1, X-1)."""
    declare(other_world.people["member"], other_world.practice)
    mine = declare(world.people["member"], world.practice)

    assert list(iq.register(world.trust.pk, dt.date(2022, 1, 1))) == [mine]


def test_register_public_lists_only_people_seated_that_day(world: World) -> None:
    """The public register lists people holding a committee seat on the date (PUB-1)."""
    seated = world.people["member"]
    unseated = make_person(world.trust, Profession.GP, name="Dr Not Seated")
    later = make_person(world.trust, Profession.GP, name="Dr Joins Later")
    seat(later, world.pec, MembershipRole.CLINICAL, start=dt.date(2022, 1, 1))
    for person in (seated, unseated, later):
        declare(person, world.practice, start=START)

    def names(on: dt.date, public: bool) -> list[str]:
        return [d.person.name for d in iq.register(world.trust.pk, on, public=public)]

    assert names(dt.date(2021, 6, 1), True) == [seated.name]
    assert names(dt.date(2022, 6, 1), True) == sorted([seated.name, later.name])
    assert names(dt.date(2021, 6, 1), False) == sorted([seated.name, unseated.name, later.name])


def test_public_entries_hide_withheld_but_say_so(world: World) -> None:
    """Withheld details and entries show only that something is withheld (PUB-1)."""
    person = world.people["member"]
    full = declare(person, world.practice, description="GP partner", start=START)
    details = declare(person, None, organisation_name="Acme Pharma", description="Shares", start=START)
    entry = declare(person, None, organisation_name="Private Clinic", description="Director", start=START)
    isv.declaration_withhold(actor=SYSTEM, declaration=details, withholding="details", reason="Commercial")
    isv.declaration_withhold(actor=SYSTEM, declaration=entry, withholding="entry", reason="Personal safety")

    rows = {
        r["id"]: r for r in iq.public_entries(iq.register(world.trust.pk, dt.date(2021, 6, 1), public=True))
    }

    assert rows[full.pk] | {"person": ""} == {
        "person": "",
        "category": "Financial",
        "organisation": world.practice.name,
        "description": "GP partner",
        "from": START,
        "to": None,
        "withheld": "",
        "id": full.pk,
    }
    assert (
        rows[details.pk]["withheld"],
        rows[details.pk]["organisation"],
        rows[details.pk]["description"],
    ) == (
        "Details withheld",
        "",
        "",
    )
    assert rows[details.pk]["category"] == "Financial"
    assert rows[entry.pk] == {
        "person": person.name,
        "category": "",
        "organisation": "",
        "description": "",
        "from": None,
        "to": None,
        "withheld": "Entry withheld",
        "id": entry.pk,
    }
    shown = " ".join(str(v) for r in rows.values() for v in r.values())
    assert ("Acme Pharma" in shown, "Shares" in shown, "Private Clinic" in shown, "Director" in shown) == (
        False,
        False,
        False,
        False,
    )


# Who is overdue a declaration or return (COI-1) ----------------------------------------------


def test_overdue_lists_seated_people_without_declarations(world: World) -> None:
    """Every seated person with no declaration or return is overdue; others are not listed (COI-1)."""
    outsider = make_person(world.trust, Profession.GP, name="Dr Not Seated")
    declare(world.people["member"], world.practice)
    isv.interest_return_make(actor=SYSTEM, person=world.people["pct_chair"], kind="nil")

    names = {o.person.name for o in iq.overdue(world.trust.pk, 12)}

    seated = {p.name for p in world.trust.people.filter(memberships__isnull=False)}
    assert names == seated - {world.people["member"].name, world.people["pct_chair"].name}
    assert outsider.name not in names


def test_overdue_again_after_review_period(world: World) -> None:
    """A declaration made today is overdue once the review period has passed (COI-1)."""
    member = world.people["member"]
    declared = declare(member, world.practice)
    today = timezone.localdate()

    def overdue_on(days: int) -> dict[str, dt.datetime | None]:
        return {
            o.person.name: o.last_return
            for o in iq.overdue(world.trust.pk, 12, today + dt.timedelta(days=days))
        }

    assert member.name not in overdue_on(300)
    assert overdue_on(400)[member.name] == declared.declared_at


def test_overdue_ignores_ended_seats(world: World) -> None:
    """Someone whose seat has ended is no longer asked to declare (COI-1)."""
    person = make_person(world.trust, Profession.AHP, name="Dr Former Member")
    seat(person, world.pec, MembershipRole.CLINICAL, start=dt.date(2019, 1, 1), end_date=dt.date(2020, 1, 1))

    assert person.name not in {o.person.name for o in iq.overdue(world.trust.pk, 12)}


# Screening inputs from the database (COI-2) ----------------------------------------------------


def test_attendees_for_includes_declarations_and_employer(world: World) -> None:
    """Each attendee carries their declarations with dates and their own practice (COI-2)."""
    chair = world.people["pec_chair"]
    group = make_org(world.trust, OrganisationKind.PBC_GROUP, "North PBC Group")
    declaration = declare(chair, group, category="non_financial_professional", start=START, end=END)

    [attendee] = iq.attendees_for([chair.pk], dt.date(2021, 6, 1))

    assert attendee == screening.Attendee(
        chair.pk,
        chair.name,
        (
            screening.Interest(
                group.pk, "non_financial_professional", "GP partner", START, END, declaration.pk
            ),
            screening.Interest(
                world.practice.pk, screening.EMPLOYMENT, "their practice or employer", dt.date.min, None, None
            ),
        ),
    )


def test_links_for_includes_dated_links_and_parents(world: World) -> None:
    """Organisation links keep their dates; a parent relation is a carrying link (COI-2)."""
    group = make_org(world.trust, OrganisationKind.PBC_GROUP, "North PBC Group")
    branch = make_org(world.trust, OrganisationKind.PRACTICE, "Branch Surgery", parent=world.practice)
    ts.organisation_link_create(
        actor=SYSTEM,
        from_organisation=world.practice,
        to_organisation=group,
        kind=LinkKind.MEMBER_OF_PBC_GROUP,
        start_date=START,
        end_date=END,
    )

    links = set(iq.links_for(world.trust.pk))

    assert links == {
        screening.Link(world.practice.pk, group.pk, "member_of_pbc_group", START, END),
        screening.Link(branch.pk, world.practice.pk, "parent"),
    }


# The statement to the Board (COI-5) --------------------------------------------------------------


def _decided_recommendation(world: World) -> AgendaItem:
    """The chair's practice is affected; the chair steps out; the manager raises a concern."""
    _, item, chair = conflicted_item(world)
    member = world.people["member"]
    declare(member, world.practice, category="indirect", description="Husband is a salaried GP there")
    conflict_services.conflict_record(
        actor=SYSTEM, item=item, person=chair, handling="exclude_debate", interest="Partner at the practice"
    )
    conflict_services.conflict_record(
        actor=SYSTEM,
        item=item,
        person=member,
        handling="no_action",
        interest="Husband works there",
        reason="Not a financial interest",
    )
    conflict_services.concern_raise(
        actor=world.users["executive_director"], item=item, text="The chair spoke before leaving"
    )
    return ms.item_decide(
        actor=SYSTEM, item=item, outcome="approved", contribution="debated_agreed", reasons="Good value"
    )


def test_statement_build_lists_each_handled_conflict_and_concern(world: World) -> None:
    """The statement says where each conflict lay, how it was dealt with, and the concerns raised (COI-5, COI-4)."""
    item = _decided_recommendation(world)

    built = statement.build(item)

    assert [(c.person.name, c.handling, c.interest, c.reason) for c in built.handled] == sorted(
        [
            (world.people["member"].name, "no_action", "Husband works there", "Not a financial interest"),
            (world.people["pec_chair"].name, "exclude_debate", "Partner at the practice", ""),
        ]
    )
    assert [(c.raised_by, c.text) for c in built.concerns] == [
        (world.people["executive_director"], "The chair spoke before leaving")
    ]
    assert built.summary == (
        "2 members had an interest in the organisations this recommendation affects; 1 took no part in the decision."
    )
    assert {c.person_id for c in built.row.conflicts} == {
        world.people["pec_chair"].pk,
        world.people["member"].pk,
    }
    assert built.row.unhandled == []


def test_statement_build_without_conflicts_says_so(world: World) -> None:
    """A recommendation nobody had an interest in says so plainly (COI-5)."""
    meeting = make_meeting(world.pec)
    item = make_item(meeting, kind="recommendation")

    built = statement.build(item)

    assert (built.handled, built.concerns) == ([], [])
    assert built.summary.startswith("No member present had a declared or recorded interest")


def test_statement_build_refuses_non_recommendation(world: World) -> None:
    """Statements are for recommendations to the Board only (COI-5)."""
    item = make_item(make_meeting(world.pec), kind="decision")

    with pytest.raises(ValueError, match="recommendations only"):
        statement.build(item)


def test_statement_render_pdf_is_a_pdf(world: World) -> None:
    """The statement prints as a PDF for the Board pack (COI-5, PUB-2)."""
    built = statement.build(_decided_recommendation(world))

    pdf = statement.render_pdf(built)

    assert pdf[:4] == b"%PDF"
    assert len(pdf) > 1000
