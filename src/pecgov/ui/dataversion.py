"""The data versions the page cache keys on: one for everything, one per trust, one for what
trusts share (X-1 to X-4 at national scale).

A committed write moves the version of what it changed, so a page kept under the old version is
never reached again:

* The whole-site version (row 1) goes up after every committed write. It keys what cannot be
  tied to one trust (a signed-out page naming no trust, a user in no trust) and the memo of
  signed-in users (`pecgov.ui.auth`).
* Each trust has its own version (`TrustDataVersion`). Every service write appends an audit
  event naming its trust in the same transaction, so a committed transaction whose events name
  trusts moves just those trusts' versions: a declaration in one trust throws away no other
  trust's pages. A row written without an event may say which trust's pages show it
  (`page_trust_id`: a notification read), or that no kept page shows it
  (`shown_on_kept_pages = False`: the email outbox).
* The accounts version (row 3) moves when a committed write saved, deleted or re-linked a row a
  signed-in user's roles are read from: a user, group or permission, or a row that says it
  shapes roles (`shapes_roles`: a grant, a person, a seat, a committee, a site administrator).
  The signed-in users kept per process (`pecgov.ui.auth`) are keyed on it, with the shared
  version, so a declaration in another trust does not make every user's roles be read again.
* The shared version (row 2) moves when a committed write cannot be tied to a trust: a
  transaction with no event naming a trust, an event naming none, or a row that says it is
  shared across trusts (`shared_across_trusts`, for example a trust itself, whose name every
  trust's public pages list). A page kept for one trust is keyed on its trust's version and the
  shared version, so when in doubt every page is thrown away, as before.

Read-side audit events (`*.read`, APP-7), sign-in events (`auth.*`) and Django stamping
`last_login` move nothing: signing in throws away no kept page.
"""

from __future__ import annotations

from collections.abc import Sequence
from contextvars import ContextVar
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, IntegrityError, connections, transaction
from django.db.models import F, Model
from django.db.models.signals import m2m_changed, post_delete, post_save

from pecgov.ui.models import DataVersion, TrustDataVersion

ALL_ROW = 1
SHARED_ROW = 2
ACCOUNTS_ROW = 3
# Apps whose rows appear on pages: the application's own and the users' accounts and groups.
WATCHED_APPS = frozenset({"auth"})  # and every app under pecgov.*, see watched()
LAST_LOGIN = frozenset({"last_login"})


def watched(model: type[Model]) -> bool:
    meta = model._meta
    if model in (DataVersion, TrustDataVersion) or meta.label == "audit.AuditHead":
        return False  # the chain's head moves with every event; the event itself is watched
    if not getattr(model, "shown_on_kept_pages", True):
        return False  # a model that says no kept page shows it (the email outbox)
    return meta.app_label in WATCHED_APPS or (model.__module__ or "").startswith("pecgov.")


def current_version() -> str:
    """The whole-site version now, as "<epoch>:<number>": one indexed read, as plain SQL (the ORM
    costs ten times the query here)."""
    with connections[DEFAULT_DB_ALIAS].cursor() as cursor:
        cursor.execute(f"SELECT epoch, version FROM {DataVersion._meta.db_table} WHERE id = {ALL_ROW}")
        row = cursor.fetchone()
    return f"{row[0]}:{row[1]}" if row else "-:0"


def trust_version(trust_id: int) -> str:
    """What a page showing one trust's data depends on: the epoch (a database loaded afresh),
    the shared version and the trust's own, in one read; or as read with this request's session,
    once."""
    kept = _TRUST_READ.get()
    if kept is not None and kept[0] == trust_id:
        _TRUST_READ.set(None)
        return kept[1]
    session_key = _SESSION_READ.get()
    if session_key:  # whichever page asks (kept or rendered): the session's next read reads it
        remember_session_trust(session_key, trust_id)
    versions = DataVersion._meta.db_table
    trusts = TrustDataVersion._meta.db_table
    with connections[DEFAULT_DB_ALIAS].cursor() as cursor:
        cursor.execute(
            f"SELECT a.epoch, COALESCE(s.version, 0), COALESCE(t.version, 0) FROM {versions} a "
            f"LEFT JOIN {versions} s ON s.id = {SHARED_ROW} "
            f"LEFT JOIN {trusts} t ON t.trust_id = %s WHERE a.id = {ALL_ROW}",
            [trust_id],
        )
        row = cursor.fetchone()
    return f"{row[0]}:s{row[1]}:t{trust_id}:{row[2]}" if row else f"-:s0:t{trust_id}:0"


# The versions a signed-in request needs, read with its session in the same statement
# (`ui.sessions`): the accounts version its user is kept under (`ui.auth`) and the version of the
# trust its session's pages showed last, each for `accounts_version` and `trust_version` to use
# once. Context variables are the thread's own (granian runs several threads per process); a new
# session store empties them at the start of every request, and a committed write in this thread
# does too, so they never outlive the request or a write it made.
_ACCOUNTS_READ: ContextVar[str | None] = ContextVar("pecgov_accounts_version", default=None)
_TRUST_READ: ContextVar[tuple[int, str] | None] = ContextVar("pecgov_trust_version", default=None)
# This request's session key, while its versions are held: a trust version read afresh is
# remembered for the session's next read, whether the page asking is kept or rendered.
_SESSION_READ: ContextVar[str | None] = ContextVar("pecgov_session_read", default=None)
# Which trust's pages each session was shown last in this process: its next session read reads
# that trust's version too. Only a guess of which row to read: `trust_version` uses it only for the
# trust the page shows. Keyed on the key's hash: no session key is held beyond its request.
_SESSION_TRUSTS: dict[int, int] = {}
SESSION_TRUSTS_SIZE = 20000


def remember_session_trust(session_key: str, trust_id: int) -> None:
    key = hash(session_key)
    if _SESSION_TRUSTS.get(key) != trust_id:
        if len(_SESSION_TRUSTS) >= SESSION_TRUSTS_SIZE:
            _SESSION_TRUSTS.clear()
        _SESSION_TRUSTS[key] = trust_id


def session_read_columns(session_key: str) -> tuple[str, list[Any], int | None]:
    """The columns the session read selects besides the session (scalar subqueries): the epoch
    (NULL when the database has no version yet), the shared and accounts versions and, when this
    session was shown a trust's pages before, that trust's version; their parameters; the trust."""
    versions = DataVersion._meta.db_table
    columns = (
        f"(SELECT epoch FROM {versions} WHERE id = {ALL_ROW}), "
        f"(SELECT version FROM {versions} WHERE id = {SHARED_ROW}), "
        f"(SELECT version FROM {versions} WHERE id = {ACCOUNTS_ROW})"
    )
    trust_id = _SESSION_TRUSTS.get(hash(session_key))
    if trust_id is None:
        return columns, [], None
    trusts = TrustDataVersion._meta.db_table
    return f"{columns}, (SELECT version FROM {trusts} WHERE trust_id = %s)", [trust_id], trust_id


def keep_read_with_session(trust_id: int | None, values: Sequence[Any], session_key: str = "") -> None:
    """Hold the columns of `session_read_columns`, as read, for this request: in the forms
    `accounts_version` and `trust_version` give."""
    _SESSION_READ.set(session_key or None)
    epoch, shared, accounts = values[0], values[1] or 0, values[2] or 0
    _ACCOUNTS_READ.set(f"{epoch}:s{shared}:a{accounts}" if epoch is not None else "-:s0:a0")
    if trust_id is not None:
        trust = (
            f"{epoch}:s{shared}:t{trust_id}:{values[3] or 0}" if epoch is not None else f"-:s0:t{trust_id}:0"
        )
        _TRUST_READ.set((trust_id, trust))


def forget_read_with_session() -> None:
    _ACCOUNTS_READ.set(None)
    _TRUST_READ.set(None)
    _SESSION_READ.set(None)


def accounts_version() -> str:
    """What a signed-in user's roles depend on (`pecgov.ui.auth`): the epoch, the shared version
    and the accounts version, in one read; or as read with this request's session, once."""
    kept = _ACCOUNTS_READ.get()
    if kept is not None:
        _ACCOUNTS_READ.set(None)
        return kept
    versions = DataVersion._meta.db_table
    with connections[DEFAULT_DB_ALIAS].cursor() as cursor:
        cursor.execute(
            f"SELECT a.epoch, COALESCE(s.version, 0), COALESCE(c.version, 0) FROM {versions} a "
            f"LEFT JOIN {versions} s ON s.id = {SHARED_ROW} "
            f"LEFT JOIN {versions} c ON c.id = {ACCOUNTS_ROW} WHERE a.id = {ALL_ROW}"
        )
        row = cursor.fetchone()
    return f"{row[0]}:s{row[1]}:a{row[2]}" if row else "-:s0:a0"


def shared_version() -> str:
    """The epoch and the shared version, in one indexed read: what moves when a trust is made,
    renamed or given another code (`shared_across_trusts`)."""
    with connections[DEFAULT_DB_ALIAS].cursor() as cursor:
        cursor.execute(
            f"SELECT a.epoch, COALESCE(s.version, 0) FROM {DataVersion._meta.db_table} a "
            f"LEFT JOIN {DataVersion._meta.db_table} s ON s.id = {SHARED_ROW} WHERE a.id = {ALL_ROW}"
        )
        row = cursor.fetchone()
    return f"{row[0]}:s{row[1]}" if row else "-:s0"


def shapes_roles(model: type[Model]) -> bool:
    """A row a signed-in user's roles or permissions are read from (`trust.roles`, `ui.auth`)."""
    return model._meta.app_label in WATCHED_APPS or bool(getattr(model, "shapes_roles", False))


@dataclass
class _Pending:
    """What the open transaction has written, so its commit moves the right versions."""

    trusts: set[int] = field(default_factory=set)
    shared: bool = False
    accounts: bool = False


def _pending(using: str) -> _Pending:
    connection = connections[using]  # one per thread: each thread's transaction its own
    pending: _Pending | None = getattr(connection, "_pecgov_pending", None)
    if pending is None:
        pending = _Pending()
        connection._pecgov_pending = pending  # type: ignore[attr-defined]
    return pending


def _take_pending(using: str) -> _Pending:
    connection = connections[using]
    pending: _Pending = getattr(connection, "_pecgov_pending", None) or _Pending(shared=True)
    connection._pecgov_pending = None  # type: ignore[attr-defined]
    return pending


def bump(using: str = DEFAULT_DB_ALIAS) -> None:
    """Move the versions of what the committed transaction wrote: short UPDATEs, run after the
    commit. Called without a transaction's record (tests, a restore), it moves the shared version,
    which every kept page depends on."""
    forget_read_with_session()  # read before this write: read them again
    pending = _take_pending(using)
    shared = pending.shared or not pending.trusts
    _increment(DataVersion, ALL_ROW)
    if shared:
        _increment(DataVersion, SHARED_ROW)
    if pending.accounts:
        _increment(DataVersion, ACCOUNTS_ROW)
    for trust_id in sorted(pending.trusts):
        _increment(TrustDataVersion, trust_id)


def _increment(model: type[DataVersion] | type[TrustDataVersion], pk: int) -> None:
    if model.objects.filter(pk=pk).update(version=F("version") + 1):
        return
    try:
        with transaction.atomic():
            model.objects.create(pk=pk, version=1)
    except IntegrityError:  # made at the same moment by another process: move it instead
        model.objects.filter(pk=pk).update(version=F("version") + 1)


def _bump_once(using: str) -> None:
    """Register `bump` to run on commit, once per transaction (at once outside a transaction).

    A savepoint rolled back drops its callbacks, and a transaction rolled back drops them all,
    so a write that never committed never bumps, and the next one registers again. What a rolled
    back write recorded as pending is moved by the next commit: one version too many, never one
    too few.
    """
    connection = connections[using]
    if connection.in_atomic_block and any(entry[1] is _commit for entry in connection.run_on_commit):
        return
    transaction.on_commit(_commit, using=using)


def _commit() -> None:
    bump(DEFAULT_DB_ALIAS)


def _bookkeeping(action: str) -> bool:
    """Events that record access, not a change to what pages show: reads (APP-7), sign-ins,
    sign-outs and failed sign-ins (X-2)."""
    return action.endswith(".read") or action.startswith("auth.")


def _changed(sender: type[Model], instance: Any = None, using: str = DEFAULT_DB_ALIAS, **kwargs: Any) -> None:
    if not settings.PAGE_CACHE or not watched(sender):
        return
    if kwargs.get("action", "post_add").startswith("pre_"):
        return  # m2m_changed fires before and after; the "post_" half is enough
    if kwargs.get("update_fields") == LAST_LOGIN and sender._meta.label == "auth.User":
        return  # Django stamping the sign-in time: no kept page shows it
    pending = _pending(using)
    if shapes_roles(sender):
        pending.accounts = True  # a signed-in user's roles may have changed (ui.auth)
    if sender._meta.label == "audit.AuditEvent":
        if _bookkeeping(str(getattr(instance, "action", ""))):
            return  # a recorded read or a sign-in changes no kept page
        trust_id = getattr(instance, "trust_id", None)
        if trust_id is None:
            pending.shared = True
        else:
            pending.trusts.add(int(trust_id))
    elif getattr(instance, "shared_across_trusts", False):
        pending.shared = True
    elif hasattr(instance, "page_trust_id"):  # a row that says which trust's pages show it
        if instance.page_trust_id is None:
            pending.shared = True
        else:
            pending.trusts.add(int(instance.page_trust_id))
    _bump_once(using)


def connect() -> None:
    """Called once from the app's ready()."""
    post_save.connect(_changed, dispatch_uid="pecgov-pagecache-save")
    post_delete.connect(_changed, dispatch_uid="pecgov-pagecache-delete")
    m2m_changed.connect(_changed, dispatch_uid="pecgov-pagecache-m2m")
