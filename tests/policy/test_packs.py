"""Loading and validating policy packs, and coercing local values (POL-1, X-4).

The shipped packs load and cite their sources; a malformed pack stops with a
message naming the file, the key and the problem. Temporary packs live in tmp_path.
"""

from __future__ import annotations

import datetime as dt
import textwrap
from pathlib import Path
from typing import Any

import pytest

from pecgov.policy import packs
from pecgov.policy.packs import Parameter, PolicyPackError, load_packs, parse_pack

PACK_HEADER = """
[pack]
key = "{key}"
title = "Local pack"
source = "Local policy, 2008"
"""
MAX_MEMBERS = """
[parameters."composition.max_members"]
type = "int"
nullable = true
value = 8
source = "DH 6.2"
description = "Most members"
"""
CHAIR_ON_BOARD = """
[parameters."composition.chair_on_board"]
type = "bool"
value = true
source = "DH 6.2"
description = "The PEC chair sits on the PCT Board"
"""
PANEL_MODEL = """
[parameters."panel.model"]
type = "choice"
choices = ["dh", "alliance"]
value = "dh"
source = "DH Annex B"
description = "Which panel rules apply"
"""


def write(directory: Path, name: str, text: str) -> Path:
    path = directory / name
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def pack_text(key: str = "local", *parameters: str) -> str:
    return PACK_HEADER.format(key=key) + "".join(parameters or (MAX_MEMBERS,))


def parse_error(tmp_path: Path, text: str) -> str:
    path = write(tmp_path, "broken.toml", text)
    with pytest.raises(PolicyPackError) as error:
        parse_pack(path)
    return str(error.value)


def load_error(directory: Path) -> str:
    with pytest.raises(PolicyPackError) as error:
        load_packs.__wrapped__(directory)
    return str(error.value)


# The shipped packs ---------------------------------------------------------------------


def test_shipped_packs_both_load() -> None:
    loaded = load_packs()

    assert sorted(loaded) == ["alliance2006", "dh2007"]
    assert loaded["dh2007"].title == "DH 2007 guidance"
    assert loaded["alliance2006"].title == "NHS Alliance 2006 proposal"


def test_shipped_packs_define_the_same_keys_with_the_same_types() -> None:
    dh, alliance = packs.get_pack("dh2007"), packs.get_pack("alliance2006")

    assert list(dh.parameters) == list(alliance.parameters)
    assert {k: p.type for k, p in dh.parameters.items()} == {
        k: p.type for k, p in alliance.parameters.items()
    }


@pytest.mark.parametrize(
    ("pack", "key"),
    [(pack, key) for pack in ("dh2007", "alliance2006") for key in packs.get_pack(pack).parameters],
)
def test_every_shipped_parameter_cites_dh_or_alliance(pack: str, key: str) -> None:
    parameter = packs.get_pack(pack).parameters[key]

    assert parameter.source.startswith(("DH ", 'Alliance "')), parameter.source
    assert parameter.description.strip()


@pytest.mark.parametrize(
    ("pack", "key", "value"),
    [
        ("dh2007", "composition.max_members", 8),
        ("dh2007", "composition.min_clinicians", None),
        ("dh2007", "composition.professionals_majority", True),
        ("dh2007", "interests.financial_default_handling", "exclude_decision"),
        ("dh2007", "implementation.target_date", dt.date(2007, 10, 1)),
        ("alliance2006", "composition.max_members", None),
        ("alliance2006", "composition.min_clinicians", 5),
        ("alliance2006", "composition.max_clinicians", 8),
        ("alliance2006", "composition.min_managers", 3),
        ("alliance2006", "composition.max_managers", 5),
        ("alliance2006", "interests.financial_default_handling", "exclude_debate"),
    ],
)
def test_shipped_pack_values_match_the_documents(pack: str, key: str, value: Any) -> None:
    assert packs.get_pack(pack).values()[key] == value


def test_get_pack_with_an_unknown_key_names_the_choices() -> None:
    with pytest.raises(PolicyPackError) as error:
        packs.get_pack("nhs2010")

    assert str(error.value) == "No policy pack called 'nhs2010'; choose one of alliance2006, dh2007"


def test_valid_temporary_pack_parses(tmp_path: Path) -> None:
    path = write(tmp_path, "local.toml", pack_text("local", MAX_MEMBERS, CHAIR_ON_BOARD, PANEL_MODEL))

    pack = parse_pack(path)

    assert pack.key == "local"
    assert pack.values() == {
        "composition.max_members": 8,
        "composition.chair_on_board": True,
        "panel.model": "dh",
    }
    assert pack.parameters["panel.model"].choices == ("dh", "alliance")


# Malformed packs -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            MAX_MEMBERS,
            "Policy pack broken.toml: [pack] missing the [pack] table with key, title and source",
        ),
        (
            PACK_HEADER.format(key="local").replace('title = "Local pack"', 'title = " "') + MAX_MEMBERS,
            "Policy pack broken.toml: [pack.title] must be a non-empty string",
        ),
        (
            PACK_HEADER.format(key="local"),
            "Policy pack broken.toml: [parameters] no parameters defined",
        ),
        (
            pack_text("local", MAX_MEMBERS.replace("value = 8\n", "")),
            "Policy pack broken.toml: [composition.max_members] missing 'value'",
        ),
        (
            pack_text("local", MAX_MEMBERS.replace('type = "int"', 'type = "integer"')),
            "Policy pack broken.toml: [composition.max_members] type 'integer' is not one of bool, choice, date, int, str",
        ),
        (
            pack_text("local", MAX_MEMBERS.replace("value = 8", 'value = "eight"')),
            "Policy pack broken.toml: [composition.max_members] value 'eight' is not a whole number",
        ),
        (
            pack_text("local", MAX_MEMBERS.replace("value = 8", "value = -1")),
            "Policy pack broken.toml: [composition.max_members] value -1 is wrong: Enter a number of 0 or more",
        ),
        (
            pack_text(
                "local", MAX_MEMBERS.replace("nullable = true\n", "").replace("value = 8", 'value = "none"')
            ),
            "Policy pack broken.toml: [composition.max_members] value 'none' is wrong: "
            "Enter a value: this rule cannot be switched off",
        ),
        (
            pack_text("local", CHAIR_ON_BOARD.replace("value = true", "value = 1")),
            "Policy pack broken.toml: [composition.chair_on_board] value 1 is not true or false",
        ),
        (
            pack_text("local", CHAIR_ON_BOARD.replace("value = true", 'value = "yes"')),
            "Policy pack broken.toml: [composition.chair_on_board] value 'yes' is not true or false",
        ),
        (
            pack_text("local", PANEL_MODEL.replace('value = "dh"', 'value = "nhs"')),
            "Policy pack broken.toml: [panel.model] value 'nhs' is wrong: Choose one of: dh, alliance",
        ),
        (
            pack_text("local", PANEL_MODEL.replace('choices = ["dh", "alliance"]\n', "")),
            "Policy pack broken.toml: [panel.model] a choice parameter needs a non-empty 'choices' list",
        ),
        (
            pack_text("local", MAX_MEMBERS + "default = 8\nlimit = 9\n"),
            "Policy pack broken.toml: [composition.max_members] unknown field(s) default, limit",
        ),
        (
            pack_text("local", MAX_MEMBERS.replace('source = "DH 6.2"', 'source = "  "')),
            "Policy pack broken.toml: [composition.max_members] 'source' must cite the section the value comes from",
        ),
        (
            pack_text("local") + '[parameters."composition.min_members"]\n',
            "Policy pack broken.toml: [composition.min_members] missing 'type'",
        ),
        (
            PACK_HEADER.format(key="local") + '[parameters]\n"composition.max_members" = 8\n',
            "Policy pack broken.toml: [composition.max_members] must be a table with type, value, source and description",
        ),
    ],
)
def test_malformed_pack_names_the_file_key_and_problem(tmp_path: Path, text: str, message: str) -> None:
    assert parse_error(tmp_path, text) == message


def test_invalid_toml_names_the_file_and_the_line(tmp_path: Path) -> None:
    message = parse_error(tmp_path, '[pack]\nkey = "local"\ntitle =\n')

    assert message.startswith("Policy pack broken.toml: cannot be read: ")
    assert "(at line 3," in message


def test_second_pack_missing_a_key_of_the_default_pack_fails(tmp_path: Path) -> None:
    write(tmp_path, "dh2007.toml", pack_text("dh2007", MAX_MEMBERS, CHAIR_ON_BOARD))
    # The file name differs from the pack key on purpose: the message must name the file.
    write(tmp_path, "local-2008.toml", pack_text("local", MAX_MEMBERS))

    assert load_error(tmp_path) == (
        "Policy pack local-2008.toml: [composition.chair_on_board] missing; "
        "every pack must define it (as dh2007 does)"
    )


def test_second_pack_with_an_extra_key_fails(tmp_path: Path) -> None:
    write(tmp_path, "dh2007.toml", pack_text("dh2007", MAX_MEMBERS))
    write(tmp_path, "local.toml", pack_text("local", MAX_MEMBERS, PANEL_MODEL))

    assert load_error(tmp_path) == (
        "Policy pack local.toml: [panel.model] not defined by dh2007; every pack must define the same parameters"
    )


def test_second_pack_with_a_different_type_fails(tmp_path: Path) -> None:
    write(tmp_path, "dh2007.toml", pack_text("dh2007", MAX_MEMBERS))
    as_text = MAX_MEMBERS.replace('type = "int"', 'type = "str"').replace("value = 8", 'value = "8"')
    write(tmp_path, "local.toml", pack_text("local", as_text))

    assert load_error(tmp_path) == (
        "Policy pack local.toml: [composition.max_members] type str differs from dh2007's int"
    )


def test_two_packs_with_the_same_key_fail(tmp_path: Path) -> None:
    write(tmp_path, "a.toml", pack_text("local"))
    write(tmp_path, "b.toml", pack_text("local"))

    assert load_error(tmp_path) == "Policy pack b.toml: [pack.key] 'local' is used by another pack"


def test_directory_without_packs_fails(tmp_path: Path) -> None:
    assert load_error(tmp_path) == f"No policy packs found in {tmp_path}"


def test_malformed_pack_in_a_directory_stops_loading(tmp_path: Path) -> None:
    write(tmp_path, "dh2007.toml", pack_text("dh2007"))
    write(tmp_path, "local.toml", pack_text("local", MAX_MEMBERS.replace("value = 8", 'value = "8"')))

    assert load_error(tmp_path) == (
        "Policy pack local.toml: [composition.max_members] value '8' is not a whole number"
    )


def test_without_a_dh2007_pack_the_first_pack_is_the_reference(tmp_path: Path) -> None:
    write(tmp_path, "a.toml", pack_text("a", MAX_MEMBERS, CHAIR_ON_BOARD))
    write(tmp_path, "b.toml", pack_text("b", MAX_MEMBERS))

    assert load_error(tmp_path) == (
        "Policy pack b.toml: [composition.chair_on_board] missing; every pack must define it (as a does)"
    )


def test_matching_temporary_packs_load(tmp_path: Path) -> None:
    write(tmp_path, "dh2007.toml", pack_text("dh2007", MAX_MEMBERS, CHAIR_ON_BOARD))
    write(tmp_path, "local.toml", pack_text("local", CHAIR_ON_BOARD, MAX_MEMBERS))

    loaded = load_packs.__wrapped__(tmp_path)

    assert sorted(loaded) == ["dh2007", "local"]


# Parameter.coerce ------------------------------------------------------------------------


def parameter(kind: str, nullable: bool = False) -> Parameter:
    return Parameter(
        key="k",
        type=kind,
        value=None,
        source="DH 6.2",
        description="d",
        nullable=nullable,
        choices=("dh", "alliance") if kind == "choice" else (),
    )


@pytest.mark.parametrize(
    ("kind", "nullable", "raw", "expected"),
    [
        ("int", False, "8", 8),
        ("int", False, " 12 ", 12),
        ("int", False, 0, 0),
        ("int", False, 50000, 50000),
        ("int", True, "none", None),
        ("int", True, "None", None),
        ("int", True, "", None),
        ("int", True, None, None),
        ("bool", False, True, True),
        ("bool", False, False, False),
        ("bool", False, "yes", True),
        ("bool", False, "Yes", True),
        ("bool", False, "true", True),
        ("bool", False, "1", True),
        ("bool", False, "on", True),
        ("bool", False, "no", False),
        ("bool", False, "FALSE", False),
        ("bool", False, "0", False),
        ("bool", False, "off", False),
        ("bool", True, "none", None),
        ("date", False, "2008-04-01", dt.date(2008, 4, 1)),
        ("date", False, dt.date(2008, 4, 1), dt.date(2008, 4, 1)),
        ("choice", False, "alliance", "alliance"),
        ("str", False, "  Clinical Executive ", "Clinical Executive"),
    ],
)
def test_coerce_accepts(kind: str, nullable: bool, raw: Any, expected: Any) -> None:
    result = parameter(kind, nullable).coerce(raw)

    assert result == expected
    assert type(result) is type(expected)


@pytest.mark.parametrize(
    ("kind", "nullable", "raw", "message"),
    [
        ("int", False, "none", "Enter a value: this rule cannot be switched off"),
        ("int", False, "", "Enter a value: this rule cannot be switched off"),
        ("int", False, None, "Enter a value: this rule cannot be switched off"),
        ("int", False, "-1", "Enter a number of 0 or more"),
        ("int", True, -3, "Enter a number of 0 or more"),
        ("int", False, "eight", "Enter a whole number, like 8"),
        ("int", False, "8.5", "Enter a whole number, like 8"),
        ("int", False, True, "Enter a whole number"),
        ("bool", False, "none", "Enter a value: this rule cannot be switched off"),
        ("bool", False, "maybe", "Enter yes or no"),
        ("bool", False, "2", "Enter yes or no"),
        ("date", False, "1 April 2008", "Enter a date like 2007-10-01"),
        ("date", False, "2008-02-30", "Enter a date like 2007-10-01"),
        ("choice", False, "nhs", "Choose one of: dh, alliance"),
        ("choice", False, "DH", "Choose one of: dh, alliance"),
        ("str", False, "   ", "Enter a value: this rule cannot be switched off"),
    ],
)
def test_coerce_refuses(kind: str, nullable: bool, raw: Any, message: str) -> None:
    with pytest.raises(ValueError) as error:
        parameter(kind, nullable).coerce(raw)

    assert str(error.value) == message


@pytest.mark.parametrize(
    ("kind", "value", "expected"),
    [
        ("date", dt.date(2007, 10, 1), "2007-10-01"),
        ("int", 8, 8),
        ("int", None, None),
        ("bool", False, False),
    ],
)
def test_to_json_keeps_values_readable(kind: str, value: Any, expected: Any) -> None:
    assert parameter(kind).to_json(value) == expected
