"""Expected to date: what an indicator should have reached by a corte, and how far it is.

Pure arithmetic on Decimals, exactly as docs/methodology.md (section 13) states it. Magnitudes
are in the indicator's unit; progress is a ratio (1 = 100 %); thresholds are percentage points.

- Linear by default, in the months elapsed m of the vigencia's span (12, or fewer in the year a
  plan starts mid-year: the 2020–2024 plan began in June 2020, so 2020 has 7 months):
  Suma ``P_t × m/span``; level types ``P_{t−1} + (P_t − P_{t−1}) × m/span``, with ``P_{t−1}``
  the latest programmed level before t, or the baseline (0 without one) in the first year.
- An explicit programming for the corte (``profile``), when the planning office set one, is the
  expected magnitude itself.
- Progress against expected: ``E / expected``, or ``(E − LB)/(expected − LB)`` with a baseline;
  never below 0; None (N/A) when nothing is expected yet. Not reported counts 0.
- The status: a tiempo ≥ 90 %, en riesgo ≥ 70 %, atrasado below (the plan may set others),
  judged on the figure shown (2 decimals).
"""

from collections.abc import Mapping
from decimal import Decimal

from indicators.choices import Annualization, OnTrack
from indicators.formatting import round_half_up
from indicators.progress import ZERO, is_programmed, vigencia_progress

MONTHS = 12
# The on-track status's lower bounds (a tiempo, en riesgo) in percentage points, unless a plan
# sets its own (Plan.on_time_min, at_risk_min default to these).
DEFAULT_ON_TRACK = (Decimal(90), Decimal(70))


def months_elapsed(year: int, corte: int, start: tuple[int, int] | None = None) -> tuple[int, int]:
    """(months elapsed at the corte, months in the vigencia's span), counted from the plan's
    start (year, month) in the year it starts: June 2020 → 30 June is 1 of 7, 31 Dec 7 of 7.
    Before the start nothing has elapsed."""
    if start is None or year > start[0]:
        return corte, MONTHS
    span = MONTHS - start[1] + 1
    if year < start[0]:
        return 0, span
    return max(corte - start[1] + 1, 0), span


def previous_level(
    annualization: str, year: int, programmed: Mapping[int, Decimal], baseline: Decimal | None
) -> Decimal:
    """P_{t−1} for a level type: the latest programmed level before ``year``; in the plan's
    first year (or with nothing programmed before), the baseline, or 0 without one."""
    earlier = [
        programmed[t]
        for t in sorted(programmed)
        if t < year and is_programmed(programmed[t], annualization)
    ]
    if earlier:
        return earlier[-1]
    return baseline if baseline is not None else ZERO


def expected_to_date(
    annualization: str,
    year: int,
    corte: int,
    programmed: Mapping[int, Decimal],
    baseline: Decimal | None = None,
    start: tuple[int, int] | None = None,
    profile: Mapping[int, Decimal] | None = None,
) -> Decimal | None:
    """The magnitude expected by the corte, cumulative inside the vigencia (in the indicator's
    unit); None when the vigencia has no target (N/A). ``profile`` maps a corte to its explicit
    programming, which wins over the linear rule."""
    target = programmed.get(year)
    if not is_programmed(target, annualization):
        return None
    if profile and corte in profile:
        return profile[corte]
    months, span = months_elapsed(year, corte, start)
    if annualization == Annualization.SUMA:
        return target * months / span
    before = previous_level(annualization, year, programmed, baseline)
    return before + (target - before) * months / span


def progress_vs_expected(
    annualization: str,
    expected: Decimal | None,
    executed: Decimal | None,
    baseline: Decimal | None = None,
) -> Decimal | None:
    """E / expected, or (E − LB)/(expected − LB) with a baseline; never below 0; None when
    nothing is expected yet (expected blank, 0, or equal to the baseline). Not reported is 0."""
    return vigencia_progress(annualization, expected, executed, baseline)


def share_of_year(executed: Decimal | None, target: Decimal | None) -> Decimal | None:
    """E / P_t: the share of the whole year's target already executed (51,43 % for 545)."""
    if executed is None or not target:
        return None
    return executed / target


def on_track_status(
    progress: Decimal | None, thresholds: tuple[Decimal, Decimal] = DEFAULT_ON_TRACK
) -> str:
    """A tiempo, en riesgo or atrasado from a progress ratio, judged on the figure shown
    (percentage points, 2 decimals); N/A when nothing is expected."""
    if progress is None:
        return OnTrack.NO_APLICA
    return on_track_points(progress * 100, thresholds)


def on_track_points(
    points: Decimal | None, thresholds: tuple[Decimal, Decimal] = DEFAULT_ON_TRACK
) -> str:
    """The status of a figure already in percentage points (an objective's on-track figure)."""
    if points is None:
        return OnTrack.NO_APLICA
    shown = round_half_up(points)
    on_time, at_risk = thresholds
    if shown >= on_time:
        return OnTrack.A_TIEMPO
    if shown >= at_risk:
        return OnTrack.EN_RIESGO
    return OnTrack.ATRASADO


def gap(expected: Decimal | None, executed: Decimal | None, annualization: str) -> Decimal | None:
    """How much is missing to reach the expected magnitude, in the indicator's unit (0 when it
    is reached); in Decreciente, how much is still above it."""
    if expected is None:
        return None
    done = executed if executed is not None else ZERO
    missing = done - expected if annualization == Annualization.DECRECIENTE else expected - done
    return max(missing, ZERO)
