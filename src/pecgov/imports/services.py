"""The import pages' writes (ADM-2): an upload is kept, checked (a dry run through the
services), shown as a preview, and imported on confirmation, at most once. Long files are checked
and imported by the task queue (NOT-2) with progress kept on the upload's row."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone
from django_tasks import task

from pecgov.actors import SYSTEM, Actor, require, user_of
from pecgov.errors import DomainError
from pecgov.imports.enums import Kind
from pecgov.imports.models import ImportRun, RunStatus
from pecgov.imports.reading import file_format
from pecgov.imports.running import NOT_LEAD, Outcome, import_file, sha256_of
from pecgov.trust.models import Organisation
from pecgov.uploads import content_problem

# Files longer than this are checked and imported in the background (the page shows progress).
BACKGROUND_ROWS = 2000
# An .xlsx file's rows are not counted before it is read: past this size it goes to the queue.
BACKGROUND_XLSX_BYTES = 100_000
MAX_BYTES = 20 * 1024 * 1024
MAX_PROBLEMS = 500


def in_background(content: bytes, filename: str) -> bool:
    if file_format(filename) == "xlsx":
        return len(content) > BACKGROUND_XLSX_BYTES
    return content.count(b"\n") > BACKGROUND_ROWS


def check_file(kind: str, filename: str, content: bytes) -> None:
    """Refuse what is not a register file at all, before it is kept (X-4)."""
    if kind not in Kind.values:
        raise DomainError({"kind": "Select what the file holds"})
    fmt = file_format(filename)
    if not fmt:
        raise DomainError({"upload": "The file must be a .csv or .xlsx file"})
    if not content:
        raise DomainError({"upload": "The selected file is empty"})
    if len(content) > MAX_BYTES:
        raise DomainError({"upload": f"The file must be smaller than {MAX_BYTES // (1024 * 1024)}MB"})
    problem = content_problem(fmt, content)
    if problem:
        raise DomainError({"upload": f"The file {problem}"})


def import_upload(
    *, actor: Actor, trust: Organisation, kind: str, filename: str, content: bytes
) -> ImportRun:
    """Keep an uploaded file and check it: now, or on the task queue when it is long."""
    require(actor, "trust.manage", trust, message=NOT_LEAD)
    check_file(kind, filename, content)
    user = user_of(actor)
    run = ImportRun.objects.create(
        trust=trust,
        kind=kind,
        filename=filename[:200],
        sha256=sha256_of(content),
        content=content,
        uploaded_by=user if isinstance(user, get_user_model()) else None,
    )
    if in_background(content, filename):
        check_import.enqueue(run.pk)
    else:
        run_check(run, actor)
    return run


def _progress(run: ImportRun) -> object:
    def report(phase: str, done: int, total: int) -> None:
        if phase == "checking":
            ImportRun.objects.filter(pk=run.pk).update(rows_done=done, rows_total=total)

    return report


def _record(run: ImportRun, outcome: Outcome, status: str) -> None:
    run.status = status
    run.counts = outcome.counts
    run.problems = [str(problem) for problem in outcome.problems[:MAX_PROBLEMS]]
    if len(outcome.problems) > MAX_PROBLEMS:
        run.problems.append(f"... and {len(outcome.problems) - MAX_PROBLEMS} more problems")
    run.sample = outcome.sample
    run.finished_at = timezone.now() if status in {RunStatus.DONE, RunStatus.FAILED} else None
    run.save(update_fields=["status", "counts", "problems", "sample", "finished_at"])


def run_check(run: ImportRun, actor: Actor) -> ImportRun:
    """Check the kept file by a dry run through the services (ADM-2): nothing is kept but the
    verdict, the counts and a sample of what would change."""
    outcome = import_file(
        actor=actor,
        trust=run.trust,
        kind=run.kind,
        content=bytes(run.content),
        filename=run.filename,
        dry_run=True,
        progress=_progress(run),  # type: ignore[arg-type]
    )
    if not outcome.ok:
        status = RunStatus.INVALID
    elif outcome.counts["create"] or outcome.counts["update"]:
        status = RunStatus.READY
    else:
        status = RunStatus.NOTHING
    _record(run, outcome, status)
    return run


def import_confirm(*, actor: Actor, run: ImportRun) -> ImportRun:
    """Import a checked upload (ADM-2). Only a ready upload moves on, and only once: a repeated
    confirmation finds it importing or imported and changes nothing."""
    require(actor, "trust.manage", run.trust, message=NOT_LEAD)
    with transaction.atomic():
        moved = ImportRun.objects.filter(pk=run.pk, status=RunStatus.READY).update(
            status=RunStatus.IMPORTING, rows_done=0
        )
    run.refresh_from_db()
    if not moved:
        return run
    if in_background(bytes(run.content), run.filename):
        run_import.enqueue(run.pk)
        run.refresh_from_db()
        return run
    return run_now(run, actor)


def run_now(run: ImportRun, actor: Actor) -> ImportRun:
    """Re-check the kept file against today's records and import it, or refuse with why."""
    outcome = import_file(
        actor=actor,
        trust=run.trust,
        kind=run.kind,
        content=bytes(run.content),
        filename=run.filename,
        progress=_progress(run),  # type: ignore[arg-type]
    )
    _record(run, outcome, RunStatus.DONE if outcome.ok else RunStatus.FAILED)
    return run


# The task queue's side (NOT-2): each task acts as the governance lead who uploaded the file, whose
# permission every service asks again; an upload made by the system (tests, set-up) runs as it.


def _uploader(run: ImportRun) -> Actor:
    return run.uploaded_by if run.uploaded_by is not None else SYSTEM


@task()
def check_import(run_id: int) -> str:
    run = ImportRun.objects.select_related("trust", "uploaded_by").get(pk=run_id)
    if run.status != RunStatus.CHECKING:
        return str(run.status)
    return str(run_check(run, _uploader(run)).status)


@task()
def run_import(run_id: int) -> str:
    run = ImportRun.objects.select_related("trust", "uploaded_by").get(pk=run_id)
    if run.status != RunStatus.IMPORTING:
        return str(run.status)
    return str(run_now(run, _uploader(run)).status)
