"""Survey results by respondent group, with the minimum group size rule (EFF-2; DH Annex C).

Pure: plain data in, frozen dataclasses out, no Django. A group with fewer responses than the
minimum group size appears with `hidden=True` and no numbers at all (not its response rate,
not its answers), so a small group's answers cannot be read off the page, the CSV or the API.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

LIKERT = "likert"
TEXT = "text"
CLOSED = "closed"  # SurveyStatus.CLOSED: results are plain data here

# The 5-point scale; 0 is "don't know", counted apart and left out of the mean.
DONT_KNOW = 0
SCALE: tuple[tuple[int, str], ...] = (
    (1, "Strongly disagree"),
    (2, "Disagree"),
    (3, "Neither agree nor disagree"),
    (4, "Agree"),
    (5, "Strongly agree"),
)

# Respondent groups: PEC members and Board members are people on the trust's records; partners
# are asked by email address (PBC groups, practices, the local authority, the provider arm).
GROUPS: tuple[tuple[str, str], ...] = (
    ("pec", "PEC members"),
    ("board", "Board members"),
    ("pbc", "Practice-based commissioning groups"),
    ("practice", "Practices"),
    ("local_authority", "Local authority"),
    ("provider", "Provider arm"),
)
GROUP_LABELS: dict[str, str] = dict(GROUPS)
PARTNER_GROUPS: tuple[str, ...] = ("pbc", "practice", "local_authority", "provider")


@dataclass(frozen=True)
class QuestionSpec:
    """One question as asked: `key` is how the answers name it."""

    key: str
    text: str
    kind: str  # LIKERT or TEXT
    source: str = ""


@dataclass(frozen=True)
class AnswerSet:
    """One response: its group and its answers (question key -> 0..5 or text). No respondent."""

    group: str
    answers: Mapping[str, int | str]


@dataclass(frozen=True)
class GroupRate:
    """A group's response rate; `sent` and `answered` are None when the group is hidden, and
    `answered_text` says "fewer than N" instead of the number (EFF-2)."""

    group: str
    label: str
    hidden: bool
    sent: int | None = None
    answered: int | None = None
    answered_text: str = ""

    @property
    def rate_percent(self) -> int | None:
        if self.sent is None or self.answered is None or self.sent == 0:
            return None
        return round(100 * self.answered / self.sent)


@dataclass(frozen=True)
class GroupAnswers:
    """One question's answers from one group. Likert: `distribution` counts 1..5 in order,
    `dont_know` and `mean` (of 1..5, None when no one gave a view). Free text: `text_count`
    and `texts`. Every number is None and `texts` empty when the group is hidden."""

    group: str
    label: str
    hidden: bool
    answered: int | None = None
    distribution: tuple[int, ...] | None = None
    dont_know: int | None = None
    mean: float | None = None
    text_count: int | None = None
    texts: tuple[str, ...] = ()


@dataclass(frozen=True)
class QuestionResults:
    key: str
    text: str
    kind: str
    source: str
    groups: tuple[GroupAnswers, ...]


@dataclass(frozen=True)
class SurveyResults:
    """A survey's results (EFF-2): what `surveys.queries.results_for` returns for each survey."""

    survey_id: int
    name: str
    status: str
    opened_on: str | None  # ISO dates, so the dataclass is plain data for JSON and CSV
    closes_on: str | None
    minimum_group_size: int
    groups: tuple[GroupRate, ...]
    questions: tuple[QuestionResults, ...] = field(default_factory=tuple)
    # The answers are counted only once the survey has closed: shown while it is open, a lead who
    # looked after each response could read one person's answers from the change (EFF-2).
    answers_shown: bool = True

    @property
    def audience(self) -> tuple[str, ...]:
        """The labels of the groups asked."""
        return tuple(g.label for g in self.groups)


def shown(answered: int, minimum: int) -> bool:
    """Whether a group with `answered` responses may be shown (at least the minimum, and one)."""
    return answered >= max(minimum, 1)


def fewer_than(minimum: int) -> str:
    """What a hidden group's count reads as, wherever a count would stand (EFF-2)."""
    return f"fewer than {max(minimum, 1)}"


def group_rates(sent: Mapping[str, int], answered: Mapping[str, int], minimum: int) -> tuple[GroupRate, ...]:
    """Each group asked (`sent`'s keys, in GROUPS order, then any other), with its response rate,
    or hidden with no numbers when fewer than the minimum answered (EFF-2). The lead's page, the
    results page, the CSV, the API and the annual report all count through here."""
    order = [g for g, _ in GROUPS if g in sent] + sorted(g for g in sent if g not in GROUP_LABELS)
    return tuple(
        GroupRate(g, GROUP_LABELS.get(g, g), False, sent[g], answered.get(g, 0), str(answered.get(g, 0)))
        if shown(answered.get(g, 0), minimum)
        else GroupRate(g, GROUP_LABELS.get(g, g), True, answered_text=fewer_than(minimum))
        for g in order
    )


def answered_total(rates: Sequence[GroupRate], asked: int, minimum: int) -> str:
    """How many answered across the groups, without giving away a hidden group's count by
    subtraction: the exact total only when no group is hidden (EFF-2)."""
    if not any(r.hidden for r in rates):
        return f"{sum(r.answered or 0 for r in rates)} of {asked}"
    counted = sum(r.answered or 0 for r in rates if not r.hidden)
    if counted:
        return f"at least {counted} of {asked}"
    return f"{fewer_than(minimum).capitalize()} in each group, of {asked}"


def _likert(group: str, values: list[int]) -> GroupAnswers:
    views = [v for v in values if v != DONT_KNOW]
    distribution = tuple(sum(1 for v in views if v == point) for point, _ in SCALE)
    mean = round(sum(views) / len(views), 2) if views else None
    return GroupAnswers(
        group=group,
        label=GROUP_LABELS.get(group, group),
        hidden=False,
        answered=len(values),
        distribution=distribution,
        dont_know=len(values) - len(views),
        mean=mean,
    )


def _text(group: str, values: list[str]) -> GroupAnswers:
    texts = tuple(sorted(v for v in values if v.strip()))  # sorted: no order to re-identify by
    return GroupAnswers(
        group=group,
        label=GROUP_LABELS.get(group, group),
        hidden=False,
        answered=len(texts),
        text_count=len(texts),
        texts=texts,
    )


def _question(
    spec: QuestionSpec, order: Sequence[str], visible: set[str], by_group: Mapping[str, list[AnswerSet]]
) -> QuestionResults:
    answers: list[GroupAnswers] = []
    for group in order:
        if group not in visible:
            answers.append(GroupAnswers(group=group, label=GROUP_LABELS.get(group, group), hidden=True))
            continue
        raw = [r.answers[spec.key] for r in by_group.get(group, []) if spec.key in r.answers]
        if spec.kind == LIKERT:
            answers.append(_likert(group, [int(v) for v in raw if isinstance(v, int)]))
        else:
            answers.append(_text(group, [str(v) for v in raw]))
    return QuestionResults(spec.key, spec.text, spec.kind, spec.source, tuple(answers))


def summarise(
    *,
    survey_id: int,
    name: str,
    status: str,
    opened_on: str | None,
    closes_on: str | None,
    minimum_group_size: int,
    questions: Sequence[QuestionSpec],
    sent: Mapping[str, int],
    responses: Sequence[AnswerSet],
) -> SurveyResults:
    """The results of one survey. `sent` is how many were asked in each group (its keys are the
    audience, in GROUPS order); responses from a group not asked count in no group."""
    by_group: dict[str, list[AnswerSet]] = {}
    for response in responses:
        by_group.setdefault(response.group, []).append(response)
    rates = group_rates(sent, {g: len(rows) for g, rows in by_group.items()}, minimum_group_size)
    order = [r.group for r in rates]
    visible = {r.group for r in rates if not r.hidden}
    closed = status == CLOSED
    return SurveyResults(
        survey_id=survey_id,
        name=name,
        status=status,
        opened_on=opened_on,
        closes_on=closes_on,
        minimum_group_size=minimum_group_size,
        groups=rates,
        questions=tuple(_question(q, order, visible, by_group) for q in questions) if closed else (),
        answers_shown=closed,
    )
