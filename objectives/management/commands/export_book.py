from pathlib import Path

from django.core.management.base import BaseCommand, CommandParser

from objectives.book.writer import plan_book
from objectives.models import Plan


class Command(BaseCommand):
    help = "Exporta un plan como libro de seguimiento (.xlsx), en el formato que lee import_book."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path", type=Path, help="Ruta del libro .xlsx a escribir")
        parser.add_argument("--plan", type=int, help="Id del plan (por defecto, el más reciente)")

    def handle(self, *args, path: Path, plan: int | None, **options) -> None:
        selected = Plan.objects.chosen(plan)
        if selected is None:
            self.stderr.write("Error: no hay ningún plan cargado con ese id.")
            raise SystemExit(1)
        try:
            plan_book(selected).save(path)
        except OSError as error:
            self.stderr.write(f"Error: no se pudo escribir «{path}»: {error.strerror}.")
            raise SystemExit(1) from None
        self.stdout.write(f"Libro exportado: {path}")
