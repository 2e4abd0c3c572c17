from django.urls import path

from pecgov.trust import views

urlpatterns = [
    path("organisations/", views.organisation_list, name="organisation_list"),
    path("organisations/new/", views.organisation_create, name="organisation_create"),
    path("organisations/<int:pk>/", views.organisation_detail, name="organisation_detail"),
    path("organisations/<int:pk>/edit/", views.organisation_edit, name="organisation_edit"),
    path("organisations/<int:pk>/history/", views.organisation_history, name="organisation_history"),
    path(
        "organisations/<int:pk>/links/new/",
        views.organisation_link_create,
        name="organisation_link_create",
    ),
    path(
        "organisation-links/<int:pk>/end/",
        views.organisation_link_end,
        name="organisation_link_end",
    ),
    path("people/", views.person_list, name="person_list"),
    path("people/new/", views.person_create, name="person_create"),
    path("people/<int:pk>/", views.person_detail, name="person_detail"),
    path("people/<int:pk>/edit/", views.person_edit, name="person_edit"),
    path("people/<int:pk>/history/", views.person_history, name="person_history"),
    path("committees/", views.committee_list, name="committee_list"),
    path("committees/new/", views.committee_create, name="committee_create"),
    path("committees/<int:pk>/", views.committee_detail, name="committee_detail"),
    path("committees/<int:pk>/edit/", views.committee_edit, name="committee_edit"),
    path("committees/<int:pk>/history/", views.committee_history, name="committee_history"),
    path("committees/<int:pk>/members/new/", views.membership_create, name="membership_create"),
    path("memberships/<int:pk>/edit/", views.membership_edit, name="membership_edit"),
    path("memberships/<int:pk>/end/", views.membership_end, name="membership_end"),
    path("memberships/<int:pk>/history/", views.membership_history, name="membership_history"),
]
