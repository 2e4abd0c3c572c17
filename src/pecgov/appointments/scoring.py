"""Interview scoring as pure functions (APP-5): validate a score, aggregate a panel's scores.

The scale runs from 1 to 5, one score per panel member per candidate per competency:

    1  no evidence of the skill or of development potential
    2  some evidence, but not enough to show the skill or clear potential
    3  shows the skill or clear development potential
    4  shows the skill well
    5  shows the skill to a high standard and could develop it in others

DH Annex B asks that "PEC members must be able to demonstrate skills or development potential
under both headings" (core management and added value). That is a yes/no test per heading, so
the scale puts its pass mark, 3, exactly at "shows the skill or clear development potential":
a candidate whose mean under either heading is below 3 has, taken over the panel and the
heading, shown neither, and is flagged and never ranked as appointable. Five points leave room
above the mark to tell strong candidates apart, and an odd scale gives the mark a middle point.
The scale is fixed in code rather than the policy pack: scores recorded under one scale must
stay comparable, and neither source sets one. The pass mark and the disagreement spread are pack
parameters (`appointment.pass_mark`, `appointment.disagreement_spread`) passed in by the services.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from typing import NamedTuple

from pecgov.appointments.framework import HEADINGS, REQUIRED_HEADINGS, Competency

SCALE_MIN = 1
SCALE_MAX = 5
# The defaults of the policy pack's `appointment.pass_mark` and `appointment.disagreement_spread`
# (DH Annex B gives no number: a local default); the services pass the trust's values in.
PASS_MARK = 3  # "shows the skill or clear development potential"
DISAGREEMENT_SPREAD = 2  # max - min at or above this is a wide disagreement worth discussing
SCALE_LABELS = {
    1: "No evidence of the skill or of development potential",
    2: "Some evidence, but not enough to show the skill or clear potential",
    3: "Shows the skill or clear development potential",
    4: "Shows the skill well",
    5: "Shows the skill to a high standard and could develop it in others",
}


class Score(NamedTuple):
    panel_member: str
    candidate: str
    competency: str  # a Competency key
    score: int


def validate_score(value: object) -> int:
    """The score as an int, or ValueError with a message for the person entering it.

    Only whole numbers are accepted: True/False (which Python treats as 1/0), text and fractions
    are refused, so a form must convert its input first.
    """
    if isinstance(value, bool) or not isinstance(value, int) or not SCALE_MIN <= value <= SCALE_MAX:
        raise ValueError(f"Enter a score from {SCALE_MIN} to {SCALE_MAX}")
    return value


@dataclass(frozen=True)
class CompetencyResult:
    key: str
    heading: str
    scores: tuple[tuple[str, int], ...]  # (panel member, score), by panel member
    mean: float | None
    min: int | None
    max: int | None

    @property
    def spread(self) -> int | None:
        if self.min is None or self.max is None:
            return None
        return self.max - self.min


@dataclass(frozen=True)
class Disagreement:
    """A competency the panel scored far apart, with who sits at each end."""

    competency: str
    spread: int
    low: int
    low_members: tuple[str, ...]
    high: int
    high_members: tuple[str, ...]


@dataclass(frozen=True)
class CandidateResult:
    candidate: str
    competencies: tuple[CompetencyResult, ...]  # in framework order
    heading_means: dict[str, float | None]  # per heading present in the framework
    overall_mean: float | None  # mean of the competency means: each competency weighs the same
    disagreements: tuple[Disagreement, ...]
    fails_heading: tuple[str, ...]  # required headings with a mean below the pass mark, or unscored
    missing: tuple[tuple[str, str], ...]  # (panel member, competency key) not yet scored
    rank: int | None = None  # 1 = strongest appointable candidate; None if not appointable

    @property
    def complete(self) -> bool:
        return not self.missing

    @property
    def appointable(self) -> bool:
        """Shows skills or potential under both headings, on a complete score sheet."""
        return not self.fails_heading and self.complete


def _mean(values: Sequence[float]) -> float | None:
    return sum(values) / len(values) if values else None


def _meets(mean: float | None, pass_mark: float) -> bool:
    # A heading nobody has scored shows nothing yet, so it does not meet the mark.
    return mean is not None and mean >= pass_mark


def _candidate(
    candidate: str,
    rows: dict[tuple[str, str], int],
    framework: Sequence[Competency],
    panel: Sequence[str],
    pass_mark: float,
    spread: int,
) -> CandidateResult:
    results = []
    disagreements = []
    missing = []
    for competency in framework:
        given = tuple(sorted((m, rows[(m, competency.key)]) for m in panel if (m, competency.key) in rows))
        missing += [(m, competency.key) for m in panel if (m, competency.key) not in rows]
        values = [s for _m, s in given]
        low, high = (min(values), max(values)) if values else (None, None)
        results.append(CompetencyResult(competency.key, competency.heading, given, _mean(values), low, high))
        if low is not None and high is not None and high - low >= spread:
            disagreements.append(
                Disagreement(
                    competency.key,
                    high - low,
                    low,
                    tuple(m for m, s in given if s == low),
                    high,
                    tuple(m for m, s in given if s == high),
                )
            )
    heading_means: dict[str, float | None] = {}
    for heading in HEADINGS:
        in_heading = [r for r in results if r.heading == heading]
        if in_heading:
            heading_means[heading] = _mean([r.mean for r in in_heading if r.mean is not None])
    fails = tuple(
        heading for heading in REQUIRED_HEADINGS if not _meets(heading_means.get(heading), pass_mark)
    )
    return CandidateResult(
        candidate=candidate,
        competencies=tuple(results),
        heading_means=heading_means,
        overall_mean=_mean([r.mean for r in results if r.mean is not None]),
        disagreements=tuple(disagreements),
        fails_heading=fails,
        missing=tuple(sorted(missing)),
    )


def aggregate(
    scores: Iterable[tuple[str, str, str, int]],
    competencies: Sequence[Competency],
    *,
    panel: Sequence[str] = (),
    candidates: Sequence[str] = (),
    pass_mark: float = PASS_MARK,
    disagreement_spread: int = DISAGREEMENT_SPREAD,
) -> list[CandidateResult]:
    """One result per candidate, appointable candidates first by overall mean (highest first).

    `panel` and `candidates` name people expected even if they have not scored or been scored
    yet; anyone in `scores` is included too. Ties, and candidates who are not appointable (a
    required heading below the pass mark or not scored, or a score missing), follow by overall
    mean then name, so the order never depends on the order of `scores`. A score off the scale,
    for an unknown competency, or given twice raises ValueError: the service must refuse those
    before they reach here.
    """
    keys = {c.key for c in competencies}
    table: dict[str, dict[tuple[str, str], int]] = {c: {} for c in candidates}
    members = set(panel)
    for member, candidate, key, value in scores:
        validate_score(value)
        if key not in keys:
            raise ValueError(
                f"{member} scored {candidate} on {key!r}, which is not a competency being scored."
            )
        rows = table.setdefault(candidate, {})
        if (member, key) in rows:
            raise ValueError(f"{member} scored {candidate} on {key!r} more than once.")
        rows[(member, key)] = value
        members.add(member)
    panel_sorted = sorted(members)
    results = [
        _candidate(candidate, rows, competencies, panel_sorted, pass_mark, disagreement_spread)
        for candidate, rows in table.items()
    ]

    def order(result: CandidateResult) -> tuple[bool, float, str]:
        mean = result.overall_mean if result.overall_mean is not None else float("-inf")
        return (not result.appointable, -mean, result.candidate)

    results.sort(key=order)
    ranked = []
    rank = 0
    for result in results:
        if result.appointable:
            rank += 1
            ranked.append(replace(result, rank=rank))
        else:
            ranked.append(result)
    return ranked
