"""Writes of the transparency portal: publish and unpublish a corte, switch a plan's portal on or
off, mark evidence public. Each is atomic, checks its permission on the server, and leaves its
trace in the model's history (who, when, why)."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from indicators import roles
from indicators.choices import Corte, ReportStatus
from indicators.models import Evidence, Report
from objectives.figures import compliance_snapshot
from objectives.models import Closure, Plan, Publication


def _refuse_unless_reviewer(user) -> None:
    if not roles.can_review(user):
        raise PermissionDenied


def corte_publish(*, user, plan: Plan, year: int, corte: int) -> Publication:
    """Freeze the corte's official figures and show them on the portal."""
    _refuse_unless_reviewer(user)
    if year not in plan.years or corte not in Corte.values:
        raise ValidationError(_("Ese corte no pertenece a las vigencias del plan."))
    with transaction.atomic():
        if year in Closure.objects.closed().filter(plan=plan).years():
            raise ValidationError(
                _(
                    "La vigencia %(year)s está cerrada: el portal ya muestra sus cifras "
                    "oficiales del cierre."
                )
                % {"year": year}
            )
        approved = Report.objects.filter(
            status=ReportStatus.APROBADO,
            year=year,
            corte__lte=corte,
            indicator__weights__objective__plan=plan,
        )
        if not approved.exists():
            raise ValidationError(
                _(
                    "El corte %(corte)s de %(year)s no tiene reportes aprobados: no hay cifras "
                    "que publicar. Apruebe los reportes en «Mi trabajo» y vuelva a intentarlo."
                )
                % {"corte": Corte(corte).label, "year": year}
            )
        current = Publication.objects.select_for_update().filter(plan=plan, year=year, corte=corte)
        publication = current.first() or Publication(plan=plan, year=year, corte=corte)
        if publication.pk and publication.is_published:
            raise ValidationError(
                _("El corte %(corte)s de %(year)s ya está publicado.")
                % {"corte": Corte(corte).label, "year": year}
            )
        publication.is_published = True
        publication.snapshot = compliance_snapshot(plan, year, corte)
        publication.published_by = user
        publication.published_at = timezone.now()
        publication.reason = ""
        publication._history_user = user
        publication._change_reason = _("Publicación del corte")
        publication.save()
    return publication


def corte_unpublish(*, user, publication: Publication, reason: str) -> Publication:
    """Take a corte off the portal; the reason stays in the history."""
    _refuse_unless_reviewer(user)
    if not reason.strip():
        raise ValidationError({"reason": _("Retirar un corte publicado exige un motivo.")})
    with transaction.atomic():
        current = Publication.objects.select_for_update().get(pk=publication.pk)
        if not current.is_published:
            raise ValidationError(_("Ese corte ya no está publicado."))
        current.is_published = False
        current.reason = reason.strip()
        current._history_user = user
        current._change_reason = reason.strip()
        current.save()
    return current


def plan_portal_set(*, user, plan: Plan, public: bool) -> Plan:
    """Switch the plan's page on the transparency portal on or off."""
    _refuse_unless_reviewer(user)
    plan.public = public
    plan.save(update_fields=["public"])
    return plan


def evidence_visibility_set(*, user, evidence: Evidence, public: bool) -> Evidence:
    """Mark evidence public (downloadable from the portal once its report's figures are
    official) or private again."""
    _refuse_unless_reviewer(user)
    evidence.is_public = public
    evidence.save(update_fields=["is_public"])
    return evidence
