"""X-2: `instance.history` made once per model rather than on every access.

django-simple-history's `HistoryDescriptor.__get__` builds a new manager class
(`HistoryManager.from_queryset(...)`, which walks every queryset method) each time a model's
`history` is read: once per tracked save (`create_historical_record`) and once per row an audit
event names (`chain.history_refs`). The class is the same every time, so it is built once per
descriptor and kept; each access still gets its own manager for its instance, as before.
"""

from __future__ import annotations

from typing import Any

from simple_history.manager import HistoryDescriptor

_KEPT = "_pecgov_manager_class"


def _get(self: HistoryDescriptor, instance: Any, owner: Any) -> Any:
    made = self.__dict__.get(_KEPT)
    if made is None:
        made = self.manager_class.from_queryset(self.queryset_class)
        setattr(self, _KEPT, made)
    return made(self.model, instance)


def keep_history_manager_classes() -> None:
    """Called once from AuditConfig.ready()."""
    HistoryDescriptor.__get__ = _get
