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
from objectives.models import Plan

DEMO_BOOK = Path(settings.BASE_DIR) / "fixtures" / "libro_seguimiento_2020.xlsx"
# One demo account per role; the Responsable reports for the dependency the 2020 book names.
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
        "Solo desarrollo: en una base nueva carga el libro 2020 y crea una cuenta de prueba por "
        "rol (imprime sus claves una sola vez; demo_passwords da claves nuevas)."
    )

    def handle(self, *args, **options) -> None:
        only_in_development(self)
        warnings = self._load_book() if not Plan.objects.exists() else []
        users = get_user_model().objects
        if not users.exists():
            self._create_accounts(users)
        if warnings:
            self._summary(warnings)

    def _load_book(self) -> list[str]:
        book = read_book(DEMO_BOOK)
        book_import(book=book)
        self.stdout.write(self.style.SUCCESS(f"Libro de demostración cargado: «{DEMO_BOOK.name}»."))
        return [problem.message for problem in book.warnings]

    def _create_accounts(self, users) -> None:
        lines = []
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
            lines.append(password_line(user, role))
        self.stdout.write(
            self.style.WARNING(
                "Cuentas de prueba creadas (solo desarrollo; estas claves no se vuelven a "
                "mostrar: `python manage.py demo_passwords` da otras):\n" + "\n".join(lines)
            )
        )

    def _summary(self, warnings: list[str]) -> None:
        lines = [f"  {count} × {example}" for count, example in warning_kinds(warnings)]
        self.stdout.write(
            f"El libro trae {len(warnings)} advertencias, esperadas: son defectos del libro "
            "original que PEP señala, no errores de la carga.\n"
            + "\n".join(lines)
            + "\nVéalas, cada una con su indicador, en http://127.0.0.1:8000/calidad/"
        )
