"""The agenda item page, conflict handling, votes, decisions, concerns and the statement to the
Board (COI-3 to COI-6). Included at the site root with the namespace "conflicts"."""

from django.urls import path

from pecgov.meetings.conflicts import views as views

urlpatterns = [
    path("items/<int:pk>/", views.item_detail, name="item_detail"),
    path("items/<int:pk>/conflicts/<int:person_pk>/", views.conflict_record, name="conflict_record"),
    path("items/<int:pk>/votes/", views.vote_record, name="vote_record"),
    path("items/<int:pk>/decide/", views.item_decide, name="item_decide"),
    path("items/<int:pk>/concerns/new/", views.concern_create, name="concern_create"),
    path("items/<int:pk>/statement/", views.statement_page, name="statement"),
    path("items/<int:pk>/statement.pdf", views.statement_pdf, name="statement_pdf"),
    path("items/<int:pk>/statement/send/", views.statement_send, name="statement_send"),
    path("items/<int:pk>/board-decision/", views.board_decision, name="board_decision"),
]
