"""What the finance commands share: the output stream, the console, reading amounts."""

from __future__ import annotations

import json
import shutil
import sys
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.management.base import BaseCommand, CommandError
from rich.console import Console

from goldenthread.plans.models import Cycle


def stream_of(command: BaseCommand) -> Any:
    """The command's real output stream (rich and json write to it directly)."""
    return getattr(command.stdout, "_out", sys.stdout)


def console_of(command: BaseCommand) -> Console:
    stream = stream_of(command)
    wide = shutil.get_terminal_size((180, 24)).columns if stream.isatty() else 180
    return Console(file=stream, width=max(wide, 100), highlight=False)


def print_json(command: BaseCommand, data: Any) -> None:
    stream = stream_of(command)
    json.dump(data, stream, ensure_ascii=False, indent=1)
    stream.write("\n")


def parse_amount(text: str, option: str, whole: str) -> Decimal:
    """An amount such as 150000000, 150_000_000 or 1250000.50; an error names the option."""
    cleaned = text.strip().replace("_", "").replace(",", "")
    try:
        value = Decimal(cleaned)
    except InvalidOperation:
        raise CommandError(f"{option} {whole}: '{text}' is not an amount") from None
    if not value.is_finite():
        raise CommandError(f"{option} {whole}: '{text}' is not an amount")
    if value < 0:
        raise CommandError(f"{option} {whole}: an amount cannot be negative")
    if value != value.quantize(Decimal("0.01")):
        raise CommandError(f"{option} {whole}: '{text}' has more than 2 decimal places")
    return value.quantize(Decimal("0.01"))


def parse_year(text: str, cycle: Cycle, option: str, whole: str) -> int:
    try:
        year = int(text.strip())
    except ValueError:
        raise CommandError(f"{option} {whole}: '{text}' is not a year") from None
    if not cycle.contains_year(year):
        raise CommandError(
            f"{option} {whole}: {year} is outside {cycle.code} ({cycle.start_year}-{cycle.end_year})"
        )
    return year


USER_HELP = "act as this user: show only what they may see, refuse what they may not do " \
            "(default: the operator of the machine, who sees everything)"


def user_named(username: str | None) -> Any:
    """The user ``--user`` names, or None (the operator) when it is not given."""
    if not username:
        return None
    from django.contrib.auth import get_user_model

    user = get_user_model().objects.filter(username=username).first()
    if user is None:
        raise CommandError(f"--user {username}: no user '{username}'")
    return user


def refused(username: str | None, error: Exception) -> CommandError:
    """A refusal of the permission rules as the command's error, naming the user."""
    return CommandError(f"{username}: {error}")
