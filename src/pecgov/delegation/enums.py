"""Enumerations of the TOR domain (TOR-1 to TOR-3, POL-3)."""

from django.db import models


class FunctionGroup(models.TextChoices):
    """Key groups of PEC functions: DH's four (DH 3.2, Annex A) and the Alliance's five
    ("The Roles"); vision and strategy, commissioning and clinical effectiveness are shared."""

    VISION = "vision", "Vision and strategic direction"
    COMMISSIONING = "commissioning", "Commissioning and supporting PBC"
    CLINICAL_EFFECTIVENESS = "clinical_effectiveness", "Clinical effectiveness and clinical governance"
    COMMUNICATIONS = "communications", "Leading communication with partners and stakeholders"
    PROBITY = "probity", "Probity"
    ACCOUNTABILITY = "accountability", "Accountability"


# POL-3: which groups a framework expects to be delegated and led.
KEY_GROUPS: dict[str, tuple[str, ...]] = {
    "dh": (
        FunctionGroup.VISION,
        FunctionGroup.COMMISSIONING,
        FunctionGroup.CLINICAL_EFFECTIVENESS,
        FunctionGroup.COMMUNICATIONS,
    ),
    "alliance": (
        FunctionGroup.VISION,
        FunctionGroup.COMMISSIONING,
        FunctionGroup.PROBITY,
        FunctionGroup.CLINICAL_EFFECTIVENESS,
        FunctionGroup.ACCOUNTABILITY,
    ),
}
GROUP_SOURCES = {"dh": "DH 3.2, Annex A", "alliance": 'Alliance "The Roles"'}


class Authority(models.TextChoices):
    """What the Board gives a committee with a function (DH 3.1)."""

    DECIDE = "decide", "To decide on the Board's behalf"
    RECOMMEND = "recommend", "To recommend to the Board"
    ADVISE = "advise", "To advise"


class DecisionKind(models.TextChoices):
    """Kinds of decision the scheme of delegation covers (TOR-2, DH 5.8)."""

    BUSINESS_CASE = "business_case", "PBC business case"
    COMMISSIONING_PLAN = "commissioning_plan", "PBC commissioning plan"


class Decider(models.TextChoices):
    """Who decides, by the scheme of delegation (TOR-2, DH 5.8)."""

    EXECUTIVE_DIRECTOR = "executive_director", "An executive director"
    PBC_APPROVALS = "pbc_approvals", "The PBC approvals committee"
    PEC_RECOMMENDS = "pec_recommends", "The PEC, recommending to the Board"
    BOARD = "board", "The Board"
