"""Open data in the Popolo shapes (PUB-2), mounted at /api/popolo/ with the namespace "popolo"."""

from django.urls import path

from pecgov.public import popolo

urlpatterns = [
    path("<slug:trust>/persons.json", popolo.persons, name="persons"),
    path("<slug:trust>/organizations.json", popolo.organizations, name="organizations"),
    path("<slug:trust>/memberships.json", popolo.memberships, name="memberships"),
    path("<slug:trust>/vote_events.json", popolo.vote_events, name="vote_events"),
    path("<slug:trust>/events.json", popolo.events, name="events"),
]
