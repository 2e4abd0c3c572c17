"""Which professions count as professionals, and what they are called (ORG-2, POL-2; DH 6.2).

Plain strings and no Django: the pure composition engine and the ORG enumerations both read
this one definition, so what counts as a clinician is written once.
"""

from __future__ import annotations

# The ORG-2 professions that count as "professionals" for composition (DH 6.2: "professional
# members should be practising clinicians"; "professionals should make up the majority").
CLINICAL_PROFESSIONS: frozenset[str] = frozenset(
    {
        "gp",
        "nurse",
        "ahp",
        "pharmacist",
        "dentist",
        "optometrist",
        "public_health",
        "secondary_care",
    }
)

# Each profession as it reads inside a sentence ("3 clinical professions (GP, nurse, ...)").
PROFESSION_NAMES: dict[str, str] = {
    "gp": "GP",
    "nurse": "nurse",
    "ahp": "allied health professional",
    "pharmacist": "pharmacist",
    "dentist": "dentist",
    "optometrist": "optometrist",
    "public_health": "public health",
    "secondary_care": "secondary-care clinician",
    "manager": "manager",
    "lay": "lay or patient representative",
}


def is_clinical(profession: str) -> bool:
    return profession in CLINICAL_PROFESSIONS
