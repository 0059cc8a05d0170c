import secrets
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.core.management.base import BaseCommand

from indicators import roles
from indicators.models import Assignment
from objectives.models import Plan

DEMO_BOOK = Path(settings.BASE_DIR) / "fixtures" / "libro_seguimiento_2020.xlsx"
# One demo account per role; the Responsable reports for the dependency the 2020 book names.
DEMO_ACCOUNTS = [
    ("admin", roles.ADMINISTRADOR, []),
    ("planeacion", roles.PLANEACION, []),
    ("responsable", roles.RESPONSABLE, ["Subsecretaría Corporativa"]),
    ("directivo", roles.DIRECTIVO, []),
]


class Command(BaseCommand):
    help = (
        "Solo desarrollo: en una base nueva carga el libro 2020 y crea una cuenta de prueba por "
        "rol (imprime sus claves una sola vez)."
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
            lines.append(f"  {role:<14} usuario: {username:<12} clave: {password}")
        self.stdout.write(
            self.style.WARNING(
                "Cuentas de prueba creadas (solo desarrollo; estas claves no se vuelven a "
                "mostrar):\n" + "\n".join(lines)
            )
        )
