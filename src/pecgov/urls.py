"""The project's URLs: each app owns its own; the API mounts under /api/."""

from django.conf import settings
from django.contrib import admin
from django.urls import include, path

from pecgov.api import views as api_views
from pecgov.api_root import api
from pecgov.ui.pagecache import cached_api_urls, kept_pages

# The API's main lists, kept like the key pages until the next write (src/pecgov/ui/pagecache.py).
API_KEPT = {
    "list_organisations",
    "list_people",
    "list_committees",
    "list_memberships",
    "list_meetings",
    "list_declarations",
    "list_cases",
    "list_pipeline",
}
API_KEPT_PUBLIC = {"list_public_declarations"}
# The key pages kept until the next write (pecgov.ui.pagecache): the views themselves do not know.
PAGES_KEPT = {
    "home",
    "public:public_register",
    "conflicts:statement_pdf",
    "meetings:meeting_detail",
    "trust:committee_detail",
    "commissioning:pipeline",
}

urlpatterns = [
    path("", include("pecgov.home.urls")),
    path("", include(("pecgov.trust.urls", "trust"))),
    path("policy/", include(("pecgov.policy.urls", "policy"))),
    path("audit/", include(("pecgov.audit.urls", "audit"))),
    path("", include(("pecgov.meetings.urls", "meetings"))),
    path("", include(("pecgov.meetings.conflicts.urls", "conflicts"))),
    path("interests/", include(("pecgov.interests.urls", "interests"))),
    path("public/", include(("pecgov.public.urls", "public"))),
    path("delegation/", include(("pecgov.delegation.urls", "delegation"))),
    path("commissioning/", include(("pecgov.commissioning.urls", "commissioning"))),
    path("commissioning/pbc/", include(("pecgov.commissioning.pbc.urls", "pbc"))),
    path("appointments/", include(("pecgov.appointments.urls", "appointments"))),
    path("notifications/", include(("pecgov.notifications.urls", "notifications"))),
    path("", include(("pecgov.appointments.applicants.urls", "applicants"))),
    path(
        "api/",
        cached_api_urls(
            api.urls,
            signed_in=API_KEPT,
            public=API_KEPT_PUBLIC,
            auth=list(api.auth) if isinstance(api.auth, list | tuple) else [],
        ),
    ),
    path("account/tokens/", api_views.token_list, name="api_tokens"),
    path("account/tokens/<int:pk>/revoke/", api_views.token_revoke_view, name="api_token_revoke"),
    path("django-admin/", admin.site.urls),
    # After the applicants' pages: /account/register/ resolves to applicants:register (its limit).
    path("", include("pecgov.accounts.urls")),
]

urlpatterns = kept_pages(urlpatterns, PAGES_KEPT)

if settings.BENCH:  # `make bench` only: the floor view (src/pecgov/bench.py)
    from pecgov import bench

    urlpatterns += bench.urlpatterns

handler403 = "pecgov.home.views.forbidden"
handler404 = "pecgov.home.views.not_found"
handler500 = "pecgov.home.views.server_error"
