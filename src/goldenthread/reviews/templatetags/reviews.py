"""Filters of the review pages."""

from __future__ import annotations

from django import template

register = template.Library()


@register.filter
def rate(value: object) -> str:
    """A share as a whole percentage: 0.5433 -> '54%'; nothing -> a dash."""
    if value is None or value == "":
        return "\u2013"
    return f"{float(str(value)) * 100:.0f}%"


@register.filter
def param_items(params: dict[str, object]) -> list[tuple[str, object]]:
    """A decision's parameters as (words, value), leaving out the empty ones."""
    return [(key.replace("_", " "), value) for key, value in params.items() if value not in ("", None)]
