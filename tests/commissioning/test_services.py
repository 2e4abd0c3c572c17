"""Submitting a case, adding documents and recording scrutiny (PBC-1, PBC-2, PBC-3, COI-2, X-1, X-4).

Every refused call asserts the field the message is about, the exact message, and that
nothing was written: no case, document, scrutiny or history row, no audit event.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from pecgov.audit.models import AuditEvent
from pecgov.commissioning import services as cs
from pecgov.commissioning.enums import Aspect, CaseStatus, Criterion
from pecgov.commissioning.models import BusinessCase, CaseDocument, Scrutiny
from pecgov.errors import DomainError, NotPermitted
from pecgov.policy.services import policy_override
from pecgov.trust import services as ts
from pecgov.trust.enums import GrantRole, LinkKind, OrganisationKind, Profession
from pecgov.trust.models import Organisation, OrganisationLink, Person
from tests.commissioning.pdfs import real_pdf
from tests.commissioning_factories import Commissioning, make_commissioning, scrutinise, submit_case
from tests.factories import START, SYSTEM, World, make_org, make_person, make_user
from tests.meeting_factories import declare

PDF = real_pdf(b"business case")
ALLOWED_TYPES = "pdf, docx, odt, xlsx, ods, pptx, odp, csv, txt"


@pytest.fixture
def comm(world: World) -> Commissioning:
    return make_commissioning(world)


def counts() -> dict[str, int]:
    """Rows of every model a case write touches, their history, and the audit ledger."""
    found = {m.__name__: m.objects.count() for m in (BusinessCase, CaseDocument, Scrutiny)}
    found |= {
        f"{m.__name__}.history": m.history.model.objects.count()  # type: ignore[attr-defined]
        for m in (BusinessCase, CaseDocument, Scrutiny)
    }
    found["AuditEvent"] = AuditEvent.objects.count()
    return found


def refused(act: Callable[[], Any], error: type[Exception] = DomainError) -> Any:
    before = counts()
    with pytest.raises(error) as caught:
        act()
    assert counts() == before
    return caught.value


def fields(world: World, **extra: Any) -> dict[str, Any]:
    return {
        "trust": world.trust,
        "kind": "business_case",
        "title": "Community diabetes clinic",
        "service": "A nurse-led diabetes clinic in the practice for patients of the group",
        "value": 120_000,
        "patient_focus": "Care closer to home; targets the most deprived wards",
        "evidence": "Audit of 2006 referrals: 340 outpatient attendances could move",
        "submitter": world.practice,
    } | extra


def pdf(name: str = "case.pdf", body: bytes = PDF) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, body, content_type="application/pdf")


def assessments(choice: str = "met") -> dict[str, tuple[str, str]]:
    return {c.value: (choice, f"  {c.label} is sound  ") for c in Criterion}


def record(
    case: BusinessCase, assessor: Person, aspect: str = "clinical", actor: Any = SYSTEM, **kw: Any
) -> Any:
    args = {"assessments": assessments()} | kw
    return cs.scrutiny_record(actor=actor, case=case, aspect=aspect, assessor=assessor, **args)


def practice_lead_for(world: World, organisation: Organisation) -> Any:
    user = make_user()
    make_person(world.trust, Profession.MANAGER, user=user, organisation=organisation)
    ts.role_grant(
        actor=SYSTEM, user=user, trust=world.trust, role=GrantRole.PRACTICE_LEAD, organisation=organisation
    )
    return user


# Submission (PBC-1, PBC-2) ---------------------------------------------------------------------


def test_case_submit_valid_routes_and_records_everything(world: World, comm: Commissioning) -> None:
    case = cs.case_submit(
        actor=world.users["practice_lead"],
        **fields(world, title="  Community diabetes clinic  ", evidence=" Audit of referrals "),
        submitted_on=dt.date(2007, 3, 1),
    )
    case.refresh_from_db()
    assert case.reference == "BC-2007-001"
    assert case.title == "Community diabetes clinic"
    assert case.evidence == "Audit of referrals"
    assert case.status == CaseStatus.SUBMITTED
    assert case.submitter == world.practice
    assert case.submitted_by == world.users["practice_lead"]
    assert case.submitted_on == dt.date(2007, 3, 1)
    assert case.target_date == dt.date(2007, 4, 12)  # 42 days: the pack's pbc.target_days
    assert (case.decider, case.committee, case.scheme.version) == ("pbc_approvals", comm.approvals, 1)
    assert case.route_reason == (
        "A business case of £120,000 falls in the band £50,001 to £250,000, which the scheme of "
        "delegation gives to the PBC approvals committee."
    )
    assert case.history.count() == 1
    event = AuditEvent.objects.filter(action="case.submit").get()
    assert event.trust_id == world.trust.pk
    assert event.summary == f"BC-2007-001 submitted by {world.practice}; {case.route_reason}"


def test_case_submit_references_increment_per_kind_and_year(world: World, comm: Commissioning) -> None:
    day = dt.date(2007, 5, 1)
    refs = [
        submit_case(world, submitted_on=day).reference,
        submit_case(world, submitted_on=day).reference,
        submit_case(world, kind="commissioning_plan", submitted_on=day).reference,
        submit_case(world, submitted_on=dt.date(2008, 1, 2)).reference,
        submit_case(world, submitted_on=day).reference,
    ]
    assert refs == ["BC-2007-001", "BC-2007-002", "CP-2007-001", "BC-2008-001", "BC-2007-003"]


def test_case_submit_references_are_per_trust(world: World, comm: Commissioning, other_world: World) -> None:
    make_commissioning(other_world)
    day = dt.date(2007, 5, 1)
    assert submit_case(world, submitted_on=day).reference == "BC-2007-001"
    assert submit_case(other_world, submitted_on=day).reference == "BC-2007-001"


def test_case_submit_today_by_default(world: World, comm: Commissioning) -> None:
    case = submit_case(world)
    today = timezone.localdate()
    assert case.submitted_on == today
    assert case.reference == f"BC-{today.year}-001"
    assert case.target_date == today + dt.timedelta(days=42)


def test_case_submit_target_days_follow_a_policy_override(world: World, comm: Commissioning) -> None:
    policy_override(actor=SYSTEM, trust=world.trust, key="pbc.target_days", value=30, reason="Faster locally")
    case = submit_case(world, submitted_on=dt.date(2007, 3, 1))
    assert case.target_date == dt.date(2007, 3, 31)


def test_case_submit_by_governance_lead_for_a_pbc_group(world: World, comm: Commissioning) -> None:
    case = cs.case_submit(actor=world.users["governance_lead"], **fields(world, submitter=comm.group))
    assert (case.submitter, case.submitted_by) == (comm.group, world.users["governance_lead"])


def test_case_submit_with_documents_saves_each(world: World, comm: Commissioning) -> None:
    notes = SimpleUploadedFile("costings.txt", b"Staff: 1 WTE nurse\n", content_type="text/plain")
    case = cs.case_submit(actor=SYSTEM, **fields(world), documents=[pdf("Business case.pdf"), notes])
    docs = list(case.documents.order_by("id"))
    assert [(d.title, d.content_type, d.size) for d in docs] == [
        ("Business case", "application/pdf", len(PDF)),
        ("costings", "text/plain", 19),
    ]
    with docs[0].file.open("rb") as stored:
        assert stored.read() == PDF
    assert AuditEvent.objects.filter(action="case_document.create").count() == 2


@pytest.mark.parametrize(
    ("extra", "field", "message"),
    [
        ({"value": None}, "value", "Enter the value of the case in pounds"),
        ({"value": ""}, "value", "Enter the value of the case in pounds"),
        (
            {"value": -1},
            "value",
            "The value must be more than £0: enter the value in whole pounds, like 45000",
        ),
        (
            {"value": 0},
            "value",
            "The value must be more than £0: enter the value in whole pounds, like 45000",
        ),
        ({"value": True}, "value", "Enter the value in whole pounds, like 45000"),
        ({"value": False}, "value", "Enter the value in whole pounds, like 45000"),
        ({"value": "45000"}, "value", "Enter the value in whole pounds, like 45000"),
        ({"value": 45000.0}, "value", "Enter the value in whole pounds, like 45000"),
        ({"value": 2**63}, "value", "The value is too large: enter the value in whole pounds, like 45000"),
        ({"title": "   "}, "title", "Enter a short title for the case"),
        ({"title": None}, "title", "Enter a short title for the case"),
        ({"service": ""}, "service", "Describe the service: what will be commissioned, for whom"),
        (
            {"patient_focus": "\n"},
            "patient_focus",
            "Say how the service is patient focused and how it addresses health inequalities",
        ),
        ({"evidence": " "}, "evidence", "Give the supporting data and evidence"),
        ({"evidence": None}, "evidence", "Give the supporting data and evidence"),
        ({"kind": "grant"}, "kind", "Select whether this is a business case or a commissioning plan"),
        ({"submitter": None}, "submitter", "Select the practice or PBC group submitting the case"),
    ],
)
def test_case_submit_bad_input_refused(
    world: World, comm: Commissioning, extra: dict[str, Any], field: str, message: str
) -> None:
    error = refused(lambda: cs.case_submit(actor=SYSTEM, **fields(world, **extra), documents=[pdf()]))
    assert error.errors == {field: [message]}


def test_case_submit_every_problem_at_once(world: World, comm: Commissioning) -> None:
    error = refused(
        lambda: cs.case_submit(
            actor=SYSTEM, **fields(world, title="", service="", value=-5, patient_focus="", evidence="")
        )
    )
    assert set(error.errors) == {"title", "service", "value", "patient_focus", "evidence"}


@pytest.mark.parametrize(
    "kind", [OrganisationKind.LOCALITY, OrganisationKind.PROVIDER, OrganisationKind.SHA, "trust"]
)
def test_case_submit_submitter_not_a_practice_or_group_refused(
    world: World, comm: Commissioning, kind: str
) -> None:
    submitter = world.trust if kind == "trust" else make_org(world.trust, kind)
    error = refused(lambda: cs.case_submit(actor=SYSTEM, **fields(world, submitter=submitter)))
    assert error.errors == {"submitter": ["Select the practice or PBC group submitting the case"]}


def test_case_submit_submitter_in_another_trust_refused(
    world: World, comm: Commissioning, other_world: World
) -> None:
    error = refused(
        lambda: cs.case_submit(
            actor=world.users["governance_lead"], **fields(world, submitter=other_world.practice)
        )
    )
    assert error.errors == {"submitter": ["Select the practice or PBC group submitting the case"]}


@pytest.mark.parametrize(
    ("upload", "message"),
    [
        (
            SimpleUploadedFile("virus.exe", b"MZ...", content_type="application/octet-stream"),
            f"The document must be one of these file types: {ALLOWED_TYPES}",
        ),
        (SimpleUploadedFile("empty.pdf", b"", content_type="application/pdf"), "The selected file is empty"),
        (
            SimpleUploadedFile("fake.pdf", b"<html>not a pdf</html>", content_type="application/pdf"),
            "The document is not a real PDF",
        ),
    ],
    ids=["forbidden type", "empty", "fake pdf"],
)
def test_case_submit_bad_document_refused_and_nothing_saved(
    world: World, comm: Commissioning, upload: SimpleUploadedFile, message: str
) -> None:
    """A good document before the bad one is not kept either."""
    error = refused(lambda: cs.case_submit(actor=SYSTEM, **fields(world), documents=[pdf(), upload]))
    assert error.errors == {"documents": [message]}


def test_case_submit_document_over_the_size_limit_refused(world: World, comm: Commissioning) -> None:
    policy_override(actor=SYSTEM, trust=world.trust, key="papers.max_megabytes", value=1, reason="Small disk")
    big = pdf(body=PDF + b"0" * (1024 * 1024))
    error = refused(lambda: cs.case_submit(actor=SYSTEM, **fields(world), documents=[big]))
    assert error.errors == {"documents": ["The document must be smaller than 1MB"]}


def test_case_submit_practice_lead_for_another_practice_not_permitted(
    world: World, comm: Commissioning
) -> None:
    other = make_org(world.trust, OrganisationKind.PRACTICE, "Riverside Surgery")
    error = refused(
        lambda: cs.case_submit(actor=world.users["practice_lead"], **fields(world, submitter=other)),
        NotPermitted,
    )
    assert str(error) == "You can only submit cases for your own practice or PBC group."


def test_case_submit_practice_lead_for_its_pbc_group_not_permitted(world: World, comm: Commissioning) -> None:
    """Leading a member practice is not leading the group."""
    error = refused(
        lambda: cs.case_submit(actor=world.users["practice_lead"], **fields(world, submitter=comm.group)),
        NotPermitted,
    )
    assert str(error) == "You can only submit cases for your own practice or PBC group."


@pytest.mark.parametrize("role", ["member", "pec_chair", "executive_director", "applicant"])
def test_case_submit_by_someone_who_leads_no_submitter_not_permitted(
    world: World, comm: Commissioning, role: str
) -> None:
    refused(lambda: cs.case_submit(actor=world.users[role], **fields(world)), NotPermitted)


def test_case_submit_lead_of_another_trust_not_permitted(
    world: World, comm: Commissioning, other_world: World
) -> None:
    refused(lambda: cs.case_submit(actor=other_world.users["governance_lead"], **fields(world)), NotPermitted)
    refused(lambda: cs.case_submit(actor=other_world.users["practice_lead"], **fields(world)), NotPermitted)


def test_case_submit_pbc_group_lead_submits_for_the_group(world: World, comm: Commissioning) -> None:
    lead = practice_lead_for(world, comm.group)
    case = cs.case_submit(actor=lead, **fields(world, submitter=comm.group))
    assert case.submitter == comm.group


def test_case_submit_without_a_scheme_saves_nothing(world: World) -> None:
    error = refused(lambda: cs.case_submit(actor=SYSTEM, **fields(world), documents=[pdf()]))
    assert error.messages == [
        "The trust has no scheme of delegation for a business case yet, so it cannot be routed. "
        "Ask the governance lead to adopt one."
    ]


# Documents (PBC-1) ---------------------------------------------------------------------------


def test_document_add_by_the_submitting_lead(world: World, comm: Commissioning) -> None:
    case = submit_case(world)
    doc = cs.document_add(actor=world.users["practice_lead"], case=case, title=" Costings ", upload=pdf())
    assert (doc.case, doc.title, doc.uploaded_by) == (case, "Costings", world.users["practice_lead"])
    assert AuditEvent.objects.filter(action="case_document.create").get().summary == (
        f"{case.reference}: uploaded 'Costings'"
    )


def test_document_add_untitled_takes_the_file_name(world: World, comm: Commissioning) -> None:
    case = submit_case(world)
    doc = cs.document_add(
        actor=world.users["governance_lead"], case=case, title="", upload=pdf("Audit 2006.pdf")
    )
    assert doc.title == "Audit 2006"


def test_document_add_by_another_practice_lead_not_permitted(world: World, comm: Commissioning) -> None:
    case = submit_case(world)
    other = practice_lead_for(world, make_org(world.trust, OrganisationKind.PRACTICE))
    error = refused(lambda: cs.document_add(actor=other, case=case, title="x", upload=pdf()), NotPermitted)
    assert str(error) == "Only the submitting organisation's lead or the governance lead can do this."


def test_document_add_from_another_trust_not_permitted(
    world: World, comm: Commissioning, other_world: World
) -> None:
    case = submit_case(world)
    error = refused(
        lambda: cs.document_add(
            actor=other_world.users["governance_lead"], case=case, title="x", upload=pdf()
        ),
        NotPermitted,
    )
    assert str(error) == "This case is not in your trust."


def test_document_add_to_a_closed_case_refused(world: World, comm: Commissioning) -> None:
    case = submit_case(world)
    cs.case_withdraw(actor=SYSTEM, case=case, reason="Funding found elsewhere")
    error = refused(lambda: cs.document_add(actor=SYSTEM, case=case, title="x", upload=pdf()))
    assert error.messages == ["Documents cannot be added because it has been withdrawn."]


@pytest.mark.parametrize(
    ("upload", "message"),
    [
        (None, "Select a file to upload"),
        (SimpleUploadedFile("a.pdf", b"plain text"), "The document is not a real PDF"),
        (SimpleUploadedFile("a.txt", b""), "The selected file is empty"),
    ],
)
def test_document_add_bad_upload_refused(
    world: World, comm: Commissioning, upload: SimpleUploadedFile | None, message: str
) -> None:
    case = submit_case(world)
    error = refused(lambda: cs.document_add(actor=SYSTEM, case=case, title="x", upload=upload))
    assert error.errors == {"upload": [message]}


# Scrutiny (PBC-3) ----------------------------------------------------------------------------


def test_scrutiny_record_both_aspects_every_criterion(world: World, comm: Commissioning) -> None:
    case = submit_case(world)
    member = world.people["member"]
    rows = record(case, member, "clinical")
    assert [(r.aspect, r.criterion, r.assessment, r.comment) for r in rows] == [
        ("clinical", c.value, "met", f"{c.label} is sound") for c in Criterion
    ]
    case.refresh_from_db()
    assert case.status == CaseStatus.SCRUTINY
    assert cs.scrutiny_missing(case) == [
        "Organisational scrutiny: Data, analysis and evidence",
        "Organisational scrutiny: Patient focus",
        "Organisational scrutiny: Health inequalities",
        "Organisational scrutiny: Quality standards",
        # PBC-7 (DH 5.3, 1.7): the wider criteria both packs ask for.
        "Organisational scrutiny: Health promotion",
        "Organisational scrutiny: Patient and public involvement",
        "Organisational scrutiny: Plurality and choice of providers",
        "Organisational scrutiny: Fit with the PCT's overall commissioning strategy",
    ]
    record(case, member, "organisational", assessments=assessments("partly"))
    assert cs.scrutiny_missing(case) == []
    assert Scrutiny.objects.filter(case=case).count() == len(Aspect) * len(Criterion)
    assert set(
        Scrutiny.objects.filter(case=case, aspect="organisational").values_list("assessment", flat=True)
    ) == {"partly"}
    recorded = AuditEvent.objects.filter(action="case.scrutiny_record").order_by("id")
    assert [e.summary for e in recorded] == [
        f"{case.reference}: Clinical scrutiny by {member}",
        f"{case.reference}: Organisational scrutiny by {member}",
    ]
    # The move into scrutiny is its own event, once.
    assert AuditEvent.objects.filter(action="case.scrutiny").count() == 1


def test_scrutiny_missing_lists_everything_before_any_scrutiny(world: World, comm: Commissioning) -> None:
    case = submit_case(world)
    assert cs.scrutiny_missing(case) == [f"{a.label}: {c.label}" for a in Aspect for c in Criterion]
    assert len(cs.scrutiny_missing(case)) == 2 * len(Criterion) == 16  # PBC-7


def test_scrutiny_record_again_updates_not_duplicates(world: World, comm: Commissioning) -> None:
    case = submit_case(world)
    member = world.people["member"]
    record(case, member, "clinical")
    rows_before = Scrutiny.history.model.objects.count()  # type: ignore[attr-defined]
    record(case, member, "clinical", assessments={c.value: ("not_met", "Weak evidence") for c in Criterion})
    assert Scrutiny.objects.filter(case=case).count() == len(Criterion)
    assert set(Scrutiny.objects.filter(case=case).values_list("assessment", "comment")) == {
        ("not_met", "Weak evidence")
    }
    assert Scrutiny.history.model.objects.count() == rows_before + len(Criterion)  # type: ignore[attr-defined]


def test_scrutiny_record_first_assessments_each_get_history_named_by_the_event(
    world: World, comm: Commissioning, django_assert_max_num_queries: Any
) -> None:
    """X-2, PBC-3: the first assessments of an aspect are inserted together (create_tracked),
    each with its own "+" history row by the recording user and reason, and the one audit event
    names every one of those history rows; the whole aspect takes a bounded number of queries."""
    case = submit_case(world)
    member = world.people["member"]
    with django_assert_max_num_queries(30):
        rows = record(case, member, "clinical")
    history = Scrutiny.history.model.objects.filter(case_id=case.pk)  # type: ignore[attr-defined]
    assert sorted(history.values_list("id", "history_type", "history_change_reason")) == sorted(
        (row.pk, "+", "Clinical scrutiny recorded") for row in rows
    )
    event = AuditEvent.objects.get(action="case.scrutiny_record")
    named = {ref["id"] for ref in event.history_refs if ref["model"] == history.model._meta.label}
    assert named == set(history.values_list("history_id", flat=True))
    assert chain_verifies()


def test_scrutiny_record_bad_text_in_one_comment_saves_nothing(world: World, comm: Commissioning) -> None:
    """A NUL in one comment is refused by the text guard before any row is written (X-5)."""
    case = submit_case(world)
    bad = assessments() | {Criterion.QUALITY.value: ("met", "Sound\x00")}
    with pytest.raises(DomainError) as refused:
        record(case, world.people["member"], "clinical", assessments=bad)
    assert "comment" in refused.value.errors
    assert not Scrutiny.objects.filter(case=case).exists()
    assert not AuditEvent.objects.filter(action="case.scrutiny_record").exists()


def chain_verifies() -> bool:
    from pecgov.audit import chain

    result = chain.verify()
    return bool(result.ok and result.problem == "")


@pytest.mark.parametrize(
    ("change", "errors"),
    [
        (
            {"quality": ("", "Fine")},
            {"quality_assessment": ["Select how the case meets 'Quality standards'"]},
        ),
        (
            {"evidence": ("excellent", "Fine")},
            {"evidence_assessment": ["Select how the case meets 'Data, analysis and evidence'"]},
        ),
        (
            {"inequalities": ("met", "   ")},
            {"inequalities_comment": ["Explain the assessment of 'Health inequalities'"]},
        ),
        (
            {"patient_focus": ("met", None)},
            {"patient_focus_comment": ["Explain the assessment of 'Patient focus'"]},
        ),
    ],
)
def test_scrutiny_record_missing_assessment_or_comment_keyed_per_criterion(
    world: World, comm: Commissioning, change: dict[str, tuple[str, Any]], errors: dict[str, list[str]]
) -> None:
    case = submit_case(world)
    given = assessments() | change
    error = refused(lambda: record(case, world.people["member"], assessments=given))
    assert error.errors == errors
    case.refresh_from_db()
    assert case.status == CaseStatus.SUBMITTED


def test_scrutiny_record_nothing_assessed_lists_every_criterion(world: World, comm: Commissioning) -> None:
    case = submit_case(world)
    error = refused(lambda: record(case, world.people["member"], assessments={}))
    assert error.errors == {
        f"{c.value}_assessment": [f"Select how the case meets '{c.label}'"] for c in Criterion
    }


def test_scrutiny_record_bad_aspect_or_assessor_refused(
    world: World, comm: Commissioning, other_world: World
) -> None:
    case = submit_case(world)
    error = refused(lambda: record(case, world.people["member"], aspect="financial"))
    assert error.errors == {"aspect": ["Select clinical or organisational scrutiny"]}
    error = refused(lambda: record(case, None))  # type: ignore[arg-type]
    assert error.errors == {"assessor": ["Select who made the assessment"]}
    error = refused(lambda: record(case, other_world.people["member"]))
    assert error.errors == {"assessor": ["Select who made the assessment"]}


def _other_practice_in_group(world: World, comm: Commissioning) -> Organisation:
    other = make_org(world.trust, OrganisationKind.PRACTICE, "Riverside Surgery")
    ts.organisation_link_create(
        actor=SYSTEM,
        from_organisation=other,
        to_organisation=comm.group,
        kind=LinkKind.MEMBER_OF_PBC_GROUP,
        start_date=START,
    )
    return other


def test_scrutiny_conflicted_assessor_works_at_the_submitting_practice(
    world: World, comm: Commissioning
) -> None:
    case = submit_case(world)
    chair = world.people["pec_chair"]  # a GP at the practice
    error = refused(lambda: record(case, chair))
    assert error.errors == {
        "assessor": [
            f"{chair} works at {world.practice}, which the case would benefit: "
            "ask someone without an interest to assess it"
        ]
    }


def test_scrutiny_conflicted_assessor_works_at_another_practice_in_the_group(
    world: World, comm: Commissioning
) -> None:
    case = submit_case(world)
    other = _other_practice_in_group(world, comm)
    gp = make_person(world.trust, Profession.GP, name="Dr Other", organisation=other)
    error = refused(lambda: record(case, gp))
    assert error.errors == {
        "assessor": [
            f"Dr Other works at Riverside Surgery, which is linked to the case (Riverside Surgery → "
            f"{comm.group}): ask someone without an interest to assess it"
        ]
    }


def test_scrutiny_conflicted_assessor_of_a_group_case_works_at_a_member_practice(
    world: World, comm: Commissioning
) -> None:
    case = submit_case(world, submitter=comm.group)
    error = refused(lambda: record(case, world.people["pec_chair"]))
    assert error.errors == {
        "assessor": [
            f"{world.people['pec_chair']} works at {world.practice}, which is linked to the case "
            f"({world.practice} → {comm.group}): ask someone without an interest to assess it"
        ]
    }


@pytest.mark.parametrize("target", ["practice", "group"])
def test_scrutiny_conflicted_assessor_has_a_declaration_in_force(
    world: World, comm: Commissioning, target: str
) -> None:
    case = submit_case(world)
    member = world.people["member"]
    organisation = world.practice if target == "practice" else comm.group
    declare(member, organisation, description="Spouse is a partner")
    error = refused(lambda: record(case, member))
    assert error.errors == {
        "assessor": [
            f"{member} has declared an interest in {organisation}, which the case would benefit: "
            "ask someone without an interest to assess it"
        ]
    }


def test_scrutiny_declaration_no_longer_in_force_is_no_conflict(world: World, comm: Commissioning) -> None:
    case = submit_case(world)
    member = world.people["member"]
    declare(member, world.practice, start=dt.date(2020, 1, 1), end=dt.date(2021, 1, 1))
    assert cs.conflicted_with(member, case, timezone.localdate()) == ""
    record(case, member)
    assert Scrutiny.objects.filter(case=case).count() == len(Criterion)


def test_scrutiny_sharing_a_locality_is_no_conflict(world: World, comm: Commissioning) -> None:
    """Locality links carry no interest (COI-2): the same screening the meetings use."""
    case = submit_case(world)
    locality = make_org(world.trust, OrganisationKind.LOCALITY, "North Locality")
    neighbour = make_org(world.trust, OrganisationKind.PRACTICE, "Hilltop Surgery")
    for org in (world.practice, neighbour):
        ts.organisation_link_create(
            actor=SYSTEM,
            from_organisation=org,
            to_organisation=locality,
            kind=LinkKind.IN_LOCALITY,
            start_date=START,
        )
    gp = make_person(world.trust, Profession.GP, organisation=neighbour)
    assert cs.conflicted_with(gp, case, timezone.localdate()) == ""


def test_scrutiny_group_membership_ended_is_no_conflict(world: World, comm: Commissioning) -> None:
    other = _other_practice_in_group(world, comm)
    link = OrganisationLink.objects.get(from_organisation=other)
    ts.organisation_link_end(actor=SYSTEM, link=link, end_date=dt.date(2021, 1, 1))
    case = submit_case(world)
    gp = make_person(world.trust, Profession.GP, organisation=other)
    assert cs.conflicted_with(gp, case, timezone.localdate()) == ""
    assert [o.pk for o in cs.affected_organisations(world.practice, timezone.localdate())] == [
        world.practice.pk,
        comm.group.pk,
    ]


def test_scrutiny_executive_director_case_goes_to_the_director_when_complete(
    world: World, comm: Commissioning
) -> None:
    case = submit_case(world, value=30_000)
    record(case, world.people["member"], "clinical")
    case.refresh_from_db()
    assert case.status == CaseStatus.SCRUTINY
    record(case, world.people["member"], "organisational")
    case.refresh_from_db()
    assert case.status == CaseStatus.WITH_DIRECTOR
    assert AuditEvent.objects.filter(action="case.with_director").get().summary == (
        f"{case.reference}: With the executive director. Scrutiny complete: routed to the executive director"
    )


def test_scrutiny_committee_case_stays_in_scrutiny_when_complete(world: World, comm: Commissioning) -> None:
    case = submit_case(world, value=120_000)
    scrutinise(case, world)
    case.refresh_from_db()
    assert case.status == CaseStatus.SCRUTINY
    assert cs.scrutiny_missing(case) == []


@pytest.mark.parametrize(
    ("leave", "message"),
    [
        (
            "director",
            "Scrutiny cannot be recorded now because it is waiting for the executive director's decision.",
        ),
        ("withdrawn", "Scrutiny cannot be recorded now because it has been withdrawn."),
        (
            "returned",
            "Scrutiny cannot be recorded now because it is back with the submitter for more information.",
        ),
    ],
)
def test_scrutiny_after_the_case_left_scrutiny_refused(
    world: World, comm: Commissioning, leave: str, message: str
) -> None:
    case = submit_case(world, value=30_000)
    if leave == "director":
        scrutinise(case, world)
    elif leave == "withdrawn":
        cs.case_withdraw(actor=SYSTEM, case=case, reason="No longer needed")
    else:
        cs.case_return(actor=SYSTEM, case=case, reason="Add the costings")
    error = refused(lambda: record(case, world.people["member"]))
    assert error.messages == [message]


def test_scrutiny_practice_lead_cannot_record(world: World, comm: Commissioning) -> None:
    case = submit_case(world)
    error = refused(
        lambda: record(case, world.people["member"], actor=world.users["practice_lead"]), NotPermitted
    )
    assert str(error) == "Only the governance lead, PEC members and directors can record scrutiny."


def test_scrutiny_member_records_only_as_themselves(world: World, comm: Commissioning) -> None:
    case = submit_case(world)
    member_user = world.users["member"]
    error = refused(lambda: record(case, world.people["executive_director"], actor=member_user), NotPermitted)
    assert str(error) == "You can record only your own assessment."
    rows = record(case, world.people["member"], actor=member_user)
    assert {r.assessor for r in rows} == {world.people["member"]}


def test_scrutiny_governance_lead_records_for_an_assessor(world: World, comm: Commissioning) -> None:
    case = submit_case(world)
    rows = record(case, world.people["executive_director"], actor=world.users["governance_lead"])
    assert {r.assessor for r in rows} == {world.people["executive_director"]}


def test_scrutiny_pbc_approvals_member_may_record(world: World, comm: Commissioning) -> None:
    """The approvals committee's pharmacist holds no PEC or Board seat, yet scrutinises (PBC-3)."""
    pharmacist = (
        comm.approvals.memberships.exclude(
            person__in=[world.people["member"], world.people["executive_director"]]
        )
        .get()
        .person
    )
    user = make_user()
    pharmacist.user = user
    pharmacist.save(update_fields=["user"])
    case = submit_case(world)
    assert len(record(case, pharmacist, actor=user)) == len(Criterion)


def test_scrutiny_by_another_trusts_member_not_permitted(
    world: World, comm: Commissioning, other_world: World
) -> None:
    case = submit_case(world)
    refused(lambda: record(case, world.people["member"], actor=other_world.users["member"]), NotPermitted)
    refused(
        lambda: record(case, world.people["member"], actor=other_world.users["governance_lead"]), NotPermitted
    )
