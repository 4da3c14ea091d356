"""Writing the audit trail. Services call these inside their transaction.

An *actor* is whoever makes a change: a signed-in ``User``, or, for the command
line and other unattended work, an ``Actor`` label such as ``cli:planner``.
"""

from __future__ import annotations

import contextlib
import contextvars
import datetime as dt
import getpass
import uuid
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db import models, transaction

from goldenthread.core.models import AuditEntry


@dataclass(frozen=True)
class Actor:
    """A non-interactive author of changes (the CLI, an import, the demo)."""

    label: str
    user: AbstractBaseUser | None = None

    @classmethod
    def cli(cls, user: AbstractBaseUser | None = None) -> Actor:
        if user is not None:
            return cls(label=user.get_username(), user=user)
        try:
            account = getpass.getuser()
        except (KeyError, OSError):
            account = "unknown"
        return cls(label=f"cli:{account}")


ActorLike = Actor | AbstractBaseUser | AnonymousUser

_SOURCE: contextvars.ContextVar[str] = contextvars.ContextVar("goldenthread_audit_source", default="")


@contextlib.contextmanager
def sourced(source: str) -> Iterator[None]:
    """Mark every audit row written inside the block as made for ``source``.

    A review applying its decisions wraps the services it calls in
    ``sourced(f"review:{review.pk}")``, so each row those services write points
    back to the review; blocks nest, the innermost source wins.
    """
    token = _SOURCE.set(source[:64])
    try:
        yield
    finally:
        _SOURCE.reset(token)


def current_source() -> str:
    """The source set by the innermost ``sourced`` block, or ``""``."""
    return _SOURCE.get()


def actor_fields(actor: ActorLike) -> tuple[Any, str]:
    """The (user, label) pair an audit row stores for this actor."""
    if isinstance(actor, Actor):
        return actor.user, actor.label
    if isinstance(actor, AnonymousUser) or not getattr(actor, "is_authenticated", False):
        raise PermissionError("an anonymous user cannot change anything")
    return actor, actor.get_username()


def json_value(value: Any) -> Any:
    """A JSON-safe form of a field value; money and dates keep full precision."""
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    if isinstance(value, uuid.UUID):
        return str(value)
    if isinstance(value, models.Model):
        return value.pk
    return value


def snapshot(obj: models.Model) -> dict[str, Any]:
    """The record's concrete fields, foreign keys as ids, ready for JSON."""
    data: dict[str, Any] = {}
    for field in obj._meta.concrete_fields:
        value = getattr(obj, field.attname)
        if isinstance(field, models.DecimalField) and value is not None:
            # As the database stores it, so "3" and "3.0000" are one value.
            value = Decimal(value).quantize(Decimal(1).scaleb(-field.decimal_places))
        data[field.attname] = json_value(value)
    return data


def changed_fields(before: dict[str, Any] | None, after: dict[str, Any] | None) -> list[str]:
    before = before or {}
    after = after or {}
    return sorted(k for k in set(before) | set(after) if before.get(k) != after.get(k))


def _object_type(obj: models.Model) -> str:
    return f"{obj._meta.app_label}.{obj._meta.model_name}"


def _cycle_code(obj: models.Model) -> str:
    cycle = getattr(obj, "audit_cycle_code", None)
    if callable(cycle):
        return cycle() or ""
    return cycle or ""


def record(
    *,
    actor: ActorLike,
    action: str,
    obj: models.Model,
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
    message: str = "",
    batch: uuid.UUID | None = None,
    cycle_code: str | None = None,
) -> AuditEntry:
    """Write one audit row. Must run inside the transaction of the change."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("audit rows are written inside the transaction of the change")
    user, label = actor_fields(actor)
    return AuditEntry.objects.create(
        actor=user,
        actor_label=label,
        action=action,
        object_type=_object_type(obj),
        object_id=str(obj.pk),
        object_repr=str(obj)[:255],
        cycle_code=cycle_code if cycle_code is not None else _cycle_code(obj),
        before=before,
        after=after,
        message=message,
        batch=batch,
        source=current_source(),
    )


def record_many(
    *,
    actor: ActorLike,
    action: str,
    objs: Iterable[models.Model],
    message: str = "",
    batch: uuid.UUID | None = None,
    cycle_code: str = "",
    with_snapshot: bool = True,
    batch_size: int = 5000,
) -> int:
    """Audit many created or deleted records at once (plan loads, replaces).

    For ``create`` the snapshot goes in ``after``; for ``delete`` in ``before``.
    """
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("audit rows are written inside the transaction of the change")
    user, label = actor_fields(actor)
    source = current_source()
    rows: list[AuditEntry] = []
    count = 0
    for obj in objs:
        snap = snapshot(obj) if with_snapshot else None
        rows.append(
            AuditEntry(
                actor=user,
                actor_label=label,
                action=action,
                object_type=_object_type(obj),
                object_id=str(obj.pk),
                object_repr=str(obj)[:255],
                cycle_code=cycle_code,
                before=snap if action == "delete" else None,
                after=None if action == "delete" else snap,
                message=message,
                batch=batch,
                source=source,
            )
        )
        if len(rows) >= batch_size:
            AuditEntry.objects.bulk_create(rows)
            count += len(rows)
            rows = []
    if rows:
        AuditEntry.objects.bulk_create(rows)
        count += len(rows)
    return count
