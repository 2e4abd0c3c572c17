"""Which trust's data a kept page shows (src/pecgov/ui/pagecache.py): the page is then kept until
a write in that trust or one shared by all trusts, not until any write anywhere.

A scope answers None when the page is not tied to one trust; the page is then kept until the
next write anywhere, as safe as before.
"""

from __future__ import annotations

from django.http import HttpRequest

from pecgov.trust.enums import OrganisationKind
from pecgov.trust.models import Organisation


def users_trust(request: HttpRequest) -> int | None:
    """A signed-in page: the trust the user works in. Another trust's objects answer 404 to them,
    and a refused page is never kept, so what they are shown is their trust's (X-1)."""
    roles = getattr(request, "roles", None)
    return roles.trust_id if roles is not None else None


def named_trust(request: HttpRequest) -> int | None:
    """A public page naming its trust by `?trust=<ODS code>` (PUB-1); without one, not tied."""
    code = request.GET.get("trust", "").strip()[:12]
    if not code:
        return None
    found: int | None = (
        Organisation.objects.filter(kind=OrganisationKind.TRUST, ods_code__iexact=code)
        .values_list("pk", flat=True)
        .first()
    )
    return found
