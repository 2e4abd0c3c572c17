"""Every trust as plain values, read once per change to any trust's own row (X-3).

The public register offers every trust (152 at national scale) and the public API finds a trust
by its ODS code on every request: read from the database each time, the list was a tenth of the
register's render and the lookup (a scan of every organisation) a tenth of the API's. A trust's
own row moves the version trusts share (`Organisation.shared_across_trusts`), which keys what is
kept here (`ui.kept.shared`), so a new or renamed trust is seen on the next request.
"""

from __future__ import annotations

from typing import NamedTuple

from pecgov.trust.enums import OrganisationKind
from pecgov.trust.models import Organisation
from pecgov.ui.kept import shared


class TrustChoice(NamedTuple):
    """A trust as lists of trusts show it: plain values, not a model instance."""

    pk: int
    ods_code: str
    name: str


class Trusts(NamedTuple):
    """Every trust: first set up first, by name, and by upper-case ODS code (the first set up
    on a tie)."""

    by_id: list[TrustChoice]
    by_name: list[TrustChoice]
    by_code: dict[str, TrustChoice]


def _read() -> Trusts:
    rows = Organisation.objects.filter(kind=OrganisationKind.TRUST).order_by("id")
    by_id = [TrustChoice(*r) for r in rows.values_list("id", "ods_code", "name")]
    by_code: dict[str, TrustChoice] = {}
    for t in by_id:
        by_code.setdefault(t.ods_code.upper(), t)
    return Trusts(by_id, sorted(by_id, key=lambda t: t.name), by_code)


def trusts() -> Trusts:
    """Every trust, kept until a trust's own row changes (one indexed read when kept)."""
    return shared("trust.trustlist", _read)
