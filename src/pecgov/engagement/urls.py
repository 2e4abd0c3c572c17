"""SHA engagement at /engagement/, in the "engagement" namespace."""

from django.urls import URLPattern

urlpatterns: list[URLPattern] = []
