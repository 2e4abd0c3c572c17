"""TOR pages at /delegation/, in the "delegation" namespace (TOR-1 to TOR-3, POL-3)."""

from django.urls import path

from pecgov.delegation import views

urlpatterns = [
    path("", views.catalogue, name="catalogue"),
    path("seed/", views.catalogue_seed, name="catalogue_seed"),
    path("functions/new/", views.function_create, name="function_create"),
    path("functions/<int:pk>/edit/", views.function_edit, name="function_edit"),
    path("functions/<int:pk>/retire/", views.function_retire, name="function_retire"),
    path("functions/<int:pk>/delegate/", views.delegation_create, name="delegation_create"),
    path("delegations/<int:pk>/end/", views.delegation_end, name="delegation_end"),
    path("leads/", views.lead_list, name="lead_list"),
    path("leads/new/", views.lead_create, name="lead_create"),
    path("leads/<int:pk>/end/", views.lead_end, name="lead_end"),
    path("scheme/", views.scheme, name="scheme"),
    path("scheme/adopt/", views.scheme_adopt_default, name="scheme_adopt_default"),
    path("scheme/<str:kind>/edit/", views.scheme_edit, name="scheme_edit"),
]
