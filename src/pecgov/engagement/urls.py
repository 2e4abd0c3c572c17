"""SHA engagement at /engagement/, in the "engagement" namespace (ORG-7)."""

from django.urls import path

from pecgov.engagement import views

urlpatterns = [
    path("", views.index, name="index"),
    path("new/", views.entry_create, name="entry_create"),
    path("<int:pk>/edit/", views.entry_edit, name="entry_edit"),
]
