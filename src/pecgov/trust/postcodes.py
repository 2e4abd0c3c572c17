"""UK postcodes (ORG-1): the shape checked when an organisation's postcode is given, and the one
way it is written (upper case, one space before the inward code: "AV1 0AB")."""

from __future__ import annotations

import re

# Outward code: area (1-2 letters), district (a digit, then a digit or letter); inward code: a
# digit and two letters. The shape only: whether the postcode exists is Royal Mail's to say.
_SHAPE = re.compile(r"^([A-Z]{1,2}[0-9][A-Z0-9]?)([0-9][A-Z]{2})$")

POSTCODE_MESSAGE = "Enter a real postcode, like AV1 0AB"


def normalise_postcode(raw: object) -> str:
    """The postcode written the one way, or "" for nothing; ValueError when it is not the shape
    of a UK postcode."""
    squeezed = "".join(str(raw or "").split()).upper()
    if not squeezed:
        return ""
    match = _SHAPE.match(squeezed)
    if match is None:
        raise ValueError(f"{str(raw).strip()} is not a UK postcode (write it like AV1 0AB)")
    return f"{match.group(1)} {match.group(2)}"
