from django.urls import path

from pecgov.audit import views

urlpatterns = [path("", views.ledger, name="ledger")]
