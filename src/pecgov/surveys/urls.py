"""Surveys at /surveys/, in the "surveys" namespace (EFF-2)."""

from django.urls import URLPattern, path

from pecgov.surveys.views import answer, manage, results

urlpatterns: list[URLPattern] = [
    path("", manage.survey_list, name="list"),
    path("new/", manage.survey_create, name="create"),
    path("<int:pk>/", manage.survey_detail, name="detail"),
    path("<int:pk>/questions/new/", manage.question_add, name="question_add"),
    path("<int:pk>/questions/<int:question_pk>/", manage.question_edit, name="question_edit"),
    path("<int:pk>/questions/<int:question_pk>/remove/", manage.question_remove, name="question_remove"),
    path("<int:pk>/ask/members/", manage.recipients_members, name="recipients_members"),
    path("<int:pk>/ask/partners/", manage.recipients_partners, name="recipients_partners"),
    path("<int:pk>/ask/<int:recipient_pk>/remove/", manage.recipient_remove, name="recipient_remove"),
    path("<int:pk>/open/", manage.survey_open, name="open"),
    path("<int:pk>/remind/", manage.survey_remind, name="remind"),
    path("<int:pk>/close/", manage.survey_close, name="close"),
    path("<int:pk>/results/", results.survey_results, name="results"),
    path("<int:pk>/results.csv", results.survey_results_csv, name="results_csv"),
    path("mine/", answer.mine, name="mine"),
    path("answer/thanks/", answer.thanks, name="thanks"),
    path("answer/refused/", answer.answer_refused, name="answer_refused"),
    path("answer/survey/<int:pk>/", answer.answer_form, name="answer_form"),
    path("answer/<str:token>/", answer.answer, name="answer"),
]
