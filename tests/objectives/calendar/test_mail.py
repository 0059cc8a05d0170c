from datetime import date

import pytest
from django.utils import translation

from indicators.models import Indicator
from objectives.calendar.mail import render
from objectives.calendar.models import Dependency
from objectives.calendar.reminders import reminders_due
from objectives.calendar.services import calendar_publish
from objectives.choices import ReminderKind as K

pytestmark = pytest.mark.django_db
CORP = "Subsecretaría Corporativa"


@pytest.fixture
def calendar(seed_plan, people, settings):
    settings.SITE_URL = "https://pep.entidad.gov.co"
    for name, user in people.items():
        user.email = f"{name}@entidad.gov.co"
        user.first_name, user.last_name = name.capitalize(), "Pérez"
        user.save()
    calendar_publish(user=people["planeacion"], plan=seed_plan, year=2024)
    Dependency.objects.create(name=CORP, head_name="Jefa Corporativa", head_email="j@e.gov.co")


def message(day, kind):
    return next(m for m in reminders_due(day) if m.kind == kind)


def test_a_reminder_lists_each_indicator_with_its_link_in_text_and_html(calendar, budget):
    with translation.override("en"):  # whatever the language of the run, mail goes in Spanish
        email = render(message(date(2025, 1, 13), K.ANTES))
    assert email.subject == (
        "PEP: su reporte del corte al 31 de diciembre de 2024 vence el 16 de enero de 2025 "
        "(3 indicadores)"
    )
    link = f"https://pep.entidad.gov.co/indicadores/{budget.pk}/reportes/2024/12/"
    assert email.text.startswith("Hola, Responsable Pérez:\n\nEl reporte vence pronto.")
    assert f"  - {budget.name}\n    sin reporte\n    {link}\n" in email.text
    assert "Corte al 31 de diciembre de 2024 · Plan Estratégico Institucional" in email.text
    assert f'<a href="{link}">{budget.name}</a>' in email.html
    assert "https://pep.entidad.gov.co/mi-trabajo/" in email.text


def test_a_hostile_indicator_name_is_escaped_in_html_and_plain_in_text(calendar, budget):
    Indicator.objects.filter(pk=budget.pk).update(name='<script>alert("x")</script>')
    email = render(message(date(2025, 1, 16), K.VENCE))
    assert "<script>" not in email.html and "&lt;script&gt;" in email.html
    assert '<script>alert("x")</script>' in email.text


def test_the_head_is_told_what_is_overdue_in_the_dependency(calendar):
    email = render(message(date(2025, 1, 20), K.ESCALAMIENTO))
    assert email.subject == f"PEP: reportes vencidos de {CORP} (3 indicadores)"
    assert email.text.startswith("Hola, Jefa Corporativa:\n\nEl reporte de estos indicadores")
    assert "usted figura como jefe de la dependencia" in email.html


def test_planning_reads_the_week_by_dependency(calendar):
    email = render(message(date(2024, 12, 30), K.RESUMEN))
    assert email.subject == "PEP: resumen semanal del corte al 31 de diciembre de 2024"
    assert f"  - {CORP}: 3 sin reporte, 0 devueltos, 0 por revisar, 0 aprobados\n" in email.text
    assert "https://pep.entidad.gov.co/pendientes/" in email.text
    assert "<th" in email.html and f'<td style="padding: 2px 8px;">{CORP}</td>' in email.html
