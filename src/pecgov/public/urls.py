from django.urls import path

from pecgov.public import exports, feeds, pages, views

urlpatterns = [
    path("", views.public_home, name="public_home"),
    path("register/", views.public_register, name="public_register"),
    path("register.csv", views.public_register_csv, name="public_register_csv"),
    # PUB-2: a private feed at a secret address, and the page that makes and revokes it.
    path("my-calendar/", feeds.feed_page, name="feed"),
    path("my-calendar/new/", feeds.feed_create, name="feed_create"),
    path("my-calendar/<int:pk>/revoke/", feeds.feed_revoke, name="feed_revoke"),
    path("calendar/<str:key>.ics", feeds.private_feed, name="private_feed"),
    # PUB-1: one trust's public site, by ODS code or the slug of its name.
    path("<slug:trust>/", pages.trust_home, name="trust"),
    path("<slug:trust>/committees/<int:pk>/", pages.committee, name="committee"),
    path("<slug:trust>/committees/<int:pk>/members.csv", exports.committee_members_csv, name="members_csv"),
    path(
        "<slug:trust>/committees/<int:pk>/meetings.ics", feeds.committee_calendar, name="committee_calendar"
    ),
    path("<slug:trust>/meetings/", pages.meeting_list, name="meetings"),
    path("<slug:trust>/meetings.csv", exports.meetings_csv, name="meetings_csv"),
    path("<slug:trust>/meetings/<int:pk>/", pages.meeting, name="meeting"),
    path("<slug:trust>/meetings/<int:pk>/attendance.csv", exports.attendance_csv, name="attendance_csv"),
    path("<slug:trust>/papers/<int:pk>/", pages.paper, name="paper"),
    path("<slug:trust>/decisions/", pages.decisions, name="decisions"),
    path("<slug:trust>/decisions.csv", exports.decisions_csv, name="decisions_csv"),
    path("<slug:trust>/business-cases.csv", exports.cases_csv, name="cases_csv"),
    path("<slug:trust>/statements/", pages.statements, name="statements"),
    path("<slug:trust>/statements/<int:pk>/", pages.statement, name="statement"),
]
