"""Effectiveness at /effectiveness/, in the "effectiveness" namespace."""

from django.urls import URLPattern, URLResolver, include, path

urlpatterns: list[URLPattern | URLResolver] = [
    path("", include("pecgov.effectiveness.report.urls")),
]
