"""Filters of the review pages."""

from __future__ import annotations

import datetime as dt

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


@register.filter
def iso_date(value: object) -> str:
    """A date or time kept in a snapshot as ISO text, as people read it (5 Mar 2029)."""
    if not value:
        return ""
    try:
        when = dt.datetime.fromisoformat(str(value))
    except ValueError:
        return str(value)
    return f"{when.day} {when:%b %Y}"
