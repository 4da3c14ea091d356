"""Bulk inserts for whole-plan loads, each record audited, at the speed a
UN-system-sized plan needs (millions of rows in under a minute).

The ORM's ``bulk_create`` spends most of its time preparing each value of each
row in Python; here a table's columns are prepared once and the rows go to the
driver's ``executemany``. Ids are reserved up front in bulk (PostgreSQL: from
the table's sequence; SQLite: above the highest id, safe because Golden Thread
opens SQLite transactions as IMMEDIATE, so the loader holds the write lock),
so every row's id is known without a query per row. Each row gets its audit
row, shaped exactly like ``goldenthread.core.audit.record_many`` writes it
(the record's fields in ``after``, one batch id for the whole load).
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Callable, Iterable, Sequence
from decimal import Decimal
from typing import Any

from django.db import connection, models, transaction
from django.utils import timezone

from goldenthread.core.audit import ActorLike, actor_fields, current_source, json_value
from goldenthread.core.models import AuditEntry

CHUNK = 5000
Row = tuple[Any, ...]


def _reserve_ids(table: str, count: int) -> list[int]:
    """``count`` fresh primary keys for ``table``, fetched in one query."""
    if count == 0:
        return []
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT nextval(pg_get_serial_sequence(%s, 'id')) FROM generate_series(1, %s)",
                [quote(table), count],
            )
            return [row[0] for row in cursor.fetchall()]
        if connection.vendor == "sqlite":
            cursor.execute(f"SELECT COALESCE(MAX(id), 0) FROM {quote(table)}")
            top = cursor.fetchone()[0]
            cursor.execute("SELECT seq FROM sqlite_sequence WHERE name = %s", [table])
            seq = cursor.fetchone()
            start = max(top, seq[0] if seq else 0) + 1
            return list(range(start, start + count))
    raise NotImplementedError(
        f"bulk plan loads support SQLite and PostgreSQL, not {connection.vendor}"
    )


def _preparer(field: models.Field, ops: Any) -> Callable[[Any], Any] | None:
    """How a Python value of this field becomes a driver value (None: as it is).

    The backend's adapters are looked up once per table, not per value."""
    if isinstance(field, models.DecimalField):
        adapt_decimal = ops.adapt_decimalfield_value
        digits, places = field.max_digits, field.decimal_places
        return lambda value: None if value is None else adapt_decimal(value, digits, places)
    if isinstance(field, models.JSONField):
        adapt_json, encoder = ops.adapt_json_value, field.encoder
        return lambda value: None if value is None else adapt_json(value, encoder)
    if isinstance(field, models.DateTimeField):
        return ops.adapt_datetimefield_value  # type: ignore[no-any-return]
    if isinstance(field, models.DateField):
        return ops.adapt_datefield_value  # type: ignore[no-any-return]
    if isinstance(field, models.UUIDField):
        return lambda value: field.get_db_prep_value(value, connection)
    return None


def _compact_json(value: Any, encoder: Any) -> str:
    return json.dumps(value, separators=(",", ":"), ensure_ascii=False)


_NEEDS_JSON_FORM = (models.DecimalField, models.DateField, models.UUIDField)


class Table:
    """Inserts rows of one model: ``columns`` are attribute names (``unit_id``);
    the fields not given take their model default."""

    def __init__(self, model: type[models.Model], columns: Sequence[str]):
        self.model = model
        meta = model._meta
        self.object_type = f"{meta.app_label}.{meta.model_name}"
        fields = {f.attname: f for f in meta.concrete_fields if not f.primary_key}
        unknown = set(columns) - set(fields)
        if unknown:
            raise ValueError(f"{model.__name__} has no columns {sorted(unknown)}")
        self.columns = list(columns)
        self.defaults = [
            (name, f.get_default()) for name, f in fields.items() if name not in columns
        ]
        self.quantize: list[tuple[int, Decimal]] = [
            (i, Decimal(1).scaleb(-fields[name].decimal_places))  # type: ignore[attr-defined]
            for i, name in enumerate(self.columns)
            if isinstance(fields[name], models.DecimalField)
        ]
        all_names = [*self.columns, *(name for name, _ in self.defaults)]
        ops = connection.ops
        self.preparers = [_preparer(fields[name], ops) for name in all_names]
        self.json_forms = [isinstance(fields[name], _NEEDS_JSON_FORM) for name in all_names]
        self.snapshot_names = ["id", *all_names]
        quote = connection.ops.quote_name
        names = ", ".join(quote(fields[n].column) for n in all_names)
        marks = ", ".join(["%s"] * (len(all_names) + 1))
        self.sql = (
            f"INSERT INTO {quote(meta.db_table)} ({quote(meta.pk.column)}, {names}) "
            f"VALUES ({marks})"
        )

    def normalise(self, row: Row) -> Row:
        """Decimals at the places the column keeps, so audit rows match the database."""
        if not self.quantize:
            return row
        values = list(row)
        for i, places in self.quantize:
            if values[i] is not None:
                values[i] = values[i].quantize(places)
        return tuple(values)


class AuditedInserter:
    """Writes rows table by table, each with its audit row, in the caller's transaction."""

    def __init__(self, *, actor: ActorLike, batch: uuid.UUID, cycle_code: str, message: str):
        user, label = actor_fields(actor)
        ops = connection.ops
        at = ops.adapt_datetimefield_value(timezone.now())
        batch_field = AuditEntry._meta.get_field("batch")
        self.audit_sql = Table(
            AuditEntry,
            ["at", "actor_id", "actor_label", "action", "object_type", "object_id", "object_repr",
             "cycle_code", "before", "after", "message", "batch", "source"],
        ).sql
        self.audit_head = (at, user.pk if user is not None else None, label, "create")
        self.audit_tail = (message, batch_field.get_db_prep_value(batch, connection), current_source())
        self.adapt_json = ops.adapt_json_value
        if connection.vendor == "sqlite":  # compact text: a large load writes millions of these
            self.adapt_json = _compact_json
        self.cycle_code = cycle_code
        self.counts: dict[str, int] = {}

    def insert(
        self,
        table: Table,
        rows: Iterable[tuple[Row, str]] | Iterable[tuple[Row, str, dict[str, Any]]],
        *,
        label: str,
        on_chunk: Callable[[int], None] | None = None,
        audited: bool = True,
    ) -> list[int]:
        """Insert ``(values, repr)`` pairs, or ``(values, repr, extra)`` where ``extra`` is
        added to the row's audit snapshot; return the new ids in the same order.

        ``audited=False`` is for rows whose values a parent's audit row already holds in
        full (an indicator's row carries its targets and actuals), so that a large plan
        does not write a second million audit rows saying the same thing."""
        if not transaction.get_connection().in_atomic_block:
            raise RuntimeError("bulk plan writes run inside the load's transaction")
        ids: list[int] = []
        chunk: list[tuple[Any, ...]] = []
        for pair in rows:
            chunk.append(pair)
            if len(chunk) >= CHUNK:
                ids.extend(self._flush(table, chunk, audited))
                chunk = []
                if on_chunk:
                    on_chunk(len(ids))
        if chunk:
            ids.extend(self._flush(table, chunk, audited))
            if on_chunk:
                on_chunk(len(ids))
        self.counts[label] = self.counts.get(label, 0) + len(ids)
        return ids

    def _flush(self, table: Table, chunk: list[tuple[Any, ...]], audited: bool) -> list[int]:
        ids = _reserve_ids(table.model._meta.db_table, len(chunk))
        defaults = tuple(value for _, value in table.defaults)
        prepared = [(i, p) for i, p in enumerate(table.preparers) if p is not None]
        json_forms = [i for i, needs in enumerate(table.json_forms) if needs]
        names = table.snapshot_names
        head, tail = self.audit_head, self.audit_tail
        object_type, cycle_code = table.object_type, self.cycle_code
        adapt_json = self.adapt_json
        db_rows = []
        audit_rows = []
        for pk, values, text, *extra in ((pk, *pair) for pk, pair in zip(ids, chunk, strict=True)):
            full = table.normalise(values) + defaults
            db_row = [pk, *full]
            for i, prep in prepared:
                db_row[i + 1] = prep(full[i])
            db_rows.append(db_row)
            if not audited:
                continue
            snap = [pk, *full]
            for i in json_forms:
                snap[i + 1] = json_value(full[i])
            state = dict(zip(names, snap, strict=True))
            if extra:
                state.update(extra[0])
            after = adapt_json(state, None)
            audit_rows.append(
                (*head, object_type, str(pk), text[:255], cycle_code, None, after, *tail)
            )
        with connection.cursor() as cursor:
            cursor.executemany(table.sql, db_rows)
            if audit_rows:
                audit_ids = _reserve_ids(AuditEntry._meta.db_table, len(audit_rows))
                cursor.executemany(
                    self.audit_sql,
                    [(pk, *row) for pk, row in zip(audit_ids, audit_rows, strict=True)],
                )
        return ids
