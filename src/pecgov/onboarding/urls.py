"""Onboarding pages in the "onboarding" namespace: /site/ for the site administrator (ADM-1),
/staff/ for a trust's lead and /invitation/ for the invited (ADM-4)."""

from django.urls import path

from pecgov.onboarding.views import accept, site, staff

urlpatterns = [
    path("site/trusts/", site.trust_list, name="trust_list"),
    path("site/trusts/new/", site.trust_create, name="trust_create"),
    path("site/trusts/<int:pk>/", site.trust_detail, name="trust_detail"),
    path("site/trusts/<int:pk>/rename/", site.trust_rename, name="trust_rename"),
    path("site/trusts/<int:pk>/close/", site.trust_close, name="trust_close"),
    path("site/trusts/<int:pk>/lead/", site.trust_lead, name="trust_lead"),
    path("site/password/", accept.one_time_password, name="one_time_password"),
    path("staff/", staff.staff_list, name="staff_list"),
    path("staff/invite/", staff.staff_invite, name="staff_invite"),
    path("staff/<int:pk>/grant/", staff.staff_grant, name="staff_grant"),
    path("staff/<int:pk>/suspend/", staff.staff_suspend, name="staff_suspend"),
    path("staff/<int:pk>/reactivate/", staff.staff_reactivate, name="staff_reactivate"),
    path("staff/grants/<int:pk>/revoke/", staff.grant_revoke, name="grant_revoke"),
    path("staff/invitations/<int:pk>/revoke/", staff.invitation_revoke, name="invitation_revoke"),
    path("invitation/<str:token>/", accept.accept, name="accept"),
]
