"""Data quality (calidad): every check of the book import, recomputed from the current data,
in a fixed number of queries."""

from dataclasses import dataclass

from indicators.checks import figure_findings, inferred_annualization_finding
from indicators.models import Indicator
from objectives.checks import published_compliance_finding, repeated_statements, weights_finding
from objectives.choices import Policy
from objectives.figures import plan_figures
from objectives.models import Objective, Plan, PublishedCompliance


@dataclass(frozen=True)
class QualityItem:
    message: str
    indicator: Indicator | None = None
    objective: Objective | None = None
    inferred_annualization: bool = False  # Planeación may confirm or change it


def _objective_items(plan: Plan, figures: list) -> list[QualityItem]:
    """Weights that do not add up to 100, and the book's own objective figures («Avance
    vigencia») more than 0,01 away from the ones computed with the book's method."""
    published: dict[int, list[PublishedCompliance]] = {}
    for figure in PublishedCompliance.objects.filter(objective__plan=plan).order_by("year"):
        published.setdefault(figure.objective_id, []).append(figure)
    items = []
    for f in figures:
        number = f.objective.number
        messages = [weights_finding(number, (lf.weight.weight for lf in f.links))]
        messages += [
            published_compliance_finding(
                number, p.year, p.compliance, f.score(p.year, Policy.LIBRO).compliance
            )
            for p in published.get(f.objective.pk, [])
        ]
        items += [QualityItem(m, objective=f.objective) for m in messages if m]
    return items


def data_quality(plan: Plan, *, read=plan_figures) -> list[QualityItem]:
    """Every check of the book import, recomputed from the current data: six queries."""
    figures = read(plan)
    items = _objective_items(plan, figures)
    seen: dict[int, Indicator] = {}
    for f in figures:
        for lf in f.links:
            indicator = lf.weight.indicator
            if indicator.pk in seen:
                continue
            seen[indicator.pk] = indicator
            findings = figure_findings(lf.series, indicator.stated_total, lf.figures.published)
            if indicator.annualization_inferred:
                findings.append(inferred_annualization_finding(indicator.annualization))
            items.extend(
                QualityItem(x.message, indicator, inferred_annualization=x.key == "annualization")
                for x in findings
            )
    goals = {i.goal_id: (i, i.goal) for i in seen.values()}
    repeated = repeated_statements(
        (goal_id, goal.code, goal.statement) for goal_id, (_, goal) in goals.items()
    )
    items.extend(QualityItem(message, indicator=goals[gid][0]) for gid, message in repeated.items())
    return items
