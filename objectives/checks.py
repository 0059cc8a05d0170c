"""Data-quality checks that span an objective or the plan, on plain values (no ORM)."""

from collections.abc import Hashable, Iterable
from datetime import date
from decimal import Decimal

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from indicators.checks import TOLERANCE
from indicators.formatting import percent, round_half_up

# The vigencias a link (objective × indicator) counts in: «Cuenta desde» and «Cuenta hasta»,
# in the book, the service that changes them and the model's constraint.
OUTSIDE_PLAN = gettext_lazy("%(year)s no es una vigencia del plan (%(first)s–%(last)s).")
SPAN_REVERSED = gettext_lazy("Un vínculo no puede empezar después de la vigencia en que termina.")


def same_text(text: str) -> str:
    """Identity of a statement or name: spacing, case and a final period do not count."""
    return " ".join(text.split()).rstrip(" .").casefold()


def start_finding(starts_on: date | None, first_year: int | None) -> str | None:
    """A plan's start falls in its first vigencia (the book's «Inicio del plan», the admin)."""
    if starts_on is None or first_year is None or starts_on.year == first_year:
        return None
    return _(
        "El inicio del plan (%(date)s) debe caer en la vigencia inicial, %(year)s: corrija la "
        "fecha o la vigencia inicial."
    ) % {"date": starts_on.strftime("%d/%m/%Y"), "year": first_year}


def counts_in(first_year: int | None, last_year: int | None, year: int) -> bool:
    """Whether a link that counts from ``first_year`` to ``last_year`` (None: from the plan's
    start, to its end) is part of its objective in the vigencia."""
    return (first_year is None or first_year <= year) and (last_year is None or year <= last_year)


def span_findings(
    first_year: int | None, last_year: int | None, plan_first: int, plan_last: int
) -> dict[str, str]:
    """What is wrong with a link's vigencias, by field (``first_year``, ``last_year``): a
    year that is not one of the plan's, or a start after the end."""
    found = {}
    for name, year in (("first_year", first_year), ("last_year", last_year)):
        if year is not None and not plan_first <= year <= plan_last:
            found[name] = str(OUTSIDE_PLAN % {"year": year, "first": plan_first, "last": plan_last})
    if not found and first_year is not None and last_year is not None and first_year > last_year:
        found["first_year"] = str(SPAN_REVERSED)
    return found


def weights_finding(number: int, weights: Iterable[Decimal]) -> str | None:
    """An objective's weights should sum 100; ±0,01 is rounding (33,33 × 3 = 99,99)."""
    weights = list(weights)
    total = sum(weights, Decimal(0))
    if not weights or abs(total - 100) <= TOLERANCE:
        return None
    return _("Las ponderaciones del objetivo %(number)s suman %(total)s, no 100 %%.") % {
        "number": number,
        "total": percent(total),
    }


def repeated_statements(goals: Iterable[tuple[Hashable, str, str]]) -> dict[Hashable, str]:
    """Metas with a code whose statement repeats another coded meta's word for word.

    ``goals`` holds (key, code, statement); returns a message for each repeating meta's key.
    """
    first_code: dict[str, str] = {}
    found = {}
    for key, code, statement in goals:
        if not code:
            continue
        first = first_code.setdefault(same_text(statement), code)
        if first != code:
            found[key] = _(
                "La meta %(code)s repite palabra por palabra el enunciado de la meta %(first)s."
            ) % {"code": code, "first": first}
    return found


def published_compliance_finding(
    number: int, year: int, published: Decimal, computed: Decimal | None
) -> str | None:
    """The book's own objective figure («Avance vigencia: 49,02%») against the one computed
    with the book's method: more than 0,01 points apart (or no figure at all) is worth a word."""
    if computed is not None and abs(published - round_half_up(computed)) <= TOLERANCE:
        return None
    return _(
        "El cumplimiento publicado del objetivo %(number)s para %(year)s es %(published)s y el "
        "calculado es %(computed)s."
    ) % {
        "number": number,
        "year": year,
        "published": percent(published),
        "computed": percent(computed),
    }
