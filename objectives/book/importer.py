"""Writes that span many rows: importing a follow-up book.

The import is one transaction. Rows are matched to what the database holds (an indicator by its
code, or by its meta and name; a meta by kind and code, or by its statement), so the same book
twice changes nothing. A blank cell never erases a figure the database already has, and a closed
vigencia keeps its programming and its approved execution whatever the book says.

The result records every row created or updated (old → new, in Colombian format), so a dry run
can be shown as a preview before anything is written.
"""

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db import DatabaseError, connection, models, transaction
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from indicators.choices import Corte, ReportStatus
from indicators.formatting import number
from indicators.models import Goal, Indicator, Programming, PublishedProgress, Report
from objectives.book import Book, IndicatorRow
from objectives.checks import same_text
from objectives.models import Closure, Objective, Plan, Weight
from objectives.signals import plans_changed

BATCH = 1000
BOOK_HAS_ERRORS = "El libro tiene errores: corríjalos antes de importarlo."
IMPORT_REASON = _("Importación del libro de seguimiento")
DATABASE_REFUSED = _(
    "La base de datos rechazó un valor del libro (%(error)s): no se escribió nada. Revise el "
    "valor que el mensaje nombra y vuelva a importar el libro."
)
CLOSED_PROGRAMMING = _(
    "La vigencia %(year)s está cerrada: no se cambió la programación de %(indicator)s."
)
CLOSED_REPORT = _(
    "La vigencia %(year)s está cerrada: no se cambió la ejecución aprobada de %(indicator)s "
    "(%(corte)s)."
)
ENTITIES = (
    ("plan", _("Plan")),
    ("objectives", _("Objetivos")),
    ("goals", _("Metas")),
    ("indicators", _("Indicadores")),
    ("weights", _("Ponderaciones")),
    ("programming", _("Programación")),
    ("reports", _("Ejecución")),
    ("published", _("Avance publicado")),
)
LABELS = {
    "plan": _("Plan «%(name)s»"),
    "goals": "%(goal)s",
    "objectives": _("Objetivo %(number)s"),
    "indicators": _("Indicador %(indicator)s"),
    "weights": _("Ponderación Objetivo %(number)s · %(indicator)s"),
    "programming": _("Programación %(indicator)s · %(year)s"),
    "reports": _("Ejecución %(indicator)s · %(year)s · %(corte)s"),
    "published": _("Avance publicado %(indicator)s · %(year)s"),
}
BLANK = "—"


class BookError(Exception):
    pass


@dataclass
class Tally:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    protected: int = 0  # rows a closed vigencia kept as they were, though the book differs


@dataclass(frozen=True)
class FieldChange:
    """One field of an updated row: its verbose name and both values, ready to show."""

    name: str
    old: str
    new: str


@dataclass(frozen=True)
class Change:
    """A row the import creates or updates: "Ejecución 545 · 2020 · 31 de diciembre".

    The label is made when shown: a large book creates a hundred thousand rows, and the
    command never shows them one by one.
    """

    entity: str
    params: dict[str, Any]
    created: bool
    fields: tuple[FieldChange, ...] = ()

    @property
    def label(self) -> str:
        return LABELS[self.entity] % self.params


@dataclass
class ImportResult:
    plan_id: int | None = None
    dry_run: bool = False
    tallies: dict[str, Tally] = field(default_factory=lambda: defaultdict(Tally))
    changes: list[Change] = field(default_factory=list)
    protected: list[str] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return any(t.created or t.updated for t in self.tallies.values())

    def count_lines(self) -> list[str]:
        lines = []
        for key, label in ENTITIES:
            t = self.tallies[key]
            line = (
                f"{label}: {t.created} creados, {t.updated} actualizados, {t.unchanged} sin cambios"
            )
            lines.append(f"{line}, {t.protected} protegidos" if t.protected else line)
        return lines

    def lines(self) -> list[str]:
        """The tallies, then what a closed vigencia protected."""
        return self.count_lines() + self.protected


def book_import(*, book: Book, dry_run: bool = False, user: Any = None) -> ImportResult:
    """Write a book read by ``read_book``; with ``dry_run`` everything is rolled back.
    ``user`` signs the history records.

    Each kind of row is written in bulk, a few queries in all whatever the book's size. The
    reader has validated every value (limits, decimals, lengths, weights, baselines) with a
    message that names its cell; the database's constraints stand behind it, and a value
    they refuse rolls the whole book back.
    """
    if book.errors:
        raise BookError(BOOK_HAS_ERRORS)
    result = ImportResult(dry_run=dry_run)
    try:
        with transaction.atomic():
            plan = _sync_plan(book, result)
            objectives = _sync_objectives(plan, book, result)
            first_rows = _first_rows(book.rows)
            goals = _sync_goals(first_rows, result)
            indicators = _sync_indicators(first_rows, goals, result)
            _sync_weights(book, objectives, indicators, result, user)
            _sync_figures(plan, first_rows, indicators, result, user)
            linked = Weight.objects.filter(objective__plan=plan).values("indicator_id")
            plans_changed(Q(pk=plan.pk) | Q(objectives__weights__indicator__in=linked))
            result.plan_id = plan.pk
            if dry_run:
                transaction.set_rollback(True)
    except DatabaseError as error:
        raise BookError(DATABASE_REFUSED % {"error": error}) from error
    return result


class _Batch:
    """The rows of one model an import step creates and updates, written in bulk at its end.

    Created rows get their ids back (``bulk_create``): later steps refer to them.
    """

    def __init__(self, model: type[models.Model], user: Any = None) -> None:
        self.model = model
        self.user = user
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
                default_change_reason=str(IMPORT_REASON),
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
                default_change_reason=str(IMPORT_REASON),
            )
        else:
            self.model.objects.bulk_create(self.created, batch_size=BATCH)


class _Leaves(_Batch):
    """Rows nothing else in the import refers to (weights, programming, execution, published
    progress), created as plain values in one statement per table, with their history.

    A large book creates a hundred thousand of them, and building and saving a model instance
    per row cost over ten times the insert itself. ``key`` names the fields that identify a
    row (its unique constraint) and ``scope`` the rows the import may create, so their new ids,
    which the history needs, are read back in one query. Stored rows come as light tuples
    (``_stored``); only those the book changes are fetched whole, in one query.
    """

    def __init__(self, model, user: Any, key: tuple[str, ...], scope: Q) -> None:
        super().__init__(model, user)
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
            for pk, values in self.updated:
                for name, value in values.items():
                    setattr(instances[pk], name, value)
            self._update(list(instances.values()))

    def _create(self) -> None:
        now = connection.ops.adapt_datetimefield_value(timezone.now())
        fields = [f for f in self.model._meta.concrete_fields if not f.primary_key]
        defaults = {f.attname: _default(f, now) for f in fields}
        rows = [defaults | values for values in self.created]
        _insert(self.model, [f.attname for f in fields], rows)
        if not hasattr(self.model, "history"):
            return
        ids = {
            tuple(key): pk
            for pk, *key in self.model.objects.filter(self.scope).values_list("pk", *self.key)
        }
        record = {
            "history_date": now,
            "history_change_reason": str(IMPORT_REASON),
            "history_type": "+",
            "history_user_id": getattr(self.user, "pk", None),
        }
        history = self.model.history.model
        columns = [f.attname for f in history._meta.concrete_fields if not f.primary_key]
        _insert(
            history,
            columns,
            [row | record | {"id": ids[tuple(row[k] for k in self.key)]} for row in rows],
        )


def _default(model_field: models.Field, now: str) -> Any:
    if getattr(model_field, "auto_now", False) or getattr(model_field, "auto_now_add", False):
        return now
    return model_field.get_default()


def _insert(model: type[models.Model], columns: list[str], rows: list[dict[str, Any]]) -> None:
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


def _first_rows(rows: Iterable[IndicatorRow]) -> dict[tuple, IndicatorRow]:
    """An indicator that feeds two objectives is written once, from its first row."""
    first: dict[tuple, IndicatorRow] = {}
    for row in rows:
        first.setdefault(row.key, row)
    return first


def _differences(
    model: type[models.Model], instance: Any, values: dict[str, Any]
) -> dict[str, tuple[Any, Any]]:
    """Field → (stored, new) for each value that differs from what the instance (or a light
    ``stored`` tuple) holds. A related row is compared by its id: no query fetches it."""
    differences = {}
    for name, value in values.items():
        stored = getattr(instance, model._meta.get_field(name).attname)
        if stored != (value.pk if isinstance(value, models.Model) else value):
            differences[name] = (getattr(instance, name, stored), value)
    return differences


def _stored(rows: QuerySet, *fields: str) -> list:
    """Stored rows as light named tuples (pk and ``fields``): a large plan has a hundred
    thousand, and the import only compares them."""
    return list(rows.values_list("pk", *fields, named=True))


def _shown(model_field: models.Field, value: Any) -> str:
    """A stored value as a person reads it: Colombian numbers, choice labels, "—" for blank."""
    if value is None or value == "":
        return BLANK
    if model_field.choices:
        return str(dict(model_field.flatchoices).get(value, value))
    if isinstance(value, bool):
        return str(_("sí") if value else _("no"))
    if isinstance(value, Decimal):
        return number(value)
    return str(value)


def _sync_one(
    instance: models.Model | None,
    batch: _Batch,
    values: dict,
    result: ImportResult,
    entity: str,
    params: dict[str, Any],
    protected: str = "",
):
    """Create or update one row in ``batch`` and record it; a ``protected`` row is left as it
    is and the message says why."""
    tally = result.tallies[entity]
    if instance is None:
        instance = batch.new(values)
        tally.created += 1
        result.changes.append(Change(entity, params, created=True))
        return instance
    differences = _differences(batch.model, instance, values)
    if not differences:
        tally.unchanged += 1
    elif protected:
        tally.protected += 1
        result.protected.append(protected)
    else:
        fields = []
        for name, (old, new) in differences.items():
            model_field = batch.model._meta.get_field(name)
            fields.append(
                FieldChange(
                    str(model_field.verbose_name),
                    _shown(model_field, old),
                    _shown(model_field, new),
                )
            )
        batch.change(instance, {name: new for name, (_old, new) in differences.items()})
        tally.updated += 1
        result.changes.append(Change(entity, params, created=False, fields=tuple(fields)))
    return instance


def _reference(row: IndicatorRow) -> str:
    """How a message names the row's indicator: its code, or the start of its name."""
    return row.code or f"«{row.name[:60]}»"


def _sync_plan(book: Book, result: ImportResult) -> Plan:
    values = {k: v for k, v in book.platform.items() if k not in ("entity", "name")}
    plan = Plan.objects.filter(entity=book.platform["entity"], name=book.platform["name"]).first()
    values |= {"entity": book.platform["entity"], "name": book.platform["name"]}
    batch = _Batch(Plan)
    plan = _sync_one(plan, batch, values, result, "plan", {"name": book.platform["name"]})
    plan.full_clean()  # one row: its messages are worth the queries
    batch.write()
    return plan


def _sync_objectives(plan: Plan, book: Book, result: ImportResult) -> dict[int, Objective]:
    existing = {o.number: o for o in plan.objectives.all()}
    batch = _Batch(Objective)
    objectives = {
        sheet.number: _sync_one(
            existing.get(sheet.number),
            batch,
            {"plan": plan, "number": sheet.number, "statement": sheet.statement},
            result,
            "objectives",
            {"number": sheet.number},
        )
        for sheet in book.objectives
    }
    batch.write()
    return objectives


def _goal_key(goal: Goal) -> tuple[str, str]:
    return (goal.kind, goal.code or "≡" + same_text(goal.statement))


def _sync_goals(rows: dict[tuple, IndicatorRow], result: ImportResult) -> dict[tuple, Goal]:
    existing = {_goal_key(goal): goal for goal in Goal.objects.all()}
    goals: dict[tuple, Goal] = {}
    batch = _Batch(Goal)
    for row in rows.values():
        if row.goal_key in goals:
            continue
        goal = existing.get(row.goal_key)
        values = {"kind": row.goal_kind, "code": row.goal_code}
        if (
            goal is None
            or not row.goal_code
            or same_text(goal.statement) != same_text(row.goal_statement)
        ):
            values["statement"] = row.goal_statement
        shown = Goal(kind=row.goal_kind, code=row.goal_code, statement=row.goal_statement)
        goals[row.goal_key] = _sync_one(goal, batch, values, result, "goals", {"goal": shown})
    batch.write()
    return goals


def _indicator_key(indicator: Indicator, goal_keys: dict[int, tuple]) -> tuple:
    if indicator.code:
        return (indicator.code,)
    return (goal_keys.get(indicator.goal_id), same_text(indicator.name))


def _sync_indicators(
    rows: dict[tuple, IndicatorRow], goals: dict[tuple, Goal], result: ImportResult
) -> dict[tuple, Indicator]:
    goal_keys = {goal.pk: key for key, goal in goals.items()}
    codes = [row.code for row in rows.values() if row.code]
    existing = {
        _indicator_key(indicator, goal_keys): indicator
        for indicator in Indicator.objects.filter(
            models.Q(code__in=codes) | models.Q(code="", goal__in=list(goals.values()))
        )
    }
    indicators = {}
    batch = _Batch(Indicator)
    for key, row in rows.items():
        indicator = existing.get(key)
        indicators[key] = _sync_one(
            indicator,
            batch,
            _indicator_values(row, goals, indicator),
            result,
            "indicators",
            {"indicator": _reference(row)},
        )
    batch.write()
    return indicators


def _indicator_values(row: IndicatorRow, goals: dict[tuple, Goal], indicator: Indicator | None):
    """What the row says of the indicator. For one already stored, a blank cell, an inferred
    annualization or unit and a borrowed name leave the stored value as it is."""
    values: dict[str, Any] = {"goal": goals[row.goal_key], "code": row.code}
    new = indicator is None
    if new or not row.annualization_inferred:
        values["annualization"] = row.annualization
        values["annualization_inferred"] = row.annualization_inferred
    if new or not row.unit_inferred:
        values["unit"] = row.unit
    if new or (not row.name_derived and same_text(indicator.name) != same_text(row.name)):
        values["name"] = row.name
    optional = {
        "baseline": row.baseline,
        "stated_total": row.stated_total,
        "dependency": row.dependency,
        "notes": row.notes,
    }
    values |= {name: value for name, value in optional.items() if value not in (None, "")}
    return values


def _sync_weights(
    book: Book,
    objectives: dict[int, Objective],
    indicators: dict[tuple, Indicator],
    result: ImportResult,
    user: Any,
) -> None:
    existing = {
        (w.objective_id, w.indicator_id): w
        for w in _stored(
            Weight.objects.filter(objective__in=list(objectives.values())),
            *("objective_id", "indicator_id", "weight"),
        )
    }
    links = Q(objective__in=list(objectives.values()))
    batch = _Leaves(Weight, user, ("objective_id", "indicator_id"), links)
    for row in book.rows:
        objective, indicator = objectives[row.objective], indicators[row.key]
        _sync_one(
            existing.get((objective.pk, indicator.pk)),
            batch,
            {"objective_id": objective.pk, "indicator_id": indicator.pk, "weight": row.weight},
            result,
            "weights",
            {"number": objective.number, "indicator": _reference(row)},
        )
    batch.write()


def _sync_figures(
    plan: Plan,
    rows: dict[tuple, IndicatorRow],
    indicators: dict[tuple, Indicator],
    result: ImportResult,
    user: Any,
) -> None:
    """Programming, the 31 December corte and the published progress of every vigencia.

    In a vigencia the plan has closed, stored programming and approved execution stay as they
    are: the book is reported as differing, never written over them.
    """
    # Every indicator of the book is linked to the plan by now: a subquery, not 10.000 ids.
    ids = Weight.objects.filter(objective__plan=plan).values("indicator_id")
    closed = set(Closure.objects.filter(plan=plan, is_closed=True).values_list("year", flat=True))
    programming = {
        (p.indicator_id, p.year): p
        for p in _stored(
            Programming.objects.filter(indicator__in=ids), "indicator_id", "year", "value"
        )
    }
    reports = {
        (r.indicator_id, r.year): r
        for r in _stored(
            Report.objects.filter(indicator__in=ids, corte=Corte.DICIEMBRE),
            *("indicator_id", "year", "corte", "executed", "status"),
        )
    }
    published = {
        (p.indicator_id, p.year): p
        for p in _stored(
            PublishedProgress.objects.filter(indicator__in=ids), "indicator_id", "year", "percent"
        )
    }
    corte = str(Corte.DICIEMBRE.label)
    linked = Q(indicator__weights__objective__plan=plan)
    batches = [
        _Leaves(Programming, user, ("indicator_id", "year"), linked),
        _Leaves(Report, user, ("indicator_id", "year", "corte"), linked & Q(corte=Corte.DICIEMBRE)),
        _Leaves(PublishedProgress, user, (), Q()),
    ]
    for key, row in rows.items():
        indicator, reference = indicators[key], _reference(row)
        for year, value in row.programmed.items():
            stored = programming.get((indicator.pk, year))
            protected = ""
            if stored is not None and year in closed:
                protected = CLOSED_PROGRAMMING % {"year": year, "indicator": reference}
            _sync_one(
                stored,
                batches[0],
                {"indicator_id": indicator.pk, "year": year, "value": value},
                result,
                "programming",
                {"indicator": reference, "year": year},
                protected,
            )
        for year, value in row.executed.items():
            stored = reports.get((indicator.pk, year))
            protected = ""
            if stored is not None and year in closed and stored.status == ReportStatus.APROBADO:
                protected = CLOSED_REPORT % {"year": year, "indicator": reference, "corte": corte}
            _sync_one(
                stored,
                batches[1],
                {
                    "indicator_id": indicator.pk,
                    "year": year,
                    "corte": Corte.DICIEMBRE,
                    "executed": value,
                },
                result,
                "reports",
                {"indicator": reference, "year": year, "corte": corte},
                protected,
            )
        for year, value in row.published.items():
            _sync_one(
                published.get((indicator.pk, year)),
                batches[2],
                {"indicator_id": indicator.pk, "year": year, "percent": value},
                result,
                "published",
                {"indicator": reference, "year": year},
            )
    for batch in batches:
        batch.write()
