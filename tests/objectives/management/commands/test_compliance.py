import json
from decimal import Decimal as D
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from indicators.formatting import round_half_up
from indicators.models import PublishedProgress
from objectives.figures import plan_scores
from tests.factories import close

PUBLISHED_2020 = {1: 49.02, 2: 34.26, 3: 0.0, 4: 82.48, 5: 96.53, 6: 71.43, 7: 69.92, 8: 74.0}


def compliance_json(*args):
    out = StringIO()
    call_command("compliance", "--year", "2020", "--format", "json", *args, stdout=out)
    return json.loads(out.getvalue())


def test_the_seeds_2020_figures_come_out_exactly(seed_plan):
    data = compliance_json()
    assert data["policy"] == "libro"
    assert {o["number"]: o["compliance"] for o in data["objectives"]} == PUBLISHED_2020
    assert data["plan_compliance"] == 59.71


def test_each_indicator_matches_its_published_2020_percentage(seed_plan):
    published = {
        (p.indicator.code, p.indicator.name): p.percent
        for p in PublishedProgress.objects.select_related("indicator")
    }
    computed = {
        (line.link.code, line.link.name): round_half_up(line.progress * 100)
        for _, score in plan_scores(seed_plan, 2020).objectives
        for line in score.lines
        if line.progress is not None
    }
    assert len(published) == 15
    assert computed == published


def test_json_shape_with_na_as_null(seed_plan):
    objective_5 = compliance_json()["objectives"][4]
    assert objective_5["indicators"] == [
        {
            "code": "544",
            "name": "Puntos de información sobre protección y atención animal instalados y "
            "funcionando en la Red CADE del distrito",
            "weight": 33.33,
            "progress": None,
            "contribution": 0.0,
        },
        {
            "code": "545",
            "name": "Número de orientaciones y solicitudes recibidas a través de la línea 195",
            "weight": 33.33,
            "progress": 162.65,
            "contribution": 54.21,
        },
        {
            "code": "546",
            "name": "Número de PQRS recibidas por otros canales",
            "weight": 33.33,
            "progress": 126.98,
            "contribution": 42.32,
        },
    ]


@pytest.mark.parametrize(
    ("policy", "expected"), [("libro", 96.53), ("tope", 66.66), ("renormalizado", 144.82)]
)
def test_objective_5_under_each_policy(seed_plan, policy, expected):
    data = compliance_json("--policy", policy)
    assert data["policy"] == policy
    assert data["objectives"][4]["compliance"] == expected


def test_a_vigencia_without_execution_has_null_compliance(seed_plan):
    out = StringIO()
    call_command("compliance", "--year", "2021", "--format", "json", stdout=out)
    data = json.loads(out.getvalue())
    assert [o["compliance"] for o in data["objectives"]] == [None] * 8
    assert data["plan_compliance"] is None


def test_table_format_is_colombian(seed_plan):
    out = StringIO()
    call_command("compliance", "--year", "2020", stdout=out)
    lines = out.getvalue().splitlines()
    assert lines[0] == "Plan Estratégico Institucional 2020-2024 · vigencia 2020 · política libro"
    assert lines[1].split() == ["Objetivo", "1:", "49,02", "%", "Rojo"]
    assert lines[5].split() == ["Objetivo", "5:", "96,53", "%", "Verde"]
    assert lines[-1].split() == ["Plan:", "59,71", "%"]


def test_a_year_outside_the_plan_is_a_clear_error(seed_plan):
    err = StringIO()
    with pytest.raises(SystemExit) as exit_:
        call_command("compliance", "--year", "2030", stderr=err)
    assert exit_.value.code == 1
    assert "fuera del plan (2020–2024)" in err.getvalue()


def test_the_plan_policy_is_the_default(seed_plan):
    seed_plan.policy = "tope"
    seed_plan.save()
    assert compliance_json()["objectives"][4]["compliance"] == 66.66
    assert plan_scores(seed_plan, 2020).objectives[4][1].compliance == D("66.66")


def test_json_carries_each_figures_coverage_and_how_many_objectives_the_plan_averages(seed_plan):
    data = compliance_json()
    assert data["objectives_averaged"] == 8
    assert data["coverage"] == {"indicators": 19, "reported": 15, "na": 4, "corte": 12}
    assert [o["coverage"]["reported"] for o in data["objectives"]] == [2, 4, 1, 3, 2, 1, 2, 1]
    assert "official" not in data  # an open vigencia: live figures


def test_a_closed_vigencia_asked_under_another_policy_says_its_figures_are_not_official(
    seed_plan, closer
):
    closure = close(seed_plan, 2020, closer)
    closure.snapshot = {"objectives": []}
    closure.save()
    out = StringIO()
    call_command("compliance", "--year", "2020", "--policy", "tope", stdout=out)
    assert out.getvalue().splitlines()[-1] == (
        "Nota: la vigencia 2020 está cerrada; sus cifras oficiales son las de la política libro, "
        "no las de «tope» que se muestran."
    )


def test_corte_gives_expected_to_date_per_indicator_and_on_track_per_objective(seed_plan):
    from tests.objectives.test_on_track import report

    report("545", 2021, 6, "1800000")
    report("513", 2021, 6, "9")
    out = StringIO()
    call_command("compliance", "--year", "2021", "--corte", "6", "--format", "json", stdout=out)
    data = json.loads(out.getvalue())
    rows = {row["code"]: row for row in data["indicators"]}
    assert (rows["545"]["expected_to_date"], rows["545"]["progress_vs_expected"]) == (
        1750000.0,
        102.86,
    )
    assert rows["545"]["status"] == "a_tiempo"
    assert (rows["513"]["expected_to_date"], rows["513"]["progress_vs_expected"]) == (10.0, 90.0)
    objective_4 = data["objectives"][3]
    assert (objective_4["on_track"], objective_4["status"]) == (42.81, "atrasado")
    assert data["coverage"] == {"indicators": 19, "reported": 2, "na": 0, "corte": 6}


def test_corte_table_says_each_objectives_status(seed_plan):
    out = StringIO()
    call_command("compliance", "--year", "2020", "--corte", "12", stdout=out)
    text = out.getvalue()
    assert "corte 31 de diciembre" in text
    assert "Objetivo 5: año    96,53 % · frente a lo esperado    96,53 %  A tiempo" in text


def test_a_corte_that_is_not_a_month_of_corte_is_refused(seed_plan):
    with pytest.raises(CommandError, match="invalid choice: 5"):
        call_command("compliance", "--year", "2020", "--corte", "5")


def test_a_2020_corte_counts_months_from_the_plans_start_in_june(seed_plan):
    """The seed book starts the plan in June 2020: 2020 has 7 months (docs/methodology.md,
    13.3). 545: 2.000.000 × 4/7 = 1.142.857,14 by 30 September; 1.000.000 executed is 7/8 of
    it, 87,50 %, en riesgo. 513 (Creciente sin línea base, 5 % in 2020): 5 × 4/7 = 2,857143 %
    (magnitudes go out with 6 decimals).
    At 31 March nothing is expected yet."""
    from tests.objectives.test_on_track import report

    report("545", 2020, 9, "1000000")
    september = {row["code"]: row for row in compliance_json("--corte", "9")["indicators"]}
    assert september["545"]["expected_to_date"] == 1142857.142857
    assert september["545"]["progress_vs_expected"] == 87.5
    assert september["545"]["status"] == "en_riesgo"
    assert september["513"]["expected_to_date"] == 2.857143
    march = {row["code"]: row for row in compliance_json("--corte", "3")["indicators"]}
    assert (march["545"]["expected_to_date"], march["545"]["status"]) == (0.0, "no_aplica")
