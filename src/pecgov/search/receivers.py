"""The index hears of every save and delete of what it holds (PUB-1, X-1): the domain apps do
not know search exists. Work is done after the transaction commits (`robust`: a failure to index
is logged and never undoes or refuses the user's change), so a rolled-back change leaves the
index alone.
"""

from __future__ import annotations

from functools import partial
from typing import Any

from django.db import transaction
from django.db.models import Model
from django.db.models.signals import post_delete, post_save

from pecgov.commissioning.models import BusinessCase
from pecgov.meetings.models import AgendaItem, Meeting, Minutes, Paper
from pecgov.search import indexing
from pecgov.trust.models import Committee, Membership, Organisation, Person

DIRECT: dict[type[Model], str] = {
    Person: "person",
    Organisation: "organisation",
    Committee: "committee",
    BusinessCase: "case",
}


def _meeting_family(meeting_id: int) -> list[tuple[str, int]]:
    """A meeting's visibility decides its items', papers' and minutes' public rows."""
    jobs = [("meeting", meeting_id)]
    jobs += [
        ("item", pk) for pk in AgendaItem.objects.filter(meeting_id=meeting_id).values_list("pk", flat=True)
    ]
    jobs += [
        ("paper", pk) for pk in Paper.objects.filter(item__meeting_id=meeting_id).values_list("pk", flat=True)
    ]
    jobs += [
        ("minutes", pk) for pk in Minutes.objects.filter(meeting_id=meeting_id).values_list("pk", flat=True)
    ]
    return jobs


def _item_family(item_id: int, meeting_id: int) -> list[tuple[str, int]]:
    """An item taken in private hides its papers and is withheld from the minutes."""
    jobs = [("item", item_id)]
    jobs += [("paper", pk) for pk in Paper.objects.filter(item_id=item_id).values_list("pk", flat=True)]
    jobs += [
        ("minutes", pk) for pk in Minutes.objects.filter(meeting_id=meeting_id).values_list("pk", flat=True)
    ]
    jobs += [
        ("case", pk)
        for pk in BusinessCase.objects.filter(agenda_item_id=item_id).values_list("pk", flat=True)
    ]
    return jobs


def jobs_for(instance: Model) -> list[tuple[str, int]]:
    """Which records' rows a change to `instance` may alter, worked out after the commit."""
    if type(instance) in DIRECT:
        return [(DIRECT[type(instance)], instance.pk)]
    if isinstance(instance, Membership):
        return [("person", instance.person_id)]
    if isinstance(instance, Meeting):
        return _meeting_family(instance.pk)
    if isinstance(instance, AgendaItem):
        return _item_family(instance.pk, instance.meeting_id)
    if isinstance(instance, Paper):
        return [("paper", instance.pk)]
    if isinstance(instance, Minutes):
        return [
            ("minutes", pk)
            for pk in Minutes.objects.filter(meeting_id=instance.meeting_id).values_list("pk", flat=True)
        ]
    return []


def _run(instance: Model, read_text: bool) -> None:
    for source, pk in jobs_for(instance):
        indexing.index(source, pk, read_text=read_text and source == "paper")


def on_save(
    sender: type[Model], instance: Model, created: bool = False, raw: bool = False, **kwargs: Any
) -> None:
    if raw or indexing.paused():  # fixtures, the demo: the index is rebuilt afterwards
        return
    # A paper's file is read once, when it is uploaded (its file never changes afterwards).
    transaction.on_commit(partial(_run, instance, created and isinstance(instance, Paper)), robust=True)


def on_delete(sender: type[Model], instance: Model, **kwargs: Any) -> None:
    if indexing.paused():
        return
    # The record is gone: `index` finds nothing and deletes its rows; a membership's person is
    # written again without the seat.
    transaction.on_commit(partial(_run, instance, False), robust=True)


MODELS: tuple[type[Model], ...] = (*DIRECT, Membership, Meeting, AgendaItem, Paper, Minutes)


def connect() -> None:
    for model in MODELS:
        post_save.connect(on_save, sender=model, dispatch_uid=f"search-save-{model._meta.label}")
        post_delete.connect(on_delete, sender=model, dispatch_uid=f"search-delete-{model._meta.label}")
