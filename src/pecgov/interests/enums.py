"""Enumerations of the COI domain (COI-1, COI-3)."""

from django.db import models


class Category(models.TextChoices):
    # COI-1 (Alliance "Conflicts of Interest"; DH 5.7)
    FINANCIAL = "financial", "Financial"
    NON_FINANCIAL_PROFESSIONAL = "non_financial_professional", "Non-financial professional"
    NON_FINANCIAL_PERSONAL = "non_financial_personal", "Non-financial personal"
    INDIRECT = "indirect", "Indirect"


class Withholding(models.TextChoices):
    # PUB-1: withheld only with a recorded reason; the public page shows that something is withheld.
    NONE = "", "Published in full"
    DETAILS = "details", "Details withheld"
    ENTRY = "entry", "Entry withheld"


class Handling(models.TextChoices):
    # COI-3 (DH 5.8 table; Alliance "Conflicts of Interest")
    EXCLUDE_DECISION = "exclude_decision", "Excluded from the decision, may give advice"
    EXCLUDE_DEBATE = "exclude_debate", "Excluded from the debate and the decision"
    NO_ACTION = "no_action", "No action needed"


class ReturnKind(models.TextChoices):
    NIL = "nil", "Nil return: no interests to declare"
    CONFIRMED = "confirmed", "Confirmed the register entries are up to date"
