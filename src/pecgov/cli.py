"""The `pecgov` console script: Django's management commands under one name.

`pecgov check`, `pecgov audit verify`, `pecgov load_demo` and the rest are the
management commands of the project's apps; `pecgov migrate` works as well.
"""

from __future__ import annotations

import os
import sys


def main(argv: list[str] | None = None) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "pecgov.settings")
    from django.core.management import execute_from_command_line

    args = list(sys.argv if argv is None else ["pecgov", *argv])
    # `pecgov check` is the compliance check (POL-4); Django's own system check
    # stays reachable as `pecgov systemcheck`.
    if len(args) > 1 and args[1] == "check":
        args[1] = "compliance"
    elif len(args) > 1 and args[1] == "systemcheck":
        args[1] = "check"
    execute_from_command_line(args)


if __name__ == "__main__":
    main()
