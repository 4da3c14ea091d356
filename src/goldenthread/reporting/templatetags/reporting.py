from __future__ import annotations

from django import template

from goldenthread.indicators.models import Actual

register = template.Library()


@register.simple_tag
def value_of(actual: Actual | None) -> str:
    """A reported value as people read it: yes/no, text, or the number (with % for a
    percentage)."""
    if actual is None:
        return "—"
    unit = actual.indicator.unit_of_measure
    if unit == "qualitative":
        return actual.text
    if actual.value is None:
        return "—"
    if unit == "yes_no":
        return "yes" if actual.value else "no"
    number = actual.value.normalize()
    shown = f"{number:,f}" if abs(number) >= 1000 else f"{number:f}"
    return f"{shown}%" if unit == "percent" else shown
