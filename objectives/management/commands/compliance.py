import json
from decimal import Decimal

from django.core.management.base import BaseCommand, CommandParser

from indicators.formatting import percent, round_half_up
from objectives.choices import Policy, Semaforo
from objectives.models import Plan
from objectives.scoring import semaforo
from objectives.selectors import PlanScores, plan_scores


def _json_number(value: Decimal | None) -> float | None:
    return None if value is None else float(round_half_up(value))


def as_json(scores: PlanScores) -> dict:
    """Percentages in points, rounded half-up to 2 decimals; N/A progress is null."""
    return {
        "plan": scores.plan.name,
        "plan_id": scores.plan.pk,
        "year": scores.year,
        "policy": scores.policy,
        "plan_compliance": _json_number(scores.compliance),
        "objectives": [
            {
                "number": objective.number,
                "name": objective.statement,
                "compliance": _json_number(score.compliance),
                "indicators": [
                    {
                        "code": line.link.code or None,
                        "name": line.link.name,
                        "weight": _json_number(line.weight),
                        "progress": _json_number(
                            None if line.progress is None else line.progress * 100
                        ),
                        "contribution": _json_number(line.contribution),
                    }
                    for line in score.lines
                ],
            }
            for objective, score in scores.objectives
        ],
    }


class Command(BaseCommand):
    help = "Muestra el cumplimiento de cada objetivo del plan en una vigencia."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--year", type=int, required=True, help="Vigencia (año)")
        parser.add_argument("--plan", type=int, help="Id del plan (por defecto, el más reciente)")
        parser.add_argument("--policy", choices=Policy.values, help="Política de agregación")
        parser.add_argument("--format", choices=["table", "json"], default="table")

    def handle(self, *args, year: int, plan: int | None, policy: str | None, **options) -> None:
        plans = Plan.objects.all()
        selected = plans.filter(pk=plan).first() if plan else plans.first()
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
            self.stdout.write(json.dumps(as_json(scores), ensure_ascii=False, indent=2))
            return
        self.stdout.write(f"{selected.name} · vigencia {year} · política {scores.policy}")
        for objective, score in scores.objectives:
            light = semaforo(
                score.compliance, selected.red_max, selected.yellow_max, selected.green_max
            )
            self.stdout.write(
                f"Objetivo {objective.number}: {percent(score.compliance):>10}  "
                f"{Semaforo(light).label}"
            )
        self.stdout.write(f"Plan: {percent(scores.compliance):>10}")
