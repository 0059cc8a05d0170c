"""Progress of an indicator, exactly as docs/methodology.md states it.

Pure arithmetic on Decimals: no ORM, no rounding, no cap. Every progress is a *ratio*
(Decimal("1") is 100 %). ``None`` means the figure does not exist: N/A when nothing was
programmed for the vigencia ("No programado"), which is neither 0 % nor 100 %.

P_t is the magnitude programmed for vigencia t, E_t the magnitude executed in t (its latest
corte), LB the baseline and M the cuatrienio's total as the annualization rule defines it.
"""

from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from itertools import pairwise

from indicators.choices import Annualization

LEVEL_TYPES = frozenset(
    {
        Annualization.CONSTANTE,
        Annualization.CRECIENTE,
        Annualization.DECRECIENTE,
        Annualization.CRECIENTE_SIN_LB,
    }
)
USES_BASELINE = frozenset({Annualization.CRECIENTE, Annualization.DECRECIENTE})


@dataclass(frozen=True)
class Series:
    """One indicator's figures: programming and execution per vigencia (year)."""

    annualization: str
    baseline: Decimal | None = None
    programmed: Mapping[int, Decimal] = field(default_factory=dict)
    executed: Mapping[int, Decimal] = field(default_factory=dict)


def _baseline(annualization: str, baseline: Decimal | None) -> Decimal:
    if annualization not in USES_BASELINE:
        return Decimal(0)
    if baseline is None:
        raise ValueError(f"La anualización {annualization} requiere línea base.")
    return baseline


def is_programmed(programmed: Decimal | None) -> bool:
    """A vigencia with P_t = 0 or blank has no target: its progress is N/A."""
    return programmed is not None and programmed != 0


def vigencia_progress(
    annualization: str, programmed: Decimal | None, executed: Decimal, baseline: Decimal | None
) -> Decimal | None:
    """Progress in one vigencia as a ratio; None (N/A) when nothing was programmed.

    Suma, Constante, Creciente sin línea base: E_t / P_t.
    Creciente, Decreciente: (E_t − LB) / (P_t − LB).
    """
    if not is_programmed(programmed):
        return None
    lb = _baseline(annualization, baseline)
    if programmed == lb:
        return None
    return (executed - lb) / (programmed - lb)


def rule_total(annualization: str, programmed: Mapping[int, Decimal]) -> Decimal | None:
    """M: Σ P_t for Suma; the last programmed level for every level type."""
    values = [programmed[year] for year in sorted(programmed)]
    if annualization == Annualization.SUMA:
        return sum(values, Decimal(0)) if values else None
    levels = [value for value in values if value != 0]
    return levels[-1] if levels else None


def plan_progress(series: Series, year: int) -> Decimal | None:
    """Plan-to-date progress at the end of vigencia ``year`` as a ratio of the total M.

    Suma: Σ_{t≤k} E_t / M. Constante and Creciente sin línea base: E_k / M.
    Creciente: (E_k − LB) / (M − LB). Decreciente: (LB − E_k) / (LB − M).
    For level types E_k is the latest level reported up to ``year``. None when nothing has been
    reported yet or M is not defined.
    """
    total = rule_total(series.annualization, series.programmed)
    reported = sorted(t for t in series.executed if t <= year)
    if total is None or not reported:
        return None
    if series.annualization == Annualization.SUMA:
        if total == 0:
            return None
        return sum((series.executed[t] for t in reported), Decimal(0)) / total
    lb = _baseline(series.annualization, series.baseline)
    if total == lb:
        return None
    level = series.executed[reported[-1]]
    if series.annualization == Annualization.DECRECIENTE:
        return (lb - level) / (lb - total)
    return (level - lb) / (total - lb)


def vigencia_formula(annualization: str) -> str:
    """The formula used for the progress in a vigencia, as shown to users."""
    if annualization in USES_BASELINE:
        return "(E − LB) / (P − LB)"
    return "E / P"


def plan_formula(annualization: str) -> str:
    """The formula used for the plan-to-date progress, as shown to users."""
    return {
        Annualization.SUMA: "ΣE / M",
        Annualization.CONSTANTE: "E / M",
        Annualization.CRECIENTE: "(E − LB) / (M − LB)",
        Annualization.DECRECIENTE: "(LB − E) / (LB − M)",
        Annualization.CRECIENTE_SIN_LB: "E / M",
    }[Annualization(annualization)]


def infer_annualization(
    programmed: Mapping[int, Decimal], total: Decimal | None, baseline: Decimal | None
) -> str | None:
    """Guess the annualization from the yearly programming and the stated total.

    Constante: every programmed level equal and the total is that level. Suma: the total is the
    sum. Level types: the total is the last programmed level; rising levels are Creciente (sin
    línea base when there is none), falling levels with a baseline are Decreciente.
    None when no rule fits.
    """
    values = [programmed[year] for year in sorted(programmed)]
    levels = [value for value in values if value != 0]
    if total is None or not levels:
        return None
    if len(levels) > 1 and len(set(levels)) == 1 and total == levels[0]:
        return Annualization.CONSTANTE
    if total == sum(values, Decimal(0)):
        return Annualization.SUMA
    if total != levels[-1]:
        return None
    if all(a <= b for a, b in pairwise(levels)):
        return Annualization.CRECIENTE if baseline is not None else Annualization.CRECIENTE_SIN_LB
    if baseline is not None and all(a >= b for a, b in pairwise(levels)):
        return Annualization.DECRECIENTE
    return None


def total_breaks_rule(
    annualization: str, programmed: Mapping[int, Decimal], stated_total: Decimal | None
) -> bool:
    """True when the book's stated total is not the total its annualization defines (555)."""
    expected = rule_total(annualization, programmed)
    return stated_total is not None and expected is not None and stated_total != expected
