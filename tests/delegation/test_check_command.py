"""Function coverage (POL-3) from `pecgov check`, as text and JSON (POL-3, POL-4).

The composition findings come first for each trust, then the coverage findings under a
"Functions (POL-3)" heading; a failing key group makes the command exit 1. A trust with no
functions catalogue is not checked for coverage, as on the pages.
"""

from __future__ import annotations

import datetime as dt
import io
import json
from typing import Any

import pytest
from django.core.management import call_command
from django.utils import timezone

from pecgov.delegation import services as ds
from pecgov.delegation.enums import KEY_GROUPS
from pecgov.policy.services import policy_choose_pack
from tests.delegation.helpers import cover_every_key_group, local
from tests.factories import START, SYSTEM, World

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate().isoformat()


def run(*args: str) -> tuple[int | None, str]:
    """Run the command; return its exit code (None when it returns normally) and output."""
    out = io.StringIO()
    try:
        call_command("compliance", *args, stdout=out)
    except SystemExit as exit_:
        return exit_.code, out.getvalue()  # type: ignore[return-value]
    return None, out.getvalue()


def test_check_without_a_catalogue_prints_no_function_coverage(world: World) -> None:
    code, output = run("--trust", world.trust.ods_code)

    assert code is None
    assert "Functions (POL-3)" not in output
    assert len(output.splitlines()) == 8


def test_check_with_uncovered_groups_prints_them_after_composition_and_exits_1(world: World) -> None:
    ds.catalogue_seed(actor=SYSTEM, trust=world.trust)

    code, output = run("--trust", world.trust.ods_code)

    lines = output.splitlines()
    assert code == 1
    assert lines[0].endswith("): PASS")  # the composition still passes
    assert lines[8] == f"Testshire PCT – Functions (POL-3) (dh2007, {TODAY}): FAIL"
    assert lines[9] == (
        "  [FAIL] Functions: Vision and strategic direction: Vision and strategic direction: no function in it "
        "is delegated by the Board and no member has a lead area in it. (DH 3.2, Annex A)"
    )
    assert lines[10] == (
        "         What to do: Delegate a function in this group to a committee with its authority, "
        "and give a member the lead for it."
    )
    assert sum(line.startswith("  [FAIL] Functions: ") for line in lines) == 4


def test_check_with_every_key_group_covered_passes(world: World) -> None:
    cover_every_key_group(world, KEY_GROUPS["dh"])

    code, output = run("--trust", world.trust.ods_code)

    lines = output.splitlines()
    assert code is None
    assert lines[8] == f"Testshire PCT – Functions (POL-3) (dh2007, {TODAY}): PASS"
    assert len(lines) == 13
    assert all(line.startswith("  [PASS] Functions: ") for line in lines[9:])


def test_check_json_lists_the_coverage_item_for_the_trust(world: World) -> None:
    local(world)

    code, output = run("--trust", world.trust.ods_code, "--json")

    report: list[dict[str, Any]] = json.loads(output)
    assert code == 1
    assert [(item["check"], item["worst"]) for item in report] == [
        ("composition", "pass"),
        ("functions", "fail"),
    ]
    functions = report[1]
    assert (functions["trust_code"], functions["committee"], functions["framework"], functions["on"]) == (
        world.trust.ods_code,
        None,
        "dh",
        TODAY,
    )
    assert [f["rule"] for f in functions["findings"]] == [f"coverage.{g}" for g in KEY_GROUPS["dh"]]
    assert functions["findings"][0]["source"] == "DH 3.2, Annex A"


def test_check_json_follows_the_alliance_framework(world: World) -> None:
    policy_choose_pack(actor=SYSTEM, trust=world.trust, pack="alliance2006")
    cover_every_key_group(world, KEY_GROUPS["dh"])  # DH's four: probity and accountability are missing

    code, output = run("--trust", world.trust.ods_code, "--json")

    functions = json.loads(output)[-1]
    assert code == 1
    assert {f["rule"]: f["status"] for f in functions["findings"]} == {
        "coverage.vision": "pass",
        "coverage.commissioning": "pass",
        "coverage.probity": "fail",
        "coverage.clinical_effectiveness": "pass",
        "coverage.accountability": "fail",
    }


def test_check_on_a_date_before_the_delegations_fails_coverage(world: World) -> None:
    cover_every_key_group(world, KEY_GROUPS["dh"])
    before = (START - dt.timedelta(days=1)).isoformat()

    code, output = run("--trust", world.trust.ods_code, "--json", "--on", before)

    functions = json.loads(output)[-1]
    assert code == 1
    assert (functions["check"], functions["on"], functions["worst"]) == ("functions", before, "fail")


def test_check_every_trust_fails_on_one_trusts_coverage(world: World, other_world: World) -> None:
    cover_every_key_group(world, KEY_GROUPS["dh"])
    local(other_world)

    code, output = run("--json")

    report = json.loads(output)
    assert code == 1
    assert {(item["trust_code"], item["check"]): item["worst"] for item in report} == {
        (world.trust.ods_code, "composition"): "pass",
        (world.trust.ods_code, "functions"): "pass",
        (other_world.trust.ods_code, "composition"): "pass",
        (other_world.trust.ods_code, "functions"): "fail",
    }
