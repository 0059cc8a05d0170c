"""Whether a corte may be reported today: the one rule the reporting services and the report
page ask. A corte of a vigencia without a published calendar is always open (historic plans,
imported books); one with a window is open from its opening to the day before it locks, or
while a reopening covers the indicator or its dependency."""

from dataclasses import dataclass
from datetime import date

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from indicators.choices import Corte
from indicators.formatting import long_date
from indicators.models import Indicator
from objectives.calendar.models import Reopening, ReportingWindow
from objectives.calendar.schedule import Stage, stage

NOT_OPEN = gettext_lazy(
    "El reporte del corte al %(corte)s todavía no abre: abre el %(opens)s y vence el %(due)s. "
    "Si necesita reportar antes, pida a la Oficina de Planeación que lo abra para su "
    "dependencia o para este indicador."
)
LOCKED = gettext_lazy(
    "El reporte del corte al %(corte)s se cerró el %(locks)s (estuvo abierto desde el "
    "%(opens)s y vencía el %(due)s). Para reportarlo ahora, pida a la Oficina de Planeación "
    "que lo reabra para su dependencia o para este indicador."
)
OPEN = gettext_lazy("Reporte abierto hasta el %(last)s; vence el %(due)s.")
OVERDUE = gettext_lazy(
    "El reporte venció el %(due)s: todavía se recibe hasta el %(last)s, pero llega tarde."
)
REOPENED = gettext_lazy("Reabierto por Planeación hasta el %(until)s: %(reason)s")


def corte_text(year: int, corte: int) -> str:
    """31 de diciembre de 2024."""
    return _("%(corte)s de %(year)s") % {"corte": Corte(corte).label, "year": year}


@dataclass(frozen=True)
class WindowState:
    """What the report page says of the corte's window today; ``refusal`` when it is shut."""

    text: str
    refusal: str | None = None


def _params(window: ReportingWindow) -> dict:
    last = window.locks_on.toordinal() - 1
    return {
        "corte": corte_text(window.year, window.corte),
        "opens": long_date(window.opens_on),
        "due": long_date(window.due_on),
        "locks": long_date(window.locks_on),
        "last": long_date(date.fromordinal(last)),
    }


def window_state(indicator: Indicator, year: int, corte: int, today: date) -> WindowState | None:
    """The state of the corte's window for ``indicator`` today, None when no calendar applies:
    two queries."""
    windows = list(ReportingWindow.objects.feeding(indicator.pk, year, corte))
    if not windows:
        return None
    reopenings = Reopening.objects.filter(window__in=windows, until__gte=today)
    reopened = {r.window_id: r for r in reopenings.order_by("-until") if r.covers(indicator, today)}
    states = [_state(w, reopened.get(w.pk), today) for w in windows]
    return next((s for s in states if s.refusal), states[0])


def _state(window: ReportingWindow, reopening: Reopening | None, today: date) -> WindowState:
    params = _params(window)
    current = stage(window.dates, today)
    if current in (Stage.NOT_OPEN, Stage.LOCKED):
        if reopening is not None:
            until = {"until": long_date(reopening.until), "reason": reopening.reason}
            return WindowState(str(REOPENED % until))
        refusal = str((NOT_OPEN if current == Stage.NOT_OPEN else LOCKED) % params)
        return WindowState(refusal, refusal)
    return WindowState(str((OPEN if current == Stage.OPEN else OVERDUE) % params))


def refusal(indicator: Indicator, year: int, corte: int, today: date) -> str | None:
    """Why the corte may not be reported today, or None when it may."""
    state = window_state(indicator, year, corte, today)
    return state.refusal if state else None
