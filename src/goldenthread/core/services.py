"""Generic audited writes. Domain services add their rules and call these;
the admin and any other generic editor call them too, so no write skips the
audit trail.
"""

from __future__ import annotations

from typing import Any, TypeVar

from django.db import models, transaction

from goldenthread.core import audit
from goldenthread.core.audit import ActorLike

M = TypeVar("M", bound=models.Model)


@transaction.atomic
def object_create(*, actor: ActorLike, obj: M, message: str = "") -> M:
    """Validate, save and audit a new record."""
    obj.full_clean()
    obj.save(force_insert=True)
    audit.record(actor=actor, action="create", obj=obj, after=audit.snapshot(obj), message=message)
    return obj


@transaction.atomic
def object_update(
    *, actor: ActorLike, obj: M, data: dict[str, Any] | None = None, message: str = ""
) -> M:
    """Apply ``data`` (field name -> value) to ``obj``, validate, save and audit.

    ``before`` is read from the database, not from the instance, so edits made
    on the instance before this call (as forms do) are still recorded.
    """
    fresh = type(obj)._default_manager.select_for_update().get(pk=obj.pk)
    before = audit.snapshot(fresh)
    for name, value in (data or {}).items():
        setattr(obj, name, value)
    obj.full_clean()
    obj.save()
    after = audit.snapshot(obj)
    if before != after:
        audit.record(
            actor=actor, action="update", obj=obj, message=message,
            before={k: before[k] for k in audit.changed_fields(before, after)},
            after={k: after[k] for k in audit.changed_fields(before, after)},
        )
    return obj


@transaction.atomic
def object_delete(*, actor: ActorLike, obj: models.Model, message: str = "") -> None:
    """Delete a record and audit it with what it held."""
    before = audit.snapshot(obj)
    pk = obj.pk
    audit.record(actor=actor, action="delete", obj=obj, before=before, message=message)
    obj.delete()
    obj.pk = pk
