"""Conflict screening finds the Alliance's cases over plain data (COI-2; DH 5.7, Alliance "Conflicts of Interest").

Pure tables, no database. One small trust:

    Abbey Surgery (10) ─ member_of_pbc_group ─┐
    Brook Surgery (11) ─ member_of_pbc_group ─┴ North PBC Group (20) ─ in_locality ─ East Locality (30)
    Castle Surgery (12) ─ member_of_pbc_group ─ South PBC Group (21) ─ in_locality ─ East Locality (30)
    Community Services (2) ─ provider_arm_of ─ Testshire PCT (1)
    Support Ltd (40) ─ supports ─ North PBC Group (20)
"""

from __future__ import annotations

import datetime as dt
import random

import pytest

from pecgov.interests.screening import EMPLOYMENT, Attendee, Conflict, Interest, Link, by_person, screen

ON = dt.date(2007, 10, 1)
LONG_AGO = dt.date(2000, 1, 1)

TRUST, PROVIDER_ARM = 1, 2
ABBEY, BROOK, CASTLE = 10, 11, 12
NORTH_GROUP, SOUTH_GROUP = 20, 21
EAST_LOCALITY = 30
SUPPORT_LTD = 40

NAMES = {
    TRUST: "Testshire PCT",
    PROVIDER_ARM: "Community Services",
    ABBEY: "Abbey Surgery",
    BROOK: "Brook Surgery",
    CASTLE: "Castle Surgery",
    NORTH_GROUP: "North PBC Group",
    SOUTH_GROUP: "South PBC Group",
    EAST_LOCALITY: "East Locality",
    SUPPORT_LTD: "Support Ltd",
}

LINKS = (
    Link(ABBEY, NORTH_GROUP, "member_of_pbc_group"),
    Link(BROOK, NORTH_GROUP, "member_of_pbc_group"),
    Link(CASTLE, SOUTH_GROUP, "member_of_pbc_group"),
    Link(NORTH_GROUP, EAST_LOCALITY, "in_locality"),
    Link(SOUTH_GROUP, EAST_LOCALITY, "in_locality"),
    Link(PROVIDER_ARM, TRUST, "provider_arm_of"),
    Link(SUPPORT_LTD, NORTH_GROUP, "supports"),
)


def declared(
    org: int,
    *,
    category: str = "financial",
    description: str = "GP partner",
    start: dt.date = LONG_AGO,
    end: dt.date | None = None,
) -> Interest:
    return Interest(org, category, description, start, end, declaration_id=org * 100)


def works_at(org: int) -> Interest:
    return Interest(org, EMPLOYMENT, "their practice or employer", dt.date.min)


def one(name: str, *interests: Interest, person_id: int = 1) -> list[Attendee]:
    return [Attendee(person_id, name, tuple(interests))]


def run(affected: list[int], attendees: list[Attendee], links: tuple[Link, ...] = LINKS) -> list[Conflict]:
    return screen(affected=affected, attendees=attendees, links=links, on=ON, names=NAMES)


# The Alliance's cases: (case, affected organisations, the attendee's interest, expected chain)
ALLIANCE_CASES = [
    ("GP partner declared in the submitting practice", [ABBEY], declared(ABBEY), (ABBEY,)),
    ("GP partner who works at the submitting practice", [ABBEY], works_at(ABBEY), (ABBEY,)),
    (
        "GP whose practice is in the submitting PBC group",
        [ABBEY],
        works_at(BROOK),
        (BROOK, NORTH_GROUP, ABBEY),
    ),
    (
        "partner of a member practice when the item affects the group",
        [NORTH_GROUP],
        declared(BROOK),
        (BROOK, NORTH_GROUP),
    ),
    (
        "manager declaring an interest in the bidding provider arm",
        [PROVIDER_ARM],
        declared(PROVIDER_ARM, category="non_financial_professional", description="Runs the service"),
        (PROVIDER_ARM,),
    ),
    (
        "interest in the trust reaches its provider arm",
        [PROVIDER_ARM],
        works_at(TRUST),
        (TRUST, PROVIDER_ARM),
    ),
    (
        "commissioning-support provider to the group",
        [ABBEY],
        declared(SUPPORT_LTD, description="Director of Support Ltd"),
        (SUPPORT_LTD, NORTH_GROUP, ABBEY),
    ),
]


@pytest.mark.parametrize(
    ("affected", "interest", "chain"),
    [case[1:] for case in ALLIANCE_CASES],
    ids=[case[0] for case in ALLIANCE_CASES],
)
def test_screen_alliance_case_flags_attendee(
    affected: list[int], interest: Interest, chain: tuple[int, ...]
) -> None:
    """Each of the Alliance's conflict cases is found, with the chain it runs along (COI-2)."""
    conflicts = run(affected, one("Dr Ann Able", interest))

    assert [(c.person_id, c.affected_id, c.path) for c in conflicts] == [(1, affected[0], chain)]


def test_screen_gp_commissioner_and_provider_flags_both_interests() -> None:
    """A GP who leads the PBC group and whose practice provides the service is flagged on both (COI-2)."""
    gp = one(
        "Dr Ben Both",
        works_at(BROOK),
        declared(NORTH_GROUP, category="non_financial_professional", description="PBC group lead"),
    )

    conflicts = run([NORTH_GROUP, BROOK], gp)

    assert sorted((c.category, c.affected_id, c.path) for c in conflicts) == [
        (EMPLOYMENT, BROOK, (BROOK,)),
        (EMPLOYMENT, NORTH_GROUP, (BROOK, NORTH_GROUP)),
        ("non_financial_professional", BROOK, (NORTH_GROUP, BROOK)),
        ("non_financial_professional", NORTH_GROUP, (NORTH_GROUP,)),
    ]


def test_screen_employment_and_financial_interests_are_financial() -> None:
    """Employment counts as a financial interest; a professional one does not (COI-2, COI-3)."""
    attendees = [
        *one("Dr Ann Able", works_at(ABBEY), person_id=1),
        *one("Cal Clerk", declared(ABBEY, category="non_financial_professional"), person_id=2),
        *one("Dee Dean", declared(ABBEY), person_id=3),
    ]

    conflicts = run([ABBEY], attendees)

    assert [(c.name, c.financial) for c in conflicts] == [
        ("Cal Clerk", False),
        ("Dee Dean", True),
        ("Dr Ann Able", True),
    ]


@pytest.mark.parametrize(
    ("interest", "affected"),
    [
        (works_at(CASTLE), [ABBEY]),  # Castle and Abbey share only the locality
        (declared(EAST_LOCALITY), [ABBEY]),  # an interest in the locality itself
        (works_at(ABBEY), [EAST_LOCALITY]),
        (works_at(ABBEY), [SOUTH_GROUP]),
    ],
    ids=["practice-in-same-locality", "interest-in-locality", "item-affects-locality", "other-group"],
)
def test_screen_locality_link_does_not_carry(interest: Interest, affected: list[int]) -> None:
    """Sharing a locality is not a stake: in_locality links carry no interest (COI-2)."""
    assert run(affected, one("Dr Ann Able", interest)) == []


@pytest.mark.parametrize(
    ("start", "end", "flagged"),
    [
        (LONG_AGO, ON - dt.timedelta(days=1), False),  # ended the day before the meeting
        (ON + dt.timedelta(days=1), None, False),  # starts the day after
        (ON, None, True),  # starts on the meeting day
        (LONG_AGO, ON, True),  # ends on the meeting day
        (LONG_AGO, None, True),
    ],
    ids=["ended-before", "starts-after", "starts-on-day", "ends-on-day", "open-ended"],
)
def test_screen_declaration_dates(start: dt.date, end: dt.date | None, flagged: bool) -> None:
    """A declaration counts only while in force on the meeting date (COI-1, COI-2)."""
    interest = declared(ABBEY, start=start, end=end)

    conflicts = run([ABBEY], one("Dr Ann Able", interest))

    assert bool(conflicts) is flagged


@pytest.mark.parametrize(
    ("start", "end", "flagged"),
    [
        (LONG_AGO, ON - dt.timedelta(days=1), False),
        (ON + dt.timedelta(days=1), None, False),
        (ON, ON, True),
        (dt.date.min, None, True),
    ],
    ids=["link-ended-before", "link-starts-after", "link-only-that-day", "link-open"],
)
def test_screen_link_dates(start: dt.date, end: dt.date | None, flagged: bool) -> None:
    """A practice's membership of a group carries only while the link is in force (COI-2)."""
    links = (
        Link(BROOK, NORTH_GROUP, "member_of_pbc_group", start, end),
        Link(ABBEY, NORTH_GROUP, "member_of_pbc_group"),
    )

    conflicts = run([ABBEY], one("Dr Ann Able", works_at(BROOK)), links)

    assert bool(conflicts) is flagged


def test_screen_explanation_names_person_interest_and_chain() -> None:
    """The explanation says who, which interest and through which organisations (COI-2, COI-7)."""
    [conflict] = run([ABBEY], one("Dr Ann Able", declared(BROOK, description="Partner since 1999")))

    assert conflict.explanation == (
        "Dr Ann Able declared a financial interest in Brook Surgery (Partner since 1999), "
        "linked to an affected organisation: Brook Surgery → North PBC Group → Abbey Surgery."
    )


def test_screen_explanation_direct_employment() -> None:
    """An attendee flagged by their own employer is told so in plain words (COI-2)."""
    [conflict] = run([ABBEY], one("Dr Ann Able", works_at(ABBEY)))

    assert conflict.explanation == "Dr Ann Able works at Abbey Surgery, which this item affects."


def test_screen_explanation_article_before_vowel() -> None:
    """'an indirect interest', not 'a indirect interest' (COI-2)."""
    [conflict] = run(
        [ABBEY], one("Eve Eden", declared(ABBEY, category="indirect", description="Spouse is a partner"))
    )

    assert conflict.explanation.startswith("Eve Eden declared an indirect interest in Abbey Surgery")


def test_screen_explanation_unknown_organisation_named_by_id() -> None:
    """Without a name for an organisation the explanation still says which one (COI-2)."""
    conflicts = screen(affected=[ABBEY], attendees=one("Dr Ann Able", works_at(ABBEY)), links=(), on=ON)

    assert conflicts[0].explanation == "Dr Ann Able works at organisation 10, which this item affects."


def test_screen_duplicates_reported_once() -> None:
    """The same attendee and interest listed twice is one conflict per affected organisation (COI-2)."""
    interest = declared(ABBEY)
    attendees = [Attendee(1, "Dr Ann Able", (interest, interest))] * 2

    conflicts = run([ABBEY, NORTH_GROUP, ABBEY], attendees)

    assert [(c.person_id, c.declaration_id, c.affected_id) for c in conflicts] == [
        (1, interest.declaration_id, ABBEY),
        (1, interest.declaration_id, NORTH_GROUP),
    ]


def test_screen_order_does_not_depend_on_input_order() -> None:
    """Shuffling attendees, their interests and the links gives the same list (COI-2)."""
    attendees = [
        Attendee(1, "Dr Ann Able", (declared(ABBEY), declared(BROOK), works_at(NORTH_GROUP))),
        Attendee(2, "Dr Ann Able", (declared(SUPPORT_LTD), works_at(BROOK))),
        Attendee(3, "Cal Clerk", (works_at(TRUST), declared(CASTLE))),
    ]
    expected = run([ABBEY, NORTH_GROUP, PROVIDER_ARM], attendees)
    shuffler = random.Random(7)

    for _ in range(20):
        shuffled = [
            Attendee(a.person_id, a.name, tuple(shuffler.sample(a.interests, len(a.interests))))
            for a in attendees
        ]
        shuffler.shuffle(shuffled)
        links = tuple(shuffler.sample(LINKS, len(LINKS)))
        assert run([PROVIDER_ARM, NORTH_GROUP, ABBEY], shuffled, links) == expected


def test_screen_no_affected_organisations_no_conflicts() -> None:
    """An item affecting no organisation has no conflicts to screen (COI-2)."""
    assert run([], one("Dr Ann Able", works_at(ABBEY))) == []


def test_screen_interest_without_organisation_ignored() -> None:
    """A declaration naming an organisation outside the trust's records cannot be linked (COI-2)."""
    interest = Interest(None, "financial", "Shares in a drug company", LONG_AGO, None, 9)

    assert run([ABBEY], one("Dr Ann Able", interest)) == []


def test_screen_shortest_chain_reported() -> None:
    """Where two chains join interest and item, the shorter one explains it (COI-2)."""
    links = (*LINKS, Link(BROOK, ABBEY, "part_of"))

    [conflict] = run([ABBEY], one("Dr Ann Able", works_at(BROOK)), links)

    assert conflict.path == (BROOK, ABBEY)


def test_by_person_groups_conflicts() -> None:
    """The matrix groups each person's conflicts together (COI-2)."""
    attendees = [*one("Dr Ann Able", works_at(ABBEY), person_id=1), *one("Ben", declared(BROOK), person_id=2)]

    grouped = by_person(run([ABBEY, NORTH_GROUP], attendees))

    assert {pid: [c.affected_id for c in cs] for pid, cs in grouped.items()} == {
        1: [ABBEY, NORTH_GROUP],
        2: [NORTH_GROUP, ABBEY],
    }
