import json

from django.core.management.base import BaseCommand, CommandParser

from indicators.formatting import percent
from objectives.choices import Policy, Semaforo
from objectives.figures import compliance_json, light, plan_scores
from objectives.models import Plan


class Command(BaseCommand):
    help = "Muestra el cumplimiento de cada objetivo del plan en una vigencia."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--year", type=int, required=True, help="Vigencia (año)")
        parser.add_argument("--plan", type=int, help="Id del plan (por defecto, el más reciente)")
        parser.add_argument("--policy", choices=Policy.values, help="Política de agregación")
        parser.add_argument("--format", choices=["table", "json"], default="table")

    def handle(self, *args, year: int, plan: int | None, policy: str | None, **options) -> None:
        selected = Plan.objects.chosen(plan)
        if selected is None:
            self.stderr.write("Error: no hay ningún plan cargado con ese id.")
            raise SystemExit(1)
        if year not in selected.years:
            self.stderr.write(
                f"Error: la vigencia {year} está fuera del plan "
                f"({selected.first_year}–{selected.last_year})."
            )
            raise SystemExit(1)
        scores = plan_scores(selected, year, policy)
        if options["format"] == "json":
            self.stdout.write(json.dumps(compliance_json(scores), ensure_ascii=False, indent=2))
            return
        self.stdout.write(f"{selected.name} · vigencia {year} · política {scores.policy}")
        for objective, score in scores.objectives:
            self.stdout.write(
                f"Objetivo {objective.number}: {percent(score.compliance):>10}  "
                f"{Semaforo(light(selected, score.compliance)).label}"
            )
        self.stdout.write(f"Plan: {percent(scores.compliance):>10}")
