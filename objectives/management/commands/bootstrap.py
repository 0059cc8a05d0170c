import secrets
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.core.management.base import BaseCommand

from indicators import roles
from indicators.models import Assignment
from objectives.calendar.models import Dependency
from objectives.calendar.services import calendar_publish
from objectives.models import Plan

DEMO_BOOK = Path(settings.BASE_DIR) / "fixtures" / "libro_seguimiento_2020.xlsx"
# One demo account per role; the Responsable reports for the dependency the 2020 book names.
# The head told when the demo dependency's reports are overdue (send_reminders' escalation).
DEMO_HEAD = (
    "Subsecretaría Corporativa",
    "Jefe de la Subsecretaría",
    "jefe.corporativa@example.invalid",
)
DEMO_ACCOUNTS = [
    ("admin", roles.ADMINISTRADOR, []),
    ("planeacion", roles.PLANEACION, []),
    ("responsable", roles.RESPONSABLE, ["Subsecretaría Corporativa"]),
    ("directivo", roles.DIRECTIVO, []),
]


class Command(BaseCommand):
    help = (
        "Solo desarrollo: en una base nueva carga el libro 2020, crea una cuenta de prueba por "
        "rol (imprime sus claves una sola vez) y publica el calendario de reporte de la última "
        "vigencia del plan."
    )

    def handle(self, *args, **options) -> None:
        if not settings.DEBUG:
            self.stderr.write("bootstrap es solo para desarrollo (DEBUG=true): no hizo nada.")
            raise SystemExit(1)
        if not Plan.objects.exists():
            call_command("import_book", str(DEMO_BOOK), stdout=self.stdout, stderr=self.stderr)
        users = get_user_model().objects
        if users.exists():
            return
        lines = []
        accounts = {}
        for username, role, dependencies in DEMO_ACCOUNTS:
            password = secrets.token_urlsafe(12)
            user = users.create_user(
                username,
                f"{username}@example.invalid",
                password,
                is_staff=role == roles.ADMINISTRADOR,
                is_superuser=role == roles.ADMINISTRADOR,
            )
            user.groups.add(Group.objects.get(name=role))
            for dependency in dependencies:
                Assignment.objects.create(user=user, dependency=dependency)
            accounts[role] = user
            lines.append(f"  {role:<14} usuario: {username:<12} clave: {password}")
        self.stdout.write(
            self.style.WARNING(
                "Cuentas de prueba creadas (solo desarrollo; estas claves no se vuelven a "
                "mostrar):\n" + "\n".join(lines)
            )
        )
        self._publish_calendar(accounts[roles.PLANEACION])

    def _publish_calendar(self, planner) -> None:
        """The demo's last vigencia follows a calendar, so its windows, reminders and
        refusals can be tried (send_reminders --date 2024-12-24 --dry-run); the earlier ones
        stay open, like any historic vigencia."""
        plan = Plan.objects.first()
        calendar_publish(user=planner, plan=plan, year=plan.last_year)
        name, head, email = DEMO_HEAD
        Dependency.objects.get_or_create(
            name=name, defaults={"head_name": head, "head_email": email}
        )
        self.stdout.write(
            f"Calendario de reporte publicado para la vigencia {plan.last_year} "
            "(las anteriores se reportan sin ventanas)."
        )
