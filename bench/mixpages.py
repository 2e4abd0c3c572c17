"""The mixed run's users and their scripts (bench/mixed.py): who signs in, and which pages each opens.

Run as a script against one database (DATABASE_URL, PECGOV_BENCH=1). It picks the trusts with
the most people (5 unless `--trusts`), and in each of them 10 signed-in users: the governance
lead (`bench-lead-<trust id>`, as bench/pages.py makes it), the PEC's chair and PEC members,
each person given an account (`bench-person-<person id>`, linked through `person_update`, as the
demo links its accounts) and a session written to the session store, with a CSRF cookie as a
browser holds one. Each user follows a short script of the key pages of their own trust; the
public register filtered on each trust is the signed-out readers' script. Prints one JSON
document for the driver. URLs come from `reverse`.

    PECGOV_BENCH=1 DATABASE_URL=sqlite:///var/bench-national.sqlite3 .venv/bin/python bench/mixpages.py
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from typing import Any

from pages import _context, _session_cookie

PERSON_USER = "bench-person-{person_id}"
USERS_PER_TRUST = 10  # the lead, the PEC chair and PEC members (other committees' when the PEC is small)


def largest_trusts(count: int) -> list[Any]:
    from django.db.models import Count

    from pecgov.trust.enums import OrganisationKind
    from pecgov.trust.models import Organisation

    trusts = Organisation.objects.filter(kind=OrganisationKind.TRUST)
    return list(trusts.annotate(n=Count("people")).order_by("-n", "id")[:count])


def session_for(user: Any) -> str:
    """A signed-in session for `user` and a CSRF cookie, as bench/pages.py writes the lead's."""
    from importlib import import_module

    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.middleware.csrf import _get_new_csrf_string

    session = import_module(settings.SESSION_ENGINE).SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = settings.AUTHENTICATION_BACKENDS[-1]
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session.save()
    csrf = f"{settings.CSRF_COOKIE_NAME}={_get_new_csrf_string()}"
    return f"{settings.SESSION_COOKIE_NAME}={session.session_key}; {csrf}"


def pec_seats(pec: Any) -> list[Any]:
    """The PEC's current seats, the chair first, each person once; then, for a PEC with fewer
    seats than the users wanted, the trust's other committees' current members."""
    from django.db.models import Q
    from django.utils import timezone

    from pecgov.trust.enums import MembershipRole
    from pecgov.trust.models import Membership

    today = timezone.localdate()
    seats = (
        Membership.objects.filter(committee__trust_id=pec.trust_id, start_date__lte=today)
        .filter(Q(end_date__isnull=True) | Q(end_date__gte=today))
        .select_related("person")
        .order_by("id")
    )
    ordered = sorted(seats, key=lambda m: (m.committee_id != pec.pk, m.role != MembershipRole.CHAIR, m.pk))
    first: dict[int, Any] = {}
    for seat in ordered:
        first.setdefault(seat.person_id, seat)
    return list(first.values())


def account_for(person: Any) -> Any:
    """The person's own account, made and linked through the service if they have none."""
    from django.contrib.auth import get_user_model

    from pecgov.actors import SYSTEM
    from pecgov.trust import services as ts

    if person.user_id is not None:
        return person.user
    user, created = get_user_model().objects.get_or_create(username=PERSON_USER.format(person_id=person.pk))
    if created:
        user.set_unusable_password()
        user.save(update_fields=["password"])
    ts.person_update(actor=SYSTEM, person=person, user=user)
    return user


def trust_users(trust: Any) -> dict[str, Any]:
    """The trust's ten users with their scripts, and the signed-out script of its register."""
    from django.urls import reverse

    from pecgov.trust.enums import MembershipRole

    ctx = _context(trust)
    home = reverse("home")
    committee = reverse("trust:committee_detail", args=[ctx.pec.pk])
    meeting = reverse("meetings:meeting_detail", args=[ctx.meeting.pk])
    pipeline = reverse("commissioning:pipeline")
    register = reverse("public:public_register") + f"?trust={trust.ods_code}"
    users = [
        {"role": "lead", "cookie": _session_cookie(trust), "script": [home, committee, meeting, pipeline]}
    ]
    for seat in pec_seats(ctx.pec)[: USERS_PER_TRUST - 1]:
        pec_seat = seat.committee_id == ctx.pec.pk
        role = "chair" if pec_seat and seat.role == MembershipRole.CHAIR else "member"
        cookie = session_for(account_for(seat.person))
        users.append({"role": role, "cookie": cookie, "script": [home, meeting, committee, home]})
    return {
        "trust": {"id": trust.pk, "name": trust.name, "ods_code": trust.ods_code},
        "users": users,
        "public": [register, register + "&page=2"],
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--trusts", type=int, default=5)
    args = parser.parse_args()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "pecgov.settings")
    os.environ["PECGOV_BENCH"] = "1"
    import django

    django.setup()
    from django.urls import reverse

    doc = {
        "trusts": [trust_users(t) for t in largest_trusts(args.trusts)],
        "floor": reverse("bench_floor"),
    }
    json.dump(doc, sys.stdout)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
