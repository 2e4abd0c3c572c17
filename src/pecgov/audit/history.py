"""simple-history's `Model.history`, with its manager class made once per model (speed only).

simple-history's descriptor builds a new manager class on every read of `instance.history` or
`Model.history` (`Manager.from_queryset`, which walks the queryset class with `inspect`), and
simple-history reads it itself on every save; the ledger reads it again for each saved row it
names (X-2). That was about a tenth of a write's CPU. The managers handed out are the same as
simple-history's (same class body, same model, same instance); only their class is kept.
"""

from __future__ import annotations

from functools import cache
from typing import Any

from django.db import models
from simple_history.manager import HistoryDescriptor


@cache
def _manager_class(manager: type[Any], queryset: type[Any]) -> type[Any]:
    made: type[Any] = manager.from_queryset(queryset)
    return made


class KeptHistoryDescriptor(HistoryDescriptor):  # type: ignore[misc]  # simple-history is untyped
    def __get__(self, instance: models.Model | None, owner: type[models.Model]) -> Any:
        return _manager_class(self.manager_class, self.queryset_class)(self.model, instance)


def keep_history_managers(all_models: list[type[models.Model]]) -> int:
    """Swap each history-tracked model's descriptor for the kept one; the number swapped."""
    swapped = 0
    for model in all_models:
        name: str = getattr(model._meta, "simple_history_manager_attribute", "")
        descriptor = model.__dict__.get(name) if name else None
        if isinstance(descriptor, HistoryDescriptor) and not isinstance(descriptor, KeptHistoryDescriptor):
            kept = KeptHistoryDescriptor(
                descriptor.model, manager=descriptor.manager_class, queryset=descriptor.queryset_class
            )
            setattr(model, name, kept)
            swapped += 1
    return swapped
