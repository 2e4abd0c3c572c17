"""The appraisal and personal development plan (PERF-3), confidential (X-1)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from pecgov.audit.models import AuditEvent
from pecgov.errors import DomainError, NotPermitted
from pecgov.members.models import Appraisal
from pecgov.members.services import appraisals as aps
from pecgov.policy.services import policy_choose_pack
from tests.factories import SYSTEM, World
from tests.members.helpers import TODAY, pec_seat, signed_appraisal


def test_appraisal_signed_by_both_after_assessments_and_plan(world: World) -> None:
    """PERF-3: self-assessment, appraiser's assessment, outcome, PDP, both sign."""
    appraisal = signed_appraisal(world)
    assert appraisal.signed is True
    assert appraisal.appraiser == world.people["pec_chair"]
    assert appraisal.joint_appraiser is None  # DH pack: the PEC chair alone


def test_sign_refused_until_complete_naming_what_is_missing(world: World) -> None:
    """PERF-3, X-4: a clear message naming what is missing."""
    appraisal = aps.appraisal_start(actor=world.users["pec_chair"], membership=pec_seat(world))
    with pytest.raises(DomainError) as error:
        aps.appraisal_sign(actor=world.users["member"], appraisal=appraisal)
    assert error.value.messages == [
        "Before signing, complete the member's self-assessment, the appraiser's assessment and "
        "outcome, a personal development plan."
    ]
    appraisal.refresh_from_db()
    assert appraisal.member_signed_on is None


def test_signed_appraisal_cannot_change(world: World) -> None:
    """PERF-3: a signed appraisal is final."""
    appraisal = signed_appraisal(world)
    with pytest.raises(DomainError, match="signed"):
        aps.pdp_add(actor=world.users["member"], appraisal=appraisal, need="x", action="y", by_when=TODAY())


def test_one_appraisal_a_year_and_only_by_the_line_of_accountability(world: World) -> None:
    """PERF-3, ORG-5: the PEC chair appraises members; the PCT chair appraises the PEC chair."""
    membership = pec_seat(world)
    with pytest.raises(NotPermitted):
        aps.appraisal_start(actor=world.users["pct_chair"], membership=membership)
    aps.appraisal_start(actor=world.users["pec_chair"], membership=membership)
    with pytest.raises(DomainError, match="already has an appraisal"):
        aps.appraisal_start(actor=world.users["pec_chair"], membership=membership)
    chair = aps.appraisal_start(actor=world.users["pct_chair"], membership=pec_seat(world, "pec_chair"))
    assert chair.appraiser == world.people["pct_chair"]


def test_alliance_pack_appraises_jointly_with_the_chief_executive(world: World) -> None:
    """PERF-3 (Alliance "Accountability"): jointly with the chief executive where policy says."""
    policy_choose_pack(actor=SYSTEM, trust=world.trust, pack="alliance2006")
    appraisal = aps.appraisal_start(actor=world.users["pec_chair"], membership=pec_seat(world))
    assert appraisal.joint_appraiser == world.people["chief_executive"]
    assert aps.is_appraiser(world.users["chief_executive"], appraisal) is True


def test_only_the_member_writes_the_self_assessment(world: World) -> None:
    """X-1: the appraiser cannot write the member's words."""
    appraisal = aps.appraisal_start(actor=world.users["pec_chair"], membership=pec_seat(world))
    with pytest.raises(NotPermitted):
        aps.appraisal_self_assess(
            actor=world.users["pec_chair"], appraisal=appraisal, self_assessment="x", competency_assessment=""
        )


@pytest.mark.parametrize(
    ("role", "status"),
    [
        ("member", 200),
        ("pec_chair", 200),
        ("executive_director", 404),
        ("pct_chair", 404),
        ("chief_executive", 404),
        ("governance_lead", 404),
    ],
)
def test_appraisal_page_is_404_to_all_but_member_and_appraiser(
    role: str, status: int, world: World, client_for: Any
) -> None:
    """X-1, PERF-3: confidential; everyone else gets 404."""
    appraisal = signed_appraisal(world)
    for name in ("appraisal_detail", "appraisal_pdf"):
        response = client_for(role).get(
            f"/members/appraisals/{appraisal.pk}/" + ("pdf/" if name.endswith("pdf") else "")
        )
        assert response.status_code == status, name


def test_every_read_is_in_the_ledger(world: World, client_for: Any) -> None:
    """X-1, X-2: each read of the content (page or PDF) is an audit event naming the reader."""
    appraisal = signed_appraisal(world)
    member = client_for("member")
    member.get(f"/members/appraisals/{appraisal.pk}/")
    response = member.get(f"/members/appraisals/{appraisal.pk}/pdf/")
    assert response["Content-Type"] == "application/pdf"
    assert b"".join(response.streaming_content).startswith(b"%PDF")
    reads = list(
        AuditEvent.objects.filter(action="appraisal.read").order_by("pk").values_list("actor_id", "data")
    )
    user = world.users["member"].pk
    assert reads == [(user, {"how": "page"}), (user, {"how": "PDF"})]
    client_for("executive_director").get(f"/members/appraisals/{appraisal.pk}/")
    assert AuditEvent.objects.filter(action="appraisal.read").count() == 2


def test_lead_sees_that_it_happened_not_the_content(world: World, client_for: Any) -> None:
    """PERF-3: the governance lead sees that it happened and when, not what it says."""
    appraisal = signed_appraisal(world)
    page = client_for("governance_lead").get("/members/appraisals/")
    text = page.content.decode()
    assert f'data-appraisal="{appraisal.pk}"' in text
    assert f"/members/appraisals/{appraisal.pk}/" not in text
    assert "A good year" not in text
    assert Appraisal.objects.count() == 1


def test_pdf_of_unsigned_appraisal_is_404(world: World, client_for: Any) -> None:
    """PERF-3: only the signed appraisal is a PDF."""
    appraisal = aps.appraisal_start(actor=world.users["pec_chair"], membership=pec_seat(world))
    assert client_for("member").get(f"/members/appraisals/{appraisal.pk}/pdf/").status_code == 404
    assert appraisal.year_start <= TODAY() < appraisal.year_start + dt.timedelta(days=367)
