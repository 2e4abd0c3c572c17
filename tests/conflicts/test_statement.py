"""The statement to the Board (page and PDF) and the Board's own decision (COI-5, COI-6, MTG-3)."""

from __future__ import annotations

import shutil
import subprocess
from typing import Any

import pytest

from pecgov.meetings import services as ms
from pecgov.meetings.conflicts import services as conflict_services
from pecgov.meetings.models import BoardDecision
from tests.conflicts.helpers import board_date, date_post, decide, explanation, url
from tests.factories import SYSTEM, World
from tests.meeting_factories import conflicted_item

pytestmark = pytest.mark.django_db


def pdf_text(pdf: bytes) -> str:
    """The PDF's words with whitespace folded, read by poppler's pdftotext."""
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) is not installed")
    done = subprocess.run(["pdftotext", "-", "-"], input=pdf, capture_output=True, check=True)
    return " ".join(done.stdout.decode().split())


def test_statement_lists_the_chairs_conflict_and_how_it_was_dealt_with(world: World, client_for: Any) -> None:
    _, item, chair = conflicted_item(world, days=-1)
    decide(item)

    response = client_for("member").get(url("statement", item))

    assert response.status_code == 200
    html = response.content.decode()
    assert chair.name in html
    assert explanation(item, chair.pk) in html
    assert "Excluded from the decision, may give advice" in html
    assert (
        "1 member had an interest in the organisations this recommendation affects; 1 took no part in the decision."
        in html
    )
    assert world.pec.name in html
    assert item.meeting.location in html
    assert "Value for money and better access for patients" in html
    assert "Activity data for 2006/07" in html
    assert "Quorate." in html
    assert "Generated from the meeting record on" in html


def test_statement_shows_votes_concerns_and_no_action_reasons(world: World, client_for: Any) -> None:
    _, item, chair = conflicted_item(world, days=-1)
    conflict_services.conflict_record(
        actor=SYSTEM,
        item=item,
        person=chair,
        handling="no_action",
        interest=explanation(item, chair.pk),
        reason="The practice withdrew from the scheme",
    )
    ms.vote_record(actor=SYSTEM, item=item, person=world.people["member"], choice="for")
    ms.vote_record(actor=SYSTEM, item=item, person=world.people["executive_director"], choice="abstain")
    conflict_services.concern_raise(
        actor=world.users["executive_director"], item=item, text="The chair should have left."
    )

    html = client_for("pct_chair").get(url("statement", item)).content.decode()

    assert "No action needed. Reason: The practice withdrew from the scheme" in html
    assert "1 for, 0 against, 1 abstained." in html
    assert "The chair should have left." in html
    assert world.people["executive_director"].name in html
    assert "The committee has not decided this item yet." in html


def test_statement_of_an_undecided_item_names_unhandled_conflicts(world: World, lead_client: Any) -> None:
    _, item, chair = conflicted_item(world, days=-1)

    html = lead_client.get(url("statement", item)).content.decode()

    assert f"Found by screening but not yet handled:</strong> {chair.name}." in html
    assert "No member present had" not in html


def test_statement_is_only_for_recommendations(world: World, lead_client: Any) -> None:
    _, item, _ = conflicted_item(world, kind="decision", days=-1)

    assert lead_client.get(url("statement", item)).status_code == 404
    assert lead_client.get(url("statement_pdf", item)).status_code == 404
    assert lead_client.get(url("board_decision", item)).status_code == 404


def test_statement_pdf_is_a_pdf_naming_the_conflicted_chair(world: World, client_for: Any) -> None:
    _, item, chair = conflicted_item(world, days=-1)
    decide(item)

    response = client_for("member").get(url("statement_pdf", item))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == f'inline; filename="statement-to-the-board-item-{item.pk}.pdf"'
    pdf = b"".join(response.streaming_content)
    assert pdf.startswith(b"%PDF")
    text = pdf_text(pdf)
    assert chair.name in text
    assert "Excluded from the decision, may give advice" in text
    assert "Where conflicts of interest lay and how they were dealt with" in text


def test_board_decision_without_the_checkbox_returns_400_and_saves_nothing(
    world: World, lead_client: Any
) -> None:
    _, item, _ = conflicted_item(world, days=-1)
    decide(item)

    response = lead_client.post(
        url("board_decision", item), {**date_post("decided_on", board_date(item)), "outcome": "accepted"}
    )

    assert response.status_code == 400
    html = response.content.decode()
    assert "There is a problem" in html
    assert "Confirm the Board considered the statement of conflicts" in html
    assert BoardDecision.objects.count() == 0


def test_board_decision_with_the_checkbox_shows_on_the_statement_and_item(
    world: World, lead_client: Any, client_for: Any
) -> None:
    _, item, _ = conflicted_item(world, days=-1)
    decide(item)
    assert lead_client.get(url("board_decision", item)).status_code == 200

    response = lead_client.post(
        url("board_decision", item),
        {
            **date_post("decided_on", board_date(item)),
            "outcome": "accepted",
            "conflicts_considered": "on",
            "note": "Satisfied the chair took no part in the decision",
        },
    )

    assert response.status_code == 302
    assert response["Location"] == url("statement", item)
    decision = BoardDecision.objects.get(item=item)
    assert (decision.outcome, decision.conflicts_considered) == ("accepted", True)
    for page in (url("statement", item), url("item_detail", item)):
        html = client_for("member").get(page).content.decode()
        assert "Accepted the recommendation" in html
        assert "Satisfied the chair took no part in the decision" in html
        assert "considered" in html
    text = pdf_text(b"".join(client_for("member").get(url("statement_pdf", item)).streaming_content))
    assert "Accepted the recommendation" in text


def test_board_decision_before_the_meeting_returns_400(world: World, lead_client: Any) -> None:
    _, item, _ = conflicted_item(world, days=-1)
    decide(item)

    response = lead_client.post(
        url("board_decision", item),
        {
            **date_post("decided_on", board_date(item, days=-30)),
            "outcome": "accepted",
            "conflicts_considered": "on",
        },
    )

    assert response.status_code == 400
    assert "The Board cannot decide before the committee recommended" in response.content.decode()
    assert BoardDecision.objects.count() == 0


def test_board_decision_on_an_undecided_recommendation_returns_400(world: World, lead_client: Any) -> None:
    _, item, _ = conflicted_item(world, days=-1)

    page = lead_client.get(url("board_decision", item)).content.decode()
    response = lead_client.post(
        url("board_decision", item),
        {**date_post("decided_on", board_date(item)), "outcome": "accepted", "conflicts_considered": "on"},
    )

    assert "has not made this recommendation to the Board yet" in page
    assert response.status_code == 400
    assert "Only a recommendation the committee made to the Board" in response.content.decode()


def test_board_decision_page_once_recorded_goes_to_the_statement(world: World, lead_client: Any) -> None:
    _, item, _ = conflicted_item(world, days=-1)
    decide(item)
    ms.board_decision_record(
        actor=SYSTEM, item=item, decided_on=board_date(item), outcome="deferred", conflicts_considered=True
    )

    response = lead_client.get(url("board_decision", item))

    assert response.status_code == 302
    assert response["Location"] == url("statement", item)
