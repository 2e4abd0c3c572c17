"""checklist_state (EFF-1): DH Annex C's nine actions, the target date, overdue and done counts."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from pecgov.checklist import services
from pecgov.checklist.models import Checklist
from pecgov.checklist.queries import checklist_state
from tests.factories import SYSTEM, World


def test_state_before_set_up_is_the_packs_nine_actions_due_on_the_pack_target(world: World) -> None:
    """EFF-1: nine actions from the pack, due 1 October 2007 by default, so overdue today."""
    state = checklist_state(world.trust)
    assert state.checklist_id is None
    assert state.total == 9
    assert state.target_date == dt.date(2007, 10, 1)
    assert state.target_is_default is True
    assert [a.key for a in state.actions][-1] == "effectiveness"
    assert all(a.source.startswith("DH Annex C") for a in state.actions)
    assert (state.done, state.overdue) == (0, 9)


def test_setup_is_idempotent_and_the_trust_sets_its_own_target(world: World) -> None:
    """EFF-1: set up once; the trust's own target date moves every action without its own date."""
    checklist = services.checklist_setup(actor=SYSTEM, trust=world.trust)
    again = services.checklist_setup(actor=SYSTEM, trust=world.trust)
    assert again.pk == checklist.pk
    assert Checklist.objects.filter(trust=world.trust).count() == 1
    assert checklist.actions.count() == 9
    target = timezone.localdate() + dt.timedelta(days=60)
    services.checklist_update(actor=SYSTEM, checklist=checklist, target_date=target)
    state = checklist_state(world.trust)
    assert (state.target_date, state.target_is_default, state.overdue) == (target, False, 0)
