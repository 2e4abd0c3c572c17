"""Composition rules for the PEC as pure functions over plain data (POL-2, POL-4).

`check_composition(facts, params)` returns one Finding per rule: the rule, its
status (pass, warn or fail), the facts in plain English, the source section and
what to do. No database: the service gathers the facts in bounded queries.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import asdict, dataclass, field
from enum import StrEnum
from typing import Any

from pecgov.professions import CLINICAL_PROFESSIONS, PROFESSION_NAMES

BOARD_DIRECTOR_SEATS = frozenset({"chief_executive", "executive_director", "board_director"})


class Status(StrEnum):
    PASS = "pass"
    WARN = "warn"
    FAIL = "fail"


@dataclass(frozen=True)
class MemberFacts:
    """One current seat on the committee, with what the rules need to know."""

    name: str
    role: str
    profession: str
    practising: bool = False
    has_caseload: bool = False
    board_seats: tuple[str, ...] = ()  # roles the person holds on the trust Board today
    end_date: dt.date | None = None
    co_opted_scope: str = ""
    start_date: dt.date | None = None

    @property
    def is_co_opted(self) -> bool:
        return self.role == "co_opted"

    @property
    def is_clinician(self) -> bool:
        return self.profession in CLINICAL_PROFESSIONS

    @property
    def is_manager(self) -> bool:
        return self.profession == "manager"

    @property
    def is_board_director(self) -> bool:
        return self.role == "board_director" or bool(BOARD_DIRECTOR_SEATS & set(self.board_seats))


@dataclass(frozen=True)
class CommitteeFacts:
    name: str
    on: dt.date
    members: tuple[MemberFacts, ...]
    # Co-opted seats whose end date has passed but whose membership was never ended: not
    # counted, but named so the lead ends them or extends the co-option.
    lapsed: tuple[MemberFacts, ...] = ()


@dataclass(frozen=True)
class Finding:
    rule: str
    title: str
    status: Status
    facts: str
    source: str
    action: str = ""
    names: tuple[str, ...] = field(default_factory=tuple)

    def as_dict(self) -> dict[str, Any]:
        return {**asdict(self), "status": str(self.status), "names": list(self.names)}


Params = Mapping[str, Any]


def _plural(count: int, word: str, plural: str | None = None) -> str:
    return f"{count} {word if count == 1 else (plural or word + 's')}"


def _names(members: list[MemberFacts]) -> str:
    names = [m.name for m in members]
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + " and " + names[-1]


def _counted(facts: CommitteeFacts, params: Params) -> list[MemberFacts]:
    if params.get("composition.co_opted_count_towards_size"):
        return list(facts.members)
    return [m for m in facts.members if not m.is_co_opted]


def rule_size(facts: CommitteeFacts, params: Params, source: Callable[[str], str]) -> Finding | None:
    low, high = params.get("composition.min_members"), params.get("composition.max_members")
    if low is None and high is None:
        return None
    members = _counted(facts, params)
    count = len(members)
    scope = (
        "" if params.get("composition.co_opted_count_towards_size") else " (not counting co-opted members)"
    )
    key = "composition.max_members" if high is not None else "composition.min_members"
    if high is not None and count > high:
        return Finding(
            "size",
            "Size",
            Status.FAIL,
            f"{_plural(count, 'member')}{scope}; the policy allows at most {high}.",
            source(key),
            f"End {_plural(count - high, 'membership')} or record a local override of the limit with a reason.",
        )
    if low is not None and count < low:
        return Finding(
            "size",
            "Size",
            Status.FAIL,
            f"{_plural(count, 'member')}{scope}; the policy asks for at least {low}.",
            source("composition.min_members"),
            f"Appoint {_plural(low - count, 'more member')}.",
        )
    bounds = f"at most {high}" if low is None else (f"at least {low}" if high is None else f"{low} to {high}")
    return Finding(
        "size",
        "Size",
        Status.PASS,
        f"{_plural(count, 'member')}{scope}; the policy allows {bounds}.",
        source(key),
    )


def _range_rule(
    rule: str, title: str, noun: str, members: list[MemberFacts], params: Params, source: Callable[[str], str]
) -> Finding | None:
    """A count of `members` between the pack's `composition.min_<rule>` and `max_<rule>`."""
    low_key, high_key = f"composition.min_{rule}", f"composition.max_{rule}"
    low, high = params.get(low_key), params.get(high_key)
    if low is None and high is None:
        return None
    count = len(members)
    if high is not None and count > high:
        return Finding(
            rule,
            title,
            Status.FAIL,
            f"{_plural(count, noun)}; the policy allows at most {high}.",
            source(high_key),
            f"Reduce the number of {noun}s to {high} or fewer.",
        )
    if low is not None and count < low:
        return Finding(
            rule,
            title,
            Status.FAIL,
            f"{_plural(count, noun)}; the policy asks for at least {low}.",
            source(low_key),
            f"Appoint {_plural(low - count, 'more ' + noun)}.",
        )
    bounds = (
        f"{low} to {high}"
        if low is not None and high is not None
        else (f"at least {low}" if low is not None else f"at most {high}")
    )
    return Finding(
        rule,
        title,
        Status.PASS,
        f"{_plural(count, noun)}; the policy asks for {bounds}.",
        source(low_key if low is not None else high_key),
    )


def rule_clinicians(facts: CommitteeFacts, params: Params, source: Callable[[str], str]) -> Finding | None:
    members = [m for m in _counted(facts, params) if m.is_clinician]
    return _range_rule("clinicians", "Clinical members", "clinician", members, params, source)


def rule_managers(facts: CommitteeFacts, params: Params, source: Callable[[str], str]) -> Finding | None:
    members = [m for m in _counted(facts, params) if m.is_manager]
    return _range_rule("managers", "Senior managers", "senior manager", members, params, source)


def rule_professional_majority(
    facts: CommitteeFacts, params: Params, source: Callable[[str], str]
) -> Finding | None:
    if not params.get("composition.professionals_majority"):
        return None
    members = _counted(facts, params)
    pros = sum(1 for m in members if m.is_clinician)
    others = len(members) - pros
    src = source("composition.professionals_majority")
    if pros > others:
        return Finding(
            "professional_majority",
            "Professionals in the majority",
            Status.PASS,
            f"{_plural(pros, 'professional')} and {_plural(others, 'other member')}.",
            src,
        )
    return Finding(
        "professional_majority",
        "Professionals in the majority",
        Status.FAIL,
        f"{_plural(pros, 'professional')} and {_plural(others, 'other member')}: "
        + ("a tie is not a majority." if pros == others else "professionals are not the majority."),
        src,
        "Appoint a practising clinician or end a non-professional membership.",
    )


def rule_practising(facts: CommitteeFacts, params: Params, source: Callable[[str], str]) -> Finding | None:
    if not params.get("composition.professionals_practising_with_caseload"):
        return None
    clinicians = [m for m in _counted(facts, params) if m.is_clinician]
    not_practising = [m for m in clinicians if not m.practising]
    no_caseload = [m for m in clinicians if m.practising and not m.has_caseload]
    src = source("composition.professionals_practising_with_caseload")
    title = "Professional members practising with a caseload"
    if not not_practising and not no_caseload:
        return Finding(
            "practising",
            title,
            Status.PASS,
            "The professional member is a practising clinician with a caseload."
            if len(clinicians) == 1
            else f"All {len(clinicians)} professional members are practising clinicians with a caseload.",
            src,
        )
    parts = []
    if not_practising:
        parts.append(f"{_names(not_practising)} {'is' if len(not_practising) == 1 else 'are'} not practising")
    if no_caseload:
        parts.append(
            f"{_names(no_caseload)} {'does' if len(no_caseload) == 1 else 'do'} not carry a caseload"
        )
    offenders = not_practising + no_caseload
    return Finding(
        "practising",
        title,
        Status.FAIL,
        "; ".join(parts) + ".",
        src,
        "Update the person's record if it is out of date, or review whether they should hold a professional seat.",
        tuple(m.name for m in offenders),
    )


def rule_board_director(
    facts: CommitteeFacts, params: Params, source: Callable[[str], str]
) -> Finding | None:
    need = params.get("composition.min_board_directors")
    if need is None:
        return None
    directors = [m for m in facts.members if not m.is_co_opted and m.is_board_director]
    src = source("composition.min_board_directors")
    title = "PCT Board director(s) among the members"
    if len(directors) >= need:
        return Finding(
            "board_director",
            title,
            Status.PASS,
            f"{_plural(len(directors), 'Board director')}: {_names(directors)}."
            if directors
            else "No Board director is required.",
            src,
        )
    return Finding(
        "board_director",
        title,
        Status.FAIL,
        f"{_plural(len(directors), 'Board director')} among the members; the policy asks for at least {need}.",
        src,
        "Add a PCT Board director to the committee.",
    )


def rule_chair_on_board(
    facts: CommitteeFacts, params: Params, source: Callable[[str], str]
) -> Finding | None:
    if not params.get("composition.chair_on_board"):
        return None
    src = source("composition.chair_on_board")
    title = "Chair sits on the PCT Board"
    chairs = [m for m in facts.members if m.role == "chair"]
    if not chairs:
        return Finding(
            "chair_on_board",
            title,
            Status.FAIL,
            "The committee has no chair today.",
            src,
            "Appoint a chair who sits on the PCT Board.",
        )
    chair = chairs[0]
    if chair.board_seats:
        return Finding(
            "chair_on_board",
            title,
            Status.PASS,
            f"{chair.name} chairs the committee and sits on the Board.",
            src,
        )
    return Finding(
        "chair_on_board",
        title,
        Status.FAIL,
        f"{chair.name} chairs the committee but does not sit on the PCT Board today.",
        src,
        "Add the chair to the Board's membership.",
        (chair.name,),
    )


def rule_multi_professional(
    facts: CommitteeFacts, params: Params, source: Callable[[str], str]
) -> Finding | None:
    need = params.get("composition.min_clinical_professions")
    if need is None:
        return None
    professions = sorted({m.profession for m in _counted(facts, params) if m.is_clinician})
    listed = ", ".join(PROFESSION_NAMES.get(p, p) for p in professions) or "none"
    src = source("composition.min_clinical_professions")
    title = "Range of clinical professions"
    if len(professions) >= need:
        return Finding(
            "multi_professional",
            title,
            Status.PASS,
            f"{_plural(len(professions), 'clinical profession')} ({listed}); the policy asks for at least {need}.",
            src,
        )
    return Finding(
        "multi_professional",
        title,
        Status.WARN,
        f"{_plural(len(professions), 'clinical profession')} ({listed}); the policy asks for at least {need}.",
        src,
        "Consider appointing from another profession, such as a nurse, pharmacist or allied health professional.",
    )


def _day(day: dt.date | None) -> str:
    return f"{day:%-d %B %Y}" if day is not None else ""


def rule_co_opted(facts: CommitteeFacts, params: Params, source: Callable[[str], str]) -> Finding | None:
    co_opted = [m for m in facts.members if m.is_co_opted]
    src = source("composition.co_option_ending_warning_days")
    title = "Co-opted members within scope and dates"
    missing = [m for m in co_opted if not m.co_opted_scope.strip() or m.end_date is None]
    if missing:
        return Finding(
            "co_opted",
            title,
            Status.FAIL,
            f"{_names(missing)} {'has' if len(missing) == 1 else 'have'} no recorded piece of work or end date.",
            src,
            "Record the piece of work and the end date, or end the co-option.",
            tuple(m.name for m in missing),
        )
    window = int(params.get("composition.co_option_ending_warning_days") or 0)
    ending = [m for m in co_opted if m.end_date is not None and (m.end_date - facts.on).days <= window]
    # DH 6.2: co-option lasts for a piece of work; one past its end date is not counted, and
    # its open membership is named so the record is put right.
    lapsed = list(facts.lapsed)
    if not ending and not lapsed:
        if not co_opted:
            return Finding("co_opted", title, Status.PASS, "No co-opted members today.", src)
        return Finding(
            "co_opted",
            title,
            Status.PASS,
            f"{_plural(len(co_opted), 'co-opted member')}, each with a piece of work and an end date.",
            src,
        )
    parts = [f"{m.name}'s co-option ends on {_day(m.end_date)}" for m in ending]
    parts += [
        f"{m.name}'s co-option ended on {_day(m.end_date)} but the membership is still open; "
        f"{m.name} is not counted"
        for m in lapsed
    ]
    actions = ["Extend the co-option if the work continues, or let it end."] if ending else []
    if lapsed:
        actions.append(
            f"End {_names(lapsed)}'s membership (the co-opted work finished), "
            "or extend the co-option with a new end date."
        )
    return Finding(
        "co_opted",
        title,
        Status.WARN,
        "; ".join(parts) + ".",
        src,
        " ".join(actions),
        tuple(m.name for m in [*ending, *lapsed]),
    )


def term_ends(start: dt.date, years: int) -> dt.date:
    """The last day of a term of `years` from `start`: a 3-year term from 1 April 2007 ends on
    31 March 2010 (one from 29 February ends on 28 February)."""
    try:
        anniversary = start.replace(year=start.year + years)
    except ValueError:
        anniversary = start.replace(year=start.year + years, day=28) + dt.timedelta(days=1)
    return anniversary - dt.timedelta(days=1)


def rule_fixed_term(facts: CommitteeFacts, params: Params, source: Callable[[str], str]) -> Finding | None:
    """Where local policy sets a term of office (DH 7.2 leaves tenure to local determination),
    each member past it is named with the day their term ended. Co-opted members have their
    own end date and are not held to the term."""
    years = params.get("tenure.fixed_term_years")
    if not years:
        return None
    src = source("tenure.fixed_term_years")
    title = "Members within their term of office"
    held = [m for m in facts.members if not m.is_co_opted and m.start_date is not None]
    over = [(m, term_ends(m.start_date, years)) for m in held if m.start_date is not None]
    over = [(m, ended) for m, ended in over if ended < facts.on]
    term = f"{years}-year"
    if not over:
        return Finding(
            "fixed_term",
            title,
            Status.PASS,
            f"Every member is within the {term} term set by local policy.",
            src,
        )
    detail = "; ".join(f"{m.name}'s {term} term ended on {_day(ended)}" for m, ended in over)
    return Finding(
        "fixed_term",
        title,
        Status.FAIL,
        detail + ".",
        src,
        "End the membership, or reappoint the member and record the new term.",
        tuple(m.name for m, _ in over),
    )


RULES = (
    rule_size,
    rule_clinicians,
    rule_managers,
    rule_professional_majority,
    rule_practising,
    rule_board_director,
    rule_chair_on_board,
    rule_multi_professional,
    rule_co_opted,
    rule_fixed_term,
)


def check_composition(
    facts: CommitteeFacts, params: Params, sources: Mapping[str, str] | None = None
) -> list[Finding]:
    """Run every composition rule that applies under `params` (a pack's effective values)."""
    sources = sources or {}

    def source(key: str) -> str:
        return sources.get(key, "")

    results = (rule(facts, params, source) for rule in RULES)
    return [finding for finding in results if finding is not None]


def worst(findings: list[Finding]) -> Status:
    statuses = {f.status for f in findings}
    if Status.FAIL in statuses:
        return Status.FAIL
    if Status.WARN in statuses:
        return Status.WARN
    return Status.PASS
