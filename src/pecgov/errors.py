"""Domain errors: a message a user can read, keyed by the field it is about."""

from __future__ import annotations


class DomainError(Exception):
    """Raised by services when a rule is broken; nothing has been saved.

    `errors` maps a field name (or "__all__") to plain-English messages that
    say what to do, as the NHS service manual asks.
    """

    def __init__(self, errors: dict[str, str | list[str]] | str) -> None:
        if isinstance(errors, str):
            errors = {"__all__": errors}
        self.errors: dict[str, list[str]] = {
            key: [value] if isinstance(value, str) else list(value) for key, value in errors.items()
        }
        super().__init__("; ".join(m for msgs in self.errors.values() for m in msgs))

    @property
    def messages(self) -> list[str]:
        return [m for msgs in self.errors.values() for m in msgs]


class NotPermitted(Exception):
    """The actor may not do this. Views turn it into 403 (or 404 where existence is secret)."""
