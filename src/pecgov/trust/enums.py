"""Enumerations of the ORG domain (REQUIREMENTS ORG-1 to ORG-4)."""

from django.db import models

from pecgov.professions import CLINICAL_PROFESSIONS


class OrganisationKind(models.TextChoices):
    # ORG-1 (DH 1, 5; Alliance "Other key issues")
    TRUST = "trust", "Trust (PCT)"
    PRACTICE = "practice", "GP practice"
    CONTRACTOR = "contractor", "Other independent contractor"
    PBC_GROUP = "pbc_group", "PBC group or consortium"
    LOCALITY = "locality", "Locality"
    PROVIDER = "provider", "Provider"
    SHA = "sha", "Strategic health authority"
    LOCAL_AUTHORITY = "local_authority", "Local authority"
    VOLUNTARY = "voluntary", "Voluntary body"
    OTHER = "other", "Other"


class ProviderKind(models.TextChoices):
    NONE = "", "Not a provider"
    PROVIDER_ARM = "provider_arm", "The trust's own provider arm"
    FOUNDATION_TRUST = "foundation_trust", "Foundation trust"
    PRIVATE = "private", "Private provider"
    THIRD_SECTOR = "third_sector", "Third-sector provider"
    COMMISSIONING_SUPPORT = "commissioning_support", "Commissioning-support provider"


class LinkKind(models.TextChoices):
    MEMBER_OF_PBC_GROUP = "member_of_pbc_group", "is a member of the PBC group"
    IN_LOCALITY = "in_locality", "is in the locality"
    PROVIDER_ARM_OF = "provider_arm_of", "is the provider arm of"
    PART_OF = "part_of", "is part of"
    SUPPORTS = "supports", "provides commissioning support to"


class Profession(models.TextChoices):
    # ORG-2 (DH 6.2)
    GP = "gp", "GP"
    NURSE = "nurse", "Nurse"
    AHP = "ahp", "Allied health professional"
    PHARMACIST = "pharmacist", "Pharmacist"
    DENTIST = "dentist", "Dentist"
    OPTOMETRIST = "optometrist", "Optometrist"
    PUBLIC_HEALTH = "public_health", "Public health"
    SECONDARY_CARE = "secondary_care", "Secondary-care clinician"
    MANAGER = "manager", "Manager"
    LAY = "lay", "Lay or patient representative"

    @classmethod
    def clinical(cls) -> frozenset[str]:
        """Professions that count as 'professionals' for composition (DH 6.2): the one list in
        pecgov.professions, which the pure composition engine reads too."""
        return CLINICAL_PROFESSIONS


class CommitteeKind(models.TextChoices):
    # ORG-3 (DH 5.1, 5.8; Alliance "The Structure")
    BOARD = "board", "Trust Board"
    PEC = "pec", "Professional Executive Committee"
    PBC_APPROVALS = "pbc_approvals", "PBC approvals committee"
    ACF = "acf", "Area Commissioning Forum"
    REFERENCE_GROUP = "reference_group", "Clinical reference group"
    PBC_LEADS = "pbc_leads", "Committee of PBC lead commissioners"  # ORG-6 (DH 5.5)


class MembershipRole(models.TextChoices):
    # ORG-4 (DH 6.2, 7.1)
    CHAIR = "chair", "Chair"
    VICE_CHAIR = "vice_chair", "Vice-chair"
    CLINICAL = "clinical", "Clinical member"
    MANAGEMENT = "management", "Management member"
    BOARD_DIRECTOR = "board_director", "Board director"
    CHIEF_EXECUTIVE = "chief_executive", "Chief executive"
    EXECUTIVE_DIRECTOR = "executive_director", "Executive director"
    NON_EXECUTIVE = "non_executive", "Non-executive director"
    CO_OPTED = "co_opted", "Co-opted member"


class EndReason(models.TextChoices):
    # ORG-4, PERF-6 (DH 7.2): tenure ends on stand-down, another role, or substandard performance.
    STOOD_DOWN = "stood_down", "Stood down"
    OTHER_ROLE = "other_role", "Took another role"
    SUBSTANDARD_PERFORMANCE = "substandard_performance", "Substandard performance"
    CO_OPTION_ENDED = "co_option_ended", "Co-opted work finished"
    TERM_ENDED = "term_ended", "Term set by local policy ended"
    OTHER = "other", "Other"


class GrantRole(models.TextChoices):
    """Roles held by assignment rather than by committee membership."""

    GOVERNANCE_LEAD = "governance_lead", "Governance lead"
    PRACTICE_LEAD = "practice_lead", "Practice or PBC group lead"
