"""The form of a new funding scenario: its name and rule, an envelope per year from all
sources together and, optionally, per funding source, and manual ranks.

The fields for envelopes are made from the cycle (one per year, one per year and fund),
so the form is drawn as a grid: sources down, years across.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from decimal import Decimal
from typing import Any

from django import forms
from django.core.exceptions import ValidationError

from goldenthread.finance.amounts import parse_amount
from goldenthread.finance.choices import ScenarioRule
from goldenthread.finance.models import SCENARIO_CODE
from goldenthread.finance.scenarios import Envelope
from goldenthread.plans.models import CODE_LENGTH, Cycle

RANK = re.compile(r"^\s*(?P<code>[^=\s]+)\s*=\s*(?P<rank>\S+)\s*$")


def _amount(text: str, where: str) -> Decimal | None:
    try:
        return parse_amount(text)
    except ValueError as error:
        message = str(error).replace("an amount cannot", "an envelope cannot")
        raise ValidationError(f"{where}: {message}") from None


class ScenarioForm(forms.Form):
    code = forms.CharField(
        max_length=CODE_LENGTH, help_text="a short code to find it by, e.g. EB80",
    )
    name = forms.CharField(max_length=200)
    rule = forms.ChoiceField(
        choices=ScenarioRule.choices, initial=ScenarioRule.COST,
        help_text="how outputs of one priority are ordered",
    )
    description = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 2}))
    ranks = forms.CharField(
        required=False, widget=forms.Textarea(attrs={"rows": 3}),
        help_text="for the manual rule: one OUTPUT=RANK a line, e.g. OP3.1.1=1",
    )

    def __init__(
        self, *args: Any, cycle: Cycle, funds: Mapping[str, str], taken: Sequence[str] = (),
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.cycle = cycle
        self.funds = dict(funds)
        self.taken = set(taken)
        self.years = list(cycle.years)
        for year in self.years:
            self.fields[f"env_{year}"] = forms.CharField(required=False, label=f"{year}")
            for fund in self.funds:
                self.fields[f"src_{fund}_{year}"] = forms.CharField(
                    required=False, label=f"{fund} {year}"
                )

    # -- the grid, for the template

    def grid(self) -> list[tuple[str, str, list[forms.BoundField]]]:
        """Rows of the envelope grid: (key, label, the year fields)."""
        rows = [("", "All sources together", [self[f"env_{y}"] for y in self.years])]
        for fund, name in self.funds.items():
            rows.append((fund, name, [self[f"src_{fund}_{y}"] for y in self.years]))
        return rows

    # -- checks

    def clean_code(self) -> str:
        code: str = self.cleaned_data["code"].strip()
        SCENARIO_CODE(code)
        if code in self.taken:
            raise ValidationError(f"A scenario {code} is saved already; choose another code.")
        return code

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        envelopes: list[Envelope] = []
        errors: list[str] = []
        for year in self.years:
            try:
                amount = _amount(self.data.get(self.add_prefix(f"env_{year}"), "") or "",
                                 f"All sources, {year}")
            except ValidationError as error:
                self.add_error(f"env_{year}", error)
                amount = None
            if amount is not None:
                envelopes.append(Envelope(year, None, amount))
            for fund in self.funds:
                name = f"src_{fund}_{year}"
                try:
                    amount = _amount(self.data.get(self.add_prefix(name), "") or "",
                                     f"{fund}, {year}")
                except ValidationError as error:
                    self.add_error(name, error)
                    amount = None
                if amount is not None:
                    envelopes.append(Envelope(year, fund, amount))
        if not envelopes and not self.errors:
            errors.append("Give at least one envelope: an amount for a year, from all sources "
                          "together or from one source.")
        ranks: dict[str, int] = {}
        for number, line in enumerate((data.get("ranks") or "").splitlines(), 1):
            if not line.strip():
                continue
            match = RANK.match(line)
            if match is None:
                self.add_error("ranks", f"Line {number}: write OUTPUT=RANK, e.g. OP3.1.1=1.")
                continue
            try:
                rank = int(match["rank"])
            except ValueError:
                self.add_error("ranks", f"Line {number}: '{match['rank']}' is not a whole number.")
                continue
            if rank < 1:
                self.add_error("ranks", f"Line {number}: ranks start at 1.")
                continue
            ranks[match["code"]] = rank
        if errors:
            raise ValidationError(errors)
        data["envelopes"] = envelopes
        data["rank_codes"] = ranks
        return data

    @staticmethod
    def initial_from(envelopes: Sequence[Envelope]) -> dict[str, str]:
        """Form values for ``envelopes`` (to pre-fill the grid)."""
        values = {}
        for env in envelopes:
            key = f"env_{env.year}" if env.source is None else f"src_{env.source}_{env.year}"
            values[key] = f"{env.amount:,.2f}"
        return values
