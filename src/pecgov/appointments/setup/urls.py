"""Setting up an appointment round (APP-1 to APP-4): plan, competencies, posts, campaigns, panel.

Included at /appointments/ in the "appointments" namespace by appointments/urls.py."""

from django.urls import path

from pecgov.appointments.setup import notice_views, panel_views, views

urlpatterns = [
    path("", views.index, name="index"),
    path("plans/new/", views.plan_create, name="plan_create"),
    path("plans/<int:pk>/", views.plan_detail, name="plan_detail"),
    path("plans/steps/<int:pk>/", views.step_edit, name="step_edit"),
    path("plans/steps/<int:pk>/notice/", notice_views.notice_give, name="notice_give"),
    path("competencies/", views.competencies, name="competencies"),
    path("competencies/new/", views.competency_add, name="competency_add"),
    path("posts/new/", views.post_create, name="post_create"),
    path("posts/<int:pk>/", views.post_detail, name="post_detail"),
    path("posts/<int:pk>/edit/", views.post_edit, name="post_edit"),
    path("posts/<int:pk>/campaigns/new/", views.campaign_create, name="campaign_create"),
    path("campaigns/<int:pk>/", views.campaign_detail, name="campaign_detail"),
    path("campaigns/<int:pk>/edit/", views.campaign_edit, name="campaign_edit"),
    path("campaigns/<int:pk>/advertise/", views.campaign_advertise, name="campaign_advertise"),
    path("campaigns/<int:pk>/complete/", views.campaign_complete, name="campaign_complete"),
    path("campaigns/<int:pk>/panel/", panel_views.panel, name="panel"),
    path("campaigns/<int:pk>/panel/add/", panel_views.seat_add, name="seat_add"),
    path("campaigns/<int:pk>/panel/conflicts/new/", panel_views.conflict_declare, name="conflict_declare"),
    path("panel-seats/<int:pk>/remove/", panel_views.seat_remove, name="seat_remove"),
    path(
        "panel-seats/<int:pk>/conflicts/<int:application_pk>/",
        panel_views.conflict_handle,
        name="conflict_handle",
    ),
]
