"""MTG pages, included at the site root in the "meetings" namespace."""

from django.urls import path

from pecgov.meetings import views

urlpatterns = [
    path("meetings/", views.meeting_list, name="meeting_list"),
    path("meetings/new/", views.meeting_create, name="meeting_create"),
    path("meetings.ics", views.calendar, name="calendar"),
    path("meetings/<int:pk>/", views.meeting_detail, name="meeting_detail"),
    path("meetings/<int:pk>.ics", views.meeting_ics, name="meeting_ics"),
    path("meetings/<int:pk>/agenda-pack.pdf", views.agenda_pack, name="agenda_pack"),
    path("meetings/<int:pk>/public-agenda-pack.pdf", views.agenda_pack_public, name="agenda_pack_public"),
    path("meetings/<int:pk>/edit/", views.meeting_edit, name="meeting_edit"),
    path("meetings/<int:pk>/items/new/", views.item_create, name="item_create"),
    path("meetings/<int:pk>/attendance/", views.attendance, name="attendance"),
    path("meetings/<int:pk>/minutes/new/", views.minutes_draft, name="minutes_draft"),
    path("meetings/<int:pk>/actions/new/", views.action_create, name="action_create"),
    path("items/<int:pk>/edit/", views.item_edit, name="item_edit"),
    path("items/<int:pk>/papers/new/", views.paper_create, name="paper_create"),
    path("papers/<int:pk>/", views.paper_download, name="paper_download"),
    path("minutes/<int:pk>/", views.minutes_detail, name="minutes_detail"),
    path("minutes/<int:pk>/edit/", views.minutes_edit, name="minutes_edit"),
    path("minutes/<int:pk>/approve/", views.minutes_approve, name="minutes_approve"),
    path("minutes/<int:pk>/correct/", views.minutes_correct, name="minutes_correct"),
    path("actions/<int:pk>/complete/", views.action_complete, name="action_complete"),
]
