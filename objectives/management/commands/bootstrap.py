import re
import secrets
from collections import Counter
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand

from indicators import roles
from indicators.models import Assignment
from objectives.book.importer import book_import
from objectives.book.reader import read_book
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
# What varies inside one kind of warning: a quoted value or a figure.
VARIES = re.compile(r"«[^»]*»|\d[\d.,]*( ?%)?")


def only_in_development(command: BaseCommand) -> None:
    if not settings.DEBUG:
        command.stderr.write(f"{command.name} es solo para desarrollo (DEBUG=true): no hizo nada.")
        raise SystemExit(1)


def password_line(user, role: str) -> str:
    """A new random password for ``user``, and the line that shows it once."""
    password = secrets.token_urlsafe(12)
    user.set_password(password)
    user.save(update_fields=["password"])
    return f"  {role:<14} usuario: {user.get_username():<12} clave: {password}"


def warning_kinds(messages: list[str]) -> list[tuple[int, str]]:
    """The book's warnings by kind, most frequent first: (how many, one of them)."""
    kinds = Counter(VARIES.sub("…", message) for message in messages)
    examples = {VARIES.sub("…", message): message for message in reversed(messages)}
    return [(count, examples[kind]) for kind, count in kinds.most_common()]


class Command(BaseCommand):
    name = "bootstrap"
    help = (
        "Solo desarrollo: en una base nueva carga el libro 2020, crea una cuenta de prueba por "
        "rol (imprime sus claves una sola vez; demo_passwords da claves nuevas) y publica el "
        "calendario de reporte de la última vigencia del plan."
    )

    def handle(self, *args, **options) -> None:
        only_in_development(self)
        warnings = self._load_book() if not Plan.objects.exists() else []
        users = get_user_model().objects
        if not users.exists():
            accounts = self._create_accounts(users)
            self._publish_calendar(accounts[roles.PLANEACION])
        if warnings:
            self._summary(warnings)

    def _load_book(self) -> list[str]:
        book = read_book(DEMO_BOOK)
        book_import(book=book)
        self.stdout.write(self.style.SUCCESS(f"Libro de demostración cargado: «{DEMO_BOOK.name}»."))
        return [problem.message for problem in book.warnings]

    def _create_accounts(self, users) -> dict:
        lines, accounts = [], {}
        for username, role, dependencies in DEMO_ACCOUNTS:
            user = users.create_user(
                username,
                f"{username}@example.invalid",
                is_staff=role == roles.ADMINISTRADOR,
                is_superuser=role == roles.ADMINISTRADOR,
            )
            user.groups.add(Group.objects.get(name=role))
            for dependency in dependencies:
                Assignment.objects.create(user=user, dependency=dependency)
            accounts[role] = user
            lines.append(password_line(user, role))
        self.stdout.write(
            self.style.WARNING(
                "Cuentas de prueba creadas (solo desarrollo; estas claves no se vuelven a "
                "mostrar: `python manage.py demo_passwords` da otras):\n" + "\n".join(lines)
            )
        )
        return accounts

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

    def _summary(self, warnings: list[str]) -> None:
        lines = [f"  {count} × {example}" for count, example in warning_kinds(warnings)]
        self.stdout.write(
            f"El libro trae {len(warnings)} advertencias, esperadas: son defectos del libro "
            "original que PEP señala, no errores de la carga.\n"
            + "\n".join(lines)
            + "\nVéalas, cada una con su indicador, en http://127.0.0.1:8000/calidad/"
        )
