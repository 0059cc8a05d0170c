"""Synthetic plans for benchmarks and demos: a District-sized plan in a few seconds.

The mix follows the 2020 book: mostly Suma and level types, percentages and counts, some
vigencias not programmed (N/A), some over-achievement, weights that sum 100 per objective,
a few indicators feeding two objectives, and approved reports at every corte.
"""

import random
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.db import transaction

from indicators.choices import Annualization, Corte, MetaKind, ReportStatus, Unit
from indicators.models import Goal, Indicator, Programming, Report
from objectives.models import Objective, Plan, Weight

ANNUALIZATIONS = [
    (Annualization.SUMA, 5),
    (Annualization.CRECIENTE_SIN_LB, 3),
    (Annualization.CONSTANTE, 2),
    (Annualization.CRECIENTE, 1),
    (Annualization.DECRECIENTE, 1),
]
DEPENDENCIES = [
    "Subsecretaría Corporativa",
    "Subsecretaría de Servicio a la Ciudadanía",
    "Oficina Asesora de Planeación",
    "Dirección Distrital de Archivo",
    "Oficina de Tecnologías de la Información",
    "Alta Consejería para los Derechos de las Víctimas",
]
SHARED = 0.05  # share of links whose indicator also feeds the next objective
BATCH = 2000


def plan_generate(
    *, objectives: int, links: int, first_year: int, last_year: int, seed: int = 1
) -> Plan:
    """Create a plan with ``objectives`` objectives and ``links`` indicator links in all."""
    rng = random.Random(seed)
    years = list(range(first_year, last_year + 1))
    with transaction.atomic():
        number = Plan.objects.filter(entity="Entidad sintética").count() + 1
        plan = Plan.objects.create(
            entity="Entidad sintética",
            name=f"Plan sintético {number} ({objectives} × {links}, semilla {seed})",
            first_year=first_year,
            last_year=last_year,
            mission="Plan generado para medir el rendimiento de PEP.",
        )
        objective_rows = Objective.objects.bulk_create(
            Objective(plan=plan, number=n, statement=f"Objetivo estratégico sintético {n}")
            for n in range(1, objectives + 1)
        )
        per_objective = _split(links, objectives)
        own = sum(round(count * (1 - SHARED)) for count in per_objective)
        goals = Goal.objects.bulk_create(
            Goal(kind=MetaKind.SECTORIAL, code=f"S{plan.pk}-{g}", statement=f"Meta sintética {g}")
            for g in range(max(1, own // 4))
        )
        indicators = Indicator.objects.bulk_create(
            (_indicator(rng, goals, plan.pk, i) for i in range(own)), batch_size=BATCH
        )
        _figures(rng, indicators, years)
        _weights(rng, objective_rows, per_objective, indicators)
    return plan


def _split(total: int, parts: int) -> list[int]:
    base, extra = divmod(total, parts)
    return [base + (1 if i < extra else 0) for i in range(parts)]


def _indicator(rng: random.Random, goals: list[Goal], plan_id: int, i: int) -> Indicator:
    annualization = rng.choices(*zip(*ANNUALIZATIONS, strict=True))[0]
    uses_baseline = annualization in (Annualization.CRECIENTE, Annualization.DECRECIENTE)
    return Indicator(
        goal=rng.choice(goals),
        code=f"P{plan_id}-{i}",
        name=f"Indicador sintético {i}",
        annualization=annualization,
        unit=Unit.PORCENTAJE if rng.random() < 0.5 else Unit.NUMERO,
        baseline=Decimal(100 if annualization == Annualization.DECRECIENTE else 10)
        if uses_baseline
        else None,
        dependency=rng.choice(DEPENDENCIES),
    )


def _targets(rng: random.Random, annualization: str, years: list[int]) -> dict[int, Decimal]:
    """Yearly targets consistent with the annualization, with some vigencias not programmed."""
    if annualization == Annualization.DECRECIENTE:
        return {y: Decimal(90 - 10 * i) for i, y in enumerate(years)}
    if annualization in (Annualization.CRECIENTE, Annualization.CRECIENTE_SIN_LB):
        return {y: Decimal(20 * (i + 1)) for i, y in enumerate(years)}
    if annualization == Annualization.CONSTANTE:
        return {y: Decimal(100) for y in years}
    return {y: Decimal(0 if rng.random() < 0.15 else rng.randint(5, 500)) for y in years}


def _figures(rng: random.Random, indicators: list[Indicator], years: list[int]) -> None:
    reviewer = get_user_model().objects.filter(is_superuser=True).first()
    programming, reports = [], []
    for indicator in indicators:
        targets = _targets(rng, indicator.annualization, years)
        indicator.stated_total = (
            sum(targets.values()) if indicator.annualization == Annualization.SUMA else None
        )
        for year, target in targets.items():
            programming.append(Programming(indicator=indicator, year=year, value=target))
            if target == 0:
                continue
            # The share of the way from the baseline (0 without one) to the target: a level
            # type with a baseline moves from it, never away from it.
            start = indicator.baseline or Decimal(0)
            share = Decimal(str(rng.choice([0.4, 0.7, 0.9, 1, 1, 1.1, 1.4])))
            for corte in Corte.values:
                reports.append(
                    Report(
                        indicator=indicator,
                        year=year,
                        corte=corte,
                        executed=(start + (target - start) * share * corte / 12).quantize(
                            Decimal("0.01")
                        ),
                        status=ReportStatus.APROBADO,
                        reviewed_by=reviewer,
                    )
                )
    Indicator.objects.bulk_update(indicators, ["stated_total"], batch_size=BATCH)
    Programming.objects.bulk_create(programming, batch_size=BATCH)
    Report.objects.bulk_create(reports, batch_size=BATCH)


def _weights(rng, objectives, per_objective: list[int], indicators: list[Indicator]) -> None:
    """Each objective gets its own indicators plus a few of the next objective's; weights are
    whole hundredths that sum exactly 100."""
    weights, start = [], 0
    for index, (objective, count) in enumerate(zip(objectives, per_objective, strict=True)):
        own = round(count * (1 - SHARED))
        chosen = indicators[start : start + own]
        start += own
        following = indicators[start : start + (count - own)] or indicators[: count - own]
        linked = list(dict.fromkeys(chosen + (following if index < len(objectives) else [])))
        for indicator, share in zip(linked, _shares(rng, len(linked)), strict=True):
            weights.append(Weight(objective=objective, indicator=indicator, weight=share))
    Weight.objects.bulk_create(weights, batch_size=BATCH)


def _shares(rng: random.Random, count: int) -> list[Decimal]:
    raw = [rng.randint(1, 10) for _ in range(count)]
    total = sum(raw)
    cents = [value * 10_000 // total for value in raw]
    cents[-1] += 10_000 - sum(cents)
    return [Decimal(c) / 100 for c in cents]
