"""The project's URLs: each app owns its own; the API mounts under /api/."""

from django.conf import settings
from django.contrib import admin
from django.urls import include, path

from pecgov.api import views as api_views
from pecgov.api_root import api, api_v1
from pecgov.trust.scopes import named_trust, users_trust
from pecgov.ui.pagecache import Keeping, Scope, cached_api_urls, kept_pages
from pecgov.ui.rolepages import for_role_sets

# The API's main lists and the key pages, kept until a write that could change them
# (src/pecgov/ui/pagecache.py), each with the trust whose data it shows: the views do not know.
API_KEPT = {
    "list_organisations": users_trust,
    "list_people": users_trust,
    "list_committees": users_trust,
    "list_memberships": users_trust,
    "list_meetings": users_trust,
    "list_declarations": users_trust,
    "list_cases": users_trust,
    "list_pipeline": users_trust,
}
API_KEPT_PUBLIC = {"list_public_declarations": named_trust}
# Pages that show nothing of the person are kept once per role set (src/pecgov/ui/rolepages.py);
# the home page ("your actions") and the statement PDF stay per session.
PAGES_KEPT: dict[str, Scope | Keeping | None] = {
    "home": users_trust,
    "public:public_register": for_role_sets(named_trust),
    "conflicts:statement_pdf": users_trust,
    "meetings:meeting_detail": for_role_sets(users_trust),
    "trust:committee_detail": for_role_sets(users_trust),
    "commissioning:pipeline": for_role_sets(users_trust),
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
    path("public/", include(("pecgov.search.public_urls", "public_search"))),
    path("delegation/", include(("pecgov.delegation.urls", "delegation"))),
    path("commissioning/", include(("pecgov.commissioning.urls", "commissioning"))),
    path("commissioning/pbc/", include(("pecgov.commissioning.pbc.urls", "pbc"))),
    path("appointments/", include(("pecgov.appointments.urls", "appointments"))),
    path("notifications/", include(("pecgov.notifications.urls", "notifications"))),
    path("members/", include(("pecgov.members.urls", "members"))),
    path("imports/", include(("pecgov.imports.urls", "imports"))),
    path("surveys/", include(("pecgov.surveys.urls", "surveys"))),
    path("checklist/", include(("pecgov.checklist.urls", "checklist"))),
    path("engagement/", include(("pecgov.engagement.urls", "engagement"))),
    path("effectiveness/", include(("pecgov.effectiveness.urls", "effectiveness"))),
    path("search/", include(("pecgov.search.urls", "search"))),
    path("", include(("pecgov.appointments.applicants.urls", "applicants"))),
    path("api/popolo/", include(("pecgov.public.popolo_urls", "popolo"))),
    path("", include(("pecgov.onboarding.urls", "onboarding"))),
    path("api/v1/<path:rest>", api_v1, name="api_v1"),  # PUB-2: the versioned base path
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
