from datetime import UTC, datetime
from decimal import Decimal

import pytest

from indicators.choices import Corte
from objectives.figures import compliance_snapshot
from objectives.models import Closure, Publication
from objectives.transparency.snapshots import Coverage, coverage, official_sets

WHEN = datetime(2024, 4, 5, tzinfo=UTC)


def _closure(year, closed=True, snapshot=None):
    return Closure(year=year, is_closed=closed, closed_at=WHEN, snapshot=snapshot or {"y": year})


def _publication(year, corte, published=True):
    return Publication(
        year=year, corte=corte, is_published=published, published_at=WHEN, snapshot={"c": corte}
    )


def test_official_sets_are_closed_vigencias_and_published_cortes_of_open_ones():
    sets = official_sets(
        [_closure(2021), _closure(2020), _closure(2022, closed=False)],
        [
            _publication(2021, Corte.MARZO),  # 2021 closed: its closure replaces it
            _publication(2022, Corte.JUNIO),
            _publication(2022, Corte.MARZO),
            _publication(2022, Corte.SEPTIEMBRE, published=False),
        ],
    )
    assert [(s.year, s.corte, s.closed, s.key) for s in sets] == [
        (2020, 12, True, "2020"),
        (2021, 12, True, "2021"),
        (2022, 3, False, "2022-3"),
        (2022, 6, False, "2022-6"),
    ]
    assert sets[3].corte_date == "2022-06-30" and sets[1].corte_date == "2021-12-31"
    assert sets[3].snapshot == {"c": 6}


def _line(progress, **more):
    return {"code": "1", "name": "x", "weight": 50.0, "progress": progress, **more}


def test_coverage_counts_indicators_na_and_the_objectives_the_plan_averages():
    snapshot = {
        "plan_compliance": 30.0,
        "objectives": [
            {"number": 1, "compliance": 30.0, "indicators": [_line(60.0), _line(None)]},
            {"number": 2, "compliance": None, "indicators": [_line(0.0)]},
        ],
    }
    covered = coverage(snapshot)
    assert (covered.objectives, covered.averaged) == (2, 1)
    assert covered.by_objective[1] == Coverage(counted=2, not_applicable=1, reported=None)
    assert covered.by_objective[1].programmed == 1
    assert covered.by_objective[2] == Coverage(counted=1, not_applicable=0, reported=None)


def test_coverage_counts_reported_indicators_when_the_snapshot_records_them():
    snapshot = {
        "objectives": [
            {
                "number": 1,
                "compliance": Decimal(10),
                "indicators": [_line(20.0, reported=True), _line(0.0, reported=False)],
            }
        ]
    }
    assert coverage(snapshot).by_objective[1] == Coverage(2, 0, 1)


@pytest.mark.django_db
def test_the_seed_2020_coverage(seed_plan):
    covered = coverage(compliance_snapshot(seed_plan, 2020))
    assert (covered.objectives, covered.averaged) == (8, 8)
    assert covered.by_objective[2] == Coverage(counted=7, not_applicable=3, reported=None)
    assert covered.by_objective[1].counted == 2
