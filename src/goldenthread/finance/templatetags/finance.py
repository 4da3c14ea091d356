"""Small filters of the finance pages."""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal

from django import template

register = template.Library()


@register.filter
def sum_values(values: Iterable[Decimal]) -> Decimal:
    """The sum of amounts (a mapping's ``values``)."""
    return sum(values, Decimal(0))


@register.filter
def percent_of(share: float | None) -> str:
    """A share 0-1 as a percentage with one decimal: 0.1234 -> '12.3%'."""
    if share is None:
        return ""
    return f"{share * 100:.1f}%"
