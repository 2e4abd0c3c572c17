"""Assessing candidates (APP-3 to APP-7): applications, sift, shortlist, interview, appointment.

Mounted under /appointments/ in the "appointments" namespace, beside setup_urls."""

from django.urls import path

from pecgov.appointments import assess_views as views

urlpatterns = [
    path("campaigns/<int:pk>/applications/", views.applications, name="applications"),
    path("applications/<int:pk>/", views.application_detail, name="application_detail"),
    path("applications/<int:pk>/cv/", views.application_cv, name="application_cv"),
    path("applications/<int:pk>/sift/", views.sift, name="sift"),
    path("campaigns/<int:pk>/sift/", views.sift_overview, name="sift_overview"),
    path("applications/<int:pk>/interview/", views.interview, name="interview"),
    path("campaigns/<int:pk>/results/", views.results, name="results"),
    path("applications/<int:pk>/scores/<int:scorer>/", views.score_sheet, name="score_sheet"),
    path("applications/<int:pk>/appoint/", views.appoint, name="appoint"),
    path("applications/<int:pk>/offer/", views.offer_response, name="offer_response"),
    path("campaigns/<int:pk>/recommend/", views.recommend, name="recommend"),
]
