"""Who may see and change declarations (X-1, COI-1): members keep their own; the governance
lead keeps everyone's in their own trust and decides what is withheld from the public (PUB-1).

These permissions are the one answer to "may they": the services ask them through
pecgov.actors.require, the pages through has_perm, to show or hide an action."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from rules.permissions import add_perm
from rules.predicates import Predicate
from rules.predicates import predicate as _untyped_predicate

from pecgov.trust.roles import roles_of
from pecgov.trust.rules import in_own_trust, is_governance_lead, is_trust_user


def predicate(fn: Callable[[Any, Any], bool]) -> Predicate:
    """rules.predicate with a type: the library leaves its decorator unannotated."""
    made = _untyped_predicate(fn)  # type: ignore[no-untyped-call]  # rules ships no annotations here
    assert isinstance(made, Predicate)
    return made


def _is_own_person(user: Any, person: Any) -> bool:
    return person is not None and roles_of(user).person_id == getattr(person, "pk", None)


is_own_person = predicate(_is_own_person)

# The object asked about is a Person (or a trust id, for the lead's trust-wide actions).
add_perm("interests.view_register", is_trust_user)  # type: ignore[no-untyped-call]  # untyped library
# COI-1: the person themself, or their trust's governance lead, keeps their declarations.
add_perm("interests.declare_for", in_own_trust & (is_governance_lead | is_own_person))  # type: ignore[no-untyped-call]  # untyped library
# PUB-1, COI-1: withholding from the public and reminders are the governance lead's, in their own trust.
add_perm("interests.manage", is_governance_lead & in_own_trust)  # type: ignore[no-untyped-call]  # untyped library
