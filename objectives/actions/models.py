"""Improvement actions (acciones de mejora, the MIPG plan de mejoramiento): what Planeación or
a Responsable commits to when an indicator falls behind, followed until it is closed. Audited
like reports. Registered with the app by ``objectives.models``; closing a vigencia leaves them
alone, so open ones carry on."""

from datetime import date

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from indicators import limits
from indicators.choices import Corte
from indicators.models import Indicator, at_most, audited
from objectives.choices import ActionStatus

STORED = [ActionStatus.ABIERTA, ActionStatus.EN_CURSO, ActionStatus.CUMPLIDA]


class ActionQuerySet(models.QuerySet):
    def still_open(self) -> "ActionQuerySet":
        return self.exclude(status=ActionStatus.CUMPLIDA)

    def overdue(self, today: date) -> "ActionQuerySet":
        return self.still_open().filter(due_on__lt=today)


class ImprovementAction(models.Model):
    plan = models.ForeignKey(
        "objectives.Plan", on_delete=models.CASCADE, related_name="improvement_actions"
    )
    indicator = models.ForeignKey(
        Indicator,
        on_delete=models.PROTECT,
        related_name="improvement_actions",
        verbose_name=_("indicador"),
    )
    year = models.PositiveSmallIntegerField(_("vigencia"))
    corte = models.PositiveSmallIntegerField(_("corte"), choices=Corte.choices)
    cause = models.TextField(_("causa"), validators=at_most(limits.LONG_TEXT))
    action = models.TextField(_("acción"), validators=at_most(limits.LONG_TEXT))
    responsible = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="improvement_actions",
        verbose_name=_("responsable"),
    )
    dependency = models.CharField(_("dependencia"), max_length=200)
    starts_on = models.DateField(_("inicio"))
    due_on = models.DateField(_("fecha límite"))
    status = models.CharField(
        _("estado"),
        max_length=12,
        choices=[(s.value, s.label) for s in STORED],
        default=ActionStatus.ABIERTA,
    )
    closing_note = models.TextField(
        _("nota de cierre"), blank=True, validators=at_most(limits.LONG_TEXT)
    )
    closed_at = models.DateTimeField(_("cerrada"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("abierta"), auto_now_add=True)
    version = models.PositiveIntegerField(_("versión"), default=1)
    history = audited()

    objects = ActionQuerySet.as_manager()

    class Meta:
        verbose_name = _("acción de mejora")
        verbose_name_plural = _("acciones de mejora")
        ordering = ["due_on", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(due_on__gte=F("starts_on")),
                name="action_due_after_start",
                violation_error_message=_("La fecha límite no puede ser anterior al inicio."),
            ),
            models.CheckConstraint(condition=Q(status__in=STORED), name="action_status_stored"),
        ]

    def __str__(self) -> str:
        return f"{self.indicator} · {self.year} · {self.get_status_display()}"

    def shown_status(self, today: date) -> str:
        """Its status as pages show it: vencida when still open past its due date."""
        if self.status != ActionStatus.CUMPLIDA and self.due_on < today:
            return ActionStatus.VENCIDA
        return self.status


class FollowUp(models.Model):
    """A follow-up entry of an action, with its evidence (a file or a link)."""

    improvement = models.ForeignKey(
        ImprovementAction, on_delete=models.CASCADE, related_name="follow_ups"
    )
    note = models.TextField(_("seguimiento"), validators=at_most(limits.LONG_TEXT))
    evidence = models.FileField(_("evidencia"), upload_to="acciones/%Y/", blank=True)
    link = models.URLField(_("enlace de evidencia"), blank=True, max_length=500)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("fecha"), auto_now_add=True)
    history = audited()

    class Meta:
        verbose_name = _("seguimiento de una acción")
        verbose_name_plural = _("seguimientos de acciones")
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return f"{self.improvement} · {self.created_at:%d/%m/%Y}"
