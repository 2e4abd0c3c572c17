"""ADM-2 pages at /imports/ in the "imports" namespace."""

from django.urls import path

from pecgov.imports import views

urlpatterns = [
    path("", views.start, name="start"),
    path("<int:pk>/", views.run, name="run"),
    path("<int:pk>/import/", views.confirm, name="confirm"),
]
