"""PBC pages (PBC-1 to PBC-4, MTG-6), included at /commissioning/ in the "commissioning" namespace."""

from django.urls import path

from pecgov.commissioning import views

urlpatterns = [
    path("cases/", views.case_list, name="case_list"),
    path("cases/new/", views.case_submit, name="case_submit"),
    path("cases/<int:pk>/", views.case_detail, name="case_detail"),
    path("cases/<int:pk>/scrutiny/<str:aspect>/", views.case_scrutiny, name="case_scrutiny"),
    path("cases/<int:pk>/schedule/", views.case_schedule, name="case_schedule"),
    path("cases/<int:pk>/decide/", views.case_decide, name="case_decide"),
    path("cases/<int:pk>/return/", views.case_return, name="case_return"),
    path("cases/<int:pk>/resubmit/", views.case_resubmit, name="case_resubmit"),
    path("cases/<int:pk>/withdraw/", views.case_withdraw, name="case_withdraw"),
    path("cases/<int:pk>/documents/new/", views.document_add, name="document_add"),
    path("documents/<int:pk>/", views.document_download, name="document_download"),
    path("pipeline/", views.pipeline, name="pipeline"),
]
