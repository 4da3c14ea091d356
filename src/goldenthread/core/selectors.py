"""Reads of the audit trail: an object's history, and the search of the whole log.

Audit rows keep their object as plain values (type, id, text), so these reads work
for records deleted since. Values are shown as people read them: a foreign key as
the code and name of the record it points to, a choice as its label.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

from django.apps import apps
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.db.models import CharField, Q, QuerySet
from django.db.models.functions import Cast
from django.utils import timezone

from goldenthread.core.models import AuditEntry

HISTORY_PAGE = 20  # entries drawn at a time (the rows of one load count as one)
HISTORY_WINDOW = 500  # rows read at a time to draw them
AUDIT_PAGE = 50
EMPTY = "—"
# Fields not worth a line in a history: the key, and the cycle every record of a plan shares.
_UNSHOWN = {"id", "cycle_id"}


def object_type(model: type[models.Model] | models.Model) -> str:
    """``app_label.model_name``: how the audit trail names a model."""
    return f"{model._meta.app_label}.{model._meta.model_name}"


def model_of(type_name: str) -> type[models.Model] | None:
    """The model an audit row's ``object_type`` names; None for an unknown name."""
    try:
        return apps.get_model(type_name)
    except (LookupError, ValueError):
        return None


def type_label(type_name: str) -> str:
    model = model_of(type_name)
    return str(model._meta.verbose_name) if model is not None else type_name


@dataclass
class FieldChange:
    """One field of a record, as it was before and after a change (as people read it)."""

    name: str
    label: str
    before: str
    after: str


@dataclass
class HistoryEntry:
    """An audit row with its changes in words."""

    entry: AuditEntry
    type_label: str
    changes: list[FieldChange] = field(default_factory=list)
    is_subject: bool = True  # the object whose history this is, not a record attached to it
    # When this entry stands for a run of rows of one load or bulk change, all of them.
    grouped: list[HistoryEntry] = field(default_factory=list)

    @property
    def summary(self) -> str:
        """The fields an update changed, by label; empty for other actions."""
        if self.entry.action != "update":
            return ""
        return ", ".join(change.label for change in self.changes)


# ------------------------------------------------------------------ values in words


def _field(model: type[models.Model] | None, attname: str) -> models.Field[Any, Any] | None:
    if model is None:
        return None
    try:
        found = model._meta.get_field(attname)
    except FieldDoesNotExist:
        return None
    return found if isinstance(found, models.Field) else None


def _labels_of(model: type[models.Model], ids: set[Any]) -> dict[str, str]:
    """How people name the records ``ids`` of ``model``: code and name or title when it
    has them, else its text. One query."""
    names = {f.name for f in model._meta.concrete_fields}
    rows = model._base_manager.filter(pk__in=ids)
    if "code" in names:
        extra = "name" if "name" in names else "title" if "title" in names else None
        columns = ["pk", "code", *([extra] if extra else [])]
        return {
            str(row[0]): " ".join(str(part) for part in row[1:] if part)
            for row in rows.values_list(*columns)
        }
    if "username" in names:
        return {str(pk): name for pk, name in rows.values_list("pk", "username")}
    return {str(obj.pk): str(obj) for obj in rows}


def _is_key(value: Any) -> bool:
    """Whether an audited value is a record's key (a list of related records may be kept
    by their codes instead, already readable)."""
    return isinstance(value, int) or (isinstance(value, str) and value.isdigit())


def _plain(value: Any, model_field: models.Field[Any, Any] | None) -> str:
    if value is None or value == "":
        return EMPTY
    if model_field is not None and model_field.choices:
        choices = {str(k): str(v) for k, v in model_field.flatchoices}
        return choices.get(str(value), str(value))
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, list):
        return ", ".join(str(v) for v in value) or EMPTY
    if isinstance(value, dict):
        return ", ".join(f"{k}: {v}" for k, v in value.items()) or EMPTY
    if isinstance(model_field, models.DecimalField | models.FloatField):
        places = getattr(model_field, "decimal_places", None)
        return _number(value, places if places is not None and places <= 2 else None)
    if isinstance(model_field, models.DateTimeField):
        return _moment(value)
    return str(value)


def _number(value: Any, places: int | None = None) -> str:
    """A number as people write it: thousands grouped; money (``places`` given) to the
    cent, other figures without trailing zeros (310.000000 is 310, 0.250000 is 0.25)."""
    try:
        number = Decimal(str(value))
    except InvalidOperation:
        return str(value)
    if not number.is_finite():
        return str(value)
    if places is not None:
        return f"{number:,.{places}f}"
    text = f"{number.normalize():,f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def _moment(value: Any) -> str:
    """A stored time (ISO text) as a date and minute in the site's time zone."""
    try:
        moment = dt.datetime.fromisoformat(str(value))
    except ValueError:
        return str(value)
    if timezone.is_aware(moment):
        moment = timezone.localtime(moment)
    return moment.strftime("%-d %b %Y %H:%M")


def describe(entries: Iterable[AuditEntry], subject: tuple[str, str] | None = None) -> list[HistoryEntry]:
    """Audit rows with their changed fields in words. Foreign keys are read in one
    query per model they point to, whatever the number of rows."""
    entries = list(entries)
    wanted: dict[type[models.Model], set[Any]] = defaultdict(set)
    todo: list[tuple[AuditEntry, type[models.Model] | None, list[str]]] = []
    for entry in entries:
        model = model_of(entry.object_type)
        before, after = entry.before or {}, entry.after or {}
        if entry.action == "update":
            names = sorted(set(before) | set(after))
        elif entry.action == "create":
            names = [k for k, v in after.items() if v not in (None, "", [], {})]
        elif entry.action == "delete":
            names = [k for k, v in before.items() if v not in (None, "", [], {})]
        else:
            names = []
        names = [n for n in names if n not in _UNSHOWN]
        for name in names:
            model_field = _field(model, name)
            if model_field is not None and model_field.is_relation and model_field.related_model:
                related = model_field.related_model
                if isinstance(related, type):
                    for value in (before.get(name), after.get(name)):
                        # a many-to-many field keeps the list of the records it holds
                        for one in value if isinstance(value, list | tuple) else [value]:
                            if _is_key(one):
                                wanted[related].add(one)
        todo.append((entry, model, names))

    labels = {related: _labels_of(related, ids) for related, ids in wanted.items()}
    described = []
    for entry, model, names in todo:
        changes = []
        for name in names:
            model_field = _field(model, name)
            label = str(model_field.verbose_name) if model_field is not None else name
            values = []
            for side in (entry.before or {}, entry.after or {}):
                value = side.get(name)
                target = model_field.related_model if model_field is not None else None
                if isinstance(target, type) and target in labels and isinstance(value, list | tuple):
                    named = [labels[target].get(str(one), f"#{one} (deleted)") if _is_key(one)
                             else str(one) for one in value]
                    values.append(", ".join(named) or EMPTY)
                elif isinstance(target, type) and target in labels and value is not None:
                    values.append(labels[target].get(str(value), f"#{value} (deleted)"))
                else:
                    values.append(_plain(value, model_field))
            changes.append(FieldChange(name, label, values[0], values[1]))
        described.append(HistoryEntry(
            entry=entry, type_label=type_label(entry.object_type), changes=changes,
            is_subject=subject is None or (entry.object_type, entry.object_id) == subject,
        ))
    return described


# ------------------------------------------------------------------ an object's history


def _result_records(result: models.Model) -> list[QuerySet[Any]]:
    """What hangs off a result and has no page of its own: its indicators with their
    targets and actuals, its links, cost lines, staff time, risks and assumptions."""
    from goldenthread.finance.models import Allocation, CostLine
    from goldenthread.indicators.models import Actual, Indicator, Target
    from goldenthread.plans.models import Link
    from goldenthread.risks.models import Assumption, Risk

    return [
        Indicator.objects.filter(result=result),
        Target.objects.filter(indicator__result=result),
        Actual.objects.filter(indicator__result=result),
        Link.objects.filter(Q(child=result) | Q(parent=result)),
        CostLine.objects.filter(result=result),
        Allocation.objects.filter(result=result),
        Risk.objects.filter(result=result),
        Assumption.objects.filter(result=result),
    ]


# The records shown in an object's history beside the object itself, by object type.
ATTACHED: dict[str, Callable[[models.Model], list[QuerySet[Any]]]] = {
    "plans.result": _result_records,
}


def _rows_of(queryset: QuerySet[Any]) -> Q:
    """Audit rows of the records of ``queryset``, as a subquery (no query of its own)."""
    ids = queryset.order_by().annotate(audit_id=Cast("pk", CharField())).values("audit_id")
    return Q(object_type=object_type(queryset.model), object_id__in=ids)


@dataclass
class History:
    """A page of an object's history, newest first: ``shown`` are the entries as drawn
    (the rows of one load or bulk change drawn as one), ``entries`` the rows they hold."""

    subject: models.Model
    entries: list[HistoryEntry]
    shown: list[HistoryEntry]
    offset: int
    has_more: bool

    @property
    def next_offset(self) -> int:
        return self.offset + len(self.entries)


def group_batches(entries: list[HistoryEntry]) -> list[HistoryEntry]:
    shown: list[HistoryEntry] = []
    for item in entries:
        last = shown[-1] if shown else None
        e = item.entry
        if (
            last is not None and e.batch is not None and last.entry.batch == e.batch
            and last.entry.action == e.action and last.entry.actor_label == e.actor_label
        ):
            if not last.grouped:
                shown[-1] = last = HistoryEntry(
                    entry=last.entry, type_label=last.type_label, is_subject=last.is_subject,
                    grouped=[last],
                )
            last.grouped.append(item)
            last.is_subject = last.is_subject or item.is_subject
        else:
            shown.append(item)
    return shown


def object_history(
    obj: models.Model,
    *,
    attached: bool = True,
    user: Any = None,
    offset: int = 0,
    limit: int = HISTORY_PAGE,
) -> History:
    """Who changed ``obj``, when, and what, newest first; with ``attached``, the changes
    of the records attached to it (for a result: its indicators, targets, actuals,
    links, costs, staff time, risks, assumptions), those ``user`` may see.

    ``limit`` entries are drawn, the rows of one load or bulk change as one entry. One
    query for the rows (the attached records are subqueries), then one per kind of
    record the changed foreign keys point to.
    """
    from goldenthread.finance.access import money_records_of

    subject = (object_type(obj), str(obj.pk))
    condition = Q(object_type=subject[0], object_id=subject[1])
    if attached and subject[0] in ATTACHED:
        for queryset in ATTACHED[subject[0]](obj):
            if hasattr(queryset, "visible_to"):
                queryset = queryset.visible_to(user)
            condition |= _rows_of(money_records_of(user, queryset, obj.cycle))  # type: ignore[attr-defined]
    rows = list(
        AuditEntry.objects.filter(condition).select_related("actor")
        .order_by("-at", "-id")[offset:offset + HISTORY_WINDOW + 1]
    )
    window = rows[:HISTORY_WINDOW]
    shown = group_batches(describe(window, subject))
    entries = [row for item in shown[:limit] for row in (item.grouped or [item])]
    return History(
        subject=obj, entries=entries, shown=shown[:limit], offset=offset,
        has_more=len(shown) > limit or len(rows) > len(window),
    )


# ------------------------------------------------------------------ the audit log


@dataclass
class AuditFilters:
    """What the audit log is searched by; empty values do not filter."""

    actor: str = ""
    object_type: str = ""
    text: str = ""
    action: str = ""
    cycle: str = ""
    date_from: dt.date | None = None
    date_to: dt.date | None = None


def _day_start(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time.min))


def audit_search(filters: AuditFilters, cycle_codes: Iterable[str] | None = None) -> QuerySet[AuditEntry]:
    """The audit rows matching ``filters``, newest first, within ``cycle_codes`` (None:
    every row, for a superuser). ``actor`` and ``text`` match part of the user name,
    the record's text or its id; dates are whole days in the site's time zone."""
    rows = AuditEntry.objects.select_related("actor")
    if cycle_codes is not None:
        rows = rows.filter(cycle_code__in=list(cycle_codes))
    if filters.actor:
        rows = rows.filter(
            Q(actor_label__icontains=filters.actor)
            | Q(actor__first_name__icontains=filters.actor)
            | Q(actor__last_name__icontains=filters.actor)
        )
    if filters.object_type:
        rows = rows.filter(object_type=filters.object_type)
    if filters.text:
        rows = rows.filter(
            Q(object_repr__icontains=filters.text) | Q(object_id=filters.text)
            | Q(message__icontains=filters.text)
        )
    if filters.action:
        rows = rows.filter(action=filters.action)
    if filters.cycle:
        rows = rows.filter(cycle_code=filters.cycle)
    if filters.date_from:
        rows = rows.filter(at__gte=_day_start(filters.date_from))
    if filters.date_to:
        rows = rows.filter(at__lt=_day_start(filters.date_to + dt.timedelta(days=1)))
    return rows.order_by("-at", "-id")


def audit_object_types() -> list[tuple[str, str]]:
    """Every kind of record the audit trail may name, as (object type, label), by label."""
    found = []
    for model in apps.get_models():
        config = model._meta.app_config
        ours = config is not None and config.name.startswith("goldenthread")
        if (ours and model is not AuditEntry) or object_type(model) == "auth.user":
            found.append((object_type(model), str(model._meta.verbose_name)))
    return sorted(found, key=lambda pair: pair[1])


def audit_actor_labels(cycle_codes: Iterable[str] | None = None, limit: int = 500) -> list[str]:
    """The names of those who changed something (in ``cycle_codes``), for the person
    filter's suggestions. One query."""
    rows = AuditEntry.objects.all()
    if cycle_codes is not None:
        rows = rows.filter(cycle_code__in=list(cycle_codes))
    return list(
        rows.order_by("actor_label").values_list("actor_label", flat=True).distinct()[:limit]
    )
