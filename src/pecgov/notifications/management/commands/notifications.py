"""`pecgov notifications daily|deliver|scheduler` (NOT-2).

- `daily [--date YYYY-MM-DD]`: the day's checks (declarations and actions due and overdue,
  coming meetings screened) and the digest, then the outbox is sent. Idempotent: run it twice
  and no one is told twice.
- `deliver`: send what waits in the outbox (retries included).
- `scheduler`: what `make run` starts beside the worker: every minute it queues a delivery of
  anything due, and once a day (after --at, 07:00 by default) the day's checks as a task.
"""

from __future__ import annotations

import datetime as dt
import time
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from pecgov.notifications import delivery, jobs


class Command(BaseCommand):
    help = "Notifications: run the daily checks, send the outbox, or run the scheduler."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("action", choices=["daily", "deliver", "scheduler"])
        parser.add_argument("--date", help="The day to run the checks for (YYYY-MM-DD); default today")
        parser.add_argument("--at", default="07:00", help="scheduler: the time of day to run the checks")
        parser.add_argument("--once", action="store_true", help="scheduler: one round, then stop (tests)")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["action"] == "daily":
            day = self._day(options["date"])
            result = jobs.run_daily(day)
            sent = delivery.deliver_pending()
            self.stdout.write(
                f"{day:%-d %B %Y}: {result.declarations} declaration, {result.actions} action and "
                f"{result.flags} conflict notification(s); {result.offers} offer reminder(s); "
                f"{result.digests} digest(s); {sent} email(s) sent."
            )
        elif options["action"] == "deliver":
            self.stdout.write(f"{delivery.deliver_pending()} email(s) sent.")
        else:
            try:
                self._scheduler(options["at"], once=options["once"])
            except KeyboardInterrupt:  # Ctrl-C in `make run` stops the scheduler quietly
                self.stdout.write("Scheduler stopped.")

    def _day(self, text: str | None) -> dt.date:
        if not text:
            return timezone.localdate()
        try:
            return dt.date.fromisoformat(text)
        except ValueError as error:
            raise CommandError(f"--date {text} is not a date: use YYYY-MM-DD") from error

    def _scheduler(self, at: str, *, once: bool) -> None:
        try:
            hour, minute = (int(part) for part in at.split(":"))
            start = dt.time(hour, minute)
        except ValueError as error:
            raise CommandError(f"--at {at} is not a time of day: use HH:MM") from error
        last_day: dt.date | None = None
        while True:
            now = timezone.localtime()
            if now.time() >= start and last_day != now.date():
                jobs.daily.enqueue(now.date().isoformat())
                last_day = now.date()
            delivery.deliver_outbox.enqueue()
            if once:
                return
            time.sleep(60)
