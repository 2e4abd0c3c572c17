"""Browser journeys: Playwright driving Debian's chromium against pytest-django's live server.

Every page a journey visits is checked with axe-core (pinned copy under
vendor/) and must have zero violations; any Content Security Policy violation
in the console fails the journey too. Nothing leaves loopback.
"""

from __future__ import annotations

import copy
import io
import os
import shutil
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

import pytest
from django.core.management import call_command

from pecgov.demo.accounts import DEMO_PASSWORD

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

AXE = Path(__file__).parent / "vendor" / "axe-4.11.0.min.js"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if "tests/e2e/" in str(item.fspath).replace(os.sep, "/"):
            item.add_marker(pytest.mark.e2e)


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    executable = shutil.which("chromium") or shutil.which("chromium-browser")
    if executable is None:
        pytest.fail("chromium is not installed: run `make test`, which installs it (Debian package chromium)")
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=executable, headless=True, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


class Journey:
    """A page plus the checks every visited page must pass."""

    def __init__(self, page: Any, base_url: str) -> None:
        self.page = page
        self.base_url = base_url
        self.console_errors: list[str] = []
        self.checked: list[str] = []
        page.on("console", self._on_console)

    def _on_console(self, message: Any) -> None:
        if message.type == "error" and "Content Security Policy" in message.text:
            self.console_errors.append(message.text)

    def goto(self, path: str) -> None:
        self.page.goto(self.base_url + path)
        self.check()

    def check(self) -> None:
        """axe-core over the current page: zero violations (X-3)."""
        self.page.wait_for_load_state("load")
        violations = self.page.evaluate(
            """async () => {
                const result = await axe.run(document, {resultTypes: ['violations']});
                return result.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
                    nodes: v.nodes.map(n => n.target.join(' ')).slice(0, 5)}));
            }"""
        )
        assert violations == [], f"axe violations on {self.page.url}: {violations}"
        assert self.console_errors == [], f"CSP violations on {self.page.url}: {self.console_errors}"
        self.checked.append(self.page.url)

    def sign_in(self, username: str) -> None:
        """Sign in as a demo account (every one has DEMO_PASSWORD); the sign-in page is checked."""
        self.goto("/sign-in/")
        self.page.get_by_label("Username or email address").fill(username)
        self.page.get_by_label("Password").fill(DEMO_PASSWORD)
        self.page.get_by_role("button", name="Sign in").click()
        self.page.wait_for_url("**/")

    def sign_out(self) -> None:
        """Sign out through the confirmation page, which is checked, and land on the home page."""
        self.goto("/sign-out/")
        self.page.get_by_role("button", name="Sign out").click()
        self.page.wait_for_url("**/")


@pytest.fixture(autouse=True)
def _page_cache_on(page_cache_on: None) -> None:
    """The journeys run with the page cache on, as `make run` serves: every write a journey
    makes must show on the next page it opens (src/pecgov/ui/pagecache.py)."""


@pytest.fixture
def journey(browser: Any, live_server: Any) -> Iterator[Journey]:
    context = browser.new_context(base_url=live_server.url, viewport={"width": 1280, "height": 900})
    context.add_init_script(path=str(AXE))
    allowed = urlparse(live_server.url).netloc

    def only_loopback(route: Any) -> None:
        if urlparse(route.request.url).netloc == allowed:
            route.continue_()
        else:
            route.abort()

    context.route("**/*", only_loopback)
    page = context.new_page()
    page.set_default_timeout(15000)
    yield Journey(page, live_server.url)
    context.close()


class _DemoSnapshot:
    """What `load_demo` left, taken once per process: the database (SQLite's online backup, a
    page-for-page copy), the uploads and the outbox. Each later journey gets the same rows and
    files back in milliseconds rather than loading the demo again (about 13 CPU seconds)."""

    def __init__(self, media_root: Path, keep_in: Path) -> None:
        from django.core import mail
        from django.db import connection

        self.database = sqlite3.connect(":memory:", check_same_thread=False)
        connection.ensure_connection()
        connection.connection.backup(self.database)
        self.media = keep_in / "media"
        shutil.copytree(media_root, self.media, dirs_exist_ok=True)
        self.outbox = copy.deepcopy(list(getattr(mail, "outbox", [])))

    def restore(self, media_root: Path) -> None:
        from django.core import mail
        from django.db import connection

        from pecgov.ui import pagecache

        connection.ensure_connection()
        self.database.backup(connection.connection)
        shutil.copytree(self.media, media_root, dirs_exist_ok=True)
        mail.outbox = copy.deepcopy(self.outbox)
        pagecache.forget()  # what this process kept belongs to the database before the restore


_SNAPSHOTS: dict[str, _DemoSnapshot] = {}


@pytest.fixture
def demo(transactional_db: None, settings: Any, tmp_path_factory: Any) -> None:
    """The demo trust (load_demo), committed so that the live server sees it. A module whose
    tests need some of its primary keys overrides this fixture, requesting it by the same name.
    On SQLite the first journey loads it and the others get a copy of that load back."""
    from django.db import connection

    media_root = Path(settings.MEDIA_ROOT)
    snapshot = _SNAPSHOTS.get(connection.vendor)
    if snapshot is not None:
        snapshot.restore(media_root)
        return
    call_command("load_demo", stdout=io.StringIO())
    if connection.vendor == "sqlite":
        _SNAPSHOTS["sqlite"] = _DemoSnapshot(media_root, tmp_path_factory.mktemp("demo"))
