"""Rows with sensible defaults, for tests that need a plan of a given size."""

from decimal import Decimal

from django.utils import timezone

from indicators.choices import Annualization, Corte, MetaKind
from indicators.models import Goal, Indicator, Programming, Report
from objectives.models import Closure, Objective, Plan, Weight


def make_plan(objectives: int = 2, indicators: int = 3, name: str = "Plan") -> Plan:
    """A plan whose every indicator is programmed 10 a year and executed 5 in 2020."""
    plan = Plan.objects.create(entity="Entidad", name=name, first_year=2020, last_year=2024)
    goal = Goal.objects.create(kind=MetaKind.GESTION, statement=f"Meta de {name}")
    weight = Decimal(100) / indicators
    for number in range(1, objectives + 1):
        objective = Objective.objects.create(plan=plan, number=number, statement=f"Obj {number}")
        for i in range(indicators):
            indicator = Indicator.objects.create(
                goal=goal, name=f"{name} {number}.{i}", annualization=Annualization.SUMA
            )
            Weight.objects.create(objective=objective, indicator=indicator, weight=weight)
            Programming.objects.bulk_create(
                Programming(indicator=indicator, year=year, value=10) for year in plan.years
            )
            Report.objects.create(indicator=indicator, year=2020, corte=Corte.JUNIO, executed=2)
            Report.objects.create(indicator=indicator, year=2020, corte=Corte.DICIEMBRE, executed=5)
    return plan


def close(plan, year, user, is_closed=True):
    """A closure of the vigencia, with an empty snapshot."""
    return Closure.objects.create(
        plan=plan,
        year=year,
        is_closed=is_closed,
        snapshot={},
        closed_by=user,
        closed_at=timezone.now(),
    )


def second_reviewer():
    """Another member of Planeación, who approves what a test's first reviewer sent: nobody
    approves a report they sent themselves (four eyes)."""
    from django.contrib.auth.models import Group, User

    reviewer, created = User.objects.get_or_create(username="revisora")
    if created:
        reviewer.groups.add(Group.objects.get_or_create(name="Planeación")[0])
    return reviewer
