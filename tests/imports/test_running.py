"""Importing each kind of register through the services, with one audit event (ADM-2, PUB-3, X-2)."""

from __future__ import annotations

import datetime as dt

import pytest

from pecgov.audit import chain
from pecgov.audit.models import AuditEvent
from pecgov.imports.running import import_file, sha256_of
from pecgov.interests.models import Declaration
from pecgov.trust.enums import MembershipRole
from pecgov.trust.models import Committee, Membership, Organisation, Person
from tests.factories import SYSTEM, World
from tests.imports.helpers import counts, csv_bytes, xlsx_bytes

pytestmark = pytest.mark.django_db

ORG_HEADER = ["ods_code", "name", "kind", "provider_kind", "parent", "closed_on"]
PEOPLE_HEADER = [
    "email",
    "name",
    "profession",
    "job_title",
    "registration_body",
    "registration_number",
    "practising",
    "has_caseload",
    "organisation",
]
DECL_HEADER = ["person", "category", "organisation", "description", "start_date", "end_date"]


def _orgs(world: World) -> bytes:
    return csv_bytes(
        ORG_HEADER,
        [
            ["L1", "North Locality", "locality", "", "", ""],
            ["A81001", "Riverside Surgery", "practice", "", "L1", ""],
            ["A81002", "Hill Surgery", "practice", "", "North Locality", "2021-03-31"],
        ],
    )


def test_organisations_import_once_with_one_event(world: World) -> None:
    """ADM-2: a good file is imported in one transaction with one audit event naming the file and
    its SHA-256 and every history row; the same file again changes nothing and writes no event."""
    before = AuditEvent.objects.count()
    content = _orgs(world)
    outcome = import_file(
        actor=world.users["governance_lead"],
        trust=world.trust,
        kind="organisations",
        content=content,
        filename="orgs.csv",
    )
    assert outcome.problems == []
    assert outcome.counts == {"create": 3, "update": 0, "unchanged": 0}
    assert AuditEvent.objects.count() == before + 1
    event = AuditEvent.objects.order_by("-id").first()
    assert event is not None
    assert event.action == "import.organisations"
    assert event.data["sha256"] == sha256_of(content)
    assert event.data["file"] == "orgs.csv"
    # 3 created + 1 closed: four history rows, all named.
    assert len(event.history_refs) == 4
    riverside = Organisation.objects.get(trust=world.trust, ods_code="A81001")
    assert riverside.parent is not None and riverside.parent.name == "North Locality"
    assert Organisation.objects.get(ods_code="A81002").closed_on == dt.date(2021, 3, 31)
    snapshot = counts()
    again = import_file(
        actor=world.users["governance_lead"],
        trust=world.trust,
        kind="organisations",
        content=content,
        filename="orgs.csv",
    )
    assert again.counts == {"create": 0, "update": 0, "unchanged": 3}
    assert counts() == snapshot
    assert chain.verify().ok


def test_people_committees_and_declarations_import(world: World) -> None:
    """ADM-2: people, then committees with members, then declarations, each one event."""
    import_file(actor=SYSTEM, trust=world.trust, kind="organisations", content=_orgs(world), filename="o.csv")
    people = csv_bytes(
        PEOPLE_HEADER,
        [
            ["ann@example.org", "Dr Ann Lee", "gp", "GP partner", "GMC", "1234567", "yes", "yes", "A81001"],
            ["", "Bob Rae", "lay", "", "", "", "no", "no", ""],
        ],
    )
    outcome = import_file(actor=SYSTEM, trust=world.trust, kind="people", content=people, filename="p.csv")
    assert outcome.problems == []
    ann = Person.objects.get(email="ann@example.org")
    assert ann.organisation is not None and ann.organisation.ods_code == "A81001"
    _committees_and_declarations(world, ann)


def _committees_and_declarations(world: World, ann: Person) -> None:
    committees = csv_bytes(
        [
            "committee",
            "kind",
            "parent",
            "purpose",
            "person",
            "role",
            "start_date",
            "end_date",
            "co_opted_scope",
        ],
        [
            ["North ACF", "acf", "PEC 2", "", "ann@example.org", "chair", "2024-04-01", "", ""],
            [
                "PEC 2",
                "reference_group",
                world.board.name,
                "Advice",
                "Bob Rae",
                "clinical",
                "1/4/2024",
                "",
                "",
            ],
        ],
    )
    outcome = import_file(
        actor=SYSTEM, trust=world.trust, kind="committees", content=committees, filename="c.csv"
    )
    assert outcome.problems == []
    assert Committee.objects.get(name="North ACF").parent == Committee.objects.get(name="PEC 2")
    assert Membership.objects.get(person=ann).role == MembershipRole.CHAIR
    declarations = xlsx_bytes(
        DECL_HEADER,
        [
            ["ann@example.org", "financial", "A81001", "GP partner", "2020-04-01", ""],
            ["Bob Rae", "indirect", "Acme Health Ltd", "Wife is a director", "2022-01-01", "2023-01-01"],
        ],
    )
    outcome = import_file(
        actor=SYSTEM, trust=world.trust, kind="declarations", content=declarations, filename="d.xlsx"
    )
    assert outcome.problems == []
    assert Declaration.objects.filter(person__trust=world.trust).count() == 2
    assert Declaration.objects.get(organisation_name="Acme Health Ltd").end_date == dt.date(2023, 1, 1)
    assert chain.verify().ok
