"""What every API list and lookup shares (PUB-2): the caller's trust for a permission, the same
pagination, one way to order a list, and 404 for what is not in the caller's trust (X-1).

The roles come from the request (pecgov.trust.middleware puts them there), so this kit sits
below the domain apps and every app's router uses it.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any, TypeVar

from django.core.exceptions import ObjectDoesNotExist
from django.db.models import QuerySet
from django.http import Http404, HttpRequest
from ninja.errors import HttpError
from ninja.pagination import LimitOffsetPagination

from pecgov.errors import DomainError

T = TypeVar("T")

# Every list pages the same way: `limit` (at most the project's NINJA_PAGINATION_MAX_LIMIT) and
# `offset`, answered as {"items": [...], "count": n}.
Paged = LimitOffsetPagination


def trust_of(request: HttpRequest, perm: str) -> int:
    """The caller's trust, if they work in one and hold `perm`; else 403 (X-1)."""
    roles = request.roles  # type: ignore[attr-defined]  # pecgov.trust.middleware
    trust_id: int | None = roles.trust_id
    if trust_id is None or not request.user.has_perm(perm):
        raise HttpError(403, "Your role does not allow this")
    return trust_id


def found(lookup: Callable[..., T], *args: Any) -> T:
    """`lookup(*args)`, with a missing record (or one in another trust) as 404."""
    try:
        return lookup(*args)
    except ObjectDoesNotExist as error:
        raise Http404 from error


def ordered(qs: QuerySet[Any], ordering: str, fields: Mapping[str, str], default: str) -> QuerySet[Any]:
    """Order a list by `ordering`: one of `fields`' names, `-` in front for descending (PUB-2).
    Unknown names are 422 naming the choices; ties fall back to the id, so pages never overlap."""
    chosen = ordering.strip() or default
    name = chosen.removeprefix("-")
    if name not in fields:
        choices = ", ".join(sorted(fields))
        raise DomainError({"ordering": f"Order by one of: {choices} (put - in front to reverse)"})
    column = ("-" if chosen.startswith("-") else "") + fields[name]
    return qs.order_by(column, "id")


class fields_as:  # used as `with fields_as(...)`, like a function
    """Name the service's fields as the API's body names them (`person` -> `person_id`), so the
    field map of a 422 points at what the caller sent."""

    def __init__(self, names: Mapping[str, str]) -> None:
        self.names = names

    def __enter__(self) -> None:
        return None

    def __exit__(self, kind: Any, error: BaseException | None, tb: Any) -> None:
        if isinstance(error, DomainError):
            renamed: dict[str, str | list[str]] = {self.names.get(k, k): v for k, v in error.errors.items()}
            raise DomainError(renamed) from error


class Rows:
    """A queryset paged in the database, each row of the page shaped by `shape`: the count is
    one query and only the requested page is read."""

    def __init__(self, qs: QuerySet[Any], shape: Callable[[Any], dict[str, Any]]) -> None:
        self.qs, self.shape = qs, shape

    def __len__(self) -> int:
        return int(self.qs.count())

    def __getitem__(self, page: slice) -> list[dict[str, Any]]:
        return [self.shape(row) for row in self.qs[page]]
