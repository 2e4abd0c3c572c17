"""PBC pages (PBC-1 to PBC-4, PBC-7, MTG-6), included at /commissioning/ in the "commissioning" namespace."""

from django.urls import path

from pecgov.commissioning import steps, views

urlpatterns = [
    path("cases/", views.case_list, name="case_list"),
    path("cases/new/", steps.case_submit, name="case_submit"),
    path("cases/<int:pk>/", views.case_detail, name="case_detail"),
    path("cases/<int:pk>/scrutiny/<str:aspect>/", steps.case_scrutiny, name="case_scrutiny"),
    path("cases/<int:pk>/schedule/", steps.case_schedule, name="case_schedule"),
    path("cases/<int:pk>/decide/", steps.case_decide, name="case_decide"),
    path("cases/<int:pk>/return/", steps.case_return, name="case_return"),
    path("cases/<int:pk>/resubmit/", steps.case_resubmit, name="case_resubmit"),
    path("cases/<int:pk>/withdraw/", steps.case_withdraw, name="case_withdraw"),
    path("cases/<int:pk>/documents/new/", steps.document_add, name="document_add"),
    path("documents/<int:pk>/", views.document_download, name="document_download"),
    path("pipeline/", views.pipeline, name="pipeline"),
    path("decisions/", views.decisions, name="decisions"),
    path("decisions.csv", views.decisions_csv, name="decisions_csv"),
]
