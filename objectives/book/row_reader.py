"""Reading one data row of an objective sheet into an ``IndicatorRow``: each bad cell adds an
error that names its sheet, row and column, and the row is dropped."""

import unicodedata
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from indicators import limits
from indicators.choices import Annualization, Unit
from indicators.formatting import (
    NumberError,
    from_spreadsheet_text,
    is_na,
    parse_number,
    percent,
    short_text,
    too_long,
)
from indicators.progress import annualization_by_shape, infer_annualization
from objectives.book.columns import (
    ANNUALIZATIONS,
    GOAL_KINDS,
    GOAL_TEXT,
    UNITS,
    Layout,
    normalize,
    year_number,
)
from objectives.book.rows import ERROR, WARNING, Book, IndicatorRow, Problem

MAGNITUDE_STEP = Decimal("0.000001")
WEIGHT_STEP = Decimal("0.0001")
# «Cuenta desde (vigencia)», «Cuenta hasta (vigencia)»: what an empty cell means.
SPAN = {
    "first_year": gettext_lazy("desde el inicio del plan"),
    "last_year": gettext_lazy("hasta el final del plan"),
}
SPAN_NOT_A_YEAR = gettext_lazy(
    "«%(text)s» no es una vigencia: escriba el año con cuatro cifras (por ejemplo 2022), o "
    "deje la celda vacía si el indicador cuenta en el objetivo %(empty)s."
)


def _value(cells: list[Any], index: int) -> Any:
    if index >= len(cells):
        return None
    value = cells[index].value
    return None if isinstance(value, str) and not value.strip() else value


class RowReader:
    """Reads one data row; each bad cell adds an error that names its column."""

    def __init__(self, sheet: str, row: int, cells: list[Any], layout: Layout, book: Book):
        self.sheet, self.row, self.cells, self.layout, self.book = sheet, row, cells, layout, book
        self.failed = False
        self.percent_cells = 0
        self.inferred = False
        self.weight_plain = False

    def problem(self, level: str, message: str, column: str = "") -> None:
        self.failed = self.failed or level == ERROR
        self.book.problems.append(Problem(level, message, self.sheet, self.row, column))

    def text(self, key: str, limit: int | None = None) -> str:
        if key not in self.layout.columns:
            return ""
        value = _value(self.cells, self.layout.columns[key])
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        text = from_spreadsheet_text(" ".join(str(value).split())) if value is not None else ""
        if limit and len(text) > limit:
            self.problem(ERROR, too_long(len(text), limit), self.layout.label(key))
        return text

    def number(
        self,
        index: int,
        column: str,
        step: Decimal = MAGNITUDE_STEP,
        bounds: tuple[Decimal, Decimal] = limits.MAGNITUDE,
    ) -> Decimal | None:
        """The cell's number, through the one parser: a bad one is an error of its column."""
        cell = self.cells[index] if index < len(self.cells) else None
        value = _value(self.cells, index)
        if value is None or isinstance(value, bool):
            return None
        numeric = isinstance(value, int | float)
        scale = 100 if numeric and "%" in (cell.number_format or "") else 1
        try:
            result, is_percent = parse_number(value if numeric else str(value), bounds, scale)
        except NumberError as error:
            self.problem(ERROR, str(error), column)
            return None
        if result is None:
            return None
        self.percent_cells += scale == 100 or is_percent
        return result.quantize(step, rounding=ROUND_HALF_UP)

    def numbers(self, kind: str, **options: Any) -> dict[int, Decimal]:
        found = {}
        for year, index in self.layout.years[kind].items():
            value = self.number(index, self.layout.label(kind, year), **options)
            if value is not None:
                found[year] = value
        return found

    def corte_values(self) -> dict[int, dict[int, Decimal]]:
        """«Programación 2021 T2»…: vigencia → corte → the magnitude expected by it, within
        the bounds of any magnitude (the same the profile's page takes)."""
        found: dict[int, dict[int, Decimal]] = {}
        for (year, corte), index in self.layout.cortes["cortes"].items():
            value = self.number(index, self.layout.label("cortes", year, corte))
            if value is not None:
                found.setdefault(year, {})[corte] = value
        return found

    def span(self) -> dict[str, int | None]:
        """The vigencias the link counts in, for the columns the table has: a year, or None
        for an empty cell (or N/A): from the plan's start, to its end. Whether they are the
        plan's, and in order, is checked with the platform (``checks``)."""
        found: dict[str, int | None] = {}
        for key, empty in SPAN.items():
            if key not in self.layout.columns:
                continue
            value = _value(self.cells, self.layout.columns[key])
            if value is None or (isinstance(value, str) and is_na(value)):
                found[key] = None
            elif (year := year_number(value)) is not None:
                found[key] = year
            else:
                params = {"text": short_text(str(value), 30), "empty": empty}
                self.problem(ERROR, SPAN_NOT_A_YEAR % params, self.layout.label(key))
        return found

    def field(self, key: str, **options: Any) -> Decimal | None:
        if key not in self.layout.columns:
            return None
        return self.number(self.layout.columns[key], self.layout.label(key), **options)

    def read(self, objective: int) -> IndicatorRow | None:
        kind, goal_code = self.goal()
        names = self.names(goal_code)
        if names is None:
            return None
        goal_statement, code, name, name_derived = names
        weight = self.weight()
        weights = self.year_weights()
        span = self.span()
        self.percent_cells = 0
        programmed = self.numbers("programmed")
        stated_total = self.field("stated_total")
        executed = self.numbers("executed")
        percent_like = self.percent_cells > 0
        published = self.numbers("published", bounds=limits.PUBLISHED)
        cortes = self.corte_values()
        baseline = self.field("baseline", bounds=limits.SIGNED_MAGNITUDE)
        unit = self.unit(percent_like)
        annualization = self.annualization(programmed, stated_total, baseline)
        dependency = self.text("dependency", limit=limits.SHORT_TEXT)
        notes = self.text("notes", limit=limits.LONG_TEXT)
        if self.failed or kind is None or annualization is None or weight is None:
            return None
        return IndicatorRow(
            sheet=self.sheet,
            row=self.row,
            objective=objective,
            goal_kind=kind,
            goal_code=goal_code,
            goal_statement=goal_statement,
            code=code,
            name=name,
            annualization=annualization,
            unit=unit,
            baseline=baseline,
            weight=weight,
            weights=weights,
            span=span,
            stated_total=stated_total,
            annualization_inferred=self.inferred,
            unit_inferred=not self.text("unit"),
            name_derived=name_derived,
            weight_plain=self.weight_plain,
            programmed=programmed,
            executed=executed,
            published=published,
            cortes=cortes,
            dependency=dependency,
            notes=notes,
            columns=self.columns(),
        )

    def names(self, goal_code: str) -> tuple[str, str, str, bool] | None:
        """(goal statement, code, name, whether the name was borrowed); a missing one is
        borrowed from the other where the book allows it. None: the row has no name at all."""
        goal_statement = _not_na(self.text("goal_statement", limit=limits.STATEMENT))
        code = _not_na(self.text("code", limit=limits.CODE))
        name = _not_na(self.text("name", limit=limits.STATEMENT))
        if not goal_statement and not goal_code:
            if not name:
                self.problem(
                    ERROR,
                    _("La fila no tiene nombre de meta ni de indicador."),
                    self.layout.label("name"),
                )
                return None
            goal_statement = name
            self.problem(
                WARNING,
                _(
                    "La meta no tiene código ni enunciado: se usa el nombre del indicador como "
                    "enunciado de la meta."
                ),
                self.layout.label("goal_statement"),
            )
        if goal_code and not goal_statement:
            self.problem(
                ERROR,
                _("Falta el enunciado de la meta %(code)s: escríbalo en «Nombre Meta».")
                % {"code": goal_code},
                self.layout.label("goal_statement"),
            )
        if name:
            return goal_statement, code, name, False
        self.problem(
            WARNING,
            _("El indicador no tiene nombre: se usa el enunciado de la meta."),
            self.layout.label("name"),
        )
        return goal_statement, code, goal_statement, True

    def weight(self) -> Decimal | None:
        """The weight in points, unrounded: the sheet decides whether plain numbers were
        fractions (``weight_plain``) and rounds to WEIGHT_STEP."""
        before = self.percent_cells
        weight = self.field("weight")
        self.weight_plain = weight is not None and self.percent_cells == before
        if weight is not None and weight > 100:
            self.problem(
                ERROR,
                _("La ponderación es %(weight)s: no puede pasar de 100 %%.")
                % {"weight": percent(weight)},
                self.layout.label("weight"),
            )
        if weight is None and not self.failed:
            self.problem(
                ERROR, _("Falta la ponderación del indicador."), self.layout.label("weight")
            )
        return weight

    def year_weights(self) -> dict[int, Decimal]:
        """«Ponderación 2021»…: the vigencias with a weight of their own, in points as the
        plan-wide weight is read (a plain fraction is scaled with it, by the sheet)."""
        found = {}
        for year, index in self.layout.years["weights"].items():
            column = self.layout.label("weights", year)
            value = self.number(index, column)
            if value is not None and value > 100:
                message = _("La ponderación es %(weight)s: no puede pasar de 100 %%.")
                self.problem(ERROR, message % {"weight": percent(value)}, column)
            elif value is not None:
                found[year] = value
        return found

    def columns(self) -> dict[str, str]:
        """Column labels ("L (Programación Total)") for warnings raised after reading; every
        row of a sheet shares the same dict."""
        return self.layout.column_labels()

    def goal(self) -> tuple[str | None, str]:
        text = self.text("goal")
        plain = unicodedata.normalize("NFKD", text)
        plain = "".join(c for c in plain if not unicodedata.combining(c)).upper()
        match = GOAL_TEXT.match(" ".join(plain.split()))
        if not match:
            self.problem(
                ERROR,
                _(
                    "No se reconoce el tipo de meta «%(text)s». Escriba «META SECTORIAL 431», "
                    "«META PROYECTO 04» o «META DE GESTIÓN»."
                )
                % {"text": text},
                self.layout.label("goal"),
            )
            return None, ""
        code = _not_na(text.split()[-1] if match.group("code") else "")
        if len(code) > limits.CODE:
            message = _("El código de la meta pasa de %(limit)s caracteres.")
            self.problem(ERROR, message % {"limit": limits.CODE}, "")
        return GOAL_KINDS[match.group("kind")[0]], code

    def unit(self, percent_like: bool) -> str:
        text = self.text("unit")
        if not text:
            return Unit.PORCENTAJE if percent_like else Unit.NUMERO
        unit = UNITS.get(normalize(text))
        if unit is None:
            self.problem(
                ERROR,
                _("Unidad «%(text)s» desconocida: escriba «Porcentaje» o «Número».")
                % {"text": text},
                self.layout.label("unit"),
            )
            return Unit.NUMERO
        return unit

    def annualization(
        self, programmed: dict[int, Decimal], total: Decimal | None, baseline: Decimal | None
    ) -> str | None:
        text = self.text("annualization")
        column = (
            self.layout.label("annualization") if "annualization" in self.layout.columns else ""
        )
        if text:
            value = ANNUALIZATIONS.get(normalize(text))
            if value is None:
                self.problem(
                    ERROR,
                    _(
                        "Anualización «%(text)s» desconocida: use Suma, Constante, Creciente, "
                        "Decreciente o Creciente sin línea base."
                    )
                    % {"text": text},
                    column,
                )
            elif value == Annualization.DECRECIENTE and baseline is None:
                self.problem(
                    ERROR,
                    _("Un indicador Decreciente necesita línea base: escríbala en «Línea base»."),
                    column,
                )
                return None
            return value
        self.inferred = True
        inferred = infer_annualization(programmed, total, baseline)
        if inferred is None:
            inferred = annualization_by_shape(programmed, baseline)
            self.problem(
                WARNING,
                _(
                    "Sin anualización, y el total declarado no encaja con ninguna regla: se "
                    "deduce «%(annualization)s» por la forma de la programación. Escriba la "
                    "anualización si es otra."
                )
                % {"annualization": Annualization(inferred).label},
                column,
            )
            return inferred
        self.problem(
            WARNING,
            _("Sin anualización: se deduce «%(annualization)s» de la programación y el total.")
            % {"annualization": Annualization(inferred).label},
            column,
        )
        return inferred


def _not_na(text: str) -> str:
    return "" if is_na(text) else text
