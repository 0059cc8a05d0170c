"""The calendar's work for the worker: sending a reminder (the slow, fallible part, kept out of
``send_reminders``, which only decides and claims)."""

from django.core.mail import EmailMultiAlternatives
from django.utils import timezone
from django_tasks import task

from objectives.calendar.models import Reminder


@task()
def send_email(*, run: str, recipient: str, to: str, subject: str, text: str, html: str) -> None:
    """Send one reminder and mark its claimed rows sent; a refusal of the mail server is kept
    on the rows (and the task fails, so the worker logs it)."""
    rows = Reminder.objects.filter(run=run, recipient=recipient)
    message = EmailMultiAlternatives(subject, text, to=[to])
    message.attach_alternative(html, "text/html")
    try:
        message.send()
    except Exception as error:
        rows.update(error=f"{type(error).__name__}: {error}"[:1000])
        raise
    rows.update(sent_at=timezone.now(), error="")
