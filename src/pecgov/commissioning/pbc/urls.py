"""PBC group pages (ORG-6, PBC-5, PBC-6), mounted at /commissioning/pbc/ in the "pbc" namespace."""

from django.urls import path

from pecgov.commissioning.pbc import views

urlpatterns = [
    path("", views.overview, name="overview"),
    path("plans/", views.plans, name="plans"),
    path("<int:pk>/", views.group, name="group"),
    path("<int:pk>/maturity/new/", views.maturity_new, name="maturity_new"),
    path("<int:pk>/support/new/", views.support_new, name="support_new"),
    path("support/<int:pk>/end/", views.support_end, name="support_end"),
    path("links/new/", views.link_new, name="link_new"),
    path("links/<int:pk>/end/", views.link_end, name="link_end"),
]
