"""The workbook page: download a cycle's operational plan as XLSX (what the user may
see), upload it back edited, check it (a dry run that lists every problem by sheet, row
and column, or every change), then apply it.

An upload waits between the check and the apply in a private file named by its
uploader and a random token kept in the uploader's session, so the file applied is the
file checked and only its uploader may apply it. It is removed once applied or
discarded (or replaced by the uploader's next upload), and every upload older than a
day that was never applied is removed whenever a new upload comes in.
"""

from __future__ import annotations

import secrets
import time
from datetime import timedelta
from pathlib import Path
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from goldenthread.core import permissions
from goldenthread.core.permissions import COST, PLAN, RISK, cycle_view
from goldenthread.interop.workbook import ImportReport, workbook_export, workbook_import
from goldenthread.plans.models import Cycle

MAX_UPLOAD = 50 * 1024 * 1024
#: How long a checked upload waits for its apply before the next upload removes it.
KEEP_UPLOAD = timedelta(days=1)
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
WRITE_ACTIONS = (PLAN, COST, RISK)


def _uploads() -> Path:
    folder = Path(settings.DATA_DIR) / "workbook-uploads"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def _session_key(cycle: Cycle) -> str:
    return f"workbook-upload:{cycle.code}"


def _waiting(request: HttpRequest, token: str) -> Path:
    """The file of an upload waiting for its apply: named by its uploader and its token."""
    return _uploads() / f"{request.user.pk}-{token}.xlsx"


def _forget_upload(request: HttpRequest, cycle: Cycle) -> None:
    """Remove the upload this session holds for ``cycle``, file and all."""
    held = request.session.pop(_session_key(cycle), None) or {}
    if held.get("token"):
        _waiting(request, str(held["token"])).unlink(missing_ok=True)


def purge_uploads(older_than: timedelta = KEEP_UPLOAD) -> int:
    """Remove the uploads checked but never applied nor discarded, older than
    ``older_than``; return how many were removed."""
    cutoff = time.time() - older_than.total_seconds()
    removed = 0
    for path in _uploads().glob("*.xlsx"):
        try:
            if path.stat().st_mtime < cutoff:
                path.unlink()
                removed += 1
        except FileNotFoundError:  # removed meanwhile by another request
            continue
    return removed


def may_import(user: Any, cycle: Cycle) -> bool:
    """Whether ``user`` may write anything a workbook holds somewhere in the cycle."""
    return any(permissions.unit_ids(user, cycle, action) for action in WRITE_ACTIONS)


def _require_import(user: Any, cycle: Cycle) -> None:
    if not may_import(user, cycle):
        raise PermissionDenied(
            f"You may not import a workbook into {cycle.code}: none of your roles lets you "
            "change results, costs, staff time or risks there (planner, finance officer, "
            "risk officer and administrator do)."
        )


def _context(request: HttpRequest, cycle: Cycle, **extra: Any) -> dict[str, Any]:
    return {"cycle": cycle, "may_import": may_import(request.user, cycle), **extra}


def _report_context(report: ImportReport) -> dict[str, Any]:
    return {
        "report": report,
        "totals": report.totals(),
        "counts": report.counts(),
        "unchanged": {sheet: len(keys) for sheet, keys in report.unchanged.items()},
    }


@cycle_view
def workbook(request: HttpRequest, cycle: Cycle) -> HttpResponse:
    """GET: the page. POST (a file): check it, a dry run, and keep it for the apply."""
    if request.method != "POST":
        return render(request, "interop/workbook.html", _context(request, cycle))
    _require_import(request.user, cycle)
    upload = request.FILES.get("file")
    if upload is None:
        return render(request, "interop/workbook.html", _context(
            request, cycle, upload_error="Choose the .xlsx workbook to upload."), status=400)
    name = upload.name or "workbook.xlsx"
    if not name.lower().endswith(".xlsx") or (upload.size or 0) > MAX_UPLOAD:
        return render(request, "interop/workbook.html", _context(
            request, cycle, upload_error=f"'{name}' is not an .xlsx workbook of at most "
                                         f"{MAX_UPLOAD // (1024 * 1024)} MB."), status=400)
    data = upload.read()
    purge_uploads()
    _forget_upload(request, cycle)  # a new upload replaces the one waiting
    report = workbook_import(cycle, data, actor=request.user, dry_run=True, source=name)
    token = ""
    if report.ok and report.changes:
        token = secrets.token_urlsafe(24)
        _waiting(request, token).write_bytes(data)
        request.session[_session_key(cycle)] = {"token": token, "name": name}
    return render(request, "interop/workbook.html", _context(
        request, cycle, token=token, filename=name, **_report_context(report)))


@cycle_view
@require_POST
def workbook_apply(request: HttpRequest, cycle: Cycle) -> HttpResponse:
    """Import the workbook checked last, for real."""
    _require_import(request.user, cycle)
    held = request.session.get(_session_key(cycle)) or {}
    token = request.POST.get("token", "")
    path = _waiting(request, token)
    if not token or held.get("token") != token or not path.is_file():
        messages.error(request, "That upload is no longer waiting: upload the workbook again.")
        return redirect("workbook", cycle_code=cycle.code)
    data = path.read_bytes()
    _forget_upload(request, cycle)
    report = workbook_import(cycle, data, actor=request.user, source=held["name"])
    return render(request, "interop/workbook.html", _context(
        request, cycle, filename=held["name"], applied=True, **_report_context(report)))


@cycle_view
@require_POST
def workbook_discard(request: HttpRequest, cycle: Cycle) -> HttpResponse:
    """Drop the checked upload without applying it: its file is removed at once."""
    _require_import(request.user, cycle)
    held = request.session.get(_session_key(cycle)) or {}
    if held.get("token") and held.get("token") == request.POST.get("token", ""):
        _forget_upload(request, cycle)
        messages.info(request, f"{held.get('name', 'The workbook')} was discarded: nothing was imported.")
    return redirect("workbook", cycle_code=cycle.code)


@cycle_view
def workbook_download(request: HttpRequest, cycle: Cycle) -> HttpResponse:
    """The cycle's workbook, with what the user may see."""
    data = workbook_export(cycle, request.user)
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
    response = HttpResponse(data, content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{cycle.code}-workbook-{stamp}.xlsx"'
    return response
