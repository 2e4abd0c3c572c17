"""Every write about PBC groups (PBC-6, ORG-6): maturity assessments, the support the PCT gives
a group, and the group's links to the PEC in DH 5.5's four models.

All are the governance lead's (or the system's, loading data). Each checks its rules first and
raises `DomainError` keyed by field, saving nothing; a good write keeps history and appends an
audit event in the same transaction.
"""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from pecgov.actors import Actor
from pecgov.audit.recording import save_tracked
from pecgov.commissioning.enums import LinkModel, Maturity, SupportIntensity
from pecgov.commissioning.models import MaturityAssessment, PbcLink, Support
from pecgov.errors import DomainError
from pecgov.servicekit import SYSTEM, check_end, event, require_lead
from pecgov.trust.enums import CommitteeKind, OrganisationKind
from pecgov.trust.models import Committee, Membership, Organisation, Person
from pecgov.trust.queries import current_q

__all__ = [
    "SYSTEM",
    "link_create",
    "link_end",
    "maturity_record",
    "pec_member_on",
    "support_add",
    "support_end",
]

# Field name (or "__all__") to the message that says what to do.
Errors = dict[str, str | list[str]]

PERSON_MODELS = frozenset({LinkModel.LEAD_ON_PEC, LinkModel.PEC_MEMBER_LINKED})


def _day(value: dt.date) -> str:
    return f"{value:%-d %B %Y}"


def _group_problem(group: Organisation | None, trust_id: int | None) -> str:
    if group is None or group.kind != OrganisationKind.PBC_GROUP or group.trust_id != trust_id:
        return "Select a PBC group or consortium in this trust"
    return ""


def _trust_id_of(group: Organisation) -> int:
    # A PBC group is always recorded within a trust; this guards a malformed row.
    if group.trust_id is None:
        raise DomainError({"group": "Select a PBC group or consortium in this trust"})
    return group.trust_id


def _check_end(row: Support | PbcLink, end_date: dt.date | None, noun: str) -> None:
    """Ending support or a link: an earlier ending is reported first, with its date."""
    check_end(
        row,
        end_date,
        missing=f"Enter the date the {noun} ends",
        already_ended=f"This {noun} has already ended, on {{ended}}",
        before_start="The end date must be the same as or after the start date ({start})",
        ended_first=True,
    )


# Maturity (PBC-6) ------------------------------------------------------------------------


def maturity_record(
    *,
    actor: Actor,
    group: Organisation,
    level: str,
    assessed_on: dt.date | None,
    note: str = "",
) -> MaturityAssessment:
    """Record a PBC group's maturity on a date; the newest assessment is the current one (PBC-6).

    Invariants: the group is a PBC group; the level is one of `Maturity`; the date is given and
    not in the future."""
    trust_id = _trust_id_of(group)
    require_lead(actor, trust_id)
    errors: Errors = {}
    if problem := _group_problem(group, trust_id):
        errors["group"] = problem
    if level not in Maturity.values:
        errors["level"] = "Select the group's maturity level"
    if assessed_on is None:
        errors["assessed_on"] = "Enter the date of the assessment"
    elif assessed_on > timezone.localdate():
        errors["assessed_on"] = "The date of the assessment must be today or in the past"
    if errors:
        raise DomainError(errors)
    assert assessed_on is not None
    with transaction.atomic():
        assessment = save_tracked(
            MaturityAssessment(group=group, level=level, assessed_on=assessed_on, note=note.strip()),
            actor=actor,
            reason="Maturity assessed",
        )
        event(
            actor,
            "pbc.maturity_record",
            assessment,
            trust_id,
            f"{group.name} assessed on {_day(assessed_on)}: {Maturity(level).label}",
        )
    return assessment


# Support (PBC-6) -------------------------------------------------------------------------


def support_add(
    *,
    actor: Actor,
    group: Organisation,
    description: str,
    intensity: str,
    provided_by: str = "",
    start_date: dt.date | None,
) -> Support:
    """Record support the PCT gives a PBC group, and how intensive it is (PBC-6, DH 5.4).

    Invariants: the group is a PBC group; a description, an intensity and a start date are given.
    A start in the future is allowed: support can be planned."""
    trust_id = _trust_id_of(group)
    require_lead(actor, trust_id)
    errors: Errors = {}
    if problem := _group_problem(group, trust_id):
        errors["group"] = problem
    if not description.strip():
        errors["description"] = "Describe the support: what the PCT or the PEC provides the group"
    if intensity not in SupportIntensity.values:
        errors["intensity"] = "Select how intensive the support is"
    if start_date is None:
        errors["start_date"] = "Enter the date the support starts"
    if errors:
        raise DomainError(errors)
    assert start_date is not None
    with transaction.atomic():
        support = save_tracked(
            Support(
                group=group,
                description=description.strip(),
                intensity=intensity,
                provided_by=provided_by.strip(),
                start_date=start_date,
            ),
            actor=actor,
            reason="Support added",
        )
        event(
            actor,
            "pbc.support_add",
            support,
            trust_id,
            f"Support for {group.name} from {_day(start_date)} "
            f"({SupportIntensity(intensity).label.lower()}): {support}",
        )
    return support


def support_end(*, actor: Actor, support: Support, end_date: dt.date | None) -> Support:
    """End support to a group: it tapers as the group matures (PBC-6).

    Invariants: not already ended; the end date is given and not before the start."""
    trust_id = _trust_id_of(support.group)
    require_lead(actor, trust_id)
    _check_end(support, end_date, "support")
    assert end_date is not None
    with transaction.atomic():
        support.end_date = end_date
        save_tracked(support, actor=actor, update_fields=["end_date"], reason="Support ended")
        event(
            actor,
            "pbc.support_end",
            support,
            trust_id,
            f"Support for {support.group.name} ended on {_day(end_date)}: {support}",
        )
    return support


# Links to the PEC (ORG-6) ------------------------------------------------------------------


def pec_member_on(person: Person, trust_id: int, on: dt.date) -> bool:
    """Whether the person holds a seat on the trust's PEC on that date, in any role (co-opted too)."""
    return (
        Membership.objects.filter(
            current_q(on), person=person, committee__trust_id=trust_id, committee__kind=CommitteeKind.PEC
        )
        .only("id")
        .exists()
    )


def _who_problems(
    trust: Organisation, model: str, person: Person | None, committee: Committee | None, start_date: dt.date
) -> Errors:
    """The person or committee each model needs, and only that (ORG-6, DH 5.5)."""
    errors: Errors = {}
    if model in PERSON_MODELS:
        if committee is not None:
            errors["committee"] = "A committee is recorded only for a committee of PBC leads: clear it"
        if person is None:
            errors["person"] = (
                "Select the lead PBC commissioner"
                if model == LinkModel.LEAD_ON_PEC
                else "Select the PEC member linked to the group"
            )
        elif model == LinkModel.LEAD_ON_PEC and not pec_member_on(person, trust.pk, start_date):
            errors["person"] = (
                f"{person.name} is not a member of the PEC (or co-opted) on that date: add the membership first"
            )
        elif model == LinkModel.PEC_MEMBER_LINKED and not pec_member_on(
            person, trust.pk, timezone.localdate()
        ):
            errors["person"] = (
                f"{person.name} is not a current member of the PEC: select a current member, "
                "or add the membership first"
            )
    else:
        if person is not None:
            errors["person"] = (
                "A person is recorded only for a lead commissioner or a linked PEC member: clear it"
            )
        if model == LinkModel.LEADS_COMMITTEE:
            if committee is None:
                errors["committee"] = "Select the committee of PBC lead commissioners"
            elif committee.kind != CommitteeKind.PBC_LEADS:
                errors["committee"] = (
                    f"{committee.name} is not a committee of PBC lead commissioners: select one that is, "
                    "or set it up first"
                )
        elif committee is not None:
            errors["committee"] = "A committee is recorded only for a committee of PBC leads: clear it"
    return errors


def _link_problems(
    *,
    trust: Organisation,
    model: str,
    group: Organisation | None,
    person: Person | None,
    committee: Committee | None,
    arrangements: str,
    start_date: dt.date | None,
) -> Errors:
    errors: Errors = {}
    if problem := _group_problem(group, trust.pk):
        errors["group"] = problem
    if model not in LinkModel.values:
        errors["model"] = "Select how the group links to the PEC"
    if start_date is None:
        errors["start_date"] = "Enter the date the link starts"
    if person is not None and person.trust_id != trust.pk:
        errors["person"] = "Select a person in this trust"
    if committee is not None and committee.trust_id != trust.pk:
        errors["committee"] = "Select a committee in this trust"
    if errors:
        return errors
    assert start_date is not None
    if model == LinkModel.GROUP_MEETS_PEC and not arrangements.strip():
        errors["arrangements"] = (
            "Say how and how often the group meets the PEC, for example formally each quarter "
            "and informally each month"
        )
    errors.update(_who_problems(trust, model, person, committee, start_date))
    return errors


def _refuse_duplicate(
    trust: Organisation,
    model: str,
    group: Organisation,
    person: Person | None,
    committee: Committee | None,
    start_date: dt.date,
) -> None:
    """No open link of the same model for the same group and person or committee (ORG-6)."""
    duplicate = (
        PbcLink.objects.filter(trust=trust, model=model, group=group, person=person, committee=committee)
        .filter(Q(end_date__isnull=True) | Q(end_date__gte=start_date))
        .first()
    )
    if duplicate is not None:
        field = "person" if model in PERSON_MODELS else "committee" if committee is not None else "model"
        with_whom = f" with {person.name}" if person else f" with {committee.name}" if committee else ""
        raise DomainError(
            {
                field: f"{group.name} already has this link to the PEC{with_whom}, from "
                f"{_day(duplicate.start_date)}: end that link first"
            }
        )


def link_create(
    *,
    actor: Actor,
    trust: Organisation,
    model: str,
    group: Organisation,
    person: Person | None = None,
    committee: Committee | None = None,
    arrangements: str = "",
    start_date: dt.date | None,
) -> PbcLink:
    """Link a PBC group to the PEC in one of DH 5.5's four models (ORG-6).

    Invariants: the group is a PBC group in the trust; the group meets the PEC with stated
    arrangements; a lead commissioner is on the PEC (any role, co-opted included) on the start
    date; a linked PEC member holds a current seat; a committee of leads is of kind pbc_leads in
    the trust; no open link of the same model for the same group and person or committee."""
    require_lead(actor, trust.pk)
    errors = _link_problems(
        trust=trust,
        model=model,
        group=group,
        person=person,
        committee=committee,
        arrangements=arrangements,
        start_date=start_date,
    )
    if errors:
        raise DomainError(errors)
    assert start_date is not None
    _refuse_duplicate(trust, model, group, person, committee, start_date)
    with transaction.atomic():
        link = save_tracked(
            PbcLink(
                trust=trust,
                model=model,
                group=group,
                person=person,
                committee=committee,
                arrangements=arrangements.strip(),
                start_date=start_date,
            ),
            actor=actor,
            reason="Link to the PEC added",
        )
        with_whom = f" ({person.name})" if person else f" ({committee.name})" if committee else ""
        event(
            actor,
            "pbc.link_create",
            link,
            trust.pk,
            f"{group.name} linked to the PEC from {_day(start_date)}: {LinkModel(model).label}{with_whom}",
        )
    return link


def link_end(*, actor: Actor, link: PbcLink, end_date: dt.date | None) -> PbcLink:
    """End a group's link to the PEC (ORG-6). Invariants: not already ended; not before the start."""
    require_lead(actor, link.trust_id)
    _check_end(link, end_date, "link")
    assert end_date is not None
    with transaction.atomic():
        link.end_date = end_date
        save_tracked(link, actor=actor, update_fields=["end_date"], reason="Link to the PEC ended")
        event(
            actor,
            "pbc.link_end",
            link,
            link.trust_id,
            f"Link to the PEC ended on {_day(end_date)}: {link}",
        )
    return link
