"""The sheets and columns of the operational-plan workbook (``goldenthread-workbook/1``).

One home for what each column is: its header, how a cell reads into a value,
how a plan-file record gives that value and takes it back, and how a value
compares with another. Pure code: no ORM and no spreadsheet library, so the
same rules serve the export, the import and the tests.

Values are *normalised* on every path in: text is ``str``, numbers and money
are ``Decimal``, years and scores ``int``, dates ``datetime.date``, a yes/no
indicator value ``bool``, parents a tuple of ``(code, weight)``, tags a tuple
of words, and an empty cell ``None``. Two values are the same when their
``canon`` texts are equal, so ``0.5`` and ``0.50``, or an empty method and
``weighted_mean``, never count as a change.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from decimal import Decimal, InvalidOperation
from typing import Any

from goldenthread.core.periods import Period, PeriodError
from goldenthread.finance.choices import REGULAR_BUDGET, CostCategory
from goldenthread.indicators.choices import (
    Aggregation,
    Computation,
    Direction,
    Frequency,
    UnitOfMeasure,
)
from goldenthread.plans.choices import Priority, ResultStatus, RollupMethod
from goldenthread.risks.choices import RiskCategory, RiskStatus

FORMAT = "goldenthread-workbook/1"
#: Significant digits a spreadsheet number holds exactly; money beyond it is written as text.
EXACT_DIGITS = 15
QUALITATIVE = UnitOfMeasure.QUALITATIVE.value
YES_NO = UnitOfMeasure.YES_NO.value

YES_WORDS = frozenset({"yes", "y", "true", "x", "1", "delete"})
NO_WORDS = frozenset({"no", "n", "false", "0"})


class CellError(ValueError):
    """A cell whose content cannot be read as its column's kind of value."""


def show(value: Any) -> str:
    """A cell's content as a problem quotes it."""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = str(value)
    if len(text) > 60:
        text = text[:57] + "..."
    return f'"{text}"'


# ------------------------------------------------------------------ normalising


def decimal_of(value: Any) -> Decimal:
    """A number from a plan record or a cell, exactly (floats through their repr)."""
    if isinstance(value, bool):
        raise CellError(f"{show(value)} is not a number")
    if isinstance(value, Decimal):
        return value
    if isinstance(value, int):
        return Decimal(value)
    if isinstance(value, float):
        return Decimal(repr(value))
    if isinstance(value, str):
        text = value.strip()
        try:
            number = Decimal(text)
        except InvalidOperation:
            raise CellError(f"{show(value)} is not a number") from None
        if not number.is_finite() or not re.fullmatch(r"[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?", text):
            raise CellError(f"{show(value)} is not a number")
        return number
    raise CellError(f"{show(value)} is not a number")


def plain(number: Decimal) -> str:
    """A decimal without exponent or trailing zeros: ``12000``, ``0.5``."""
    text = format(number.normalize(), "f")
    return "0" if text in ("-0", "") else text


def json_number(number: Decimal) -> int | float | str:
    """A decimal as a plan-file number: an int when whole, else a float, which the
    plan file reads back exactly through its repr; text beyond a float's digits."""
    if number == number.to_integral_value():
        return int(number)
    if len(number.normalize().as_tuple().digits) > EXACT_DIGITS:
        return plain(number)
    return float(number)


def canon(value: Any) -> str:
    """The text two values are compared by (and hashed by)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, Decimal):
        return plain(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, tuple):
        if value and isinstance(value[0], tuple):  # parents: their order does not matter
            return "; ".join(
                code if weight == 1 else f"{code}*{plain(weight)}"
                for code, weight in sorted(value)
            )
        return "; ".join(str(part) for part in value)
    return str(value)


def digest(text: str) -> str:
    """A short fingerprint of a canonical value, kept in the workbook to tell later
    which cells the planner changed."""
    return hashlib.blake2b(text.encode("utf-8"), digest_size=5).hexdigest()


# ------------------------------------------------------------------ cell readers


def _text(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, dt.datetime):
        value = value.date() if value.time() == dt.time() else value
    if isinstance(value, dt.date):
        return value.isoformat()
    text = str(value)
    return text if text.strip() else None


def read_text(value: Any, column: Column) -> str | None:
    return _text(value)


def read_code(value: Any, column: Column) -> str | None:
    text = _text(value)
    return None if text is None else text.strip()


def read_enum(value: Any, column: Column) -> str | None:
    """A code of a closed vocabulary, also given as its label or in other case;
    anything else passes through for the plan checks to name the words allowed."""
    text = read_code(value, column)
    if text is None:
        return None
    folded = text.casefold()
    for code, label in column.choices:
        if folded in (code.casefold(), label.casefold()):
            return code
    return text


def read_int(value: Any, column: Column) -> int | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, bool):
        raise CellError(f"{show(value)} is not a whole number")
    if isinstance(value, int):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, str) and re.fullmatch(r"\s*[+-]?\d+(\.0*)?\s*", value):
        return int(Decimal(value.strip()))
    raise CellError(f"{show(value)} is not a whole number")


def read_number(value: Any, column: Column) -> Decimal | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, dt.date | dt.datetime):
        raise CellError(f"{show(value)} is a date, not a number")
    return decimal_of(value)


def read_date(value: Any, column: Column) -> dt.date | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value.strip())
        except ValueError:
            pass
    raise CellError(f"{show(value)} is not a date (YYYY-MM-DD)")


def read_flag(value: Any, column: Column) -> bool:
    if value is None:
        return False
    if isinstance(value, bool):
        return value
    text = str(int(value) if isinstance(value, float) and value.is_integer() else value)
    word = text.strip().casefold()
    if not word or word in NO_WORDS:
        return False
    if word in YES_WORDS:
        return True
    raise CellError(f"{show(value)}: write yes to delete the row, or leave the cell empty")


def read_tags(value: Any, column: Column) -> tuple[str, ...] | None:
    text = _text(value)
    if text is None:
        return None
    tags = tuple(t.strip() for t in re.split(r"[;\n]", text) if t.strip())
    return tags or None


_PARENT = re.compile(r"^(?P<code>[^*\s]+)\s*(?:\*\s*(?P<weight>\S+))?$")


def read_parents(value: Any, column: Column) -> tuple[tuple[str, Decimal], ...] | None:
    """``O1.1; O1.2*0.5``: parent codes (or a computed indicator's sources), each with its
    weight after a star (default 1)."""
    text = _text(value)
    if text is None:
        return None
    what = "source" if column.key == "computed_from" else "parent"
    example = "K1; K2*0.5" if what == "source" else "O1.1; O1.2*0.5"
    parents = []
    for part in re.split(r"[;\n]", text):
        part = part.strip()
        if not part:
            continue
        match = _PARENT.match(part)
        if not match:
            raise CellError(
                f"{show(part)} is not a {what}: write its code, with *weight after it if the "
                f"weight is not 1 ({example})"
            )
        weight = Decimal(1)
        if match.group("weight") is not None:
            try:
                weight = decimal_of(match.group("weight"))
            except CellError:
                raise CellError(
                    f"{show(part)}: the weight {show(match.group('weight'))} is not a number"
                ) from None
        parents.append((match.group("code"), weight))
    return tuple(parents) or None


def read_value(value: Any, column: Column, unit: str) -> Any:
    """An indicator value as its unit of measure takes it."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if unit == QUALITATIVE:
        return _text(value)
    if unit == YES_NO:
        if isinstance(value, bool):
            return value
        word = str(int(value) if isinstance(value, float) and value.is_integer() else value)
        word = word.strip().casefold()
        if word in ("yes", "y", "true", "1"):
            return True
        if word in ("no", "n", "false", "0"):
            return False
        raise CellError(f"{show(value)} is not yes or no (the indicator is yes_no)")
    return read_number(value, column)


# ------------------------------------------------------- plan-record accessors


def _value_of(raw: Any) -> Any:
    """A plan-file indicator value, normalised."""
    if raw is None or isinstance(raw, bool | str):
        return raw
    return decimal_of(raw)


def _plan_value(value: Any) -> Any:
    if isinstance(value, Decimal):
        return json_number(value)
    return value


@dataclass(frozen=True)
class Column:
    """One column of a sheet."""

    key: str  # the field name problems show, and the plan key when ``path`` is simple
    header: str
    kind: str  # code text enum int number money date flag tags parents value
    width: int = 14
    required: bool = False  # a new row must fill it
    identity: bool = False  # part of the row's key
    readonly: bool = False  # shown for reference; the import does not read it
    vocab: str = ""  # the drop-down list (a name in LISTS, or "results")
    choices: tuple[tuple[str, str], ...] = ()
    default: Any = None  # the value an empty cell means
    number_format: str = ""
    help: str = ""
    path: tuple[str, ...] = ()  # where the value sits in a plan record (default: (key,))

    @property
    def where(self) -> tuple[str, ...]:
        return self.path or (self.key,)

    def read(self, value: Any, unit: str = "number") -> Any:
        """The cell's value, normalised; ``CellError`` when it cannot be read."""
        if self.kind == "value":
            return read_value(value, self, unit)
        return READERS[self.kind](value, self)

    def same(self, a: Any, b: Any) -> bool:
        return self.canon(a) == self.canon(b)

    def canon(self, value: Any) -> str:
        return canon(self.default if value is None or value == "" else value)

    def get(self, record: dict[str, Any]) -> Any:
        """This column's value in a plan record (as ``plan_dump`` writes records)."""
        node: Any = record
        for step in self.where:
            if not isinstance(node, dict) or step not in node:
                return None
            node = node[step]
        return self.normalise(node)

    def normalise(self, raw: Any) -> Any:
        if raw is None:
            return None
        kind = self.kind
        if kind in ("number", "money"):
            return decimal_of(raw)
        if kind == "value":
            return _value_of(raw)
        if kind == "date":
            return dt.date.fromisoformat(raw) if isinstance(raw, str) else raw
        if kind == "tags":
            return tuple(raw) or None
        if kind == "parents":  # a plan's parents, or a computed indicator's sources
            return tuple(
                (p, Decimal(1)) if isinstance(p, str) else (p["code"], decimal_of(p.get("weight", 1)))
                for p in raw
            ) or None
        return raw

    def put(self, record: dict[str, Any], value: Any) -> None:
        """Set this column's value into a plan record (None removes it)."""
        *parents, last = self.where
        node = record
        for step in parents:
            node = node.setdefault(step, {})
        if value is None or value == "":
            node.pop(last, None)
            return
        if self.kind == "parents" and self.key == "computed_from":
            node[last] = [code if weight == 1 else {"code": code, "weight": json_number(weight)}
                          for code, weight in value]
        elif self.kind == "parents":
            kept = {p["code"]: p for p in record.get("parents") or ()}
            links = []
            for code, weight in value:
                link: dict[str, Any] = {"code": code}
                if weight != 1:
                    link["weight"] = json_number(weight)
                assumption = (kept.get(code) or {}).get("assumption")
                if assumption:
                    link["assumption"] = assumption
                links.append(link)
            node[last] = links
        elif self.kind == "tags":
            node[last] = list(value)
        elif self.kind == "date":
            node[last] = value.isoformat()
        else:
            node[last] = _plan_value(value)


READERS: dict[str, Callable[[Any, Column], Any]] = {
    "code": read_code, "text": read_text, "enum": read_enum, "int": read_int,
    "number": read_number, "money": read_number, "date": read_date, "flag": read_flag,
    "tags": read_tags, "parents": read_parents,
}


def _choices(choices: Any) -> tuple[tuple[str, str], ...]:
    return tuple((str(value), str(label)) for value, label in choices.choices)


DELETE = Column(
    "delete", "Delete", "flag", width=9, vocab="delete",
    help="yes: delete this record when the workbook is imported. A row simply removed "
         "from the sheet is left unchanged.",
)


@dataclass(frozen=True)
class Sheet:
    """An editable sheet: one row per record of a plan section."""

    name: str
    section: str  # the plan-file list the rows are records of
    noun: str
    columns: tuple[Column, ...]
    help: str = ""
    dynamic: tuple[Column, ...] = field(default=())  # period columns, made per workbook

    @property
    def identity(self) -> tuple[Column, ...]:
        return tuple(c for c in self.columns if c.identity)

    def identity_of(self, values: dict[str, Any]) -> tuple[str, ...]:
        return tuple(c.canon(values.get(c.key)) for c in self.identity)

    def identity_of_record(self, record: dict[str, Any]) -> tuple[str, ...]:
        return tuple(c.canon(c.get(record)) for c in self.identity)


RESULTS = Sheet(
    "Results", "results", "result",
    (
        Column("code", "Code", "code", 12, required=True, identity=True, number_format="@",
               help="The result's code, unique in the cycle (e.g. O1.1). It identifies the "
                    "row: a new code adds a result."),
        Column("level", "Level", "code", 12, required=True, vocab="levels", number_format="@",
               help="The framework level (see Lists)."),
        Column("title", "Title", "text", 48, required=True),
        Column("unit", "Unit", "code", 12, required=True, vocab="units", number_format="@",
               help="The owning unit's code (see Lists)."),
        Column("person", "Person", "code", 12, vocab="people", number_format="@",
               help="The owning person's code, for a work-plan item (tier 4); empty for none."),
        Column("priority", "Priority", "enum", 10, vocab="priority",
               choices=_choices(Priority), help="MoSCoW priority of an output."),
        Column("method", "Method", "enum", 15, vocab="method",
               choices=_choices(RollupMethod), default=RollupMethod.WEIGHTED_MEAN.value,
               help="How the result's score rolls up (default weighted_mean)."),
        Column("status", "Status", "enum", 11, vocab="result_status",
               choices=_choices(ResultStatus), default=ResultStatus.ACTIVE.value),
        Column("parents", "Parents", "parents", 24, number_format="@",
               help="The results this one contributes to, separated by ';', each with *weight "
                    "when its weight is not 1: O1.1; O1.2*0.5"),
        Column("tags", "Tags", "tags", 18, help="SDG targets and themes, separated by ';'."),
        Column("description", "Description", "text", 40),
        DELETE,
    ),
    help="One row per result of the cascade (goals, outcomes, outputs, activities).",
)

INDICATORS = Sheet(
    "Indicators", "indicators", "indicator",
    (
        Column("code", "Code", "code", 12, required=True, identity=True, number_format="@"),
        Column("result", "Result", "code", 12, required=True, vocab="results", number_format="@",
               help="The code of the result measured."),
        Column("name", "Name", "text", 40, required=True),
        Column("unit", "Unit of measure", "enum", 13, vocab="unit_of_measure",
               choices=_choices(UnitOfMeasure), default=UnitOfMeasure.NUMBER.value),
        Column("direction", "Direction", "enum", 11, vocab="direction",
               choices=_choices(Direction), default=Direction.INCREASE.value),
        Column("aggregation", "Aggregation", "enum", 13, vocab="aggregation",
               choices=_choices(Aggregation), default=Aggregation.SUM.value),
        Column("weight", "Weight", "number", 8, default=Decimal(1),
               help="The indicator's weight in its result's score (default 1)."),
        Column("baseline_year", "Baseline year", "int", 9, path=("baseline", "year"),
               help="The year of the baseline; empty means the cycle's baseline year."),
        Column("baseline", "Baseline", "value", 11, path=("baseline", "value"),
               help="The baseline value: a number, yes/no, or text for a qualitative indicator."),
        # Target and actual columns, one per period, come here (see period_columns).
        Column("frequency", "Frequency", "enum", 11, vocab="frequency",
               choices=_choices(Frequency), default=Frequency.ANNUAL.value),
        Column("responsible", "Responsible", "code", 12, vocab="people", number_format="@",
               help="The code of the person responsible."),
        Column("sdg", "SDG", "code", 9, number_format="@", help="SDG indicator code, e.g. 9.c.1."),
        Column("definition", "Definition", "text", 36),
        Column("means_of_verification", "Means of verification", "text", 28),
        Column("collection_method", "Collection method", "text", 24),
        Column("computation", "Computation", "enum", 13, vocab="computation",
               choices=_choices(Computation),
               help="For a computed indicator: how its values come from its sources' "
                    "(sum, mean, weighted_mean, min, max, latest, cumulative). Empty: its "
                    "values are entered by people."),
        Column("computed_from", "Computed from", "parents", 20, number_format="@",
               help="The indicators a computed indicator is computed from, separated by ';', "
                    "each with *weight when its weight is not 1: K1; K2*0.5"),
        DELETE,
    ),
    help="One row per indicator with its reference sheet, baseline and a column per target "
         "period; actual columns are shown for reference.",
)
#: Where the period columns go in the Indicators sheet (after the baseline).
PERIODS_AFTER = "baseline"

COSTS = Sheet(
    "Cost lines", "costs", "cost line",
    (
        Column("result", "Result", "code", 12, required=True, identity=True, vocab="results",
               number_format="@", help="The code of the result costed (usually an output)."),
        Column("result_title", "Result title", "text", 36, readonly=True),
        Column("year", "Year", "int", 7, required=True, identity=True, number_format="0"),
        Column("category", "Category", "enum", 22, required=True, identity=True,
               vocab="cost_category", choices=_choices(CostCategory)),
        Column("source", "Source", "code", 16, identity=True, vocab="funds", number_format="@",
               default=REGULAR_BUDGET,
               help="Funding source: regular_budget (the default) or a fund's code (see Lists)."),
        Column("amount", "Amount", "money", 15, required=True, number_format="#,##0.00",
               help="The estimated cost in the cycle's currency, 2 decimal places at most."),
        Column("description", "Description", "text", 36),
        DELETE,
    ),
    help="One row per cost line: a result's estimated cost in a year, by category and "
         "funding source. Result, year, category and source identify the row.",
)

ALLOCATIONS = Sheet(
    "Allocations", "allocations", "allocation",
    (
        Column("person", "Person", "code", 12, required=True, identity=True, vocab="people",
               number_format="@"),
        Column("person_name", "Person name", "text", 24, readonly=True),
        Column("result", "Result", "code", 12, required=True, identity=True, vocab="results",
               number_format="@", help="The code of the result (usually an activity)."),
        Column("result_title", "Result title", "text", 36, readonly=True),
        Column("year", "Year", "int", 7, required=True, identity=True, number_format="0"),
        Column("share", "Share", "number", 9, required=True, number_format="0.00##",
               help="Share of the person's year, above 0 and at most 1 (0.25 is a quarter)."),
        Column("personnel_cost", "Personnel cost", "money", 15, readonly=True,
               number_format="#,##0.00",
               help="Share x the standard cost of the person's grade that year."),
        DELETE,
    ),
    help="One row per allocation of a person's time to a result in a year. Person, result "
         "and year identify the row.",
)

RISKS = Sheet(
    "Risks", "risks", "risk",
    (
        Column("code", "Code", "code", 10, required=True, identity=True, number_format="@"),
        Column("unit", "Unit", "code", 12, required=True, vocab="units", number_format="@"),
        Column("result", "Result", "code", 12, vocab="results", number_format="@"),
        Column("category", "Category", "enum", 13, required=True, vocab="risk_category",
               choices=_choices(RiskCategory)),
        Column("title", "Title", "text", 40, required=True),
        Column("likelihood", "Likelihood", "int", 10, required=True, vocab="scale",
               number_format="0", help="Inherent likelihood, 1 to 5."),
        Column("impact", "Impact", "int", 8, required=True, vocab="scale", number_format="0",
               help="Inherent impact, 1 to 5."),
        Column("residual_likelihood", "Residual likelihood", "int", 10, vocab="scale",
               number_format="0", help="After treatment, 1 to 5; give both residual values or neither."),
        Column("residual_impact", "Residual impact", "int", 9, vocab="scale", number_format="0",
               help="After treatment, 1 to 5; give both residual values or neither."),
        Column("owner", "Owner", "code", 12, vocab="people", number_format="@"),
        Column("treatment", "Treatment", "text", 32),
        Column("status", "Status", "enum", 9, vocab="risk_status", choices=_choices(RiskStatus),
               default=RiskStatus.OPEN.value),
        Column("last_reviewed", "Last reviewed", "date", 12, number_format="yyyy-mm-dd"),
        Column("description", "Description", "text", 36),
        DELETE,
    ),
    help="The risk register: one row per risk.",
)

SHEETS = (RESULTS, INDICATORS, COSTS, ALLOCATIONS, RISKS)
SHEET_BY_NAME = {sheet.name: sheet for sheet in SHEETS}


def target_column(period: Period) -> Column:
    return Column(
        f"targets.{period}", f"Target {period}", "value", 11, path=("targets", str(period)),
        help=f"The target for {period}; empty for none.",
    )


def actual_column(period: Period) -> Column:
    return Column(
        f"actuals.{period}", f"Actual {period}", "value", 11, readonly=True,
        path=("actuals", str(period)),
        help=f"The actual reported for {period}, for reference: actuals are reported and "
             f"approved in Golden Thread, not imported.",
    )


_PERIOD_HEADER = re.compile(r"^(target|actual)\s+(\S+)$", re.IGNORECASE)


def period_header(header: str) -> Column | None:
    """The target or actual column a header names; ``CellError`` for a bad period."""
    match = _PERIOD_HEADER.match(header.strip())
    if not match:
        return None
    try:
        period = Period.parse(match.group(2))
    except PeriodError:
        raise CellError(
            f"{show(header)}: {match.group(2)!r} is not a period; write Target 2029 or "
            f"Target 2029-Q2"
        ) from None
    return target_column(period) if match.group(1).lower() == "target" else actual_column(period)


def period_header_text(key: str) -> str:
    """The header of a period column from its key: ``targets.2029`` -> ``Target 2029``."""
    kind, _, period = key.partition(".")
    return f"{'Target' if kind == 'targets' else 'Actual'} {period}"


def indicator_columns(targets: list[Period], actuals: list[Period]) -> tuple[Column, ...]:
    """The Indicators sheet's columns with a target column per period in ``targets`` and
    an actual column per period in ``actuals``, after the baseline."""
    out: list[Column] = []
    for column in INDICATORS.columns:
        out.append(column)
        if column.key == PERIODS_AFTER:
            out.extend(target_column(p) for p in targets)
            out.extend(actual_column(p) for p in actuals)
    return tuple(out)


def with_columns(sheet: Sheet, columns: tuple[Column, ...]) -> Sheet:
    return replace(sheet, columns=columns)


def header_key(text: str) -> str:
    """How headers are matched: case, spaces and underscores do not matter."""
    return re.sub(r"[\s_]+", " ", text).strip().casefold()


#: The closed vocabularies, for the Lists sheet, the drop-downs and the About sheet.
VOCABULARIES: tuple[tuple[str, str, tuple[tuple[str, str], ...]], ...] = (
    ("priority", "Priority (results)", _choices(Priority)),
    ("method", "Method (results)", _choices(RollupMethod)),
    ("result_status", "Status (results)", _choices(ResultStatus)),
    ("unit_of_measure", "Unit of measure (indicators)", _choices(UnitOfMeasure)),
    ("direction", "Direction (indicators)", _choices(Direction)),
    ("aggregation", "Aggregation (indicators)", _choices(Aggregation)),
    ("frequency", "Frequency (indicators)", _choices(Frequency)),
    ("computation", "Computation (indicators)", _choices(Computation)),
    ("cost_category", "Category (cost lines)", _choices(CostCategory)),
    ("risk_category", "Category (risks)", _choices(RiskCategory)),
    ("risk_status", "Status (risks)", _choices(RiskStatus)),
    ("scale", "Likelihood and impact (risks)", tuple(
        (str(n), label) for n, label in
        ((1, "rare / minimal"), (2, "unlikely / minor"), (3, "possible / moderate"),
         (4, "likely / major"), (5, "almost certain / severe"))
    )),
    ("delete", "Delete (every sheet)", (("yes", "delete the record on import"),)),
)
