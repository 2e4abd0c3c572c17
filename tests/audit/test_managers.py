"""X-2: a model's `history` manager class is made once, and each access still gets a manager
for its own instance."""

from __future__ import annotations

from typing import Any

from pecgov.trust.models import Person


def test_history_manager_class_is_made_once(db: Any) -> None:
    """X-2: two reads of `Model.history` give managers of one class, not a class per read."""
    first, second = Person.history, Person.history
    assert type(first) is type(second)
    assert first is not second
    assert first.model is Person.history.model


def test_history_manager_of_an_instance_is_that_instance_s(db: Any, world: Any) -> None:
    """X-2: `person.history` still lists that person's history rows only."""
    people = list(Person.objects.order_by("pk")[:2])
    assert len(people) == 2
    for person in people:
        rows = list(person.history.all())
        assert rows and {row.id for row in rows} == {person.pk}
