import secrets
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import BaseCommand

from objectives.models import Plan

DEMO_BOOK = Path(settings.BASE_DIR) / "fixtures" / "libro_seguimiento_2020.xlsx"


class Command(BaseCommand):
    help = (
        "Solo desarrollo: en una base nueva carga el libro 2020 y crea una cuenta local "
        "(imprime su clave una sola vez)."
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
        password = secrets.token_urlsafe(12)
        users.create_superuser("admin", "admin@example.invalid", password)
        self.stdout.write(
            self.style.WARNING(
                "Cuenta local creada (solo desarrollo; esta clave no se vuelve a mostrar):\n"
                f"  usuario: admin   clave: {password}"
            )
        )
