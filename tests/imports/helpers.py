"""Files for the import tests, built in memory (ADM-2)."""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence

import tablib

from pecgov.audit.models import AuditEvent
from pecgov.interests.models import Declaration
from pecgov.trust.models import Committee, Membership, Organisation, Person


def csv_bytes(header: Sequence[str] | None, rows: Sequence[Sequence[object]]) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    if header is not None:
        writer.writerow(header)
    writer.writerows(rows)
    return out.getvalue().encode()


def xlsx_bytes(header: Sequence[str], rows: Sequence[Sequence[object]]) -> bytes:
    data = tablib.Dataset(*[tuple(r) for r in rows], headers=list(header))
    content = data.export("xlsx")
    assert isinstance(content, bytes)
    return content


def counts() -> dict[str, int]:
    """Rows of every model an import may touch, and the ledger's events."""
    return {
        "organisations": Organisation.objects.count(),
        "organisation_history": Organisation.history.count(),
        "people": Person.objects.count(),
        "person_history": Person.history.count(),
        "committees": Committee.objects.count(),
        "memberships": Membership.objects.count(),
        "declarations": Declaration.objects.count(),
        "declaration_history": Declaration.history.count(),
        "events": AuditEvent.objects.count(),
    }
