"""The ``goldenthread`` command.

Product commands (``demo``, ``serve``, ``load``, ``dump``, ``generate``...) are
Django management commands living in their apps, so ``goldenthread`` also
offers Django's own (``migrate``, ``createsuperuser``, ``check --deploy``).
"""

from __future__ import annotations

import os
import sys


def main(argv: list[str] | None = None) -> int:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "goldenthread.settings")
    from django.core.management import execute_from_command_line

    args = list(sys.argv[1:] if argv is None else argv)
    try:
        execute_from_command_line(["goldenthread", *args])
    except SystemExit as exc:  # commands exit with their own code
        return int(exc.code or 0) if not isinstance(exc.code, str) else 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
