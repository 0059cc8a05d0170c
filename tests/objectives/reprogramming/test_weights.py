from decimal import Decimal as D

import pytest
from django.core.exceptions import ValidationError

from indicators.choices import Annualization, Corte
from indicators.models import Goal, Indicator, Programming, Report
from objectives.figures import headlines, plan_scores
from objectives.models import Closure, Weight
from objectives.reporting import services
from objectives.reprogramming.weights import link_span_save
from tests.factories import make_plan

pytestmark = pytest.mark.django_db


@pytest.fixture
def people(make_user):
    return {"admin": make_user("Administrador"), "planeacion": make_user("Planeación")}


def objective_7(plan, year):
    scores = plan_scores(plan, year)
    return dict((o.number, s) for o, s in scores.objectives)[7]


def report_2021(objective, executed):
    for weight, value in zip(objective.weights.order_by("id"), executed, strict=True):
        Report.objects.create(
            indicator=weight.indicator, year=2021, corte=Corte.DICIEMBRE, executed=value
        )


def reweigh(user, weight, value, from_year=None, reason="Actualización del plan 2021"):
    return services.weight_save(
        user=user,
        weight=weight,
        value=D(value),
        reason=reason,
        version=Weight.objects.get(pk=weight.pk).version,
        confirmed=True,
        from_year=from_year,
    )


def test_a_weight_changed_from_2021_leaves_2020_live_and_official_untouched(people, seed_plan):
    closure = services.vigencia_close(user=people["admin"], plan=seed_plan, year=2020)
    objective = seed_plan.objectives.get(number=7)
    report_2021(objective, [80, 60])  # budget 80 of 100, strategy 60 of 100
    budget, strategy = objective.weights.order_by("id")
    assert objective_7(seed_plan, 2021).compliance == D("70.00")  # 50 % × 80 + 50 % × 60
    reweigh(people["planeacion"], budget, 70, from_year=2021)
    reweigh(people["planeacion"], strategy, 30, from_year=2021)
    assert objective_7(seed_plan, 2021).compliance == D("74.00")  # 70 % × 80 + 30 % × 60
    live = plan_scores(seed_plan, 2020)
    assert objective_7(seed_plan, 2020).compliance == D("69.92")
    shown = headlines(Closure.objects.get(pk=closure.pk), live.objectives)
    assert (shown.objectives[7].compliance, shown.objectives[7].differs) == (D("69.92"), False)
    budget.refresh_from_db()
    assert (budget.weight, budget.by_year) == (
        D(50),
        {str(y): "70.0000" for y in range(2021, 2025)},
    )
    latest = budget.history.latest("history_date")
    assert latest.history_change_reason == "Actualización del plan 2021"


def test_a_closed_vigencias_weights_cannot_change(people, seed_plan):
    services.vigencia_close(user=people["admin"], plan=seed_plan, year=2020)
    budget = seed_plan.objectives.get(number=7).weights.order_by("id").first()
    with pytest.raises(ValidationError, match="La vigencia 2020 está cerrada: sus ponderaciones"):
        reweigh(people["planeacion"], budget, 70, from_year=2020)
    budget.refresh_from_db()
    assert (budget.weight, budget.by_year, budget.version) == (D(50), {}, 1)


def test_without_a_vigencia_the_change_starts_at_the_first_open_one(people, seed_plan):
    services.vigencia_close(user=people["admin"], plan=seed_plan, year=2020)
    budget = seed_plan.objectives.get(number=7).weights.order_by("id").first()
    reweigh(people["planeacion"], budget, 60)
    budget.refresh_from_db()
    assert (budget.weight_in(2020), budget.weight_in(2021), budget.weight_in(2024)) == (
        D(50),
        D(60),
        D(60),
    )


def test_an_open_plan_changes_the_plan_wide_weight(people, seed_plan):
    budget = seed_plan.objectives.get(number=7).weights.order_by("id").first()
    reweigh(people["planeacion"], budget, 60)
    budget.refresh_from_db()
    assert (budget.weight, budget.by_year) == (D(60), {})


def added_link(plan, first_year):
    goal = Goal.objects.first()
    indicator = Indicator.objects.create(goal=goal, name="Nuevo", annualization=Annualization.SUMA)
    Programming.objects.bulk_create(
        Programming(indicator=indicator, year=year, value=10) for year in plan.years
    )
    for year in plan.years:
        Report.objects.create(indicator=indicator, year=year, corte=Corte.DICIEMBRE, executed=10)
    objective = plan.objectives.get()
    return Weight.objects.create(
        objective=objective, indicator=indicator, weight=D(50), first_year=first_year
    )


def test_a_link_added_in_2022_counts_from_2022_only():
    plan = make_plan(1, 2)  # two links of 50 %, 5 of 10 executed in 2020 only
    added_link(plan, 2022)
    scores = {year: plan_scores(plan, year).objectives[0][1] for year in (2020, 2021, 2022)}
    assert [len(s.lines) for s in scores.values()] == [2, 2, 3]
    assert scores[2020].compliance == D(50)  # 50 % × 50 % × 2, the new link absent
    assert scores[2021].compliance is None  # nothing reported yet
    assert scores[2022].compliance == D(50)  # only the new link reported: 50 % × 100 %


def test_a_closed_vigencia_keeps_its_links(people, closer):
    plan = make_plan(1, 2)
    link = added_link(plan, 2022)
    services.vigencia_close(user=people["admin"], plan=plan, year=2020)
    with pytest.raises(ValidationError, match="La vigencia 2020 está cerrada: el indicador no"):
        link_span_save(
            user=people["planeacion"], weight=link, first_year=2020, last_year=None, reason="x"
        )
    saved = link_span_save(
        user=people["planeacion"], weight=link, first_year=2021, last_year=2023, reason="Ajuste"
    )
    assert [saved.counts_in(y) for y in range(2020, 2025)] == [False, True, True, True, False]


def test_a_links_vigencias_are_the_plans(people):
    """The rule the book's «Cuenta desde» and «Cuenta hasta» are checked with."""
    link = added_link(make_plan(1, 2), 2022)
    with pytest.raises(ValidationError, match="2019 no es una vigencia del plan"):
        link_span_save(
            user=people["planeacion"], weight=link, first_year=2019, last_year=None, reason="x"
        )
    with pytest.raises(ValidationError, match="no puede empezar después de la vigencia en que"):
        link_span_save(
            user=people["planeacion"], weight=link, first_year=2023, last_year=2021, reason="x"
        )
    link.refresh_from_db()
    assert (link.first_year, link.last_year, link.version) == (2022, None, 1)
