from django.urls import path

from pecgov.policy import views

urlpatterns = [
    path("", views.policy_detail, name="detail"),
    path("pack/", views.policy_pack, name="pack"),
    path("overrides/new/", views.policy_override, name="override_create"),
    path("overrides/<int:pk>/withdraw/", views.policy_override_withdraw, name="override_withdraw"),
]
