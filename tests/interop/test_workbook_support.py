"""What the workbook tests share: a loaded plan, its exported workbook opened for editing
as a planner's spreadsheet program would, cells found by sheet, key and header.

(No tests here: the fixtures and helpers are imported by the ``test_workbook_*`` files.)
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import pytest
from openpyxl import Workbook, load_workbook
from openpyxl.utils import get_column_letter

from goldenthread.core.audit import Actor
from goldenthread.core.models import AuditEntry
from goldenthread.interop.services import plan_load
from goldenthread.interop.workbook import ImportReport, workbook_export, workbook_import
from goldenthread.plans.models import Cycle
from tests.interop.helpers import fixture

PLANNER = Actor(label="cli:planner")


@pytest.fixture
def full_cycle(db: None) -> Cycle:
    """The small plan that uses every field of the plan format (tests/interop/fixtures)."""
    return plan_load(actor=Actor(label="cli:test"), document=fixture("full-plan.yaml"))


def exported(cycle: Cycle) -> Workbook:
    """The cycle's workbook, opened for editing."""
    return load_workbook(io.BytesIO(workbook_export(cycle)))


def save(book: Workbook, folder: Path, name: str = "plan.xlsx") -> Path:
    path = folder / name
    book.save(path)
    return path


def column_of(book: Workbook, sheet: str, header: str) -> str:
    for cell in book[sheet][1]:
        if cell.value == header:
            return get_column_letter(cell.column)
    raise KeyError(f"{sheet} has no column {header!r}")


def row_of(book: Workbook, sheet: str, *key: Any) -> int:
    """The row whose first cells are ``key`` (a code, or result/year/category...)."""
    ws = book[sheet]
    width = len(key)
    positions = _key_positions(ws, sheet)[:width]
    for row in range(2, ws.max_row + 1):
        values = tuple(ws.cell(row=row, column=p).value for p in positions)
        if values == key:
            return row
    raise KeyError(f"{sheet} has no row {key!r}")


def _key_positions(ws: Any, sheet: str) -> list[int]:
    headers = [c.value for c in ws[1]]
    keys = {
        "Results": ["Code"], "Indicators": ["Code"], "Risks": ["Code"],
        "Cost lines": ["Result", "Year", "Category", "Source"],
        "Allocations": ["Person", "Result", "Year"],
    }[sheet]
    return [headers.index(k) + 1 for k in keys]


def cell(book: Workbook, sheet: str, key: Any, header: str) -> Any:
    """The cell of ``header`` in the row of ``key`` (a value or a tuple of values)."""
    keys = key if isinstance(key, tuple) else (key,)
    return book[sheet][f"{column_of(book, sheet, header)}{row_of(book, sheet, *keys)}"]


def set_cell(book: Workbook, sheet: str, key: Any, header: str, value: Any) -> str:
    """Type ``value`` into a cell; return its reference (``F3``)."""
    target = cell(book, sheet, key, header)
    target.value = value
    return str(target.coordinate)


def add_row(book: Workbook, sheet: str, **by_header: Any) -> int:
    """Append a row, given its cells by header; return its row number."""
    ws = book[sheet]
    headers = [c.value for c in ws[1]]
    row = ws.max_row + 1
    for header, value in by_header.items():
        ws.cell(row=row, column=headers.index(header.replace("_", " ")) + 1, value=value)
    return row


def run_import(path: Path, *, dry_run: bool = False, cycle: Any = None) -> ImportReport:
    return workbook_import(cycle, path, PLANNER, dry_run, source=path.name)


def audit_count() -> int:
    return AuditEntry.objects.count()


def problems(report: ImportReport) -> list[str]:
    return [str(p) for p in report.problems]
