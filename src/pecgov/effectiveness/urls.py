"""Effectiveness at /effectiveness/, in the "effectiveness" namespace."""

from django.urls import URLPattern

urlpatterns: list[URLPattern] = []
