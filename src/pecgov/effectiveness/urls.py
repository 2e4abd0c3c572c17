"""Effectiveness at /effectiveness/, in the "effectiveness" namespace."""

from django.urls import URLPattern, URLResolver, include, path

from pecgov.effectiveness import views

urlpatterns: list[URLPattern | URLResolver] = [
    path("", views.index, name="index"),
    path("measures/", views.measures, name="measures"),
    path("measures/records/", views.measure_records, name="measure_records"),
    path("", include("pecgov.effectiveness.report.urls")),
]
