"""Practices arrive with their addresses, postcodes and open and close dates (ADM-2, ORG-1):
from NHS Digital's ODS practice file and from the trust's own organisations file, with a bad
postcode or an opening after the closing named by line and column, and nothing imported."""

from __future__ import annotations

import datetime as dt

import pytest

from pecgov.actors import SYSTEM
from pecgov.imports.running import import_file
from pecgov.trust import services as ts
from pecgov.trust.models import Organisation
from tests.imports.helpers import counts, csv_bytes

pytestmark = pytest.mark.django_db


def _epraccur(code: str, lines: list[str], postcode: str, opened: str, closed: str = "") -> list[str]:
    row = [""] * 27
    row[0], row[1] = code, f"SURGERY {code}"
    row[4:9] = lines
    row[9], row[10], row[11], row[12], row[13] = postcode, opened, closed, "C" if closed else "A", "B"
    return row


def _import(trust: Organisation, kind: str, content: bytes, filename: str) -> list[str]:
    outcome = import_file(actor=SYSTEM, trust=trust, kind=kind, content=content, filename=filename)
    return [str(p) for p in outcome.problems]


@pytest.fixture
def trust() -> Organisation:
    return ts.trust_create(actor=SYSTEM, name="Place PCT", ods_code="PLC")


def test_epraccur_keeps_address_postcode_and_dates(trust: Organisation) -> None:
    """ADM-2: address lines 1-5 (columns 5-9) joined with ", ", blank ones skipped; postcode
    (column 10) written one way; open date (column 11) and close date (column 12)."""
    rows = [
        _epraccur("Y70001", ["1 ABBEY ROAD", "", "AVONMERE", "AVONSHIRE", ""], "av1 0ab", "19740401"),
        _epraccur("Y70002", ["", "UNIT 2", "MILL LANE", "", "AVONMERE"], "AV2 1AB", "19990101", "20220331"),
    ]
    assert _import(trust, "practices", csv_bytes(None, rows), "epraccur.csv") == []
    got = {
        o.ods_code: (o.address, o.postcode, o.open_date, o.closed_on)
        for o in Organisation.objects.filter(trust=trust).exclude(pk=trust.pk)
    }
    assert got == {
        "Y70001": ("1 ABBEY ROAD, AVONMERE, AVONSHIRE", "AV1 0AB", dt.date(1974, 4, 1), None),
        "Y70002": ("UNIT 2, MILL LANE, AVONMERE", "AV2 1AB", dt.date(1999, 1, 1), dt.date(2022, 3, 31)),
    }


def test_epraccur_moves_follow_the_file_and_the_same_file_changes_nothing(trust: Organisation) -> None:
    """ADM-2: a practice that moved takes its new address on the next file; that file imported
    again changes nothing (no row, no history, no event)."""
    first = [_epraccur("Y70001", ["1 ABBEY ROAD", "", "AVONMERE", "", ""], "AV1 0AB", "19740401")]
    assert _import(trust, "practices", csv_bytes(None, first), "epraccur.csv") == []
    moved = [_epraccur("Y70001", ["9 NEW STREET", "", "AVONMERE", "", ""], "AV9 9ZZ", "19740402")]
    outcome = import_file(
        actor=SYSTEM, trust=trust, kind="practices", content=csv_bytes(None, moved), filename="epraccur.csv"
    )
    assert outcome.problems == [] and outcome.counts["update"] == 1
    practice = Organisation.objects.get(trust=trust, ods_code="Y70001")
    assert (practice.address, practice.postcode, practice.open_date) == (
        "9 NEW STREET, AVONMERE",
        "AV9 9ZZ",
        dt.date(1974, 4, 2),
    )
    before = counts()
    again = import_file(
        actor=SYSTEM, trust=trust, kind="practices", content=csv_bytes(None, moved), filename="epraccur.csv"
    )
    assert again.problems == [] and again.counts["update"] == again.counts["create"] == 0
    assert counts() == before


def test_epraccur_bad_postcode_or_opening_after_closing_imports_nothing(trust: Organisation) -> None:
    """X-4: each bad row named by line and column, in plain words; nothing saved."""
    rows = [
        _epraccur("Y70001", ["1 ABBEY ROAD", "", "", "", ""], "AV1 0AB", "19740401"),
        _epraccur("Y70002", ["2 ABBEY ROAD", "", "", "", ""], "NOT A CODE", "19740401"),
        _epraccur("Y70003", ["3 ABBEY ROAD", "", "", "", ""], "AV3 0AB", "20230101", "20220331"),
    ]
    before = counts()
    assert _import(trust, "practices", csv_bytes(None, rows), "epraccur.csv") == [
        "line 2, column `postcode`: NOT A CODE is not a UK postcode (write it like AV1 0AB)",
        "line 3, column `open_date`: 20230101 is after the close date 20220331",
    ]
    assert counts() == before


HEADER = ["ods_code", "name", "kind", "address", "postcode", "open_date", "closed_on"]


def test_organisations_file_carries_the_place_and_refuses_bad_rows(trust: Organisation) -> None:
    """ADM-2: the trust's own file reads address, postcode and open_date; a lower-case postcode
    is written one way; a bad postcode or an opening after the closing imports nothing."""
    bad = [
        ["Y80001", "Good Surgery", "practice", "1 Good Road", "av1 0ab", "1/4/1974", ""],
        ["Y80002", "Bad Code Surgery", "practice", "", "AV1", "", ""],
        ["Y80003", "Backwards Surgery", "practice", "", "", "2021-01-01", "2020-01-01"],
    ]
    before = counts()
    assert _import(trust, "organisations", csv_bytes(HEADER, bad), "orgs.csv") == [
        "line 3, column `postcode`: AV1 is not a UK postcode (write it like AV1 0AB)",
        "line 4, column `open_date`: 01/01/2021 is after the closing date 01/01/2020",
    ]
    assert counts() == before
    assert _import(trust, "organisations", csv_bytes(HEADER, bad[:1]), "orgs.csv") == []
    good = Organisation.objects.get(trust=trust, ods_code="Y80001")
    assert (good.address, good.postcode, good.open_date) == ("1 Good Road", "AV1 0AB", dt.date(1974, 4, 1))


def test_organisations_file_without_the_new_columns_leaves_them_alone(trust: Organisation) -> None:
    """ADM-2: a file made before these columns existed still imports and does not blank them."""
    full = [["Y80001", "Good Surgery", "practice", "1 Good Road", "AV1 0AB", "1974-04-01", ""]]
    assert _import(trust, "organisations", csv_bytes(HEADER, full), "orgs.csv") == []
    before = counts()
    old = csv_bytes(["ods_code", "name", "kind"], [["Y80001", "Good Surgery", "practice"]])
    assert _import(trust, "organisations", old, "orgs.csv") == []
    assert counts() == before
    kept = Organisation.objects.get(trust=trust, ods_code="Y80001")
    assert (kept.address, kept.postcode, kept.open_date) == ("1 Good Road", "AV1 0AB", dt.date(1974, 4, 1))
