"""The business case pages' rows of the access matrix (X-1, PBC-1 to PBC-4, MTG-6), read by
tests/test_access_matrix.py.

ROWS says who gets what for each URL name; make_objects builds what the URLs point at (in
`world`, so another trust's lead gets 404); kwargs fills each URL. The roles and the expected
statuses per role come from tests/access_roles.py. Who holds which permission is
src/pecgov/commissioning/rules.py.
"""

from __future__ import annotations

from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile

from pecgov.commissioning import services as cs
from pecgov.commissioning.enums import Aspect, Criterion
from pecgov.commissioning.models import BusinessCase
from pecgov.delegation import services as ds
from pecgov.delegation.models import Scheme
from pecgov.trust.enums import CommitteeKind, Profession
from pecgov.trust.models import Committee, Person
from tests.access_roles import LEAD, page
from tests.commissioning.pdfs import real_pdf
from tests.commissioning_factories import make_commissioning, submit_case
from tests.factories import SYSTEM, World, make_person
from tests.meeting_factories import make_meeting

# commissioning.view_pipeline: the governance lead and anyone with a committee seat.
PIPELINE = {"member", "pec_chair", "pct_chair", "chief_executive", "executive_director"} | LEAD
# commissioning.view_cases / view_case: those, and the lead of the submitting practice.
CASES = PIPELINE | {"practice_lead"}
# commissioning.submit and act_as_submitter: the governance lead and the submitting practice's lead.
SUBMITTER = LEAD | {"practice_lead"}
# commissioning.scrutinise: the lead, PEC members, directors (the PCT chair sits only on the Board).
SCRUTINEERS = {"member", "pec_chair", "chief_executive", "executive_director"} | LEAD
# commissioning.decide_director: an executive director or the chief executive.
DIRECTORS = {"chief_executive", "executive_director"}


ROWS: dict[str, dict[str, int]] = {
    "commissioning:case_list": page(CASES, object_level=False),
    "commissioning:case_submit": page(SUBMITTER, object_level=False),
    "commissioning:case_detail": page(CASES, object_level=True),
    "commissioning:case_scrutiny": page(SCRUTINEERS, object_level=True),
    "commissioning:case_schedule": page(LEAD, object_level=True),
    "commissioning:case_decide": page(DIRECTORS, object_level=True),
    "commissioning:case_return": page(LEAD, object_level=True),
    "commissioning:case_resubmit": page(SUBMITTER, object_level=True),
    "commissioning:case_withdraw": page(SUBMITTER, object_level=True),
    "commissioning:document_add": page(SUBMITTER, object_level=True),
    "commissioning:document_download": page(CASES, object_level=True),
    "commissioning:pipeline": page(PIPELINE, object_level=False),
    # PBC-7: the decisions register and its CSV, for those who see the pipeline.
    "commissioning:decisions": page(PIPELINE, object_level=False),
    "commissioning:decisions_csv": page(PIPELINE, object_level=False),
}


def _approvals_and_scheme(world: World) -> None:
    """The PBC approvals committee and the scheme, unless another area made them already."""
    if not Committee.objects.filter(trust=world.trust, kind=CommitteeKind.PBC_APPROVALS).exists():
        make_commissioning(world)
    elif not Scheme.objects.filter(trust=world.trust).exists():
        ds.scheme_adopt_default(actor=SYSTEM, trust=world.trust)


def _scrutinise(case: BusinessCase, assessor: Person) -> None:
    # Other areas declare interests for world's people, so an assessor of our own, with none.
    for aspect in Aspect:
        cs.scrutiny_record(
            actor=SYSTEM,
            case=case,
            aspect=aspect.value,
            assessor=assessor,
            assessments={c.value: ("met", "Sound") for c in Criterion},
        )


def make_objects(world: World, other_world: World) -> dict[str, Any]:
    """Cases from world.practice, each in the state its action page expects: submitted (with a
    document), scrutinised with a meeting to go to, with the director, and returned."""
    _approvals_and_scheme(world)
    assessor = make_person(world.trust, Profession.PHARMACIST, name="Matrix Assessor")
    document = SimpleUploadedFile("matrix.pdf", real_pdf(b"matrix case"), content_type="application/pdf")
    submitted = submit_case(world, title="Matrix case", documents=[document])
    scrutinised = submit_case(world, title="Matrix scrutinised case")
    _scrutinise(scrutinised, assessor)
    approvals = Committee.objects.filter(trust=world.trust, kind=CommitteeKind.PBC_APPROVALS).first()
    assert approvals is not None
    make_meeting(approvals, days=14)
    with_director = submit_case(world, title="Matrix small case", value=20_000)
    _scrutinise(with_director, assessor)
    returned = submit_case(world, title="Matrix returned case")
    cs.case_return(actor=SYSTEM, case=returned, reason="Add the costs")
    return {
        "cm_case": submitted,
        "cm_document": submitted.documents.get(),
        "cm_scrutinised": scrutinised,
        "cm_with_director": with_director,
        "cm_returned": returned,
    }


# Which object each URL's pk names.
PK_OF = {
    "commissioning:case_detail": "cm_case",
    "commissioning:case_scrutiny": "cm_case",
    "commissioning:case_schedule": "cm_scrutinised",
    "commissioning:case_decide": "cm_with_director",
    "commissioning:case_return": "cm_case",
    "commissioning:case_resubmit": "cm_returned",
    "commissioning:case_withdraw": "cm_case",
    "commissioning:document_add": "cm_case",
    "commissioning:document_download": "cm_document",
}


def kwargs(name: str, world: World, objects: dict[str, Any]) -> dict[str, Any] | None:
    if name not in ROWS:
        return None
    if name not in PK_OF:
        return {}
    found: dict[str, Any] = {"pk": objects[PK_OF[name]].pk}
    if name == "commissioning:case_scrutiny":
        found["aspect"] = "clinical"
    return found
