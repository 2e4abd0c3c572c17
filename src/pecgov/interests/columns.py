"""The columns of the register of interests as a file (ADM-2, ADM-3, PUB-3): what the register
downloads and what `pecgov.imports` reads back, so a round trip is exact.

The person is named by email (or name when they have none); the organisation by its ODS code
or name when it is in the trust's records, otherwise by the name the declaration gives.
"""

from __future__ import annotations

from pecgov.interests.enums import Category
from pecgov.interests.models import Declaration
from pecgov.trust.columns import organisation_ref, person_ref
from pecgov.ui.tabular import Column, choice, date_or_none


def _organisation(declaration: Declaration) -> str:
    if declaration.organisation is not None:
        return organisation_ref(declaration.organisation)
    return declaration.organisation_name


DECLARATION_COLUMNS = (
    Column("person", lambda d: person_ref(d.person), required=True),
    Column("category", lambda d: d.category, choice(Category), required=True),
    Column("organisation", _organisation, required=True),
    Column("description", lambda d: d.description, required=True),
    Column("start_date", lambda d: d.start_date, date_or_none, required=True),
    Column("end_date", lambda d: d.end_date, date_or_none),
)
