"""Forms of the review pages. They shape what is typed; the services hold the rules."""

from __future__ import annotations

from typing import Any

from django import forms

from goldenthread.finance.choices import CostCategory
from goldenthread.plans.choices import Priority
from goldenthread.reviews.choices import ActionStatus, DecisionKind

QUARTERS = [(q, f"Q{q}") for q in range(1, 5)]


class ChoicesForm(forms.Form):
    def _set_choices(self, name: str, choices: list[Any]) -> None:
        field = self.fields[name]
        assert isinstance(field, forms.ChoiceField)
        field.choices = choices


class ReviewCreateForm(ChoicesForm):
    unit = forms.ChoiceField(label="Unit", help_text="with every unit below it")
    year = forms.TypedChoiceField(label="Year", coerce=int)
    quarter = forms.TypedChoiceField(label="Quarter", choices=QUARTERS, coerce=int)
    title = forms.CharField(label="Title", required=False, max_length=200)

    def __init__(self, *args: Any, units: list[tuple[str, str]], years: list[int], **kwargs: Any):
        super().__init__(*args, **kwargs)
        self._set_choices("unit", units)
        self._set_choices("year", [(y, str(y)) for y in years])


class NoteForm(forms.Form):
    text = forms.CharField(label="Note", widget=forms.Textarea(attrs={"rows": 3}))


class ActionForm(ChoicesForm):
    description = forms.CharField(label="What is to be done", max_length=500)
    owner = forms.ChoiceField(label="Owner")
    due = forms.DateField(label="Due", widget=forms.DateInput(attrs={"type": "date"}))

    def __init__(self, *args: Any, people: list[Any], **kwargs: Any):
        """``people``: (id, name) pairs, or (group, [(id, name), ...]) groups."""
        super().__init__(*args, **kwargs)
        self._set_choices("owner", [("", "Choose a person"), *people])


class ActionStatusForm(forms.Form):
    status = forms.ChoiceField(choices=ActionStatus.choices)


class LessonForm(ChoicesForm):
    title = forms.CharField(label="Lesson", max_length=200)
    what_happened = forms.CharField(label="What happened", widget=forms.Textarea(attrs={"rows": 3}))
    why = forms.CharField(label="Why", widget=forms.Textarea(attrs={"rows": 3}))
    next_time = forms.CharField(label="What to do next time", widget=forms.Textarea(attrs={"rows": 3}))
    tags = forms.CharField(label="Tags", required=False, help_text="words separated by commas or spaces")
    results = forms.CharField(label="Results it concerns", required=False,
                              help_text="codes separated by commas, e.g. OP1.1.1, O1.1")
    unit = forms.ChoiceField(label="Unit")

    def __init__(self, *args: Any, units: list[tuple[str, str]], **kwargs: Any):
        super().__init__(*args, **kwargs)
        self._set_choices("unit", units)

    def result_codes(self) -> list[str]:
        raw = self.cleaned_data.get("results") or ""
        return [c.strip() for c in raw.replace(";", ",").replace(" ", ",").split(",") if c.strip()]


# ------------------------------------------------------------------ decisions, one form per kind


class DecisionForm(forms.Form):
    rationale = forms.CharField(label="Why", required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args: Any, options: dict[str, list[tuple[str, str]]], **kwargs: Any):
        super().__init__(*args, **kwargs)
        for _name, field in self.fields.items():
            key = getattr(field, "options_key", None)
            if key:
                field.choices = [("", "Choose…"), *options.get(key, [])]  # type: ignore[attr-defined]
        # the parameters first, the rationale last
        self.order_fields([n for n in self.fields if n != "rationale"] + ["rationale"])

    def params(self) -> dict[str, Any]:
        return {k: v for k, v in self.cleaned_data.items() if k != "rationale"}


def _choice(label: str, key: str, required: bool = True) -> forms.ChoiceField:
    field = forms.ChoiceField(label=label, required=required)
    field.options_key = key  # type: ignore[attr-defined]
    return field


class ChangePriorityForm(DecisionForm):
    output = _choice("Output", "outputs")
    priority = forms.ChoiceField(label="New priority", choices=[("", "Choose…"), *Priority.choices])


class ChangeTargetForm(DecisionForm):
    indicator = _choice("Indicator", "indicators")
    period = forms.CharField(label="Period", help_text="a year (2030) or a quarter (2030-Q2)")
    value = forms.CharField(label="New target")


class MoveBudgetForm(DecisionForm):
    from_output = _choice("From output", "outputs")
    to_output = _choice("To output", "outputs")
    year = _choice("Year", "years")
    source = _choice("Funding source", "funds")
    category = forms.ChoiceField(label="Category", choices=[("", "Choose…"), *CostCategory.choices])
    amount = forms.CharField(label="Amount")


class DropOutputForm(DecisionForm):
    output = _choice("Output", "outputs")


class AddOutputForm(DecisionForm):
    code = forms.CharField(label="Code", max_length=32)
    title = forms.CharField(label="Title", max_length=500)
    parent = _choice("Serves", "parents")
    unit = _choice("Owner unit", "units")
    priority = forms.ChoiceField(label="Priority", required=False,
                                 choices=[("", "none"), *Priority.choices])


class EscalateRiskForm(DecisionForm):
    risk = _choice("Risk", "risks")
    to_unit = _choice("To unit", "above", required=False)
    reason = forms.CharField(label="Reason", required=False, max_length=500)


DECISION_FORMS: dict[str, type[DecisionForm]] = {
    DecisionKind.CHANGE_PRIORITY: ChangePriorityForm,
    DecisionKind.CHANGE_TARGET: ChangeTargetForm,
    DecisionKind.MOVE_BUDGET: MoveBudgetForm,
    DecisionKind.DROP_OUTPUT: DropOutputForm,
    DecisionKind.ADD_OUTPUT: AddOutputForm,
    DecisionKind.ESCALATE_RISK: EscalateRiskForm,
}
