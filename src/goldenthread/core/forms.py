"""Forms of the shared pages: the audit-log search."""

from __future__ import annotations

from typing import Any

from django import forms

from goldenthread.core.choices import AuditAction
from goldenthread.core.selectors import audit_object_types


class AuditFilterForm(forms.Form):
    """Search the audit log by person, kind of record, record, action, cycle and dates."""

    actor = forms.CharField(
        required=False, max_length=150, label="Person",
        widget=forms.TextInput(attrs={"type": "search", "list": "audit-actors",
                                      "placeholder": "user name or name"}),
    )
    object_type = forms.ChoiceField(required=False, label="Kind of record")
    text = forms.CharField(
        required=False, max_length=200, label="Record",
        widget=forms.TextInput(attrs={"type": "search", "placeholder": "code, title or id"}),
    )
    action = forms.ChoiceField(
        required=False, label="Action", choices=[("", "Any action"), *AuditAction.choices]
    )
    cycle = forms.ChoiceField(required=False, label="Cycle")
    date_from = forms.DateField(
        required=False, label="From", widget=forms.DateInput(attrs={"type": "date"})
    )
    date_to = forms.DateField(
        required=False, label="To", widget=forms.DateInput(attrs={"type": "date"})
    )

    def __init__(self, *args: Any, cycles: list[str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["object_type"].choices = [("", "Any kind"), *audit_object_types()]  # type: ignore[attr-defined]
        self.fields["cycle"].choices = [("", "Any cycle"), *((c, c) for c in cycles)]  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("date_from"), data.get("date_to")
        if start and end and start > end:
            self.add_error("date_to", "The end date is before the start date.")
        return data
