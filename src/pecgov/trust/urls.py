"""ORG pages at /trust/ in the "trust" namespace (ORG-1 to ORG-5)."""

from django.urls import path

from pecgov.trust.views import committees, memberships, organisations, people

urlpatterns = [
    path("organisations/", organisations.organisation_list, name="organisation_list"),
    path("organisations/new/", organisations.organisation_create, name="organisation_create"),
    path("organisations/<int:pk>/", organisations.organisation_detail, name="organisation_detail"),
    path("organisations/<int:pk>/edit/", organisations.organisation_edit, name="organisation_edit"),
    path("organisations/<int:pk>/history/", organisations.organisation_history, name="organisation_history"),
    path(
        "organisations/<int:pk>/links/new/",
        organisations.organisation_link_create,
        name="organisation_link_create",
    ),
    path(
        "organisation-links/<int:pk>/end/",
        organisations.organisation_link_end,
        name="organisation_link_end",
    ),
    path("people/", people.person_list, name="person_list"),
    path("people/new/", people.person_create, name="person_create"),
    path("people/<int:pk>/", people.person_detail, name="person_detail"),
    path("people/<int:pk>/edit/", people.person_edit, name="person_edit"),
    path("people/<int:pk>/history/", people.person_history, name="person_history"),
    path("committees/", committees.committee_list, name="committee_list"),
    path("committees/new/", committees.committee_create, name="committee_create"),
    path("committees/<int:pk>/", committees.committee_detail, name="committee_detail"),
    path("committees/<int:pk>/edit/", committees.committee_edit, name="committee_edit"),
    path("committees/<int:pk>/history/", committees.committee_history, name="committee_history"),
    path("committees/<int:pk>/members/new/", memberships.membership_create, name="membership_create"),
    path("memberships/<int:pk>/edit/", memberships.membership_edit, name="membership_edit"),
    path("memberships/<int:pk>/end/", memberships.membership_end, name="membership_end"),
    path("memberships/<int:pk>/history/", memberships.membership_history, name="membership_history"),
]
