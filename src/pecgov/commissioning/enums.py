"""Enumerations and the business-case lifecycle of the PBC domain (PBC-1 to PBC-6, ORG-6)."""

from django.db import models


class CaseKind(models.TextChoices):
    # PBC-1 (DH 1.3, 5.3): the values match delegation.DecisionKind, so the scheme routes both.
    BUSINESS_CASE = "business_case", "Business case"
    COMMISSIONING_PLAN = "commissioning_plan", "Commissioning plan"


class CaseStatus(models.TextChoices):
    SUBMITTED = "submitted", "Submitted"
    SCRUTINY = "scrutiny", "In scrutiny"
    RETURNED = "returned", "Returned for more information"
    WITH_DIRECTOR = "with_director", "With the executive director"
    ON_AGENDA = "on_agenda", "On a meeting's agenda"
    DEFERRED = "deferred", "Deferred by the committee"
    RECOMMENDED = "recommended", "Recommended to the Board, awaiting the Board's decision"
    APPROVED = "approved", "Approved"
    REJECTED = "rejected", "Rejected"
    WITHDRAWN = "withdrawn", "Withdrawn"


# The lifecycle as an explicit map: any move not listed is refused (PBC-2, PBC-4).
CASE_TRANSITIONS: dict[str, frozenset[str]] = {
    CaseStatus.SUBMITTED: frozenset({CaseStatus.SCRUTINY, CaseStatus.RETURNED, CaseStatus.WITHDRAWN}),
    CaseStatus.SCRUTINY: frozenset(
        {CaseStatus.WITH_DIRECTOR, CaseStatus.ON_AGENDA, CaseStatus.RETURNED, CaseStatus.WITHDRAWN}
    ),
    CaseStatus.RETURNED: frozenset({CaseStatus.SUBMITTED, CaseStatus.WITHDRAWN}),
    CaseStatus.WITH_DIRECTOR: frozenset(
        {CaseStatus.APPROVED, CaseStatus.REJECTED, CaseStatus.RETURNED, CaseStatus.WITHDRAWN}
    ),
    CaseStatus.ON_AGENDA: frozenset(
        {CaseStatus.APPROVED, CaseStatus.REJECTED, CaseStatus.DEFERRED, CaseStatus.RECOMMENDED}
    ),
    CaseStatus.DEFERRED: frozenset({CaseStatus.ON_AGENDA, CaseStatus.RETURNED, CaseStatus.WITHDRAWN}),
    CaseStatus.RECOMMENDED: frozenset({CaseStatus.APPROVED, CaseStatus.REJECTED}),
    CaseStatus.APPROVED: frozenset(),
    CaseStatus.REJECTED: frozenset(),
    CaseStatus.WITHDRAWN: frozenset(),
}
CLOSED = frozenset({CaseStatus.APPROVED, CaseStatus.REJECTED, CaseStatus.WITHDRAWN})

# Why a move is refused, in words a submitter or lead understands.
STATUS_HINTS: dict[str, str] = {
    CaseStatus.SUBMITTED: "it has not been scrutinised yet",
    CaseStatus.SCRUTINY: "it is still being scrutinised",
    CaseStatus.RETURNED: "it is back with the submitter for more information",
    CaseStatus.WITH_DIRECTOR: "it is waiting for the executive director's decision",
    CaseStatus.ON_AGENDA: "it is on a meeting's agenda: the meeting decides it",
    CaseStatus.DEFERRED: "the committee deferred it",
    CaseStatus.RECOMMENDED: "it is with the Board",
    CaseStatus.APPROVED: "it has been approved",
    CaseStatus.REJECTED: "it has been rejected",
    CaseStatus.WITHDRAWN: "it has been withdrawn",
}


class Criterion(models.TextChoices):
    # PBC-3 (DH 5.3): the stated criteria for clinical and organisational scrutiny.
    EVIDENCE = "evidence", "Data, analysis and evidence"
    PATIENT_FOCUS = "patient_focus", "Patient focus"
    INEQUALITIES = "inequalities", "Health inequalities"
    QUALITY = "quality", "Quality standards"
    # PBC-7 (DH 5.3, 1.7): the PEC's wider role in PBC; each is a parameter in the policy packs.
    HEALTH_PROMOTION = "health_promotion", "Health promotion"
    INVOLVEMENT = "involvement", "Patient and public involvement"
    PLURALITY = "plurality", "Plurality and choice of providers"
    STRATEGY_FIT = "strategy_fit", "Fit with the PCT's overall commissioning strategy"


class Aspect(models.TextChoices):
    CLINICAL = "clinical", "Clinical scrutiny"
    ORGANISATIONAL = "organisational", "Organisational scrutiny"


class Assessment(models.TextChoices):
    MET = "met", "Meets the criterion"
    PARTLY = "partly", "Partly meets the criterion"
    NOT_MET = "not_met", "Does not meet the criterion"


class DirectorOutcome(models.TextChoices):
    APPROVED = "approved", "Approved"
    REJECTED = "rejected", "Rejected"


class LinkModel(models.TextChoices):
    # ORG-6 (DH 5.5): the four models of PEC and PBC links.
    GROUP_MEETS_PEC = "group_meets_pec", "Commissioning group meets the PEC"
    LEAD_ON_PEC = "lead_on_pec", "Lead PBC commissioner is a member or co-opted"
    PEC_MEMBER_LINKED = "pec_member_linked", "PEC member linked to the PBC group"
    LEADS_COMMITTEE = "leads_committee", "Committee of PBC leads links to the PEC"


class Maturity(models.TextChoices):
    # PBC-6 (DH 5.4): support is developmental and withdraws as PBC matures.
    STARTING = "1_starting", "Starting up: little experience of budgets or redesign"
    DEVELOPING = "2_developing", "Developing: managing budgets with support"
    ESTABLISHED = "3_established", "Established: leads service redesign"
    MATURE = "4_mature", "Mature: largely self-sufficient"


class SupportIntensity(models.TextChoices):
    INTENSIVE = "intensive", "Intensive (weekly or more)"
    REGULAR = "regular", "Regular (monthly)"
    LIGHT = "light", "Light touch (on request)"
