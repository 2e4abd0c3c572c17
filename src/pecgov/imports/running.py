"""Running a planned import (ADM-2, X-2, X-4): every step through the domain services, in one
transaction, named by one audit event with the file's name and SHA-256. A service's refusal of
any row is reported by line and column and undoes the whole file; a dry run always undoes."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass, field

from pecgov.actors import Actor, require
from pecgov.errors import DomainError, NotPermitted
from pecgov.imports.enums import Kind
from pecgov.imports.kinds import plan_file
from pecgov.imports.plan import Action, Plan, Step
from pecgov.imports.reading import Problem
from pecgov.servicekit import one_event
from pecgov.trust.models import Organisation

# (phase, rows done, rows in all): "checking" while rows are read and matched, "saving" as the
# services save them (inside the transaction: only the command line can show that phase live).
Progress = Callable[[str, int, int], None]
PROGRESS_EVERY = 250
NOT_LEAD = "Only the trust's governance lead can bring in its registers."


@dataclass
class Outcome:
    """What an import did (or, for a dry run or a refused file, would have done)."""

    counts: dict[str, int]
    problems: list[Problem] = field(default_factory=list)
    imported: bool = False
    # The first rows that add or change something: [action, line, label].
    sample: list[list[str | int]] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


class _Undo(Exception):
    """Leaves the import's transaction so that nothing it did is kept."""


def sha256_of(content: bytes) -> str:
    return hashlib.sha256(content).hexdigest()


SAMPLE_SIZE = 25


def _sample(plan: Plan) -> list[list[str | int]]:
    changing = (step for step in plan.steps if step.action != Action.UNCHANGED)
    return [
        [str(step.action), step.line, step.label]
        for step, _ in zip(changing, range(SAMPLE_SIZE), strict=False)
    ]


def _refusal(step: Step, error: DomainError) -> list[Problem]:
    return [
        Problem(message, step.line, step.columns.get(name) if name != "__all__" else None)
        for name, messages in error.errors.items()
        for message in messages
    ]


def _run_steps(actor: Actor, plan: Plan, progress: Progress | None) -> list[Problem]:
    problems: list[Problem] = []
    total = len(plan.steps)
    for number, step in enumerate(plan.steps, start=1):
        if step.run is not None:
            try:
                step.run(actor)
            except DomainError as error:
                # Services check before they save: the transaction is still whole, so the
                # remaining rows are checked too and every refusal is reported at once.
                problems.extend(_refusal(step, error))
        if progress is not None and (number % PROGRESS_EVERY == 0 or number == total):
            progress("saving", number, total)
    if plan.finish is not None and not problems:
        try:
            plan.finish(actor)
        except DomainError as error:
            problems.extend(Problem(message) for message in error.messages)
    return problems


def import_file(
    *,
    actor: Actor,
    trust: Organisation,
    kind: str,
    content: bytes,
    filename: str,
    dry_run: bool = False,
    progress: Progress | None = None,
) -> Outcome:
    """Check a file and, unless `dry_run` or any row is bad, import it (ADM-2, PUB-3).

    Invariants: a file with any bad row changes nothing; a good file is imported in one
    transaction through the trust and interests services, with history, and one audit event
    "import.<kind>" naming the file, its SHA-256 and every history row written; a file that
    changes nothing (the same file again) writes nothing, not even an event."""
    require(actor, "trust.manage", trust, message=NOT_LEAD)
    Kind(kind)
    checking = (lambda done, total: progress("checking", done, total)) if progress else None
    plan = plan_file(trust, kind, content, filename, checking)
    outcome = Outcome(counts=plan.counts(), problems=list(plan.problems), sample=_sample(plan))
    if outcome.problems or not any(step.run for step in plan.steps):
        return outcome
    sha = sha256_of(content)
    counts = plan.counts()
    summary = (
        f"Imported {Kind(kind).label.lower()} from {filename} (SHA-256 {sha}): "
        f"{counts[Action.CREATE]} added, {counts[Action.UPDATE]} changed, {counts[Action.UNCHANGED]} unchanged"
    )
    try:
        with one_event(actor, f"import.{kind}", trust.pk, summary, file=filename, sha256=sha, counts=counts):
            outcome.problems = _run_steps(actor, plan, progress)
            if outcome.problems or dry_run:
                raise _Undo
    except _Undo:
        return outcome
    except NotPermitted as error:
        outcome.problems = [Problem(str(error))]
        return outcome
    outcome.imported = True
    return outcome
