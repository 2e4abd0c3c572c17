"""simple-history's managers, their class made once per model (pecgov.audit.history; X-2 speed)."""

from __future__ import annotations

from typing import Any

from django.apps import apps

from pecgov.audit.history import KeptHistoryDescriptor
from pecgov.trust.models import Person
from tests.factories import make_person


def test_every_tracked_model_keeps_its_history_manager_class() -> None:
    tracked = [m for m in apps.get_models() if getattr(m._meta, "simple_history_manager_attribute", "")]
    assert len(tracked) > 30
    for model in tracked:
        name = model._meta.simple_history_manager_attribute
        assert isinstance(model.__dict__[name], KeptHistoryDescriptor), model
        assert type(getattr(model, name)) is type(getattr(model, name)), model


def test_an_instances_history_is_still_its_own(world: Any) -> None:
    """X-2: `instance.history` still reads that row's history only, newest first."""
    one, two = make_person(world.trust, name="One"), make_person(world.trust, name="Two")
    assert [row.name for row in one.history.all()] == ["One"]
    assert [row.name for row in two.history.all()] == ["Two"]
    assert Person.history.filter(name__in=["One", "Two"]).count() == 2
