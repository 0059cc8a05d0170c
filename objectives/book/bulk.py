"""Writing many rows in few statements, with their history records (django-simple-history).

``Batch`` collects the rows of one model and writes them with ``bulk_create`` and
``bulk_update``; ``Leaves`` does the same for rows nothing else refers to, as plain values:
PostgreSQL's COPY, or elsewhere one ``executemany``. Bulk writes send no signal: the caller
renews the plans' revision itself (``objectives.signals.plans_changed``).
"""

import json
from collections.abc import Callable
from operator import itemgetter
from typing import Any

from django.db import connection, models
from django.db.models import Q, QuerySet
from django.utils import timezone
from simple_history.utils import bulk_update_with_history

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
        """The rows with ``bulk_create`` (they get their ids), and their history records as
        plain values in one statement: building a history instance per row cost more than
        writing the row (simple-history's ``bulk_create_with_history`` did)."""
        self.model.objects.bulk_create(self.created, batch_size=BATCH)
        if not hasattr(self.model, "history"):
            return
        history = self.model.history.model
        user = self.user or history.get_default_history_user(self.created[0])
        record = _record(self.reason, user)
        tracked = [f.attname for f in history.tracked_fields]
        fields = [f for f in self.model._meta.concrete_fields if f.attname in tracked]
        rows = [{name: getattr(instance, name) for name in tracked} for instance in self.created]
        _as_stored(fields, rows)
        for row in rows:
            row.update(record)
        insert(history, _history_columns(history), rows)


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
        rows = [defaults | values for values in self.created]
        _as_stored(fields, rows)
        insert(self.model, [f.attname for f in fields], rows)
        if not hasattr(self.model, "history"):
            return
        identify = _getter(self.key)
        ids = {
            tuple(key): pk
            for pk, *key in self.model.objects.filter(self.scope).values_list("pk", *self.key)
        }
        record = _record(self.reason, self.user, now)
        for row in rows:  # the row's own values, then the history's
            row["id"] = ids[identify(row)]
            row.update(record)
        history = self.model.history.model
        insert(history, _history_columns(history), rows)


def _record(reason: Any, user: Any, now: Any = None) -> dict[str, Any]:
    """The history columns of a row an import creates: when, why, who, and "+" (created)."""
    return {
        "history_date": now or connection.ops.adapt_datetimefield_value(timezone.now()),
        "history_change_reason": str(reason),
        "history_type": "+",
        "history_user_id": getattr(user, "pk", None),
    }


def _history_columns(history: type[models.Model]) -> list[str]:
    return [f.attname for f in history._meta.concrete_fields if not f.primary_key]


def _as_stored(fields: list[models.Field], rows: list[dict[str, Any]]) -> None:
    """JSON columns as text: what both COPY and SQLite's INSERT take."""
    for name in [f.attname for f in fields if isinstance(f, models.JSONField)]:
        for row in rows:
            row[name] = json.dumps(row[name])


def _getter(names: tuple[str, ...]) -> Callable[[dict[str, Any]], tuple]:
    """The row's values of ``names``, as a tuple (itemgetter gives a lone value for one)."""
    if len(names) == 1:
        return lambda row: (row[names[0]],)
    return itemgetter(*names) if names else lambda row: ()


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
    values = map(itemgetter(*columns), rows)  # a tuple per row, in C
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
