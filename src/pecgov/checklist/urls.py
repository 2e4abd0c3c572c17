"""Implementation checklist at /checklist/, in the "checklist" namespace (EFF-1)."""

from django.urls import path

from pecgov.checklist import views

urlpatterns = [
    path("", views.index, name="index"),
    path("target/", views.target_edit, name="target_edit"),
    path("actions/<int:pk>/", views.action_edit, name="action_edit"),
]
