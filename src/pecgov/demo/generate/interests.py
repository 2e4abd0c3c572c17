"""One generated trust's register of interests: declarations and annual returns (COI-1).

Everyone with an employer declares it; most people declare several more interests, nearly half
of them ended; a few declare nothing and make a nil return. Current committee members mostly
confirmed their entries within the policy's review period; a few are overdue.
"""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from pecgov.demo.generate import shape
from pecgov.demo.generate.structure import World
from pecgov.demo.generate.writers import Writer
from pecgov.interests import screening
from pecgov.interests.enums import Category, ReturnKind, Withholding
from pecgov.interests.models import Declaration, InterestReturn
from pecgov.trust.enums import OrganisationKind, Profession
from pecgov.trust.models import Organisation, Person

WITHHELD_REASON = "Publishing the details could put a family member at risk; agreed with the PEC chair."


def at(day: dt.date, hour: int, minute: int = 0) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour, minute)))


def build(world: World, writer: Writer) -> dict[int, tuple[screening.Interest, ...]]:
    """Write the declarations and returns; give back each person's interests for screening."""
    rng = world.rng
    targets = _targets(world)
    declarations: list[Declaration] = []
    declared_nothing: list[Person] = []
    for person in world.people:
        mine: list[Declaration] = []
        if person.organisation is not None:
            start = world.years_ago(rng.uniform(1, 15))
            title = person.job_title or "Employed"
            mine.append(
                Declaration(
                    person=person,
                    category=Category.FINANCIAL,
                    organisation=person.organisation,
                    description=title if "partner" in title else f"Employed: {title.lower()}",
                    start_date=start,
                    declared_at=_declared_at(world, start),
                )
            )
        elif person.profession == Profession.LAY and rng.random() < shape.LAY_NOTHING_TO_DECLARE:
            declared_nothing.append(person)
            continue
        mine += [_declaration(world, person, targets) for _ in range(rng.randint(*shape.EXTRA_DECLARATIONS))]
        declarations.extend(mine)
    writer.add(Declaration, declarations, noun="declarations")
    _returns(world, writer, declared_nothing)
    return _interests(world, declarations)


def _declared_at(world: World, start: dt.date) -> dt.datetime:
    rng = world.rng
    day = min(start + dt.timedelta(days=rng.randint(0, 30)), world.on - dt.timedelta(days=1))
    return at(day, rng.randint(9, 16), rng.randint(0, 59))


def _declaration(world: World, person: Person, targets: list[list[Organisation]]) -> Declaration:
    """One more declaration: its category by the shape's weights, in an organisation of the trust
    seven times in ten (else a body outside it); some ended, a few withheld from the public."""
    rng, on = world.rng, world.on
    category = rng.choices(list(shape.CATEGORY_WEIGHTS), list(shape.CATEGORY_WEIGHTS.values()))[0]
    start = on - dt.timedelta(days=rng.randint(30, 15 * 365))
    end = None
    if rng.random() < shape.ENDED_SHARE:
        end = start + dt.timedelta(days=rng.randint(0, (on - start).days))
    org: Organisation | None = None
    name = ""
    if rng.random() < 0.7:
        org = shape.pick(rng, shape.pick(rng, targets))
    else:
        name = shape.pick(rng, shape.EXTERNAL_BODIES)
    made = Declaration(
        person=person,
        category=category,
        organisation=org,
        organisation_name=name,
        description=shape.pick(rng, shape.DESCRIPTIONS[category]),
        start_date=start,
        end_date=end,
        declared_at=_declared_at(world, start),
    )
    roll = rng.random()
    if roll < 0.001:
        made.withholding, made.withheld_reason = Withholding.ENTRY, WITHHELD_REASON
    elif roll < 0.005:
        made.withholding, made.withheld_reason = Withholding.DETAILS, WITHHELD_REASON
    return made


def _interests(world: World, declarations: list[Declaration]) -> dict[int, tuple[screening.Interest, ...]]:
    """Each person's interests as the screening engine takes them, with their own employer."""
    interests: dict[int, list[screening.Interest]] = {p.pk: [] for p in world.people}
    for d in declarations:
        interests[d.person_id].append(
            screening.Interest(d.organisation_id, d.category, d.description, d.start_date, d.end_date, d.pk)
        )
    for person in world.people:
        if person.organisation_id is not None:
            interests[person.pk].append(
                screening.Interest(
                    person.organisation_id, screening.EMPLOYMENT, "their practice or employer", dt.date.min
                )
            )
    return {pk: tuple(found) for pk, found in interests.items()}


def _targets(world: World) -> list[list[Organisation]]:
    """Where declared interests lie, weighted: practices most, then providers and groups."""
    others = [
        o for o in world.orgs if o.kind in {OrganisationKind.VOLUNTARY, OrganisationKind.LOCAL_AUTHORITY}
    ]
    return [world.practices] * 5 + [world.providers] * 2 + [world.groups, world.contractors, others]


def _returns(world: World, writer: Writer, declared_nothing: list[Person]) -> None:
    """A nil return from everyone who declared nothing; a confirmation within the last eleven
    months from nine in ten current committee members (the rest are overdue)."""
    rng, on = world.rng, world.on
    returns = [
        InterestReturn(
            person=person,
            kind=ReturnKind.NIL,
            made_at=at(on - dt.timedelta(days=rng.randint(1, 330)), 10),
        )
        for person in declared_nothing
    ]
    seated: list[Person] = []
    nothing = {id(p) for p in declared_nothing}
    for membership in world.memberships:
        person = membership.person
        current = membership.start_date <= on and (membership.end_date is None or membership.end_date >= on)
        if current and id(person) not in nothing and all(p is not person for p in seated):
            seated.append(person)
    returns += [
        InterestReturn(
            person=person,
            kind=ReturnKind.CONFIRMED,
            made_at=at(on - dt.timedelta(days=rng.randint(1, 330)), 11),
        )
        for person in seated
        if rng.random() < 0.9
    ]
    writer.add(InterestReturn, returns, noun="interest returns")
