"""Pages of progress reporting: My reporting, a value's page (enter, submit, approve,
return, unlock), the approval queue, completeness, notifications, evidence files.

Every page reads what the signed-in user may see and every write goes through
``reporting.services``, which checks the role (docs/reporting.md).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.storage import default_storage
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from goldenthread.core import clock, permissions
from goldenthread.core.periods import Period, PeriodError
from goldenthread.core.permissions import cycle_view
from goldenthread.indicators.models import Actual, Indicator, Target
from goldenthread.plans import selectors as plans
from goldenthread.plans.models import Cycle
from goldenthread.reporting import schedule, selectors, services
from goldenthread.reporting.forms import EntryForm, ReasonForm
from goldenthread.reporting.models import Evidence, Notification

QUEUE_ON_MY_PAGE = 8
NOTIFICATIONS_PER_PAGE = 50


def _as_of(request: HttpRequest) -> dt.date:
    """The day the page is read as of: ``?on=YYYY-MM-DD``, else today."""
    raw = request.GET.get("on", "")
    if raw:
        try:
            return dt.date.fromisoformat(raw)
        except ValueError:
            pass
    return clock.today()


def _on_query(on: dt.date) -> str:
    return "" if on == clock.today() else f"?on={on.isoformat()}"


@require_safe
def reporting_home(request: HttpRequest) -> HttpResponse:
    """My reporting in the newest cycle the user may see."""
    cycle = plans.cycle_latest(request.user)
    if cycle is None:
        raise PermissionDenied("Your account has no role in any plan yet.")
    return redirect("my_reporting", cycle_code=cycle.code)


@require_safe
@cycle_view
def my_reporting(request: HttpRequest, cycle: Cycle) -> HttpResponse:
    """The indicators the signed-in person is responsible for, each period with its state
    (due, overdue, draft, returned with the reason, awaiting approval, approved), and for
    approvers the values waiting for them."""
    on = _as_of(request)
    rows = selectors.indicator_slots(cycle, selectors.my_indicators(request.user, cycle), on)
    may_approve = bool(permissions.unit_ids(request.user, cycle, permissions.APPROVE))
    queue = selectors.approval_queue(request.user, cycle) if may_approve else []
    counts = {state: 0 for state in selectors.STATE_LABELS}
    for row in rows:
        for slot in row.slots:
            counts[slot.state] += 1
    late = sum(1 for row in rows for slot in row.slots if slot.overdue)
    notes = list(
        Notification.objects.filter(recipient_id=request.user.pk, cycle=cycle, dismissed_at__isnull=True,
                                    read_at__isnull=True).order_by("-created_at", "-id")[:5]
    )
    context = {
        "cycle": cycle, "rows": rows, "on": on, "on_query": _on_query(on), "today": clock.today(),
        "counts": counts, "late": late, "may_approve": may_approve,
        "queue": [item for item in queue if not item.own][:QUEUE_ON_MY_PAGE],
        "queue_total": sum(1 for item in queue if not item.own),
        "notes": notes, "labels": selectors.STATE_LABELS, "grace": selectors.grace_days(),
    }
    return render(request, "reporting/my_reporting.html", context)


@require_safe
@cycle_view
def approvals(request: HttpRequest, cycle: Cycle) -> HttpResponse:
    """Every submitted value the user may approve; refused to those who approve nothing
    in the cycle."""
    if not permissions.unit_ids(request.user, cycle, permissions.APPROVE):
        raise PermissionDenied(
            f"You approve no unit's reports in {cycle.code}: none of your roles there is "
            f"approver or administrator."
        )
    queue = selectors.approval_queue(request.user, cycle)
    return render(request, "reporting/approvals.html", {"cycle": cycle, "queue": queue})


@require_safe
@cycle_view
def completeness(request: HttpRequest, cycle: Cycle) -> HttpResponse:
    """A heat map of reports submitted and approved against those expected, per unit and
    period, over what the user may see."""
    on = _as_of(request)
    table = selectors.completeness(cycle, request.user, on)
    return render(request, "reporting/completeness.html", {
        "cycle": cycle, "table": table, "on": on, "today": clock.today(),
        "grace": selectors.grace_days(),
    })


def _indicator_and_period(cycle: Cycle, indicator_code: str, period: str) -> tuple[Indicator, Period]:
    indicator = (
        Indicator.objects.filter(cycle=cycle, code=indicator_code)
        .select_related("result__unit", "responsible", "cycle").first()
    )
    if indicator is None:
        raise Http404(f"No indicator {indicator_code} in {cycle.code}")
    try:
        when = Period.parse(period)
    except PeriodError:
        raise Http404(f"No period {period}") from None
    if not cycle.contains_year(when.year):
        raise Http404(f"{when} is outside {cycle.code}")
    return indicator, when


def _errors_of(error: ValidationError) -> tuple[dict[str, list[str]], list[str]]:
    """A service's refusal as field errors (when it names a field) and general ones."""
    if hasattr(error, "error_dict"):
        fields = {name: [str(m) for e in errs for m in e.messages] for name, errs in error.error_dict.items()}
        general = fields.pop("__all__", [])
        return fields, general
    return {}, list(error.messages)


@require_http_methods(["GET", "HEAD", "POST"])
@cycle_view
def actual_page(request: HttpRequest, cycle: Cycle, indicator_code: str, period: str) -> HttpResponse:
    """A value of an indicator for a period: enter it with a comment and evidence, submit
    it, approve or return it, unlock it; with its steps and history."""
    indicator, when = _indicator_and_period(cycle, indicator_code, period)
    permissions.require(request.user, permissions.VIEW, indicator)
    actual = (
        Actual.objects.filter(indicator=indicator, year=when.year, quarter=when.quarter)
        .select_related("reported_by").first()
    )
    user = request.user
    here = reverse("actual_page", args=[cycle.code, indicator.code, str(when)])
    entry = EntryForm(indicator=indicator, actual=actual)
    reason_form = ReasonForm()
    action = request.POST.get("action", "") if request.method == "POST" else ""
    form_errors: list[str] = []
    if action in ("save", "save_submit"):
        entry = EntryForm(request.POST, request.FILES, indicator=indicator, actual=actual)
        if entry.is_valid():
            try:
                saved = services.actual_enter(
                    actor=user, indicator=indicator, period=when,
                    value=entry.cleaned_data["value"], comment=entry.cleaned_data["comment"],
                    link=entry.cleaned_data["link"], upload=entry.cleaned_data.get("file"),
                )
                if action == "save_submit":
                    services.actual_submit(actor=user, actual=saved)
                    messages.success(request, f"{indicator.code} {when} is submitted for approval.")
                else:
                    messages.success(request, f"{indicator.code} {when} is saved as a draft.")
                return redirect(here)
            except ValidationError as error:
                fields, general = _errors_of(error)
                for name, texts in fields.items():
                    for text in texts:
                        entry.add_error(name if name in entry.fields else None, text)
                form_errors += general
    elif action in ("submit", "approve", "return", "unlock"):
        if actual is None:
            raise Http404(f"Nothing is reported for {indicator.code} {when}")
        reason_form = ReasonForm(request.POST)
        reason = request.POST.get("reason", "")
        try:
            if action == "submit":
                services.actual_submit(actor=user, actual=actual)
                done = "submitted for approval"
            elif action == "approve":
                services.actual_approve(actor=user, actual=actual)
                done = "approved; the period is locked"
            elif action == "return":
                services.actual_return(actor=user, actual=actual, reason=reason)
                done = "returned to its reporter"
            else:
                services.actual_unlock(actor=user, actual=actual, reason=reason)
                done = "unlocked; it can be corrected and submitted again"
            messages.success(request, f"{indicator.code} {when} is {done}.")
            return redirect(here)
        except ValidationError as error:
            fields, general = _errors_of(error)
            for texts in fields.values():
                form_errors += texts
            form_errors += general
    elif request.method == "POST":
        raise Http404("No such action")

    grace = selectors.grace_days()
    state, late = selectors.slot_state(actual.status if actual else None, when, clock.today(), grace)
    steps = list(actual.transitions.select_related("by").order_by("at", "id")) if actual else []
    evidence = list(actual.evidence.select_related("added_by").order_by("added_at", "id")) if actual else []
    target = Target.objects.filter(indicator=indicator, year=when.year, quarter=when.quarter).first()
    same_length = Actual.objects.filter(indicator=indicator)
    same_length = (same_length.filter(quarter=0) if when.quarter == 0
                   else same_length.filter(quarter__gt=0))
    earlier = list(
        same_length.exclude(year=when.year, quarter=when.quarter).order_by("-year", "-quarter")[:8]
    )
    status = actual.status if actual else ""
    submits = [s for s in steps if s.step == "submit"]
    submitter_is_me = bool(submits and submits[-1].by_id == user.pk)
    context: dict[str, Any] = {
        "cycle": cycle, "indicator": indicator, "period": when, "actual": actual, "state": state,
        "late": late, "due": schedule.due_date(when, grace), "labels": selectors.STATE_LABELS,
        "entry": entry, "reason_form": reason_form, "form_errors": form_errors,
        "steps": steps, "evidence": evidence, "target": target, "earlier": earlier,
        "may_report": permissions.can(user, permissions.REPORT, indicator) and not indicator.is_computed
        and (actual is None or services.may_correct(user, actual)),
        "returned_elsewhere": status == "returned" and actual is not None
        and not services.may_correct(user, actual),
        "may_approve": permissions.can(user, permissions.APPROVE, indicator),
        "may_plan": permissions.can(user, permissions.PLAN, indicator),
        "editable": status in ("", "draft", "returned"),
        "submittable": status in ("draft", "returned"),
        "decidable": status == "submitted",
        "locked": status == "approved",
        "submitter_is_me": submitter_is_me,
        "reason_asked": action in ("return", "unlock"),
    }
    refused = bool(form_errors or entry.errors)
    return render(request, "reporting/actual.html", context, status=400 if refused else 200)


@require_safe
def evidence_file(request: HttpRequest, pk: int) -> FileResponse:
    """An uploaded evidence file, to whoever may see the value it backs (else 403)."""
    evidence = get_object_or_404(
        Evidence.objects.select_related("actual__indicator__result__unit", "actual__indicator__cycle"),
        pk=pk,
    )
    permissions.require(request.user, permissions.VIEW, evidence)
    if not evidence.file:
        raise Http404("This evidence is a link, not a file")
    try:
        handle = default_storage.open(evidence.file, "rb")
    except FileNotFoundError:
        raise Http404("The file is missing from the server") from None
    return FileResponse(handle, as_attachment=True, filename=evidence.file_name or "evidence")


@require_safe
def notification_list(request: HttpRequest) -> HttpResponse:
    """The signed-in user's notifications, newest first; dismissed ones are gone."""
    rows = (
        Notification.objects.filter(recipient_id=request.user.pk, dismissed_at__isnull=True)
        .select_related("cycle", "indicator").order_by("-created_at", "-id")
    )
    page = Paginator(rows, NOTIFICATIONS_PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "reporting/notifications.html", {"page": page})


def _notification_of(request: HttpRequest, pk: int) -> Notification:
    note = get_object_or_404(Notification, pk=pk)
    if note.recipient_id != request.user.pk:
        raise PermissionDenied("This notification is addressed to someone else.")
    return note


@require_safe
def notification_badge(request: HttpRequest) -> HttpResponse:
    """The count of unread notifications on the top bar. The layout fetches it after the
    page has loaded (htmx), so no page pays a query for it."""
    return render(request, "reporting/_badge.html")


@require_POST
def notification_open(request: HttpRequest, pk: int) -> HttpResponse:
    """Mark a notification read and go to what it is about."""
    note = services.notification_read(actor=request.user, notification=_notification_of(request, pk))
    if note.indicator_id is not None and note.year is not None and note.indicator is not None:
        return redirect("actual_page", cycle_code=note.cycle.code, indicator_code=note.indicator.code,
                        period=str(Period(note.year, note.quarter)))
    return redirect("notification_list")


@require_POST
def notification_dismiss(request: HttpRequest, pk: int) -> HttpResponse:
    services.notification_dismiss(actor=request.user, notification=_notification_of(request, pk))
    target = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
        target = reverse("notification_list")
    return redirect(target)


@require_POST
def notifications_read_all(request: HttpRequest) -> HttpResponse:
    services.notifications_read_all(actor=request.user)
    return redirect("notification_list")
