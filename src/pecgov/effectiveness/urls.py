"""Effectiveness at /effectiveness/, in the "effectiveness" namespace."""

from django.urls import URLPattern, path

from pecgov.effectiveness import views

urlpatterns: list[URLPattern] = [
    path("measures/", views.measures, name="measures"),
    path("measures/records/", views.measure_records, name="measure_records"),
]
