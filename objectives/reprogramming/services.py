"""Reprogramming an indicator's targets: the programming of some vigencias, the stated total or
the baseline change through an act, as a new ``TargetVersion``; the original stays.

On a vigencia that already has approved reports the change is a proposal: Planeación
proposes, an Administrador approves it, never the person who proposed it (four eyes, as for
reports). Elsewhere the change takes effect at once, approved by the person who made it. A
closed vigencia's targets never change. Each write is atomic and locks the plans the
indicator feeds first (``objectives.locking``).
"""

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from indicators import roles
from indicators.choices import VersionStatus
from indicators.models import Indicator, Programming, Report
from indicators.targets import TargetVersion
from objectives.locking import lock_plans_fed_by
from objectives.models import Closure, Plan

ONLY_REVIEWERS = gettext_lazy("Solo Planeación y los administradores proponen una reprogramación.")
ONLY_ADMINS = gettext_lazy("Solo un administrador aprueba o rechaza una reprogramación.")
FOUR_EYES = gettext_lazy(
    "Usted propuso esta reprogramación: otro administrador debe aprobarla o rechazarla "
    "(principio de los cuatro ojos)."
)
NOTHING_CHANGES = gettext_lazy(
    "La reprogramación no cambia nada: la programación, el total y la línea base son los vigentes."
)
CLOSED = gettext_lazy(
    "La vigencia %(year)s está cerrada: su programación es oficial y no se reprograma."
)
APPROVED_REPORTS = gettext_lazy(
    "La vigencia %(year)s ya tiene reportes aprobados: su programación cambia por una "
    "reprogramación, con el acto que la adopta y la aprobación de un administrador "
    "(botón «Reprogramar» en la página del indicador)."
)
NOT_PENDING = gettext_lazy("Esta reprogramación ya fue decidida: no está pendiente.")
ORIGINAL_REASON = gettext_lazy("Metas originales, antes de la primera reprogramación")


@dataclass(frozen=True)
class Targets:
    """An indicator's targets: programmed magnitude by vigencia, baseline and stated total."""

    programming: dict[int, Decimal]
    baseline: Decimal | None = None
    stated_total: Decimal | None = None


@dataclass(frozen=True)
class Act:
    """The administrative act that adopts a reprogramming."""

    kind: str = ""
    number: str = ""
    day: date | None = None
    file: UploadedFile | None = field(default=None, compare=False)


def current_targets(indicator: Indicator) -> Targets:
    """The targets in force: the indicator's own rows (one query)."""
    rows = Programming.objects.filter(indicator=indicator).values_list("year", "value")
    return Targets(dict(rows), indicator.baseline, indicator.stated_total)


def reprogrammed_years(before: Targets, after: Targets) -> list[int]:
    """The vigencias whose programming differs."""
    changed = set(before.programming) ^ set(after.programming)
    changed |= {y for y in after.programming if before.programming.get(y) != after.programming[y]}
    return sorted(changed)


def changed_years(before: Targets, after: Targets, years: range) -> list[int]:
    """The vigencias whose figures the change touches: those reprogrammed, and every one
    when the baseline or the stated total changes (they weigh on every year). A closed
    vigencia keeps its official figures either way."""
    if (before.baseline, before.stated_total) != (after.baseline, after.stated_total):
        return list(years)
    return reprogrammed_years(before, after)


def reprogramming_propose(
    *,
    user,
    indicator: Indicator,
    targets: Targets,
    reason: str,
    act: Act,
    effective_date: date | None = None,
) -> TargetVersion:
    """A new version of the indicator's targets: a proposal when a vigencia it changes has
    approved reports, else in force at once (approved by whoever made it)."""
    if not roles.can_review(user):
        raise PermissionDenied(ONLY_REVIEWERS)
    _require(reason, act)
    with transaction.atomic():
        plan_ids = lock_plans_fed_by(indicator)
        indicator = Indicator.objects.get(pk=indicator.pk)
        before = current_targets(indicator)
        years = _plan_years(plan_ids)
        changed = changed_years(before, targets, years)
        if not changed:
            raise ValidationError(NOTHING_CHANGES)
        _refuse_closed(plan_ids, reprogrammed_years(before, targets))
        original(indicator, before)
        version = _new_version(indicator, targets, reason, act, effective_date, user)
        if _has_approved_reports(plan_ids, changed):
            version.status = VersionStatus.PROPUESTA
            _sign(version, user, _("Propuesta: %(why)s") % {"why": _why(version)})
            version.save()
            return version
        _apply(version, user)
    return version


def reprogramming_approve(*, user, version: TargetVersion, note: str = "") -> TargetVersion:
    """An Administrador who did not propose it puts the proposal in force."""
    _may_decide(user, version)
    with transaction.atomic():
        plan_ids = lock_plans_fed_by(version.indicator_id)
        current = TargetVersion.objects.select_for_update().get(pk=version.pk)
        _pending(current)
        indicator = Indicator.objects.get(pk=current.indicator_id)
        targets = Targets(current.programmed, current.baseline, current.stated_total)
        _refuse_closed(plan_ids, reprogrammed_years(current_targets(indicator), targets))
        current.decision_note = note.strip()
        _apply(current, user)
    return current


def reprogramming_reject(*, user, version: TargetVersion, note: str) -> TargetVersion:
    """An Administrador who did not propose it turns the proposal down, saying why."""
    _may_decide(user, version)
    if not note.strip():
        raise ValidationError({"note": _("Escriba por qué se rechaza la reprogramación.")})
    with transaction.atomic():
        lock_plans_fed_by(version.indicator_id)
        current = TargetVersion.objects.select_for_update().get(pk=version.pk)
        _pending(current)
        current.status = VersionStatus.RECHAZADA
        current.approved_by = user
        current.decided_at = timezone.now()
        current.decision_note = note.strip()
        _sign(current, user, _("Rechazada: %(note)s") % {"note": current.decision_note})
        current.save()
    return current


def needs_proposal(plan_ids: list[int], year: int) -> None:
    """A direct edit of a vigencia's programming (``programming_save``) is refused once the
    vigencia has approved reports: from then on it is a reprogramming, with its act and an
    Administrador's approval."""
    if _has_approved_reports(plan_ids, [year]):
        raise ValidationError(APPROVED_REPORTS % {"year": year})


def version_record(*, user, indicator: Indicator, before: Targets, reason: str) -> TargetVersion:
    """A direct edit made by Planeación, recorded as a version in force (no act): the
    original targets are recorded first if this is the first change."""
    original(indicator, before)
    version = _new_version(indicator, current_targets(indicator), reason, Act(), None, user)
    version.approved_by, version.decided_at = user, version.proposed_at
    _sign(version, user, reason.strip())
    version.save()
    return version


def proposal_from_book(
    *, user, indicator: Indicator, targets: Targets, reason: str
) -> TargetVersion:
    """A book imported with programming that differs in a vigencia with approved reports:
    a proposal (no act yet) an Administrador decides on. The import holds the locks."""
    original(indicator, current_targets(indicator))
    version = _new_version(indicator, targets, reason, Act(), None, user)
    version.status = VersionStatus.PROPUESTA
    _sign(version, user, reason)
    version.save()
    return version


def original(indicator: Indicator, targets: Targets) -> TargetVersion:
    """The indicator's first version, recorded from its targets before the first change."""
    found = TargetVersion.objects.filter(indicator=indicator, number=1).first()
    if found is not None:
        return found
    return TargetVersion.objects.create(
        indicator=indicator,
        number=1,
        programming=_stored(targets.programming),
        baseline=targets.baseline,
        stated_total=targets.stated_total,
        reason=str(ORIGINAL_REASON),
        proposed_at=timezone.now(),
    )


def _new_version(indicator, targets, reason, act, effective_date, user) -> TargetVersion:
    latest = TargetVersion.objects.filter(indicator=indicator).aggregate(n=Max("number"))["n"]
    version = TargetVersion(
        indicator=indicator,
        number=(latest or 0) + 1,
        programming=_stored(targets.programming),
        baseline=targets.baseline,
        stated_total=targets.stated_total,
        reason=reason.strip(),
        act_kind=act.kind,
        act_number=act.number.strip(),
        act_date=act.day,
        effective_date=effective_date,
        proposed_by=user,
        proposed_at=timezone.now(),
    )
    if act.file is not None:
        version.act_file = act.file
    version.full_clean()
    return version


def _apply(version: TargetVersion, user) -> None:
    """Put the version's targets in force: the indicator's programming rows, baseline and
    stated total, each change in the audit history with the version's reason and act."""
    indicator = Indicator.objects.select_for_update().get(pk=version.indicator_id)
    why = _why(version)
    stored = {p.year: p for p in Programming.objects.filter(indicator=indicator)}
    for year, value in version.programmed.items():
        row = stored.get(year) or Programming(indicator=indicator, year=year, value=value)
        if row.pk is not None and row.value == value:
            continue
        if row.pk is not None:
            row.value, row.version = value, row.version + 1
        _save(row, user, why)
    for year in set(stored) - set(version.programmed):
        stored[year]._history_user, stored[year]._change_reason = user, why
        stored[year].delete()
    if (indicator.baseline, indicator.stated_total) != (version.baseline, version.stated_total):
        indicator.baseline, indicator.stated_total = version.baseline, version.stated_total
        indicator.version += 1
        _save(indicator, user, why)
    version.status = VersionStatus.APROBADA
    version.approved_by = user
    version.decided_at = timezone.now()
    note = f" · {version.decision_note}" if version.decision_note else ""
    _sign(version, user, _("Aprobada: %(why)s") % {"why": why} + note)
    version.save()


def _why(version: TargetVersion) -> str:
    """The reason with its act, as the audit history records it."""
    return f"{version.reason} ({version.act})" if version.act else version.reason


def _sign(record, user, why: str) -> None:
    record._history_user = user
    record._change_reason = why


def _save(record, user, why: str) -> None:
    _sign(record, user, why)
    record.full_clean()
    record.save()


def _stored(programming: dict[int, Decimal]) -> dict[str, str]:
    return {str(year): str(value) for year, value in sorted(programming.items())}


def _require(reason: str, act: Act) -> None:
    errors = {}
    if not reason.strip():
        errors["reason"] = _("Escriba el motivo de la reprogramación.")
    if not (act.kind and act.number.strip() and act.day):
        errors["act_number"] = _(
            "Una reprogramación se adopta por un acto: indique su tipo, número y fecha."
        )
    if errors:
        raise ValidationError(errors)


def _may_decide(user, version: TargetVersion) -> None:
    if not roles.is_admin(user):
        raise PermissionDenied(ONLY_ADMINS)
    if version.proposed_by_id == user.pk:
        raise PermissionDenied(FOUR_EYES)


def _pending(version: TargetVersion) -> None:
    if version.status != VersionStatus.PROPUESTA:
        raise ValidationError(NOT_PENDING)


def _plan_years(plan_ids: list[int]) -> range:
    plans = list(Plan.objects.filter(pk__in=plan_ids))
    if not plans:
        return range(0)
    return range(min(p.first_year for p in plans), max(p.last_year for p in plans) + 1)


def _refuse_closed(plan_ids: list[int], years: list[int]) -> None:
    closed = Closure.objects.closed().filter(plan__in=plan_ids, year__in=years).years()
    if closed:
        raise ValidationError(CLOSED % {"year": min(closed)})


def _has_approved_reports(plan_ids: list[int], years: list[int]) -> bool:
    """Whether a vigencia the change touches has approved reports in the plans."""
    reports = Report.objects.counted().filter(year__in=years)
    return reports.filter(indicator__weights__objective__plan__in=plan_ids).exists()
