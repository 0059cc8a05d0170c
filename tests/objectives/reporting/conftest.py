"""Accounts in every role, each with its own client, and the 2020 book's budget indicator
(Subsecretaría Corporativa), which the pages of the quarterly cycle report on."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from indicators.models import Evidence, Indicator
from tests.objectives.reporting.cycle import CORP, client_for, report_url


@pytest.fixture
def budget(seed_plan):
    return Indicator.objects.get(name__startswith="Porcentaje de presupuesto comprometido")


@pytest.fixture
def clients(make_user):
    users = {
        "Administrador": make_user("Administrador"),
        "Planeación": make_user("Planeación"),
        "Responsable": make_user("Responsable", dependencies=[CORP]),
        "Directivo": make_user("Directivo"),
        None: make_user(None),
    }
    return {role: client_for(user) for role, user in users.items()} | {"users": users}


@pytest.fixture
def evidence(clients, budget, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    clients["Responsable"].post(
        report_url(budget),
        {"executed": "40", "files": [SimpleUploadedFile("acta.pdf", b"%PDF-1.4 acta")]},
    )
    return Evidence.objects.get()
