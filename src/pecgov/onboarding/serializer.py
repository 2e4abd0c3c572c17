"""Django's JSON serialisation with times kept to the microsecond, for backups (ADM-1).

Django's own JSON encoder rounds times to the millisecond; the audit ledger signs each event's
time to the microsecond, so a restored ledger would no longer verify."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.serializers.json import Deserializer, DjangoJSONEncoder
from django.core.serializers.json import Serializer as JSONSerializer

__all__ = ["Deserializer", "Serializer"]


class ExactEncoder(DjangoJSONEncoder):
    def default(self, o: Any) -> Any:
        if isinstance(o, dt.datetime | dt.time):
            text = o.isoformat()
            return text[:-6] + "Z" if text.endswith("+00:00") else text
        return super().default(o)


class Serializer(JSONSerializer):
    def _init_options(self) -> None:
        super()._init_options()  # type: ignore[misc]  # django-stubs leave out this hook
        self.json_kwargs["cls"] = ExactEncoder
