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
from ninja import Field
from ninja.errors import HttpError
from ninja.pagination import LimitOffsetPagination

from pecgov.errors import DomainError

T = TypeVar("T")


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


def _chosen(ordering: str, fields: Mapping[str, str], default: str) -> tuple[str, bool]:
    """The field named by `ordering` (or `default`) and whether it is reversed; an unknown name
    is 422 naming the choices (PUB-2)."""
    chosen = (ordering or "").strip() or default
    name = chosen.removeprefix("-")
    if name not in fields:
        choices = ", ".join(sorted(fields))
        raise DomainError({"ordering": f"Order by one of: {choices} (put - in front to reverse)"})
    return name, chosen.startswith("-")


def ordered(qs: QuerySet[Any], ordering: str, fields: Mapping[str, str], default: str) -> QuerySet[Any]:
    """Order a list by `ordering`: one of `fields`' names, `-` in front for descending (PUB-2).
    Unknown names are 422 naming the choices; ties fall back to the id, so pages never overlap."""
    name, reverse = _chosen(ordering, fields, default)
    return qs.order_by(("-" if reverse else "") + fields[name], "id")


def sorted_rows(rows: list[T], ordering: str, fields: Mapping[str, str], default: str) -> list[T]:
    """`ordered` for a list already read (a plain-array answer): each field names the row's key
    or attribute (`person__name` follows one to the next); blanks sort last either way, ties
    keep the list's own order."""
    name, reverse = _chosen(ordering, fields, default)
    path = fields[name].split("__")

    def value(row: T) -> Any:
        found: Any = row
        for key in path:
            found = found.get(key) if isinstance(found, Mapping) else getattr(found, key, None)
        return found

    present = [r for r in rows if value(r) is not None]
    blank = [r for r in rows if value(r) is None]
    return sorted(present, key=value, reverse=reverse) + blank


class Order:
    """How one list may be ordered: `fields` maps each name a caller may send to its column
    (`{"name": "name", "committee": "committee__name"}`); `default` is the order when none is
    sent, or None to keep the list's own order, which `usual` then describes. Give it to the
    pager: `@paginate(Paged, order=Order({...}, "-closes_on"))`."""

    def __init__(self, fields: Mapping[str, str], default: str | None, usual: str = "") -> None:
        if default is not None:
            _chosen(default, fields, default)  # a default outside the fields is a programming error
        self.fields, self.default, self.usual = dict(fields), default, usual

    def describe(self) -> str:
        choices = ", ".join(sorted(self.fields))
        default = self.default or self.usual or "the list's own order"
        return f"Order by one of: {choices}; put - in front to reverse. Default: {default}"

    def apply(self, items: Any, ordering: str) -> Any:
        if not (ordering or "").strip() and self.default is None:
            return items
        default = self.default or ""
        if isinstance(items, Rows):
            return Rows(ordered(items.qs, ordering, self.fields, default), items.shape)
        if isinstance(items, QuerySet):
            return ordered(items, ordering, self.fields, default)
        return sorted_rows(list(items), ordering, self.fields, default)


class Paged(LimitOffsetPagination):
    """Every list pages the same way: `limit` (at most the project's NINJA_PAGINATION_MAX_LIMIT)
    and `offset`, answered as {"items": [...], "count": n}; a list given an `Order` also takes
    `ordering`, documented with its choices in the OpenAPI document (PUB-2)."""

    def __init__(self, order: Order | None = None, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.order = order
        if order is not None:
            base = LimitOffsetPagination.Input
            self.Input = type(  # type: ignore[assignment]  # one query schema per list, naming its choices
                "OrderedInput",
                (base,),
                {
                    "__annotations__": {"ordering": str},
                    "ordering": Field(order.default or "", description=order.describe(), max_length=100),
                },
            )

    def paginate_queryset(self, queryset: Any, pagination: Any, request: HttpRequest, **params: Any) -> Any:
        if self.order is not None:
            queryset = self.order.apply(queryset, getattr(pagination, "ordering", ""))
        return super().paginate_queryset(queryset, pagination, request, **params)


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
