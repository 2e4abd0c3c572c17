"""The `pecgov` console script: Django's management commands under one name.

Every command is the management command of the same name, so `pecgov help` lists what each
one does: `pecgov compliance` is the PEC compliance check (POL-4), `pecgov audit verify`,
`pecgov load_demo` and the rest are the project's own, and `pecgov check`, `pecgov migrate`
and the others are Django's.
"""

from __future__ import annotations

import os
import sys


def main(argv: list[str] | None = None) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "pecgov.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(list(sys.argv if argv is None else ["pecgov", *argv]))


if __name__ == "__main__":
    main()
