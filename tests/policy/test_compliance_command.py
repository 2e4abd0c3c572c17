"""The compliance findings from the command line, as JSON and on the committee page (POL-2, POL-4, X-4)."""

from __future__ import annotations

import io
import json
from typing import Any

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import timezone

from pecgov.trust import services as ts
from pecgov.trust.enums import Profession
from tests.factories import SYSTEM, World, make_person, seat

pytestmark = pytest.mark.django_db

SIZE_FAIL = "9 members (not counting co-opted members); the policy allows at most 8."


def overfill(world: World) -> None:
    for _ in range(3):
        seat(make_person(world.trust, Profession.GP), world.pec)


def run(*args: str) -> tuple[int | None, str]:
    """Run the command; return its exit code (None when it returns normally) and output."""
    out = io.StringIO()
    try:
        call_command("compliance", *args, stdout=out)
    except SystemExit as exit_:
        return exit_.code, out.getvalue()  # type: ignore[return-value]
    return None, out.getvalue()


def test_compliance_on_a_failing_trust_exits_1_and_prints_the_failure(world: World) -> None:
    overfill(world)

    code, output = run("--trust", world.trust.ods_code)

    assert code == 1
    lines = output.splitlines()
    assert lines[0] == (
        f"Testshire PCT – Professional Executive Committee (dh2007, {timezone.localdate().isoformat()}): FAIL"
    )
    assert f"  [FAIL] Size: {SIZE_FAIL} (DH 6.2)" in lines
    assert (
        "         What to do: End 1 membership or record a local override of the limit with a reason."
        in lines
    )


def test_compliance_json_on_a_failing_trust_lists_the_findings(world: World) -> None:
    overfill(world)

    code, output = run("--trust", world.trust.ods_code, "--json")

    report: list[dict[str, Any]] = json.loads(output)
    assert code == 1
    assert len(report) == 1
    item = report[0]
    assert (item["trust_code"], item["committee_id"], item["pack"], item["worst"]) == (
        world.trust.ods_code,
        world.pec.pk,
        "dh2007",
        "fail",
    )
    assert item["findings"][0] == {
        "rule": "size",
        "title": "Size",
        "status": "fail",
        "facts": SIZE_FAIL,
        "source": "DH 6.2",
        "action": "End 1 membership or record a local override of the limit with a reason.",
        "names": [],
    }
    assert [f["rule"] for f in item["findings"]] == [
        "size",
        "professional_majority",
        "practising",
        "board_director",
        "chair_on_board",
        "multi_professional",
        "co_opted",
    ]


def test_compliance_on_a_passing_trust_exits_normally(world: World) -> None:
    code, output = run("--trust", world.trust.ods_code)

    lines = output.splitlines()
    assert code is None
    assert lines[0].endswith("): PASS")
    assert len(lines) == 8
    assert all(line.startswith("  [PASS] ") for line in lines[1:])
    assert (
        "  [PASS] Size: 6 members (not counting co-opted members); the policy allows at most 8. (DH 6.2)"
        in lines
    )


def test_compliance_json_on_a_passing_trust_exits_normally(world: World) -> None:
    code, output = run("--trust", world.trust.ods_code.lower(), "--json")

    report = json.loads(output)
    assert code is None
    assert [item["worst"] for item in report] == ["pass"]


def test_compliance_without_trust_checks_every_trust(world: World, other_world: World) -> None:
    overfill(other_world)

    code, output = run("--json")

    report = json.loads(output)
    assert code == 1
    assert {item["trust_code"]: item["worst"] for item in report} == {
        world.trust.ods_code: "pass",
        other_world.trust.ods_code: "fail",
    }


def test_compliance_on_a_date_checks_that_days_members(world: World) -> None:
    # The world's seats start on 1 April 2020, so on 1 October 2007 the PEC is empty.
    code, output = run("--trust", world.trust.ods_code, "--json", "--on", "2007-10-01")

    item = json.loads(output)[0]
    assert code == 1
    assert item["on"] == "2007-10-01"
    assert {f["rule"]: f["facts"] for f in item["findings"]}[
        "chair_on_board"
    ] == "The committee has no chair today."


def test_compliance_with_an_unknown_trust_raises_command_error(world: World) -> None:
    with pytest.raises(CommandError) as error:
        run("--trust", "ZZZ99")

    assert str(error.value) == "No trust has the ODS code 'ZZZ99'"


@pytest.mark.parametrize("day", ["1 October 2007", "2007-02-30", "yesterday"])
def test_compliance_with_a_bad_date_raises_command_error(world: World, day: str) -> None:
    with pytest.raises(CommandError) as error:
        run("--trust", world.trust.ods_code, "--on", day)

    assert str(error.value) == f"--on must be a date like 2007-10-01, not {day!r}"


def test_compliance_for_a_trust_without_a_pec_says_so(db: Any) -> None:
    trust = ts.trust_create(actor=SYSTEM, name="Empty PCT", ods_code="EMP")

    code, output = run("--trust", trust.ods_code)

    assert code is None
    assert output == "No PEC found to check.\n"


# The same findings on the pages ------------------------------------------------------------


def test_committee_page_shows_the_failing_finding_to_the_pec_chair(world: World, client_for: Any) -> None:
    overfill(world)

    response = client_for("pec_chair").get(f"/committees/{world.pec.pk}/")

    html = response.content.decode()
    assert response.status_code == 200
    assert SIZE_FAIL in html
    assert 'data-rule="size" data-status="fail"' in html
    assert "1 rule not met." in html


def test_committee_page_shows_passing_findings(world: World, client_for: Any) -> None:
    response = client_for("pec_chair").get(f"/committees/{world.pec.pk}/")

    html = response.content.decode()
    assert response.status_code == 200
    assert "6 members (not counting co-opted members); the policy allows at most 8." in html
    assert "Every rule is met." in html


def test_policy_page_answers_for_the_pec_chair(world: World, client_for: Any) -> None:
    response = client_for("pec_chair").get("/policy/")

    assert response.status_code == 200
    assert "DH 2007 guidance" in response.content.decode()
