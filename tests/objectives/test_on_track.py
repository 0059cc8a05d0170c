import datetime
from decimal import Decimal as D

import pytest

from indicators.choices import OnTrack
from indicators.models import CorteProgramming, Indicator, Report
from objectives.on_track import on_track_json, on_track_lines, plan_on_track
from tests.factories import make_plan


def report(code, year, corte, executed, status="aprobado"):
    indicator = Indicator.objects.get(code=code)
    return Report.objects.create(
        indicator=indicator, year=year, corte=corte, executed=D(executed), status=status
    )


@pytest.fixture
def june_2021(seed_plan):
    """545 and 513 as the issue's worked examples, 544 and 546 exactly on schedule."""
    report("545", 2021, 6, "1800000")
    report("513", 2021, 6, "9")
    report("544", 2021, 6, "1")
    report("546", 2021, 6, "75000")
    return seed_plan


def by_code(result):
    return {row.indicator.code: row for row in result.indicators()}


def test_worked_examples_at_june_2021(june_2021):
    rows = by_code(plan_on_track(june_2021, 2021, 6))
    assert rows["545"].expected == D(1750000)
    assert rows["545"].progress.quantize(D("0.0001")) == D("1.0286")
    assert rows["545"].share_of_year.quantize(D("0.0001")) == D("0.5143")
    assert rows["545"].status == OnTrack.A_TIEMPO
    assert rows["513"].expected == D(10)
    assert rows["513"].progress == D("0.9")
    assert rows["513"].status == OnTrack.A_TIEMPO
    assert rows["513"].gap == D(1)


def test_objective_on_schedule_is_a_tiempo_while_its_year_figure_is_half(june_2021):
    objectives = {o.objective.number: o for o in plan_on_track(june_2021, 2021, 6).objectives}
    five = objectives[5]
    # 33,33 × (100 % + 102,857 % + 100 %): 33,33 + 34,28 + 33,33.
    assert five.on_track == D("100.94")
    assert five.status == OnTrack.A_TIEMPO
    # Against the whole year: 33,33 × (50 % + 51,43 % + 50 %).
    assert five.annual.compliance == D("50.48")
    assert five.coverage.reported == 3
    # Objective 4: only 513 reported (47,57 × 90 %), 512 and 514 count 0.
    assert objectives[4].on_track == D("42.81")
    assert objectives[4].status == OnTrack.ATRASADO
    # Nothing reported in objective 1 although something is expected.
    assert objectives[1].on_track is None
    assert objectives[1].status == OnTrack.SIN_REPORTE


def test_at_december_the_on_track_figure_is_the_years(seed_plan):
    result = plan_on_track(seed_plan, 2020, 12)
    assert {o.objective.number: o.on_track for o in result.objectives} == {
        o.objective.number: o.annual.compliance for o in result.objectives
    }
    assert result.objectives[0].on_track == D("49.02")


def test_sent_reports_count_only_in_a_preview(june_2021):
    report("512", 2021, 6, "16", status="enviado")
    assert by_code(plan_on_track(june_2021, 2021, 6))["512"].executed is None
    assert by_code(plan_on_track(june_2021, 2021, 6, pending=True))["512"].executed == D(16)


def test_an_explicit_profile_is_what_was_expected(june_2021):
    indicator = Indicator.objects.get(code="545")
    CorteProgramming.objects.create(indicator=indicator, year=2021, corte=6, value=2400000)
    row = by_code(plan_on_track(june_2021, 2021, 6))["545"]
    assert row.expected == D(2400000)
    assert row.progress == D(1800000) / D(2400000)  # 75 %
    assert row.status == OnTrack.EN_RIESGO
    assert row.gap == D(600000)


def test_a_plan_started_in_june_expects_from_its_start(seed_plan):
    seed_plan.starts_on = datetime.date(2020, 6, 1)
    seed_plan.save()
    rows = by_code(plan_on_track(seed_plan, 2020, 9))
    # 545: 2.000.000 over June–December, 4 of 7 months by 30 September.
    assert rows["545"].expected.quantize(D("0.01")) == D("1142857.14")
    assert by_code(plan_on_track(seed_plan, 2020, 3))["545"].expected == D(0)
    assert by_code(plan_on_track(seed_plan, 2020, 3))["545"].status == OnTrack.NO_APLICA


def test_the_plans_thresholds_decide_the_status(june_2021):
    june_2021.on_time_min, june_2021.at_risk_min = D(95), D(80)
    june_2021.save()
    rows = by_code(plan_on_track(june_2021, 2021, 6))
    assert rows["513"].status == OnTrack.EN_RIESGO
    assert rows["545"].status == OnTrack.A_TIEMPO


def test_behind_is_grouped_by_dependency(june_2021):
    behind = plan_on_track(june_2021, 2021, 6).behind()
    codes = [row.indicator.code for row in behind]
    assert "545" not in codes and "513" not in codes
    dependencies = [row.indicator.dependency for row in behind]
    assert dependencies == sorted(dependencies)


def test_json_has_values_per_indicator_and_objective(june_2021):
    data = on_track_json(plan_on_track(june_2021, 2021, 6))
    indicators = {row["code"]: row for row in data["indicators"]}
    assert indicators["545"] | {"name": None, "id": None} == {
        "id": None,
        "code": "545",
        "name": None,
        "dependency": None,
        "unit": "numero",
        "programmed": 3500000.0,
        "expected_to_date": 1750000.0,
        "executed": 1800000.0,
        "progress_vs_expected": 102.86,
        "share_of_year": 51.43,
        "status": "a_tiempo",
        "status_label": "A tiempo",
        "gap": 0.0,
    }
    assert indicators["513"]["expected_to_date"] == 10.0
    assert indicators["513"]["progress_vs_expected"] == 90.0
    five = data["objectives"][4]
    assert (five["on_track"], five["status"], five["compliance"]) == (100.94, "a_tiempo", 50.48)
    assert data["thresholds"] == {"a_tiempo": 90.0, "en_riesgo": 70.0}
    assert data["corte"] == 6


def test_table_lines_say_the_gap_in_the_unit(june_2021):
    lines = on_track_lines(plan_on_track(june_2021, 2021, 6))
    assert lines[0].endswith("vigencia 2021 · corte 30 de junio · política libro")
    assert "Objetivo 5: año    50,48 % · frente a lo esperado   100,94 %  A tiempo" in lines
    assert any(
        line.startswith(
            "  514 Atrasado: 0,00 % de lo esperado; esperado 45,00 %, ejecutado "
            "sin reporte, brecha 45,00 %"
        )
        for line in lines
    )


@pytest.mark.parametrize(("objectives", "indicators"), [(2, 2), (6, 10)])
def test_queries_are_fixed_whatever_the_plans_size(
    db, django_assert_num_queries, objectives, indicators
):
    plan = make_plan(objectives, indicators)
    with django_assert_num_queries(6):
        result = plan_on_track(plan, 2020, 6)
        result.behind()
    assert len(result.indicators()) == objectives * indicators
    # 2 executed of 10 by June against 5 expected: 40 %.
    assert {row.progress for row in result.indicators()} == {D("0.4")}
