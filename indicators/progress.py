"""Progress of an indicator, exactly as docs/methodology.md states it.

Pure arithmetic on Decimals: no ORM, no rounding, no cap above. Every progress is a *ratio*
(Decimal("1") is 100 %). ``None`` means the figure does not exist: N/A when nothing was
programmed for the vigencia ("No programado"), which is neither 0 % nor 100 %.

Three rules keep the figures sane on real books:
- programmed but not reported is 0 %, never a formula on E = 0 (with a baseline that would
  give −200 % or +1.000 %);
- progress never goes below 0 %: execution that moved away from the target counts 0 % (the raw
  formula stays visible through ``raw_vigencia_progress``);
- in Decreciente a programmed 0 is a real target (LB 10 → 0); only a blank is "no programado".

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
ZERO = Decimal(0)


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


def is_programmed(programmed: Decimal | None, annualization: str) -> bool:
    """Whether the vigencia has a target. P_t blank never does; P_t = 0 has none either
    (N/A), except in Decreciente, where falling to 0 is the goal (LB 10 → 8, 6, 4, 2, 0)."""
    if programmed is None:
        return False
    return programmed != 0 or annualization == Annualization.DECRECIENTE


def raw_vigencia_progress(
    annualization: str,
    programmed: Decimal | None,
    executed: Decimal | None,
    baseline: Decimal | None,
) -> Decimal | None:
    """The vigencia's formula as written, which may be negative; None (N/A) without a target.

    Suma, Constante, Creciente sin línea base: E_t / P_t.
    Creciente, Decreciente: (E_t − LB) / (P_t − LB).
    Programmed but not reported (``executed`` None) is 0: the formula is never run on E = 0.
    """
    if not is_programmed(programmed, annualization):
        return None
    lb = _baseline(annualization, baseline)
    if programmed == lb:
        return None
    if executed is None:
        return ZERO
    return (executed - lb) / (programmed - lb)


def vigencia_progress(
    annualization: str,
    programmed: Decimal | None,
    executed: Decimal | None,
    baseline: Decimal | None,
) -> Decimal | None:
    """Progress in one vigencia as a ratio, never below 0; None (N/A) without a target.

    Execution that moved away from the target (below the baseline in Creciente, above it in
    Decreciente) counts 0; ``raw_vigencia_progress`` gives the negative figure.
    """
    raw = raw_vigencia_progress(annualization, programmed, executed, baseline)
    return None if raw is None else max(raw, ZERO)


def rule_total(annualization: str, programmed: Mapping[int, Decimal]) -> Decimal | None:
    """M: Σ P_t for Suma; the last programmed level for every level type (in Decreciente a 0
    is a level: LB 10 → 8, 6, 4, 2, 0 has M = 0)."""
    values = [programmed[year] for year in sorted(programmed)]
    if annualization == Annualization.SUMA:
        return sum(values, Decimal(0)) if values else None
    levels = [value for value in values if is_programmed(value, annualization)]
    return levels[-1] if levels else None


def plan_progress(series: Series, year: int) -> Decimal | None:
    """Plan-to-date progress at the end of vigencia ``year`` as a ratio of the total M.

    Suma: Σ_{t≤k} E_t / M. Constante and Creciente sin línea base: E_k / M.
    Creciente: (E_k − LB) / (M − LB). Decreciente: (LB − E_k) / (LB − M).
    For level types E_k is the latest level reported up to ``year``. None when nothing has been
    reported yet or M is not defined. Never below 0, like the vigencia's progress.
    """
    total = rule_total(series.annualization, series.programmed)
    reported = sorted(t for t in series.executed if t <= year)
    if total is None or not reported:
        return None
    if series.annualization == Annualization.SUMA:
        if total == 0:
            return None
        return max(sum((series.executed[t] for t in reported), ZERO) / total, ZERO)
    lb = _baseline(series.annualization, series.baseline)
    if total == lb:
        return None
    level = series.executed[reported[-1]]
    if series.annualization == Annualization.DECRECIENTE:
        return max((lb - level) / (lb - total), ZERO)
    return max((level - lb) / (total - lb), ZERO)


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
    línea base when there is none), falling levels with a baseline are Decreciente (down to 0
    if need be: LB 10 → 8, 6, 4, 2, 0 with total 0). None when no rule fits: see
    ``annualization_by_shape``.
    """
    values = [programmed[year] for year in sorted(programmed)]
    levels = [value for value in values if value != 0]
    if total is None or not levels:
        return None
    if len(levels) > 1 and len(set(levels)) == 1 and total == levels[0]:
        return Annualization.CONSTANTE
    if total == sum(values, Decimal(0)):
        return Annualization.SUMA
    if baseline is not None and total == values[-1] and _falling(values):
        return Annualization.DECRECIENTE
    if total != levels[-1]:
        return None
    if all(a <= b for a, b in pairwise(levels)):
        return Annualization.CRECIENTE if baseline is not None else Annualization.CRECIENTE_SIN_LB
    if baseline is not None and _falling(levels):
        return Annualization.DECRECIENTE
    return None


def _falling(values: list[Decimal]) -> bool:
    return len(values) > 1 and all(a >= b for a, b in pairwise(values))


def annualization_by_shape(programmed: Mapping[int, Decimal], baseline: Decimal | None) -> str:
    """The annualization the programming's shape suggests, when the stated total fits no rule
    (or is missing): equal levels → Constante, levels that never fall → Creciente (sin línea
    base without one), anything else → Suma. Never refuses: the caller warns."""
    levels = [programmed[year] for year in sorted(programmed) if programmed[year] != 0]
    if len(levels) > 1 and len(set(levels)) == 1:
        return Annualization.CONSTANTE
    if len(levels) > 1 and all(a <= b for a, b in pairwise(levels)):
        return Annualization.CRECIENTE if baseline is not None else Annualization.CRECIENTE_SIN_LB
    return Annualization.SUMA


def total_breaks_rule(
    annualization: str, programmed: Mapping[int, Decimal], stated_total: Decimal | None
) -> bool:
    """True when the book's stated total is not the total its annualization defines (555)."""
    expected = rule_total(annualization, programmed)
    return stated_total is not None and expected is not None and stated_total != expected
