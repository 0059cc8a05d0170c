"""The sentences a page writes with its own numbers: each indicator's line of "cómo se
calcula", and what a figure rests on (its coverage)."""

from decimal import Decimal

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from indicators.choices import Annualization, Corte
from indicators.formatting import magnitude, number, percent
from indicators.progress import USES_BASELINE
from objectives.scoring import Coverage, Line


def progress_text(line: Line, unit: str, year: int) -> str:
    """ "E / P = 3.253.000 / 2.000.000 = 162,65 %", or why there is no figure, why it counts 0
    (no report; execution that moved away from the target, with its raw figure) or was capped."""
    link = line.link
    label = _(Annualization(link.annualization).label)
    if line.progress is None:
        return _("N/A: sin programación en %(year)s") % {"year": year}
    if not link.reported:
        return _("%(label)s: meta %(programmed)s · %(value)s (sin reporte: cuenta 0)") % {
            "label": label,
            "programmed": magnitude(link.programmed, unit),
            "value": percent(Decimal(0)),
        }
    numbers = f"{magnitude(link.executed, unit)} / {magnitude(link.programmed, unit)}"
    if link.annualization in USES_BASELINE:
        baseline = magnitude(link.baseline, unit)
        numbers = (
            f"({magnitude(link.executed, unit)} − {baseline}) / "
            f"({magnitude(link.programmed, unit)} − {baseline})"
        )
    if line.moved_away:
        return f"{label}: {numbers} = {percent(line.raw_progress * 100)} → " + _(
            "cuenta %(value)s (la ejecución se alejó de la meta)"
        ) % {"value": percent(Decimal(0))}
    text = f"{label}: {numbers} = {percent(line.progress * 100)}"
    if line.counted_progress != line.progress:
        text += " → " + _("con tope: %(value)s") % {"value": percent(line.counted_progress * 100)}
    return text


def contribution_text(line: Line) -> str:
    """ "33,33 % × 162,65 % = 54,21": weight times counted progress, in percentage points."""
    if line.progress is None:
        return f"{percent(line.weight)} × N/A = {percent(line.contribution)}"
    return (
        f"{percent(line.weight)} × {percent(line.counted_progress * 100)} = "
        f"{percent(line.contribution)}"
    )


def coverage_text(coverage: Coverage | None, pending: bool = False) -> str:
    """ "datos al 30 de junio · 12 de 19 indicadores con reporte aprobado · 4 N/A (sin meta en
    la vigencia)"; empty for a snapshot taken before coverage was recorded."""
    if coverage is None:
        return ""
    counted = {"reported": number(coverage.reported), "total": number(coverage.indicators)}
    if pending:
        reports = _("%(reported)s de %(total)s indicadores con reporte aprobado o enviado")
    else:
        reports = _("%(reported)s de %(total)s indicadores con reporte aprobado")
    parts = [reports % counted]
    if coverage.corte is None:
        parts.insert(0, _("sin reportes en la vigencia"))
    else:
        parts.insert(0, _("datos al %(corte)s") % {"corte": Corte(coverage.corte).label})
    if coverage.na:
        parts.append(
            ngettext(
                "%(count)s N/A (sin meta en la vigencia)",
                "%(count)s N/A (sin meta en la vigencia)",
                coverage.na,
            )
            % {"count": number(coverage.na)}
        )
    return " · ".join(parts)


def averaged_text(averaged: int, objectives: int) -> str:
    """ "Promedio simple de 8 de 8 objetivos: los que tienen ejecución." """
    return ngettext(
        "Promedio simple de %(averaged)s de %(count)s objetivo: los que tienen ejecución.",
        "Promedio simple de %(averaged)s de %(count)s objetivos: los que tienen ejecución.",
        objectives,
    ) % {"averaged": number(averaged), "count": number(objectives)}
