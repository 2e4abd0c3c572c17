"""What each record puts in the index, for the trust's signed-in users and for the public
(PUB-1, X-1). Public rows are written only from what `public.queries` publishes: a meeting held
in public, its items not taken in private from the day its papers are published, approved
minutes with private texts withheld as the public page withholds them, decided business cases
of the public decisions register, and who sits on the committees. Appraisals, applications and
scores are never indexed.

A public row's `public_from` is the first day it may be found. Items, decisions and papers hold
their meeting's day instead (`BY_MEETING`): the public search adds the trust's
`public.papers_days_before` when it asks, so a change of that pack parameter moves what is found
at once, with no row to rewrite. The builders read nothing the batch loader in `indexing` has not
already read: a whole rebuild makes a few queries per 500 records, not several per record.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache

from django.urls import reverse
from django.utils import timezone

from pecgov.commissioning.models import BusinessCase
from pecgov.commissioning.register import DECIDED
from pecgov.meetings.enums import MinutesStatus
from pecgov.meetings.models import AgendaItem, Meeting, Minutes, Paper
from pecgov.meetings.queries import meeting_day
from pecgov.public import queries as pq
from pecgov.public.redact import redact
from pecgov.search.models import Audience, Kind
from pecgov.trust.models import Committee, Membership, Organisation, Person

ALWAYS = dt.date.min  # public from the start: the calendar lists every meeting held in public
# PUB-1: public from `public.papers_days_before` days before `public_from`, the meeting's day.
BY_MEETING: tuple[str, ...] = (Kind.ITEM, Kind.DECISION, Kind.PAPER)
BODY_CHARS = 200_000
_PLAIN = re.compile(r"[A-Za-z0-9_-]+")


@dataclass(frozen=True)
class Doc:
    kind: str
    object_id: int
    trust_id: int
    audience: str
    title: str
    body: str
    url: str
    perm: str = ""
    scope: int | None = None
    public_from: dt.date | None = None


def _join(*parts: object) -> str:
    return " ".join(str(p) for p in parts if p)[:BODY_CHARS]


def _private(kind: str, obj_id: int, trust_id: int, title: str, body: str, url: str, perm: str) -> Doc:
    return Doc(kind, obj_id, trust_id, Audience.TRUST, title[:300], body, url, perm)


def _public(kind: str, obj_id: int, trust: Organisation, title: str, body: str, url: str, on: dt.date) -> Doc:
    return Doc(kind, obj_id, trust.pk, Audience.PUBLIC, title[:300], body, url, public_from=on)


@cache
def _pattern(name: str, kinds: tuple[type, ...]) -> str:
    """The URL of `name` with a placeholder for each argument: `reverse` once per name, not once
    per row (a national rebuild writes over half a million rows)."""
    marks = [f"zq{i}qz" if kind is str else 9_000_000_001 + i for i, kind in enumerate(kinds)]
    return reverse(name, args=marks)


def _url(name: str, *args: int | str) -> str:
    """`reverse(name, args=args)`, from the pattern when every argument is plain."""
    if any(isinstance(a, str) and not _PLAIN.fullmatch(a) for a in args):
        return reverse(name, args=list(args))
    url = _pattern(name, tuple(type(a) for a in args))
    for i, arg in enumerate(args):
        url = url.replace(f"zq{i}qz" if isinstance(arg, str) else str(9_000_000_001 + i), str(arg), 1)
    return url


def _purl(name: str, trust: Organisation, *args: int, anchor: str = "") -> str:
    url = _url(f"public:{name}", pq.trust_key(trust), *args)
    return url + (f"#{anchor}" if anchor else "")


# People, organisations, committees (ORG) --------------------------------------------------


def seats_of(person: Person) -> list[Membership]:
    """The person's seats on their trust's committees, first first (one query)."""
    return list(
        Membership.objects.filter(person=person, committee__trust_id=person.trust_id)
        .select_related("committee")
        .order_by("start_date", "id")
    )


def person_docs(person: Person, seats: list[Membership]) -> list[Doc]:
    """Public from the first seat's start: a member appointed ahead is found from that day."""
    roles = "; ".join(f"{m.get_role_display()}, {m.committee.name}" for m in seats)
    organisation = person.organisation.name if person.organisation_id else ""  # type: ignore[union-attr]
    body = _join(person.get_profession_display(), person.job_title, organisation, roles)
    url = _url("trust:person_detail", person.pk)
    docs = [_private(Kind.PERSON, person.pk, person.trust_id, person.name, body, url, "trust.view")]
    if seats:
        trust = person.trust
        public_body = _join(person.get_profession_display(), roles)
        url = _purl("committee", trust, seats[0].committee_id)
        docs.append(
            _public(Kind.PERSON, person.pk, trust, person.name, public_body, url, seats[0].start_date)
        )
    return docs


def organisation_docs(org: Organisation) -> list[Doc]:
    trust_id = org.trust_id or org.pk  # a trust is its own trust
    body = _join(
        org.get_kind_display(), org.get_provider_kind_display(), org.ods_code, org.address, org.postcode
    )
    url = _url("trust:organisation_detail", org.pk)
    return [_private(Kind.ORGANISATION, org.pk, trust_id, org.name, body, url, "trust.view")]


def committee_docs(committee: Committee) -> list[Doc]:
    body = _join(committee.get_kind_display(), committee.purpose)
    url = _url("trust:committee_detail", committee.pk)
    trust = committee.trust
    return [
        _private(Kind.COMMITTEE, committee.pk, trust.pk, committee.name, body, url, "trust.view"),
        _public(
            Kind.COMMITTEE,
            committee.pk,
            trust,
            committee.name,
            body,
            _purl("committee", trust, committee.pk),
            ALWAYS,
        ),
    ]


# Meetings, items, papers, minutes (MTG, PUB-1) ----------------------------------------------


def meeting_docs(meeting: Meeting) -> list[Doc]:
    trust = meeting.committee.trust
    body = _join(meeting.committee.name, meeting.location, meeting.get_status_display())
    url = _url("meetings:meeting_detail", meeting.pk)
    docs = [_private(Kind.MEETING, meeting.pk, trust.pk, str(meeting), body, url, "meetings.view")]
    if meeting.public:
        docs.append(
            _public(
                Kind.MEETING,
                meeting.pk,
                trust,
                str(meeting),
                body,
                _purl("meeting", trust, meeting.pk),
                ALWAYS,
            )
        )
    return docs


def item_docs(item: AgendaItem) -> list[Doc]:
    """An undecided item is found as an agenda item, a decided one as a decision."""
    meeting = item.meeting
    trust = meeting.committee.trust
    kind = Kind.DECISION if item.outcome else Kind.ITEM
    title = f"{item.title} ({meeting})"
    outcome = item.get_outcome_display() if item.outcome else ""
    body = _join(
        item.get_kind_display(), item.description, outcome, item.reasons, item.evidence, item.changes_made
    )
    url = _url("conflicts:item_detail", item.pk)
    docs = [_private(kind, item.pk, trust.pk, title, body, url, "meetings.view")]
    if meeting.public and not item.confidential:
        public_body = _join(
            item.get_kind_display(), item.description, outcome, item.reasons, item.changes_made
        )
        docs.append(
            _public(
                kind,
                item.pk,
                trust,
                title,
                public_body,
                _purl("meeting", trust, meeting.pk, anchor="agenda"),
                meeting_day(meeting),
            )
        )
    return docs


def paper_docs(paper: Paper, text: str) -> list[Doc]:
    item = paper.item
    meeting = item.meeting
    trust = meeting.committee.trust
    title = f"{paper.title} ({meeting})"
    url = _url("meetings:paper_download", paper.pk)
    docs = [_private(Kind.PAPER, paper.pk, trust.pk, title, text[:BODY_CHARS], url, "meetings.view")]
    if meeting.public and not item.confidential:
        url = _purl("paper", trust, paper.pk)
        docs.append(_public(Kind.PAPER, paper.pk, trust, title, text[:BODY_CHARS], url, meeting_day(meeting)))
    return docs


def minutes_docs(
    minutes: Minutes, latest_id: int | None, secrets: Callable[[Meeting], list[tuple[str, str]]]
) -> list[Doc]:
    """Every version for the trust; for the public only the latest approved version of a meeting
    held in public (`latest_id`), with what the public may not read (`secrets`, as
    `public.queries.minutes_secrets` finds it) withheld (PUB-1)."""
    meeting = minutes.meeting
    trust = meeting.committee.trust
    title = f"Minutes of {meeting} (version {minutes.version}, {minutes.get_status_display().lower()})"
    url = _url("meetings:minutes_detail", minutes.pk)
    docs = [
        _private(Kind.MINUTES, minutes.pk, trust.pk, title, minutes.text[:BODY_CHARS], url, "meetings.view")
    ]
    if meeting.public and minutes.status == MinutesStatus.APPROVED and latest_id == minutes.pk:
        text = redact(minutes.text, secrets(meeting))[:BODY_CHARS]
        on = minutes.approved_on or timezone.localdate()
        url = _purl("meeting", trust, meeting.pk, anchor="minutes")
        docs.append(_public(Kind.MINUTES, minutes.pk, trust, f"Minutes of {meeting}", text, url, on))
    return docs


# Business cases (PBC) -------------------------------------------------------------------------


def case_docs(case: BusinessCase) -> list[Doc]:
    """X-1: a case is found by those who may open it (`commissioning.view_case`, asked with the
    case's submitter); the public finds decided cases of the public decisions register."""
    trust = case.trust
    title = f"{case.reference}: {case.title}"
    body = _join(
        case.get_kind_display(),
        case.submitter.name,
        case.service,
        case.patient_focus,
        case.evidence,
        case.decision_reasons,
    )
    url = _url("commissioning:case_detail", case.pk)
    private = _private(Kind.CASE, case.pk, trust.pk, title, body, url, "commissioning.view_case")
    docs = [Doc(**{**private.__dict__, "scope": case.submitter_id})]
    item = case.agenda_item
    in_public = item is None or (not item.confidential and item.meeting.public)
    if case.status in DECIDED and case.decided_on is not None and in_public:
        public_body = _join(case.get_status_display(), case.submitter.name)
        docs.append(
            _public(Kind.CASE, case.pk, trust, title, public_body, _purl("decisions", trust), case.decided_on)
        )
    return docs
