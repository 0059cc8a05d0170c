import threading
from datetime import date, timedelta

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.utils import timezone

from objectives.calendar import tasks
from objectives.calendar.models import Reminder, Reopening, ReportingWindow
from objectives.calendar.services import (
    calendar_publish,
    reminders_send,
    reopening_create,
    window_save,
)
from objectives.choices import ReminderKind as K

pytestmark = pytest.mark.django_db
CORP = "Subsecretaría Corporativa"


def test_publishing_gives_the_vigencia_its_four_windows_with_the_default_dates(seed_plan, people):
    calendar_publish(user=people["planeacion"], plan=seed_plan, year=2024)
    windows = {w.corte: w.dates for w in ReportingWindow.objects.all()}
    assert sorted(windows) == [3, 6, 9, 12]
    assert (windows[9].opens_on, windows[9].due_on, windows[9].locks_on) == (
        date(2024, 9, 23),
        date(2024, 10, 15),  # Monday 14 October is Día de la Raza (ley Emiliani)
        date(2024, 10, 22),
    )
    record = ReportingWindow.history.filter(corte=12).get()
    assert record.history_user == people["planeacion"]
    assert record.history_change_reason == "Calendario publicado con las fechas por defecto"


def test_a_calendar_is_published_once(seed_plan, people):
    calendar_publish(user=people["planeacion"], plan=seed_plan, year=2024)
    with pytest.raises(ValidationError) as refused:
        calendar_publish(user=people["admin"], plan=seed_plan, year=2024)
    assert refused.value.messages == ["El calendario de la vigencia 2024 ya está publicado."]
    assert ReportingWindow.objects.count() == 4


def test_only_planning_publishes_and_only_the_plans_vigencias(seed_plan, people):
    for who in ("responsable", "directivo"):
        with pytest.raises(PermissionDenied):
            calendar_publish(user=people[who], plan=seed_plan, year=2024)
    with pytest.raises(ValidationError, match="La vigencia 2025 no pertenece al plan"):
        calendar_publish(user=people["planeacion"], plan=seed_plan, year=2025)
    assert not ReportingWindow.objects.exists()


@pytest.fixture
def december(seed_plan, people):
    calendar_publish(user=people["planeacion"], plan=seed_plan, year=2024)
    return ReportingWindow.objects.get(corte=12)


def change(user, window, reason="Comité del 20 de enero", **dates):
    values = {"opens_on": window.opens_on, "due_on": window.due_on, "locks_on": window.locks_on}
    return window_save(
        user=user, window=window, reason=reason, version=window.version, **(values | dates)
    )


def test_planning_changes_a_window_with_a_reason_kept_in_the_history(december, people):
    saved = change(people["planeacion"], december, due_on=date(2025, 1, 20))
    assert (saved.due_on, saved.version) == (date(2025, 1, 20), 2)
    last = ReportingWindow.history.filter(id=december.pk).first()
    assert (last.history_user, last.history_change_reason) == (
        people["planeacion"],
        "Comité del 20 de enero",
    )


def test_a_window_change_needs_a_reason_dates_in_order_and_the_current_version(december, people):
    with pytest.raises(ValidationError, match="Escriba el motivo del cambio"):
        change(people["planeacion"], december, reason=" ")
    with pytest.raises(ValidationError, match="abre ≤ vence < se bloquea"):
        change(people["planeacion"], december, locks_on=december.due_on)
    change(people["planeacion"], december, due_on=date(2025, 1, 20))
    with pytest.raises(ValidationError, match="Otra persona cambió estas fechas"):
        change(people["admin"], december, due_on=date(2025, 1, 21))  # the version it read is 1
    with pytest.raises(PermissionDenied):
        change(people["responsable"], december)
    december.refresh_from_db()
    assert december.due_on == date(2025, 1, 20)


def test_a_reopening_names_a_dependency_or_an_indicator_with_a_reason(december, people, budget):
    until = timezone.localdate() + timedelta(days=3)
    planner = people["planeacion"]
    reopened = reopening_create(
        user=planner, window=december, dependency=CORP, until=until, reason="Acta tardía "
    )
    assert (reopened.reason, reopened.created_by) == ("Acta tardía", planner)
    assert Reopening.history.get().history_change_reason == "Acta tardía"
    with pytest.raises(ValidationError, match="Elija una dependencia o un indicador"):
        reopening_create(
            user=planner,
            window=december,
            dependency=CORP,
            indicator=budget,
            until=until,
            reason="x",
        )
    with pytest.raises(ValidationError, match="Escriba por qué se reabre el corte"):
        reopening_create(user=planner, window=december, indicator=budget, until=until, reason="")
    with pytest.raises(ValidationError, match="al menos hasta hoy"):
        reopening_create(
            user=planner,
            window=december,
            indicator=budget,
            until=timezone.localdate() - timedelta(days=1),
            reason="x",
        )
    with pytest.raises(PermissionDenied):
        reopening_create(
            user=people["responsable"], window=december, dependency=CORP, until=until, reason="x"
        )
    assert Reopening.objects.count() == 1


@pytest.fixture
def with_emails(people):
    for name, user in people.items():
        user.email = f"{name}@entidad.gov.co"
        user.save()
    return people


def test_reminders_are_claimed_then_sent_in_spanish_text_and_html(december, with_emails):
    sent = reminders_send(day=date(2025, 1, 16))
    assert [(m.recipient, m.kind) for m in sent] == [("responsable@entidad.gov.co", K.VENCE)]
    [email] = mail.outbox
    assert email.to == ["responsable@entidad.gov.co"]
    assert email.subject == (
        "PEP: su reporte del corte al 31 de diciembre de 2024 vence hoy (3 indicadores)"
    )
    assert "Estos indicadores siguen sin reporte o le fueron devueltos:" in email.body
    html, mimetype = email.alternatives[0]
    assert mimetype == "text/html" and "<a href=" in html
    rows = Reminder.objects.filter(recipient="responsable@entidad.gov.co")
    assert rows.count() == 3 and all(r.sent_at and r.kind == K.VENCE for r in rows)


def test_a_second_run_the_same_day_sends_nothing_again(december, with_emails):
    first = reminders_send(day=date(2025, 1, 16))
    second = reminders_send(day=date(2025, 1, 16))
    assert (len(first), second, len(mail.outbox)) == (1, [], 1)
    assert reminders_send(day=date(2025, 1, 17), dry_run=True)  # the next day is another day


def test_a_dry_run_writes_and_sends_nothing(december, with_emails):
    assert len(reminders_send(day=date(2025, 1, 16), dry_run=True)) == 1
    assert (Reminder.objects.count(), len(mail.outbox)) == (0, 0)


def test_a_claim_taken_by_another_run_is_left_out_of_this_runs_message(december, with_emails):
    from objectives.calendar.reminders import reminders_due

    [message] = reminders_due(date(2025, 1, 16))
    first = message.items[0]
    Reminder.objects.create(  # another worker claimed the first item a moment ago
        recipient=message.recipient,
        user=message.user,
        kind=K.VENCE,
        item=first.key,
        day=date(2025, 1, 16),
        window=first.window,
        indicator=first.indicator,
        run="00000000-0000-0000-0000-000000000001",
    )
    [sent] = reminders_send(day=date(2025, 1, 16))
    assert first.indicator not in [i.indicator for i in sent.items]
    assert len(sent.items) == 2


def test_a_refused_message_keeps_the_error_on_its_rows(december, with_emails, monkeypatch):
    def refuse(self, fail_silently=False):
        raise ConnectionRefusedError(111, "Connection refused")

    monkeypatch.setattr(tasks.EmailMultiAlternatives, "send", refuse)
    reminders_send(day=date(2025, 1, 16))
    rows = Reminder.objects.all()
    assert rows.count() == 3
    assert {(r.sent_at, r.error) for r in rows} == {
        (None, "ConnectionRefusedError: [Errno 111] Connection refused")
    }
    assert reminders_send(day=date(2025, 1, 16)) == []  # claimed: not sent twice either


@pytest.mark.django_db(transaction=True)
def test_two_workers_running_the_same_day_send_each_reminder_once(seed_plan, people):
    for name, user in people.items():
        user.email = f"{name}@entidad.gov.co"
        user.save()
    calendar_publish(user=people["planeacion"], plan=seed_plan, year=2024)
    barrier, results = threading.Barrier(4), []

    def run():
        barrier.wait()
        try:
            results.append(reminders_send(day=date(2025, 1, 16)))
        finally:
            connection.close()

    threads = [threading.Thread(target=run) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    items = sorted(i.indicator.pk for messages in results for m in messages for i in m.items)
    assert len(results) == 4
    assert items == sorted(set(items)) and len(items) == 3
    assert Reminder.objects.count() == 3
    assert len(mail.outbox) == sum(len(messages) for messages in results)
