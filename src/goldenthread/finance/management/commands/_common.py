"""What the finance commands share: the output stream, the console, reading amounts."""

from __future__ import annotations

import json
import shutil
import sys
from decimal import Decimal
from typing import Any

from django.core.management.base import BaseCommand, CommandError
from rich.console import Console

from goldenthread.finance import amounts
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
    try:
        value = amounts.parse_amount(text)
    except ValueError as error:
        raise CommandError(f"{option} {whole}: {error}") from None
    if value is None:
        raise CommandError(f"{option} {whole}: no amount")
    return value


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
