"""The annual appraisal and the personal development plan (PERF-3). Confidential (X-1): every
read of its content is an event in the ledger."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone

from pecgov.actors import Actor, SystemActor, require
from pecgov.audit.recording import save_tracked
from pecgov.errors import DomainError
from pecgov.members.enums import Outcome
from pecgov.members.models import Appraisal, PdpAction
from pecgov.members.rules import is_appraiser, is_own
from pecgov.members.services.objectives import _person_of
from pecgov.members.year import chief_executive, year_start
from pecgov.policy.services import effective_policy
from pecgov.servicekit import apply_changes, event
from pecgov.trust.models import Membership

SIGNED = "The appraisal is signed: it can no longer be changed."


def _trust_id(appraisal: Appraisal) -> int:
    return int(appraisal.membership.committee.trust_id)


def appraisal_start(
    *, actor: Actor, membership: Membership, jointly: bool = False, on: dt.date | None = None
) -> Appraisal:
    """PERF-3: the member's line of accountability opens this membership year's appraisal as
    appraiser; the chief executive appraises jointly where the policy says (members.joint_appraisal)
    or the appraiser asks. One appraisal a membership year: the year holding `on` (today); a
    year not begun cannot be appraised."""
    require(
        actor,
        "members.start_appraisal",
        membership,
        message="Only the member's PEC chair (the PCT chair for the PEC chair) appraises them.",
    )
    appraiser = _person_of(actor, membership)
    if appraiser is None:
        raise DomainError("Only a person in the trust can appraise.")
    if on is not None and on > timezone.localdate():
        raise DomainError("A membership year not yet begun cannot be appraised.")
    start = year_start(membership, on)
    if Appraisal.objects.filter(membership=membership, year_start=start).exists():
        raise DomainError(
            f"{membership.person} already has an appraisal for the year from {start:%-d %B %Y}."
        )
    trust = membership.committee.trust
    joint = None
    if jointly or effective_policy(trust)["members.joint_appraisal"]:
        joint = chief_executive(trust.pk)
        if joint is None:
            raise DomainError("The trust has no chief executive to appraise jointly.")
    with transaction.atomic():
        appraisal = save_tracked(
            Appraisal(membership=membership, year_start=start, appraiser=appraiser, joint_appraiser=joint),
            actor=actor,
            reason="Appraisal started",
        )
        event(actor, "appraisal.start", appraisal, trust.pk, f"Appraisal of {membership.person} started")
    return appraisal


def _check_open(appraisal: Appraisal) -> None:
    if appraisal.signed:
        raise DomainError(SIGNED)


def _unsign(appraisal: Appraisal) -> list[str]:
    """A change after one side signed asks both to sign again."""
    appraisal.member_signed_on = None
    appraisal.appraiser_signed_on = None
    return ["member_signed_on", "appraiser_signed_on"]


def appraisal_self_assess(
    *, actor: Actor, appraisal: Appraisal, self_assessment: str, competency_assessment: str
) -> Appraisal:
    """PERF-3: the member's self-assessment against their objectives and the competencies they
    were appointed against (APP-2)."""
    require(actor, "members.self_assess", appraisal, message="Only the member writes their self-assessment.")
    _check_open(appraisal)
    if not self_assessment.strip():
        raise DomainError({"self_assessment": "Enter your self-assessment against your objectives"})
    changes = {
        "self_assessment": self_assessment.strip(),
        "competency_assessment": competency_assessment.strip(),
    }
    apply_changes(
        appraisal,
        changes,
        actor=actor,
        action="appraisal.self_assess",
        trust_id=_trust_id(appraisal),
        summary=f"Self-assessment written for the appraisal of {appraisal.membership.person}",
        reason="Self-assessment written",
        also_save=_unsign(appraisal),
    )
    return appraisal


def appraisal_assess(
    *, actor: Actor, appraisal: Appraisal, appraiser_assessment: str, outcome: str, held_on: dt.date
) -> Appraisal:
    """PERF-3: the appraiser's assessment, the overall outcome and the date the appraisal met."""
    require(actor, "members.assess", appraisal, message="Only the member's appraisers write the assessment.")
    _check_open(appraisal)
    if not appraiser_assessment.strip():
        raise DomainError({"appraiser_assessment": "Enter the appraiser's assessment"})
    if outcome not in Outcome.values:
        raise DomainError({"outcome": "Select the overall outcome"})
    if held_on > timezone.localdate():
        raise DomainError({"held_on": "The appraisal date must be today or earlier"})
    changes = {"appraiser_assessment": appraiser_assessment.strip(), "outcome": outcome, "held_on": held_on}
    apply_changes(
        appraisal,
        changes,
        actor=actor,
        action="appraisal.assess",
        trust_id=_trust_id(appraisal),
        summary=f"Assessment written for the appraisal of {appraisal.membership.person}",
        reason="Assessment written",
        also_save=_unsign(appraisal),
    )
    return appraisal


def pdp_add(
    *, actor: Actor, appraisal: Appraisal, need: str, action: str, by_when: dt.date, support: str = ""
) -> PdpAction:
    """PERF-3: a row of the personal development plan, by the member or an appraiser."""
    require(
        actor,
        "members.plan_development",
        appraisal,
        message="Only the member and their appraisers write the plan.",
    )
    _check_open(appraisal)
    if not need.strip():
        raise DomainError({"need": "Enter the development need"})
    if not action.strip():
        raise DomainError({"action": "Enter the action that meets the need"})
    if by_when < appraisal.year_start:
        raise DomainError({"by_when": "The date must be within or after the appraisal's year"})
    with transaction.atomic():
        row = save_tracked(
            PdpAction(
                appraisal=appraisal,
                need=need.strip(),
                action=action.strip(),
                support=support.strip(),
                by_when=by_when,
            ),
            actor=actor,
            reason="Development plan row added",
        )
        fields = _unsign(appraisal)
        save_tracked(appraisal, actor=actor, update_fields=fields, reason="Plan changed: sign again")
        event(
            actor,
            "appraisal.pdp_add",
            [row, appraisal],
            _trust_id(appraisal),
            f"Development plan row added for {appraisal.membership.person}",
        )
    return row


def appraisal_sign(*, actor: Actor, appraisal: Appraisal) -> Appraisal:
    """PERF-3: the member and the appraiser each sign the appraisal and its plan once both
    assessments, the outcome and at least one plan row are written."""
    require(
        actor,
        "members.sign_appraisal",
        appraisal,
        message="Only the member and their appraiser sign the appraisal.",
    )
    missing = [
        text
        for text, absent in (
            ("the member's self-assessment", not appraisal.self_assessment),
            (
                "the appraiser's assessment and outcome",
                not appraisal.appraiser_assessment or not appraisal.outcome,
            ),
            ("a personal development plan", not appraisal.pdp.exists()),
        )
        if absent
    ]
    if missing:
        raise DomainError(f"Before signing, complete {', '.join(missing)}.")
    today = timezone.localdate()
    fields: list[str] = []
    system = isinstance(actor, SystemActor)  # recording an appraisal signed on paper
    if (system or is_own(actor, appraisal)) and appraisal.member_signed_on is None:
        appraisal.member_signed_on = today
        fields.append("member_signed_on")
    if (system or is_appraiser(actor, appraisal)) and appraisal.appraiser_signed_on is None:
        appraisal.appraiser_signed_on = today
        fields.append("appraiser_signed_on")
    if not fields:
        raise DomainError("You have already signed this appraisal.")
    with transaction.atomic():
        save_tracked(appraisal, actor=actor, update_fields=fields, reason="Appraisal signed")
        event(
            actor,
            "appraisal.sign",
            appraisal,
            _trust_id(appraisal),
            f"Appraisal of {appraisal.membership.person} signed",
        )
    return appraisal


def appraisal_read(*, actor: Actor, appraisal: Appraisal, how: str = "page") -> None:
    """X-1, PERF-3: record in the ledger that `actor` read the appraisal's content (its page, the
    PDF or the API). Asked after permission: a refused read reads nothing."""
    require(actor, "members.view_appraisal", appraisal, message="This appraisal is confidential.")
    event(
        actor,
        "appraisal.read",
        appraisal,
        _trust_id(appraisal),
        f"Read the appraisal of {appraisal.membership.person} ({how})",
        how=how,
    )
