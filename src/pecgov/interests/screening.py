"""Conflict screening as a pure function over plain data (COI-2; DH 5.7, Alliance "Conflicts of Interest").

For an agenda item (or business case) affecting some organisations, find every
attendee whose interests touch an affected organisation on the meeting date:
directly, or through any chain of organisation links that carry an interest
(a practice in a PBC group, a provider arm of the trust, part of an
organisation, commissioning support to a group). Locality links do not carry
interests: sharing a locality is not a stake.

An attendee's interests are their declarations in force on the date, plus
their own practice or employer from their record, so a GP partner of the
submitting practice is flagged even if they forgot to declare.

A meeting screens every item against the same attendees, links and date:
`screen_agenda` (or a `Screener`) does the shared work once, which is what keeps
a 40-item agenda under 20 ms at the national scale (COI-2, COI-7). `screen` is one item.
"""

from __future__ import annotations

import datetime as dt
from collections import deque
from collections.abc import Hashable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import TypeVar

# Link kinds through which an interest in one organisation is an interest in another.
CARRYING_LINKS = frozenset({"member_of_pbc_group", "provider_arm_of", "part_of", "supports", "parent"})
EMPLOYMENT = "employment"


@dataclass(frozen=True)
class Interest:
    organisation_id: int | None
    category: str
    description: str
    start: dt.date
    end: dt.date | None = None
    declaration_id: int | None = None

    def in_force(self, on: dt.date) -> bool:
        return self.start <= on and (self.end is None or self.end >= on)


@dataclass(frozen=True)
class Attendee:
    person_id: int
    name: str
    interests: tuple[Interest, ...] = ()


@dataclass(frozen=True)
class Link:
    a: int
    b: int
    kind: str
    start: dt.date = dt.date.min
    end: dt.date | None = None

    def in_force(self, on: dt.date) -> bool:
        return self.start <= on and (self.end is None or self.end >= on)


@dataclass(frozen=True)
class Conflict:
    person_id: int
    name: str
    category: str
    declaration_id: int | None
    affected_id: int
    path: tuple[int, ...]  # organisation ids from the interest to the affected organisation
    explanation: str
    financial: bool

    def key(self) -> tuple[int, int | None, int]:
        return (self.person_id, self.declaration_id, self.affected_id)


@dataclass
class Graph:
    """Undirected adjacency over the links in force on a date that carry interests."""

    edges: dict[int, set[int]] = field(default_factory=dict)

    @classmethod
    def build(cls, links: Iterable[Link], on: dt.date) -> Graph:
        graph = cls()
        for link in links:
            if link.kind in CARRYING_LINKS and link.in_force(on):
                graph.edges.setdefault(link.a, set()).add(link.b)
                graph.edges.setdefault(link.b, set()).add(link.a)
        return graph

    def paths_from(self, start: int) -> dict[int, tuple[int, ...]]:
        """Shortest path from `start` to every organisation it reaches (breadth first)."""
        paths: dict[int, tuple[int, ...]] = {start: (start,)}
        queue = deque([start])
        while queue:
            node = queue.popleft()
            for nxt in sorted(self.edges.get(node, ())):
                if nxt not in paths:
                    paths[nxt] = (*paths[node], nxt)
                    queue.append(nxt)
        return paths


def _lead(name: str, interest: Interest, start: str) -> str:
    """Who holds which interest: the first half of an explanation, the same for every chain from it."""
    if interest.category == EMPLOYMENT:
        return f"{name} works at {start}"
    kind = interest.category.replace("_", "-")
    article = "an" if kind[:1] in "aeiou" else "a"
    return f"{name} declared {article} {kind} interest in {start} ({interest.description})"


def _tail(chain: list[str]) -> str:
    """How the interest reaches the affected organisation: the second half, the same for every holder."""
    if len(chain) == 1:
        return ", which this item affects."
    return f", linked to an affected organisation: {' → '.join(chain)}."


# Where a conflict comes in the list: by person, shortest chain first, then a total order so the
# same record read in any order gives the same list. The interest's place in the reading order
# (attendee, then interest) settles what a stable sort would have: no two are ever equal.
_Order = tuple[str, int, int, int, tuple[int, ...], int, str, int]
_Held = tuple[int, Attendee, Interest]  # (place in the reading order, holder, interest in force)
# What a conflict takes from the interest, worked out once: (name, person, declaration, declaration
# or 0, category, financial, lead, place).
_Holding = tuple[str, int, int | None, int, str, bool, str, int]
_Key = TypeVar("_Key", bound=Hashable)  # whatever the caller names its items by


class Screener:
    """One sitting's screening: its attendees' interests against the organisation graph on its date.

    Built once and asked for each agenda item, so the work the items share is done once (COI-7):
    the graph, one breadth-first search per declared organisation, and each conflict with an
    affected organisation, with its explanation. An item's conflicts are the union of those of
    the organisations it affects, because a conflict's key and its place in the order both name
    the affected organisation: conflicts with different organisations never tie or merge.

    It holds what it was given: build a new one when the attendees, links, date or names change.
    """

    def __init__(
        self,
        *,
        attendees: Iterable[Attendee],
        links: Iterable[Link],
        on: dt.date,
        names: Mapping[int, str] | None = None,
    ) -> None:
        self._names: Mapping[int, str] = names or {}
        graph = Graph.build(links, on)
        self._adjacent = {node: sorted(nxt) for node, nxt in graph.edges.items()}
        # Each connected part of the graph named by one of its organisations: only an interest in
        # the same part as an affected organisation can reach it, so no other is searched from.
        self._part: dict[int, int] = {}
        self._paths: dict[int, dict[int, tuple[int, ...]]] = {}  # organisation -> Graph.paths_from
        for node in self._adjacent:
            if node not in self._part:
                self._paths[node] = self._search(node)
                for member in self._paths[node]:
                    self._part[member] = node
        self._held: dict[int, dict[int, list[_Held]]] = {}  # part -> organisation -> interests in it
        place = 0
        for attendee in attendees:
            for interest in attendee.interests:
                origin = interest.organisation_id
                if origin is None or not interest.in_force(on):
                    continue
                part = self._part.get(origin, origin)
                self._held.setdefault(part, {}).setdefault(origin, []).append((place, attendee, interest))
                place += 1
        self._holdings: dict[int, list[_Holding]] = {}
        self._labels: dict[int, str] = {}
        self._found: dict[int, tuple[list[_Order], list[Conflict]]] = {}

    def _search(self, start: int) -> dict[int, tuple[int, ...]]:
        """Graph.paths_from over neighbours sorted once: the same shortest chains."""
        paths: dict[int, tuple[int, ...]] = {start: (start,)}
        queue = deque([start])
        adjacent = self._adjacent
        while queue:
            node = queue.popleft()
            here = paths[node]
            for nxt in adjacent.get(node, ()):
                if nxt not in paths:
                    paths[nxt] = (*here, nxt)
                    queue.append(nxt)
        return paths

    def _label(self, org: int) -> str:
        label = self._labels.get(org)
        if label is None:
            label = self._labels[org] = self._names.get(org, f"organisation {org}")
        return label

    def _holdings_in(self, origin: int, held: list[_Held]) -> list[_Holding]:
        holdings = self._holdings.get(origin)
        if holdings is None:
            start = self._label(origin)
            holdings = self._holdings[origin] = [
                (
                    attendee.name,
                    attendee.person_id,
                    interest.declaration_id,
                    interest.declaration_id or 0,
                    interest.category,
                    interest.category in {"financial", EMPLOYMENT},
                    _lead(attendee.name, interest, start),
                    place,
                )
                for place, attendee, interest in held
            ]
        return holdings

    def _conflicts_with(self, target: int) -> tuple[list[_Order], list[Conflict]]:
        """Every conflict with one affected organisation, in order, each key once.

        The orders are kept apart from the conflicts: tuples of strings and numbers only, which the
        garbage collector stops tracking, so a long agenda does not bring on full collections."""
        orders: list[_Order] = []
        conflicts: list[Conflict] = []
        for origin, held in self._held.get(self._part.get(target, target), {}).items():
            paths = self._paths.get(origin)
            if paths is None:
                paths = self._paths[origin] = self._search(origin)
            path = paths[target]
            hops = len(path)
            tail = _tail([self._label(org) for org in path])
            for name, person, declaration, number, category, financial, lead, place in self._holdings_in(
                origin, held
            ):
                explanation = lead + tail
                orders.append((name, person, hops, target, path, number, explanation, place))
                conflicts.append(
                    Conflict(person, name, category, declaration, target, path, explanation, financial)
                )
        # The first of each key: a duplicate keeps its shortest chain.
        seen: set[tuple[int, int | None]] = set()
        kept_orders, kept = [], []
        for i in sorted(range(len(orders)), key=orders.__getitem__):
            conflict = conflicts[i]
            key = (conflict.person_id, conflict.declaration_id)
            if key not in seen:
                seen.add(key)
                kept_orders.append(orders[i])
                kept.append(conflict)
        return kept_orders, kept

    def screen(self, affected: Iterable[int]) -> list[Conflict]:
        """Every (attendee, interest, affected organisation) that touches, shortest chain first."""
        orders: list[_Order] = []
        conflicts: list[Conflict] = []
        runs = 0
        for target in set(affected):
            found = self._found.get(target)
            if found is None:
                found = self._found[target] = self._conflicts_with(target)
            if found[1]:
                runs += 1
                orders += found[0]
                conflicts += found[1]
        if runs > 1:  # each organisation's run is in order already: a merge
            return [conflicts[i] for i in sorted(range(len(orders)), key=orders.__getitem__)]
        return conflicts


def screen_agenda(
    *,
    items: Mapping[_Key, Iterable[int]],
    attendees: Iterable[Attendee],
    links: Iterable[Link],
    on: dt.date,
    names: Mapping[int, str] | None = None,
) -> dict[_Key, list[Conflict]]:
    """`screen` for every item of an agenda (item -> the organisations it affects), sharing the work."""
    if not items:
        return {}
    screener = Screener(attendees=attendees, links=links, on=on, names=names)
    return {item: screener.screen(affected) for item, affected in items.items()}


def screen(
    *,
    affected: Iterable[int],
    attendees: Iterable[Attendee],
    links: Iterable[Link],
    on: dt.date,
    names: Mapping[int, str] | None = None,
) -> list[Conflict]:
    """Every (attendee, interest, affected organisation) that touches, shortest chain first.

    For more than one item with the same attendees, `screen_agenda` or a `Screener` shares the work."""
    affected_ids = set(affected)
    if not affected_ids:
        return []
    return screen_agenda(items={0: affected_ids}, attendees=attendees, links=links, on=on, names=names)[0]


def by_person(conflicts: Iterable[Conflict]) -> dict[int, list[Conflict]]:
    grouped: dict[int, list[Conflict]] = {}
    for conflict in conflicts:
        grouped.setdefault(conflict.person_id, []).append(conflict)
    return grouped
