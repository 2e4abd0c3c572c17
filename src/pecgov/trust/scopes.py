"""Which trust's data a kept page shows (src/pecgov/ui/pagecache.py): the page is then kept until
a write in that trust or one shared by all trusts, not until any write anywhere.

A scope answers None when the page is not tied to one trust; the page is then kept until the
next write anywhere, as safe as before.
"""

from __future__ import annotations

import time
from threading import Lock

from django.conf import settings
from django.http import HttpRequest

from pecgov.trust.enums import OrganisationKind
from pecgov.trust.models import Organisation
from pecgov.ui.dataversion import shared_version


def users_trust(request: HttpRequest) -> int | None:
    """A signed-in page: the trust the user works in. Another trust's objects answer 404 to them,
    and a refused page is never kept, so what they are shown is their trust's (X-1)."""
    roles = getattr(request, "roles", None)
    return roles.trust_id if roles is not None else None


class _Codes:
    """The trusts' codes as this process last read them, valid while the shared version (which a
    trust made, renamed or given another code moves) is unchanged, and at most 5 minutes."""

    def __init__(self, size: int = 1024, seconds: float = 300.0) -> None:
        self.size, self.seconds = size, seconds
        self.version, self.since = "", 0.0
        self.found: dict[str, int | None] = {}
        self.lock = Lock()

    def get(self, version: str, code: str) -> tuple[bool, int | None]:
        with self.lock:
            if version != self.version or time.monotonic() - self.since > self.seconds:
                self.version, self.since, self.found = version, time.monotonic(), {}
            return code in self.found, self.found.get(code)

    def put(self, version: str, code: str, trust_id: int | None) -> None:
        with self.lock:
            if version == self.version:
                if len(self.found) >= self.size:
                    self.found.clear()
                self.found[code] = trust_id


_CODES = _Codes()


def _trust_named(code: str) -> int | None:
    found: int | None = (
        Organisation.objects.filter(kind=OrganisationKind.TRUST, ods_code__iexact=code)
        .values_list("pk", flat=True)
        .first()
    )
    return found


def named_trust(request: HttpRequest) -> int | None:
    """A public page naming its trust by `?trust=<ODS code>` (PUB-1); without one, not tied.

    With the page cache on, each code is looked up once per shared version in each process (an
    indexed read instead of a scan of every organisation on every signed-out page)."""
    code = request.GET.get("trust", "").strip()[:12]
    if not code:
        return None
    if not settings.PAGE_CACHE:
        return _trust_named(code)
    version = shared_version()  # read first: a trust renamed while we look moves it again
    known, trust_id = _CODES.get(version, code)
    if known:
        return trust_id
    trust_id = _trust_named(code)
    _CODES.put(version, code, trust_id)
    return trust_id
