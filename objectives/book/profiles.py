"""What an import does with Planeación's programming per corte («Programación 2021 T2»…):
the ``CorteProgramming`` rows the profile's page edits, created or updated with their history,
signed by whoever imported and with a reason that names the book's file. As everywhere in the
import, a blank cell never erases a stored value (the page does that, with its reason), and a
closed vigencia keeps its profile whatever the book says. Runs inside the import's
transaction, under its locks."""

from typing import Any

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from indicators.choices import Corte
from indicators.models import CorteProgramming
from objectives.book.bulk import Leaves, stored
from objectives.book.changes import ImportResult, sync_one
from objectives.book.rows import IndicatorRow
from objectives.models import Closure, Plan, Weight

CLOSED_PROFILE = _(
    "La vigencia %(year)s está cerrada: no se cambió la programación por corte de "
    "%(indicator)s (%(corte)s)."
)


def reason(name: str) -> str:
    """The history's reason: the book, and its file when known."""
    if name:
        return _("Programación por corte del libro de seguimiento «%(name)s»") % {"name": name}
    return str(_("Programación por corte del libro de seguimiento"))


def sync_cortes(
    plan: Plan,
    rows: dict[tuple, IndicatorRow],
    indicators: dict[tuple, Any],
    result: ImportResult,
    user: Any,
    name: str = "",
) -> None:
    """Write the book's profiles; a book without «Programación AAAA Tn» columns asks nothing."""
    if not any(row.cortes for row in rows.values()):
        return
    ids = Weight.objects.filter(objective__plan=plan).values("indicator_id")
    existing = {
        (r.indicator_id, r.year, r.corte): r
        for r in stored(
            CorteProgramming.objects.filter(indicator__in=ids),
            *("indicator_id", "year", "corte", "value"),
        )
    }
    closed = Closure.objects.closed().filter(plan=plan).years()
    scope = Q(indicator__weights__objective__plan=plan)
    key = ("indicator_id", "year", "corte")
    batch = Leaves(CorteProgramming, user, reason(name), key, scope)
    tally = result.tallies["cortes"]
    for row_key, row in rows.items():
        indicator = indicators[row_key].pk
        for year, cortes in sorted(row.cortes.items()):
            for corte, value in sorted(cortes.items()):
                found = existing.get((indicator, year, corte))
                params = {"indicator": row.reference, "year": year, "corte": Corte(corte).label}
                if year in closed and (found is None or found.value != value):
                    tally.protected += 1
                    result.protected.append(CLOSED_PROFILE % params)
                    continue
                values = dict(zip(key, (indicator, year, corte), strict=True)) | {"value": value}
                sync_one(found, batch, values, result, "cortes", params)
    batch.write()
