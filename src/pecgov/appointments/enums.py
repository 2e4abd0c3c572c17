"""Choices for appointments (APP-1 to APP-7): plan steps, posts, campaigns, applications, panels."""

from __future__ import annotations

from django.db import models

from pecgov.appointments import panel


class StepKey(models.TextChoices):
    # APP-1, EFF-1: the steps of DH Annex C ("Implementation checklist") that concern appointment.
    ROLES = "roles", "Agree the roles and functions of the PEC and its members"
    COMPETENCIES = "competencies", "Agree the competencies, job descriptions and person specifications"
    PANEL = "panel", "Constitute the interview panel and set the dates"
    ADVERTISE = "advertise", "Advertise the posts"
    SIFT = "sift", "Sift applications and draw up the shortlist"
    INTERVIEW = "interview", "Interview the shortlisted candidates"
    OFFER = "offer", "Make offers and agree terms and conditions"
    NOTICE = "notice", "Give notice to current members whose posts end"
    INDUCTION = "induction", "Arrange induction and mentors for new members"


STEP_ORDER = [key for key, _ in StepKey.choices]


class PostKind(models.TextChoices):
    CHAIR = "chair", "PEC chair"
    MEMBER = "member", "PEC member"


class CampaignStatus(models.TextChoices):
    # APP-3: draft, advertised (applications open until the closing date), shortlisted,
    # complete (every post filled or the round closed).
    DRAFT = "draft", "Draft"
    ADVERTISED = "advertised", "Advertised"
    SHORTLISTED = "shortlisted", "Shortlisted, interviews to hold"
    COMPLETE = "complete", "Complete"


class RoundStage(models.TextChoices):
    # APP-3: where the round stands, derived from the record (the campaign's status and its
    # offers), so it never says "interviews to hold" once an offer is made. Every page shows it.
    DRAFT = "draft", "Draft"
    ADVERTISED = "advertised", "Advertised"
    SHORTLISTED = "shortlisted", "Shortlisted, interviews to hold"
    OFFER_MADE = "offer_made", "Offer made, waiting for an answer"
    OFFER_ACCEPTED = "offer_accepted", "Offer accepted, posts still to fill"
    APPOINTED = "appointed", "Appointed, offer accepted"
    CLOSED = "closed", "Complete"


def round_stage(status: str, *, pending: int, accepted: int, vacancies: int) -> RoundStage:
    """The round's stage from the campaign's status and its offers: `pending` offers not yet
    answered and `accepted` offers taken up, against the round's `vacancies`."""
    if status == CampaignStatus.COMPLETE:
        return RoundStage.CLOSED
    if status != CampaignStatus.SHORTLISTED:
        return RoundStage(status)
    if pending:
        return RoundStage.OFFER_MADE
    if accepted >= max(vacancies, 1):
        return RoundStage.APPOINTED
    if accepted:
        return RoundStage.OFFER_ACCEPTED
    return RoundStage.SHORTLISTED


class ApplicationStatus(models.TextChoices):
    SUBMITTED = "submitted", "Received"
    WITHDRAWN = "withdrawn", "Withdrawn"
    SHORTLISTED = "shortlisted", "Shortlisted for interview"
    NOT_SHORTLISTED = "not_shortlisted", "Not shortlisted"
    OFFERED = "offered", "Offered the post"
    NOT_APPOINTED = "not_appointed", "Not appointed"
    ACCEPTED = "accepted", "Appointed"
    DECLINED = "declined", "Declined the offer"


# What an applicant may see of their status, in plain words (APP-7: never the scores).
APPLICANT_HINTS: dict[str, str] = {
    ApplicationStatus.SUBMITTED: "We have your application. The panel will sift applications after the closing date.",
    ApplicationStatus.WITHDRAWN: "You withdrew this application.",
    ApplicationStatus.SHORTLISTED: "You have been shortlisted. We will contact you about the interview.",
    ApplicationStatus.NOT_SHORTLISTED: "You were not shortlisted for interview this time.",
    ApplicationStatus.OFFERED: "The panel has offered you the post. Accept or decline the offer below.",
    ApplicationStatus.NOT_APPOINTED: "You were not appointed this time.",
    ApplicationStatus.ACCEPTED: "You accepted the offer and are now a member of the committee from the start date.",
    ApplicationStatus.DECLINED: "You declined the offer.",
}


class PanelRole(models.TextChoices):
    # APP-4: the roles the panel rules look at (appointments.panel.ROLES).
    CHIEF_EXECUTIVE = panel.CHIEF_EXECUTIVE, "Chief executive"
    PCT_CHAIR = panel.PCT_CHAIR, "PCT chair"
    FORMER_PEC_MEMBER = panel.FORMER_PEC_MEMBER, "Former PEC member"
    FORMER_PEC_CHAIR = panel.FORMER_PEC_CHAIR, "Former PEC chair"
    OUTGOING_PEC_CHAIR = panel.OUTGOING_PEC_CHAIR, "Outgoing PEC chair"
    CLINICIAN = panel.CLINICIAN, "Clinician"
    OTHER_PROFESSIONAL = panel.OTHER_PROFESSIONAL, "Another professional representative"
    LAY = panel.LAY, "Lay or non-executive member"
    MANAGER = panel.MANAGER, "Manager"


class ConflictHandling(models.TextChoices):
    # APP-4 with COI-3: a conflicted panel member either takes no part in assessing that
    # candidate, or the panel records why no action is needed.
    UNHANDLED = "", "Not yet handled"
    STEPS_ASIDE = "steps_aside", "Takes no part in sifting, interviewing or scoring this candidate"
    NO_ACTION = "no_action", "No action needed (reason recorded)"
