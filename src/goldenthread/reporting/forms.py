"""Forms of the reporting pages. They only gather what was typed; the rules (kind of
value, plausibility, locks, rights) live in ``reporting.services`` and ``quality``."""

from __future__ import annotations

from typing import Any

from django import forms

from goldenthread.indicators.models import Actual, Indicator

_HINTS = {
    "number": "A number.",
    "currency": "An amount in the plan's currency.",
    "ratio": "A ratio, such as 0.75.",
    "index": "The index's value.",
    "percent": "A percentage, 0 to 100.",
    "yes_no": "yes or no.",
    "qualitative": "Describe what was achieved.",
}


class EntryForm(forms.Form):
    value = forms.CharField(max_length=2000, required=False, strip=True)
    comment = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 3}), strip=True)
    link = forms.CharField(max_length=1000, required=False, strip=True, label="Evidence link")
    file = forms.FileField(required=False, label="Evidence file")

    def __init__(self, *args: Any, indicator: Indicator, actual: Actual | None = None,
                 **kwargs: Any) -> None:
        if actual is not None and not args:
            kwargs.setdefault("initial", {"value": _shown(indicator, actual), "comment": actual.comment})
        super().__init__(*args, **kwargs)
        self.indicator = indicator
        unit = indicator.unit_of_measure
        self.fields["value"].help_text = _HINTS.get(unit, "A number.")
        if unit == "qualitative":
            self.fields["value"].widget = forms.Textarea(attrs={"rows": 3})
        if unit == "percent" and indicator.allows_over_100:
            self.fields["value"].help_text = "A percentage; this indicator allows more than 100."
        self.fields["value"].widget.attrs["autocomplete"] = "off"
        if unit not in ("qualitative", "yes_no"):
            self.fields["value"].widget.attrs["inputmode"] = "decimal"
        self.fields["link"].widget.attrs.update({"placeholder": "https://", "inputmode": "url"})


def _shown(indicator: Indicator, actual: Actual) -> str:
    if indicator.unit_of_measure == "qualitative":
        return actual.text
    if actual.value is None:
        return ""
    if indicator.unit_of_measure == "yes_no":
        return "yes" if actual.value else "no"
    return f"{actual.value.normalize():f}"


class ReasonForm(forms.Form):
    reason = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 2}), strip=True)
