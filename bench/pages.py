"""The key pages and endpoints `make bench` measures, and how to find them in a dataset.

Run as a script against one database (DATABASE_URL, PECGOV_BENCH=1): it picks the trust to
measure and the objects each page needs by query, so the same code works on the demo trust and
on a generated national dataset; creates a governance lead for that trust and a signed-in session;
and prints one JSON document for the driver (bench/run.py). URLs come from `reverse`, never
hand-written paths.

    PECGOV_BENCH=1 DATABASE_URL=sqlite:///var/bench-demo.sqlite3 .venv/bin/python bench/pages.py
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

BENCH_USER = "bench-lead-{trust_id}"


@dataclass(frozen=True)
class Page:
    key: str
    label: str
    kind: str  # "floor", "html", "api" or "pdf": each kind has its own targets (bench/run.py)
    signed_in: bool
    find: Callable[[Any], str]  # the context (trust and objects) -> path with query string


def _floor(ctx: Any) -> str:
    return ctx.reverse("bench_floor")


def _home(ctx: Any) -> str:
    return ctx.reverse("home")


def _committee(ctx: Any) -> str:
    return ctx.reverse("trust:committee_detail", args=[ctx.pec.pk])


def _register(ctx: Any) -> str:
    return ctx.reverse("public:public_register")


def _register_filtered(ctx: Any) -> str:
    # The register's only filter is the trust (its ODS code); page 2 also exercises paging
    # (a trust with one page of seated people answers with its last page).
    return ctx.reverse("public:public_register") + f"?trust={ctx.trust.ods_code}&page=2"


def _meeting(ctx: Any) -> str:
    return ctx.reverse("meetings:meeting_detail", args=[ctx.meeting.pk])


def _pipeline(ctx: Any) -> str:
    return ctx.reverse("commissioning:pipeline")


def _statement_pdf(ctx: Any) -> str:
    return ctx.reverse("conflicts:statement_pdf", args=[ctx.recommendation.pk])


def _api(name: str, query: str = "") -> Callable[[Any], str]:
    def find(ctx: Any) -> str:
        return ctx.reverse(f"api-1.0.0:{name}") + query.format(code=ctx.trust.ods_code)

    return find


PAGES = [
    Page("floor", "Floor (constant view)", "floor", False, _floor),
    Page("home", "Trust dashboard", "html", True, _home),
    Page("committee", "PEC committee page and findings", "html", True, _committee),
    Page("register", "Public register, first page", "html", False, _register),
    Page("register_filtered", "Public register, trust filter, page 2", "html", False, _register_filtered),
    Page("meeting", "Meeting page and conflict matrix", "html", True, _meeting),
    Page("pipeline", "Business case pipeline", "html", True, _pipeline),
    Page("statement_pdf", "Statement to the Board (PDF)", "pdf", True, _statement_pdf),
    Page("api_organisations", "API organisations", "api", True, _api("list_organisations")),
    Page("api_people", "API people", "api", True, _api("list_people")),
    Page("api_committees", "API committees", "api", True, _api("list_committees")),
    Page("api_meetings", "API meetings", "api", True, _api("list_meetings")),
    Page("api_cases", "API cases", "api", True, _api("list_cases")),
    Page(
        "api_public_declarations",
        "API public declarations",
        "api",
        False,
        _api("list_public_declarations", "?trust={code}"),
    ),
]


@dataclass
class Context:
    reverse: Callable[..., str]
    trust: Any
    pec: Any
    meeting: Any
    recommendation: Any


def _pick_trust(code: str) -> Any:
    """The trust named by its ODS code, or the one with the most people (the first on a tie)."""
    from django.db.models import Count

    from pecgov.trust.enums import OrganisationKind
    from pecgov.trust.models import Organisation

    trusts = Organisation.objects.filter(kind=OrganisationKind.TRUST)
    if code:
        return trusts.get(ods_code=code.upper())
    trust = trusts.annotate(n=Count("people")).order_by("-n", "id").first()
    if trust is None:
        raise SystemExit("The bench dataset has no trust: load the demo or generate a dataset first.")
    return trust


def _context(trust: Any) -> Context:
    from django.db.models import Count, F
    from django.urls import reverse

    from pecgov.meetings.enums import ItemKind
    from pecgov.meetings.models import AgendaItem, Meeting
    from pecgov.trust.enums import CommitteeKind
    from pecgov.trust.models import Committee

    pec = Committee.objects.filter(trust=trust, kind=CommitteeKind.PEC).order_by("id").first()
    # The fullest meeting that has both an agenda and attendance: the largest conflict matrix.
    meeting = (
        Meeting.objects.filter(committee__trust=trust)
        .annotate(n_items=Count("items", distinct=True), n_present=Count("attendance", distinct=True))
        .filter(n_items__gt=0, n_present__gt=0)
        .order_by("-n_items", "-n_present", "-starts_at", "id")
        .first()
    )
    # A recommendation to the Board, decided if any is, with the most handled conflicts.
    recommendation = (
        AgendaItem.objects.filter(meeting__committee__trust=trust, kind=ItemKind.RECOMMENDATION)
        .annotate(n_conflicts=Count("conflicts"))
        .order_by(F("decided_at").desc(nulls_last=True), "-n_conflicts", "id")
        .first()
    )
    missing = [
        name
        for name, obj in (("a PEC", pec), ("a meeting", meeting), ("a recommendation", recommendation))
        if obj is None
    ]
    if missing:
        raise SystemExit(f"Trust {trust.ods_code} has no {', '.join(missing)}: the bench cannot measure it.")
    return Context(reverse, trust, pec, meeting, recommendation)


def _session_cookie(trust: Any) -> str:
    """A governance lead of `trust` and a signed-in session for it, written straight to the
    session store (no sign-in form: that would go through the lock-out checks under load)."""
    from importlib import import_module

    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY, get_user_model

    from pecgov.trust import services as ts
    from pecgov.trust.enums import GrantRole

    user, created = get_user_model().objects.get_or_create(username=BENCH_USER.format(trust_id=trust.pk))
    if created:
        user.set_unusable_password()
        user.save(update_fields=["password"])
    ts.role_grant(actor=ts.SYSTEM, user=user, trust=trust, role=GrantRole.GOVERNANCE_LEAD)
    session = import_module(settings.SESSION_ENGINE).SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = settings.AUTHENTICATION_BACKENDS[-1]  # the password backend
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session.save()
    # A browser holds a CSRF cookie from its first page with a form; so does the bench, or every
    # page with a form would make a new CSRF secret and could not be kept (pagecache.py).
    from django.middleware.csrf import _get_new_csrf_string

    csrf = f"{settings.CSRF_COOKIE_NAME}={_get_new_csrf_string()}"
    return f"{settings.SESSION_COOKIE_NAME}={session.session_key}; {csrf}"


def _dataset(trust: Any) -> dict[str, int]:
    from pecgov.interests.models import Declaration
    from pecgov.meetings.models import AgendaItem, Meeting
    from pecgov.trust.enums import OrganisationKind
    from pecgov.trust.models import Membership, Organisation, Person

    return {
        "trusts": Organisation.objects.filter(kind=OrganisationKind.TRUST).count(),
        "practices": Organisation.objects.filter(kind=OrganisationKind.PRACTICE).count(),
        "people": Person.objects.count(),
        "memberships": Membership.objects.count(),
        "declarations": Declaration.objects.count(),
        "meetings": Meeting.objects.count(),
        "agenda_items": AgendaItem.objects.count(),
        "measured_trust_people": Person.objects.filter(trust=trust).count(),
    }


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "pecgov.settings")
    os.environ["PECGOV_BENCH"] = "1"
    import django

    django.setup()
    from django.db import connection

    trust = _pick_trust(os.environ.get("BENCH_TRUST", ""))
    ctx = _context(trust)
    doc = {
        "vendor": connection.vendor,
        "trust": {"id": trust.pk, "name": trust.name, "ods_code": trust.ods_code},
        "objects": {"pec": ctx.pec.pk, "meeting": ctx.meeting.pk, "recommendation": ctx.recommendation.pk},
        "dataset": _dataset(trust),
        "cookie": _session_cookie(trust),
        "pages": [
            {"key": p.key, "label": p.label, "kind": p.kind, "signed_in": p.signed_in, "path": p.find(ctx)}
            for p in PAGES
        ],
    }
    json.dump(doc, sys.stdout)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
