"""Assessing candidates (APP-3 to APP-7): applications, sift, shortlist, interview, appointment.

Mounted under /appointments/ in the "appointments" namespace, beside setup/urls.py."""

from django.urls import path

from pecgov.appointments.assess import decision_views, views

urlpatterns = [
    path("campaigns/<int:pk>/applications/", views.applications, name="applications"),
    path("applications/<int:pk>/", views.application_detail, name="application_detail"),
    path("applications/<int:pk>/cv/", views.application_cv, name="application_cv"),
    path("applications/<int:pk>/sift/", views.sift, name="sift"),
    path("campaigns/<int:pk>/sift/", views.sift_overview, name="sift_overview"),
    path("applications/<int:pk>/interview/", views.interview, name="interview"),
    path("campaigns/<int:pk>/results/", decision_views.results, name="results"),
    path("applications/<int:pk>/scores/<int:scorer>/", decision_views.score_sheet, name="score_sheet"),
    path("applications/<int:pk>/appoint/", decision_views.appoint, name="appoint"),
    path("applications/<int:pk>/offer/", decision_views.offer_response, name="offer_response"),
    path("campaigns/<int:pk>/recommend/", decision_views.recommend, name="recommend"),
]
