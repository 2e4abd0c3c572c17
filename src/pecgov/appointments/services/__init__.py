"""Every write in an appointment round (APP-1 to APP-7): plan, posts, campaign, panel, applications,
sift and shortlist, panel conflicts, interview scores, appointment, offer and acceptance, the
Alliance chair recommendation, and the audit of score-sheet reads.

Who may act: the governance lead runs the round; the panel's members score; the panel's chair
(or the lead) shortlists and appoints; under the Alliance pack's `appointment.chair_model =
"membership_recommends"` the PCT chair appoints the PEC chair after the new PEC's members
recommend (APP-6). Every rule is checked here, so pages, demo data and tests share it.

The modules go by stage: `setup` (plan, posts, campaigns), `applications`, `panel_conflicts`
(seats, composition findings, conflicts), `assessment` (sift, shortlist, interview, results) and
`appointment` (appoint, offer, completion, the Alliance chair recommendation); `base` holds what
they share. Every public name is re-exported here, so callers import this package only.
"""

from __future__ import annotations

from pecgov.appointments.services.applications import (
    APPLICATION_FIELDS,
    WITHDRAWABLE,
    DeclaredInterest,
    account_create,
    applicant_export,
    application_submit,
    application_withdraw,
)
from pecgov.appointments.services.appointment import (
    RecommendationTally,
    appoint,
    appoint_problems,
    campaign_complete,
    chair_model,
    chair_recommend,
    committee_of_kind,
    may_appoint,
    membership_recommends,
    offer_respond,
    recommendation_tally,
    recommenders,
)
from pecgov.appointments.services.assessment import (
    INTERVIEWED,
    interview_problems,
    interview_record,
    results,
    score_sheet_read,
    scoring_marks,
    shortlist_record,
    sift_problems,
    sift_record,
)
from pecgov.appointments.services.base import (
    CLOSED_APPLICATIONS,
    MEMBERSHIP_RECOMMENDS,
    chairs_or_leads,
    person_of,
    seat_of,
)
from pecgov.appointments.services.notice import notice_give, outgoing_memberships
from pecgov.appointments.services.panel_conflicts import (
    PanelFlag,
    conflict_declare,
    conflict_handle,
    conflict_problems,
    panel_facts,
    panel_findings,
    panel_flags,
    seat_add,
    seat_remove,
)
from pecgov.appointments.services.setup import (
    POST_FIELDS,
    accepting_applications,
    campaign_advertise,
    campaign_competencies,
    campaign_create,
    campaign_update,
    competency_add,
    default_competency_keys,
    plan_create,
    plan_default_target_date,
    post_create,
    post_update,
    step_update,
    trust_competencies,
)
from pecgov.servicekit import SYSTEM

__all__ = [
    "APPLICATION_FIELDS",
    "CLOSED_APPLICATIONS",
    "INTERVIEWED",
    "MEMBERSHIP_RECOMMENDS",
    "POST_FIELDS",
    "SYSTEM",
    "WITHDRAWABLE",
    "DeclaredInterest",
    "PanelFlag",
    "RecommendationTally",
    "accepting_applications",
    "account_create",
    "applicant_export",
    "application_submit",
    "application_withdraw",
    "appoint",
    "appoint_problems",
    "campaign_advertise",
    "campaign_competencies",
    "campaign_complete",
    "campaign_create",
    "campaign_update",
    "chair_model",
    "chair_recommend",
    "chairs_or_leads",
    "committee_of_kind",
    "competency_add",
    "conflict_declare",
    "conflict_handle",
    "conflict_problems",
    "default_competency_keys",
    "interview_problems",
    "interview_record",
    "may_appoint",
    "membership_recommends",
    "notice_give",
    "offer_respond",
    "outgoing_memberships",
    "panel_facts",
    "panel_findings",
    "panel_flags",
    "person_of",
    "plan_create",
    "plan_default_target_date",
    "post_create",
    "post_update",
    "recommendation_tally",
    "recommenders",
    "results",
    "score_sheet_read",
    "scoring_marks",
    "seat_add",
    "seat_of",
    "seat_remove",
    "shortlist_record",
    "sift_problems",
    "sift_record",
    "step_update",
    "trust_competencies",
]
