"""The generator's lean insert writes what `bulk_create` and `bulk_history_create` write: the same
columns with the same values, ids from the table's own sequence, one "+" history row each
(X-2)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone

from pecgov.actors import SYSTEM
from pecgov.demo.generate import fastinsert
from pecgov.demo.generate.writers import Writer
from pecgov.trust import services as ts
from pecgov.trust.enums import OrganisationKind
from pecgov.trust.models import Organisation

SKIP = {"id", "history_id", "name", "ods_code"}


def _orgs(trust: Organisation, tag: str) -> list[Organisation]:
    return [
        Organisation(
            trust=trust, kind=OrganisationKind.PRACTICE, name=f"{tag} Surgery {n}", ods_code=f"{tag}{n}"
        )
        for n in range(3)
    ]


def _columns(rows: Any) -> list[dict[str, Any]]:
    return [{k: v for k, v in row.items() if k not in SKIP} for row in rows]


def test_lean_insert_writes_what_bulk_create_writes(db: Any) -> None:
    """X-2: same rows and history rows as Django's bulk paths, ids following on, chain intact."""
    trust = ts.trust_create(actor=SYSTEM, name="Fast Primary Care Trust", ods_code="FST")
    stamp = timezone.now() - dt.timedelta(days=1)
    slow = Organisation.objects.bulk_create(_orgs(trust, "S"))
    Organisation.history.bulk_history_create(
        slow, default_change_reason="Generated scale data", default_date=stamp
    )
    writer = Writer(trust_id=trust.pk, trust_name=trust.name, stamp=stamp, data={})
    fast = writer.add(Organisation, _orgs(trust, "F"), noun="practices")
    assert [o.pk for o in fast] == list(range(slow[-1].pk + 1, slow[-1].pk + 4))
    made = Organisation.objects.filter(pk__in=[o.pk for o in fast]).order_by("pk").values()
    expected = Organisation.objects.filter(pk__in=[o.pk for o in slow]).order_by("pk").values()
    assert _columns(made) == _columns(expected)
    history = Organisation.history.model.objects
    made_h = history.filter(id__in=[o.pk for o in fast]).order_by("history_id").values()
    expected_h = history.filter(id__in=[o.pk for o in slow]).order_by("history_id").values()
    assert _columns(made_h) == _columns(expected_h)
    assert [h["id"] for h in made_h] == [o.pk for o in fast]
    assert writer.history_rows[history.model._meta.label] == 3


def test_reserved_ids_follow_the_sequence(db: Any) -> None:
    """The ids handed out are the ones the table's sequence gives next, and are not given twice."""
    trust = ts.trust_create(actor=SYSTEM, name="Seq Primary Care Trust", ods_code="SEQ")
    first = fastinsert.reserve_ids(Organisation, 2)
    fastinsert.insert(
        Organisation, [Organisation(pk=first[0], trust=trust, kind=OrganisationKind.PRACTICE, name="A")]
    )
    fastinsert.insert(
        Organisation, [Organisation(pk=first[1], trust=trust, kind=OrganisationKind.PRACTICE, name="B")]
    )
    later = Organisation.objects.create(trust=trust, kind=OrganisationKind.PRACTICE, name="C")
    assert later.pk == first[1] + 1
