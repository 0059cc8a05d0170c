from datetime import date

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from indicators.formatting import long_date
from objectives.calendar.mail import dry_run_lines
from objectives.calendar.services import reminders_send


def _day(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise CommandError(
            f"«{text}» no es una fecha AAAA-MM-DD (por ejemplo 2024-12-24)."
        ) from None


class Command(BaseCommand):
    help = (
        "Envía los recordatorios del día: a los responsables (antes, el día y después del "
        "vencimiento), a los jefes de dependencia (escalamiento) y a Planeación (resumen "
        "semanal). Correrlo dos veces el mismo día no repite nada."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--date", type=_day, help="El día de los recordatorios, AAAA-MM-DD (por defecto, hoy)"
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="Solo muestra quién recibiría qué; no envía"
        )

    def handle(self, *args, date: date | None, dry_run: bool, **options) -> None:
        day = date or timezone.localdate()
        messages = reminders_send(day=day, dry_run=dry_run)
        count = len(messages)
        if dry_run:
            said = "1 mensaje se enviaría" if count == 1 else f"{count} mensajes se enviarían"
        else:
            said = "1 mensaje enviado" if count == 1 else f"{count} mensajes enviados"
        self.stdout.write(f"Recordatorios del {long_date(day)}: {said}.")
        for message in messages:
            self.stdout.write("\n".join(dry_run_lines(message)))
