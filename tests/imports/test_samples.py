"""The shipped sample files (ADM-2, PUB-3): the good ones import in order into an empty trust,
the bad declarations file imports nothing and names every bad row by line and column."""

from __future__ import annotations

import datetime as dt
import re
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from pecgov.actors import SYSTEM
from pecgov.imports.running import import_file
from pecgov.interests.models import Declaration
from pecgov.trust import services as ts
from pecgov.trust.enums import OrganisationKind
from pecgov.trust.models import Committee, Membership, Organisation, Person
from tests.imports.helpers import counts

pytestmark = pytest.mark.django_db
SAMPLES = Path(__file__).resolve().parents[2] / "samples"
ORDER = [
    ("practices", "epraccur.csv"),
    ("people", "people.csv"),
    ("committees", "pec-members.csv"),
    ("declarations", "declarations.csv"),
]


def _load(trust: Organisation) -> None:
    for kind, name in ORDER:
        outcome = import_file(
            actor=SYSTEM, trust=trust, kind=kind, content=(SAMPLES / name).read_bytes(), filename=name
        )
        assert [str(p) for p in outcome.problems] == [], name
        assert outcome.imported, name


def test_samples_import_into_an_empty_trust() -> None:
    """ADM-2: practices from the ODS file (two closed), 40 people, the Board and PEC with members,
    and 200 declarations."""
    trust = ts.trust_create(actor=SYSTEM, name="Sample PCT", ods_code="SMP")
    _load(trust)
    practices = Organisation.objects.filter(trust=trust, kind=OrganisationKind.PRACTICE)
    assert practices.count() == 24
    assert practices.filter(closed_on__isnull=False).count() == 2
    # ORG-1: each practice keeps its address, postcode and opening date from the ODS file.
    assert practices.exclude(postcode="").exclude(address="").filter(open_date__isnull=False).count() == 24
    abbey = practices.get(ods_code="Y70001")
    assert (abbey.address, abbey.postcode, abbey.open_date) == (
        "1 ABBEY ROAD, AVONMERE, AVONSHIRE",
        "AV1 0AB",
        dt.date(1974, 4, 1),
    )
    assert Person.objects.filter(trust=trust).count() == 40
    assert Committee.objects.filter(trust=trust).count() == 2
    assert Membership.objects.filter(committee__trust=trust).count() == 16
    assert Declaration.objects.filter(person__trust=trust).count() == 200


def test_bad_declarations_sample_names_every_bad_row_and_imports_nothing() -> None:
    """PUB-3, ADM-2: every bad row by line and column, in plain words; nothing saved."""
    trust = ts.trust_create(actor=SYSTEM, name="Sample PCT", ods_code="SMP")
    _load(trust)
    before = counts()
    name = "declarations-bad.csv"
    outcome = import_file(
        actor=SYSTEM, trust=trust, kind="declarations", content=(SAMPLES / name).read_bytes(), filename=name
    )
    assert [str(p) for p in outcome.problems] == [
        "line 2, column `start_date`: 31/02/2026 is not a date (write it as 2026-04-01 or 1/4/2026)",
        "line 3, column `person`: no one in this trust has the email nobody@avonmere.example.org",
        "line 4, column `category`: gift is not one of: financial, non_financial_professional, non_financial_personal, indirect",
        "line 5, column `end_date`: The date the interest ended must be the same as or after the date it began",
        "line 6, column `description`: this cannot be empty",
        "line 8, column `start_date`: the same declaration (person, organisation and start date) is on line 7",
    ]
    assert not outcome.imported
    assert counts() == before


def test_command_prints_every_bad_row_and_fails() -> None:
    """ADM-2: `pecgov import` exits non-zero and prints each bad row."""
    trust = ts.trust_create(actor=SYSTEM, name="Sample PCT", ods_code="SMP")
    _load(trust)
    before = counts()
    out = StringIO()
    with pytest.raises(
        CommandError, match=re.escape("6 problems in declarations-bad.csv: nothing was imported")
    ):
        call_command(
            "import", "declarations", str(SAMPLES / "declarations-bad.csv"), "--trust", "SMP", stdout=out
        )
    assert "line 2, column `start_date`: 31/02/2026 is not a date" in out.getvalue()
    assert "line 8, column `start_date`" in out.getvalue()
    assert counts() == before


def test_command_dry_run_changes_nothing_then_imports() -> None:
    """ADM-2: --dry-run counts and changes nothing; the real run imports; again changes nothing."""
    ts.trust_create(actor=SYSTEM, name="Sample PCT", ods_code="SMP")
    before = counts()
    out = StringIO()
    call_command(
        "import", "practices", str(SAMPLES / "epraccur.csv"), "--trust", "SMP", "--dry-run", stdout=out
    )
    assert (
        "epraccur.csv is good: 24 to add, 0 to change, 0 unchanged. Nothing was changed (dry run)."
        in out.getvalue()
    )
    assert counts() == before
    call_command("import", "practices", str(SAMPLES / "epraccur.csv"), "--trust", "SMP", stdout=out)
    assert "24 added" in out.getvalue()
    assert counts()["organisations"] == before["organisations"] + 24
    after = counts()
    call_command("import", "practices", str(SAMPLES / "epraccur.csv"), "--trust", "SMP", stdout=out)
    assert "changes nothing" in out.getvalue()
    assert counts() == after
