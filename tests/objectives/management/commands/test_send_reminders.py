from io import StringIO

import pytest
from django.core import mail
from django.core.management import CommandError, call_command

from indicators.models import Indicator
from objectives.calendar.models import Reminder

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(settings):
    """What `make run` creates: the 2020 book, one account per role, the 2024 calendar."""
    settings.DEBUG = True
    call_command("bootstrap", stdout=StringIO())


def run(*args) -> str:
    out = StringIO()
    call_command("send_reminders", *args, stdout=out)
    return out.getvalue()


def test_on_the_demo_data_24_december_2024_lists_the_responsable_and_his_pending_indicators(demo):
    printed = run("--date", "2024-12-24", "--dry-run")
    names = Indicator.objects.filter(dependency="Subsecretaría Corporativa").values_list(
        "name", flat=True
    )
    assert printed.splitlines()[:2] == [
        "Recordatorios del 24 de diciembre de 2024: 1 mensaje se enviaría.",
        "responsable <responsable@example.invalid> · Se abrió el reporte",
    ]
    for name in names:
        assert f"    31 de diciembre de 2024 · {name}: sin reporte" in printed
    assert len(printed.splitlines()) == 2 + len(names) == 5
    assert (Reminder.objects.count(), len(mail.outbox)) == (0, 0)


def test_a_real_run_sends_and_a_second_one_sends_nothing(demo):
    assert run("--date", "2024-12-24").startswith(
        "Recordatorios del 24 de diciembre de 2024: 1 mensaje enviado."
    )
    assert run("--date", "2024-12-24").startswith(
        "Recordatorios del 24 de diciembre de 2024: 0 mensajes enviados."
    )
    assert len(mail.outbox) == 1
    assert Reminder.objects.filter(sent_at__isnull=False).count() == 3


def test_the_head_of_the_demo_dependency_is_told_on_the_escalation_day(demo):
    printed = run("--date", "2025-01-20", "--dry-run")
    assert "Jefe de la Subsecretaría <jefe.corporativa@example.invalid> · " in printed
    assert "Reportes vencidos de la dependencia" in printed


def test_without_a_date_it_runs_for_today_which_is_after_the_demo_plan(demo):
    assert "0 mensajes se enviarían." in run("--dry-run")


def test_a_malformed_date_is_refused_with_an_example(demo):
    with pytest.raises(CommandError, match="no es una fecha AAAA-MM-DD"):
        run("--date", "24/12/2024")
