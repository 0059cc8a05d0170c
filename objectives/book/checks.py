"""Checks of a book read whole: what no single row can tell (docs/book-format.md)."""

from decimal import Decimal

from django.utils.translation import gettext as _

from indicators.checks import figure_findings
from indicators.progress import Series, is_programmed
from objectives.book.columns import PER_CORTE, SINGLE, YEARLY
from objectives.book.row_reader import SPAN
from objectives.book.rows import ERROR, WARNING, Book, IndicatorRow, ObjectiveSheet, Problem
from objectives.checks import (
    published_compliance_finding,
    repeated_statements,
    span_findings,
    weights_finding,
)
from objectives.choices import Policy
from objectives.scoring import Link, score_objective

GOAL_STATEMENT = SINGLE["goal_statement"].label
PROGRAMMED = YEARLY["programmed"]
CORTE_OUTSIDE_PLAN = _(
    "%(label)s: «%(column)s» es de una vigencia que no es del plan (%(first)s–%(last)s): la "
    "programación por corte solo se fija en una vigencia del plan. Corrija el año del "
    "encabezado o borre la columna."
)
CORTE_NOT_PROGRAMMED = _(
    "%(label)s: tiene programación por corte en %(year)s pero no «%(programmed)s»: no cuenta "
    "mientras la vigencia no tenga meta (lo esperado es N/A). Escriba la programación del año "
    "o borre la del corte."
)

SPAN_OUTSIDE_PLAN = _(
    "%(label)s: %(finding)s Escriba una vigencia del plan, o deje la celda vacía si cuenta en "
    "el objetivo %(empty)s."
)
SPAN_REVERSED = _("%(label)s: %(finding)s Corrija «%(first)s» o «%(last)s».")
WEIGHTS_IN = _("En la vigencia %(year)s: %(finding)s")


def check_book(book: Book) -> None:
    """Add the problems that only show across rows: weights, the book's own objective figures
    against the computed ones, repeated and shared indicators, and the per-indicator
    data-quality findings (``indicators.checks``)."""
    for objective in book.objectives:
        _check_weights(objective, book)
        if not book.errors:
            _check_published(objective, book)
    seen: dict[tuple, IndicatorRow] = {}
    for row in book.rows:
        _check_span(row, book)
        first = seen.setdefault(row.key, row)
        if first is row:
            _check_indicator(row, book)
            _check_cortes(row, book)
        elif first.objective == row.objective:
            book.problems.append(
                Problem(
                    ERROR,
                    _("El %(label)s ya está en la fila %(row)s de este objetivo.")
                    % {"label": row.label, "row": first.row},
                    row.sheet,
                    row.row,
                )
            )
        else:
            _check_same_indicator(first, row, book)
    _check_goals(list(seen.values()), book)


def _check_weights(objective: ObjectiveSheet, book: Book) -> None:
    """The weights add up to 100; where some link starts or ends at a vigencia, in each
    vigencia of the plan, with the links that count in it."""
    first, last = book.platform.get("first_year"), book.platform.get("last_year")
    spanned = any(value is not None for row in objective.rows for value in row.span.values())
    if not (spanned and first and last and first <= last):
        message = weights_finding(objective.number, [row.weight for row in objective.rows])
        if message:
            book.problems.append(Problem(WARNING, message, objective.sheet))
        return
    for year in range(first, last + 1):
        weights = [r.weights.get(year, r.weight) for r in objective.rows if r.counts_in(year)]
        if message := weights_finding(objective.number, weights):
            message = WEIGHTS_IN % {"year": year, "finding": message}
            book.problems.append(Problem(WARNING, message, objective.sheet))


def _check_span(row: IndicatorRow, book: Book) -> None:
    """«Cuenta desde» and «Cuenta hasta» are vigencias of the plan, in order (the rule of
    ``link_span_save``)."""
    first, last = book.platform.get("first_year"), book.platform.get("last_year")
    if not (first and last) or not row.span:
        return
    findings = span_findings(row.span.get("first_year"), row.span.get("last_year"), first, last)
    for key, finding in findings.items():
        params = {"label": row.label, "finding": finding, "empty": SPAN[key]}
        year = row.span.get(key)
        if year is not None and not first <= year <= last:
            message = SPAN_OUTSIDE_PLAN % params
        else:
            params |= {"first": SINGLE["first_year"].label, "last": SINGLE["last_year"].label}
            message = SPAN_REVERSED % params
        book.problems.append(Problem(ERROR, message, row.sheet, row.row, row.columns.get(key, "")))


def book_compliance(objective: ObjectiveSheet, year: int) -> Decimal | None:
    """The objective's compliance in the vigencia computed from the book's own rows, with the
    book's method (libro), in percentage points: the links that count in the vigencia, with
    its weights."""
    links = [
        Link(
            code=row.code,
            name=row.name,
            weight=row.weights.get(year, row.weight),
            annualization=row.annualization,
            programmed=row.programmed.get(year),
            executed=row.executed.get(year),
            baseline=row.baseline,
        )
        for row in objective.rows
        if row.counts_in(year)
    ]
    return score_objective(links, Policy.LIBRO).compliance


def _check_published(objective: ObjectiveSheet, book: Book) -> None:
    """«Avance vigencia: 49,02%» against the objective's compliance computed from its rows
    with the book's method (libro): more than 0,01 points apart is a warning."""
    for year, figure in sorted(objective.published.items()):
        computed = book_compliance(objective, year)
        message = published_compliance_finding(objective.number, year, figure.compliance, computed)
        if message:
            book.problems.append(
                Problem(WARNING, message, objective.sheet, figure.row, figure.column)
            )


def _check_indicator(row: IndicatorRow, book: Book) -> None:
    series = Series(row.annualization, row.baseline, row.programmed, row.executed)
    for finding in figure_findings(series, row.stated_total, row.published):
        key = finding.key if finding.year is None else f"{finding.key}:{finding.year}"
        book.problems.append(
            Problem(
                WARNING,
                f"{row.label}: {finding.message}",
                row.sheet,
                row.row,
                row.columns.get(key, ""),
            )
        )


def _check_cortes(row: IndicatorRow, book: Book) -> None:
    """A vigencia's profile («Programación 2021 T2»…) belongs to one of the plan's vigencias
    (as on the profile's page), and counts only where the vigencia has a target."""
    first, last = book.platform.get("first_year"), book.platform.get("last_year")
    for year, cortes in sorted(row.cortes.items()):
        corte = min(cortes)
        column = row.columns.get(f"cortes:{year}:{corte}", "")
        params = {"label": row.label, "year": year}
        if first and last and not first <= year <= last:
            params |= {"column": PER_CORTE["cortes"].label(year, corte), "first": first}
            message = CORTE_OUTSIDE_PLAN % (params | {"last": last})
            book.problems.append(Problem(ERROR, message, row.sheet, row.row, column))
        elif not is_programmed(row.programmed.get(year), row.annualization):
            params["programmed"] = PROGRAMMED.label(year)
            message = CORTE_NOT_PROGRAMMED % params
            book.problems.append(Problem(WARNING, message, row.sheet, row.row, column))


def _check_same_indicator(first: IndicatorRow, other: IndicatorRow, book: Book) -> None:
    """An indicator feeding two objectives is recorded once: its figures must agree."""
    fields = {
        "annualization": _("la anualización"),
        "unit": _("la unidad"),
        "baseline": _("la línea base"),
        "stated_total": _("la programación total"),
        "programmed": _("la programación"),
        "executed": _("la ejecución"),
        "cortes": _("la programación por corte"),
    }
    for attr, label in fields.items():
        if getattr(first, attr) != getattr(other, attr):
            book.problems.append(
                Problem(
                    ERROR,
                    _(
                        "El %(label)s aparece también en la hoja «%(sheet)s», fila %(row)s, con "
                        "otra cifra en %(field)s: un indicador se registra una sola vez; iguale "
                        "las dos filas."
                    )
                    % {
                        "label": other.label,
                        "sheet": first.sheet,
                        "row": first.row,
                        "field": label,
                    },
                    other.sheet,
                    other.row,
                )
            )


def _check_goals(rows: list[IndicatorRow], book: Book) -> None:
    """Two metas with different codes and the same statement (498 and 503 in the 2020 book)."""
    goals: dict[tuple[str, str], IndicatorRow] = {}
    for row in rows:
        goals.setdefault(row.goal_key, row)
    statements = [(key, row.goal_code, row.goal_statement) for key, row in goals.items()]
    for key, message in repeated_statements(statements).items():
        row = goals[key]
        book.problems.append(Problem(WARNING, message, row.sheet, row.row, GOAL_STATEMENT))
