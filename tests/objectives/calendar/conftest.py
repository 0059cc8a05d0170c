"""The 2020 book with accounts in every role and a way to give a corte a window around today."""

from datetime import timedelta

import pytest
from django.utils import timezone

from indicators.models import Indicator
from objectives.calendar.models import ReportingWindow

CORP = "Subsecretaría Corporativa"


@pytest.fixture
def people(make_user):
    return {
        "admin": make_user("Administrador"),
        "planeacion": make_user("Planeación"),
        "responsable": make_user("Responsable", dependencies=[CORP]),
        "otro": make_user("Responsable", dependencies=["Otra dependencia"]),
        "directivo": make_user("Directivo"),
    }


@pytest.fixture
def budget(seed_plan):
    """Objective 7's budget indicator (Subsecretaría Corporativa), programmed every vigencia."""
    return Indicator.objects.get(name__startswith="Porcentaje de presupuesto comprometido")


@pytest.fixture
def window(seed_plan):
    """window(corte, opens=-5, due=5, locks=10): a window of 2024 with its dates in days
    from today."""

    def make(corte=12, opens=-5, due=5, locks=10, year=2024, plan=seed_plan):
        today = timezone.localdate()
        return ReportingWindow.objects.create(
            plan=plan,
            year=year,
            corte=corte,
            opens_on=today + timedelta(days=opens),
            due_on=today + timedelta(days=due),
            locks_on=today + timedelta(days=locks),
        )

    return make
