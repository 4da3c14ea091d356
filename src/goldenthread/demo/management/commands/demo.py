"""``goldenthread demo``: set up the demo organisation and serve it.

On the first run it creates the database, loads the demo plan (SP2028) and
creates the demo sign-in accounts; later runs reuse the database as it was
left, so changes made while exploring are kept. ``--data-dir`` is applied by
the ``goldenthread`` command itself before settings load; it is declared here
so that it is accepted and shown in the help.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandParser

from goldenthread.demo.management.commands.serve import ensure_data_dir, serve
from goldenthread.demo.services import DEMO_TODAY, demo_install, demo_installed


class Command(BaseCommand):
    help = "Create (first run) or reuse the demo organisation, print the logins and serve it."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--host", default="127.0.0.1", help="address to listen on")
        parser.add_argument("--port", type=int, default=8000, help="port to listen on")
        parser.add_argument(
            "--data-dir", help="where the demo database lives (default: GOLDENTHREAD_DATA_DIR)"
        )
        parser.add_argument(
            "--no-serve", action="store_true", help="set up the demo, print the logins and exit"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        ensure_data_dir()
        call_command("migrate", interactive=False, verbosity=0)
        if demo_installed():
            self.stdout.write("Reusing the demo database (delete the data directory to start over).")
        else:
            self.stdout.write("Loading the demo organisation (first run, takes a few seconds)...")
            demo_install()
            self.stdout.write("Demo organisation loaded.")
        if settings.GOLDENTHREAD_TODAY is None:  # the demo's plan runs 2028-2031
            settings.GOLDENTHREAD_TODAY = DEMO_TODAY
            # commands run later on this database reckon from the same date
            settings.TODAY_FILE.write_text(f"{DEMO_TODAY.isoformat()}\n", encoding="utf-8")
        url = f"http://{options['host']}:{options['port']}/"
        self.stdout.write("")
        self.stdout.write(
            f"The demo runs as of {settings.GOLDENTHREAD_TODAY:%d %B %Y}: its organisation has reported "
            "up to then (set GOLDENTHREAD_TODAY=YYYY-MM-DD for another date). Commands run on "
            "its data directory use the same date (its file 'today')."
        )
        self.stdout.write(f"Golden Thread demo: {url}")
        self.stdout.write("Sign in as:")
        for line in _login_lines():
            self.stdout.write(f"  {line}")
        self.stdout.write("")
        if options["no_serve"]:
            return
        self.stdout.flush()
        serve(host=options["host"], port=options["port"], threads=8)


def _login_lines() -> list[str]:
    from goldenthread.demo.services import demo_logins

    return demo_logins()
