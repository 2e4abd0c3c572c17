"""An email backend for the crash test: each message's Message-ID appended to a file, flushed
to disk, after a short wait that stands for the mail server's answer."""

from __future__ import annotations

import os
import time
from collections.abc import Sequence
from typing import Any

from django.core.mail.backends.base import BaseEmailBackend


class AppendBackend(BaseEmailBackend):
    def send_messages(self, email_messages: Sequence[Any]) -> int:
        path = os.environ["PECGOV_MAIL_LOG"]
        for message in email_messages:
            time.sleep(0.004)
            with open(path, "a", encoding="utf-8") as log:
                log.write(f"{message.extra_headers['Message-ID']}\n")
                log.flush()
                os.fsync(log.fileno())
        return len(email_messages)
