"""Importing a follow-up book: ``book_import``, the service the command and the web import call.

The import is one transaction. Rows are matched to what the database holds (an indicator by its
code, or by its meta and name; a meta by kind and code, or by its statement), so the same book
twice changes nothing. A blank cell never erases a figure the database already has, and a closed
vigencia keeps its programming and its approved execution whatever the book says.

The result records every row created or updated (``objectives.book.changes``), so a dry run
can be shown as a preview before anything is written.
"""

from collections.abc import Iterable
from decimal import Decimal
from typing import Any

from django.db import DatabaseError, models, transaction
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from indicators.choices import Corte, ReportStatus
from indicators.formatting import number
from indicators.models import Goal, Indicator, Programming, PublishedProgress, Report
from objectives.book import profiles, targets
from objectives.book.bulk import Batch, Leaves, stored
from objectives.book.changes import BookError, ImportResult, sync_one
from objectives.book.rows import Book, IndicatorRow, goal_key, indicator_key
from objectives.book.spans import span_values
from objectives.book.targets import PROPOSED
from objectives.checks import same_text
from objectives.locking import lock_all_plans, lock_imports
from objectives.models import Closure, Objective, Plan, PublishedCompliance, Weight
from objectives.signals import plans_changed

BOOK_HAS_ERRORS = "El libro tiene errores: corríjalos antes de importarlo."
IMPORT_REASON = _("Importación del libro de seguimiento")
DATABASE_REFUSED = _(
    "La base de datos rechazó un valor del libro (%(error)s): no se escribió nada. Revise el "
    "valor que el mensaje nombra y vuelva a importar el libro."
)
CLOSED_PROGRAMMING = _(
    "La vigencia %(year)s está cerrada: no se cambió la programación de %(indicator)s."
)
CLOSED_WEIGHT = _(
    "La vigencia %(year)s está cerrada: %(indicator)s conserva en ella su ponderación."
)
CLOSED_REPORT = _(
    "La vigencia %(year)s está cerrada: no se cambió la ejecución aprobada de %(indicator)s "
    "(%(corte)s)."
)
UNDER_REVIEW = _(
    "El reporte de %(indicator)s (%(year)s, %(corte)s) está %(status)s en PEP: el libro no lo "
    "cambia. PEP tiene %(current)s; el libro dice %(book)s."
)
# A report lives in the review cycle when someone reported it in PEP: a draft, a sent or a
# returned report, or one approved by a reviewer. The import only writes over what an
# earlier import wrote (approved, with no reviewer).
IN_REVIEW = frozenset({ReportStatus.BORRADOR, ReportStatus.ENVIADO, ReportStatus.DEVUELTO})


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
            lock_imports()  # one import at a time: no code-less meta is created twice
            lock_all_plans()  # and no report, programming or weight changes under it
            plan = _sync_plan(book, result, user)
            objectives = _sync_objectives(plan, book, result, user)
            first_rows = _first_rows(book.rows)
            goals = _sync_goals(first_rows, result, user)
            indicators = _sync_indicators(first_rows, goals, result, user)
            _sync_weights(plan, book, objectives, indicators, result, user)
            proposed = _sync_figures(plan, first_rows, indicators, result, user)
            profiles.sync_cortes(plan, first_rows, indicators, result, user, book.name)
            targets.sync_versions(book, indicators, result, user)
            targets.propose(proposed, result, user)
            _sync_published_objectives(book, objectives, result, user)
            if result.changed:  # an import that changes nothing keeps the cached pages
                linked = Weight.objects.filter(objective__plan=plan).values("indicator_id")
                plans_changed(Q(pk=plan.pk) | Q(objectives__weights__indicator__in=linked))
            result.plan_id = plan.pk
            if dry_run:
                transaction.set_rollback(True)
    except DatabaseError as error:
        raise BookError(DATABASE_REFUSED % {"error": error}) from error
    return result


def _first_rows(rows: Iterable[IndicatorRow]) -> dict[tuple, IndicatorRow]:
    """An indicator that feeds two objectives is written once, from its first row."""
    first: dict[tuple, IndicatorRow] = {}
    for row in rows:
        first.setdefault(row.key, row)
    return first


def _sync_plan(book: Book, result: ImportResult, user: Any) -> Plan:
    # A book without «Inicio del plan» leaves the stored start as it is (None: not given).
    values = {
        k: v for k, v in book.platform.items() if k not in ("entity", "name") and v is not None
    }
    plan = Plan.objects.filter(entity=book.platform["entity"], name=book.platform["name"]).first()
    values |= {"entity": book.platform["entity"], "name": book.platform["name"]}
    batch = Batch(Plan, user, IMPORT_REASON)
    plan = sync_one(plan, batch, values, result, "plan", {"name": book.platform["name"]})
    plan.full_clean()  # one row: its messages are worth the queries
    batch.write()
    return plan


def _sync_objectives(
    plan: Plan, book: Book, result: ImportResult, user: Any
) -> dict[int, Objective]:
    """Statements and notes; a book without notes leaves the stored ones as they are."""
    existing = {o.number: o for o in plan.objectives.all()}
    batch = Batch(Objective, user, IMPORT_REASON)
    objectives = {
        sheet.number: sync_one(
            existing.get(sheet.number),
            batch,
            {"plan": plan, "number": sheet.number, "statement": sheet.statement}
            | ({"notes": sheet.notes} if sheet.notes else {}),
            result,
            "objectives",
            {"number": sheet.number},
        )
        for sheet in book.objectives
    }
    batch.write()
    return objectives


def _sync_goals(
    rows: dict[tuple, IndicatorRow], result: ImportResult, user: Any
) -> dict[tuple, Goal]:
    existing = {goal_key(g.kind, g.code, g.statement): g for g in Goal.objects.all()}
    goals: dict[tuple, Goal] = {}
    batch = Batch(Goal, user, IMPORT_REASON)
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
        goals[row.goal_key] = sync_one(goal, batch, values, result, "goals", {"goal": shown})
    batch.write()
    return goals


def _sync_indicators(
    rows: dict[tuple, IndicatorRow], goals: dict[tuple, Goal], result: ImportResult, user: Any
) -> dict[tuple, Indicator]:
    goal_keys = {goal.pk: key for key, goal in goals.items()}
    codes = [row.code for row in rows.values() if row.code]
    existing = {
        indicator_key(indicator.code, goal_keys.get(indicator.goal_id), indicator.name): indicator
        for indicator in Indicator.objects.filter(
            models.Q(code__in=codes) | models.Q(code="", goal__in=list(goals.values()))
        )
    }
    indicators = {}
    batch = Batch(Indicator, user, IMPORT_REASON)
    for key, row in rows.items():
        indicator = existing.get(key)
        indicators[key] = sync_one(
            indicator,
            batch,
            _indicator_values(row, goals, indicator),
            result,
            "indicators",
            {"indicator": row.reference},
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
    plan: Plan,
    book: Book,
    objectives: dict[int, Objective],
    indicators: dict[tuple, Indicator],
    result: ImportResult,
    user: Any,
) -> None:
    existing = {
        (w.objective_id, w.indicator_id): w
        for w in stored(
            Weight.objects.filter(objective__in=list(objectives.values())),
            *("objective_id", "indicator_id", "weight", "by_year", "first_year", "last_year"),
        )
    }
    closed = Closure.objects.closed().filter(plan=plan).years()
    links = Q(objective__in=list(objectives.values()))
    batch = Leaves(Weight, user, IMPORT_REASON, ("objective_id", "indicator_id"), links)
    for row in book.rows:
        objective, indicator = objectives[row.objective], indicators[row.key]
        found = existing.get((objective.pk, indicator.pk))
        values = {"objective_id": objective.pk, "indicator_id": indicator.pk, "weight": row.weight}
        by_year = _year_weights(row, found, closed, result)
        if by_year or (found is not None and found.by_year):
            values["by_year"] = by_year
        values |= span_values(row, found, plan, closed, result, objective.number)
        params = {"number": objective.number, "indicator": row.reference}
        sync_one(found, batch, values, result, "weights", params)
    batch.write()


def _year_weights(row: IndicatorRow, found: Any, closed: set[int], result: ImportResult) -> dict:
    """The book's weights of their own per vigencia (``Ponderación 2021``…), as ``by_year``
    keeps them. A closed vigencia keeps the weight it was closed with, whatever the book says."""
    wanted = {year: row.weights.get(year, row.weight) for year in set(row.weights) | closed}
    if found is not None:
        stored = {int(y): Decimal(v) for y, v in found.by_year.items()}
        for year in closed:
            kept = stored.get(year, found.weight)
            if wanted[year] != kept:
                message = CLOSED_WEIGHT % {"year": year, "indicator": row.reference}
                result.protected.append(message)
            wanted[year] = kept
    return {str(y): Weight.stored(w) for y, w in sorted(wanted.items()) if w != row.weight}


def _sync_published_objectives(
    book: Book, objectives: dict[int, Objective], result: ImportResult, user: Any
) -> None:
    """The book's own figure of each objective per vigencia (the «Avance vigencia» line)."""
    ids = [objective.pk for objective in objectives.values()]
    existing = {
        (p.objective_id, p.year): p
        for p in stored(
            PublishedCompliance.objects.filter(objective__in=ids),
            *("objective_id", "year", "magnitude", "compliance"),
        )
    }
    batch = Leaves(PublishedCompliance, user, IMPORT_REASON, (), Q())
    for sheet in book.objectives:
        objective = objectives[sheet.number]
        for year, figure in sorted(sheet.published.items()):
            values = {"objective_id": objective.pk, "year": year, "compliance": figure.compliance}
            if figure.magnitude is not None:
                values["magnitude"] = figure.magnitude
            params = {"number": sheet.number, "year": year}
            found = existing.get((objective.pk, year))
            sync_one(found, batch, values, result, "published_objectives", params)
    batch.write()


def _sync_figures(
    plan: Plan,
    rows: dict[tuple, IndicatorRow],
    indicators: dict[tuple, Indicator],
    result: ImportResult,
    user: Any,
) -> dict[int, dict[int, Decimal]]:
    """Programming, the 31 December corte and the published progress of every vigencia; the
    programming that becomes a proposal (indicator → vigencia → value) is returned."""
    figures = _Figures(plan, result, user)
    for key, row in rows.items():
        figures.sync(row, indicators[key].pk)
    figures.write()
    return figures.proposed


class _Figures:
    """The stored figures of the plan's indicators, as light tuples, and the batches that
    write the book's. In a vigencia the plan has closed, stored programming and approved
    execution stay as they are: the book is reported as differing, never written over them.
    """

    def __init__(self, plan: Plan, result: ImportResult, user: Any) -> None:
        # Every indicator of the book is linked to the plan by now: a subquery, not 10.000 ids.
        ids = Weight.objects.filter(objective__plan=plan).values("indicator_id")
        self.closed = Closure.objects.closed().filter(plan=plan).years()
        approved = Report.objects.counted().filter(indicator__in=ids).values_list("year")
        self.approved = {year for (year,) in approved.distinct()}
        self.proposed: dict[int, dict[int, Decimal]] = {}
        self.programming = _by_year(
            Programming.objects.filter(indicator__in=ids), "indicator_id", "year", "value"
        )
        self.reports = _by_year(
            Report.objects.filter(indicator__in=ids, corte=Corte.DICIEMBRE),
            *("indicator_id", "year", "corte", "executed", "status", "reviewed_by_id"),
        )
        self.published = _by_year(
            PublishedProgress.objects.filter(indicator__in=ids), "indicator_id", "year", "percent"
        )
        self.result = result
        self.corte = str(Corte.DICIEMBRE.label)  # once: a translation per row cost 0,1 s
        linked = Q(indicator__weights__objective__plan=plan)
        december = linked & Q(corte=Corte.DICIEMBRE)
        self.batches = {
            "programming": Leaves(
                Programming, user, IMPORT_REASON, ("indicator_id", "year"), linked
            ),
            "reports": Leaves(
                Report, user, IMPORT_REASON, ("indicator_id", "year", "corte"), december
            ),
            "published": Leaves(PublishedProgress, user, IMPORT_REASON, (), Q()),
        }

    def sync(self, row: IndicatorRow, indicator: int) -> None:
        reference, corte = row.reference, self.corte
        for year, value in row.programmed.items():
            found = self.programming.get((indicator, year))
            protected = ""
            if found is not None and year in self.closed:
                protected = CLOSED_PROGRAMMING % {"year": year, "indicator": reference}
            elif found is not None and year in self.approved and found.value != value:
                protected = self.propose(found, indicator, year, value, reference)
            values = {"indicator_id": indicator, "year": year, "value": value}
            self.one(
                found, "programming", values, {"indicator": reference, "year": year}, protected
            )
        for year, value in row.executed.items():
            found = self.reports.get((indicator, year))
            params = {"indicator": reference, "year": year, "corte": corte}
            values = {"indicator_id": indicator, "year": year, "corte": Corte.DICIEMBRE}
            protected = _report_protected(found, year in self.closed, params, value)
            self.one(found, "reports", values | {"executed": value}, params, protected)
        for year, value in row.published.items():
            found = self.published.get((indicator, year))
            values = {"indicator_id": indicator, "year": year, "percent": value}
            self.one(found, "published", values, {"indicator": reference, "year": year})

    def propose(self, found, indicator: int, year: int, value, reference: str) -> str:
        """Kept for an Administrador to decide on (``book.targets.propose``)."""
        self.proposed.setdefault(indicator, {})[year] = value
        params = {"year": year, "indicator": reference}
        return PROPOSED % (params | {"current": number(found.value), "book": number(value)})

    def one(self, found, entity: str, values: dict, params: dict, protected: str = "") -> None:
        sync_one(found, self.batches[entity], values, self.result, entity, params, protected)

    def write(self) -> None:
        for batch in self.batches.values():
            batch.write()


def _report_protected(found: Any, closed: bool, params: dict, value: Any) -> str:
    """Why the import must leave a stored report as it is, or "": its vigencia is closed and
    it is approved, or it lives in the review cycle (docs/book-format.md)."""
    if found is None:
        return ""
    if closed and found.status == ReportStatus.APROBADO:
        return CLOSED_REPORT % params
    if found.status in IN_REVIEW or found.reviewed_by_id is not None:
        status = ReportStatus(found.status).label.lower()
        current, book = number(found.executed), number(value)
        return UNDER_REVIEW % (params | {"status": status, "current": current, "book": book})
    return ""


def _by_year(rows: models.QuerySet, *fields: str) -> dict[tuple[int, int], Any]:
    """Stored rows by (indicator id, vigencia)."""
    return {(r.indicator_id, r.year): r for r in stored(rows, *fields)}
