"""Writes of progress reporting: enter, submit, approve, return, unlock; notifications.

Every transition checks the actor's role through ``core.permissions.require`` (a
``PermissionDenied`` naming the unit), refuses a wrong state with a
``ValidationError`` saying what to do instead, runs in one transaction and leaves
an audit row (the actual's status change, carrying the reason as its message) and a
``Transition`` row. Nothing is half-written: a refusal changes nothing.

The workflow (docs/reporting.md):

    (none) --enter--> draft --submit--> submitted --approve--> approved (locked)
                        ^                   |                       |
                        |                   +--return(reason)--> returned --enter/submit
                        +------------------- unlock(reason, planner) <-+

- a reporter (or the indicator's responsible person) enters and submits values of
  the indicators of their units;
- an approver whose role covers the indicator's unit (held on that unit or a unit
  above it) approves or returns with a reason; nobody approves their own submission;
- an approved value is locked: entering, submitting or returning it is refused;
  only a planner unlocks it, with a reason that is kept.
"""

from __future__ import annotations

import datetime as dt
import tempfile
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from functools import partial
from pathlib import PurePath
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files import File
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import UploadedFile
from django.core.mail import send_mail
from django.core.validators import URLValidator
from django.db import transaction
from django.utils import timezone

from goldenthread.core import audit, permissions
from goldenthread.core.audit import Actor, ActorLike
from goldenthread.core.periods import Period, PeriodError
from goldenthread.core.services import object_create, object_delete, object_update
from goldenthread.indicators.choices import ActualStatus
from goldenthread.indicators.models import Actual, Indicator
from goldenthread.indicators.services import actual_set
from goldenthread.org.models import OrgUnit, Person, RoleAssignment
from goldenthread.plans.models import Cycle
from goldenthread.reporting import quality
from goldenthread.reporting.choices import NotificationKind, Step
from goldenthread.reporting.models import (
    Evidence,
    Notification,
    Reminder,
    Transition,
    evidence_path,
)
from goldenthread.reporting.selectors import OverdueReport, overdue_reports

#: The largest evidence file accepted, in bytes.
MAX_EVIDENCE_BYTES = 20 * 1024 * 1024


def _user_of(actor: ActorLike) -> Any:
    """The user an actor acts as; None for the operator (a command run without --user)."""
    if isinstance(actor, Actor):
        return actor.user
    return actor


def _label(actor: ActorLike) -> str:
    if isinstance(actor, Actor):
        return actor.label
    return str(actor.get_username())


def _display(actor: ActorLike) -> str:
    """The actor as people read it in a message: their full name, else their label."""
    user = _user_of(actor)
    name = user.get_full_name() if user is not None and hasattr(user, "get_full_name") else ""
    return name or _label(actor)


def _locked(actual: Actual) -> ValidationError:
    return ValidationError(
        f"{actual.indicator.code} {actual.period} is approved and locked: a planner must "
        f"unlock it before it can change."
    )


def _fresh(actual: Actual) -> Actual:
    """The actual as the database holds it, locked for this transaction."""
    return (
        Actual.objects.select_for_update(of=("self",))
        .select_related("indicator__cycle", "indicator__result__unit", "indicator__responsible")
        .get(pk=actual.pk)
    )


def _parse_period(indicator: Indicator, period: Period | str | int) -> Period:
    try:
        when = period if isinstance(period, Period) else Period.parse(period)
    except PeriodError as error:
        raise ValidationError({"period": str(error)}) from None
    cycle = indicator.cycle
    if not cycle.contains_year(when.year):
        raise ValidationError(
            {"period": f"{when} is outside the cycle {cycle.start_year}-{cycle.end_year}."}
        )
    return when


def history_of(indicator: Indicator, period: Period) -> list[Decimal]:
    """The indicator's earlier values for periods of the same length as ``period``
    (quarters with quarters, years with years), the period itself left out."""
    rows = Actual.objects.filter(indicator=indicator, value__isnull=False)
    rows = rows.filter(quarter=0) if period.quarter == 0 else rows.filter(quarter__gt=0)
    return [
        value for value in rows.exclude(year=period.year, quarter=period.quarter)
        .order_by("year", "quarter").values_list("value", flat=True)
        if value is not None
    ]


def _check_evidence(link: str, upload: UploadedFile | None) -> None:
    if link:
        try:
            URLValidator(schemes=["http", "https"])(link)
        except ValidationError:
            raise ValidationError(
                {"link": f"'{link}' is not a web address; give one starting with https://."}
            ) from None
    if upload is not None and upload.size is not None and upload.size > MAX_EVIDENCE_BYTES:
        raise ValidationError({"file": (
            f"{upload.name} is {upload.size // (1024 * 1024)} MB; evidence files are at most "
            f"{MAX_EVIDENCE_BYTES // (1024 * 1024)} MB (give a link to larger ones)."
        )})


@transaction.atomic
def actual_enter(
    *,
    actor: ActorLike,
    indicator: Indicator,
    period: Period | str | int,
    value: str,
    comment: str = "",
    link: str = "",
    upload: UploadedFile | None = None,
) -> Actual:
    """Enter (or correct) the value of ``indicator`` for ``period`` as typed by a person,
    with a comment and evidence (a link and/or a file). The value is checked
    (``reporting.quality``); a value far from the indicator's history needs a comment
    confirming it. The actual becomes (or stays) a draft until submitted.

    Refused: no right to report on the indicator; a computed indicator; a period outside
    the cycle; a value awaiting approval or approved (locked); a value of the wrong kind."""
    permissions.require(_user_of(actor), permissions.REPORT, indicator)
    if indicator.is_computed:
        raise ValidationError(indicator.computed_actuals_refusal())
    when = _parse_period(indicator, period)
    existing = (
        Actual.objects.select_for_update()
        .filter(indicator=indicator, year=when.year, quarter=when.quarter).first()
    )
    if existing is not None and existing.status == ActualStatus.APPROVED:
        raise _locked(existing)
    if existing is not None and existing.status == ActualStatus.SUBMITTED:
        raise ValidationError(
            f"{indicator.code} {when} is awaiting approval: it changes only once an approver "
            f"returns it."
        )
    if existing is not None:
        _require_corrector(_user_of(actor), existing)
    link = link.strip()
    comment = comment.strip()
    try:
        parsed = quality.parse_value(
            value, indicator.unit_of_measure, code=indicator.code,
            allows_over_100=indicator.allows_over_100,
        )
    except quality.QualityError as error:
        raise ValidationError({error.field: error.message}) from None
    if parsed.value is not None and indicator.unit_of_measure not in ("yes_no", "qualitative"):
        check = quality.plausibility(parsed.value, history_of(indicator, when))
        if check.far and not comment:
            raise ValidationError({"comment": (
                f"{parsed.value.normalize():f} is far from {indicator.code}'s earlier values "
                f"({check.reason}): add a comment confirming it, or correct it."
            )})
    _check_evidence(link, upload)
    actual = actual_set(
        actor=actor, indicator=indicator, period=when, value=parsed.value, text=parsed.text,
        status=ActualStatus.DRAFT, comment=comment,
    )
    if link and actual.evidence.filter(link=link).exists():
        link = ""  # the same link again on the same value: kept once
    if link or upload is not None:
        evidence = Evidence(actual=actual, link=link, added_by=_user_of(actor))
        staged = None
        if upload is not None:
            name = upload.name or "file"
            evidence.file_name = PurePath(name.replace("\\", "/")).name[:255] or "file"
            evidence.file = evidence_path(indicator.cycle_id, name)
            staged = _stage(upload)
        object_create(actor=actor, obj=evidence)
        if staged is not None:
            transaction.on_commit(partial(_store_evidence, evidence.pk, evidence.file, staged))
    return actual


def _stage(upload: UploadedFile) -> Any:
    """A private copy of an uploaded file, held until the transaction decides its fate.

    The copy is an anonymous temporary file (it has no name on disk and disappears when
    closed or dropped), so a rollback, which discards the commit hook holding it, leaves
    nothing behind; the upload itself may be gone by the time an outer transaction
    commits."""
    staged = tempfile.TemporaryFile()  # noqa: SIM115 - closed by _store_evidence, or dropped
    for chunk in upload.chunks():
        staged.write(chunk)
    staged.seek(0)
    return staged


def _store_evidence(evidence_id: int, path: str, staged: Any) -> None:
    """Once the evidence row is committed, put its file in the media storage, at the path
    the row names. Should the storage refuse it (a full disk), the row, which would point
    at nothing, is removed (audited) and the error raised: no row without its file."""
    try:
        with staged:
            saved = default_storage.save(path, File(staged, name=PurePath(path).name))
        if saved != path:  # the random directory makes this impossible; keep the row true
            default_storage.delete(saved)
            raise OSError(f"the evidence storage put {path} at {saved}")
    except Exception:
        with transaction.atomic():
            evidence = Evidence.objects.filter(pk=evidence_id).select_related(
                "actual__indicator__cycle").first()
            if evidence is not None:
                object_delete(actor=Actor(label="system:evidence"), obj=evidence,
                              message=f"the file {path} could not be stored")
        raise


def _step(actor: ActorLike, actual: Actual, step: Step, reason: str = "") -> Transition:
    return object_create(
        actor=actor,
        obj=Transition(actual=actual, step=step, by=_user_of(actor), by_label=_label(actor),
                       reason=reason),
        message=reason,
    )


def _submitter_id(actual: Actual) -> int | None:
    last = actual.transitions.filter(step=Step.SUBMIT).order_by("-at", "-id").first()
    if last is not None:
        return last.by_id
    return actual.reported_by_id


def may_correct(user: Any, actual: Actual) -> bool:
    """Whether ``user`` (who may report on the indicator) corrects and resubmits
    ``actual`` at its current step. A returned value goes back to its reporter: whoever
    submitted it, the indicator's responsible person, or a reporter of the unit who does
    not approve it. An approver who is none of these has nothing to do with it until it is
    resubmitted (they returned it, or might have). The operator (``None``) may."""
    if user is None or actual.status != ActualStatus.RETURNED:
        return True
    if _submitter_id(actual) == user.pk:
        return True
    responsible = actual.indicator.responsible
    if responsible is not None and responsible.user_id == user.pk:
        return True
    return not permissions.can(user, permissions.APPROVE, actual)


def _require_corrector(user: Any, actual: Actual) -> None:
    if not may_correct(user, actual):
        raise PermissionDenied(
            f"{actual.indicator.code} {actual.period} was returned to its reporter: they correct "
            f"and resubmit it, and it comes back to an approver then."
        )


@transaction.atomic
def actual_submit(*, actor: ActorLike, actual: Actual) -> Actual:
    """Submit a draft (or a returned value, corrected) for approval; the approvers of its
    unit are notified."""
    actual = _fresh(actual)
    user = _user_of(actor)
    permissions.require(user, permissions.REPORT, actual)
    if actual.indicator.is_computed:
        raise ValidationError(actual.indicator.computed_actuals_refusal())
    if actual.status == ActualStatus.APPROVED:
        raise _locked(actual)
    if actual.status == ActualStatus.SUBMITTED:
        raise ValidationError(f"{actual.indicator.code} {actual.period} is already awaiting approval.")
    _require_corrector(user, actual)
    object_update(
        actor=actor, obj=actual, data={"status": ActualStatus.SUBMITTED, "reported_by": user},
        message="submitted for approval",
    )
    step = _step(actor, actual, Step.SUBMIT)
    approvers = approvers_of(actual.indicator)
    _notify(
        actor, (u for u in approvers if user is None or u != user.pk), NotificationKind.AWAITING,
        f"awaiting:{step.pk}", actual,
        f"{actual.indicator.code} {actual.period} awaits your approval "
        f"(submitted by {_display(actor)}).",
    )
    return actual


@transaction.atomic
def actual_approve(*, actor: ActorLike, actual: Actual) -> Actual:
    """Approve a submitted value: the period is then locked. Nobody approves their own
    submission."""
    actual = _fresh(actual)
    user = _user_of(actor)
    permissions.require(user, permissions.APPROVE, actual)
    if actual.status == ActualStatus.APPROVED:
        raise ValidationError(f"{actual.indicator.code} {actual.period} is already approved.")
    if actual.status != ActualStatus.SUBMITTED:
        raise ValidationError(
            f"{actual.indicator.code} {actual.period} is {actual.get_status_display().lower()}, "
            f"not submitted: only a submitted value is approved."
        )
    if user is not None and _submitter_id(actual) == user.pk:
        raise PermissionDenied(
            f"You submitted {actual.indicator.code} {actual.period} yourself: another approver "
            f"must approve it."
        )
    object_update(actor=actor, obj=actual, data={"status": ActualStatus.APPROVED},
                  message="approved; the period is locked")
    step = _step(actor, actual, Step.APPROVE)
    _decided(actor, actual)
    _notify(
        actor, _people_to_tell(actual), NotificationKind.APPROVED, f"approved:{step.pk}", actual,
        f"{actual.indicator.code} {actual.period} was approved by {_display(actor)}.",
    )
    return actual


def _decided(actor: ActorLike, actual: Actual) -> None:
    """Once a submission is decided, nobody needs to be asked for it any more: the
    approvers' notifications awaiting it are marked read (audited)."""
    _mark_read(actor, Notification.objects.filter(
        kind=NotificationKind.AWAITING, indicator_id=actual.indicator_id, year=actual.year,
        quarter=actual.quarter,
    ), f"decided: {actual.indicator.code} {actual.period} no longer awaits approval")


def _reason(reason: str, what: str) -> str:
    reason = reason.strip()
    if not reason:
        raise ValidationError({"reason": f"Say why you {what}: the reason is required."})
    return reason


@transaction.atomic
def actual_return(*, actor: ActorLike, actual: Actual, reason: str) -> Actual:
    """Send a submitted value back to its reporter with a reason (required)."""
    actual = _fresh(actual)
    permissions.require(_user_of(actor), permissions.APPROVE, actual)
    reason = _reason(reason, "return it")
    if actual.status == ActualStatus.APPROVED:
        raise _locked(actual)
    if actual.status != ActualStatus.SUBMITTED:
        raise ValidationError(
            f"{actual.indicator.code} {actual.period} is {actual.get_status_display().lower()}, "
            f"not submitted: only a submitted value is returned."
        )
    object_update(actor=actor, obj=actual, data={"status": ActualStatus.RETURNED},
                  message=f"returned: {reason}")
    step = _step(actor, actual, Step.RETURN, reason)
    _decided(actor, actual)
    _notify(
        actor, _people_to_tell(actual), NotificationKind.RETURNED, f"returned:{step.pk}", actual,
        f"{actual.indicator.code} {actual.period} was returned by {_display(actor)}: {reason}",
    )
    return actual


@transaction.atomic
def actual_unlock(*, actor: ActorLike, actual: Actual, reason: str) -> Actual:
    """Unlock an approved value (planners only), with a reason that is kept; it becomes a
    draft again, to be corrected and submitted."""
    actual = _fresh(actual)
    permissions.require(_user_of(actor), permissions.PLAN, actual)
    reason = _reason(reason, "unlock it")
    if actual.status != ActualStatus.APPROVED:
        raise ValidationError(
            f"{actual.indicator.code} {actual.period} is not locked: only an approved value "
            f"is unlocked."
        )
    object_update(actor=actor, obj=actual, data={"status": ActualStatus.DRAFT},
                  message=f"unlocked: {reason}")
    step = _step(actor, actual, Step.UNLOCK, reason)
    _notify(
        actor, _people_to_tell(actual), NotificationKind.UNLOCKED, f"unlocked:{step.pk}", actual,
        f"{actual.indicator.code} {actual.period} was unlocked by {_display(actor)}: {reason}",
    )
    return actual


# ------------------------------------------------------------------ who is told


def approvers_of(indicator: Indicator) -> list[int]:
    """The users whose role lets them approve the indicator's values: a role granting
    approval on the indicator's unit or on a unit above it. Two queries."""
    parents = dict(
        OrgUnit.objects.filter(cycle_id=indicator.cycle_id).values_list("id", "parent_id")
    )
    chain: list[int] = []
    node: int | None = indicator.result.unit_id
    while node is not None and node not in chain:
        chain.append(node)
        node = parents.get(node)
    return sorted(set(
        RoleAssignment.objects.filter(
            unit_id__in=chain, role__in=permissions.roles_granting(permissions.APPROVE),
            user__is_active=True,
        ).values_list("user_id", flat=True)
    ))


def _people_to_tell(actual: Actual) -> list[int]:
    """Who hears of a decision on a value: whoever submitted it and the indicator's
    responsible person (if they sign in)."""
    users = {_submitter_id(actual)}
    responsible = actual.indicator.responsible
    if responsible is not None:
        users.add(responsible.user_id)
    return sorted(u for u in users if u is not None)


def _notify(
    actor: ActorLike, user_ids: Iterable[int], kind: str, key: str, actual: Actual, message: str
) -> list[Notification]:
    """In-app notifications, one per user; one already made for the same key is kept. The
    new ones are audited (made by the actor whose step they tell of)."""
    made, created = [], []
    for user_id in user_ids:
        note, new = Notification.objects.get_or_create(
            recipient_id=user_id, key=key,
            defaults={"kind": kind, "cycle_id": actual.indicator.cycle_id,
                      "indicator": actual.indicator, "year": actual.year,
                      "quarter": actual.quarter, "message": message},
        )
        made.append(note)
        if new:
            created.append(note)
    if created:
        audit.record_many(actor=actor, action="create", objs=created,
                          cycle_code=actual.indicator.cycle.code, message="notified")
    return made


def _own(actor: ActorLike, notification: Notification) -> Any:
    """The actor's user, when the notification is addressed to them; else refused."""
    user = _user_of(actor)
    if user is None or notification.recipient_id != user.pk:
        raise PermissionDenied("This notification is addressed to someone else.")
    return user


@transaction.atomic
def notification_read(*, actor: ActorLike, notification: Notification) -> Notification:
    """Mark one of the actor's notifications read (someone else's is refused). Audited."""
    _own(actor, notification)
    if notification.read_at is None:
        object_update(actor=actor, obj=notification, data={"read_at": timezone.now()},
                      message="notification read")
    return notification


@transaction.atomic
def notification_dismiss(*, actor: ActorLike, notification: Notification) -> Notification:
    """Dismiss one of the actor's notifications: it leaves the list and the count. Audited."""
    _own(actor, notification)
    now = timezone.now()
    object_update(
        actor=actor, obj=notification,
        data={"read_at": notification.read_at or now, "dismissed_at": now},
        message="notification dismissed",
    )
    return notification


@transaction.atomic
def notifications_read_all(*, actor: ActorLike) -> int:
    """Mark every unread notification of the actor read: one update, and an audit row for
    each notification it marked."""
    user = _user_of(actor)
    if user is None:
        raise PermissionDenied("Only a signed-in person has notifications to read.")
    return _mark_read(actor, Notification.objects.filter(recipient=user), "notification read (all read)")


def _mark_read(actor: ActorLike, notifications: Any, message: str) -> int:
    """Mark the unread ones of ``notifications`` read in one update, with an audit row for
    each it marked."""
    unread = list(
        notifications.filter(read_at__isnull=True).select_for_update(of=("self",))
        .select_related("cycle").order_by("id")
    )
    if not unread:
        return 0
    now = timezone.now()
    Notification.objects.filter(pk__in=[n.pk for n in unread]).update(read_at=now)
    for note in unread:
        audit.record(actor=actor, action="update", obj=note, before={"read_at": None},
                     after={"read_at": audit.json_value(now)}, message=message)
    return len(unread)


# ------------------------------------------------------------------ reminders


@dataclass
class DigestItem:
    key: str
    kind: str  # "returned" or "overdue"
    indicator_id: int
    indicator_code: str
    indicator_name: str
    period: Period
    line: str


@dataclass
class Digest:
    """What one person is reminded of."""

    person: Person
    address: str
    items: list[DigestItem] = field(default_factory=list)


@dataclass
class RemindRun:
    digests: list[Digest]
    notifications: int
    emails: int


def _returned_items(cycle: Cycle) -> dict[int, list[DigestItem]]:
    """Returned values by the person who must correct them (the indicator's responsible
    person, or whoever submitted them)."""
    rows = (
        Transition.objects.filter(
            actual__indicator__cycle=cycle, actual__status=ActualStatus.RETURNED, step=Step.RETURN
        ).select_related("actual__indicator", "by").order_by("actual_id", "-at", "-id")
    )
    latest: dict[int, Transition] = {}
    for row in rows:
        latest.setdefault(row.actual_id, row)
    people_of_users = dict(
        Person.objects.filter(cycle=cycle, user__isnull=False).values_list("user_id", "id")
    )
    found: dict[int, list[DigestItem]] = defaultdict(list)
    for step in latest.values():
        actual = step.actual
        indicator = actual.indicator
        person_id = indicator.responsible_id or people_of_users.get(actual.reported_by_id or 0)
        if person_id is None:
            continue
        found[person_id].append(DigestItem(
            key=f"returned:{step.pk}", kind="returned", indicator_id=indicator.pk,
            indicator_code=indicator.code, indicator_name=indicator.name, period=actual.period,
            line=(f"{indicator.code} {actual.period} was returned by "
                  f"{(step.by.get_full_name() if step.by else '') or step.by_label}: {step.reason}"),
        ))
    return found


def _overdue_items(reports: list[OverdueReport]) -> dict[int, list[DigestItem]]:
    found: dict[int, list[DigestItem]] = defaultdict(list)
    for r in reports:
        if r.person_id is None:
            continue
        state = {"missing": "not reported", "draft": "a draft not submitted",
                 "returned": "returned, not resubmitted"}[r.status]
        found[r.person_id].append(DigestItem(
            key=f"overdue:{r.indicator_id}:{r.period}", kind="overdue", indicator_id=r.indicator_id,
            indicator_code=r.indicator_code, indicator_name=r.indicator_name, period=r.period,
            line=(f"{r.indicator_code} {r.period} was due on {r.due:%d %b %Y} "
                  f"({r.days_overdue} days ago): {state}"),
        ))
    return found


def _digest_text(cycle: Cycle, digest: Digest, base_url: str) -> str:
    returned = [i for i in digest.items if i.kind == "returned"]
    overdue = [i for i in digest.items if i.kind == "overdue"]
    lines = [f"Dear {digest.person.name},", "",
             f"Your reporting in {cycle.code} {cycle.name} needs you:", ""]
    if returned:
        lines += ["Returned to you for correction:"] + [f"  - {i.line}" for i in returned] + [""]
    if overdue:
        lines += ["Overdue:"] + [f"  - {i.line}" for i in overdue] + [""]
    if base_url:
        lines += [f"Open My reporting: {base_url.rstrip('/')}/cycles/{cycle.code}/reporting/", ""]
    lines += ["This message was sent by Golden Thread's reminder."]
    return "\n".join(lines)


def reminders_send(
    *, cycle: Cycle, on: dt.date, dry_run: bool = False, base_url: str = "",
    actor: ActorLike | None = None,
) -> RemindRun:
    """Remind each person of their returned and overdue items in ``cycle`` on ``on``: one
    email digest each (items already sent to them are left out) and an in-app
    notification per item (never twice for the same item and period). ``dry_run``
    computes the digests and writes and sends nothing. The notifications and the record
    of what was sent are audited, made by ``actor`` (the operator running the command
    when not given)."""
    author = actor if actor is not None else Actor.cli()
    items: dict[int, list[DigestItem]] = defaultdict(list)
    for person_id, found in _returned_items(cycle).items():
        items[person_id].extend(found)
    for person_id, found in _overdue_items(overdue_reports(cycle, None, on)).items():
        returned = {(i.indicator_id, i.period) for i in items[person_id]}
        # a returned value that is also late is told once, as returned
        items[person_id].extend(i for i in found if (i.indicator_id, i.period) not in returned)
    people = {p.pk: p for p in Person.objects.filter(pk__in=items).select_related("user")}
    sent = set(Reminder.objects.filter(person_id__in=items).values_list("person_id", "key"))
    digests = []
    for person_id in sorted(items, key=lambda pid: people[pid].name):
        person = people[person_id]
        fresh = [i for i in items[person_id] if (person_id, i.key) not in sent]
        address = person.email or (person.user.email if person.user else "")
        if fresh:
            digests.append(Digest(person=person, address=address, items=fresh))
    if dry_run:
        return RemindRun(digests=digests, notifications=0, emails=0)
    notifications = emails = 0
    started = timezone.now()
    for digest in digests:
        with transaction.atomic():
            user = digest.person.user
            made: list[Any] = []
            if user is not None and user.is_active:
                for item in digest.items:
                    note, created = Notification.objects.get_or_create(
                        recipient=user, key=item.key,
                        defaults={"kind": item.kind, "cycle": cycle, "indicator_id": item.indicator_id,
                                  "year": item.period.year, "quarter": item.period.quarter,
                                  "message": item.line},
                    )
                    notifications += created
                    if created:
                        made.append(note)
            keys = [i.key for i in digest.items]
            Reminder.objects.bulk_create(
                [Reminder(person=digest.person, key=key) for key in keys], ignore_conflicts=True,
            )
            made += Reminder.objects.filter(person=digest.person, key__in=keys, sent_at__gte=started)
            audit.record_many(actor=author, action="create", objs=made, cycle_code=cycle.code,
                              message="reminded")
            if digest.address:
                n = len(digest.items)
                send_mail(
                    subject=f"{cycle.code}: {n} reporting item{'s' if n != 1 else ''} need you",
                    message=_digest_text(cycle, digest, base_url),
                    from_email=settings.DEFAULT_FROM_EMAIL,
                    recipient_list=[digest.address],
                )
                emails += 1
    return RemindRun(digests=digests, notifications=notifications, emails=emails)
