"""The operational-plan workbook: a cycle's plan as an XLSX a planner edits and imports back.

``workbook_export(cycle)`` writes the results, indicators with their targets, cost
lines, allocations and risks of a cycle, one sheet each, with an About sheet, the
lists behind the drop-downs, and a hidden sheet of fingerprints of every exported
cell. ``workbook_import(cycle, file, actor=...)`` reads it back and updates the
cycle in place through the audited services:

- a row whose key (code, or result/year/category/source...) is new creates a record,
  a changed row updates it, a row marked ``Delete = yes`` deletes it; a record with
  no row is left unchanged and reported so;
- the fingerprints tell which cells the planner changed: a cell left as exported
  never overwrites what someone changed in Golden Thread since the export, and a
  cell changed on both sides is a conflict, reported, never silently resolved;
- every problem is reported by sheet, row and column, all at once, and nothing is
  written when there is one. The plan's own rules are not written twice: the
  edited plan is checked as a plan file (``validate_plan``) and each problem's
  place (``results[12].parents[0].code``) is mapped back to its cell.

The column definitions live in ``interop/sheets.py``; the writes in ``interop/sync.py``.
"""

from __future__ import annotations

import copy
import datetime as dt
import io
import itertools
import json
import re
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import IO, Any

from django.db import transaction
from django.utils import timezone

from goldenthread.core import permissions
from goldenthread.core.audit import Actor, ActorLike, actor_fields
from goldenthread.core.periods import Period
from goldenthread.indicators.choices import ActualStatus
from goldenthread.indicators.models import Actual
from goldenthread.interop import sheets as S
from goldenthread.interop.planfile import PlanFileError, validate_plan
from goldenthread.interop.services import plan_dump
from goldenthread.interop.sheets import CellError, Column, Sheet
from goldenthread.plans.models import Cycle

BASE_SHEET = "_base"
LISTS_SHEET = "Lists"
ABOUT_SHEET = "About"
FILE_PROBLEM = "workbook"
MAX_ROWS_WITH_DROPDOWNS = 1_048_576

# --------------------------------------------------------------------------- report


@dataclass(frozen=True)
class Problem:
    """One thing that stops an import, and where it is (``Cost lines!D14 (amount)``)."""

    sheet: str
    row: int | None
    column: str | None  # the column letter, when the column is in the workbook
    field: str  # the column's field name, or ""
    message: str

    @property
    def cell(self) -> str:
        if self.row is None:
            return ""
        return f"{self.column}{self.row}" if self.column else f"row {self.row}"

    def __str__(self) -> str:
        if not self.sheet:
            return self.message
        where = self.sheet
        if self.row is not None:
            where = f"{self.sheet}!{self.cell}" if self.column else f"{self.sheet} row {self.row}"
        if self.field:
            where += f" ({self.field})"
        return f"{where}: {self.message}"


@dataclass(frozen=True)
class Change:
    """A record the import creates, updates or deletes, with the cells that changed."""

    action: str  # create, update, delete
    sheet: str
    row: int
    noun: str
    key: str
    fields: tuple[tuple[str, str, str], ...] = ()  # (header, before, after)

    def __str__(self) -> str:
        verb = {"create": "created", "update": "updated", "delete": "deleted"}[self.action]
        head = f"{self.sheet} row {self.row}: {verb} {self.noun} {self.key}"
        if self.action != "update" or not self.fields:
            return head
        shown = "; ".join(
            f"{name} {_quote(before)} → {_quote(after)}" for name, before, after in self.fields
        )
        return f"{head}: {shown}"


def _quote(text: str) -> str:
    if text == "":
        return "(empty)"
    return f"'{text}'" if len(text) <= 60 else f"'{text[:57]}...'"


@dataclass
class ImportReport:
    """What an import found and did (or, with ``dry_run``, would do)."""

    cycle: str = ""
    source: str = ""
    dry_run: bool = False
    problems: list[Problem] = field(default_factory=list)
    changes: list[Change] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    #: Per sheet, the keys of records that have no row in the workbook (left unchanged).
    unchanged: dict[str, list[str]] = field(default_factory=dict)
    written: bool = False

    @property
    def ok(self) -> bool:
        return not self.problems

    def counts(self) -> dict[str, dict[str, int]]:
        out: dict[str, dict[str, int]] = {}
        for change in self.changes:
            per = out.setdefault(change.sheet, {"create": 0, "update": 0, "delete": 0})
            per[change.action] += 1
        return out

    def totals(self) -> dict[str, int]:
        totals = {"create": 0, "update": 0, "delete": 0}
        for change in self.changes:
            totals[change.action] += 1
        return totals

    def summary(self, *, detail: int = 50) -> list[str]:
        """The report as lines of text, as the command prints it."""
        name = self.source or "the workbook"
        if self.problems:
            count = len(self.problems)
            refused = [str(p) for p in self.problems]
            refused.append(f"{name}: {count} problem{'s' if count != 1 else ''}; nothing was imported")
            return refused
        totals = self.totals()
        lines: list[str] = []
        if not self.changes:
            lines.append(f"No changes: {name} matches the plan {self.cycle}.")
        else:
            verb = "Would import" if self.dry_run else "Imported"
            lines.append(
                f"{verb} {name} into {self.cycle}: {totals['create']} created, "
                f"{totals['update']} updated, {totals['delete']} deleted."
            )
            for sheet, per in self.counts().items():
                parts = [f"{n} {word}" for word, n in (
                    ("created", per["create"]), ("updated", per["update"]),
                    ("deleted", per["delete"])) if n]
                lines.append(f"  {sheet}: {', '.join(parts)}")
            for change in self.changes[:detail]:
                lines.append(f"  {change}")
            if len(self.changes) > detail:
                lines.append(f"  ... and {len(self.changes) - detail} more")
        for sheet, keys in self.unchanged.items():
            shown = ", ".join(keys[:5]) + (f" and {len(keys) - 5} more" if len(keys) > 5 else "")
            lines.append(f"Left unchanged: {len(keys)} {sheet.lower()} not in the workbook ({shown})")
        lines.extend(f"Note: {note}" for note in self.notes)
        if self.dry_run and self.changes:
            lines.append("Dry run: nothing was written.")
        return lines


# --------------------------------------------------------------------------- rows


def _natural(code: str) -> tuple[Any, ...]:
    return tuple(int(p) if p.isdigit() else p for p in re.split(r"(\d+)", code))


@dataclass
class _Table:
    """The rows a sheet shows for the plan as it is in the database."""

    sheet: Sheet
    rows: list[tuple[tuple[str, ...], dict[str, Any], dict[str, Any]]]  # identity, values, record

    def index(self) -> dict[tuple[str, ...], tuple[dict[str, Any], dict[str, Any]]]:
        return {identity: (values, record) for identity, values, record in self.rows}


def _periods(items: Iterable[dict[str, Any]], key: str) -> set[Period]:
    found: set[Period] = set()
    for item in items:
        found.update(Period.parse(p) for p in item.get(key) or ())
    return found


def plan_tables(doc: dict[str, Any]) -> dict[str, _Table]:
    """Each sheet's rows for a plan document, in the order the workbook shows them."""
    cycle = doc["cycle"]
    years = [Period(y) for y in range(cycle["start_year"], cycle["end_year"] + 1)]
    indicators = doc.get("indicators") or []
    targets = sorted(set(years) | _periods(indicators, "targets"))
    actuals = sorted(_periods(indicators, "actuals"))
    sheets = {
        S.RESULTS.name: S.RESULTS,
        S.INDICATORS.name: S.with_columns(S.INDICATORS, S.indicator_columns(targets, actuals)),
        S.COSTS.name: S.COSTS, S.ALLOCATIONS.name: S.ALLOCATIONS, S.RISKS.name: S.RISKS,
    }
    rank = {level["code"]: i for i, level in enumerate(doc["levels"])}
    title = {r["code"]: r["title"] for r in doc.get("results") or ()}
    person = {p["code"]: p for p in doc.get("people") or ()}
    grade_cost = {
        (g["code"], int(year)): Decimal(amount)
        for g in doc.get("grades") or () for year, amount in (g.get("annual_cost") or {}).items()
    }
    order = {
        "results": lambda r: (rank.get(r["level"], 99), _natural(r["code"])),
        "indicators": lambda r: _natural(r["code"]),
        "costs": lambda r: (_natural(r["result"]), r["year"], r["category"], r.get("source", "")),
        "allocations": lambda r: (_natural(r["person"]), r["year"], _natural(r["result"])),
        "risks": lambda r: _natural(r["code"]),
    }
    tables = {}
    for name, sheet in sheets.items():
        rows = []
        for record in sorted(doc.get(sheet.section) or (), key=order[sheet.section]):
            values = {c.key: c.get(record) for c in sheet.columns if c.kind != "flag"}
            if "result_title" in values:
                values["result_title"] = title.get(record["result"])
            if sheet.section == "allocations":
                who = person.get(record["person"]) or {}
                values["person_name"] = who.get("name")
                cost = grade_cost.get((who.get("grade"), record["year"]))
                values["personnel_cost"] = (
                    None if cost is None
                    else (cost * S.decimal_of(record["share"])).quantize(Decimal("0.01"))
                )
            rows.append((sheet.identity_of_record(record), values, record))
        tables[name] = _Table(sheet, rows)
    return tables


def _base_digests(sheet: Sheet, values: dict[str, Any]) -> dict[str, str]:
    return {
        c.key: S.digest(c.canon(values.get(c.key)))
        for c in sheet.columns if _editable(c)
    }


def _editable(column: Column) -> bool:
    return not (column.readonly or column.identity or column.kind == "flag")


# --------------------------------------------------------------------------- export


def _actor_label(user: ActorLike | None) -> str:
    if user is None:
        return Actor.cli().label
    return actor_fields(user)[1]


def _cell_value(column: Column, value: Any) -> Any:
    if value is None:
        return None
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, Decimal):
        if len(value.normalize().as_tuple().digits) > S.EXACT_DIGITS:
            return S.plain(value)  # more digits than a spreadsheet number holds: text, exactly
        return int(value) if value == value.to_integral_value() else float(value)
    if isinstance(value, tuple):
        return S.canon(value)
    return value


class _Styles:
    def __init__(self) -> None:
        from openpyxl.styles import Alignment, Border, Font, PatternFill, Side

        self.head_font = Font(bold=True, color="F4EAD0")
        self.head_fill = PatternFill("solid", fgColor="2B2619")
        self.ro_head_font = Font(bold=True, color="4D4B45")
        self.ro_head_fill = PatternFill("solid", fgColor="ECEAE4")
        self.head_align = Alignment(wrap_text=True, vertical="center")
        self.head_border = Border(bottom=Side(style="medium", color="8A6D1F"))
        self.ro_font = Font(color="5C5A52")
        self.ro_fill = PatternFill("solid", fgColor="F6F5F1")
        self.title_font = Font(bold=True, size=14, color="5E4A12")
        self.label_font = Font(bold=True)


def workbook_export(cycle: Cycle, user: ActorLike | None = None) -> bytes:
    """The cycle's operational plan as an XLSX workbook (bytes): what ``user`` may see
    (``interop/access.py``); everything for the operator (no user, or an ``Actor``
    without one)."""
    from openpyxl import Workbook

    from goldenthread.interop.access import user_of
    from goldenthread.interop.scoping import scope_document

    doc = scope_document(plan_dump(cycle), cycle, user_of(user))
    tables = plan_tables(doc)
    book = Workbook(write_only=True)
    styles = _Styles()
    about = book.create_sheet(ABOUT_SHEET)
    editable = {name: book.create_sheet(name) for name in tables}
    lists = book.create_sheet(LISTS_SHEET)
    base = book.create_sheet(BASE_SHEET)
    ranges = _write_lists(lists, doc, styles)
    n_results = len(tables[S.RESULTS.name].rows)
    for name, table in tables.items():
        _write_sheet(editable[name], table, ranges, styles, n_results, cycle)
    base.sheet_state = "veryHidden"
    base.append(["sheet", "key", "cells"])
    for name, table in tables.items():
        for identity, values, _ in table.rows:
            digests = _base_digests(table.sheet, values)
            base.append([name, json.dumps(list(identity)), json.dumps(digests, separators=(",", ":"))])
    _write_about(about, cycle, doc, _actor_label(user), styles)
    book.active = 1  # open on the Results sheet
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _write_sheet(
    ws: Any, table: _Table, ranges: dict[str, str], styles: _Styles, n_results: int,
    cycle: Cycle,
) -> None:
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.comments import Comment
    from openpyxl.utils import get_column_letter

    sheet = table.sheet
    columns = sheet.columns
    for i, column in enumerate(columns, 1):
        letter = get_column_letter(i)
        dim = ws.column_dimensions[letter]
        dim.width = column.width
        if column.number_format == "@":
            dim.number_format = "@"  # new rows typed below keep codes as text
    ws.freeze_panes = "B2"
    last_row = max(len(table.rows) + 1, 2)
    ws.auto_filter.ref = f"A1:{get_column_letter(len(columns))}{last_row}"
    ws.row_dimensions[1].height = 32
    for i, column in enumerate(columns, 1):
        validation = _validation(column, ranges, n_results, cycle)
        if validation is None:
            continue
        letter = get_column_letter(i)
        validation.add(f"{letter}2:{letter}{MAX_ROWS_WITH_DROPDOWNS}")
        ws.data_validations.append(validation)

    header = []
    for column in columns:
        cell = WriteOnlyCell(ws, column.header)
        cell.font = styles.ro_head_font if column.readonly else styles.head_font
        cell.fill = styles.ro_head_fill if column.readonly else styles.head_fill
        cell.alignment = styles.head_align
        cell.border = styles.head_border
        text = column.help
        if column.readonly:
            text = (text + " " if text else "") + "Read-only: shown for reference, not imported."
        if text:
            comment = Comment(text, "Golden Thread")
            comment.width, comment.height = 260, 110
            cell.comment = comment
        header.append(cell)
    ws.append(header)
    formats = [c.number_format for c in columns]
    readonly = [c.readonly for c in columns]
    for _, values, _ in table.rows:
        row = []
        for column, fmt, ro in zip(columns, formats, readonly, strict=True):
            value = _cell_value(column, values.get(column.key))
            if not fmt and not ro:
                row.append(value)
                continue
            cell = WriteOnlyCell(ws, value)
            if fmt and not (fmt == "@" and value is None):
                cell.number_format = fmt
            if ro:
                cell.font = styles.ro_font
                cell.fill = styles.ro_fill
            row.append(cell)
        ws.append(row)


def _validation(column: Column, ranges: dict[str, str], n_results: int, cycle: Cycle) -> Any:
    from openpyxl.worksheet.datavalidation import DataValidation

    if column.readonly:
        return None
    if column.vocab == "scale":
        return DataValidation(
            type="whole", operator="between", formula1="1", formula2="5", allow_blank=True,
            showErrorMessage=True, errorTitle=column.header, error="A score from 1 to 5.",
        )
    if column.key == "year":
        return DataValidation(
            type="whole", operator="between", formula1=str(cycle.start_year),
            formula2=str(cycle.end_year), allow_blank=True, showErrorMessage=True,
            errorTitle="Year", error=f"A year of the cycle, {cycle.start_year} to {cycle.end_year}.",
        )
    if column.key == "share":
        return DataValidation(
            type="decimal", operator="between", formula1="0.0001", formula2="1",
            allow_blank=True, showErrorMessage=True, errorTitle="Share",
            error="A share of the year above 0 and at most 1.",
        )
    if column.kind == "money":
        return DataValidation(
            type="decimal", operator="greaterThanOrEqual", formula1="0", allow_blank=True,
            showErrorMessage=True, errorTitle=column.header, error="An amount, not negative.",
        )
    if not column.vocab:
        return None
    if column.vocab == "results":
        source = f"Results!$A$2:$A${n_results + 1001}"
        style = "warning"  # a result added on the Results sheet below is not in the range yet
    else:
        source = ranges[column.vocab]
        style = "stop"
    return DataValidation(
        type="list", formula1=source, allow_blank=True, showErrorMessage=True,
        errorStyle=style, errorTitle=column.header,
        error=f"Choose a {column.header.lower()} from the list (see the Lists sheet).",
    )


def _write_lists(ws: Any, doc: dict[str, Any], styles: _Styles) -> dict[str, str]:
    """The reference lists behind the drop-downs, two columns each (code, name)."""
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.utils import get_column_letter

    lists: list[tuple[str, str, list[tuple[Any, str]]]] = [
        ("levels", "Levels", [(lv["code"], lv["name"]) for lv in doc["levels"]]),
        ("units", "Units", [(u["code"], u["name"]) for u in doc.get("units") or ()]),
        ("people", "People", [(p["code"], p["name"]) for p in doc.get("people") or ()]),
        ("funds", "Funds", [("regular_budget", "Regular budget")] + [
            (f["code"], f["name"]) for f in doc.get("funds") or ()]),
    ]
    for key, title, choices in S.VOCABULARIES:
        lists.append((key, title, [
            (int(code) if code.isdigit() else code, label) for code, label in choices
        ]))
    ranges: dict[str, str] = {}
    for n, (key, _, items) in enumerate(lists):
        code_col = get_column_letter(3 * n + 1)
        ws.column_dimensions[code_col].width = 18
        ws.column_dimensions[get_column_letter(3 * n + 2)].width = 30
        ws.column_dimensions[get_column_letter(3 * n + 3)].width = 3
        ranges[key] = f"Lists!${code_col}$2:${code_col}${max(len(items), 1) + 1}"
    # Write row by row: row 1 holds the titles, below each list its codes and names.
    height = max(len(items) for _, _, items in lists) + 1
    ws.freeze_panes = "A2"
    ws.protection.sheet = True
    for r in range(height):
        row: list[Any] = []
        for _, title, items in lists:
            if r == 0:
                cells = [WriteOnlyCell(ws, title), WriteOnlyCell(ws, "name")]
                for cell in cells:
                    cell.font = styles.head_font
                    cell.fill = styles.head_fill
                row.extend([*cells, None])
            elif r <= len(items):
                code, label = items[r - 1]
                row.extend([code, label, None])
            else:
                row.extend([None, None, None])
        ws.append(row)
    return ranges


def _write_about(ws: Any, cycle: Cycle, doc: dict[str, Any], by: str, styles: _Styles) -> None:
    from openpyxl.cell import WriteOnlyCell

    ws.column_dimensions["A"].width = 26
    ws.column_dimensions["B"].width = 36
    ws.column_dimensions["C"].width = 70
    ws.protection.sheet = True

    def bold(text: str, font: Any = None) -> Any:
        cell = WriteOnlyCell(ws, text)
        cell.font = font or styles.label_font
        return cell

    now = timezone.now().astimezone(dt.UTC).replace(microsecond=0)
    ws.append([bold("Golden Thread: operational-plan workbook", styles.title_font)])
    ws.append(["This sheet is read-only. Edit the sheets Results, Indicators, Cost lines, "
               "Allocations and Risks, then import the workbook back."])
    ws.append([])
    for label, value in (
        ("Format", S.FORMAT), ("Cycle", cycle.code), ("Cycle name", cycle.name),
        ("Years", f"{cycle.start_year}-{cycle.end_year}"), ("Baseline year", cycle.baseline_year),
        ("Currency", cycle.currency), ("Exported at", now.isoformat().replace("+00:00", " UTC")),
        ("Exported by", by),
    ):
        ws.append([bold(label), value])
    ws.append([])
    ws.append([bold("How to edit", styles.title_font)])
    for line in (
        "Each editable sheet has one row per record. Change a cell to change the record; "
        "add a row to add a record.",
        "The key columns identify a row: the code on Results, Indicators and Risks; result, year, "
        "category and source on Cost lines; person, result and year on Allocations. Changing a "
        "key makes a new record.",
        "To delete a record, write yes in its Delete column. A row removed from a sheet is left "
        "unchanged in Golden Thread, never deleted.",
        "Grey columns are read-only (titles, names, actuals, personnel cost): they are shown for "
        "reference and not imported.",
        "Parents: the codes of the results a result contributes to, separated by ';', with "
        "*weight when the weight is not 1, e.g. O1.1; O1.2*0.5.",
        "Indicators: one Target column per period (Target 2029, Target 2029-Q2); add a column to "
        "set a target for another period, clear a cell to remove a target.",
        "Codes are text; amounts are numbers in the cycle's currency with at most 2 decimals; "
        "shares are a share of a year, above 0 and at most 1.",
        "Import: goldenthread workbook import FILE.xlsx --dry-run shows what would change; "
        "without --dry-run it applies it. Every problem is listed by sheet, row and column, "
        "and nothing is imported while there is one.",
        "Cells changed in Golden Thread after this export are not overwritten by cells left "
        "as exported here; a cell changed in both places is reported as a conflict.",
    ):
        ws.append(["", line])
    ws.append([])
    ws.append([bold("Sheets", styles.title_font)])
    for sheet in S.SHEETS:
        ws.append([bold(sheet.name), sheet.help])
    ws.append([bold("Lists"), "The codes of levels, units, people, funds and every closed "
                              "vocabulary, behind the drop-downs."])
    ws.append([])
    ws.append([bold("Vocabularies", styles.title_font)])
    ws.append([bold("field"), bold("code"), bold("meaning")])
    for _, title, choices in S.VOCABULARIES:
        for code, label in choices:
            ws.append([title, code, label])
    for level in doc["levels"]:
        ws.append(["Level", level["code"], f"{level['name']} ({level['kind']})"])


# --------------------------------------------------------------------------- reading


@dataclass
class _SheetData:
    name: str
    header: list[Any]
    rows: list[tuple[int, list[Any]]]


@dataclass
class _Book:
    about: dict[str, Any]
    sheets: dict[str, _SheetData]
    extra: list[str]
    base: dict[tuple[str, tuple[str, ...]], dict[str, str]] | None


def _read_book(file: Any, report: ImportReport) -> _Book | None:
    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException

    if isinstance(file, bytes):
        file = io.BytesIO(file)
    try:
        book = load_workbook(file, read_only=True, data_only=True)
    except (InvalidFileException, zipfile.BadZipFile, KeyError, OSError, ValueError) as exc:
        detail = getattr(exc, "strerror", None) or "it is not an .xlsx workbook"
        report.problems.append(Problem("", None, None, "", f"cannot read the workbook: {detail}"))
        return None
    try:
        names = list(book.sheetnames)
        about: dict[str, Any] = {}
        if ABOUT_SHEET in names:
            for row in book[ABOUT_SHEET].iter_rows(values_only=True):
                if row and isinstance(row[0], str) and len(row) > 1:
                    about.setdefault(row[0].strip(), row[1])
        sheets: dict[str, _SheetData] = {}
        for name in names:
            if name not in S.SHEET_BY_NAME:
                continue
            ws = book[name]
            ws.reset_dimensions()
            rows = ws.iter_rows(values_only=True)
            header = list(next(rows, ()))
            data = []
            for number, row in enumerate(rows, 2):
                values = list(row)
                if any(v is not None and not (isinstance(v, str) and not v.strip()) for v in values):
                    data.append((number, values))
            sheets[name] = _SheetData(name, header, data)
        base = None
        if BASE_SHEET in names:
            base = {}
            rows = book[BASE_SHEET].iter_rows(values_only=True)
            next(rows, None)
            for row in rows:
                if not row or row[0] is None:
                    continue
                try:
                    key = (str(row[0]), tuple(json.loads(row[1])))
                    base[key] = json.loads(row[2])
                except (TypeError, ValueError, IndexError):
                    continue
        extra = [n for n in names if n not in S.SHEET_BY_NAME
                 and n not in (ABOUT_SHEET, LISTS_SHEET, BASE_SHEET)]
        return _Book(about, sheets, extra, base)
    finally:
        book.close()


# --------------------------------------------------------------------------- importing


@dataclass
class RowPlan:
    """What one row does: its record before (``old``) and after (``record``)."""

    sheet: Sheet
    row: int
    identity: tuple[str, ...]
    action: str  # create, update, delete
    record: dict[str, Any]
    old: dict[str, Any] | None
    changes: dict[str, tuple[Any, Any]]

    @property
    def key(self) -> str:
        return " ".join(self.identity)


@dataclass
class _Origin:
    """Where a record of the edited plan came from: a workbook row, or the database."""

    sheet: Sheet
    row: int | None
    identity: tuple[str, ...]
    letters: dict[str, str]


_PLACE = re.compile(r"^(?P<section>[a-z_]+)\[(?P<index>\d+)\](?P<rest>.*)$")
_REF = re.compile(r"\b(?P<section>results|indicators|costs|allocations|risks)\[(?P<index>\d+)\]")
_MISSING_KEY = re.compile(r"^missing required key '(?P<key>\w+)'$")
_NO_CODE = re.compile(r"^no (?P<noun>\w+) '(?P<code>.+)' in this file$")


#: The columns that name another record: (sheet, column) -> (section, noun) of what they name.
_REFERENCES: dict[tuple[str, str], tuple[str, str]] = {
    (S.RESULTS.name, "unit"): ("units", "unit"),
    (S.RESULTS.name, "parents"): ("results", "result"),
    (S.RESULTS.name, "person"): ("people", "person"),
    (S.INDICATORS.name, "result"): ("results", "result"),
    (S.INDICATORS.name, "responsible"): ("people", "person"),
    (S.INDICATORS.name, "computed_from"): ("indicators", "indicator"),
    (S.COSTS.name, "result"): ("results", "result"),
    (S.ALLOCATIONS.name, "person"): ("people", "person"),
    (S.ALLOCATIONS.name, "result"): ("results", "result"),
    (S.RISKS.name, "result"): ("results", "result"),
    (S.RISKS.name, "owner"): ("people", "person"),
    (S.RISKS.name, "unit"): ("units", "unit"),
}


def _codes_in(value: Any) -> set[str]:
    """The codes a reference cell's value names (one code, or parents / sources)."""
    if value is None:
        return set()
    if isinstance(value, tuple):
        return {str(item[0]) if isinstance(item, tuple) else str(item) for item in value}
    return {str(value)}


def hidden_reference(code: str, noun: str) -> str:
    """What a user is told of a code they may not see: the same words whether it exists
    or not, so a message never tells them that a record of another unit exists."""
    return f"{S.show(code)} refers to a {noun} you may not see or that does not exist"


class _Importer:
    def __init__(self, cycle: Cycle, book: _Book, report: ImportReport, user: Any = None):
        self.cycle = cycle
        self.book = book
        self.report = report
        self.theirs = plan_dump(cycle)
        self.tables = plan_tables(self.theirs)
        # A user whose roles do not cover everything sees the plan as their workbook showed
        # it: problems and notes speak only of that (interop/scoping.py's rule).
        self.scoped = not permissions.is_unrestricted(user)
        self.seen: dict[str, dict[tuple[str, ...], tuple[dict[str, Any], dict[str, Any]]]] = {}
        self.visible: dict[str, set[str]] = {}
        if self.scoped:
            from goldenthread.interop.scoping import scope_document

            mine = scope_document(self.theirs, cycle, user)
            self.seen = {name: table.index() for name, table in plan_tables(mine).items()}
            self.visible = {
                section: {str(r["code"]) for r in mine.get(section) or () if "code" in r}
                for section in ("results", "people", "indicators", "units")
            }
        self.plans: list[RowPlan] = []
        self.origins: dict[str, list[_Origin]] = {}
        self.sections: dict[str, list[dict[str, Any]]] = {}
        self.deleted: dict[str, dict[str, int]] = {}  # section -> code -> row
        self.bad: dict[tuple[str, int], set[str]] = {}  # (sheet, row) -> keys of unreadable cells

    def problem(self, sheet: str, row: int | None, letter: str | None, key: str, text: str) -> None:
        self.report.problems.append(Problem(sheet, row, letter, key, text))

    # -- header

    def columns_of(self, sheet: Sheet, data: _SheetData) -> dict[int, Column] | None:
        from openpyxl.utils import get_column_letter

        known = {S.header_key(c.header): c for c in sheet.columns}
        known.update({S.header_key(c.key): c for c in sheet.columns})
        by_index: dict[int, Column] = {}
        seen: dict[str, int] = {}
        ok = True
        for i, raw in enumerate(data.header):
            letter = get_column_letter(i + 1)
            if raw is None or (isinstance(raw, str) and not raw.strip()):
                if any(i < len(values) and values[i] is not None for _, values in data.rows):
                    self.problem(sheet.name, 1, letter, "", "this column holds data but has no "
                                 "header; name it or clear it")
                    ok = False
                continue
            text = str(raw)
            column = known.get(S.header_key(text))
            if column is None and sheet.section == "indicators":
                try:
                    column = S.period_header(text)
                except CellError as exc:
                    self.problem(sheet.name, 1, letter, "", str(exc))
                    ok = False
                    continue
            if column is None:
                names = ", ".join(c.header for c in sheet.columns)
                self.problem(sheet.name, 1, letter, "", f"unknown column {S.show(text)}; the "
                             f"columns of this sheet are: {names}")
                ok = False
                continue
            if column.key in seen:
                self.problem(sheet.name, 1, letter, "", f"column {S.show(text)} is there twice "
                             f"(also column {get_column_letter(seen[column.key] + 1)})")
                ok = False
                continue
            seen[column.key] = i
            by_index[i] = column
        present = {c.key for c in by_index.values()}
        for column in sheet.columns:
            if (column.identity or column.required) and column.key not in present:
                if column.key == "source":
                    continue
                self.problem(sheet.name, None, None, "", f"missing column {S.show(column.header)}; "
                             f"the key and required columns must be there")
                ok = False
        return by_index if ok else None

    # -- rows

    def run(self) -> None:
        book = self.book
        for sheet in S.SHEETS:
            if sheet.name not in book.sheets:
                names = ", ".join(s.name for s in S.SHEETS)
                self.problem(sheet.name, None, None, "", f"the workbook has no sheet "
                             f"{S.show(sheet.name)} (an operational-plan workbook has: {names})")
        for name in book.extra:
            self.report.notes.append(f"sheet {S.show(name)} is not part of the workbook; ignored")
        if self.report.problems:
            return
        for sheet in S.SHEETS:
            table = self.tables[sheet.name]
            data = book.sheets[sheet.name]
            columns = self.columns_of(table.sheet, data)
            if columns is None:  # its rows cannot be read; check the rest against the plan as it is
                self.keep(table)
                continue
            self.read_sheet(table, data, columns)
        self.check_locked_actuals()
        self.validate()

    def keep(self, table: _Table) -> None:
        self.sections[table.sheet.section] = [record for _, _, record in table.rows]
        self.origins[table.sheet.section] = [
            _Origin(table.sheet, None, identity, {}) for identity, _, _ in table.rows
        ]

    def read_sheet(self, table: _Table, data: _SheetData, columns: dict[int, Column]) -> None:
        from openpyxl.utils import get_column_letter

        sheet = table.sheet
        letters = {c.key: get_column_letter(i + 1) for i, c in columns.items()}
        theirs = table.index()
        has_base = self.book.base is not None
        records: list[dict[str, Any]] = []
        origins: list[_Origin] = []
        in_book: set[tuple[str, ...]] = set()
        for number, cells in data.rows:
            values: dict[str, Any] = {}
            bad_identity = False
            delete = False
            ordered = sorted(columns.items(), key=lambda item: item[1].kind == "value")
            for i, column in ordered:
                raw = cells[i] if i < len(cells) else None
                if column.readonly:
                    continue
                try:
                    if column.kind == "value":
                        value = column.read(raw, unit=self.unit_for(values, theirs, sheet))
                    else:
                        value = column.read(raw)
                except CellError as exc:
                    self.problem(sheet.name, number, letters[column.key], column.key, str(exc))
                    self.bad.setdefault((sheet.name, number), set()).add(column.key)
                    if column.identity:
                        bad_identity = True
                    continue
                if column.kind == "flag":
                    delete = bool(value)
                else:
                    values[column.key] = value
            for column in sheet.identity:
                if column.key in values and values[column.key] is None and column.default is None:
                    self.problem(sheet.name, number, letters.get(column.key), column.key,
                                 f"a {sheet.noun} needs its {column.header.lower()}")
                    bad_identity = True
            if bad_identity:
                continue
            identity = sheet.identity_of(values)
            current = theirs.get(identity)
            if current is not None and not self.sees(sheet, identity):
                self.hidden_row(sheet, number, identity, letters)
                continue
            in_book.add(identity)
            base = self.book.base.get((sheet.name, identity)) if self.book.base is not None else None
            self.check_readonly(sheet, number, cells, columns, current)
            bad = self.bad.get((sheet.name, number), set())
            # A cell that could not be read is already a problem: it neither changes the
            # record nor raises a second problem in the plan checks.
            present = [c for c in columns.values() if _editable(c) and c.key not in bad]
            if delete:
                self.plan_delete(sheet, number, identity, current, base)
                continue
            if current is None:
                if base is not None:
                    touched = [c for c in present if S.digest(c.canon(values.get(c.key)))
                               != base.get(c.key, _EMPTY)]
                    if touched:
                        self.problem(sheet.name, number, None, "", f"{sheet.noun} {' '.join(identity)} "
                                     f"was deleted in Golden Thread after this workbook was "
                                     f"exported; export a fresh workbook to add it again")
                    else:
                        self.report.notes.append(
                            f"{sheet.name} row {number}: {sheet.noun} {' '.join(identity)} was "
                            f"deleted in Golden Thread after the export; row skipped")
                    continue
                record: dict[str, Any] = {}
                for column in (*sheet.identity, *present):
                    value = values.get(column.key)
                    if column.key in values and value is not None:
                        column.put(record, value)
                self.finish(sheet, record)
                self.check_references(sheet, number, letters, present, record, None)
                changes = {c.key: (None, c.get(record)) for c in present
                           if c.get(record) is not None}
                self.plans.append(RowPlan(sheet, number, identity, "create", record, None, changes))
            else:
                now, old = current
                record = copy.deepcopy(old)
                conflicted = False
                for column in present:
                    mine = values.get(column.key)
                    cur = now.get(column.key)
                    if base is not None:
                        was = base.get(column.key, _EMPTY)
                        if S.digest(column.canon(mine)) == was or column.same(mine, cur):
                            continue  # left as exported, or already so: keep what is there now
                        if S.digest(column.canon(cur)) != was:
                            self.problem(sheet.name, number, letters[column.key], column.key,
                                         self.conflict(sheet, identity, column, cur))
                            continue
                    elif has_base:
                        if not column.same(mine, cur) and not conflicted:
                            conflicted = True
                            self.problem(sheet.name, number, None, "", f"{sheet.noun} "
                                         f"{' '.join(identity)} was added in Golden Thread after "
                                         f"this workbook was exported; export a fresh workbook")
                        continue
                    elif column.same(mine, cur):
                        continue
                    column.put(record, mine)
                self.finish(sheet, record)
                self.check_references(sheet, number, letters, present, record, old)
                changes = {}
                for column in present:
                    before, after = now.get(column.key), column.get(record)
                    if not column.same(before, after):
                        changes[column.key] = (before, after)
                if changes:
                    self.plans.append(RowPlan(sheet, number, identity, "update", record, old, changes))
            records.append(record)
            origins.append(_Origin(sheet, number, identity, letters))
        left = []
        for identity, _, record in table.rows:
            if identity in in_book:
                continue
            records.append(record)
            origins.append(_Origin(sheet, None, identity, letters))
            if self.sees(sheet, identity):
                left.append(" ".join(identity))
        if left:
            self.report.unchanged[sheet.name] = left
        self.sections[sheet.section] = records
        self.origins[sheet.section] = origins

    # -- what a user who does not see everything is told

    def sees(self, sheet: Sheet, identity: tuple[str, ...]) -> bool:
        return not self.scoped or identity in self.seen.get(sheet.name, {})

    def shows(self, place: str) -> bool:
        """Whether the record a plan-file place points at is one the user may see."""
        match = _PLACE.match(place)
        origins = self.origins.get(match.group("section")) if match else None
        if not self.scoped or match is None or origins is None:
            return not self.scoped
        index = int(match.group("index"))
        return index < len(origins) and self.sees(origins[index].sheet, origins[index].identity)

    def hidden_row(self, sheet: Sheet, number: int, identity: tuple[str, ...],
                   letters: dict[str, str]) -> None:
        """A row keyed to a record the user may not see: never read, never described."""
        for column in sheet.identity:
            ref = _REFERENCES.get((sheet.name, column.key))
            if ref is None:
                continue
            code = column.canon(dict(zip([c.key for c in sheet.identity], identity,
                                         strict=True))[column.key])
            if code not in self.visible.get(ref[0], set()):
                self.problem(sheet.name, number, letters.get(column.key), column.key,
                             hidden_reference(code, ref[1]))
                return
        column = sheet.identity[0]
        self.problem(sheet.name, number, letters.get(column.key), column.key,
                     f"the {column.header.lower()} {S.show(' '.join(identity))} is already used by "
                     f"a {sheet.noun} you may not see; choose another")

    def conflict(self, sheet: Sheet, identity: tuple[str, ...], column: Column, cur: Any) -> str:
        """A cell changed on both sides, quoting its value now as far as the user sees it."""
        now = column.canon(cur)
        seen = self.seen[sheet.name].get(identity) if self.scoped else None
        if seen is not None and column.canon(seen[0].get(column.key)) != now:
            shown = column.canon(seen[0].get(column.key))
            return (f"changed in Golden Thread after this workbook was exported, or holds what "
                    f"you may not see (now {S.show(shown or '(empty)')} as far as you see it); "
                    f"someone whose roles cover all of it can make this change")
        return (f"changed in Golden Thread after this workbook was exported (now "
                f"{S.show(now or '(empty)')}); export a fresh workbook and make the change again")

    def check_references(
        self, sheet: Sheet, number: int, letters: dict[str, str], present: list[Column],
        record: dict[str, Any], old: dict[str, Any] | None,
    ) -> None:
        """A code the user typed that names a record they may not see is refused with the
        words a code that names nothing gets (``hidden_reference``)."""
        if not self.scoped:
            return
        for column in present:
            ref = _REFERENCES.get((sheet.name, column.key))
            if ref is None:
                continue
            section, noun = ref
            before = _codes_in(column.get(old)) if old is not None else set()
            for code in sorted(_codes_in(column.get(record)) - before):
                if code not in self.visible.get(section, set()):
                    self.problem(sheet.name, number, letters.get(column.key), column.key,
                                 hidden_reference(code, noun))

    def unit_for(self, values: dict[str, Any], theirs: dict[Any, Any], sheet: Sheet) -> str:
        unit = values.get("unit")
        if unit is None and "code" in values:
            found = theirs.get(sheet.identity_of(values))
            unit = found[0].get("unit") if found else None
        return str(unit or "number")

    def finish(self, sheet: Sheet, record: dict[str, Any]) -> None:
        """Rules of a record that span columns: a baseline value without a year is in the
        cycle's baseline year; an empty baseline is none."""
        if sheet.section != "indicators":
            return
        baseline = record.get("baseline")
        if baseline is not None:
            if not baseline:
                del record["baseline"]
            elif "value" in baseline and "year" not in baseline:
                baseline["year"] = self.cycle.baseline_year
        if record.get("targets") == {}:
            del record["targets"]

    def check_readonly(
        self, sheet: Sheet, number: int, cells: list[Any], columns: dict[int, Column],
        current: tuple[dict[str, Any], dict[str, Any]] | None,
    ) -> None:
        """A read-only cell typed over is not imported; say so rather than drop it silently."""
        for i, column in columns.items():
            if not column.readonly or i >= len(cells) or cells[i] is None:
                continue
            shown = current[0].get(column.key) if current else None
            try:
                typed = column.read(cells[i], unit=str((current or ({}, {}))[0].get("unit") or "number"))
            except CellError:
                typed = cells[i]
            if current is None or not column.same(typed, shown):
                self.report.notes.append(
                    f"{sheet.name} row {number} ({column.header}): read-only, not imported")

    def plan_delete(
        self, sheet: Sheet, number: int, identity: tuple[str, ...],
        current: tuple[dict[str, Any], dict[str, Any]] | None,
        base: dict[str, str] | None,
    ) -> None:
        key = " ".join(identity)
        if current is None:
            self.report.notes.append(
                f"{sheet.name} row {number}: {sheet.noun} {key} is marked for deletion but is not "
                f"in the plan; nothing to delete")
            return
        now, old = current
        if base is not None:
            # as far as the user sees it: what their workbook could not show has not changed
            shown = self.seen[sheet.name][identity][0] if self.scoped else now
            changed = [c.header for c in sheet.columns if _editable(c)
                       and S.digest(c.canon(shown.get(c.key))) != base.get(c.key, _EMPTY)]
            if changed:
                self.problem(sheet.name, number, None, "", f"{sheet.noun} {key} was changed in "
                             f"Golden Thread after this workbook was exported "
                             f"({', '.join(changed)}); look at it again before deleting it")
                return
        if "code" in old:
            self.deleted.setdefault(sheet.section, {})[old["code"]] = number
        self.plans.append(RowPlan(sheet, number, identity, "delete", old, old, {}))

    def check_locked_actuals(self) -> None:
        codes = {p.record["code"]: p for p in self.plans
                 if p.action == "delete" and p.sheet.section == "indicators"}
        if not codes:
            return
        locked: dict[str, list[str]] = {}
        for code, year, quarter in Actual.objects.filter(
            indicator__cycle=self.cycle, indicator__code__in=list(codes),
            status=ActualStatus.APPROVED,
        ).values_list("indicator__code", "year", "quarter").order_by("year", "quarter"):
            locked.setdefault(code, []).append(str(Period(year, quarter)))
        for code, periods in locked.items():
            plan = codes[code]
            self.problem(plan.sheet.name, plan.row, None, "", f"indicator {code} has approved "
                         f"actuals ({', '.join(periods)}), which are locked; it cannot be deleted")

    # -- the plan's own rules

    def edited_document(self) -> dict[str, Any]:
        doc = dict(self.theirs)
        for section, records in self.sections.items():
            doc[section] = records
        return doc

    def validate(self) -> None:
        try:
            validate_plan(self.edited_document())
        except PlanFileError as exc:
            errors = exc.errors
        else:
            return
        already: set[str] | None = None
        for error in errors:
            problem = self.map_error(error.place, error.message)
            if problem is False:
                continue
            if isinstance(problem, Problem):
                self.report.problems.append(problem)
                continue
            # A record with no row in the workbook: the workbook may have caused the
            # problem (a result it deletes is still referred to), or the plan had it.
            if already is None:
                already = self.existing_errors()
            if self.describe(error.place, error.message) in already:
                if not self.shows(error.place):
                    continue  # the plan's own problem, in what the user may not see
                self.report.notes.append(
                    f"the plan already has this problem, not from the workbook: "
                    f"{self.describe_text(f'{error.place}: {error.message}')}")
            else:
                self.report.problems.append(self.unattached(error.place, error.message))

    def unattached(self, place: str, message: str) -> Problem:
        match = _PLACE.match(place)
        if match and match.group("section") in self.origins:
            origin = self.origins[match.group("section")][int(match.group("index"))]
            key, message = self.field_of(origin.sheet, match.group("rest"), message)
            message = self.reword(origin, message)
            if not self.sees(origin.sheet, origin.identity):
                return Problem(origin.sheet.name, None, None, "",
                               f"a {origin.sheet.noun} you may not see: {message}")
            noun = f"{origin.sheet.noun} {' '.join(origin.identity)}"
            return Problem(origin.sheet.name, None, None, "",
                           f"{noun} (not in the workbook){' ' + key if key else ''}: {message}")
        return Problem("", None, None, "", self.describe_text(f"{place}: {message}"))

    def existing_errors(self) -> set[str]:
        try:
            validate_plan(self.theirs)
        except PlanFileError as exc:
            return {self.describe(e.place, e.message, theirs=True) for e in exc.errors}
        return set()

    def describe(self, place: str, message: str, theirs: bool = False) -> str:
        """An error with its record named by identity, to compare across documents."""
        match = _PLACE.match(place)
        message = _REF.sub("#", message)
        if not match:
            return f"{place}: {message}"
        section, index = match.group("section"), int(match.group("index"))
        records = (self.theirs.get(section) or []) if theirs else None
        if theirs:
            table = next((t for t in self.tables.values() if t.sheet.section == section), None)
            if table is None or records is None or index >= len(records):
                return f"{place}: {message}"
            identity = table.sheet.identity_of_record(records[index])
        else:
            origins = self.origins.get(section)
            if origins is None or index >= len(origins):
                return f"{place}: {message}"
            identity = origins[index].identity
        return f"{section}{list(identity)}{match.group('rest')}: {message}"

    def describe_text(self, text: str) -> str:
        return _REF.sub(lambda m: self.where(m.group("section"), int(m.group("index"))), text)

    def where(self, section: str, index: int) -> str:
        origins = self.origins.get(section)
        if origins is None or index >= len(origins):
            return f"{section}[{index}]"
        origin = origins[index]
        if origin.row is not None:
            return f"{origin.sheet.name} row {origin.row}"
        if not self.sees(origin.sheet, origin.identity):
            return f"a {origin.sheet.noun} you may not see"
        return f"{origin.sheet.noun} {' '.join(origin.identity)} (not in the workbook)"

    def map_error(self, place: str, message: str) -> Problem | bool | None:
        """A plan-file error as a problem at its cell; None when no workbook row holds it;
        False when its cell already has a problem of its own."""
        match = _PLACE.match(place)
        if not match or match.group("section") not in self.origins:
            return None
        section, index, rest = match.group("section"), int(match.group("index")), match.group("rest")
        origin = self.origins[section][index]
        if section == "results" and message.startswith(_LOOP):
            origin, rest = self.loop_origin(origin, rest, message)
        if section == "indicators" and message.startswith(_COMPUTATION_LOOP):
            origin, rest = self.loop_origin(origin, rest, message, "indicators", "computed_from")
        if origin.row is None:
            return None
        key, message = self.field_of(origin.sheet, rest, message)
        if key and key in self.bad.get((origin.sheet.name, origin.row), ()):
            return False
        message = self.reword(origin, message)
        return Problem(origin.sheet.name, origin.row, origin.letters.get(key) if key else None,
                       key, message)

    def loop_origin(
        self, origin: _Origin, rest: str, message: str, section: str = "results",
        key: str = "parents",
    ) -> tuple[_Origin, str]:
        """A loop (of links, or of computed indicators' sources) is reported on one of its
        links; name the one the workbook adds, if any."""
        codes = message.split(": ", 1)[1].split(" → ")

        def linked(record: dict[str, Any] | None) -> set[str]:
            return {p if isinstance(p, str) else p["code"] for p in (record or {}).get(key) or ()}

        added = {
            (plan.record["code"], code)
            for plan in self.plans if plan.sheet.section == section and plan.action != "delete"
            for code in linked(plan.record) - linked(plan.old)
        }
        rows = {o.identity[0]: o for o in self.origins[section] if o.row is not None}
        for child, parent in itertools.pairwise(codes):
            if (child, parent) in added and child in rows:
                return rows[child], f".{key}"
        return origin, rest

    def field_of(self, sheet: Sheet, rest: str, message: str) -> tuple[str, str]:
        """The column a place inside a record points at (``.parents[0].code`` -> parents)."""
        if not rest:
            missing = _MISSING_KEY.match(message)
            if missing:
                column = next((c for c in sheet.columns if c.where == (missing.group("key"),)), None)
                if column is not None:
                    return column.key, "required; the cell is empty"
            return "", message
        steps = [s for s in re.split(r"\.|\[\d+\]", rest) if s]
        if not steps:
            return "", message
        head = steps[0]
        if head == "baseline":
            missing = _MISSING_KEY.match(message)
            if missing:
                key = "baseline_year" if missing.group("key") == "year" else "baseline"
                return key, "give the baseline value too, or clear the baseline year"
            if len(steps) > 1 and steps[1] == "year":
                return "baseline_year", message
            return "baseline", message
        if head == "actuals" and len(steps) == 1:  # actuals of an indicator made computed
            return "computation", message
        if head in ("targets", "actuals") and len(steps) > 1:
            period = rest.split(".", 2)[2]
            if head == "actuals":
                return "unit", f"the actual reported for {period} does not fit: {message}"
            return f"targets.{period}", message
        return head, message

    def reword(self, origin: _Origin, message: str) -> str:
        missing = _NO_CODE.match(message)
        if missing:
            noun, code = missing.group("noun"), missing.group("code")
            section = {"result": "results", "indicator": "indicators"}.get(noun, "")
            row = self.deleted.get(section, {}).get(code)
            if row is not None:
                sheet = S.RESULTS.name if section == "results" else S.INDICATORS.name
                return (f"{noun} '{code}' is deleted by {sheet} row {row}; delete or change "
                        f"this reference too")
            seen = {"result": "results", "indicator": "indicators", "person": "people",
                    "unit": "units"}.get(noun)
            if self.scoped and seen and code not in self.visible.get(seen, set()):
                return hidden_reference(code, noun)
            return f"no {noun} '{code}' in the plan"
        return _REF.sub(lambda m: self.where(m.group("section"), int(m.group("index"))), message)


_EMPTY = S.digest("")
_LOOP = "link loop: "
_COMPUTATION_LOOP = "computation loop: "


def _resolve_cycle(cycle_or_code: Cycle | str | None, book: _Book, report: ImportReport) -> Cycle | None:
    named = book.about.get("Cycle")
    fmt = book.about.get("Format")
    if fmt is not None and str(fmt).strip() != S.FORMAT:
        report.problems.append(Problem(ABOUT_SHEET, None, None, "", f"the workbook's format is "
                                       f"{S.show(fmt)}; this version reads {S.FORMAT}"))
        return None
    if isinstance(cycle_or_code, Cycle):
        cycle: Cycle | None = cycle_or_code
    else:
        code = cycle_or_code or (str(named).strip() if named is not None else None)
        if not code:
            report.problems.append(Problem("", None, None, "", "the workbook has no About sheet "
                                           "naming its cycle; say which cycle to import into"))
            return None
        cycle = Cycle.objects.filter(code=code).first()
        if cycle is None:
            report.problems.append(Problem("", None, None, "", f"no cycle '{code}'"))
            return None
    assert cycle is not None
    if named is not None and str(named).strip() != cycle.code:
        report.problems.append(Problem(ABOUT_SHEET, None, None, "", f"this workbook holds the "
                                       f"plan of cycle '{named}', not '{cycle.code}'"))
        return None
    return cycle


_SHEET_ORDER = {name: i for i, name in enumerate((ABOUT_SHEET, *S.SHEET_BY_NAME), 1)}


def _problem_order(problem: Problem) -> tuple[int, int, int]:
    """Problems as a reader meets them: sheet by sheet, row by row, left to right."""
    from openpyxl.utils import column_index_from_string

    column = column_index_from_string(problem.column) if problem.column else 0
    row = problem.row if problem.row is not None else 10**7
    return (_SHEET_ORDER.get(problem.sheet, 0), row, column)


class _Rollback(Exception):
    pass


def workbook_import(
    cycle_or_code: Cycle | str | None,
    file: str | Path | bytes | IO[bytes],
    actor: ActorLike,
    dry_run: bool = False,
    *,
    source: str = "",
) -> ImportReport:
    """Import an operational-plan workbook into its cycle, in place, all or nothing.

    ``cycle_or_code`` may be None to take the cycle named on the workbook's About
    sheet. Returns the report: its ``problems`` (nothing written when there are
    any), the ``changes`` made (or that would be made, with ``dry_run``: the
    changes are then applied in a transaction that is rolled back, so the dry run
    meets every rule the real import meets).
    """
    from goldenthread.interop.sync import SyncError, apply_plans

    if not source and isinstance(file, str | Path):
        source = Path(file).name
    report = ImportReport(source=source, dry_run=dry_run)
    book = _read_book(file, report)
    if book is None:
        return report
    cycle = _resolve_cycle(cycle_or_code, book, report)
    if cycle is None:
        return report
    report.cycle = cycle.code
    try:
        with transaction.atomic():
            Cycle.objects.select_for_update().filter(pk=cycle.pk).first()
            from goldenthread.interop.access import user_of

            importer = _Importer(cycle, book, report, user_of(actor))
            importer.run()
            if not report.problems:
                from goldenthread.interop.access import refusals

                for sheet, row, message in refusals(cycle, importer.plans, user_of(actor),
                                                    importer.theirs):
                    report.problems.append(Problem(sheet, row, None, "", message))
            if report.problems:
                # a code typed by a user who may not see it is reported by the row's check and
                # by the plan's: once is enough
                report.problems = sorted(dict.fromkeys(report.problems), key=_problem_order)
                raise _Rollback
            report.changes = [_change(plan) for plan in importer.plans]
            if importer.plans:
                try:
                    apply_plans(cycle=cycle, plans=importer.plans, actor=actor, source=source)
                except SyncError as exc:
                    report.problems.append(Problem(exc.plan.sheet.name, exc.plan.row, None, "",
                                                   exc.message))
                    raise _Rollback from None
            if dry_run:
                raise _Rollback
            report.written = bool(importer.plans)
    except _Rollback:
        pass
    return report


def _change(plan: RowPlan) -> Change:
    fields = []
    if plan.action == "update":
        headers = {c.key: c.header for c in plan.sheet.columns}
        for key, (before, after) in plan.changes.items():
            header = headers.get(key) or S.period_header_text(key)
            fields.append((header, S.canon(before), S.canon(after)))
    return Change(plan.action, plan.sheet.name, plan.row, plan.sheet.noun, plan.key, tuple(fields))
