import re

from django.core.management.base import BaseCommand, CommandError, CommandParser

from objectives.models import Weight
from objectives.synthetic import plan_generate


def years(text: str) -> tuple[int, int]:
    match = re.fullmatch(r"(\d{4})-(\d{4})", text)
    if not match or int(match.group(1)) > int(match.group(2)):
        raise CommandError(f"--vigencias debe ser un rango como 2020-2024, no «{text}».")
    return int(match.group(1)), int(match.group(2))


class Command(BaseCommand):
    help = (
        "Genera un plan sintético (anualizaciones, unidades, N/A, sobre-ejecución, reportes "
        "aprobados en cada corte) e imprime al final la URL de su tablero."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--objectives", type=int, required=True, help="Número de objetivos")
        parser.add_argument(
            "--indicators", type=int, required=True, help="Vínculos indicador–objetivo en total"
        )
        parser.add_argument("--vigencias", default="2020-2024", help="Rango, p. ej. 2020-2024")
        parser.add_argument("--seed", type=int, default=1, help="Semilla (mismo plan cada vez)")

    def handle(self, *args, objectives: int, indicators: int, vigencias: str, seed: int, **kw):
        if objectives < 1 or indicators < objectives:
            raise CommandError("Se necesita al menos un objetivo y un indicador por objetivo.")
        first, last = years(vigencias)
        plan = plan_generate(
            objectives=objectives, links=indicators, first_year=first, last_year=last, seed=seed
        )
        links = Weight.objects.filter(objective__plan=plan).count()
        self.stdout.write(f"Plan «{plan.name}»: {objectives} objetivos, {links} vínculos.")
        self.stdout.write(f"/?plan={plan.pk}&vigencia={last}")
