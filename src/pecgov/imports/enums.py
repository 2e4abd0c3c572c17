"""The kinds of register a trust can bring in (ADM-2)."""

from django.db import models


class Kind(models.TextChoices):
    ORGANISATIONS = "organisations", "Organisations"
    PRACTICES = "practices", "GP practices from the ODS practice file (epraccur.csv)"
    PEOPLE = "people", "People"
    COMMITTEES = "committees", "Committees and their members"
    DECLARATIONS = "declarations", "Declarations of interest"
