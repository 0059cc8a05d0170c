"""What an import does with the vigencias a link counts in («Cuenta desde (vigencia)», «Cuenta
hasta (vigencia)»; docs/book-format.md).

A book with the columns says where each link starts and ends (an empty cell: from the plan's
start, to its end); a book without them leaves the stored vigencias as they are. A closed
vigencia keeps its links, by the rule of Reprogramar (``reprogramming.weights.closed_kept``):
the book cannot add a link to it or drop one from it. The stored vigencias are then kept and
the result says so, as for a closed vigencia's weight; the rest of the book is imported.
"""

from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from objectives.book.changes import BookError, ImportResult
from objectives.book.rows import IndicatorRow
from objectives.models import Plan, Weight
from objectives.reprogramming.weights import closed_kept

CLOSED_SPAN = _(
    "Objetivo %(number)s, %(indicator)s: %(rule)s Se conservan las vigencias que tiene en PEP "
    "(cuenta %(kept)s)."
)
CLOSED_NEW_LINK = _(
    "Objetivo %(number)s, %(indicator)s: %(rule)s El vínculo nuevo cuenta desde %(start)s."
)
ONLY_CLOSED = _(
    "El vínculo del objetivo %(number)s con el %(label)s (hoja «%(sheet)s», fila %(row)s) "
    "contaría solo en vigencias cerradas (hasta %(last)s): un indicador no entra en una "
    "vigencia cerrada. Corrija «Cuenta hasta (vigencia)» o quite la fila; no se escribió nada."
)
EVERY_YEAR = _("en todas las vigencias del plan")
FROM = _("desde %(first)s")
UNTIL = _("hasta %(last)s")
FROM_UNTIL = _("de %(first)s a %(last)s")
KEYS = ("first_year", "last_year")


def span_values(
    row: IndicatorRow, found: Any, plan: Plan, closed: set[int], result: ImportResult, number: int
) -> dict[str, int | None]:
    """The link's ``first_year`` and ``last_year`` to write (only those the import sets).
    ``found`` is the stored link (a light tuple), None for a new one."""
    if found is None:
        return _new_link(row, plan, closed, result, number)
    stored = {key: getattr(found, key) for key in KEYS}
    wanted = stored | row.span
    if wanted == stored or not closed:
        return wanted
    try:
        closed_kept(_link(stored), _link(wanted), plan, closed)
    except ValidationError as refusal:
        params = {"number": number, "indicator": row.label, "rule": refusal.messages[0]}
        result.protected.append(str(CLOSED_SPAN % (params | {"kept": span_text(**stored)})))
        return stored
    return wanted


def _new_link(
    row: IndicatorRow, plan: Plan, closed: set[int], result: ImportResult, number: int
) -> dict[str, int | None]:
    """A new link joins after the closed vigencias: where the book asks for one of them (an
    empty «Cuenta desde» included), the result says from when it counts instead."""
    wanted = {key: row.span.get(key) for key in KEYS}
    if not closed:
        return wanted
    try:
        closed_kept(None, _link(wanted), plan, closed)
    except ValidationError as refusal:
        start = max(closed) + 1
        last = wanted["last_year"]
        if last is not None and last < start:
            params = {"number": number, "label": row.label, "sheet": row.sheet, "row": row.row}
            raise BookError(ONLY_CLOSED % (params | {"last": last})) from refusal
        if "first_year" in row.span:
            params = {"number": number, "indicator": row.label, "rule": refusal.messages[0]}
            result.protected.append(str(CLOSED_NEW_LINK % (params | {"start": start})))
        wanted["first_year"] = start
    return wanted


def _link(span: dict[str, int | None]) -> Weight:
    """A link with these vigencias, unsaved: what ``closed_kept`` compares (same weight on
    both sides, so only whether it counts is compared)."""
    return Weight(weight=0, by_year={}, **span)


def span_text(first_year: int | None, last_year: int | None) -> str:
    """«desde 2022», «hasta 2023», «de 2021 a 2023» or «en todas las vigencias del plan»."""
    if first_year is None and last_year is None:
        return str(EVERY_YEAR)
    if last_year is None:
        return str(FROM % {"first": first_year})
    if first_year is None:
        return str(UNTIL % {"last": last_year})
    return str(FROM_UNTIL % {"first": first_year, "last": last_year})
