"""What goes into a meeting's agenda pack (PUB-2): the agenda with each item's kind and the
organisations it affects, the attendees' declared interests relevant to the items (the screening,
as a table), and the papers in order. The public version leaves out the items taken in private,
their papers and their interests, and anything withheld from the public register (PUB-1)."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from dataclasses import asdict, dataclass, field
from pathlib import Path

from django.utils import timezone

from pecgov.interests.enums import Category, Withholding
from pecgov.interests.models import Declaration
from pecgov.meetings.enums import ItemKind
from pecgov.meetings.models import Meeting, Paper
from pecgov.meetings.queries import ItemRow, meeting_view

PRIVATE_TITLE = "Taken in private"
NOT_RULED = "Not yet ruled on"


@dataclass(frozen=True)
class PackPaper:
    id: int
    title: str
    file_name: str
    size: int
    uploaded_at: str
    is_pdf: bool


@dataclass(frozen=True)
class PackInterest:
    person: str
    interest: str
    category: str
    handling: str


@dataclass(frozen=True)
class PackItem:
    number: int
    title: str
    kind: str
    affected: list[str]
    private: bool
    papers: list[PackPaper] = field(default_factory=list)
    interests: list[PackInterest] = field(default_factory=list)

    @property
    def heading(self) -> str:
        """The agenda line and the bookmark: the same words in both (PUB-2)."""
        return f"{self.number}. {self.title}"


@dataclass(frozen=True)
class PackContent:
    meeting_id: int
    public: bool
    trust: str
    committee: str
    starts_at: str
    location: str
    members: list[str]
    items: list[PackItem]

    @property
    def when(self) -> str:
        return f"{dt.datetime.fromisoformat(self.starts_at):%-d %B %Y at %H:%M}"

    @property
    def title(self) -> str:
        kind = "Public agenda pack" if self.public else "Agenda pack"
        return f"{kind}: {self.committee}, {dt.datetime.fromisoformat(self.starts_at):%-d %B %Y}"

    def digest(self) -> str:
        """SHA-256 of everything that goes in: an unchanged meeting is not built again."""
        return hashlib.sha256(json.dumps(asdict(self), sort_keys=True).encode()).hexdigest()


def _withheld(row: ItemRow) -> dict[int, str]:
    ids = {c.declaration_id for c in row.conflicts if c.declaration_id is not None}
    if not ids:
        return {}
    return dict(
        Declaration.objects.filter(pk__in=ids).exclude(withholding="").values_list("pk", "withholding")
    )


def _interests(row: ItemRow, public: bool, withheld: dict[int, str]) -> list[PackInterest]:
    rows = []
    for conflict in sorted(row.conflicts, key=lambda c: (c.name, c.explanation)):
        handled = row.handled.get(conflict.person_id)
        handling = handled.get_handling_display() if handled else NOT_RULED
        category = (
            Category(conflict.category).label
            if conflict.category in Category.values
            else conflict.category.replace("_", " ").capitalize()
        )
        interest = conflict.explanation
        hidden = withheld.get(conflict.declaration_id or 0, "")
        if public and hidden:  # as the public register shows it (PUB-1)
            interest = Withholding(hidden).label
            category = "" if hidden == Withholding.ENTRY else category
        rows.append(PackInterest(conflict.name, interest, str(category), str(handling)))
    return rows


def _paper(paper: Paper) -> PackPaper:
    file_name = Path(paper.file.name or "").name
    return PackPaper(
        id=paper.pk,
        title=paper.title,
        file_name=file_name,
        size=paper.size,
        uploaded_at=paper.uploaded_at.isoformat(),
        is_pdf=file_name.lower().endswith(".pdf"),
    )


def gather(meeting: Meeting, *, public: bool) -> PackContent:
    """The pack's content from the meeting record, in a bounded number of queries."""
    view = meeting_view(meeting.committee.trust_id, meeting.pk)
    withheld: dict[int, str] = {}
    if public:
        for row in view.rows:
            withheld.update(_withheld(row))
    items = []
    for row in view.rows:
        item = row.item
        if public and item.confidential:
            items.append(PackItem(item.number, PRIVATE_TITLE, "", [], True))
            continue
        items.append(
            PackItem(
                number=item.number,
                title=item.title,
                kind=str(ItemKind(item.kind).label),
                affected=sorted(o.name for o in item.affected.all()),
                private=item.confidential,
                papers=[_paper(p) for p in item.papers.all()],
                interests=_interests(row, public, withheld),
            )
        )
    return PackContent(
        meeting_id=meeting.pk,
        public=public,
        trust=str(meeting.committee.trust.name),
        committee=meeting.committee.name,
        starts_at=timezone.localtime(meeting.starts_at).isoformat(),
        location=meeting.location,
        members=sorted(m.person.name for m in view.members),
        items=items,
    )
