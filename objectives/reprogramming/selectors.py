"""Reads of the reprogramming pages: a proposal with its old → new targets and its effect on
the objectives' figures, the indicator's timeline of versions, and the proposals pending."""

from dataclasses import dataclass, replace
from decimal import Decimal

from django.utils.translation import gettext as _

from indicators import roles
from indicators.choices import VersionStatus
from indicators.models import Indicator
from indicators.roles import User
from indicators.targets import TargetVersion
from objectives.figures import ObjectiveFigures, objectives_figures
from objectives.models import Closure, Objective, Plan
from objectives.reprogramming.services import Targets, changed_years, current_targets


@dataclass(frozen=True)
class TargetChange:
    label: str
    old: Decimal | None
    new: Decimal | None


@dataclass(frozen=True)
class Effect:
    """An objective's figure in a vigencia with the targets in force and with the proposed."""

    objective: Objective
    year: int
    before: Decimal | None
    after: Decimal | None


@dataclass(frozen=True)
class ProposalPage:
    version: TargetVersion
    indicator: Indicator
    changes: list[TargetChange]
    effects: list[Effect]
    may_decide: bool
    own: bool  # the reader proposed it: four eyes keep them from deciding


def proposal_page(version_id: int, user: User) -> ProposalPage | None:
    """A reprogramming with what it changes and its effect on each objective the indicator
    feeds, in the vigencias it touches (with the plan's policy): seven queries."""
    version = (
        TargetVersion.objects.select_related("indicator", "proposed_by", "approved_by")
        .filter(pk=version_id)
        .first()
    )
    if version is None:
        return None
    indicator = version.indicator
    before = current_targets(indicator)
    if version.status != VersionStatus.PROPUESTA:
        before = _previous(version)
    after = Targets(version.programmed, version.baseline, version.stated_total)
    objectives = list(Objective.objects.filter(weights__indicator=indicator).select_related("plan"))
    own = version.proposed_by_id == user.pk
    return ProposalPage(
        version=version,
        indicator=indicator,
        changes=target_changes(before, after),
        effects=_effects(objectives, indicator.pk, before, after),
        may_decide=version.status == VersionStatus.PROPUESTA and roles.is_admin(user) and not own,
        own=own,
    )


def _previous(version: TargetVersion) -> Targets:
    """What a decided version replaced: the version before it (the original's own targets
    for the original)."""
    earlier = (
        TargetVersion.objects.filter(
            indicator=version.indicator_id,
            number__lt=version.number,
            status=VersionStatus.APROBADA,
        )
        .order_by("-number")
        .first()
    ) or version
    return Targets(earlier.programmed, earlier.baseline, earlier.stated_total)


def target_changes(before: Targets, after: Targets) -> list[TargetChange]:
    """Each target that differs, old → new."""
    years = sorted(set(before.programming) | set(after.programming))
    changes = [
        TargetChange(
            _("Programación %(year)s") % {"year": year},
            before.programming.get(year),
            after.programming.get(year),
        )
        for year in years
        if before.programming.get(year) != after.programming.get(year)
    ]
    if before.baseline != after.baseline:
        changes.append(TargetChange(_("Línea base"), before.baseline, after.baseline))
    if before.stated_total != after.stated_total:
        changes.append(
            TargetChange(_("Programación total"), before.stated_total, after.stated_total)
        )
    return changes


def _effects(
    objectives: list[Objective], indicator_id: int, before: Targets, after: Targets
) -> list[Effect]:
    effects = []
    for figures in objectives_figures(objectives):
        plan = figures.objective.plan
        proposed = _with_targets(figures, indicator_id, after)
        current = _with_targets(figures, indicator_id, before)
        for year in changed_years(before, after, plan.years):
            if year not in plan.years:
                continue
            effects.append(
                Effect(
                    figures.objective,
                    year,
                    current.score(year, plan.policy).compliance,
                    proposed.score(year, plan.policy).compliance,
                )
            )
    return effects


def _with_targets(figures: ObjectiveFigures, indicator_id: int, targets: Targets):
    """The objective's figures with the indicator's targets replaced."""
    links = tuple(
        replace(
            lf,
            series=replace(lf.series, programmed=targets.programming, baseline=targets.baseline),
        )
        if lf.weight.indicator_id == indicator_id
        else lf
        for lf in figures.links
    )
    return replace(figures, links=links)


@dataclass(frozen=True)
class VersionRow:
    version: TargetVersion
    label: str
    programming: list[tuple[int, Decimal]]


def version_rows(versions: list[TargetVersion]) -> list[VersionRow]:
    """The indicator's timeline: the original, then each reprogramming with its act."""
    return [
        VersionRow(
            version,
            _("Metas originales")
            if version.number == 1
            else _("Reprogramación %(number)s") % {"number": version.number - 1},
            sorted(version.programmed.items()),
        )
        for version in versions
    ]


def pending_proposals(plan: Plan) -> list[TargetVersion]:
    """The reprogrammings waiting for an Administrador, oldest first: one query."""
    return list(
        TargetVersion.objects.filter(
            status=VersionStatus.PROPUESTA, indicator__weights__objective__plan=plan
        )
        .select_related("indicator", "proposed_by")
        .distinct()
        .order_by("proposed_at")
    )


def closed_years(plan_ids) -> set[int]:
    return Closure.objects.closed().filter(plan__in=plan_ids).years()
