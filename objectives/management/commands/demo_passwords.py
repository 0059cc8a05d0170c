from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand

from objectives.management.commands.bootstrap import (
    DEMO_ACCOUNTS,
    only_in_development,
    password_line,
)


class Command(BaseCommand):
    name = "demo_passwords"
    help = (
        "Solo desarrollo: da claves nuevas a las cuentas de prueba (admin, planeacion…) y las "
        "imprime."
    )

    def handle(self, *args, **options) -> None:
        only_in_development(self)
        users = {user.get_username(): user for user in get_user_model().objects.all()}
        lines = [
            password_line(users[username], role)
            for username, role, _ in DEMO_ACCOUNTS
            if username in users
        ]
        if not lines:
            self.stderr.write("No hay cuentas de prueba: corra `make run` (o `bootstrap`) primero.")
            raise SystemExit(1)
        self.stdout.write(
            self.style.WARNING("Claves nuevas (solo desarrollo):\n" + "\n".join(lines))
        )
