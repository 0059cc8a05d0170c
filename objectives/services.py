"""Writes that span many rows: importing a follow-up book.

The import is one transaction. Rows are matched to what the database holds (an indicator by its
code, or by its meta and name; a meta by kind and code, or by its statement), so the same book
twice changes nothing. A blank cell never erases a figure the database already has.
"""

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.db import models, transaction

from indicators.choices import Corte
from indicators.models import Goal, Indicator, Programming, PublishedProgress, Report
from objectives.book import Book, IndicatorRow
from objectives.checks import same_text
from objectives.models import Objective, Plan, Weight

BOOK_HAS_ERRORS = "El libro tiene errores: corríjalos antes de importarlo."
ENTITIES = (
    ("plan", "Plan"),
    ("objectives", "Objetivos"),
    ("goals", "Metas"),
    ("indicators", "Indicadores"),
    ("weights", "Ponderaciones"),
    ("programming", "Programación"),
    ("reports", "Ejecución"),
    ("published", "Avance publicado"),
)


class BookError(Exception):
    pass


@dataclass
class Tally:
    created: int = 0
    updated: int = 0
    unchanged: int = 0


@dataclass
class ImportResult:
    plan_id: int | None = None
    dry_run: bool = False
    tallies: dict[str, Tally] = field(default_factory=lambda: defaultdict(Tally))

    @property
    def changed(self) -> bool:
        return any(t.created or t.updated for t in self.tallies.values())

    def lines(self) -> list[str]:
        lines = []
        for key, label in ENTITIES:
            t = self.tallies[key]
            lines.append(
                f"{label}: {t.created} creados, {t.updated} actualizados, {t.unchanged} sin cambios"
            )
        return lines


def book_import(*, book: Book, dry_run: bool = False) -> ImportResult:
    """Write a book read by ``read_book``; with ``dry_run`` everything is rolled back."""
    if book.errors:
        raise BookError(BOOK_HAS_ERRORS)
    result = ImportResult(dry_run=dry_run)
    with transaction.atomic():
        plan = _sync_plan(book, result)
        objectives = _sync_objectives(plan, book, result)
        first_rows = _first_rows(book.rows)
        goals = _sync_goals(first_rows, result)
        indicators = _sync_indicators(first_rows, goals, result)
        _sync_weights(book, objectives, indicators, result)
        _sync_figures(first_rows, indicators, result)
        result.plan_id = plan.pk
        if dry_run:
            transaction.set_rollback(True)
    return result


def _first_rows(rows: Iterable[IndicatorRow]) -> dict[tuple, IndicatorRow]:
    """An indicator that feeds two objectives is written once, from its first row."""
    first: dict[tuple, IndicatorRow] = {}
    for row in rows:
        first.setdefault(row.key, row)
    return first


def _changes(instance: models.Model, values: dict[str, Any]) -> bool:
    changed = False
    for name, value in values.items():
        if getattr(instance, name) != value:
            setattr(instance, name, value)
            changed = True
    return changed


def _sync_one(instance: models.Model | None, model: type, values: dict, tally: Tally):
    if instance is None:
        instance = model(**values)
        instance.full_clean()
        instance.save()
        tally.created += 1
    elif _changes(instance, values):
        instance.full_clean()
        instance.save()
        tally.updated += 1
    else:
        tally.unchanged += 1
    return instance


def _sync_plan(book: Book, result: ImportResult) -> Plan:
    values = {k: v for k, v in book.platform.items() if k not in ("entity", "name")}
    plan = Plan.objects.filter(entity=book.platform["entity"], name=book.platform["name"]).first()
    values |= {"entity": book.platform["entity"], "name": book.platform["name"]}
    return _sync_one(plan, Plan, values, result.tallies["plan"])


def _sync_objectives(plan: Plan, book: Book, result: ImportResult) -> dict[int, Objective]:
    existing = {o.number: o for o in plan.objectives.all()}
    return {
        sheet.number: _sync_one(
            existing.get(sheet.number),
            Objective,
            {"plan": plan, "number": sheet.number, "statement": sheet.statement},
            result.tallies["objectives"],
        )
        for sheet in book.objectives
    }


def _goal_key(goal: Goal) -> tuple[str, str]:
    return (goal.kind, goal.code or "≡" + same_text(goal.statement))


def _sync_goals(rows: dict[tuple, IndicatorRow], result: ImportResult) -> dict[tuple, Goal]:
    existing = {_goal_key(goal): goal for goal in Goal.objects.all()}
    goals: dict[tuple, Goal] = {}
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
        goals[row.goal_key] = _sync_one(goal, Goal, values, result.tallies["goals"])
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
    for key, row in rows.items():
        indicator = existing.get(key)
        indicators[key] = _sync_one(
            indicator,
            Indicator,
            _indicator_values(row, goals, indicator),
            result.tallies["indicators"],
        )
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
) -> None:
    existing = {
        (w.objective_id, w.indicator_id): w
        for w in Weight.objects.filter(objective__in=list(objectives.values()))
    }
    for row in book.rows:
        objective, indicator = objectives[row.objective], indicators[row.key]
        _sync_one(
            existing.get((objective.pk, indicator.pk)),
            Weight,
            {"objective": objective, "indicator": indicator, "weight": row.weight},
            result.tallies["weights"],
        )


def _sync_figures(
    rows: dict[tuple, IndicatorRow], indicators: dict[tuple, Indicator], result: ImportResult
) -> None:
    """Programming, the 31 December corte and the published progress of every vigencia."""
    ids = [indicator.pk for indicator in indicators.values()]
    programming = {
        (p.indicator_id, p.year): p for p in Programming.objects.filter(indicator__in=ids)
    }
    reports = {
        (r.indicator_id, r.year): r
        for r in Report.objects.filter(indicator__in=ids, corte=Corte.DICIEMBRE)
    }
    published = {
        (p.indicator_id, p.year): p for p in PublishedProgress.objects.filter(indicator__in=ids)
    }
    for key, row in rows.items():
        indicator = indicators[key]
        for year, value in row.programmed.items():
            _sync_one(
                programming.get((indicator.pk, year)),
                Programming,
                {"indicator": indicator, "year": year, "value": value},
                result.tallies["programming"],
            )
        for year, value in row.executed.items():
            _sync_one(
                reports.get((indicator.pk, year)),
                Report,
                {"indicator": indicator, "year": year, "corte": Corte.DICIEMBRE, "executed": value},
                result.tallies["reports"],
            )
        for year, value in row.published.items():
            _sync_one(
                published.get((indicator.pk, year)),
                PublishedProgress,
                {"indicator": indicator, "year": year, "percent": value},
                result.tallies["published"],
            )
