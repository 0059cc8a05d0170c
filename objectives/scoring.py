"""Compliance of an objective in a vigencia: the weighted sum of its indicators' progress.

Pure arithmetic on Decimals. Weights and compliance are in percentage points (31,34 % → 31.34);
an indicator's progress is a ratio (1 = 100 %). The three policies are in docs/methodology.md:

- libro: weights as stated (33,33 × 3 = 99,99), N/A counts 0 with its weight kept, no cap.
- tope: as libro, with each progress held in [0 %, 100 %] before weighting.
- renormalizado: N/A links left out and the remaining weights rescaled to sum 100.

In every policy a programmed indicator without a report counts 0 % with its weight kept, and
execution that moved away from the target counts 0 % (its raw, negative figure stays on the
line). Each score carries its coverage: indicators counted, reported, N/A, and the corte.

Each contribution (weight × progress) is rounded half-up to 2 decimals, as the book shows it,
and the compliance is the sum of those contributions: the breakdown a director reads always adds
up to the figure above it. Every figure the 2020 book publishes comes out this way.
"""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from functools import cached_property

from indicators.formatting import round_half_up
from indicators.progress import ZERO, raw_vigencia_progress, vigencia_formula
from objectives.choices import Policy, Semaforo

HUNDRED = Decimal(100)
ONE = Decimal(1)
# The semáforo's upper bounds (red, yellow, green) in percentage points, unless a plan sets its
# own (Plan.red_max, yellow_max, green_max default to these); above green is orange.
DEFAULT_THRESHOLDS = (Decimal(50), Decimal(75), Decimal(125))
NA_FORMULA = "N/A: sin programación en la vigencia"
UNREPORTED_FORMULA = "sin reporte: cuenta 0 %"


@dataclass(frozen=True)
class Link:
    """One indicator feeding an objective, with its figures for one vigencia."""

    code: str
    name: str
    weight: Decimal
    annualization: str
    programmed: Decimal | None
    executed: Decimal | None
    baseline: Decimal | None = None
    indicator_id: int | None = None
    corte: int | None = None  # the corte the executed magnitude was reported at

    @property
    def reported(self) -> bool:
        return self.executed is not None


@dataclass(frozen=True)
class Line:
    """How one link enters the objective's compliance under a policy."""

    link: Link
    progress: Decimal | None
    counted_progress: Decimal
    weight: Decimal
    exact_contribution: Decimal
    contribution: Decimal
    formula: str
    raw_progress: Decimal | None = None  # the formula as written: negative when it moved away

    @property
    def is_na(self) -> bool:
        return self.progress is None

    @property
    def moved_away(self) -> bool:
        """Execution went the wrong way: the formula is negative and the line counts 0 %."""
        return self.raw_progress is not None and self.raw_progress < 0


@dataclass(frozen=True)
class Coverage:
    """What a figure rests on: indicators counted, those with a counted report in the vigencia,
    those with no target (N/A), and the latest corte reported (None: no report)."""

    indicators: int
    reported: int
    na: int
    corte: int | None

    @classmethod
    def of(cls, links: Iterable[Link], na: Iterable[bool]) -> "Coverage":
        links, na = list(links), list(na)
        cortes = [link.corte for link in links if link.reported and link.corte is not None]
        return cls(
            indicators=len(links),
            reported=sum(1 for link in links if link.reported),
            na=sum(1 for is_na in na if is_na),
            corte=max(cortes, default=None),
        )


@dataclass(frozen=True)
class ObjectiveScore:
    policy: str
    compliance: Decimal | None
    lines: tuple[Line, ...]

    @property
    def weight_total(self) -> Decimal:
        return sum((line.link.weight for line in self.lines), Decimal(0))

    @cached_property  # shared scores are read by many pages and kept across revisions
    def coverage(self) -> Coverage:
        return Coverage.of((line.link for line in self.lines), (line.is_na for line in self.lines))


def link_progress(link: Link) -> Decimal | None:
    """The link's raw progress ratio in the vigencia: None = N/A, 0 when programmed but not
    reported, negative when execution moved away from the target (``score_objective`` counts
    that as 0)."""
    return raw_vigencia_progress(link.annualization, link.programmed, link.executed, link.baseline)


def score_objective(links: Sequence[Link], policy: str = Policy.LIBRO) -> ObjectiveScore:
    """Compliance in percentage points; None when nothing has been reported for the vigencia."""
    raws = [link_progress(link) for link in links]
    progresses = [None if raw is None else max(raw, ZERO) for raw in raws]
    weights = _policy_weights(links, progresses, policy)
    lines = tuple(
        _line(link, raw, weight, policy)
        for link, raw, weight in zip(links, raws, weights, strict=True)
    )
    if not any(link.reported for link in links):
        return ObjectiveScore(policy=policy, compliance=None, lines=lines)
    if policy == Policy.RENORMALIZADO and all(line.is_na for line in lines):
        return ObjectiveScore(policy=policy, compliance=None, lines=lines)
    compliance = sum((line.contribution for line in lines), Decimal(0))
    return ObjectiveScore(policy=policy, compliance=compliance, lines=lines)


def _policy_weights(
    links: Sequence[Link], progresses: Sequence[Decimal | None], policy: str
) -> list[Decimal]:
    if policy != Policy.RENORMALIZADO:
        return [link.weight for link in links]
    kept = sum(
        (link.weight for link, p in zip(links, progresses, strict=True) if p is not None),
        Decimal(0),
    )
    return [
        link.weight * HUNDRED / kept if progress is not None and kept else Decimal(0)
        for link, progress in zip(links, progresses, strict=True)
    ]


def _line(link: Link, raw: Decimal | None, weight: Decimal, policy: str) -> Line:
    if raw is None:
        return Line(link, None, ZERO, weight, ZERO, ZERO, NA_FORMULA)
    progress = max(raw, ZERO)
    counted = min(progress, ONE) if policy == Policy.TOPE else progress
    formula = vigencia_formula(link.annualization) if link.reported else UNREPORTED_FORMULA
    if raw < 0:
        formula = f"máx({formula}; 0 %)"
    elif counted != progress:
        formula = f"mín({formula}; 100 %)"
    exact = weight * counted
    return Line(link, progress, counted, weight, exact, round_half_up(exact), formula, raw)


def plan_coverage(scores: Iterable[ObjectiveScore]) -> Coverage:
    """The plan's coverage: each indicator once, however many objectives it feeds."""
    lines: dict[object, Line] = {}
    for score in scores:
        for line in score.lines:
            key = line.link.indicator_id or (line.link.code, line.link.name)
            lines.setdefault(key, line)
    return Coverage.of((line.link for line in lines.values()), (ln.is_na for ln in lines.values()))


def averaged(compliances: Iterable[Decimal | None]) -> int:
    """How many objectives the plan's compliance averages: those with a figure."""
    return sum(1 for value in compliances if value is not None)


def plan_compliance(compliances: Iterable[Decimal | None]) -> Decimal | None:
    """The plan's compliance: the plain mean of its objectives' (those with execution)."""
    values = [value for value in compliances if value is not None]
    if not values:
        return None
    return sum(values, Decimal(0)) / len(values)


def semaforo(
    value: Decimal | None, red_max: Decimal, yellow_max: Decimal, green_max: Decimal
) -> str:
    """Traffic light of a percentage in points, judged on the figure shown (2 decimals)."""
    if value is None:
        return Semaforo.SIN_DATO
    value = round_half_up(value)
    if value <= red_max:
        return Semaforo.ROJO
    if value <= yellow_max:
        return Semaforo.AMARILLO
    if value <= green_max:
        return Semaforo.VERDE
    return Semaforo.NARANJA


def progress_semaforo(
    progress: Decimal | None,
    reported: bool,
    thresholds: tuple[Decimal, Decimal, Decimal] = DEFAULT_THRESHOLDS,
) -> str:
    """An indicator's traffic light from its progress ratio: N/A when nothing was programmed,
    no data when nothing was reported."""
    if progress is None:
        return Semaforo.NO_APLICA
    if not reported:
        return Semaforo.SIN_DATO
    return semaforo(progress * 100, *thresholds)
