from decimal import Decimal as D
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from indicators.choices import Corte, ReportStatus
from indicators.models import Indicator, Programming, Report
from objectives.dashboard.quality import data_quality
from objectives.figures import plan_scores
from objectives.models import Plan

pytestmark = pytest.mark.django_db


def generate(*args):
    out = StringIO()
    call_command("generate_plan", *args, stdout=out)
    return out.getvalue().splitlines()


def test_it_prints_the_dashboard_url_last_and_the_plan_works(client, admin_user):
    lines = generate("--objectives", "4", "--indicators", "120", "--seed", "7")
    plan = Plan.objects.get()
    assert lines[-1] == f"/?plan={plan.pk}&vigencia=2024"
    client.force_login(admin_user)
    response = client.get(lines[-1])
    assert response.status_code == 200
    assert len(response.context["data"].rows) == 4
    assert all(row.compliance is not None for row in response.context["data"].rows)


def test_the_mix_is_realistic(db):
    generate("--objectives", "5", "--indicators", "200", "--vigencias", "2021-2023")
    plan = Plan.objects.get()
    assert (plan.first_year, plan.last_year) == (2021, 2023)
    links = sum(o.weights.count() for o in plan.objectives.all())
    assert 190 <= links <= 200
    kinds = set(Indicator.objects.values_list("annualization", flat=True))
    assert len(kinds) == 5
    assert set(Indicator.objects.values_list("unit", flat=True)) == {"porcentaje", "numero"}
    assert Programming.objects.filter(value=0).exists()  # N/A vigencias
    shared = [i for i in Indicator.objects.all() if i.weights.count() > 1]
    assert shared  # some indicators feed two objectives
    assert set(Report.objects.values_list("corte", flat=True)) == set(Corte.values)
    assert set(Report.objects.values_list("status", flat=True)) == {ReportStatus.APROBADO}
    over = [
        line
        for _, s in plan_scores(plan, 2022).objectives
        for line in s.lines
        if line.progress and line.progress > 1
    ]
    assert over  # over-achievement


def test_weights_sum_100_per_objective_and_data_quality_is_clean(db):
    generate("--objectives", "3", "--indicators", "90")
    plan = Plan.objects.get()
    for objective in plan.objectives.all():
        assert sum(w.weight for w in objective.weights.all()) == D(100)
    assert [item.message for item in data_quality(plan)] == []


def test_the_same_seed_gives_the_same_plan(db):
    generate("--objectives", "2", "--indicators", "20", "--seed", "3")
    generate("--objectives", "2", "--indicators", "20", "--seed", "3")
    first, second = Plan.objects.order_by("pk")
    values = lambda plan: [  # noqa: E731
        str(s.compliance) for _, s in plan_scores(plan, 2024).objectives
    ]
    assert values(first) == values(second)


@pytest.mark.parametrize(
    "args",
    [
        ["--objectives", "0", "--indicators", "5"],
        ["--objectives", "2", "--indicators", "5", "--vigencias", "2024-2020"],
    ],
)
def test_bad_arguments_are_clear_errors(db, args):
    with pytest.raises(CommandError):
        generate(*args)
