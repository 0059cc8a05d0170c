"""Writing many rows in few statements, with their history records (django-simple-history).

``Batch`` collects the rows of one model and writes them with ``bulk_create`` and
``bulk_update``; ``Leaves`` does the same for rows nothing else refers to, as plain values:
PostgreSQL's COPY, or elsewhere one ``executemany``. Bulk writes send no signal: the caller
renews the plans' revision itself (``objectives.signals.plans_changed``).
"""

import json
from typing import Any

from django.db import connection, models
from django.db.models import Q, QuerySet
from django.utils import timezone
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

BATCH = 1000


class Batch:
    """The rows of one model an import step creates and updates, written in bulk at its end.

    Created rows get their ids back (``bulk_create``): later steps refer to them.
    """

    def __init__(self, model: type[models.Model], user: Any = None, reason: Any = "") -> None:
        self.model = model
        self.user = user
        self.reason = reason
        self.created: list[Any] = []
        self.updated: list[Any] = []
        self.fields: set[str] = set()

    def new(self, values: dict[str, Any]) -> models.Model | None:
        instance = self.model(**values)
        self.created.append(instance)
        return instance

    def change(self, instance: Any, values: dict[str, Any]) -> None:
        for name, value in values.items():
            setattr(instance, name, value)
        self.updated.append(instance)
        self.fields.update(values)

    def write(self) -> None:
        if self.created:
            self._create()
        if self.updated:
            self._update(self.updated)

    def _update(self, instances: list[models.Model]) -> None:
        fields = sorted(self.fields)
        if hasattr(self.model, "history"):
            bulk_update_with_history(
                instances,
                self.model,
                fields,
                batch_size=BATCH,
                default_user=self.user,
                default_change_reason=str(self.reason),
            )
        else:
            self.model.objects.bulk_update(instances, fields, batch_size=BATCH)

    def _create(self) -> None:
        if hasattr(self.model, "history"):
            bulk_create_with_history(
                self.created,
                self.model,
                batch_size=BATCH,
                default_user=self.user,
                default_change_reason=str(self.reason),
            )
        else:
            self.model.objects.bulk_create(self.created, batch_size=BATCH)


class Leaves(Batch):
    """Rows nothing else in the import refers to (weights, programming, execution, published
    progress), created as plain values in one statement per table, with their history.

    A large book creates a hundred thousand of them, and building and saving a model instance
    per row cost over ten times the insert itself. ``key`` names the fields that identify a
    row (its unique constraint) and ``scope`` the rows the import may create, so their new ids,
    which the history needs, are read back in one query. Stored rows come as light tuples
    (``stored``); only those the book changes are fetched whole, in one query.
    """

    def __init__(self, model, user: Any, reason: Any, key: tuple[str, ...], scope: Q) -> None:
        super().__init__(model, user, reason)
        self.key, self.scope = key, scope

    def new(self, values: dict[str, Any]) -> None:
        """``values`` name columns (``indicator_id``), as the database does."""
        self.created.append(values)

    def change(self, instance: Any, values: dict[str, Any]) -> None:
        self.updated.append((instance.pk, values))
        self.fields.update(values)

    def write(self) -> None:
        if self.created:
            self._create()
        if self.updated:
            instances = self.model.objects.in_bulk([pk for pk, _ in self.updated])
            versioned = any(f.name == "version" for f in self.model._meta.concrete_fields)
            for pk, values in self.updated:
                for name, value in values.items():
                    setattr(instances[pk], name, value)
                if versioned:  # a form opened before the import then gets the conflict page
                    instances[pk].version += 1
            if versioned:
                self.fields.add("version")
            self._update(list(instances.values()))

    def _create(self) -> None:
        now = connection.ops.adapt_datetimefield_value(timezone.now())
        fields = [f for f in self.model._meta.concrete_fields if not f.primary_key]
        defaults = {f.attname: _default(f, now) for f in fields}
        rows = [_as_stored(fields, defaults | values) for values in self.created]
        insert(self.model, [f.attname for f in fields], rows)
        if not hasattr(self.model, "history"):
            return
        ids = {
            tuple(key): pk
            for pk, *key in self.model.objects.filter(self.scope).values_list("pk", *self.key)
        }
        record = {
            "history_date": now,
            "history_change_reason": str(self.reason),
            "history_type": "+",
            "history_user_id": getattr(self.user, "pk", None),
        }
        history = self.model.history.model
        columns = [f.attname for f in history._meta.concrete_fields if not f.primary_key]
        insert(
            history,
            columns,
            [row | record | {"id": ids[tuple(row[k] for k in self.key)]} for row in rows],
        )


def _as_stored(fields: list[models.Field], row: dict[str, Any]) -> dict[str, Any]:
    """JSON columns as text: what both COPY and SQLite's INSERT take."""
    for model_field in fields:
        if isinstance(model_field, models.JSONField):
            row[model_field.attname] = json.dumps(row[model_field.attname])
    return row


def _default(model_field: models.Field, now: str) -> Any:
    if getattr(model_field, "auto_now", False) or getattr(model_field, "auto_now_add", False):
        return now
    return model_field.get_default()


def insert(model: type[models.Model], columns: list[str], rows: list[dict[str, Any]]) -> None:
    """Write the rows' values (already in the database's terms) in one statement: PostgreSQL's
    COPY, or elsewhere an ``executemany`` (SQLite runs it in process, a prepared statement
    per row)."""
    quote = connection.ops.quote_name
    table, names = quote(model._meta.db_table), ", ".join(map(quote, columns))
    values = [[row[c] for c in columns] for row in rows]
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            with cursor.cursor.copy(f"COPY {table} ({names}) FROM STDIN") as copy:
                for row in values:
                    copy.write_row(row)
            return
        placeholders = ", ".join(["%s"] * len(columns))
        cursor.executemany(f"INSERT INTO {table} ({names}) VALUES ({placeholders})", values)


def stored(rows: QuerySet, *fields: str) -> list:
    """Stored rows as light named tuples (pk and ``fields``): a large plan has a hundred
    thousand, and the import only compares them."""
    return list(rows.values_list("pk", *fields, named=True))
