"""Who is reminded of what on a day, with the 2020 book, its 2024 calendar published with the
default dates (the 31 December corte: opens 24 December, due 16 January 2025, locks 23
January) and the demo's Subsecretaría Corporativa, whose three indicators are unreported."""

from datetime import date
from decimal import Decimal as D

import pytest

from indicators.choices import Corte, ReportStatus
from indicators.models import Indicator, Report
from objectives.calendar.models import Dependency
from objectives.calendar.reminders import reminders_due
from objectives.calendar.services import calendar_publish
from objectives.choices import ReminderKind as K

pytestmark = pytest.mark.django_db
CORP = "Subsecretaría Corporativa"


@pytest.fixture
def calendar(seed_plan, people):
    for name, user in people.items():
        user.email = f"{name}@entidad.gov.co"
        user.save()
    calendar_publish(user=people["planeacion"], plan=seed_plan, year=2024)
    return seed_plan


def corp_indicators():
    return list(Indicator.objects.filter(dependency=CORP).order_by("code", "id"))


def report(indicator, status, note=""):
    return Report.objects.create(
        indicator=indicator,
        year=2024,
        corte=Corte.DICIEMBRE,
        executed=D(1),
        status=status,
        review_note=note,
    )


def responsable_message(day):
    messages = [m for m in reminders_due(day) if m.recipient == "responsable@entidad.gov.co"]
    return messages[0] if messages else None


@pytest.mark.parametrize(
    ("day", "kind"),
    [
        (date(2024, 12, 23), None),
        (date(2024, 12, 24), K.APERTURA),
        (date(2025, 1, 13), K.ANTES),
        (date(2025, 1, 16), K.VENCE),
        (date(2025, 1, 17), K.VENCIDO),
        (date(2025, 1, 21), K.VENCIDO),
        (date(2025, 1, 22), None),  # bounded: three overdue reminders at most
        (date(2025, 1, 23), None),  # locked
    ],
)
def test_the_responsable_is_reminded_before_on_and_after_the_due_date(calendar, day, kind):
    message = responsable_message(day)
    assert (message.kind if message else None) == kind
    if message:
        assert [i.indicator for i in message.items] == corp_indicators()
        assert {i.kind for i in message.items} == {kind}


def test_only_unreported_drafts_and_returned_indicators_are_listed(calendar):
    approved, sent, returned = corp_indicators()
    report(approved, ReportStatus.APROBADO)
    report(sent, ReportStatus.ENVIADO)
    report(returned, ReportStatus.DEVUELTO, note="Falta el acta")
    message = responsable_message(date(2025, 1, 16))
    assert [(i.indicator, i.returned) for i in message.items] == [(returned, True)]


def test_a_responsable_of_another_dependency_gets_nothing_for_these(calendar):
    recipients = {m.recipient for m in reminders_due(date(2025, 1, 16))}
    assert recipients == {"responsable@entidad.gov.co"}  # «Otra dependencia» has no indicator


def test_one_message_per_person_lists_all_their_items(calendar, people, seed_plan):
    messages = reminders_due(date(2025, 1, 16))
    mine = [m for m in messages if m.user == people["responsable"]]
    assert len(mine) == 1 and len(mine[0].items) == 3


def test_a_person_without_email_is_still_reminded_in_the_app(calendar, people):
    people["responsable"].email = ""
    people["responsable"].save()
    message = next(m for m in reminders_due(date(2025, 1, 16)) if m.user == people["responsable"])
    assert (message.recipient, message.email) == (f"usuario:{people['responsable'].pk}", "")


def test_an_inactive_account_is_not_reminded(calendar, people):
    people["responsable"].is_active = False
    people["responsable"].save()
    assert responsable_message(date(2025, 1, 16)) is None


def test_the_head_of_the_dependency_is_told_on_the_escalation_day(calendar):
    Dependency.objects.create(
        name=CORP, head_name="Jefa Corporativa", head_email="Jefa@Entidad.gov.co"
    )
    heads = [m for m in reminders_due(date(2025, 1, 20)) if m.kind == K.ESCALAMIENTO]
    assert [(m.recipient, m.email, m.name) for m in heads] == [
        ("jefa@entidad.gov.co", "Jefa@Entidad.gov.co", "Jefa Corporativa")
    ]
    assert [i.indicator for i in heads[0].items] == corp_indicators()
    assert not any(m.kind == K.ESCALAMIENTO for m in reminders_due(date(2025, 1, 17)))
    assert not any(m.kind == K.ESCALAMIENTO for m in reminders_due(date(2025, 1, 21)))


def test_a_dependency_without_a_head_escalates_to_nobody(calendar):
    Dependency.objects.create(name=CORP, head_name="Sin correo")
    assert not any(m.kind == K.ESCALAMIENTO for m in reminders_due(date(2025, 1, 20)))


def test_planning_gets_a_weekly_summary_by_dependency(calendar, people):
    approved, sent, returned = corp_indicators()
    report(approved, ReportStatus.APROBADO)
    report(sent, ReportStatus.ENVIADO)
    report(returned, ReportStatus.DEVUELTO)
    [summary] = [m for m in reminders_due(date(2024, 12, 30)) if m.kind == K.RESUMEN]
    assert summary.user == people["planeacion"]
    lines = {line.dependency: line for line in summary.summaries[0].lines}
    corp = lines[CORP]
    assert (corp.missing, corp.returned, corp.waiting, corp.approved) == (0, 1, 1, 1)
    assert sum(line.missing for line in lines.values()) == 11  # 14 programmed in 2024, 3 of CORP
    assert not any(m.kind == K.RESUMEN for m in reminders_due(date(2024, 12, 31)))


def test_nothing_is_due_for_a_vigencia_without_a_calendar(seed_plan, people):
    assert reminders_due(date(2024, 12, 24)) == []
    assert reminders_due(date(2025, 1, 16)) == []


def test_the_selection_costs_a_fixed_number_of_queries(calendar, django_assert_num_queries):
    # running windows; indicators, programming and reports of the corte; responsables,
    # heads, planning
    with django_assert_num_queries(7):
        reminders_due(date(2025, 1, 16))
