"""Search at /search/, in the "search" namespace (PUB-1, X-1)."""

from django.urls import path

from pecgov.search import views

urlpatterns = [path("", views.search, name="search")]
