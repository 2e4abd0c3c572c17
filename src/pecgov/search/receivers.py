"""The index hears of every save and delete of what it holds (PUB-1, X-1): the domain apps do
not know search exists. Work is done after the transaction commits (`robust`: a failure to index
is logged and never undoes or refuses the user's change), so a rolled-back change leaves the
index alone.

A record's text is copied into other records' rows, so a change re-writes those too: an
organisation's name is in its people's and its business cases' rows, a committee's name in its
members' rows and in the title of each of its meetings, items, papers and minutes, and what
the public minutes withhold depends on the items taken in private, their papers and actions,
the conflicts and the declarations the register withholds. A trust's public URLs hold its key
(ODS code, else its name). Dates need no job: what is public by date is decided when searching
(documents.BY_MEETING).
"""

from __future__ import annotations

from collections import defaultdict
from functools import partial
from typing import Any

from django.db import transaction
from django.db.models import Model, Q, Value
from django.db.models.functions import Concat, Substr
from django.db.models.signals import post_delete, post_save

from pecgov.commissioning.models import BusinessCase
from pecgov.interests.models import Declaration
from pecgov.meetings.models import Action, AgendaItem, ItemConflict, Meeting, Minutes, Paper
from pecgov.public.queries import trust_key
from pecgov.search import indexing
from pecgov.search.models import Audience, SearchDocument
from pecgov.trust.enums import OrganisationKind
from pecgov.trust.models import Committee, Membership, Organisation, Person

Jobs = dict[str, set[int]]


def _ids(model: type[Model], where: Q) -> set[int]:
    return set(model._default_manager.filter(where).values_list("pk", flat=True))


def _meetings(jobs: Jobs, ids: set[int]) -> None:
    """Meetings with their items, papers and minutes: a meeting's title and visibility are in
    each of their rows."""
    jobs["meeting"] |= ids
    jobs["item"] |= _ids(AgendaItem, Q(meeting_id__in=ids))
    jobs["paper"] |= _ids(Paper, Q(item__meeting_id__in=ids))
    jobs["minutes"] |= _ids(Minutes, Q(meeting_id__in=ids))


def _meeting_of(item_id: int) -> set[int]:
    return set(AgendaItem.objects.filter(pk=item_id).values_list("meeting_id", flat=True))


def _public_minutes(jobs: Jobs, meeting_ids: set[int]) -> None:
    """What the public minutes withhold changed: the meetings' minutes are written again."""
    jobs["minutes"] |= _ids(Minutes, Q(meeting_id__in=meeting_ids))


def _organisation(jobs: Jobs, org: Organisation) -> None:
    jobs["organisation"].add(org.pk)
    jobs["person"] |= _ids(Person, Q(organisation_id=org.pk))
    jobs["case"] |= _ids(BusinessCase, Q(submitter_id=org.pk))


def jobs_for(instance: Model) -> Jobs:
    """Which records' rows a change to `instance` may alter, worked out after the commit."""
    jobs: Jobs = defaultdict(set)
    if isinstance(instance, Person):
        jobs["person"].add(instance.pk)
    elif isinstance(instance, Organisation):
        _organisation(jobs, instance)
    elif isinstance(instance, BusinessCase):
        jobs["case"].add(instance.pk)
    elif isinstance(instance, Committee):
        jobs["committee"].add(instance.pk)
        jobs["person"] |= set(
            Membership.objects.filter(committee_id=instance.pk).values_list("person_id", flat=True)
        )
        _meetings(jobs, _ids(Meeting, Q(committee_id=instance.pk)))
    elif isinstance(instance, Membership):
        jobs["person"].add(instance.person_id)
    elif isinstance(instance, Meeting):
        _meetings(jobs, {instance.pk})
    elif isinstance(instance, AgendaItem):
        # An item taken in private hides its papers and is withheld from the minutes.
        jobs["item"].add(instance.pk)
        jobs["paper"] |= _ids(Paper, Q(item_id=instance.pk))
        jobs["case"] |= _ids(BusinessCase, Q(agenda_item_id=instance.pk))
        _public_minutes(jobs, {instance.meeting_id})
    elif isinstance(instance, Paper):
        jobs["paper"].add(instance.pk)
        _public_minutes(jobs, _meeting_of(instance.item_id))
    elif isinstance(instance, Minutes | Action):
        _public_minutes(jobs, {instance.meeting_id})
    elif isinstance(instance, ItemConflict):
        _public_minutes(jobs, _meeting_of(instance.item_id))
    elif isinstance(instance, Declaration):
        conflicts = ItemConflict.objects.filter(declaration_id=instance.pk)
        _public_minutes(jobs, set(conflicts.values_list("item__meeting_id", flat=True)))
    return jobs


def retarget_public_urls(trust: Organisation) -> None:
    """PUB-1: a trust's public URLs hold its key; after a rename or a new ODS code they follow,
    in one UPDATE of the prefix."""
    new = f"/public/{trust_key(trust)}/"
    rows = SearchDocument.objects.filter(trust_id=trust.pk, audience=Audience.PUBLIC)
    sample = rows.values_list("url", flat=True).first()
    if sample is None or sample.startswith(new):
        return
    old = "/".join(sample.split("/")[:3]) + "/"
    rows.filter(url__startswith=old).update(url=Concat(Value(new), Substr("url", len(old) + 1)))


def _run(instance: Model, read_text: bool) -> None:
    with transaction.atomic():
        for source, pks in jobs_for(instance).items():
            if pks:
                indexing.index_many(source, pks, read_text=read_text and source == "paper")
        if isinstance(instance, Organisation) and instance.kind == OrganisationKind.TRUST:
            retarget_public_urls(instance)


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
    # The record is gone: `index_many` finds nothing and deletes its rows; a membership's person
    # is written again without the seat.
    transaction.on_commit(partial(_run, instance, False), robust=True)


MODELS: tuple[type[Model], ...] = (
    Person,
    Organisation,
    Committee,
    BusinessCase,
    Membership,
    Meeting,
    AgendaItem,
    Paper,
    Minutes,
    Action,
    ItemConflict,
    Declaration,
)


def connect() -> None:
    for model in MODELS:
        post_save.connect(on_save, sender=model, dispatch_uid=f"search-save-{model._meta.label}")
        post_delete.connect(on_delete, sender=model, dispatch_uid=f"search-delete-{model._meta.label}")
