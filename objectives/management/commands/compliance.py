import json

from django.core.management.base import BaseCommand, CommandParser

from indicators.choices import Corte, Targets
from indicators.formatting import percent
from objectives.choices import Policy, Semaforo
from objectives.figures import Headlines, compliance_json, headlines, light, plan_scores
from objectives.models import Closure, Plan
from objectives.on_track import PlanOnTrack, on_track_json, on_track_lines, plan_on_track


class Command(BaseCommand):
    help = (
        "Muestra el cumplimiento de cada objetivo del plan en una vigencia. Una vigencia cerrada "
        "muestra sus cifras oficiales (las del cierre); las de los datos actuales, como nota."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--year", type=int, required=True, help="Vigencia (año)")
        parser.add_argument("--plan", type=int, help="Id del plan (por defecto, el más reciente)")
        parser.add_argument("--policy", choices=Policy.values, help="Política de agregación")
        parser.add_argument(
            "--corte",
            type=int,
            choices=Corte.values,
            help="Mes del corte (3, 6, 9, 12): ¿vamos bien? frente a lo esperado a esa fecha",
        )
        parser.add_argument("--format", choices=["table", "json"], default="table")
        parser.add_argument(
            "--targets",
            choices=["current", "original"],
            default="current",
            help="Metas vigentes (por defecto) u originales, antes de toda reprogramación",
        )

    def handle(
        self, *args, year: int, plan: int | None, policy: str | None, corte: int | None, **options
    ) -> None:
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
        if corte is not None:
            self.on_track(plan_on_track(selected, year, corte, policy), options["format"])
            return
        targets = Targets.ORIGINAL if options["targets"] == "original" else Targets.CURRENT
        scores = plan_scores(selected, year, policy, targets=targets)
        closure = Closure.objects.closed().filter(plan=selected, year=year).first()
        official = (
            closure if (scores.policy, targets) == (selected.policy, Targets.CURRENT) else None
        )
        shown = headlines(official, scores.objectives)
        if options["format"] == "json":
            data = official_json(shown) if official else compliance_json(scores)
            self.stdout.write(json.dumps(data, ensure_ascii=False, indent=2))
            return
        against = f" · {targets.label}" if targets == Targets.ORIGINAL else ""
        self.stdout.write(f"{selected.name} · vigencia {year} · política {scores.policy}{against}")
        for objective, _ in scores.objectives:
            value = shown.objectives[objective.number].compliance
            self.stdout.write(
                f"Objetivo {objective.number}: {percent(value):>10}  "
                f"{Semaforo(light(selected, value)).label}"
            )
        self.stdout.write(f"Plan: {percent(shown.plan.compliance):>10}")
        for line in closed_notes(shown, closure, scores.policy):
            self.stdout.write(line)

    def on_track(self, result: PlanOnTrack, output: str) -> None:
        if output == "json":
            self.stdout.write(json.dumps(on_track_json(result), ensure_ascii=False, indent=2))
            return
        for line in on_track_lines(result):
            self.stdout.write(line)


def official_json(shown: Headlines) -> dict:
    """A closed vigencia's snapshot, as frozen, saying it is official and what live data
    would give where they differ."""
    differences = [
        {"number": number, "official": _float(h.compliance), "live": _float(h.live)}
        for number, h in shown.objectives.items()
        if h.differs
    ]
    return shown.closure.snapshot | {
        "official": True,
        "closed_at": shown.closure.closed_at.isoformat(),
        "live_differences": differences,
    }


def closed_notes(shown: Headlines, closure: Closure | None, policy: str) -> list[str]:
    """What the table says under the figures of a closed vigencia."""
    if closure is None:
        return []
    if shown.closure is None:
        return [
            f"Nota: la vigencia {closure.year} está cerrada; sus cifras oficiales son las de la "
            f"política {closure.plan.policy}, no las de «{policy}» que se muestran."
        ]
    lines = [f"Vigencia cerrada el {closure.closed_at:%d/%m/%Y}: estas son sus cifras oficiales."]
    lines += [
        f"Nota: con los datos actuales, el objetivo {number} daría {percent(h.live)}."
        for number, h in shown.objectives.items()
        if h.differs
    ]
    return lines


def _float(value) -> float | None:
    return None if value is None else float(value)
