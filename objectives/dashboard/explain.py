"""Each indicator's line of "cómo se calcula", written with its own numbers."""

from decimal import Decimal

from django.utils.translation import gettext as _

from indicators.choices import Annualization
from indicators.formatting import magnitude, percent
from indicators.progress import USES_BASELINE
from objectives.scoring import Line


def progress_text(line: Line, unit: str, year: int) -> str:
    """ "E / P = 3.253.000 / 2.000.000 = 162,65 %", or why there is no figure."""
    link = line.link
    if line.progress is None:
        return _("N/A: sin programación en %(year)s") % {"year": year}
    executed = link.executed if link.executed is not None else Decimal(0)
    numbers = f"{magnitude(executed, unit)} / {magnitude(link.programmed, unit)}"
    if link.annualization in USES_BASELINE:
        baseline = magnitude(link.baseline, unit)
        numbers = (
            f"({magnitude(executed, unit)} − {baseline}) / "
            f"({magnitude(link.programmed, unit)} − {baseline})"
        )
    text = (
        f"{_(Annualization(link.annualization).label)}: {numbers} = {percent(line.progress * 100)}"
    )
    if not link.reported:
        text += " " + _("(sin reporte: cuenta 0)")
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
