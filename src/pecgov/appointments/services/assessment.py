"""Assessing candidates (APP-3, APP-5, APP-7): sift scores against the person specification, the
shortlist with reasons, interview scores against the competencies, the aggregated results, and
the audit of score-sheet reads."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import replace
from typing import Any

from django.db import transaction
from django.utils import timezone

from pecgov.actors import Actor
from pecgov.appointments import scoring
from pecgov.appointments.enums import ApplicationStatus, CampaignStatus
from pecgov.appointments.models import Application, Campaign, InterviewScore, PanelSeat, SiftScore
from pecgov.appointments.services.base import (
    _date,
    _text,
    _today,
    require_chair_or_lead,
    require_panel_member,
)
from pecgov.appointments.services.panel_conflicts import conflict_problems, panel_flags
from pecgov.appointments.services.setup import campaign_competencies
from pecgov.audit.recording import save_tracked
from pecgov.errors import DomainError
from pecgov.policy.services import effective_policy
from pecgov.servicekit import SYSTEM, event
from pecgov.trust.models import Person
from pecgov.trust.roles import roles_of

# Sift and shortlist (APP-3) ----------------------------------------------------------------------


def _scores(
    raw: Mapping[Any, tuple[Any, str]], valid: Iterable[Any], field_prefix: str, noun: str = "criterion"
) -> dict[Any, tuple[int, str]]:
    """Validated scores; a score off the scale names its field."""
    allowed = set(valid)
    checked: dict[Any, tuple[int, str]] = {}
    for key, (value, note) in raw.items():
        if key not in allowed:
            raise DomainError(f"{key} is not something this post is scored against.")
        try:
            checked[key] = (scoring.validate_score(value), _text(note))
        except ValueError as error:
            raise DomainError({f"{field_prefix}{key}": str(error)}) from error
    missing = allowed - set(checked)
    if missing:
        raise DomainError(f"Score every {noun} before saving.")
    return checked


def sift_problems(application: Application, seat: PanelSeat | None = None) -> list[str]:
    """APP-3: why the application cannot be sifted now (by the member in `seat`, if given), in
    the order the sift checks them; empty when it can. The page shows the first."""
    campaign = application.campaign
    if campaign.status != CampaignStatus.ADVERTISED:
        return ["The shortlist has been drawn up: sift scores can no longer change."]
    if _today() <= campaign.closes_on:
        return [f"Applications are open until {_date(campaign.closes_on)}: sift after the closing date."]
    if application.status == ApplicationStatus.WITHDRAWN:
        return [f"{application.name} withdrew their application."]
    return conflict_problems(seat, application) if seat is not None else []


def interview_problems(application: Application, seat: PanelSeat | None = None) -> list[str]:
    """APP-5: why the candidate's interview cannot be scored now (by the member in `seat`, if
    given); empty when it can."""
    campaign = application.campaign
    if campaign.status != CampaignStatus.SHORTLISTED:
        return [
            "Interview scores are recorded once the shortlist is drawn up and before the round is complete."
        ]
    if application.status != ApplicationStatus.SHORTLISTED:
        return [f"{application.name} is not shortlisted for interview."]
    return conflict_problems(seat, application) if seat is not None else []


def sift_record(
    *, actor: Actor, application: Application, scores: Mapping[int, tuple[Any, str]]
) -> list[SiftScore]:
    """A panel member's scores of one application against the person specification, 1 to 5 per
    criterion (keys are criterion numbers from 1). Scoring again replaces their own scores."""
    campaign = application.campaign
    seat = require_panel_member(actor, campaign)
    problems = sift_problems(application, seat)
    if problems:
        raise DomainError(problems[0])
    criteria = campaign.post.criteria
    checked = _scores(scores, range(1, len(criteria) + 1), "criterion_")
    now = timezone.now()
    with transaction.atomic():
        existing = {
            s.criterion: s for s in SiftScore.objects.filter(application=application, scorer=seat.person)
        }
        rows = []
        for criterion, (value, note) in sorted(checked.items()):
            row = existing.get(criterion) or SiftScore(
                application=application, scorer=seat.person, criterion=criterion
            )
            row.score, row.note, row.recorded_at = value, note, now
            rows.append(save_tracked(row, actor=actor, reason="Sift scored"))
        event(
            actor,
            "sift.score",
            rows,
            campaign.trust_id,
            f"{campaign.reference}: {seat.person} sifted an application",
        )
    return rows


def shortlist_record(
    *, actor: Actor, campaign: Campaign, decisions: Mapping[int, tuple[bool, str]], note: str = ""
) -> Campaign:
    """The shortlist with a reason for every application (APP-3): keys are application ids."""
    require_chair_or_lead(actor, campaign, "draw up the shortlist")
    if campaign.status != CampaignStatus.ADVERTISED:
        raise DomainError("The shortlist can be drawn up once, while the campaign is advertised.")
    if _today() <= campaign.closes_on:
        raise DomainError(
            f"Applications are open until {_date(campaign.closes_on)}: shortlist after the closing date."
        )
    applications = list(campaign.applications.exclude(status=ApplicationStatus.WITHDRAWN))
    if not applications:
        raise DomainError("There are no applications to shortlist.")
    errors: dict[str, str | list[str]] = {}
    for application in applications:
        decision = decisions.get(application.pk)
        if decision is None:
            errors[f"decision_{application.pk}"] = f"Select whether {application.name} is shortlisted"
        elif not _text(decision[1]):
            errors[f"reason_{application.pk}"] = f"Enter the reason for the decision on {application.name}"
    if errors:
        raise DomainError(errors)
    if not any(decisions[a.pk][0] for a in applications):
        raise DomainError("Shortlist at least one candidate, or close the campaign.")
    with transaction.atomic():
        for application in applications:
            chosen, reason = decisions[application.pk]
            application.status = (
                ApplicationStatus.SHORTLISTED if chosen else ApplicationStatus.NOT_SHORTLISTED
            )
            application.shortlist_reason = _text(reason)
            save_tracked(
                application, actor=actor, reason="Shortlist", update_fields=["status", "shortlist_reason"]
            )
        campaign.status, campaign.shortlist_note = CampaignStatus.SHORTLISTED, _text(note)
        save_tracked(campaign, actor=actor, reason="Shortlisted", update_fields=["status", "shortlist_note"])
        chosen_count = sum(1 for a in applications if decisions[a.pk][0])
        event(
            actor,
            "campaign.shortlist",
            [campaign, *applications],
            campaign.trust_id,
            f"{campaign.reference}: {chosen_count} of {len(applications)} shortlisted",
        )
    return campaign


# Interview scores and results (APP-5, APP-7) -----------------------------------------------------


def interview_record(
    *, actor: Actor, application: Application, scores: Mapping[str, tuple[Any, str]]
) -> list[InterviewScore]:
    """A panel member's scores of one candidate against every competency of the post."""
    campaign = application.campaign
    seat = require_panel_member(actor, campaign)
    problems = interview_problems(application, seat)
    if problems:
        raise DomainError(problems[0])
    checked = _scores(scores, [c.key for c in campaign_competencies(campaign)], "score_", "competency")
    now = timezone.now()
    with transaction.atomic():
        existing = {
            s.competency: s
            for s in InterviewScore.objects.filter(application=application, scorer=seat.person)
        }
        rows = []
        for key, (value, note) in sorted(checked.items()):
            row = existing.get(key) or InterviewScore(
                application=application, scorer=seat.person, competency=key
            )
            row.score, row.note, row.recorded_at = value, note, now
            rows.append(save_tracked(row, actor=actor, reason="Interview scored"))
        event(
            actor,
            "interview.score",
            rows,
            campaign.trust_id,
            f"{campaign.reference}: {seat.person} scored {application.name}",
        )
    return rows


def score_sheet_read(*, actor: Actor, application: Application, scorer: Person) -> None:
    """APP-7: a read of a score sheet by anyone but its author goes in the audit trail."""
    if actor != SYSTEM and roles_of(actor).person_id == scorer.pk:
        return
    event(
        actor,
        "score_sheet.read",
        [],
        application.campaign.trust_id,
        f"{application.campaign.reference}: read {scorer}'s score sheet for {application.name}",
        application=application.pk,
        scorer=scorer.pk,
    )


def scoring_marks(campaign: Campaign) -> tuple[int, int]:
    """APP-5: the trust's pass mark and disagreement spread (`appointment.pass_mark`,
    `appointment.disagreement_spread` in the policy pack)."""
    values = effective_policy(campaign.trust).values()
    pass_mark = values.get("appointment.pass_mark", scoring.PASS_MARK)
    spread = values.get("appointment.disagreement_spread", scoring.DISAGREEMENT_SPREAD)
    return (
        pass_mark if isinstance(pass_mark, int) else scoring.PASS_MARK,
        spread if isinstance(spread, int) else scoring.DISAGREEMENT_SPREAD,
    )


INTERVIEWED = [
    ApplicationStatus.SHORTLISTED,
    ApplicationStatus.OFFERED,
    ApplicationStatus.ACCEPTED,
    ApplicationStatus.DECLINED,
    ApplicationStatus.NOT_APPOINTED,
]


def results(
    campaign: Campaign, applications: Sequence[Application] | None = None
) -> list[scoring.CandidateResult]:
    """The panel's aggregated interview scores, keyed by application id as a string (APP-5).

    A panel member who stepped aside from a candidate is not expected to score them."""
    if applications is None:
        applications = list(campaign.applications.filter(status__in=INTERVIEWED))
    seats = list(campaign.seats.select_related("person"))
    flags = panel_flags(campaign, seats, applications)
    stepped = {(f.seat.person_id, f.application.pk) for f in flags.values() if f.steps_aside}
    rows = InterviewScore.objects.filter(application__in=applications).values_list(
        "scorer_id", "application_id", "competency", "score"
    )
    competencies = campaign_competencies(campaign)
    pass_mark, spread = scoring_marks(campaign)
    keys = {c.key for c in competencies}
    scores = [(str(s), str(a), k, v) for s, a, k, v in rows if k in keys]
    panel_ids = sorted({str(seat.person_id) for seat in seats})
    out = []
    for application in applications:
        expected = [p for p in panel_ids if (int(p), application.pk) not in stepped]
        mine = [row for row in scores if row[1] == str(application.pk) and row[0] in expected]
        out.extend(
            scoring.aggregate(
                mine,
                competencies,
                panel=expected,
                candidates=[str(application.pk)],
                pass_mark=pass_mark,
                disagreement_spread=spread,
            )
        )
    # Each candidate was aggregated on their own (their own expected panel), so rank them here:
    # appointable first by overall mean, 1, 2, ...; the rest unranked.
    out.sort(
        key=lambda r: (
            not r.appointable,
            -(r.overall_mean if r.overall_mean is not None else float("-inf")),
            r.candidate,
        )
    )
    return [replace(r, rank=i if r.appointable else None) for i, r in enumerate(out, start=1)]
