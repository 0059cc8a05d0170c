from io import StringIO
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command

SEED_BOOK = Path(settings.BASE_DIR) / "fixtures" / "libro_seguimiento_2020.xlsx"


@pytest.fixture
def seed_book() -> Path:
    return SEED_BOOK


@pytest.fixture
def seed_plan(db):
    """The 2020 plan of the Secretaría General, imported from the fixture book."""
    from objectives.models import Plan

    call_command("import_book", str(SEED_BOOK), stdout=StringIO())
    return Plan.objects.get()
