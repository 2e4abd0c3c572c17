"""Surveys at /surveys/, in the "surveys" namespace."""

from django.urls import URLPattern

urlpatterns: list[URLPattern] = []
