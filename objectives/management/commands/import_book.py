from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandParser

from objectives.book.importer import BookError, book_import
from objectives.book.reader import read_book


class Command(BaseCommand):
    help = "Importa un libro de seguimiento (.xlsx): todo o nada, en una sola transacción."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path", type=Path, help="Ruta del libro .xlsx")
        parser.add_argument(
            "--dry-run", action="store_true", help="Revisa e informa sin escribir nada."
        )

    def handle(self, *args, path: Path, dry_run: bool, **options) -> None:
        if not path.is_file():
            self.stderr.write(f"Error: no existe el archivo «{path}».")
            raise SystemExit(1)
        book = read_book(path)
        for problem in book.warnings:
            self.stdout.write(str(problem))
        if book.errors:
            for problem in book.errors:
                self.stderr.write(str(problem))
            self.stderr.write(
                f"El libro tiene {len(book.errors)} error(es): no se escribió nada. "
                "Corríjalos y vuelva a importarlo."
            )
            raise SystemExit(1)
        try:
            result = book_import(book=book, dry_run=dry_run)
        except ValidationError as error:
            for message in error.messages:
                self.stderr.write(f"Error: {message}")
            self.stderr.write("El libro no pasó la validación: no se escribió nada.")
            raise SystemExit(1) from None
        except BookError as error:
            self.stderr.write(f"Error: {error}")
            raise SystemExit(1) from None
        for line in result.lines():
            self.stdout.write(line)
        if dry_run:
            self.stdout.write("Simulación (--dry-run): no se escribió nada.")
        elif result.changed:
            self.stdout.write(self.style.SUCCESS(f"Libro importado: «{path.name}»."))
        else:
            self.stdout.write("Sin cambios: la base ya tenía exactamente este libro.")
