"""The conflict screening engine on its own (COI-2, COI-7): a 40-item agenda, 15 attendees, a national register.

Run with `.venv/bin/pytest bench/test_screening.py -p no:xdist` (`make bench` does). bench/ is
outside `testpaths`, so `make test` never runs it.

The inputs are plain data built in memory, shaped like the national preset of
`pecgov generate`: 152 trusts with about 8,300 practices in PBC groups, localities, a provider arm,
a foundation trust, private and commissioning-support providers; 60,000 people and 500,000
declarations held as rows (as the database holds them) with an index by person. The meeting page
(`meetings.queries.meeting_view`) reads the attendees' declarations and the trust's links once and
screens the whole agenda with one `screen_agenda` call; the benchmark times exactly that call.
Organisations belong to one trust, so the graph a meeting is screened against is its trust's links
(`interests.queries.links_for`), drawn here from the national graph.
"""

from __future__ import annotations

import datetime as dt
import random
from array import array
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import pytest

from pecgov.interests.screening import EMPLOYMENT, Attendee, Conflict, Interest, Link, screen_agenda

SEED = 2007
TRUSTS = 152
PRACTICES = 8_300
PEOPLE = 60_000
DECLARATIONS = 500_000
ITEMS = 40
ATTENDEES = 15
TARGET_SECONDS = 0.020  # COI-7: a 40-item agenda with 15 attendees under 20 ms
MEETING_DAY = dt.date(2007, 11, 14)
CATEGORIES = ("financial", "non_financial_professional", "non_financial_personal", "indirect")
DESCRIPTIONS = (
    "Partner",
    "Shareholder",
    "Director",
    "Trustee",
    "Adviser",
    "Spouse employed",
    "Sessional work",
)


@dataclass
class TrustShape:
    trust: int
    practices: list[int] = field(default_factory=list)
    groups: list[int] = field(default_factory=list)
    others: list[int] = field(default_factory=list)  # arm, providers, support, contractors, voluntary
    people: list[int] = field(default_factory=list)

    @property
    def organisations(self) -> list[int]:
        return [*self.practices, *self.groups, *self.others]


@dataclass(repr=False)  # half a million rows: keep a failing assertion's report readable
class Nation:
    trusts: list[TrustShape]
    links_by_trust: dict[int, list[Link]]
    names: dict[int, str]
    person_trust: array  # person id -> index into trusts
    person_employer: array  # person id -> organisation id, 0 for none
    # The register as rows: one array per column, and the rows of each person (the index on person_id).
    decl_person: array
    decl_org: array
    decl_category: array
    decl_description: array
    decl_start: array  # proleptic ordinals
    decl_end: array  # 0 for open-ended
    decl_by_person: dict[int, list[int]]

    def interests_of(self, person: int) -> tuple[Interest, ...]:
        """What `interests.queries.attendees_for` builds from the person's rows."""
        found = [
            Interest(
                self.decl_org[row],
                CATEGORIES[self.decl_category[row]],
                DESCRIPTIONS[self.decl_description[row]],
                dt.date.fromordinal(self.decl_start[row]),
                dt.date.fromordinal(self.decl_end[row]) if self.decl_end[row] else None,
                row + 1,
            )
            for row in self.decl_by_person.get(person, ())
        ]
        if self.person_employer[person]:
            found.append(
                Interest(self.person_employer[person], EMPLOYMENT, "their practice or employer", dt.date.min)
            )
        return tuple(found)


def build_nation(seed: int = SEED) -> Nation:
    rng = random.Random(seed)
    names: dict[int, str] = {}
    trusts, links_by_trust = _trusts(names)
    person_trust, person_employer = _people(rng, trusts)
    declarations = _declarations(rng, trusts, person_trust)
    return Nation(trusts, links_by_trust, names, person_trust, person_employer, *declarations)


def _trusts(names: dict[int, str]) -> tuple[list[TrustShape], dict[int, list[Link]]]:
    """Every trust's organisations (named in `names`) and the links between them."""
    next_id = iter(range(1, 10**9))
    trusts: list[TrustShape] = []
    links_by_trust: dict[int, list[Link]] = {}
    start = dt.date(2004, 4, 1)

    def org(label: str) -> int:
        pk = next(next_id)
        names[pk] = label
        return pk

    for t in range(TRUSTS):
        shape = TrustShape(org(f"Trust {t}"))
        links: list[Link] = []
        localities = [org(f"Locality {t}.{i}") for i in range(4)]
        shape.groups = [org(f"PBC group {t}.{i}") for i in range(5)]
        arm = org(f"Provider arm {t}")
        support = org(f"Commissioning support {t}")
        shape.others = [
            arm,
            support,
            org(f"Foundation trust {t}"),
            *(org(f"Private provider {t}.{i}") for i in range(3)),
            *(org(f"Voluntary body {t}.{i}") for i in range(4)),
            # Pharmacies, dentists and opticians: no links, so an interest in one touches only it.
            *(org(f"Independent contractor {t}.{i}") for i in range(20)),
        ]
        links += [Link(arm, shape.trust, "provider_arm_of", start), Link(arm, shape.trust, "parent")]
        links += [Link(support, g, "supports", start) for g in shape.groups[:2]]
        links += [Link(g, localities[i % 4], "in_locality", start) for i, g in enumerate(shape.groups)]
        count = PRACTICES // TRUSTS + (1 if t < PRACTICES % TRUSTS else 0)
        for p in range(count):
            practice = org(f"Practice {t}.{p}")
            shape.practices.append(practice)
            group = shape.groups[p % 5]
            links.append(Link(practice, localities[p % 4], "in_locality", start))
            if p % 20 == 7:  # a practice that changed group: the old link has ended
                old = shape.groups[(p + 1) % 5]
                links.append(Link(practice, old, "member_of_pbc_group", start, dt.date(2006, 3, 31)))
                links.append(Link(practice, group, "member_of_pbc_group", dt.date(2006, 4, 1)))
            else:
                links.append(Link(practice, group, "member_of_pbc_group", start))
        links_by_trust[shape.trust] = links
        trusts.append(shape)
    return trusts, links_by_trust


def _people(rng: random.Random, trusts: list[TrustShape]) -> tuple[array[int], array[int]]:
    """Each person's trust and, for seven in ten, the practice that employs them."""
    person_trust = array("i", [0]) * (PEOPLE + 1)
    person_employer = array("i", [0]) * (PEOPLE + 1)
    for person in range(1, PEOPLE + 1):
        t = (person - 1) % TRUSTS
        person_trust[person] = t
        trusts[t].people.append(person)
        if rng.random() < 0.7:
            person_employer[person] = rng.choice(trusts[t].practices)
    return person_trust, person_employer


def _declarations(rng: random.Random, trusts: list[TrustShape], person_trust: array[int]) -> tuple[Any, ...]:
    """The register, column by column, and each person's rows."""
    # A tenth of people (committee members, partners) declare two to three times as much as
    # the rest: about 18 declarations each against about 7 (500,000 / 60,000 is 8.3 on average).
    heavy = set(rng.sample(range(1, PEOPLE + 1), PEOPLE // 10))
    weights = [0.0] + [2.4 if p in heavy else 1.0 for p in range(1, PEOPLE + 1)]
    declarants = rng.choices(range(PEOPLE + 1), weights=weights, k=DECLARATIONS)
    decl_person, decl_org, decl_category, decl_description, decl_start, decl_end = (
        array("i") for _ in range(6)
    )
    decl_by_person: dict[int, list[int]] = {}
    first_day, span = dt.date(2000, 1, 1).toordinal(), 8 * 365
    for row, person in enumerate(declarants):
        shape = trusts[person_trust[person]]
        pool = shape.practices if rng.random() < 0.4 else shape.organisations
        began = first_day + rng.randrange(span)
        decl_person.append(person)
        decl_org.append(rng.choice(pool))
        decl_category.append(rng.randrange(len(CATEGORIES)))
        decl_description.append(rng.randrange(len(DESCRIPTIONS)))
        decl_start.append(began)
        decl_end.append(began + rng.randrange(30, 1500) if rng.random() < 0.3 else 0)
        decl_by_person.setdefault(person, []).append(row)
    return decl_person, decl_org, decl_category, decl_description, decl_start, decl_end, decl_by_person


@dataclass(frozen=True, repr=False)
class Agenda:
    items: list[list[int]]  # the organisations each item affects
    attendees: list[Attendee]
    trust_links: list[Link]


def build_agenda(nation: Nation, seed: int = SEED) -> Agenda:
    """A PEC meeting of one trust: the 15 attendees who declare most, 40 items affecting 1-4 of its organisations."""
    rng = random.Random(seed + 1)
    shape = nation.trusts[17]
    people = sorted(shape.people, key=lambda p: (-len(nation.decl_by_person.get(p, ())), p))[:ATTENDEES]
    attendees = [Attendee(p, f"Person {p}", nation.interests_of(p)) for p in people]
    items = [rng.sample(shape.organisations, rng.randint(1, 4)) for _ in range(ITEMS)]
    return Agenda(items, attendees, nation.links_by_trust[shape.trust])


@pytest.fixture(scope="module")
def nation() -> Nation:
    return build_nation()


@pytest.fixture(scope="module")
def agenda(nation: Nation) -> Agenda:
    return build_agenda(nation)


def meeting_screening(
    agenda: Agenda, links: list[Link], names: dict[int, str]
) -> Callable[[], list[list[Conflict]]]:
    """What the meeting page does with the inputs it has read: one pass over every item."""
    items = dict(enumerate(agenda.items, start=1))  # the page keys items by their primary key

    def run() -> list[list[Conflict]]:
        found = screen_agenda(
            items=items, attendees=agenda.attendees, links=links, on=MEETING_DAY, names=names
        )
        return list(found.values())

    return run


def test_national_register_has_the_national_shape(nation: Nation, agenda: Agenda) -> None:
    practices = sum(len(t.practices) for t in nation.trusts)
    interests = sum(len(a.interests) for a in agenda.attendees)

    assert (len(nation.trusts), practices, len(nation.decl_person)) == (TRUSTS, PRACTICES, DECLARATIONS)
    assert len(nation.person_trust) - 1 == PEOPLE
    assert interests >= ATTENDEES * 20  # attendees who declare a lot: the hard case


def test_screening_a_40_item_agenda_is_under_20ms(benchmark: Any, nation: Nation, agenda: Agenda) -> None:
    run = meeting_screening(agenda, agenda.trust_links, nation.names)

    found = benchmark(run)

    conflicts = sum(len(item) for item in found)
    benchmark.extra_info.update(
        {
            "label": f"{ITEMS} items x {ATTENDEES} attendees vs {DECLARATIONS:,} declarations",
            "links": len(agenda.trust_links),
            "interests_screened": sum(len(a.interests) for a in agenda.attendees),
            "conflicts_found": conflicts,
        }
    )
    assert conflicts > ITEMS  # the agenda touches the attendees' interests: real work was timed
    assert benchmark.stats.stats.mean < TARGET_SECONDS
