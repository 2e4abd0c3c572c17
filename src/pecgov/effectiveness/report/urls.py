"""The annual report and the scorecard's pages, included into the "effectiveness" namespace."""

from __future__ import annotations

from django.urls import URLPattern, path

from pecgov.effectiveness.report import rules as _rules  # noqa: F401  # registers the permissions
from pecgov.effectiveness.report import views

urlpatterns: list[URLPattern] = [
    path("reports/", views.report_list, name="report_list"),
    path("reports/new/", views.report_create, name="report_create"),
    path("reports/<int:pk>/", views.report_detail, name="report_detail"),
    path("reports/<int:pk>/edit/", views.report_edit, name="report_edit"),
    path("reports/<int:pk>/publish/", views.report_publish, name="report_publish"),
    path("reports/<int:pk>/pdf/", views.report_pdf, name="report_pdf"),
    path("reports/<int:pk>/csv/", views.report_csv, name="report_csv"),
    path("scorecard/", views.scorecard_page, name="scorecard"),
]
