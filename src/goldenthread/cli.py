"""The ``goldenthread`` command.

Product commands (``demo``, ``serve``, ``load``, ``dump``, ``generate``...) are
Django management commands living in their apps, so ``goldenthread`` also
offers Django's own (``migrate``, ``createsuperuser``, ``check --deploy``).
"""

from __future__ import annotations

import os
import sys


def _apply_data_dir(args: list[str]) -> None:
    """Honour ``--data-dir DIR`` before Django reads its settings, which need it."""
    for i, arg in enumerate(args):
        if arg == "--data-dir" and i + 1 < len(args):
            os.environ["GOLDENTHREAD_DATA_DIR"] = args[i + 1]
        elif arg.startswith("--data-dir="):
            os.environ["GOLDENTHREAD_DATA_DIR"] = arg.split("=", 1)[1]


def main(argv: list[str] | None = None) -> int:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "goldenthread.settings")
    from django.core.management import execute_from_command_line

    args = list(sys.argv[1:] if argv is None else argv)
    _apply_data_dir(args)
    try:
        execute_from_command_line(["goldenthread", *args])
    except SystemExit as exc:  # commands exit with their own code
        return int(exc.code or 0) if not isinstance(exc.code, str) else 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
