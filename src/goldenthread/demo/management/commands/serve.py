"""``goldenthread serve``: serve Golden Thread with waitress.

waitress is a pure-Python production WSGI server that runs the same on
Linux, macOS and Windows; static files are served by whitenoise from the
installed package, so nothing else is needed on a planning officer's machine.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandParser
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.migrations.executor import MigrationExecutor


def ensure_data_dir() -> None:
    """Create the data directory (database, uploads, secret key, static root) if missing."""
    settings.DATA_DIR.mkdir(parents=True, exist_ok=True)
    Path(settings.STATIC_ROOT).mkdir(parents=True, exist_ok=True)  # whitenoise looks there


def pending_migrations() -> int:
    """How many migrations the database has not applied yet."""
    connection = connections[DEFAULT_DB_ALIAS]
    executor = MigrationExecutor(connection)
    return len(executor.migration_plan(executor.loader.graph.leaf_nodes()))


def serve(*, host: str, port: int, threads: int) -> None:
    """Serve the product until interrupted (Ctrl+C)."""
    from waitress import serve as waitress_serve  # type: ignore[import-untyped]

    from goldenthread.wsgi import application

    waitress_serve(application, host=host, port=port, threads=threads, ident="goldenthread")


class Command(BaseCommand):
    help = "Serve Golden Thread on http://HOST:PORT with the waitress WSGI server."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--host", default="127.0.0.1", help="address to listen on")
        parser.add_argument("--port", type=int, default=8000, help="port to listen on")
        parser.add_argument("--threads", type=int, default=8, help="worker threads")

    def handle(self, *args: Any, **options: Any) -> None:
        ensure_data_dir()
        pending = pending_migrations()
        if pending:
            self.stderr.write(
                f"The database has {pending} unapplied migration(s); "
                "run 'goldenthread migrate' first."
            )
        self.stdout.write(f"Serving Golden Thread on http://{options['host']}:{options['port']}/")
        sys.stdout.flush()
        serve(host=options["host"], port=options["port"], threads=options["threads"])
