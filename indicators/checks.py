"""Data-quality checks of one indicator's figures, on plain values (no ORM).

The book import raises them as warnings with sheet, row and column; the data-quality page
recomputes them from the current data.
"""

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal

from django.utils.translation import gettext as _

from indicators.choices import Annualization
from indicators.formatting import number, percent
from indicators.progress import (
    Series,
    is_programmed,
    raw_vigencia_progress,
    rule_total,
    total_breaks_rule,
    vigencia_progress,
)

TOLERANCE = Decimal("0.01")


@dataclass(frozen=True)
class Finding:
    """One problem of an indicator's data; ``key`` names the figure it is about."""

    message: str
    key: str
    year: int | None = None


def figure_findings(
    series: Series, stated_total: Decimal | None, published: Mapping[int, Decimal]
) -> list[Finding]:
    """The stated total against the annualization rule (555), execution in a vigencia without
    programming, execution that moved away from the target (it counts 0 %), and a published
    progress more than 0,01 points away from the computed one."""
    found = []
    if total_breaks_rule(series.annualization, series.programmed, stated_total):
        found.append(
            Finding(
                _(
                    "La programación total dice %(stated)s, pero con anualización "
                    "%(annualization)s debería ser %(expected)s."
                )
                % {
                    "stated": number(stated_total),
                    "annualization": Annualization(series.annualization).label,
                    "expected": number(rule_total(series.annualization, series.programmed)),
                },
                "stated_total",
            )
        )
    for year, executed in sorted(series.executed.items()):
        found.extend(_execution_findings(series, year, executed))
    for year, stated in sorted(published.items()):
        computed = vigencia_progress(
            series.annualization,
            series.programmed.get(year),
            series.executed.get(year),
            series.baseline,
        )
        computed_points = None if computed is None else computed * 100
        if computed_points is None or abs(stated - computed_points) > TOLERANCE:
            found.append(
                Finding(
                    _(
                        "El avance publicado para %(year)s es %(published)s y el calculado "
                        "es %(computed)s."
                    )
                    % {
                        "year": year,
                        "published": percent(stated),
                        "computed": percent(computed_points),
                    },
                    "published",
                    year,
                )
            )
    return found


def _execution_findings(series: Series, year: int, executed: Decimal) -> list[Finding]:
    programmed = series.programmed.get(year)
    if not is_programmed(programmed, series.annualization):
        return [
            Finding(
                _("Hay ejecución en %(year)s (%(executed)s) sin programación ese año.")
                % {"year": year, "executed": number(executed)},
                "executed",
                year,
            )
        ]
    raw = raw_vigencia_progress(series.annualization, programmed, executed, series.baseline)
    if raw is None or raw >= 0:
        return []
    return [
        Finding(
            _(
                "La ejecución de %(year)s (%(executed)s) se alejó de la meta: el avance "
                "calculado es %(raw)s y cuenta 0 %%."
            )
            % {"year": year, "executed": number(executed), "raw": percent(raw * 100)},
            "executed",
            year,
        )
    ]


def inferred_annualization_finding(annualization: str) -> Finding:
    return Finding(
        _(
            "La anualización «%(annualization)s» se dedujo de la programación y el total: "
            "confírmela."
        )
        % {"annualization": Annualization(annualization).label},
        "annualization",
    )
