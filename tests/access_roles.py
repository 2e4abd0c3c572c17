"""The roles of the access matrix (X-1) and the expected statuses they share, for
tests/test_access_matrix.py and every area's tests/<area>/access_rows.py.

A module of its own so the area modules need not import test_access_matrix, which imports them
while it loads.
"""

from __future__ import annotations

ROLES = [
    "anonymous",
    "applicant",
    "member",
    "pec_chair",
    "pct_chair",
    "chief_executive",
    "executive_director",
    "practice_lead",
    "governance_lead",
    "other_lead",
]
# Everyone signed in to the trust; "other_lead" is another trust's governance lead.
TRUST_USERS = set(ROLES) - {"anonymous", "applicant"}
LEAD = {"governance_lead", "other_lead"}


def everyone(status: int) -> dict[str, int]:
    """The same status for every role."""
    return dict.fromkeys(ROLES, status)


# A URL that changes state answers 405 to every GET.
POST_ONLY = everyone(405)


def page(allowed: set[str], *, object_level: bool) -> dict[str, int]:
    """A signed-in page: anonymous to sign-in, outsiders 403, another trust's object 404.

    The role is checked before the object is looked up: another trust's lead gets 404 on an
    object page only where their role would let them in (a page for directors refuses them with
    403 before any object is looked up); on a list page they get 200 or 403 like anyone else."""
    expected = {}
    for role in ROLES:
        if role == "anonymous":
            expected[role] = 302
        elif role == "other_lead" and object_level and role in allowed:
            expected[role] = 404
        else:
            expected[role] = 200 if role in allowed else 403
    return expected


def page_hidden_from_other_trust(allowed: set[str], *, object_level: bool) -> dict[str, int]:
    """A signed-in page: anonymous to sign-in, outsiders 403, and another trust's lead 404 on
    every object page, whether or not `allowed` names them (200 or 403 on a list page).

    Differs from page() only for an object page whose `allowed` leaves out "other_lead"."""
    expected = {}
    for role in ROLES:
        if role == "anonymous":
            expected[role] = 302
        elif role == "other_lead" and object_level:
            expected[role] = 404
        else:
            expected[role] = 200 if role in allowed else 403
    return expected
