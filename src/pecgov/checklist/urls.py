"""Implementation checklist at /checklist/, in the "checklist" namespace."""

from django.urls import URLPattern

urlpatterns: list[URLPattern] = []
