"""Demo applicants, their CVs and applications, and the panel's scores (APP-3 to APP-5)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import Any

from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile

from pecgov.actors import SYSTEM
from pecgov.appointments import framework
from pecgov.appointments import services as aps
from pecgov.appointments.models import Application, Campaign, PanelSeat
from pecgov.trust import services as ts
from pecgov.trust.enums import Profession
from pecgov.trust.models import Organisation, Person

# Applicants ---------------------------------------------------------------------------


def pdf(lines: Sequence[str]) -> bytes:
    """A one-page PDF with the given lines of text, so a demo CV opens in a browser."""
    text = "BT /F1 12 Tf 72 760 Td 16 TL " + " ".join(
        "({}) '".format(line.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")) for line in lines
    )
    text += " ET"
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n%s\nendstream" % (len(text), text.encode("latin-1")),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


def cv(name: str, role: str) -> SimpleUploadedFile:
    content = pdf(
        [
            f"Curriculum vitae: {name}",
            role,
            "Demonstration data for PEC Governance: not a real person.",
        ]
    )
    slug = name.lower().replace("dr ", "").replace(" ", "-")
    return SimpleUploadedFile(f"cv-{slug}.pdf", content, content_type="application/pdf")


def user(username: str, name: str) -> Any:
    """A plain account for a demo applicant or panel member: it cannot sign in (no password)."""
    User = get_user_model()
    user = User.objects.filter(username=username).first()
    if user is None:
        first, _, last = name.replace("Dr ", "").partition(" ")
        user = User.objects.create_user(username, password=None, first_name=first, last_name=last)
    return user


def apply(
    campaign: Campaign,
    user: Any,
    name: str,
    practice: Organisation | None,
    *,
    title: str,
    statement: str,
    profession: str = Profession.GP,
    registration: tuple[str, str] = ("GMC", ""),
    interests: Sequence[aps.DeclaredInterest] = (),
) -> Application:
    body, number = registration
    return aps.application_submit(
        actor=user,
        campaign=campaign,
        cv=cv(name, title),
        interests=interests,
        name=name,
        email=name.lower().replace("dr ", "").replace(" ", ".") + "@example.nhs.uk",
        profession=profession,
        registration_body=body,
        registration_number=number,
        practising=True,
        has_caseload=True,
        organisation=practice,
        statement=statement,
        nil_interests=not interests,
    )


def close(campaign: Campaign, closes_on: dt.date, interview_date: dt.date) -> Campaign:
    """Applications were taken while open; the closing date has now passed (as in the demo's past)."""
    return aps.campaign_update(
        actor=SYSTEM, campaign=campaign, closes_on=closes_on, interview_date=interview_date
    )


# Scores ---------------------------------------------------------------------------------

# A candidate's profile: per heading, a base score and how often (every nth competency, shifted
# by the scorer) a panel member gives one point more. Spreads stay within one point except
# where `wide` sets a score, so the wide disagreements are the ones the demo means to show.
Profile = Mapping[str, tuple[int, int]]


def scores(
    keys: Sequence[str],
    profile: Profile,
    scorer: int,
    wide: Mapping[str, tuple[int, str]] | None = None,
) -> dict[str, tuple[int, str]]:
    headings = {c.key: c.heading for c in framework.competencies()}
    wide = wide or {}
    out: dict[str, tuple[int, str]] = {}
    for index, key in enumerate(keys):
        if key in wide:
            out[key] = wide[key]
            continue
        base, every = profile[headings[key]]
        bump = 1 if every and (index + scorer) % every == 0 else 0
        out[key] = (max(1, min(5, base + bump)), "")
    return out


def sift(
    users: Sequence[tuple[Any, PanelSeat]],
    application: Application,
    base: Sequence[int],
    skip: Sequence[Person] = (),
) -> None:
    for number, (user, seat) in enumerate(users):
        if seat.person in skip:
            continue
        scores = {
            criterion: (max(1, min(5, score + (1 if (criterion + number) % 4 == 0 else 0))), "")
            for criterion, score in enumerate(base, start=1)
        }
        aps.sift_record(actor=user, application=application, scores=scores)


def interview(
    users: Sequence[tuple[Any, PanelSeat]],
    application: Application,
    profile: Profile,
    wide: Mapping[Person, Mapping[str, tuple[int, str]]] | None = None,
    skip: Sequence[Person] = (),
) -> None:
    keys = application.campaign.post.competency_keys
    wide = wide or {}
    for number, (user, seat) in enumerate(users):
        if seat.person in skip:
            continue
        aps.interview_record(
            actor=user,
            application=application,
            scores=scores(keys, profile, number, wide.get(seat.person)),
        )


def seat_panel(
    campaign: Campaign, members: Sequence[tuple[Person, str]], users: Mapping[str, Any]
) -> list[tuple[Any, PanelSeat]]:
    """Seat the panel (the first member chairs) and pair each seat with the member's account."""
    seated = []
    for index, (person, role) in enumerate(members):
        seat = aps.seat_add(actor=SYSTEM, campaign=campaign, person=person, role=role, is_chair=index == 0)
        seated.append((users[person.name], seat))
    return seated


def panel_users(trust: Organisation, people: dict[str, Person]) -> dict[str, Any]:
    """Panel members and recommenders act as themselves: the demo sign-ins, and a plain account
    for Dr Owen Price, the former PEC member."""
    price = people["Dr Owen Price"]
    if price.user_id is None:
        ts.person_update(actor=SYSTEM, person=price, user=user("owen.price", price.name))
    return {
        p.name: p.user for p in Person.objects.filter(trust=trust, user__isnull=False).select_related("user")
    }
